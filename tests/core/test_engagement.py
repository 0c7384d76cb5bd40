"""Engagement rates and benchmarks, table-tested against REFERENCE.md §2."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.benchmarks import benchmark_for
from companion.core.engagement import (
    Interactions,
    followers_on,
    period_engagement,
    rate,
)
from companion.core.tiers import Tier


@pytest.mark.parametrize(
    ("engagements", "followers", "expected"),
    [
        (100, 1_000, 0.10),  # GRIN worked example: 10 % of 1,000 followers
        (2_400, 80_000, 0.03),  # GRIN worked example: 3 % of 80,000
        (0, 5_000, 0.0),
        (10, 0, None),  # followers of 0: "—", not an error
        (10, None, None),  # reach or views unknown
        (None, 1_000, None),
        (10, -5, None),
    ],
)
def test_rate(engagements, followers, expected):
    assert rate(engagements, followers) == (pytest.approx(expected) if expected else expected)


def test_engagements_count_what_the_platform_exposes():
    youtube_video = Interactions(likes=120, comments=14, shares=None, saves=None)
    assert youtube_video.total() == 134
    assert set(youtube_video.counted()) == {"likes", "comments"}
    assert Interactions().total() is None


def test_followers_on_uses_the_nearest_snapshot():
    snapshots = [(date(2026, 1, 1), 100), (date(2026, 1, 10), 200)]
    assert followers_on(date(2026, 1, 1), snapshots) == 100
    assert followers_on(date(2026, 1, 4), snapshots) == 100
    assert followers_on(date(2026, 1, 7), snapshots) == 200
    assert followers_on(date(2025, 12, 26), snapshots) == 100  # a few days before the first
    assert followers_on(date(2025, 6, 1), snapshots) is None  # long before: unknown
    assert followers_on(date(2027, 1, 1), snapshots) == 200
    assert followers_on(date(2026, 1, 1), []) is None


def test_a_tie_takes_the_earlier_snapshot():
    snapshots = [(date(2026, 1, 1), 100), (date(2026, 1, 3), 300)]
    assert followers_on(date(2026, 1, 2), snapshots) == 100


def test_period_engagement_needs_a_minimum_of_posts():
    assert period_engagement([0.05, 0.04], min_posts=3).mean is None
    result = period_engagement([0.02, 0.03, 0.04, None, 0.31])
    assert result.posts_counted == 4
    assert result.mean == pytest.approx(0.10)
    assert result.median == pytest.approx(0.035)
    assert result.enough_posts


@given(st.lists(st.floats(min_value=0, max_value=5), min_size=3, max_size=50))
def test_the_median_and_mean_lie_within_the_rates(rates):
    result = period_engagement(rates)
    assert min(rates) - 1e-9 <= result.median <= max(rates) + 1e-9
    assert min(rates) - 1e-9 <= result.mean <= max(rates) + 1e-9


@pytest.mark.parametrize(
    ("tier", "expected"),
    [(Tier.NANO, 0.08), (Tier.MICRO, 0.04), (Tier.MACRO, 0.024), (Tier.MEGA, 0.024)],
)
def test_the_benchmark_for_each_tier_comes_with_its_source(tier, expected):
    match = benchmark_for(tier, "instagram")
    assert match.benchmark.engagement_rate == expected
    assert match.same_platform
    assert "VERB" in match.benchmark.source


def test_other_platforms_fall_back_to_instagram_and_say_so():
    match = benchmark_for(Tier.MICRO, "tiktok")
    assert match.benchmark.platform == "instagram"
    assert not match.same_platform


def test_no_benchmark_below_a_thousand_followers():
    assert benchmark_for(Tier.EMERGING, "instagram") is None
