"""The media kit's profile and last choices (kept in `setting` under `mediakit.*`), and reading a kit's record."""

import json
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from companion.core.accounts import Account
from companion.core.content import PostEngagement, post_engagement
from companion.core.mediakit import (
    GROWTH_DAYS,
    TOP_POSTS_DAYS,
    KitRecord,
    MediaKit,
    build_media_kit,
)
from companion.core.mediakit_profile import (
    ALL_SECTIONS,
    ChosenPost,
    KitChoices,
    KitProfile,
    KitSection,
    Paper,
    RateCardItem,
    Testimonial,
    kit_themes,
)
from companion.core.resources import load_json
from companion.store.accounts import list_accounts
from companion.store.audience import breakdowns_of
from companion.store.database import Store
from companion.store.posts import get_post
from companion.store.reports import account_reports, posts_from
from companion.store.settings import load_settings
from companion.store.snapshots import follower_history

PROFILE_KEY = "mediakit.profile"
CHOICES_KEY = "mediakit.choices"
DEMO_PROFILE_FILE = "mediakit/demo_profile.json"
_TEXT_FIELDS = ("name", "niche", "location", "bio", "email", "website")

# Only the brand's name, and only for deals the creator marked shareable: a kit never reads
# fees, contacts, emails, addresses or notes, so no layout can leak them.
_SHAREABLE_PARTNERS = """
SELECT brand.name FROM deal JOIN brand ON brand.id = deal.brand_id
WHERE deal.shareable = 1
GROUP BY brand.id ORDER BY max(deal.updated) DESC, brand.name
"""


def load_profile(store: Store) -> KitProfile:
    """The saved profile; a missing or unreadable part falls back to empty."""
    saved = _load(store, PROFILE_KEY)
    if not isinstance(saved, dict):
        return KitProfile()
    texts = {name: str(saved.get(name) or "") for name in _TEXT_FIELDS}
    photo = saved.get("photo_path")
    return KitProfile(
        **texts,
        photo_path=str(photo) if photo else None,
        rate_card=tuple(
            item for row in _rows(saved, "rate_card") if (item := _rate(row)) is not None
        ),
        testimonials=tuple(
            Testimonial(str(row.get("quote", "")), str(row.get("attribution", "")))
            for row in _rows(saved, "testimonials")
        ),
        top_posts=tuple(
            ChosenPost(
                int(row["post_id"]), str(row["image_path"]) if row.get("image_path") else None
            )
            for row in _rows(saved, "top_posts")
            if isinstance(row.get("post_id"), int)
        ),
    )


def save_profile(store: Store, profile: KitProfile) -> None:
    value = {name: getattr(profile, name) for name in _TEXT_FIELDS}
    value["photo_path"] = profile.photo_path
    value["rate_card"] = [
        {
            "deliverable": item.deliverable,
            "price": str(item.price),
            "currency": item.currency,
            "note": item.note,
        }
        for item in profile.rate_card
    ]
    value["testimonials"] = [
        {"quote": t.quote, "attribution": t.attribution} for t in profile.testimonials
    ]
    value["top_posts"] = [
        {"post_id": p.post_id, "image_path": p.image_path} for p in profile.top_posts
    ]
    _save(store, PROFILE_KEY, value)


def demo_profile_row() -> dict[str, str]:
    """The demo creator's kit profile as a `setting` row, for the demo to write with its records:
    a demo kit with a bio, rates and testimonials shows every section a creator can fill."""
    return {"key": PROFILE_KEY, "value": json.dumps(load_json(DEMO_PROFILE_FILE)["profile"])}


