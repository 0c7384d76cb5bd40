"""What the charts show, as plain records: built from the core's figures, without matplotlib.

Pages prepare these while matplotlib is still loading; the drawing modules take them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from companion.core.benchmarks import Benchmark
from companion.core.content import post_engagement
from companion.core.posts import Post
from companion.core.report import weekly_engagement


@dataclass(frozen=True)
class FollowerLine:
    """One account's (date, followers) history, oldest first, and how the legend names it."""

    label: str
    history: Sequence[tuple[date, int]]


@dataclass(frozen=True)
class EngagementSeries:
    """What the engagement chart shows; rates are fractions (0.04 is 4 %)."""

    posts: Sequence[tuple[date, float]]
    """Each post's ER by followers, on the day it was published."""
    weekly: Sequence[tuple[date, float]]
    """(Monday, mean ER of that week's posts); weeks without posts are left out."""
    benchmark: Benchmark | None = None


def engagement_series(
    posts: Iterable[Post], history: Sequence[tuple[date, int]], benchmark: Benchmark | None
) -> EngagementSeries:
    """Each post's ER by followers (from the nearest snapshot) and the weekly means."""
    rated = [post_engagement(post, history) for post in posts]
    return EngagementSeries(
        posts=[
            (item.post.published_at.date(), item.by_followers)
            for item in rated
            if item.by_followers is not None
        ],
        weekly=weekly_engagement(rated),
        benchmark=benchmark,
    )
