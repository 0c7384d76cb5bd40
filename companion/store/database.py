"""Opening the creator's database: the checks that make it usable, pragmas, migrations, the instance lock."""

import contextlib
import functools
import logging
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from companion.store.errors import (
    DatabaseCorrupt,
    DatabaseInUse,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnusable,
    StoreError,
)
from companion.store.instance_lock import InstanceLock
from companion.store.migrations import LATEST_VERSION, apply_migrations, schema_version

if TYPE_CHECKING:
    import sqlite_utils

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


class Store:
    """An open database: its connection, its path, and the instance lock it holds.

    Reads go through `query`; writes through sqlite-utils (`db`) inside `transaction()`.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        read_only: bool,
        lock: InstanceLock | None,
    ) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self._lock = lock
        self.closed = False
        """True once `close` ran: work queued before (a timer, a worker's result) must skip it."""

    @functools.cached_property
    def db(self) -> "sqlite_utils.Database":
        """sqlite-utils over the same connection, imported on first use.

        sqlite-utils imports numpy, click and dateutil: about 100 ms that the window's
        start-up, which only reads, does without.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """The rows of a read query as dicts keyed by column name."""
        cursor = self.conn.execute(sql, params)
        columns = [c[0] for c in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def transaction(self) -> contextlib.AbstractContextManager["sqlite_utils.Database"]:
        """Every write goes through one of these: all of it lands, or none of it."""
        if self.read_only:
            raise DatabaseReadOnly(
                "This database was opened read-only, so nothing can be changed.", self.path
            )
        return self.db.atomic()

    @property
    def version(self) -> int:
        return schema_version(self.conn)

    def close(self) -> None:
        self.closed = True
        self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


@contextlib.contextmanager
def instance_lock(db_path: Path) -> Iterator[InstanceLock]:
    """Hold the database's instance lock for a block, or raise DatabaseInUse."""
    lock = acquire_instance_lock(db_path)
    try:
        yield lock
    finally:
        lock.release()


def acquire_instance_lock(db_path: Path) -> InstanceLock:
    """Take the lock that keeps two running copies of the app off one database."""
    lock = InstanceLock(lock_path(db_path))
    try:
        acquired = lock.try_acquire()
    except OSError as error:
        raise DatabaseReadOnly(
            f"The folder of {db_path.name} cannot be written to ({error.strerror}).", db_path
        ) from None
    if not acquired:
        raise DatabaseInUse(
            f"{db_path.name} is open in another running Creator Companion window. "
            "Close that window first, or open this one read-only.",
            db_path,
        )
    return lock


def open_store(
    path: Path,
    *,
    read_only: bool = False,
    exclusive: bool = True,
    migrate: bool = True,
) -> Store:
    """Open (creating if needed) the database at `path`, ready for use.

    Raises a `DatabaseUnusable` subclass that says why it cannot be used: corrupt,
    from a newer version, read-only, or in use by another running instance.
    `exclusive` takes the instance lock (the GUI and anything that writes much);
    short headless reads and backups can share the database with a running window.
    """
    path = Path(path)
    _check_header(path)
    if read_only:
        conn = _connect_read_only(path)
        lock = None
    else:
        _check_writable(path)
        lock = acquire_instance_lock(path) if exclusive else None
        try:
            conn = _connect(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
    store = Store(path, conn, read_only=read_only, lock=lock)
    try:
        _check_version(store)
        if not read_only:
            _set_write_pragmas(store)
            if migrate and store.version < LATEST_VERSION:
                _migrate(store)
    except sqlite3.DatabaseError as error:
        store.close()
        raise _classify(path, error) from error
    except BaseException:
        store.close()
        raise
    return store


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise DatabaseUnusable(f"{path} is a folder, not a database file.", path) from None
    except PermissionError:
        raise DatabaseReadOnly(f"{path.name} cannot be read: permission denied.", path) from None
    if header and header != SQLITE_HEADER:
        raise DatabaseCorrupt(
            f"{path.name} is not a database file (it does not start with the SQLite header). "
            "It may be damaged, or be a different kind of file.",
            path,
        )


def _check_writable(path: Path) -> None:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseReadOnly(
            f"{path.name} is read-only (the file's permissions do not allow changes).", path
        )
    if folder.exists() and not os.access(folder, os.W_OK):
        raise DatabaseReadOnly(
            f"The folder {folder} is read-only, and the database needs to write its journal there.",
            path,
        )
    if not path.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"Cannot create the folder {folder} for the database: {error.strerror}.", path
            ) from None


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise StoreError(f"There is no database at {path} to open read-only.", path)
    uri = f"file:{quote(str(path))}"
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A WAL database in a read-only folder cannot create its -shm file; `immutable`
        # reads the file as it is on disk, which is what read-only means here.
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
    except sqlite3.DatabaseError as error:
        raise _classify(path, error) from error
    conn.execute("PRAGMA query_only = ON")
    return conn


def _set_write_pragmas(store: Store) -> None:
    try:
        store.conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed edit survives a power cut, not only a crash of the app.
        store.conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.OperationalError as error:
        if "readonly" in str(error) or "read-only" in str(error):
            raise DatabaseReadOnly(
                f"{store.path.name} cannot be written to ({error}).", store.path
            ) from None
        raise


def _check_version(store: Store) -> None:
    version = store.version
    if version > LATEST_VERSION:
        raise DatabaseTooNew(
            f"{store.path.name} was last used by a newer version of Creator Companion "
            f"(schema {version}; this version understands up to {LATEST_VERSION}). "
            "Update the app, or open a backup made by this version.",
            store.path,
            found=version,
            supported=LATEST_VERSION,
        )
    if version == 0:
        tables = store.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
        if tables:
            raise DatabaseUnusable(
                f"{store.path.name} is an SQLite database, but not a Creator Companion one. "
                "Choose another file, or a new one.",
                store.path,
            )


def _migrate(store: Store) -> None:
    from companion.store.backup import take_backup

    if store.version > 0:
        take_backup(store, reason=f"before-v{LATEST_VERSION}")
    try:
        applied = apply_migrations(store.conn)
    except sqlite3.OperationalError as error:
        if "readonly" in str(error):
            raise DatabaseReadOnly(
                f"{store.path.name} needs an upgrade, but it cannot be written to.", store.path
            ) from None
        raise
    log.info("migrated %s through versions %s", store.path, applied)


def _classify(path: Path, error: sqlite3.DatabaseError) -> DatabaseUnusable:
    text = str(error)
    if "locked" in text or "busy" in text:
        return DatabaseInUse(
            f"{path.name} is busy: another program holds it open and is writing to it.", path
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseReadOnly(f"{path.name} cannot be written to ({text}).", path)
    return DatabaseCorrupt(
        f"{path.name} is damaged and cannot be read ({text}). "
        "Restore a backup to get your data back.",
        path,
    )
