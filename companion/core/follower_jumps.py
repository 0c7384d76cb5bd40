"""Follower jumps: days that gained far more than usual, and whether reach or engagement came with them.

REFERENCE.md §3: bought followers show as a jump far above the account's usual daily change
that is not matched by a jump in engagement or reach. Each day's change is set against the
known days before it with the median and the median absolute deviation (MAD), which one
earlier spike cannot drag along as a mean and standard deviation would. A day without a
snapshot has no change: it is a gap, never a zero in the baseline.
"""

import bisect
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from companion.core.growth import daily_changes

MAD_TO_SIGMA = 1.4826
"""Scales a MAD to a standard deviation's size for normally spread changes."""
MIN_SPREAD = 1.0
"""A baseline of identical changes has no spread; one follower a day stands in for it."""
MIN_BASELINE_POSTS = 3


@dataclass(frozen=True)
class JumpRules:
    """How a jump is found and matched; the values come from `resources/quality.json`."""

    window_days: int = 365
    baseline_days: int = 28
    min_baseline_changes: int = 14
    robust_z: float = 6.0
    min_jump_followers: int = 50
    min_jump_share: float = 0.01
    match_days_before: int = 3
    match_days_after: int = 1
    reach_match_ratio: float = 1.5
    engagement_match_ratio: float = 1.5
    engagement_baseline_days: int = 90


class MatchedBy(StrEnum):
    REACH = "reach"
    ENGAGEMENT = "engagement"
    ELSEWHERE = "elsewhere"
    """A matched jump on another of the creator's accounts in the same days: followers who
    came over from a viral post there (the reach that brought them is that account's)."""


@dataclass(frozen=True)
class FollowerJump:
    """A day that gained far more followers than usual, with what came with it."""

    day: date
    followers: int
    """Followers at the end of the day."""
    change: int
    usual: float
    """Median change of the baseline days before it."""
    spread: float
    """The baseline's MAD × 1.4826 (at least one follower)."""
    reach: int | None
    """The highest daily reach from a few days before the jump to the day after."""
    usual_reach: float | None
    engagements: int | None
    """The most engagements of a post published in the same days."""
    usual_engagements: float | None
    matched_by: MatchedBy | None
    matched_elsewhere: str | None = None
    """The other account whose matched jump this one followed."""

    @property
    def excess(self) -> float:
        """Followers above the usual change."""
        return self.change - self.usual

    @property
    def robust_z(self) -> float:
        return self.excess / self.spread

    @property
    def reach_ratio(self) -> float | None:
        return _ratio(self.reach, self.usual_reach)

    @property
    def engagement_ratio(self) -> float | None:
        return _ratio(self.engagements, self.usual_engagements)

    @property
    def flagged(self) -> bool:
        """Not matched by reach or engagement: what a brand would ask about."""
        return self.matched_by is None


@dataclass(frozen=True)
class JumpScan:
    """The jumps in the window, and how many known daily changes the scan could read."""

    jumps: tuple[FollowerJump, ...]
    changes_read: int

    @property
    def flagged(self) -> tuple[FollowerJump, ...]:
        return tuple(jump for jump in self.jumps if jump.flagged)


def find_jumps(
    history: Sequence[tuple[date, int]],
    reach: Mapping[date, int],
    post_engagements: Sequence[tuple[date, int]],
    today: date,
    rules: JumpRules = JumpRules(),
) -> JumpScan:
    """Days in the `rules.window_days` before `today` that are jumps, matched or not.

    `history` is (date, followers) oldest first; `reach` the daily reach on the days it is
    known; `post_engagements` each post's (day published, engagements), oldest first.
    """
    known = [(day, change) for day, change in daily_changes(history) if change is not None]
    known_days = [day for day, _ in known]
    followers_on = dict(history)
    start = bisect.bisect_right(known_days, today - timedelta(days=rules.window_days))
    jumps = []
    for index in range(start, len(known)):
        day, change = known[index]
        first = bisect.bisect_left(known_days, day - timedelta(days=rules.baseline_days))
        baseline = [c for _, c in known[first:index]]
        if len(baseline) < rules.min_baseline_changes:
            continue
        usual = statistics.median(baseline)
        spread = max(MAD_TO_SIGMA * statistics.median(abs(c - usual) for c in baseline), MIN_SPREAD)
        excess = change - usual
        least = max(rules.min_jump_followers, rules.min_jump_share * (followers_on[day] - change))
        if excess / spread < rules.robust_z or excess < least:
            continue
        jumps.append(
            _matched(day, followers_on[day], change, usual, spread, reach, post_engagements, rules)
        )
    return JumpScan(tuple(jumps), len(known) - start)


def match_elsewhere(
    scan: JumpScan, elsewhere: Mapping[date, str], rules: JumpRules = JumpRules()
) -> JumpScan:
    """The scan with each unmatched jump that came in the same days as a matched jump on
    another account (`elsewhere`: day → that account's name) matched by it."""
    jumps = []
    for jump in scan.jumps:
        days = range(-rules.match_days_after, rules.match_days_before + 1)
        other = next(
            (name for n in days if (name := elsewhere.get(jump.day - timedelta(days=n)))), None
        )
        if jump.flagged and other is not None:
            jump = replace(jump, matched_by=MatchedBy.ELSEWHERE, matched_elsewhere=other)
        jumps.append(jump)
    return JumpScan(tuple(jumps), scan.changes_read)


def _matched(
    day: date,
    followers: int,
    change: int,
    usual: float,
    spread: float,
    reach: Mapping[date, int],
    post_engagements: Sequence[tuple[date, int]],
    rules: JumpRules,
) -> FollowerJump:
    """The jump with the reach and engagement around it, each against its usual level."""
    around = _highest_reach(reach, day, rules)
    # The usual is the same kind of figure (the highest of a few days) on the baseline days,
    # so that an ordinary week with one good post does not pass for a rise.
    nearest = rules.match_days_before + rules.match_days_after + 1
    usual_reach = _median(
        [
            high
            for n in range(nearest, nearest + rules.baseline_days)
            if (high := _highest_reach(reach, day - timedelta(days=n), rules)) is not None
        ]
    )
    window_start = day - timedelta(days=rules.match_days_before)
    window_end = day + timedelta(days=rules.match_days_after)
    baseline_start = window_start - timedelta(days=rules.engagement_baseline_days)
    in_window = [e for published, e in post_engagements if window_start <= published <= window_end]
    before = [e for published, e in post_engagements if baseline_start <= published < window_start]
    engagements = max(in_window) if in_window else None
    usual_engagements = _median(before) if len(before) >= MIN_BASELINE_POSTS else None
    matched_by = None
    if (ratio := _ratio(around, usual_reach)) is not None and ratio >= rules.reach_match_ratio:
        matched_by = MatchedBy.REACH
    elif (
        ratio := _ratio(engagements, usual_engagements)
    ) is not None and ratio >= rules.engagement_match_ratio:
        matched_by = MatchedBy.ENGAGEMENT
    return FollowerJump(
        day,
        followers,
        change,
        usual,
        spread,
        around,
        usual_reach,
        engagements,
        usual_engagements,
        matched_by,
    )


def _highest_reach(reach: Mapping[date, int], day: date, rules: JumpRules) -> int | None:
    days = range(-rules.match_days_before, rules.match_days_after + 1)
    known = [value for n in days if (value := reach.get(day + timedelta(days=n))) is not None]
    return max(known) if known else None


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _ratio(value: float | None, usual: float | None) -> float | None:
    if value is None or usual is None or usual <= 0:
        return None
    return value / usual
