"""Dated values made ready to plot: days as numpy dates, and a break wherever days are missing.

A day without a snapshot is a gap, not a zero and not a straight line between its
neighbours: a NaN is put in the gap, so matplotlib lifts the pen there.
"""

from collections.abc import Sequence
from datetime import date

import numpy as np

DatedValue = tuple[date, float | int | None]


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def as_arrays(points: Sequence[DatedValue]) -> tuple[np.ndarray, np.ndarray]:
    """Days as datetime64[D] and values as floats (None becomes NaN)."""
    # By way of the days' ordinals: numpy reads date objects one at a time, about fifteen
    # times slower, which on ten years of days is milliseconds a chart.
    ordinals = np.fromiter((day.toordinal() for day, _ in points), np.int64, len(points))
    days = (ordinals - _EPOCH_ORDINAL).astype("datetime64[D]")
    values = np.array([np.nan if value is None else value for _, value in points], dtype=float)
    return days, values


def broken_at_gaps(
    points: Sequence[DatedValue], step_days: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """The points, sorted by day, with a NaN one step after each point followed by a gap.

    `step_days` is the expected spacing: 1 for daily snapshots, 7 for weekly means.
    """
    days, values = as_arrays(sorted(points, key=lambda point: point[0]))
    return arrays_broken_at_gaps(days, values, step_days)


def arrays_broken_at_gaps(
    days: np.ndarray, values: np.ndarray, step_days: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """`broken_at_gaps` for days (datetime64[D], in order) and their values as arrays."""
    if len(days) < 2:
        return days, values
    after_gap = np.nonzero(np.diff(days).astype(int) > step_days)[0] + 1
    gap_days = days[after_gap - 1] + np.timedelta64(step_days, "D")
    return np.insert(days, after_gap, gap_days), np.insert(values, after_gap, np.nan)


def within(days: np.ndarray, start: date, end: date) -> np.ndarray:
    """A mask of the days from `start` to `end`, both included."""
    return (days >= np.datetime64(start, "D")) & (days <= np.datetime64(end, "D"))