def load_choices(store: Store) -> KitChoices:
    """The last choices; anything unknown (a removed theme, a stranger section) is left at its default."""
    saved = _load(store, CHOICES_KEY)
    if not isinstance(saved, dict):
        return KitChoices()
    defaults = KitChoices()
    accounts = saved.get("accounts")
    sections = [s for s in saved.get("sections") or [] if s in {k.value for k in KitSection}]
    theme = saved.get("theme")
    paper = saved.get("paper")
    return KitChoices(
        accounts=tuple(a for a in accounts if isinstance(a, int))
        if isinstance(accounts, list)
        else None,
        sections=tuple(s for s in KitSection if s.value in sections) if sections else ALL_SECTIONS,
        theme=theme if theme in {t.id for t in kit_themes()} else defaults.theme,
        paper=Paper(paper) if paper in {p.value for p in Paper} else defaults.paper,
    )


def save_choices(store: Store, choices: KitChoices) -> None:
    _save(
        store,
        CHOICES_KEY,
        {
            "accounts": list(choices.accounts) if choices.accounts is not None else None,
            "sections": [s.value for s in choices.sections],
            "theme": choices.theme,
            "paper": choices.paper.value,
        },
    )


def shareable_partners(store: Store) -> list[str]:
    """Brands of deals marked shareable, most recent first: their names and nothing else."""
    return [row["name"] for row in store.query(_SHAREABLE_PARTNERS)]


def chosen_accounts(store: Store, choices: KitChoices) -> list[Account]:
    """The accounts the kit covers: the chosen ones still in the record, or all of them."""
    accounts = list_accounts(store)
    if choices.accounts is None:
        return accounts
    return [a for a in accounts if a.id in choices.accounts]


def load_kit_record(
    store: Store, choices: KitChoices, profile: KitProfile, today: date
) -> KitRecord:
    """Everything a kit needs from the record, read in one pass."""
    accounts = chosen_accounts(store, choices)
    since = today - timedelta(days=max(TOP_POSTS_DAYS, GROWTH_DAYS))
    chosen = {
        pick.post_id: post
        for pick in profile.top_posts
        if (post := get_post(store, pick.post_id)) is not None
    }
    return KitRecord(
        today=today,
        reports=account_reports(store, load_settings(store), today, accounts, since),
        histories={a.id: follower_history(store, a.id) for a in accounts},
        recent_posts={a.id: posts_from(store, a.id, since) for a in accounts},
        chosen_posts=chosen,
        breakdowns={a.id: breakdowns_of(store, a.id) for a in accounts},
        partners=shareable_partners(store),
    )


def _load(store: Store, key: str) -> Any:
    rows = store.query("SELECT value FROM setting WHERE key = ?", (key,))
    if not rows:
        return None
    try:
        return json.loads(rows[0]["value"])
    except json.JSONDecodeError:
        return None


def _save(store: Store, key: str, value: Any) -> None:
    with store.transaction():
        store.db["setting"].upsert({"key": key, "value": json.dumps(value)}, pk="key")


def _rows(saved: dict[str, Any], key: str) -> list[dict[str, Any]]:
    rows = saved.get(key)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _rate(row: dict[str, Any]) -> RateCardItem | None:
    try:
        price = Decimal(str(row.get("price")))
    except InvalidOperation:
        return None
    return RateCardItem(
        str(row.get("deliverable", "")),
        price,
        str(row.get("currency") or "USD"),
        str(row.get("note") or ""),
    )


def load_media_kit(store: Store, choices: KitChoices, today: date) -> MediaKit:
    """The kit the saved profile and these choices make from the record on `today`."""
    profile = load_profile(store)
    return build_media_kit(load_kit_record(store, choices, profile, today), profile, choices)


def posts_to_choose(
    store: Store, accounts: list[Account], today: date, days: int = TOP_POSTS_DAYS
) -> list[PostEngagement]:
    """The accounts' posts of the last `days` days with their ER, best first: what the kit's
    top posts are picked from."""
    since = today - timedelta(days=days)
    rated = [
        post_engagement(post, history)
        for account in accounts
        for history in (follower_history(store, account.id),)
        for post in posts_from(store, account.id, since)
    ]
    return sorted(rated, key=lambda r: (r.by_followers is None, -(r.by_followers or 0.0)))
