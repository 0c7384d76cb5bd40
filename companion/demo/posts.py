"""The demo's posts: when each account posts, what kind, and each post as a row with its metrics."""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.demo.accounts import AccountPlan
from companion.demo.metrics import METRICS_BY_PLATFORM
from companion.demo.post_text import platform_post_id, post_caption, post_url
from companion.demo.randomness import part_rng
from companion.demo.rows import SOURCE, Row
from companion.demo.timeline import (
    POSTING_HOUR_WEIGHTS,
    POSTING_HOURS,
    POSTING_WEEKDAYS,
    Timeline,
    timing_factor,
    viral_factor,
)


@dataclass
class PlannedPost:
    """A post before it becomes a row: scheduled first, some then pinned to a deal or a role."""

    account: AccountPlan
    published: datetime
    kind: PostKind
    caption: str | None = None
    lift: float = 1.0
    id: int | None = None


def posting_schedule(
    seed: int, account: AccountPlan, count: int, timeline: Timeline
) -> list[PlannedPost]:
    """`count` posts spread evenly over the history (never today), on her favourite days and hours."""
    rng = part_rng(seed, "schedule", account.platform)
    first = timeline.days[0]
    span = len(timeline.days) - 1
    kinds, kind_weights = zip(*account.kinds, strict=True)
    posts = []
    for slot in range(count):
        start = math.floor(span * slot / count)
        end = max(start + 1, math.floor(span * (slot + 1) / count))
        candidates = [first + timedelta(days=offset) for offset in range(start, end)]
        weights = [POSTING_WEEKDAYS[day.weekday()] for day in candidates]
        day = rng.choices(candidates, weights)[0]
        hour = rng.choices(POSTING_HOURS, POSTING_HOUR_WEIGHTS)[0]
        published = datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=UTC)
        posts.append(PlannedPost(account, published, rng.choices(kinds, kind_weights)[0]))
    posts.sort(key=lambda post: post.published)
    return posts


def post_rows(
    seed: int,
    account_ids: dict[Platform, int],
    schedules: dict[Platform, list[PlannedPost]],
    followers: dict[Platform, dict[date, int]],
    viral_start: date,
) -> list[Row]:
    """Every post as a row, numbered in publishing order (as an import would number them)."""
    everything = sorted(
        (post for posts in schedules.values() for post in posts),
        key=lambda post: (post.published, account_ids[post.account.platform]),
    )
    rows = []
    used_ids: dict[Platform, set[str]] = {platform: set() for platform in schedules}
    for number, post in enumerate(everything, start=1):
        post.id = number
        rows.append(_post_row(seed, post, account_ids, followers, used_ids, viral_start))
    return rows


def _post_row(
    seed: int,
    post: PlannedPost,
    account_ids: dict[Platform, int],
    followers: dict[Platform, dict[date, int]],
    used_ids: dict[Platform, set[str]],
    viral_start: date,
) -> Row:
    account = post.account
    platform = account.platform
    rng = part_rng(seed, "post", platform, post.published.isoformat(), post.id)
    post_id = platform_post_id(rng, platform)
    while post_id in used_ids[platform]:
        post_id = platform_post_id(rng, platform)
    used_ids[platform].add(post_id)
    day = post.published.date()
    # Posts in the viral week ride the wave too, though less than the account's daily reach.
    viral_lift = viral_factor(account, day, viral_start) ** 0.5
    lift = post.lift * timing_factor(post.published) * viral_lift
    metrics = METRICS_BY_PLATFORM[platform](rng, post.kind, followers[platform][day], lift)
    return {
        "id": post.id,
        "account_id": account_ids[platform],
        "platform_post_id": post_id,
        "published_at": post.published.isoformat(),
        "kind": post.kind.value,
        "caption": post.caption or post_caption(rng, platform, post.kind),
        "url": post_url(account, post.kind, post_id),
        **metrics,
        "source": SOURCE,
    }
