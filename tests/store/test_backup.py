"""Backups (online backup API, last ten kept, daily) and restore (checked first, current kept)."""

import sqlite3
from datetime import date, timedelta

import pytest

from companion.store import backup as backup_module
from companion.store.backup import (
    BACKUPS_KEPT,
    backup_if_due,
    list_backups,
    restore_backup,
    take_backup,
    verify_backup,
)
from companion.store.database import instance_lock, open_store
from companion.store.errors import BackupFailed
from tests.store.helpers import add_account, handles


@pytest.fixture
def store(db_path):
    with open_store(db_path) as opened:
        yield opened


def test_a_backup_is_a_complete_checked_database(store):
    add_account(store.path, "first")
    path = take_backup(store)
    assert path.parent == store.path.parent / "backups"
    assert verify_backup(path) >= 1
    assert handles(path) == ["first"]


def test_a_backup_includes_what_is_still_in_the_wal(store):
    with store.transaction():
        store.db["setting"].insert({"key": "k", "value": "uncheckpointed"})
    path = take_backup(store)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM setting").fetchone()[0] == "uncheckpointed"
    conn.close()


def test_only_the_last_ten_backups_are_kept(store):
    made = [take_backup(store, reason=f"r{i}") for i in range(BACKUPS_KEPT + 3)]
    kept = list_backups(store.path)
    assert len(kept) == BACKUPS_KEPT
    assert {b.path for b in kept} == set(made[-BACKUPS_KEPT:])
    assert kept[0].path == made[-1], "newest first"


def test_other_databases_backups_are_left_alone(store):
    other = store.path.parent / "backups" / "other-20200101-000000-manual.sqlite"
    other.parent.mkdir()
    other.write_bytes(b"")
    for _ in range(BACKUPS_KEPT + 1):
        take_backup(store)
    assert other.exists()


def test_the_daily_backup_is_taken_once_a_day(store):
    assert backup_if_due(store) is not None
    assert backup_if_due(store) is None
    assert backup_if_due(store, today=date.today() + timedelta(days=1)) is not None
    assert [b.reason for b in list_backups(store.path)] == ["daily", "daily"]


def test_restore_replaces_the_data_and_keeps_the_current_one(store):
    add_account(store.path, "before")
    saved = take_backup(store)
    add_account(store.path, "after")
    store.close()

    with instance_lock(store.path):
        kept = restore_backup(store.path, saved)
    assert handles(store.path) == ["before"]
    assert kept is not None and handles(kept) == ["after", "before"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "not a Creator Companion backup"),
        (b"garbage" * 500, "not a usable backup"),
    ],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(store, tmp_path, content, expected):
    add_account(store.path, "precious")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with pytest.raises(BackupFailed, match=expected):
        restore_backup(store.path, bad)
    assert handles(store.path) == ["precious"]
    assert list_backups(store.path) == []


def test_restore_runs_the_integrity_check_first(store, tmp_path, monkeypatch):
    add_account(store.path, "precious")
    saved = take_backup(store)

    real_connect = sqlite3.connect

    class FailingIntegrity:
        def __init__(self, conn):
            self._conn = conn

        def execute(self, sql, *args):
            if sql.startswith("PRAGMA integrity_check"):
                return iter([("*** in database main *** Page 3: btreeInitPage() error",)])
            return self._conn.execute(sql, *args)

        def close(self):
            self._conn.close()

    monkeypatch.setattr(
        backup_module.sqlite3, "connect", lambda *a, **k: FailingIntegrity(real_connect(*a, **k))
    )
    with pytest.raises(BackupFailed, match="integrity check"):
        verify_backup(saved)


def test_restore_refuses_a_backup_from_a_newer_version(store, tmp_path):
    newer = tmp_path / "newer.sqlite"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE account (id)")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    with pytest.raises(BackupFailed, match="newer version"):
        restore_backup(store.path, newer)


def test_restore_over_a_damaged_database_moves_the_damaged_one_aside(store):
    add_account(store.path, "saved")
    saved = take_backup(store)
    store.close()
    store.path.write_bytes(b"this used to be a database" * 100)

    kept = restore_backup(store.path, saved)
    assert kept is not None and "damaged" in kept.name
    assert kept.read_bytes().startswith(b"this used to be")
    assert handles(store.path) == ["saved"]
