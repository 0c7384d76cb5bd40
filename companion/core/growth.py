"""Follower growth: changes per day, week and month, rolling averages, and the date of the next tier.

Snapshots are (date, followers) pairs sorted by date. A day without a snapshot is a gap:
it has no change (None), and a period that spans gaps says how many days are missing,
because a gap is not a day of zero growth.
"""

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

Snapshot = tuple[date, int]
PACE_DAYS = 90


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class Change:
    """Followers gained (or lost) between two snapshots."""

    start: date
    end: date
    followers_before: int
    followers_after: int
    missing_days: int
    """Days inside the period with no snapshot."""

    @property
    def absolute(self) -> int:
        return self.followers_after - self.followers_before

    @property
    def percent(self) -> float | None:
        if self.followers_before <= 0:
            return None
        return self.absolute / self.followers_before * 100

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def per_day(self) -> float | None:
        return self.absolute / self.days if self.days > 0 else None


def daily_changes(snapshots: Sequence[Snapshot]) -> list[tuple[date, int | None]]:
    """Each snapshot's change from the day before; None after a gap (or for the first)."""
    changes: list[tuple[date, int | None]] = []
    previous: Snapshot | None = None
    for day, followers in snapshots:
        if previous is not None and (day - previous[0]).days == 1:
            changes.append((day, followers - previous[1]))
        else:
            changes.append((day, None))
        previous = (day, followers)
    return changes


def change_between(snapshots: Sequence[Snapshot], start: date, end: date) -> Change | None:
    """The change from the last snapshot on or before `start` to the last on or before `end`.

    None when there is no snapshot on or before `start`, or none after it up to `end`.
    """
    first = _index_on_or_before(snapshots, start)
    last = _index_on_or_before(snapshots, end)
    if first is None or last is None or last <= first:
        return None
    (before_day, before), (after_day, after) = snapshots[first], snapshots[last]
    missing = (after_day - before_day).days - (last - first)
    return Change(before_day, after_day, before, after, missing)


def recent_change(
    snapshots: Sequence[Snapshot], days: int, end: date | None = None
) -> Change | None:
    """The change over the last `days` days up to `end` (default: the newest snapshot)."""
    if not snapshots:
        return None
    end = end or snapshots[-1][0]
    return change_between(snapshots, end - timedelta(days=days), end)


def average_daily_growth(
    snapshots: Sequence[Snapshot], days: int, end: date | None = None
) -> float | None:
    """Followers per day over the last `days` days (7, 30, 90), measured across any gaps."""
    change = recent_change(snapshots, days, end)
    return change.per_day if change else None


def changes_by_period(snapshots: Sequence[Snapshot], period: Period) -> list[Change]:
    """One change per day, ISO week or calendar month, each from the period before's last snapshot."""
    last_in_period: dict[tuple[int, int], Snapshot] = {}
    for snapshot in snapshots:
        last_in_period[_period_key(snapshot[0], period)] = snapshot
    ends = list(last_in_period.values())
    result = []
    for before, after in pairwise(ends):
        change = change_between(snapshots, before[0], after[0])
        if change is not None:
            result.append(change)
    return result


def projected_date(
    snapshots: Sequence[Snapshot], target: int, pace_days: int = PACE_DAYS
) -> date | None:
    """When the account reaches `target` followers at its current `pace_days`-day pace.

    None when it is already there, or is not growing.
    """
    if not snapshots:
        return None
    last_day, followers = snapshots[-1]
    if followers >= target:
        return None
    pace = average_daily_growth(snapshots, pace_days)
    if pace is None or pace <= 0:
        return None
    return last_day + timedelta(days=math.ceil((target - followers) / pace))


def _index_on_or_before(snapshots: Sequence[Snapshot], day: date) -> int | None:
    index = bisect.bisect_right(snapshots, day, key=lambda snapshot: snapshot[0]) - 1
    return index if index >= 0 else None


def _period_key(day: date, period: Period) -> tuple[int, int]:
    if period is Period.DAY:
        return (day.toordinal(), 0)
    if period is Period.WEEK:
        iso = day.isocalendar()
        return (iso.year, iso.week)
    return (day.year, day.month)
