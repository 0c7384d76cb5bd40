"""Dated values made ready to plot: a NaN wherever days are missing, never a line across the gap."""

from datetime import date, timedelta
from itertools import pairwise

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from companion.charts.series import as_arrays, broken_at_gaps, within

DAY = date(2026, 3, 1)


def test_consecutive_days_are_drawn_as_they_are():
    days, values = broken_at_gaps([(DAY + timedelta(i), 100 + i) for i in range(4)])
    assert list(values) == [100, 101, 102, 103]
    assert days[0] == np.datetime64("2026-03-01")


def test_a_gap_gets_a_nan_one_day_after_the_last_known_day():
    points = [(DAY, 100), (DAY + timedelta(1), 110), (DAY + timedelta(5), 150)]
    days, values = broken_at_gaps(points)
    assert [str(d) for d in days] == ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-06"]
    assert values[:2].tolist() == [100, 110]
    assert np.isnan(values[2])
    assert values[3] == 150


def test_points_are_sorted_first():
    _, values = broken_at_gaps([(DAY + timedelta(1), 2), (DAY, 1)])
    assert values.tolist() == [1, 2]


def test_weekly_points_break_only_where_a_week_is_missing():
    weeks = [DAY, DAY + timedelta(7), DAY + timedelta(21)]
    _, values = broken_at_gaps([(w, 0.04) for w in weeks], step_days=7)
    assert np.isnan(values).sum() == 1


def test_none_becomes_nan_and_empty_input_gives_empty_arrays():
    _, values = as_arrays([(DAY, None), (DAY + timedelta(1), 3)])
    assert np.isnan(values[0]) and values[1] == 3
    days, values = broken_at_gaps([])
    assert days.size == 0 and values.size == 0


def test_within_includes_both_ends():
    days, _ = as_arrays([(DAY + timedelta(i), i) for i in range(10)])
    assert within(days, DAY + timedelta(2), DAY + timedelta(4)).sum() == 3


@given(st.sets(st.integers(0, 120), min_size=1, max_size=60))
def test_every_missing_stretch_is_one_nan_and_every_value_is_kept(offsets):
    points = [(DAY + timedelta(o), o) for o in sorted(offsets)]
    days, values = broken_at_gaps(points)
    known = values[~np.isnan(values)]
    assert known.tolist() == sorted(offsets)
    stretches = sum(1 for a, b in pairwise(sorted(offsets)) if b - a > 1)
    assert np.isnan(values).sum() == stretches
    assert (np.diff(days).astype(int) > 0).all()


@given(st.lists(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), max_size=50))
def test_days_become_the_same_numpy_dates_as_numpy_makes_them(days):
    converted, _ = as_arrays([(day, 1) for day in days])
    assert converted.dtype == np.dtype("datetime64[D]")
    assert converted.tolist() == np.array(days, dtype="datetime64[D]").tolist()
