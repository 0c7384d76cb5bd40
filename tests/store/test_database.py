"""Opening the database: pragmas, and each way a database can be unusable."""

import contextlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from companion.store.database import open_store
from companion.store.errors import (
    DatabaseCorrupt,
    DatabaseInUse,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnusable,
    Remedy,
)
from companion.store.migrations import LATEST_VERSION
from tests.store.helpers import add_account, handles


def test_pragmas_are_set_for_safe_writes(db_path):
    with open_store(db_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_failed_transaction_writes_nothing(db_path):
    with open_store(db_path) as store:
        with pytest.raises(sqlite3.IntegrityError), store.transaction():
            store.db["account"].insert({"platform": "tiktok", "handle": "a", "created": "x"})
            store.db["snapshot"].insert({"account_id": 999, "date": "2026-01-01", "followers": 5})
        assert store.db["account"].count == 0


def test_negative_followers_are_refused_by_the_schema(db_path):
    with (
        open_store(db_path) as store,
        pytest.raises(sqlite3.IntegrityError),
        store.transaction(),
    ):
        store.db["account"].insert({"platform": "tiktok", "handle": "a", "created": "x"})
        store.db["snapshot"].insert({"account_id": 1, "date": "2026-01-01", "followers": -1})


def test_junk_bytes_are_reported_as_damaged(db_path):
    db_path.write_bytes(b"\x00\xffnot a database at all" * 100)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_store(db_path)
    assert db_path.name in caught.value.message
    assert Remedy.OPEN_BACKUP in caught.value.remedies


def test_a_damaged_page_is_reported_as_damaged(db_path):
    with open_store(db_path) as store, store.transaction():
        store.db["setting"].insert({"key": "x", "value": "1"})
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)
    db_path.write_bytes(bytes(data))
    with pytest.raises(DatabaseCorrupt):
        open_store(db_path)


def test_a_database_from_a_newer_version_is_refused_untouched(db_path):
    open_store(db_path).close()
    add_account(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.commit()
    conn.close()

    with pytest.raises(DatabaseTooNew) as caught:
        open_store(db_path)
    assert caught.value.found == LATEST_VERSION + 5
    assert "newer version" in caught.value.message
    assert handles(db_path) == ["mayaeats"]


def test_another_apps_sqlite_file_is_not_taken_over(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseUnusable, match="not a Creator Companion"):
        open_store(db_path)


def test_a_second_instance_is_told_the_database_is_in_use(db_path):
    with open_store(db_path):
        with pytest.raises(DatabaseInUse) as caught:
            open_store(db_path)
        assert Remedy.OPEN_READ_ONLY in caught.value.remedies
        with open_store(db_path, read_only=True) as reader:
            assert reader.read_only
    open_store(db_path).close()  # released when the first one closed


def test_read_only_store_refuses_writes(db_path):
    open_store(db_path).close()
    with open_store(db_path, read_only=True) as store, pytest.raises(DatabaseReadOnly):
        store.transaction()


@contextlib.contextmanager
def immutable(path: Path):
    """Make a file unwritable even for root (tests run as root in CI), or skip."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"this file system cannot make files immutable: {made.stderr!r}")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_file_is_reported_and_can_be_opened_read_only(db_path):
    open_store(db_path).close()
    add_account(db_path)
    with immutable(db_path):
        with pytest.raises(DatabaseReadOnly) as caught:
            open_store(db_path)
        assert Remedy.OPEN_READ_ONLY in caught.value.remedies
        with open_store(db_path, read_only=True) as store:
            assert store.db["account"].count == 1
