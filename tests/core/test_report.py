"""Account reports on constructed histories with known answers."""

from datetime import UTC, date, datetime, timedelta

import pytest

from companion.core.accounts import Account
from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.core.report import account_report, report_as_dict, weekly_engagement
from companion.core.tiers import Tier, default_preset
from companion.exporters.text_report import format_report

TODAY = date(2026, 11, 20)
ACCOUNT = Account(1, Platform.INSTAGRAM, "nina", "Nina")


def history(days: int, start: int, per_day: int, skip: range = range(0)) -> list[tuple]:
    first = TODAY - timedelta(days=days - 1)
    return [(first + timedelta(days=i), start + per_day * i) for i in range(days) if i not in skip]


def posts_every_other_day(count: int, likes: int) -> list[Post]:
    return [
        Post(
            1,
            datetime.combine(TODAY - timedelta(days=2 * i), datetime.min.time(), UTC).replace(
                hour=19
            ),
            PostKind.REEL,
            likes=likes,
            comments=likes // 10,
        )
        for i in range(count)
    ]


def report(snapshots, posts):
    return account_report(ACCOUNT, snapshots, posts, default_preset().thresholds, TODAY)


def test_a_growing_micro_account_above_its_benchmark():
    result = report(history(120, 9_000, 20), posts_every_other_day(10, 500))
    assert result.standing.tier is Tier.MICRO  # 9,000 + 20 × 119 = 11,380
    assert result.changes[30].absolute == 600
    assert result.average_daily_growth[90] == pytest.approx(20)
    assert result.engagement.by_followers.posts_counted == 10  # 15 of the 30 days hold 10 posts
    assert result.engagement.by_followers.mean == pytest.approx(550 / 11_200, rel=0.02)
    assert result.engagement.above_benchmark is True
    assert result.projected_next_tier == TODAY + timedelta(days=-(-(100_000 - 11_380) // 20))


def test_gaps_are_reported_not_zeroed():
    result = report(history(40, 5_000, 10, skip=range(30, 35)), [])
    assert result.changes[30].missing_days == 5
    assert result.changes[30].absolute == 300


def test_no_snapshots_and_no_posts_give_dashes_not_errors():
    result = report([], [])
    assert result.standing is None
    assert result.engagement.by_followers.mean is None
    assert result.engagement.above_benchmark is None
    assert report_as_dict(result)["followers"] is None
    assert "No daily numbers yet" in format_report(result)


def test_too_few_posts_give_no_rate():
    result = report(history(60, 20_000, 5), posts_every_other_day(2, 300))
    assert result.engagement.by_followers.mean is None
    assert "at least 3 needed" in format_report(result)


def test_weekly_engagement_groups_by_monday():
    rated = report(history(60, 20_000, 0), posts_every_other_day(7, 200)).weekly_engagement
    assert all(week.weekday() == 0 for week, _ in rated)
    assert weekly_engagement([]) == []


def test_the_dict_is_json_ready():
    import json

    text = json.dumps(
        report_as_dict(report(history(120, 9_000, 20), posts_every_other_day(10, 500)))
    )
    assert '"tier": "micro"' in text
