"""Reading accounts and their newest snapshots; also the small hand-made creators other tests use."""

import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.core.accounts import Account, Snapshot
from companion.core.platforms import Platform
from companion.store import accounts as store_accounts
from companion.store.accounts import latest_snapshots, list_accounts
from companion.store.database import Store, open_store

NEWEST_DAY = date(2026, 11, 20)


def add_account(
    store: Store, platform: str, handle: str, display_name: str | None = "Maya Lopes"
) -> int:
    """Insert one account the way the app stores it; returns its id."""
    with store.transaction():
        table = store.db["account"].insert(
            {
                "platform": platform,
                "handle": handle,
                "display_name": display_name,
                "created": "2024-01-01",
            }
        )
    return table.last_pk


def add_daily_followers(
    store: Store, account_id: int, followers: list[int], last_day: date
) -> None:
    """One snapshot a day, the last of them on `last_day`."""
    first_day = last_day - timedelta(days=len(followers) - 1)
    rows = [
        {"account_id": account_id, "date": (first_day + timedelta(i)).isoformat(), "followers": n}
        for i, n in enumerate(followers)
    ]
    with store.transaction():
        store.db["snapshot"].insert_all(rows)


def add_small_creator(store: Store) -> dict[str, int]:
    """Three accounts, one a week of numbers each: Instagram 24,000, TikTok 61,200, YouTube 6,588."""
    ids = {
        "instagram": add_account(store, "instagram", "mayaeats"),
        "tiktok": add_account(store, "tiktok", "@mayaeats"),
        "youtube": add_account(store, "youtube", "MayaEatsTheWorld"),
    }
    add_daily_followers(store, ids["instagram"], [23_400 + 100 * i for i in range(7)], NEWEST_DAY)
    add_daily_followers(store, ids["tiktok"], [60_000 + 200 * i for i in range(7)], NEWEST_DAY)
    add_daily_followers(store, ids["youtube"], [6_500 + 11 * i for i in range(9)], NEWEST_DAY)
    return ids


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as opened:
        yield opened


def test_an_empty_database_has_no_accounts(store: Store):
    assert list_accounts(store) == []
    assert latest_snapshots(store) == {}


def test_accounts_come_back_as_core_records_grouped_by_platform(store: Store):
    youtube = add_account(store, "youtube", "MayaEatsTheWorld")
    instagram = add_account(store, "instagram", "mayaeats", display_name=None)
    assert list_accounts(store) == [
        Account(instagram, Platform.INSTAGRAM, "mayaeats", None),
        Account(youtube, Platform.YOUTUBE, "MayaEatsTheWorld", "Maya Lopes"),
    ]


def test_a_platform_this_version_does_not_know_reads_as_other(store: Store):
    add_account(store, "bluesky", "maya.bsky.social")
    assert list_accounts(store)[0].platform is Platform.OTHER


def test_latest_snapshot_is_the_newest_day_of_each_account(store: Store):
    ids = add_small_creator(store)
    latest = latest_snapshots(store)
    assert latest[ids["instagram"]] == Snapshot(ids["instagram"], NEWEST_DAY, 24_000)
    assert latest[ids["tiktok"]].followers == 61_200
    assert latest[ids["youtube"]].followers == 6_588
    assert {s.date for s in latest.values()} == {NEWEST_DAY}


def test_latest_snapshot_does_not_depend_on_the_order_days_were_added(store: Store):
    account = add_account(store, "instagram", "mayaeats")
    add_daily_followers(store, account, [500, 510], date(2026, 3, 2))
    add_daily_followers(store, account, [100, 200], date(2025, 1, 2))
    assert latest_snapshots(store)[account].followers == 510


def test_an_account_without_snapshots_has_no_latest_one(store: Store):
    ids = add_small_creator(store)
    newsletter = add_account(store, "newsletter", "Maya's Table")
    latest = latest_snapshots(store)
    assert newsletter not in latest
    assert set(latest) == set(ids.values())


def test_latest_snapshot_carries_every_column(store: Store):
    account = add_account(store, "instagram", "mayaeats")
    with store.transaction():
        store.db["snapshot"].insert(
            {
                "account_id": account,
                "date": "2026-11-20",
                "followers": 24_000,
                "following": 612,
                "posts": 410,
                "reach": 51_000,
                "impressions": 88_000,
                "profile_views": 1_900,
                "source": "instagram-export",
            }
        )
    assert latest_snapshots(store)[account] == Snapshot(
        account, NEWEST_DAY, 24_000, 612, 410, 51_000, 88_000, 1_900, "instagram-export"
    )


def test_latest_snapshots_reads_the_primary_key_not_the_whole_history(store: Store):
    for index, platform in enumerate(("instagram", "tiktok", "youtube", "x", "threads", "twitch")):
        account = add_account(store, platform, f"maya{index}")
        add_daily_followers(store, account, list(range(3_650)), NEWEST_DAY)
    plan = " | ".join(
        row[3]
        for row in store.conn.execute(f"EXPLAIN QUERY PLAN {store_accounts._LATEST_SNAPSHOTS}")
    )
    assert "SCAN s" not in plan and "SCAN snapshot" not in plan, plan
    started = time.perf_counter()
    latest = latest_snapshots(store)
    elapsed = time.perf_counter() - started
    assert len(latest) == 6
    assert {s.followers for s in latest.values()} == {3_649}
    assert elapsed < 0.05, f"latest_snapshots took {elapsed * 1000:.1f} ms"
