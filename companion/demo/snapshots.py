"""The demo's daily snapshots: a follower curve per account and each day's reach and following."""

import random
from datetime import date

from companion.demo.accounts import DAYS_PER_YEAR, YEARS_PER_SCALE, AccountPlan
from companion.demo.posts import PlannedPost
from companion.demo.randomness import part_rng
from companion.demo.rows import SOURCE, Row
from companion.demo.timeline import (
    VIRAL_SHAPE,
    WEEKEND_FOLLOWS,
    Timeline,
    viral_day,
    viral_delay,
    viral_factor,
)

MIN_START_FOLLOWERS = 25
# Below 1, growth in log space is front-loaded: fast early on, settling into steady growth.
CURVE_BEND = 0.85


def follower_curve(
    seed: int, account: AccountPlan, timeline: Timeline, viral_start: date
) -> list[int]:
    """Followers on every day of the history: a smooth trend, weekend bumps, noise, the viral week.

    Daily gains are drawn around the trend and then scaled so the account ends at its
    size today; the viral week adds its own gains on top.
    """
    rng = part_rng(seed, "followers", account.platform)
    days = len(timeline.days)
    organic_end = account.followers_now - account.viral_gain
    growth = account.two_year_growth ** (days / DAYS_PER_YEAR / YEARS_PER_SCALE)
    start = max(MIN_START_FOLLOWERS, organic_end / growth)
    trend = [start * (organic_end / start) ** ((i / (days - 1)) ** CURVE_BEND) for i in range(days)]
    gains = [0.0] + [
        (trend[i] - trend[i - 1]) * WEEKEND_FOLLOWS[day.weekday()] * rng.gauss(1.0, 0.5)
        for i, day in enumerate(timeline.days[1:], start=1)
    ]
    to_target = (organic_end - start) / sum(gains)
    delay = viral_delay(account)
    followers = []
    total = start
    for gain, day in zip(gains, timeline.days, strict=True):
        viral_offset = viral_day(day, viral_start, delay)
        viral_gain = 0.0 if viral_offset is None else account.viral_gain * VIRAL_SHAPE[viral_offset]
        total = max(0.0, total + gain * to_target + viral_gain)
        followers.append(round(total))
    return followers


def snapshot_rows(
    seed: int,
    account_id: int,
    account: AccountPlan,
    timeline: Timeline,
    followers: list[int],
    posts: list[PlannedPost],
    viral_start: date,
) -> list[Row]:
    """One row a day for the account, but none in the gap; the post count includes older posts."""
    rng = part_rng(seed, "snapshots", account.platform)
    post_days = [post.published.date() for post in posts]
    posted_on = set(post_days)
    posts_so_far = account.posts_before
    next_post = 0
    rows = []
    for index, (day, count) in enumerate(zip(timeline.days, followers, strict=True)):
        while next_post < len(post_days) and post_days[next_post] <= day:
            posts_so_far += 1
            next_post += 1
        if day in timeline.gap:
            continue
        reach, impressions, profile_views = _daily_metrics(
            rng, account, count, day in posted_on, viral_factor(account, day, viral_start)
        )
        rows.append(
            {
                "account_id": account_id,
                "date": day.isoformat(),
                "followers": count,
                "following": _following(rng, account, index / (len(timeline.days) - 1)),
                "posts": posts_so_far,
                "reach": reach,
                "impressions": impressions,
                "profile_views": profile_views,
                "source": SOURCE,
            }
        )
    return rows


def _following(rng: random.Random, account: AccountPlan, progress: float) -> int | None:
    if account.following is None:
        return None
    then, now = account.following
    # Following drifts by a follow or an unfollow now and then, not by handfuls a day.
    return round(then + (now - then) * progress) + rng.choice((-1, 0, 0, 0, 1))


def _daily_metrics(
    rng: random.Random, account: AccountPlan, followers: int, posted: bool, viral: float
) -> tuple[int | None, int | None, int | None]:
    """Reach, impressions and profile views of one day; None for what the platform doesn't report."""
    daily = account.daily
    post_lift = 1.6 if posted else 1.0
    reach = followers * daily.reach_rate * rng.lognormvariate(0.0, 0.18) * post_lift * viral
    impressions = (
        None
        if daily.impressions_per_reach is None
        else round(reach * daily.impressions_per_reach * rng.uniform(0.9, 1.15))
    )
    profile_views = (
        None
        if daily.profile_views_per_reach is None
        else round(reach * daily.profile_views_per_reach * rng.uniform(0.8, 1.25))
    )
    return (round(reach) if daily.reports_reach else None), impressions, profile_views
