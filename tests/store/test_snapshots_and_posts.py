"""Snapshots and posts in the store: entering, editing, deleting, and importing without duplicates."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.accounts import Snapshot
from companion.core.posts import Post, PostKind
from companion.store.database import open_store
from companion.store.posts import (
    add_post,
    delete_posts,
    import_posts,
    list_posts,
    restore_posts,
    update_post,
)
from companion.store.snapshots import (
    delete_snapshot,
    follower_history,
    import_snapshots,
    save_snapshot,
    snapshots_of,
)

DAY = date(2026, 3, 1)


@pytest.fixture
def store(db_path):
    with open_store(db_path) as opened:
        with opened.transaction():
            opened.db["account"].insert(
                {"id": 1, "platform": "instagram", "handle": "nina", "created": "2026-01-01"}
            )
        yield opened


def test_entering_a_day_again_replaces_it_and_returns_the_old(store):
    assert save_snapshot(store, Snapshot(1, DAY, 1000, reach=500)) is None
    previous = save_snapshot(store, Snapshot(1, DAY, 1010))
    assert previous == Snapshot(1, DAY, 1000, reach=500)
    assert snapshots_of(store, 1) == [Snapshot(1, DAY, 1010)]  # a cleared field is cleared


def test_delete_returns_what_it_removed(store):
    save_snapshot(store, Snapshot(1, DAY, 1000))
    assert delete_snapshot(store, 1, DAY) == Snapshot(1, DAY, 1000)
    assert delete_snapshot(store, 1, DAY) is None
    assert follower_history(store, 1) == []


def test_importing_twice_changes_nothing_the_second_time(store):
    days = [Snapshot(1, DAY + timedelta(days=i), 1000 + i, source="csv") for i in range(5)]
    with store.transaction():
        first = import_snapshots(store, days)
    with store.transaction():
        second = import_snapshots(store, days)
    assert (first.new, first.updated, first.unchanged) == (5, 0, 0)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 5)


def test_an_overlapping_import_merges_and_never_erases(store):
    save_snapshot(store, Snapshot(1, DAY, 1000, reach=700))
    incoming = [Snapshot(1, DAY, 1000, impressions=900), Snapshot(1, DAY + timedelta(days=1), 1005)]
    with store.transaction():
        counts = import_snapshots(store, incoming)
    assert (counts.new, counts.updated, counts.unchanged) == (1, 1, 0)
    assert snapshots_of(store, 1)[0] == Snapshot(1, DAY, 1000, reach=700, impressions=900)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10**6)), max_size=60),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10**6)), max_size=60),
)
def test_any_two_imports_leave_one_row_per_day_with_the_latest_numbers(store, first, second):
    store.conn.execute("DELETE FROM snapshot")
    for rows in (first, second):
        with store.transaction():
            import_snapshots(store, [Snapshot(1, DAY + timedelta(days=d), f) for d, f in rows])
    expected = {}
    for d, f in [*first, *second]:
        expected[DAY + timedelta(days=d)] = f
    assert dict(follower_history(store, 1)) == expected


def test_the_latest_history_is_the_end_of_the_whole_one_oldest_first(store):
    days = [Snapshot(1, DAY + timedelta(days=i * 3), 1000 + i) for i in range(10)]
    with store.transaction():
        import_snapshots(store, days)
    whole = follower_history(store, 1)
    assert follower_history(store, 1, last=4) == whole[-4:]
    assert follower_history(store, 1, last=50) == whole
    assert follower_history(store, 2, last=4) == []


def a_post(**changes) -> Post:
    values = {
        "account_id": 1,
        "published_at": datetime(2026, 3, 2, 18, 30, tzinfo=UTC),
        "kind": PostKind.REEL,
        "platform_post_id": "C1",
        "caption": "Pastéis de nata 🥐",
        "likes": 100,
        "comments": 5,
    }
    return Post(**{**values, **changes})


def test_add_edit_delete_and_restore_a_post(store):
    added = add_post(store, a_post())
    assert added.id is not None
    previous = update_post(store, a_post(id=added.id, likes=150, comments=None))
    assert previous == added
    assert list_posts(store)[0].likes == 150
    assert list_posts(store)[0].comments is None
    removed = delete_posts(store, [added.id])
    assert list_posts(store) == []
    restore_posts(store, removed)
    assert list_posts(store) == [a_post(id=added.id, likes=150, comments=None)]


def test_importing_posts_matches_on_the_platforms_id_or_the_time(store):
    posts = [a_post(), a_post(platform_post_id=None, published_at=datetime(2026, 3, 3, tzinfo=UTC))]
    with store.transaction():
        assert import_posts(store, posts).new == 2
    grown = [a_post(likes=120), posts[1]]
    with store.transaction():
        counts = import_posts(store, grown)
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 1)
    assert sorted(p.likes for p in list_posts(store)) == [100, 120]
