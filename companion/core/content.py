"""What works: engagement per post, best weekdays and hours to post, top posts, and results by kind."""

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from companion.core.engagement import followers_on, rate
from companion.core.growth import Snapshot
from companion.core.posts import Post, PostKind

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class PostEngagement:
    """A post with its engagement rates; each is None where its base is unknown."""

    post: Post
    followers: int | None
    by_followers: float | None
    by_reach: float | None
    by_views: float | None


def post_engagement(post: Post, snapshots: Sequence[Snapshot]) -> PostEngagement:
    """ER by followers on the post's day (nearest snapshot), by reach and by views."""
    followers = followers_on(post.published_at.date(), snapshots)
    engagements = post.engagements
    return PostEngagement(
        post=post,
        followers=followers,
        by_followers=rate(engagements, followers),
        by_reach=rate(engagements, post.reach),
        by_views=rate(engagements, post.views),
    )


@dataclass(frozen=True)
class SlotResult:
    """How posts in one slot (a weekday, an hour, a kind) did."""

    slot: str
    posts: int
    median_rate: float


def best_weekdays(
    rated: Iterable[PostEngagement], zone: tzinfo | None = None, min_posts: int = 3
) -> list[SlotResult]:
    """Weekdays by the median ER by followers of their posts, best first."""
    return _ranked(rated, lambda p: WEEKDAYS[_local(p.published_at, zone).weekday()], min_posts)


def best_hours(
    rated: Iterable[PostEngagement], zone: tzinfo | None = None, min_posts: int = 3
) -> list[SlotResult]:
    """Hours of the day ("18:00") by the median ER by followers, best first."""
    return _ranked(rated, lambda p: f"{_local(p.published_at, zone).hour:02d}:00", min_posts)


def by_kind(rated: Iterable[PostEngagement], min_posts: int = 1) -> list[SlotResult]:
    """Each kind of content by the median ER by followers, best first."""
    return _ranked(rated, lambda p: PostKind(p.kind).label, min_posts)


def top_posts(
    rated: Iterable[PostEngagement],
    key: Callable[[PostEngagement], float | int | None],
    count: int = 5,
) -> list[PostEngagement]:
    """The posts with the highest value of `key` (ER or any metric); unknown values left out."""
    known = [item for item in rated if key(item) is not None]
    return sorted(known, key=lambda item: key(item), reverse=True)[:count]


def _ranked(
    rated: Iterable[PostEngagement], slot_of: Callable[[Post], str], min_posts: int
) -> list[SlotResult]:
    rates: dict[str, list[float]] = defaultdict(list)
    for item in rated:
        if item.by_followers is not None:
            rates[slot_of(item.post)].append(item.by_followers)
    results = [
        SlotResult(slot, len(values), statistics.median(values))
        for slot, values in rates.items()
        if len(values) >= min_posts
    ]
    return sorted(results, key=lambda r: r.median_rate, reverse=True)


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment.astimezone(zone) if zone else moment
