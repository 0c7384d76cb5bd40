"""Everything the Dashboard and `companion stats` say about one account, computed from its record."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from statistics import fmean
from typing import Any

from companion.core.accounts import Account, AccountStanding, Snapshot, standing_of
from companion.core.benchmarks import BenchmarkMatch, benchmark_for
from companion.core.content import (
    PostEngagement,
    SlotResult,
    best_hours,
    best_weekdays,
    by_kind,
    post_engagement,
    top_posts,
)
from companion.core.engagement import (
    DEFAULT_MIN_POSTS,
    DEFAULT_WINDOW_DAYS,
    PeriodEngagement,
    period_engagement,
)
from companion.core.growth import Change, average_daily_growth, projected_date, recent_change
from companion.core.posts import Post
from companion.core.tiers import TierThresholds

AVERAGE_WINDOWS = (7, 30, 90)
SPARKLINE_DAYS = 90


@dataclass(frozen=True)
class EngagementSummary:
    """An account's ER over the window, and the tier benchmark it is compared with."""

    by_followers: PeriodEngagement
    by_reach: PeriodEngagement
    by_views: PeriodEngagement
    benchmark: BenchmarkMatch | None
    window_days: int

    @property
    def above_benchmark(self) -> bool | None:
        """True above, False below, None when either side is unknown."""
        mean = self.by_followers.mean
        if mean is None or self.benchmark is None:
            return None
        return mean >= self.benchmark.benchmark.engagement_rate


@dataclass(frozen=True)
class AccountReport:
    account: Account
    today: date
    standing: AccountStanding | None
    changes: dict[int, Change | None]
    """Change over the last 1, 7, 30 and 90 days."""
    average_daily_growth: dict[int, float | None]
    """Followers per day over the last 7, 30 and 90 days."""
    projected_next_tier: date | None
    engagement: EngagementSummary
    recent_followers: list[tuple[date, int]]
    weekly_engagement: list[tuple[date, float]]
    """(Monday of the week, mean ER by followers of that week's posts)."""
    top_posts: list[PostEngagement]
    best_weekdays: list[SlotResult]
    best_hours: list[SlotResult]
    kinds: list[SlotResult]


def account_report(
    account: Account,
    history: Sequence[tuple[date, int]],
    posts: Sequence[Post],
    thresholds: TierThresholds,
    today: date,
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    min_posts: int = DEFAULT_MIN_POSTS,
    zone: tzinfo | None = None,
) -> AccountReport:
    """The account's figures on `today` from its (date, followers) history, oldest first,
    and its posts (all of them, or those of a recent window: best times and weekly
    engagement cover the posts given)."""
    standing = (
        standing_of(account, Snapshot(account.id, *history[-1]), thresholds) if history else None
    )
    rated = [post_engagement(post, history) for post in posts]
    window_start = today - timedelta(days=window_days)
    recent = [r for r in rated if window_start < r.post.published_at.date() <= today]
    target = (
        standing.followers + standing.followers_to_next
        if standing and standing.followers_to_next
        else None
    )
    return AccountReport(
        account=account,
        today=today,
        standing=standing,
        changes={days: recent_change(history, days, today) for days in (1, 7, 30, 90)},
        average_daily_growth={d: average_daily_growth(history, d, today) for d in AVERAGE_WINDOWS},
        projected_next_tier=projected_date(history, target) if target else None,
        engagement=EngagementSummary(
            by_followers=period_engagement([r.by_followers for r in recent], min_posts),
            by_reach=period_engagement([r.by_reach for r in recent], min_posts),
            by_views=period_engagement([r.by_views for r in recent], min_posts),
            benchmark=benchmark_for(standing.tier, account.platform) if standing else None,
            window_days=window_days,
        ),
        recent_followers=[p for p in history if (today - p[0]).days < SPARKLINE_DAYS],
        weekly_engagement=weekly_engagement(rated),
        top_posts=top_posts(recent, key=lambda r: r.by_followers),
        best_weekdays=best_weekdays(rated, zone),
        best_hours=best_hours(rated, zone),
        kinds=by_kind(rated),
    )


def weekly_engagement(rated: Sequence[PostEngagement]) -> list[tuple[date, float]]:
    """Mean ER by followers per ISO week (weeks without a rated post are left out)."""
    weeks: dict[date, list[float]] = defaultdict(list)
    for item in rated:
        if item.by_followers is not None:
            day = item.post.published_at.date()
            weeks[day - timedelta(days=day.weekday())].append(item.by_followers)
    return [(week, fmean(rates)) for week, rates in sorted(weeks.items())]


def report_as_dict(report: AccountReport) -> dict[str, Any]:
    """The report as plain JSON-ready values, for `companion stats --json`."""
    standing = report.standing
    engagement = report.engagement
    benchmark = engagement.benchmark
    return {
        "platform": str(report.account.platform),
        "handle": report.account.handle,
        "as_of": standing.as_of.isoformat() if standing else None,
        "followers": standing.followers if standing else None,
        "tier": str(standing.tier) if standing else None,
        "next_tier": str(standing.next_tier) if standing and standing.next_tier else None,
        "followers_to_next_tier": standing.followers_to_next if standing else None,
        "projected_next_tier_on": _iso(report.projected_next_tier),
        "change": {f"{days}d": _change_dict(change) for days, change in report.changes.items()},
        "average_daily_growth": {f"{d}d": v for d, v in report.average_daily_growth.items()},
        "engagement": {
            "window_days": engagement.window_days,
            "by_followers": _period_dict(engagement.by_followers),
            "by_reach": _period_dict(engagement.by_reach),
            "by_views": _period_dict(engagement.by_views),
            "benchmark": (
                {
                    "engagement_rate": benchmark.benchmark.engagement_rate,
                    "source": benchmark.benchmark.source,
                    "same_platform": benchmark.same_platform,
                }
                if benchmark
                else None
            ),
            "above_benchmark": engagement.above_benchmark,
        },
        "top_posts": [
            {
                "published_at": item.post.published_at.isoformat(),
                "kind": str(item.post.kind),
                "caption": item.post.caption,
                "engagement_rate": item.by_followers,
            }
            for item in report.top_posts
        ],
        "best_weekdays": [_slot_dict(s) for s in report.best_weekdays],
        "best_hours": [_slot_dict(s) for s in report.best_hours],
        "kinds": [_slot_dict(s) for s in report.kinds],
    }


def _change_dict(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "from": change.start.isoformat(),
        "to": change.end.isoformat(),
        "absolute": change.absolute,
        "percent": change.percent,
        "missing_days": change.missing_days,
    }


def _period_dict(period: PeriodEngagement) -> dict[str, Any]:
    return {"mean": period.mean, "median": period.median, "posts": period.posts_counted}


def _slot_dict(slot: SlotResult) -> dict[str, Any]:
    return {"slot": slot.slot, "posts": slot.posts, "median_engagement_rate": slot.median_rate}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
