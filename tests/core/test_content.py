"""Engagement per post and what works best, on hand-made posts with known answers."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from companion.core.content import best_hours, best_weekdays, by_kind, post_engagement, top_posts
from companion.core.posts import Post, PostKind

SNAPSHOTS = [(date(2026, 3, 1), 10_000), (date(2026, 3, 31), 12_000)]


def post(day: int, hour: int, likes: int, kind=PostKind.POST, **more) -> Post:
    published = datetime(2026, 3, day, hour, tzinfo=UTC)
    return Post(account_id=1, published_at=published, kind=kind, likes=likes, **more)


def test_rates_by_followers_reach_and_views():
    rated = post_engagement(post(2, 18, 300, comments=100, reach=4_000, views=None), SNAPSHOTS)
    assert rated.followers == 10_000
    assert rated.by_followers == pytest.approx(0.04)
    assert rated.by_reach == pytest.approx(0.10)
    assert rated.by_views is None


def test_a_post_without_any_snapshot_has_no_rate_by_followers():
    rated = post_engagement(post(2, 18, 300), [])
    assert rated.by_followers is None


def test_best_weekdays_and_hours_rank_by_median():
    # 2026-03-02 is a Monday; Tuesdays get double the likes.
    posts = [post(2 + 7 * w + d, 12 + 6 * d, 100 * (1 + d)) for w in range(3) for d in range(2)]
    rated = [post_engagement(p, SNAPSHOTS) for p in posts]
    assert [r.slot for r in best_weekdays(rated)] == ["Tuesday", "Monday"]
    assert [r.slot for r in best_hours(rated)] == ["18:00", "12:00"]
    assert best_weekdays(rated, min_posts=4) == []


def test_kinds_and_top_posts():
    posts = [post(3, 9, 50), post(4, 9, 400, PostKind.REEL), post(5, 9, 300, PostKind.REEL)]
    rated = [post_engagement(p, SNAPSHOTS) for p in posts]
    assert [r.slot for r in by_kind(rated)] == ["Reel / Short", "Post"]
    top = top_posts(rated, key=lambda r: r.post.likes, count=2)
    assert [r.post.likes for r in top] == [400, 300]
    assert top_posts(rated, key=lambda r: r.by_views) == []


def test_hours_follow_the_creators_time_zone():
    lisbon_summer = timezone(timedelta(hours=1))
    rated = [post_engagement(post(d, 17, 100), SNAPSHOTS) for d in (2, 3, 4)]
    assert best_hours(rated, zone=lisbon_summer)[0].slot == "18:00"
