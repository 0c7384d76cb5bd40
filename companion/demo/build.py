"""Putting the demo together: every row in memory, then written in one transaction."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from companion.demo.accounts import AccountPlan, DemoScale, creator
from companion.demo.audience import audience_rows
from companion.demo.captions import caption_rows
from companion.demo.deals import brand_rows, deal_rows, deliverable_rows
from companion.demo.pinning import pin_posts
from companion.demo.posts import post_rows, posting_schedule
from companion.demo.randomness import split_by_weight
from companion.demo.rows import Row
from companion.demo.snapshots import follower_curve, snapshot_rows
from companion.demo.subtitles import subtitle_path, subtitled_reel, write_subtitle_file
from companion.demo.timeline import Timeline, make_timeline
from companion.store.database import Store
from companion.store.errors import StoreError
from companion.store.mediakit import demo_profile_row
from companion.store.records import has_records

DEMO_SEED = 2024_06_11
INSERT_BATCH = 1000


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind the demo wrote."""

    accounts: int
    snapshots: int
    posts: int
    audience_rows: int
    brands: int
    deals: int
    deliverables: int
    captions: int
    subtitle_files: int

    def describe(self) -> str:
        """One line for the status bar or the terminal."""
        return ", ".join(
            [
                _count(self.accounts, "account"),
                _count(self.snapshots, "daily snapshot"),
                _count(self.posts, "post"),
                _count(self.brands, "brand"),
                _count(self.deals, "deal"),
                _count(self.captions, "caption draft"),
                _count(self.subtitle_files, "subtitle file"),
            ]
        )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


@dataclass
class DemoRecord:
    """Every demo row, table by table in the order foreign keys need, plus the subtitle row."""

    tables: dict[str, list[Row]] = field(default_factory=dict)
    subtitled_post_id: int | None = None

    def summary(self, subtitle_files: int) -> DemoSummary:
        return DemoSummary(
            accounts=len(self.tables["account"]),
            snapshots=len(self.tables["snapshot"]),
            posts=len(self.tables["post"]),
            audience_rows=len(self.tables["audience"]),
            brands=len(self.tables["brand"]),
            deals=len(self.tables["deal"]),
            deliverables=len(self.tables["deliverable"]),
            captions=len(self.tables["caption"]),
            subtitle_files=subtitle_files,
        )


def build_demo(scale: int = 1, seed: int = DEMO_SEED, today: date | None = None) -> DemoRecord:
    """All demo rows in memory, without touching a database or a file."""
    today = today or date.today()
    size = DemoScale.of(scale)
    timeline = make_timeline(today, size.days)
    accounts = size.accounts
    account_ids = {account.platform: number for number, account in enumerate(accounts, start=1)}
    post_counts = split_by_weight(size.posts, [account.post_weight for account in accounts])
    schedules = {
        account.platform: posting_schedule(seed, account, count, timeline)
        for account, count in zip(accounts, post_counts, strict=True)
    }
    pinned = pin_posts(schedules, timeline)
    viral_start = pinned.viral.published.date()

    followers = {
        account.platform: dict(
            zip(timeline.days, follower_curve(seed, account, timeline, viral_start), strict=True)
        )
        for account in accounts
    }
    record = DemoRecord()
    record.tables["account"] = [
        _account_row(account_ids[account.platform], account, timeline) for account in accounts
    ]
    record.tables["snapshot"] = [
        row
        for account in accounts
        for row in snapshot_rows(
            seed,
            account_ids[account.platform],
            account,
            timeline,
            list(followers[account.platform].values()),
            schedules[account.platform],
            viral_start,
        )
    ]
    record.tables["post"] = post_rows(seed, account_ids, schedules, followers, viral_start)
    record.tables["audience"] = [
        row
        for account in accounts
        for row in audience_rows(seed, account_ids[account.platform], account, timeline)
    ]
    record.tables["brand"] = brand_rows()
    record.tables["deal"] = deal_rows(today)
    linked = {key: post.id for key, post in pinned.sponsored.items() if post.id is not None}
    record.tables["deliverable"] = deliverable_rows(today, linked)
    record.tables["caption"] = caption_rows(today, pinned.subtitled.published.date())
    record.subtitled_post_id = pinned.subtitled.id
    return record


def _account_row(account_id: int, account: AccountPlan, timeline: Timeline) -> Row:
    return {
        "id": account_id,
        "platform": account.platform.value,
        "handle": account.handle,
        "display_name": account.display_name,
        "niche": creator().niche,
        # The creator started keeping her record on the first day of the history.
        "created": datetime.combine(timeline.days[0], time(9, 30), tzinfo=UTC).isoformat(),
    }


def generate_demo(
    store: Store, scale: int = 1, seed: int = DEMO_SEED, today: date | None = None
) -> DemoSummary:
    """Fill an empty database with the demo creator, in one transaction; see `companion.demo`.

    Raises StoreError if the database already holds records: the demo never mixes with real data.
    """
    if has_records(store):
        raise StoreError(
            f"{store.path.name} already holds data; the demo goes into a new or empty database.",
            store.path,
        )
    record = build_demo(scale, seed, today)
    vtt_path = subtitle_path(store)
    with store.transaction():
        for table, rows in record.tables.items():
            store.db[table].insert_all(rows, batch_size=INSERT_BATCH)
        # Her media kit profile (bio, contact, rates, testimonials): a demo kit shows every section.
        store.db["setting"].upsert(demo_profile_row(), pk="key")
        write_subtitle_file(vtt_path)
        store.db["subtitle_file"].insert(
            {
                "id": 1,
                "path": str(vtt_path),
                "video_title": subtitled_reel().video_title,
                "language": "en",
                "post_id": record.subtitled_post_id,
                "last_checked": None,
                "last_check_summary": None,
            }
        )
    return record.summary(subtitle_files=1)
