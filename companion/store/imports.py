"""Writing an import: all its batches in one transaction, merged by key and counted; all of it or none."""

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice

from companion.core.accounts import Snapshot
from companion.core.posts import Post
from companion.store.database import Store, open_store
from companion.store.posts import import_posts
from companion.store.snapshots import import_snapshots
from companion.store.upsert import BATCH_ROWS, UpsertCounts

Record = Snapshot | Post


class ImportSession:
    """The open transaction of one import: write batches into it; `counts` adds them up."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.counts = UpsertCounts()

    def write(self, records: Sequence[Record]) -> None:
        snapshots = [r for r in records if isinstance(r, Snapshot)]
        posts = [r for r in records if isinstance(r, Post)]
        if snapshots:
            self.counts.add(import_snapshots(self.store, snapshots))
        if posts:
            self.counts.add(import_posts(self.store, posts))


class _CheckOnly(Exception):
    """Raised at the end of a check so that the transaction rolls back."""


@contextlib.contextmanager
def import_transaction(store: Store, *, check_only: bool = False) -> Iterator[ImportSession]:
    """One transaction for a whole import: committed if the block ends normally, rolled back if it
    raises or is cancelled (a closed generator) — or always, with `check_only`, which still counts
    what would be new, updated and unchanged."""
    session = ImportSession(store)
    with contextlib.suppress(_CheckOnly), store.transaction():
        yield session
        if check_only:
            raise _CheckOnly


def write_import(
    store: Store, records: Iterable[Record], *, check_only: bool = False
) -> UpsertCounts:
    """Write (or only check) every record in one transaction, in batches; the merge counts."""
    iterator = iter(records)
    with import_transaction(store, check_only=check_only) as session:
        while batch := list(islice(iterator, BATCH_ROWS)):
            session.write(batch)
    return session.counts


def worker_connection(store: Store) -> Store:
    """A second connection to the same database, for a worker thread (an SQLite connection stays
    in the thread that opened it). The window's instance lock already covers it."""
    return open_store(store.path, exclusive=False, migrate=False)


def first_snapshot_date(store: Store, account_id: int) -> date | None:
    """The day of the account's earliest daily numbers, if it has any."""
    row = store.conn.execute(
        "SELECT min(date) FROM snapshot WHERE account_id = ?", (account_id,)
    ).fetchone()
    return date.fromisoformat(row[0][:10]) if row and row[0] else None
