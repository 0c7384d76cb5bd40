"""How the platform importers' records merge: day numbers only join known days, follower floors
never replace a count, breakdowns upsert; all of a platform import in one transaction."""

from datetime import date

import pytest

from companion.core.accounts import Snapshot
from companion.core.audience import Dimension, make_breakdown
from companion.core.platforms import Platform
from companion.importers.records import AccountBreakdown, DayNumbers, FollowerFloor
from companion.store.accounts import add_account, list_accounts
from companion.store.audience import breakdowns_of
from companion.store.database import open_store
from companion.store.imports import import_with_accounts, write_import
from companion.store.snapshots import snapshots_of

TODAY = date(2026, 11, 20)


@pytest.fixture
def store(db_path):
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def account(store):
    return add_account(store, Platform.TIKTOK, "maya")


def test_day_numbers_join_known_days_and_count_the_others_rejected(store, account):
    write_import(store, [Snapshot(account.id, date(2025, 3, 1), 500)])
    counts = write_import(
        store,
        [
            DayNumbers(account.id, date(2025, 3, 1), profile_views=12),
            DayNumbers(account.id, date(2025, 3, 2), profile_views=9),
        ],
    )
    assert (counts.new, counts.updated, counts.rejected) == (0, 1, 1)
    [day] = snapshots_of(store, account.id)
    assert (day.followers, day.profile_views) == (500, 12)
    again = write_import(store, [DayNumbers(account.id, date(2025, 3, 1), profile_views=12)])
    assert (again.updated, again.unchanged) == (0, 1)


def test_day_numbers_joining_days_the_same_import_added_count_as_new(store, account):
    """A first import of an export (followers file and overview) adds; it updates nothing."""
    write_import(store, [Snapshot(account.id, date(2025, 3, 1), 500)])
    counts = write_import(
        store,
        [
            Snapshot(account.id, date(2025, 3, 2), 510),
            DayNumbers(account.id, date(2025, 3, 1), profile_views=12),
            DayNumbers(account.id, date(2025, 3, 2), profile_views=9),
            DayNumbers(account.id, date(2025, 3, 3), profile_views=4),
        ],
    )
    assert (counts.new, counts.updated, counts.unchanged, counts.rejected) == (2, 1, 0, 1)
    assert [d.profile_views for d in snapshots_of(store, account.id)] == [12, 9]


def test_a_follower_floor_fills_days_but_never_replaces_a_count(store, account):
    write_import(store, [Snapshot(account.id, date(2025, 3, 1), 500, source="manual")])
    counts = write_import(
        store,
        [
            FollowerFloor(account.id, date(2025, 3, 1), 320),
            FollowerFloor(account.id, date(2025, 3, 2), 321),
        ],
    )
    assert (counts.new, counts.updated, counts.unchanged) == (1, 0, 1)
    assert [(s.date.day, s.followers) for s in snapshots_of(store, account.id)] == [
        (1, 500),
        (2, 321),
    ]


def test_breakdowns_upsert_by_day_dimension_and_bucket(store, account):
    breakdown = make_breakdown(
        Dimension.GENDER, date(2025, 3, 1), [("female", 0.6), ("male", 0.4)], TODAY
    )
    first = write_import(store, [AccountBreakdown(account.id, breakdown)])
    second = write_import(store, [AccountBreakdown(account.id, breakdown)])
    assert (first.new, second.new, second.unchanged) == (2, 0, 2)
    changed = make_breakdown(
        Dimension.GENDER, date(2025, 3, 1), [("female", 0.65), ("male", 0.35)], TODAY
    )
    third = write_import(store, [AccountBreakdown(account.id, changed)])
    assert third.updated == 2
    [kept] = breakdowns_of(store, account.id)
    assert {s.bucket: s.share for s in kept.shares} == {"female": 0.65, "male": 0.35}


def test_accounts_added_for_an_import_go_when_it_fails(store):
    def run(added, write):
        write([Snapshot(added[0].id, date(2025, 3, 1), 10)])
        yield "one batch"
        raise RuntimeError("the disk went away")

    steps = import_with_accounts(store, [(Platform.YOUTUBE, "studio")], run)
    assert next(steps) == "one batch"
    with pytest.raises(RuntimeError):
        next(steps)
    assert list_accounts(store) == []


def test_a_check_only_run_counts_but_keeps_nothing(store):
    def run(added, write):
        write([Snapshot(added[0].id, date(2025, 3, 1), 10)])
        return "done"
        yield

    steps = import_with_accounts(store, [(Platform.YOUTUBE, "studio")], run, check_only=True)
    with pytest.raises(StopIteration) as end:
        next(steps)
    outcome, counts, added = end.value.value
    assert (outcome, counts.new, added[0].handle) == ("done", 1, "studio")
    assert list_accounts(store) == []
