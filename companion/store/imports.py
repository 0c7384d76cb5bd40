"""Writing an import: all its batches in one transaction, merged by key and counted; all of it or none.

Besides snapshots and posts a batch may hold records that say how they merge (`merge`) and
give their table rows (`rows()`): the platform importers' day numbers, follower floors and
audience breakdowns (see `companion.importers.records`).
"""

import contextlib
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from datetime import UTC, date
from itertools import islice
from typing import Any, Protocol, TypeVar, runtime_checkable

from companion.core.accounts import Account, Snapshot
from companion.core.platforms import Platform
from companion.core.posts import Post
from companion.store.accounts import add_account
from companion.store.database import Store, open_store
from companion.store.posts import POST_FIELDS
from companion.store.snapshots import SNAPSHOT_KEY, import_snapshots
from companion.store.upsert import BATCH_ROWS, Merge, UpsertCounts, upsert_rows

AUDIENCE_KEY = ("account_id", "date", "dimension", "bucket")
DAY_NUMBERS = "day numbers"
# How each kind of row record merges: (table, key, merge).
_ROW_MERGES = {
    DAY_NUMBERS: ("snapshot", SNAPSHOT_KEY, Merge.UPDATE_ONLY),
    "follower floor": ("snapshot", SNAPSHOT_KEY, Merge.INSERT_ONLY),
    "audience": ("audience", AUDIENCE_KEY, Merge.UPSERT),
}


@runtime_checkable
class RowRecord(Protocol):
    """A record that names its merge ("day numbers", "follower floor", "audience") and its rows."""

    merge: str

    def rows(self) -> list[dict[str, Any]]: ...


Record = Snapshot | Post | RowRecord


class ImportSession:
    """The open transaction of one import: write batches into it; `counts` adds them up."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.counts = UpsertCounts()
        # The days each account had before this import (a few thousand at most: one a day).
        self._days_before: dict[int, set[str]] = {}

    def write(self, records: Sequence[Record]) -> None:
        snapshots = [r for r in records if isinstance(r, Snapshot)]
        posts = [r for r in records if isinstance(r, Post)]
        for account_id in {getattr(record, "account_id", None) for record in records}:
            self._note_days_before(account_id)
        if snapshots:
            self.counts.add(import_snapshots(self.store, snapshots))
        if posts:
            self.counts.add(_merge_posts(self.store, posts))
        for merge, (table, key, how) in _ROW_MERGES.items():
            rows = [row for r in records if getattr(r, "merge", None) == merge for row in r.rows()]
            if not rows:
                continue
            if merge == DAY_NUMBERS:
                self._merge_day_numbers(table, key, how, rows)
            else:
                self.counts.add(upsert_rows(self.store, table, key, rows, merge=how))

    def _merge_day_numbers(
        self, table: str, key: Sequence[str], how: Merge, rows: list[dict[str, Any]]
    ) -> None:
        """Reach or views joining a day that this same import added (the followers file of the
        same export) count as new: to the creator the whole day is new, nothing was updated."""
        known = [r for r in rows if r["date"] in self._days_before[r["account_id"]]]
        added_now = [r for r in rows if r["date"] not in self._days_before[r["account_id"]]]
        self.counts.add(upsert_rows(self.store, table, key, known, merge=how))
        joined = upsert_rows(self.store, table, key, added_now, merge=how)
        self.counts.add(
            UpsertCounts(new=joined.written + joined.unchanged, rejected=joined.rejected)
        )

    def _note_days_before(self, account_id: int | None) -> None:
        if account_id is None or account_id in self._days_before:
            return
        found = self.store.conn.execute(
            "SELECT date FROM snapshot WHERE account_id = ?", (account_id,)
        )
        self._days_before[account_id] = {row[0][:10] for row in found}


_SET_APART = frozenset({"account_id", "published_at", "kind", "source"})
_POST_VALUES = tuple(name for name in POST_FIELDS if name not in _SET_APART)
"""What an imported post writes as it is; the rest is set apart (the time in UTC, the kind)."""


def _merge_posts(store: Store, posts: Sequence[Post]) -> UpsertCounts:
    """`import_posts` for a batch of an import, with the rows built directly: `post_row` makes
    every column and then drops the empty ones, a fifth of a large import's time. Matched on
    the platform's post id, else on the time published, as `import_posts` does."""
    published_text: dict[object, str] = {}  # an export's posts share their parsed moments
    with_id, without_id = [], []
    for post in posts:
        moment = post.published_at
        text = published_text.get(moment)
        if text is None:
            aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            text = published_text[moment] = aware.astimezone(UTC).isoformat()
        fields = vars(post)
        row = {name: fields[name] for name in _POST_VALUES if fields[name] is not None}
        row |= {
            "account_id": post.account_id,
            "published_at": text,
            "kind": str(post.kind),
            "source": post.source,
        }
        (with_id if post.platform_post_id else without_id).append(row)
    counts = upsert_rows(store, "post", ("account_id", "platform_post_id"), with_id)
    counts.add(upsert_rows(store, "post", ("account_id", "published_at"), without_id))
    return counts


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


Progress = TypeVar("Progress")
Outcome = TypeVar("Outcome")


def run_steps(steps: Generator[Any, None, Outcome]) -> Outcome:
    """Run an import's steps to the end without a worker (the command line, tests): its result."""
    while True:
        try:
            next(steps)
        except StopIteration as end:
            return end.value


ImportRun = Callable[
    [Sequence[Account], Callable[[Sequence[Record]], None]], Generator[Progress, None, Outcome]
]


def import_with_accounts(
    store: Store,
    new_accounts: Sequence[tuple[Platform, str]],
    run: ImportRun,
    *,
    check_only: bool = False,
) -> Generator[Progress, None, tuple[Outcome, UpsertCounts, list[Account]]]:
    """Add the accounts an import needs and run it, all in one transaction: if the run fails or
    is cancelled, the new accounts go too. `run` gets the new accounts and the batch writer.
    Returns what the run returned, the merge counts, and the accounts added."""
    with import_transaction(store, check_only=check_only) as session:
        added = [add_account(store, platform, handle) for platform, handle in new_accounts]
        outcome = yield from run(added, session.write)
    return outcome, session.counts, added


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
