"""Backups with SQLite's online backup API (never a file copy), the last ten kept, and restore."""

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from companion.store.database import Store
from companion.store.errors import BackupFailed
from companion.store.migrations import LATEST_VERSION

BACKUPS_KEPT = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?-(?P<reason>[a-z0-9-]+)\.sqlite$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Backup]:
    """This database's backups, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for file in folder.glob(f"{db_path.stem}-*.sqlite"):
        match = _NAME.match(file.name)
        if match and match["stem"] == db_path.stem:
            taken_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            found.append(Backup(file, taken_at, match["reason"]))
    # Several backups can share a second; the file's own time orders those.
    return sorted(found, key=lambda b: (b.taken_at, b.path.stat().st_mtime_ns), reverse=True)


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent copy of an open database to `target`, atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise BackupFailed(f"Could not write the backup {target}: {error}.", target) from error
    return target


def take_backup(store: Store, reason: str = "manual", target: Path | None = None) -> Path:
    """Back the database up into its backups folder (or to `target`); keeps the last ten."""
    if target is not None:
        return copy_database(store.conn, target)
    now = datetime.now()
    folder = backup_folder(store.path)
    name = f"{store.path.stem}-{now:%Y%m%d-%H%M%S}-{reason}.sqlite"
    counter = 1
    while (folder / name).exists():
        counter += 1
        name = f"{store.path.stem}-{now:%Y%m%d-%H%M%S}-{counter}-{reason}.sqlite"
    path = copy_database(store.conn, folder / name)
    prune_backups(store.path)
    return path


def prune_backups(db_path: Path, keep: int = BACKUPS_KEPT) -> None:
    for old in list_backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)


def backup_if_due(store: Store, today: date | None = None) -> Path | None:
    """The daily backup: taken when no backup of this database is from today."""
    today = today or date.today()
    newest = next(iter(list_backups(store.path)), None)
    if newest is not None and newest.taken_at.date() >= today:
        return None
    return take_backup(store, reason="daily")


def verify_backup(file: Path) -> int:
    """Check a file offered for restore; returns its schema version or raises BackupFailed."""
    if not file.is_file():
        raise BackupFailed(f"{file} does not exist or is not a file.", file)
    try:
        conn = sqlite3.connect(f"file:{quote(str(file.absolute()))}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupFailed(f"{file.name} cannot be opened: {error}.", file) from error
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupFailed(
            f"{file.name} is not a usable backup: {error}. Nothing was changed.", file
        ) from error
    finally:
        conn.close()
    if problems != ["ok"]:
        shown = "; ".join(problems[:3])
        raise BackupFailed(
            f"{file.name} failed the integrity check ({shown}). Nothing was changed.", file
        )
    if version == 0 or not tables:
        raise BackupFailed(f"{file.name} is not a Creator Companion backup.", file)
    if version > LATEST_VERSION:
        raise BackupFailed(
            f"{file.name} was made by a newer version of Creator Companion "
            f"(schema {version}; this version understands up to {LATEST_VERSION}).",
            file,
        )
    return version


def restore_backup(db_path: Path, file: Path) -> Path | None:
    """Replace the database at `db_path` with the backup `file`.

    The file is checked first; the current database is kept as a backup (or, if it is
    too damaged to copy, moved aside into the backups folder) before it is replaced.
    The caller holds the instance lock. Returns where the previous database was kept.
    """
    verify_backup(file)
    kept = _keep_current(db_path)
    source = sqlite3.connect(f"file:{quote(str(file.absolute()))}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(db_path, timeout=5)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.Error as error:
        raise BackupFailed(f"Restoring {file.name} failed: {error}.", file) from error
    finally:
        source.close()
    return kept


def _keep_current(db_path: Path) -> Path | None:
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    folder = backup_folder(db_path)
    try:
        current = sqlite3.connect(f"file:{quote(str(db_path))}?mode=ro", uri=True)
        try:
            current.execute("PRAGMA quick_check").fetchall()
            kept = copy_database(current, folder / f"{db_path.stem}-{stamp}-before-restore.sqlite")
        finally:
            current.close()
        prune_backups(db_path)
        return kept
    except (sqlite3.DatabaseError, BackupFailed):
        folder.mkdir(parents=True, exist_ok=True)
        damaged = folder / f"{db_path.stem}-damaged-{stamp}.sqlite"
        db_path.replace(damaged)
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        return damaged
