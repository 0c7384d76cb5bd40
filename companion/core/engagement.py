"""Engagement: per post by followers, reach or views, and per account over a window (REFERENCE.md §2).

A rate that cannot be computed (no followers, reach or views known, or zero of them)
is None — shown as "—" — never an error and never 0.
"""

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

ENGAGEMENT_FIELDS = ("likes", "comments", "shares", "saves")
DEFAULT_MIN_POSTS = 3
DEFAULT_WINDOW_DAYS = 30
DAYS_KNOWN_BEFORE_FIRST_SNAPSHOT = 7


@dataclass(frozen=True)
class Interactions:
    """A post's counts as the platform exposes them; None where it does not."""

    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None

    def total(self) -> int | None:
        """Likes + comments + shares + saves, counting what exists; None if nothing does."""
        return engagement_total(self.likes, self.comments, self.shares, self.saves)

    def counted(self) -> dict[str, int]:
        """The counts that exist, by name: say which were counted."""
        return {
            name: value for name in ENGAGEMENT_FIELDS if (value := getattr(self, name)) is not None
        }


def engagement_total(*counts: int | None) -> int | None:
    """The sum of the counts that exist (ENGAGEMENT_FIELDS'); None if none does. Worked out
    for every post a dashboard rates: without making an Interactions for each."""
    known = [count for count in counts if count is not None]
    return sum(known) if known else None


def rate(engagements: int | None, base: int | None) -> float | None:
    """engagements / base, or None when either is unknown or the base is not positive."""
    if engagements is None or base is None or base <= 0:
        return None
    return engagements / base


def followers_on(day: date, snapshots: Sequence[tuple[date, int]]) -> int | None:
    """Followers from the snapshot nearest to `day` (the earlier one on a tie).

    `snapshots` is sorted by date. Used for ER by followers at the time of a post. More
    than a week before the first snapshot the count is unknown: the account may have
    been a fraction of its size then, and a guess would inflate the rate.
    """
    if not snapshots or (snapshots[0][0] - day).days > DAYS_KNOWN_BEFORE_FIRST_SNAPSHOT:
        return None
    # (day,) sorts before every (day, count): the first snapshot on or after `day`, found
    # by comparing tuples, without a key function called for each step.
    index = bisect.bisect_left(snapshots, (day,))
    if index < len(snapshots) and snapshots[index][0] == day:
        return snapshots[index][1]
    candidates = [snapshots[i] for i in (index - 1, index) if 0 <= i < len(snapshots)]
    return min(candidates, key=lambda s: (abs((s[0] - day).days), s[0]))[1]


@dataclass(frozen=True)
class PeriodEngagement:
    """An account's ER over a window: the mean, and the median (one viral post distorts the mean)."""

    mean: float | None
    median: float | None
    posts_counted: int
    min_posts: int

    @property
    def enough_posts(self) -> bool:
        return self.posts_counted >= self.min_posts


def period_engagement(
    rates: Sequence[float | None], min_posts: int = DEFAULT_MIN_POSTS
) -> PeriodEngagement:
    """Mean and median of the posts' rates that are known; None for both below `min_posts`."""
    known = [r for r in rates if r is not None]
    if len(known) < max(min_posts, 1):
        return PeriodEngagement(None, None, len(known), min_posts)
    return PeriodEngagement(
        statistics.fmean(known), statistics.median(known), len(known), min_posts
    )
