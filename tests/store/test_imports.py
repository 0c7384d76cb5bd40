"""Writing imports: one transaction, nothing left behind on a failure or a cancel, counts on re-import."""

import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from companion.core.accounts import Snapshot
from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.importers.generic_csv import (
    ImportPlan,
    guess_mapping,
    guess_target,
    read_sample,
    run_import,
)
from companion.store import imports
from companion.store.accounts import add_account
from companion.store.database import open_store
from companion.store.imports import (
    first_snapshot_date,
    import_transaction,
    worker_connection,
    write_import,
)
from companion.store.posts import list_posts
from companion.store.snapshots import save_snapshot, snapshots_of

DATA = Path(__file__).resolve().parents[1] / "data"
DAY = date(2025, 3, 1)
TODAY = date(2026, 11, 20)


@pytest.fixture
def store(db_path):
    with open_store(db_path) as opened:
        add_account(opened, Platform.INSTAGRAM, "nina")
        yield opened


def days(count: int, followers: int = 1000, start: date = DAY) -> list[Snapshot]:
    return [
        Snapshot(1, start + timedelta(days=i), followers + i, source="csv") for i in range(count)
    ]


def counts(result) -> tuple[int, int, int]:
    return result.new, result.updated, result.unchanged


def test_a_whole_import_is_one_transaction(store, monkeypatch):
    monkeypatch.setattr(imports, "BATCH_ROWS", 10)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    result = write_import(store, days(35))
    store.conn.set_trace_callback(None)
    assert counts(result) == (35, 0, 0)
    assert [s for s in statements if s in ("BEGIN", "COMMIT", "ROLLBACK")] == ["BEGIN", "COMMIT"]
    assert len(snapshots_of(store, 1)) == 35


def test_a_failure_in_a_later_batch_leaves_the_record_as_it_was(store, monkeypatch):
    save_snapshot(store, Snapshot(1, DAY, 900))
    monkeypatch.setattr(imports, "BATCH_ROWS", 10)
    real = imports.import_snapshots
    calls = []

    def fail_on_the_third_batch(opened, snapshots):
        calls.append(len(snapshots))
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(opened, snapshots)

    monkeypatch.setattr(imports, "import_snapshots", fail_on_the_third_batch)
    with pytest.raises(sqlite3.OperationalError):
        write_import(store, days(35))
    assert calls == [10, 10, 10]
    assert snapshots_of(store, 1) == [Snapshot(1, DAY, 900)]


def test_a_cancelled_import_writes_nothing(store):
    def import_until_cancelled():
        with import_transaction(store) as session:
            session.write(days(10))
            yield session.counts.new
            session.write(days(10, start=DAY + timedelta(days=10)))
            yield session.counts.new

    steps = import_until_cancelled()
    assert next(steps) == 10
    steps.close()  # what the worker does on Cancel
    assert snapshots_of(store, 1) == []
    assert not store.conn.in_transaction


def test_a_check_counts_but_writes_nothing(store):
    write_import(store, days(5))
    result = write_import(store, days(8, followers=1002), check_only=True)
    assert counts(result) == (3, 5, 0)
    assert [s.followers for s in snapshots_of(store, 1)] == [1000, 1001, 1002, 1003, 1004]


def test_importing_the_same_file_again_changes_nothing(store):
    plan = csv_plan("snapshots-us.csv")
    first = import_file(store, plan)
    again = import_file(store, plan)
    assert counts(first) == (7, 0, 0)
    assert counts(again) == (0, 0, 7)


def test_an_overlapping_file_adds_the_new_days_and_updates_the_changed(store, tmp_path):
    import_file(store, csv_plan("snapshots-us.csv"))
    overlapping = tmp_path / "overlap.csv"
    overlapping.write_text(
        "Date,Followers,Reach\n"
        "03/30/2025,1226,990\n"  # the same as before
        '03/31/2025,"1,234",1110\n'  # reach corrected
        "04/01/2025,1240,\n"  # a new day
        "04/02/2025,1251,\n",
        encoding="utf-8",
    )
    result = import_file(store, csv_plan(overlapping))
    assert counts(result) == (2, 1, 1)
    history = {s.date: s for s in snapshots_of(store, 1)}
    assert len(history) == 9
    assert history[date(2025, 3, 31)].reach == 1110
    assert history[date(2025, 3, 31)].impressions == 2590  # not in the new file: kept


def test_posts_and_days_in_one_import(store):
    post = Post(1, datetime(2025, 3, 2, 18, 30, tzinfo=UTC), PostKind.REEL, platform_post_id="C1")
    result = write_import(store, [*days(2), post])
    assert counts(result) == (3, 0, 0)
    assert [p.platform_post_id for p in list_posts(store)] == ["C1"]


def test_posts_from_an_excel_file_merge_on_the_platforms_id(store):
    plan = csv_plan("posts-excel-utf16.csv")
    assert counts(import_file(store, plan)) == (5, 0, 0)
    assert counts(import_file(store, plan)) == (0, 0, 5)
    assert {p.kind for p in list_posts(store, 1)} == {
        PostKind.REEL,
        PostKind.CAROUSEL,
        PostKind.POST,
        PostKind.VIDEO,
    }


def test_a_worker_thread_writes_through_its_own_connection(store):
    errors = []

    def work():
        try:
            with worker_connection(store) as own:
                write_import(own, days(3))
        except Exception as error:  # reported to the test thread below
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors == []
    assert len(snapshots_of(store, 1)) == 3


def test_first_snapshot_date(store):
    assert first_snapshot_date(store, 1) is None
    write_import(store, days(3, start=date(2025, 2, 10)))
    assert first_snapshot_date(store, 1) == date(2025, 2, 10)


def csv_plan(name: str | Path) -> ImportPlan:
    sample = read_sample(DATA / name)
    target = guess_target(sample)
    return ImportPlan(sample, target, guess_mapping(sample, target), TODAY, account_id=1)


def import_file(store, plan: ImportPlan):
    with import_transaction(store) as session:
        for _ in run_import(plan, session.write):
            pass
    return session.counts
