"""Follower growth: changes, gaps, averages and the projected date of the next tier."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.growth import (
    Period,
    average_daily_growth,
    change_between,
    changes_by_period,
    daily_changes,
    projected_date,
    recent_change,
)

D = date(2026, 1, 1)


def steady(days: int, start: int = 9_000, per_day: int = 10, first: date = D):
    return [(first + timedelta(days=i), start + per_day * i) for i in range(days)]


def test_daily_changes_leave_gaps_as_gaps():
    snapshots = [(D, 100), (D + timedelta(days=1), 110), (D + timedelta(days=4), 150)]
    assert daily_changes(snapshots) == [
        (D, None),
        (D + timedelta(days=1), 10),
        (D + timedelta(days=4), None),
    ]


def test_a_change_across_a_gap_counts_the_missing_days():
    snapshots = [(D, 100), (D + timedelta(days=1), 110), (D + timedelta(days=5), 150)]
    change = change_between(snapshots, D, D + timedelta(days=5))
    assert change.absolute == 50
    assert change.percent == pytest.approx(50.0)
    assert change.missing_days == 3
    assert change.per_day == pytest.approx(10.0)


def test_recent_change_and_averages():
    snapshots = steady(120)
    assert recent_change(snapshots, 30).absolute == 300
    assert average_daily_growth(snapshots, 7) == pytest.approx(10)
    assert average_daily_growth(snapshots, 90) == pytest.approx(10)
    assert recent_change(snapshots[:5], 30) is None  # not enough history


def test_weekly_and_monthly_changes():
    snapshots = steady(70)
    weekly = changes_by_period(snapshots, Period.WEEK)
    assert all(c.absolute == 70 for c in weekly[:-1])
    monthly = changes_by_period(snapshots, Period.MONTH)
    assert monthly[0].start == date(2026, 1, 31) and monthly[0].end == date(2026, 2, 28)
    assert monthly[0].absolute == 280


def test_projected_date_of_the_next_tier():
    snapshots = steady(100, start=9_000, per_day=10)  # 9,990 on day 99
    assert projected_date(snapshots, 10_000) == snapshots[-1][0] + timedelta(days=1)
    assert projected_date(steady(100, per_day=0), 10_000) is None
    assert projected_date(steady(100, start=20_000), 10_000) is None
    assert projected_date([], 10_000) is None


@given(
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=2, max_size=60),
    st.sets(st.integers(min_value=1, max_value=58)),
)
def test_changes_add_up_across_periods(followers, dropped):
    snapshots = [
        (D + timedelta(days=i), count) for i, count in enumerate(followers) if i not in dropped
    ]
    if len(snapshots) < 2:
        return
    total = change_between(snapshots, snapshots[0][0], snapshots[-1][0])
    weekly = changes_by_period(snapshots, Period.WEEK)
    first_week_end = weekly[0].start if weekly else snapshots[-1][0]
    head = change_between(snapshots, snapshots[0][0], first_week_end)
    assert total.absolute == (head.absolute if head else 0) + sum(c.absolute for c in weekly)
    gaps = sum(1 for day, change in daily_changes(snapshots)[1:] if change is None)
    assert (total.missing_days > 0) == (gaps > 0)
