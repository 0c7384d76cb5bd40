"""Per-post metrics of the demo, one function per platform (each reports a different subset)."""

import math
import random
from collections.abc import Callable

from companion.core.platforms import Platform
from companion.core.posts import PostKind

PostMetrics = dict[str, int | None]


def _metrics(**values: float | None) -> PostMetrics:
    names = ("likes", "comments", "shares", "saves", "views", "reach", "impressions")
    return {
        name: None if values.get(name) is None else max(0, round(values[name])) for name in names
    }


def _instagram_outlier(rng: random.Random) -> float:
    """A few posts take off (shared into stories) or flop, as on any real account."""
    roll = rng.random()
    if roll < 0.03:
        return rng.uniform(2.2, 3.2)
    if roll < 0.06:
        return rng.uniform(0.35, 0.55)
    return 1.0


# (engagement, reach) relative to a single-image post: carousels get saved, reels travel.
INSTAGRAM_KIND_LIFT = {
    PostKind.POST: (1.0, 1.0),
    PostKind.CAROUSEL: (1.1, 1.1),
    PostKind.REEL: (1.1, 1.9),
}


def _instagram_metrics(
    rng: random.Random, kind: PostKind, followers: int, lift: float
) -> PostMetrics:
    if kind is PostKind.STORY:
        views = followers * rng.uniform(0.05, 0.09) * lift
        reach = views * rng.uniform(0.88, 0.96)
        return _metrics(
            likes=reach * rng.uniform(0.01, 0.03),
            shares=reach * rng.uniform(0.002, 0.006),
            views=views,
            reach=reach,
            impressions=views,
        )
    engagement_lift, reach_lift = INSTAGRAM_KIND_LIFT[kind]
    # REFERENCE.md §2: micro accounts average about 4 % engagement by followers; the evening lift adds a little.
    rate = rng.lognormvariate(math.log(0.035), 0.28) * engagement_lift * _instagram_outlier(rng)
    engagements = followers * rate * lift
    likes = engagements * rng.uniform(0.80, 0.88)
    comments = engagements * rng.uniform(0.025, 0.05)
    shares = engagements * rng.uniform(0.03, 0.06)
    reach = followers * rng.uniform(0.22, 0.38) * reach_lift * lift
    return _metrics(
        likes=likes,
        comments=comments,
        shares=shares,
        saves=engagements - likes - comments - shares,
        views=reach * rng.uniform(1.3, 2.2) if kind is PostKind.REEL else None,
        reach=reach,
        impressions=reach * rng.uniform(1.25, 1.7),
    )


def _tiktok_metrics(rng: random.Random, kind: PostKind, followers: int, lift: float) -> PostMetrics:
    if kind is PostKind.LIVE:
        views = followers * rng.uniform(0.01, 0.03)
        return _metrics(
            likes=views * rng.uniform(2.0, 6.0),  # viewers tap hearts many times in a live
            comments=views * rng.uniform(0.1, 0.3),
            shares=views * rng.uniform(0.005, 0.02),
            views=views,
            reach=views,
        )
    views = followers * rng.lognormvariate(math.log(0.45), 0.6) * lift
    return _metrics(
        likes=views * rng.lognormvariate(math.log(0.065), 0.25),
        comments=views * rng.uniform(0.0015, 0.004),
        shares=views * rng.uniform(0.002, 0.006),
        saves=views * rng.uniform(0.003, 0.009),
        views=views,
        reach=views * rng.uniform(0.78, 0.9),
    )


def _youtube_metrics(
    rng: random.Random, kind: PostKind, followers: int, lift: float
) -> PostMetrics:
    if kind is PostKind.REEL:
        views = followers * rng.lognormvariate(math.log(0.9), 0.8) * lift
        impressions = views * rng.uniform(1.1, 1.6)
    elif kind is PostKind.LIVE:
        views = followers * rng.uniform(0.04, 0.08)
        impressions = views * rng.uniform(6, 10)
    else:
        views = followers * rng.lognormvariate(math.log(0.35), 0.5) * lift
        impressions = views * rng.uniform(8, 15)  # a click-through rate of 7–12 %
    # YouTube has no saves to report.
    return _metrics(
        likes=views * rng.uniform(0.03, 0.05),
        comments=views * rng.uniform(0.003, 0.008),
        shares=views * rng.uniform(0.002, 0.005),
        views=views,
        impressions=impressions,
    )


def _pinterest_metrics(
    rng: random.Random, kind: PostKind, followers: int, lift: float
) -> PostMetrics:
    impressions = followers * rng.lognormvariate(math.log(1.2), 0.7) * lift
    return _metrics(
        likes=impressions * rng.uniform(0.002, 0.005),
        comments=impressions * rng.uniform(0.0001, 0.0004),
        saves=impressions * rng.uniform(0.01, 0.025),
        views=impressions * rng.uniform(0.3, 0.5) if kind is PostKind.VIDEO else None,
        impressions=impressions,
    )


def _facebook_metrics(
    rng: random.Random, kind: PostKind, followers: int, lift: float
) -> PostMetrics:
    reach = followers * rng.uniform(0.06, 0.16) * (2.0 if kind is PostKind.REEL else 1.0) * lift
    return _metrics(
        likes=reach * rng.uniform(0.03, 0.06),
        comments=reach * rng.uniform(0.003, 0.008),
        shares=reach * rng.uniform(0.002, 0.006),
        views=reach * rng.uniform(0.8, 1.4) if kind is not PostKind.POST else None,
        reach=reach,
        impressions=reach * rng.uniform(1.2, 1.5),
    )


def _x_metrics(rng: random.Random, kind: PostKind, followers: int, lift: float) -> PostMetrics:
    impressions = followers * rng.lognormvariate(math.log(0.4), 0.7) * lift
    return _metrics(
        likes=impressions * rng.uniform(0.008, 0.02),
        comments=impressions * rng.uniform(0.0008, 0.002),
        shares=impressions * rng.uniform(0.001, 0.003),
        saves=impressions * rng.uniform(0.0005, 0.0015),
        views=impressions,  # X calls its impressions "views"
        impressions=impressions,
    )


MetricsFor = Callable[[random.Random, PostKind, int, float], PostMetrics]
METRICS_BY_PLATFORM: dict[Platform, MetricsFor] = {
    Platform.INSTAGRAM: _instagram_metrics,
    Platform.TIKTOK: _tiktok_metrics,
    Platform.YOUTUBE: _youtube_metrics,
    Platform.PINTEREST: _pinterest_metrics,
    Platform.FACEBOOK: _facebook_metrics,
    Platform.X: _x_metrics,
}
