"""Schema migrations: each one applied to a database made by the version before it."""

import sqlite3

import pytest

from companion.store import migrations
from companion.store.backup import list_backups
from companion.store.database import open_store
from companion.store.migrations import LATEST_VERSION, MIGRATIONS, apply_migrations
from tests.store.helpers import add_account, database_at_version, handles


@pytest.mark.parametrize("version", range(1, LATEST_VERSION + 1))
def test_each_migration_applies_to_the_previous_version(db_path, version):
    database_at_version(db_path, version - 1)
    if version > 1:
        add_account(db_path)

    conn = sqlite3.connect(db_path, isolation_level=None)
    assert apply_migrations(conn, target=version) == [version]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    if version > 1:
        assert handles(db_path) == ["mayaeats"]


def test_a_new_database_is_created_at_the_latest_version(db_path):
    with open_store(db_path) as store:
        assert store.version == LATEST_VERSION
        assert {"account", "snapshot", "post", "deal", "setting"} <= set(store.db.table_names())
    assert list_backups(db_path) == [], "a brand-new database needs no backup"


def test_version_one_schema_has_the_design_tables(db_path):
    database_at_version(db_path, 1)
    conn = sqlite3.connect(db_path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {
        "account",
        "snapshot",
        "post",
        "audience",
        "brand",
        "deal",
        "deliverable",
        "caption",
        "subtitle_file",
        "setting",
    }


@pytest.fixture
def a_second_migration(monkeypatch):
    """A stand-in for the next release's migration, to exercise the upgrade path itself."""
    upgraded = [*MIGRATIONS, ["ALTER TABLE account ADD COLUMN bio TEXT"]]
    monkeypatch.setattr(migrations, "MIGRATIONS", upgraded)
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(upgraded))
    monkeypatch.setattr("companion.store.database.LATEST_VERSION", len(upgraded))
    monkeypatch.setattr("companion.store.backup.LATEST_VERSION", len(upgraded))
    return len(upgraded)


def test_upgrading_takes_a_backup_first_and_keeps_the_data(db_path, a_second_migration):
    database_at_version(db_path, a_second_migration - 1)
    add_account(db_path)

    with open_store(db_path) as store:
        assert store.version == a_second_migration
        assert "bio" in store.db["account"].columns_dict

    backups = list_backups(db_path)
    assert [b.reason for b in backups] == [f"before-v{a_second_migration}"]
    old = sqlite3.connect(backups[0].path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == a_second_migration - 1
    old.close()
    assert handles(db_path) == ["mayaeats"]


def test_a_failing_migration_leaves_the_database_at_its_old_version(db_path, monkeypatch):
    database_at_version(db_path, 1)
    add_account(db_path)
    broken = [*MIGRATIONS, ["CREATE TABLE extra (x)", "THIS IS NOT SQL"]]
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)

    conn = sqlite3.connect(db_path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(conn, target=2)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "extra" not in tables
    conn.close()
    assert handles(db_path) == ["mayaeats"]
