"""Building databases as earlier versions of the app left them, for migration and restore tests."""

import sqlite3
from pathlib import Path

from companion.store.migrations import apply_migrations


def database_at_version(path: Path, version: int) -> Path:
    """A database file migrated exactly up to `version` (0: an empty SQLite file)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        apply_migrations(conn, target=version)
    finally:
        conn.close()
    return path


def add_account(path: Path, handle: str = "mayaeats", followers: int = 24_000) -> None:
    """One account with one snapshot, written the way version 1 stores them."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(
            "INSERT INTO account (platform, handle, created) VALUES ('instagram', ?, '2026-01-01')",
            (handle,),
        )
        conn.execute(
            "INSERT INTO snapshot (account_id, date, followers) VALUES (last_insert_rowid(), ?, ?)",
            ("2026-11-20", followers),
        )
    finally:
        conn.close()


def handles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT handle FROM account ORDER BY handle")]
    finally:
        conn.close()
