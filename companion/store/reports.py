"""Loading what an account report needs from the store and handing it to the core."""

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from companion.core.accounts import Account
from companion.core.growth import PACE_DAYS
from companion.core.posts import Post, PostKind
from companion.core.report import AVERAGE_WINDOWS, SPARKLINE_DAYS, AccountReport, account_report
from companion.core.settings import Settings
from companion.core.tiers import TierThresholds
from companion.store.accounts import list_accounts
from companion.store.database import Store
from companion.store.records import RecordCounts, record_counts
from companion.store.snapshots import follower_history

DASHBOARD_WEEKS = 13
"""The Dashboard's weekly engagement: this week so far and the twelve whole weeks before it."""

# account_report looks back at most this far from `today`, or from the newest snapshot: the
# 90-day change, the 90-day pace of the projection, and the 90-day sparkline.
REPORT_LOOKBACK_DAYS = max(PACE_DAYS, SPARKLINE_DAYS, *AVERAGE_WINDOWS)

# In Post's field order, so a row is a Post once its time and kind are parsed. Tuples rather
# than store.query's dicts: the Dashboard reads every recent post on each reload.
POSTS_FROM_QUERY = """
SELECT account_id, published_at, kind, id, platform_post_id, caption, url, likes, comments,
       shares, saves, views, reach, impressions, source
FROM post WHERE account_id = ? AND published_at >= ? ORDER BY published_at, id
"""
_KINDS = {kind.value: kind for kind in PostKind}

FollowerHistory = list[tuple[date, int]]


def find_accounts(store: Store, handle: str | None = None) -> list[Account]:
    """All accounts, or those whose handle matches (case and a leading "@" ignored).

    "youtube:@nina" narrows to one platform, for a handle used on several.
    """
    accounts = list_accounts(store)
    if handle is None:
        return accounts
    platform, _, name = handle.rpartition(":")
    wanted = name.lstrip("@").casefold()
    return [
        a
        for a in accounts
        if a.handle.lstrip("@").casefold() == wanted
        and (not platform or str(a.platform) == platform.casefold())
    ]


def account_reports(
    store: Store,
    settings: Settings,
    today: date,
    accounts: list[Account] | None = None,
    posts_since: date | None = None,
) -> list[AccountReport]:
    """A report per account (all of them unless given), on posts from `posts_since` on."""
    return [
        account_report(
            account,
            follower_history(store, account.id),
            posts_from(store, account.id, posts_since),
            settings.thresholds,
            today,
        )
        for account in (accounts if accounts is not None else list_accounts(store))
    ]


def posts_from(store: Store, account_id: int, since: date | None = None) -> list[Post]:
    """An account's posts published from the start of `since` (UTC) on, or all; oldest first."""
    start = datetime.combine(since, time.min, UTC).isoformat() if since else ""
    rows = store.conn.execute(POSTS_FROM_QUERY, (account_id, start)).fetchall()
    return [
        Post(account, datetime.fromisoformat(published), _KINDS.get(kind, PostKind.POST), *rest)
        for account, published, kind, *rest in rows
    ]


@dataclass(frozen=True)
class DashboardRecord:
    """What the Dashboard reads from the store on each reload; tiers are applied afterwards."""

    today: date
    posts_since: date
    accounts: list[Account]
    histories: dict[int, FollowerHistory]
    """Each account's whole (date, followers) history, oldest first: the followers chart's."""
    posts: dict[int, list[Post]]
    """Each account's posts from `posts_since` on, oldest first."""
    counts: RecordCounts

    @property
    def empty(self) -> bool:
        return not self.accounts


def dashboard_posts_since(today: date) -> date:
    """The Monday that starts the Dashboard's weekly engagement, so its first week is whole."""
    return today - timedelta(days=today.weekday(), weeks=DASHBOARD_WEEKS - 1)


def load_dashboard(store: Store, today: date) -> DashboardRecord:
    """Everything the Dashboard shows, read in one pass: two queries per account and two more."""
    accounts = list_accounts(store)
    histories = {account.id: follower_history(store, account.id) for account in accounts}
    return complete_dashboard(store, today, accounts, histories)


def complete_dashboard(
    store: Store, today: date, accounts: list[Account], histories: dict[int, FollowerHistory]
) -> DashboardRecord:
    """The record from the accounts and follower histories already read (the Dashboard reads
    them before its first paint): their recent posts and the record's counts are added."""
    since = dashboard_posts_since(today)
    return DashboardRecord(
        today=today,
        posts_since=since,
        accounts=accounts,
        histories=histories,
        posts={account.id: posts_from(store, account.id, since) for account in accounts},
        counts=record_counts(store),
    )


def dashboard_reports(record: DashboardRecord, thresholds: TierThresholds) -> list[AccountReport]:
    """Each account's report under these tier thresholds, from what was read (no query)."""
    return [
        account_report(
            account,
            report_history(record.histories[account.id], record.today, record.posts_since),
            record.posts[account.id],
            thresholds,
            record.today,
        )
        for account in record.accounts
    ]


def report_history(
    history: FollowerHistory, today: date, posts_since: date
) -> Sequence[tuple[date, int]]:
    """The part of a long history that account_report reads, for posts from `posts_since` on.

    It starts at the last snapshot on or before the earliest day the report looks at, so
    every change, pace and post's follower count comes out as from the whole history,
    without walking ten years of it.
    """
    if not history:
        return history
    lookback = timedelta(days=REPORT_LOOKBACK_DAYS)
    earliest = min(posts_since, today - lookback, history[-1][0] - lookback)
    start = bisect.bisect_right(history, earliest, key=_day) - 1
    return history[max(start, 0) :]


def _day(snapshot: tuple[date, int]) -> date:
    return snapshot[0]
