"""Audience breakdowns in the store: entered, entered again, removed, each in one transaction."""

import sqlite3
from datetime import date
from pathlib import Path
from unittest import mock

import pytest

from companion.core.audience import Dimension, make_breakdown
from companion.store.audience import (
    breakdown_on,
    breakdowns_of,
    delete_breakdown,
    save_breakdown,
)
from companion.store.database import Store, open_store
from tests.store.test_accounts import add_account

TODAY = date(2026, 11, 20)
READ_ON = date(2026, 11, 6)


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def account_id(store: Store) -> int:
    return add_account(store, "instagram", "mayaeats")


def countries(*entries: tuple[str, float], read_on: date = READ_ON):
    return make_breakdown(Dimension.COUNTRY, read_on, entries, TODAY)


def test_a_saved_breakdown_reads_back_as_entered(store: Store, account_id: int):
    breakdown = countries(("PT", 0.4), ("US", 0.3))
    assert save_breakdown(store, account_id, breakdown) is None
    assert breakdown_on(store, account_id, Dimension.COUNTRY, READ_ON) == breakdown
    assert breakdowns_of(store, account_id) == [breakdown]


def test_entering_the_same_date_again_replaces_every_share_and_returns_the_old(
    store: Store, account_id: int
):
    first = countries(("PT", 0.4), ("US", 0.3))
    second = countries(("BR", 0.5))
    save_breakdown(store, account_id, first)
    assert save_breakdown(store, account_id, second) == first
    assert breakdowns_of(store, account_id) == [second]


def test_other_dates_and_dimensions_are_left_alone(store: Store, account_id: int):
    older = countries(("PT", 0.9), read_on=date(2026, 5, 1))
    ages = make_breakdown(Dimension.AGE, READ_ON, [("25-34", 0.5)], TODAY)
    save_breakdown(store, account_id, older)
    save_breakdown(store, account_id, ages)
    save_breakdown(store, account_id, countries(("US", 0.5)))
    assert delete_breakdown(store, account_id, Dimension.COUNTRY, READ_ON) is not None
    assert breakdowns_of(store, account_id) == [ages, older]


def test_a_failed_save_leaves_the_old_breakdown_whole(store: Store, account_id: int):
    first = countries(("PT", 0.4), ("US", 0.3))
    save_breakdown(store, account_id, first)

    def fail(*args):
        raise sqlite3.OperationalError("disk I/O error")

    with mock.patch.object(store, "conn", wraps=store.conn) as conn:
        conn.executemany.side_effect = fail
        with pytest.raises(sqlite3.OperationalError):
            save_breakdown(store, account_id, countries(("BR", 0.5)))
    assert breakdowns_of(store, account_id) == [first]
