"""Writing imported rows so that importing the same data twice changes nothing.

Rows are matched on a key (account + date, or account + the platform's post id). A new
key is inserted; a known one is updated only where the import brings a value that differs
— an empty cell never erases what the record already holds. Work is done in batches, so
memory does not grow with the size of the file. The caller holds the transaction.

Two narrower modes serve numbers that cannot stand on their own: `UPDATE_ONLY` merges
into keys the table already holds and counts the others as rejected (a day's reach
without the day's followers); `INSERT_ONLY` adds keys the table lacks and leaves known
ones as they are (followers worked out as a lower bound).
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from operator import itemgetter
from typing import Any

from companion.store.database import Store

BATCH_ROWS = 2000


class Merge(StrEnum):
    UPSERT = "upsert"
    UPDATE_ONLY = "update only"
    INSERT_ONLY = "insert only"


@dataclass
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    """Rows `Merge.UPDATE_ONLY` left out because the table has no row with their key."""

    def add(self, other: "UpsertCounts") -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected += other.rejected

    @property
    def written(self) -> int:
        return self.new + self.updated


def upsert_rows(
    store: Store,
    table: str,
    key: Sequence[str],
    rows: Iterable[dict[str, Any]],
    batch_rows: int = BATCH_ROWS,
    merge: Merge = Merge.UPSERT,
) -> UpsertCounts:
    """Insert or merge `rows` (dicts with the key columns) into `table`, batch by batch."""
    counts = UpsertCounts()
    for batch in batches(rows, batch_rows):
        counts.add(_upsert_batch(store, table, tuple(key), batch, merge))
    return counts


def _upsert_batch(
    store: Store,
    table: str,
    key: tuple[str, ...],
    batch: list[dict[str, Any]],
    merge: Merge = Merge.UPSERT,
) -> UpsertCounts:
    columns = sorted(set().union(*batch))  # every column any row of the batch names
    key_of = _key_getter(key)
    existing = _existing(store, table, key, columns, batch)
    fresh: dict[tuple, dict[str, Any]] = {}
    changes: list[tuple[dict[str, Any], tuple]] = []
    counts = UpsertCounts()
    for row in batch:
        row_key = key_of(row)
        if row_key in fresh:  # the same key twice in one file: the later row wins
            fresh[row_key].update({c: v for c, v in row.items() if v is not None})
            continue
        current = existing.get(row_key)
        if current is None and merge is Merge.UPDATE_ONLY:
            counts.rejected += 1
            continue
        if current is None:
            fresh[row_key] = row
            continue
        changed = {c: v for c, v in row.items() if v is not None and current.get(c) != v}
        if merge is Merge.INSERT_ONLY:
            changed = {}
        if changed:
            changes.append((changed, row_key))
            current.update(changed)
            counts.updated += 1
        else:
            counts.unchanged += 1
    if fresh:
        # One prepared INSERT for the batch: sqlite-utils' insert_all builds and type-checks
        # each row again, a third of a large import's time. Missing columns go in as NULL.
        names = ", ".join(f"[{c}]" for c in columns)
        store.conn.executemany(
            f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})",
            [tuple(map(row.get, columns)) for row in fresh.values()],
        )
        counts.new += len(fresh)
    for changed, row_key in changes:
        assignments = ", ".join(f"[{c}] = ?" for c in changed)
        where = " AND ".join(f"[{k}] = ?" for k in key)
        store.conn.execute(
            f"UPDATE [{table}] SET {assignments} WHERE {where}", [*changed.values(), *row_key]
        )
    return counts


def _existing(
    store: Store,
    table: str,
    key: tuple[str, ...],
    columns: Sequence[str],
    batch: list[dict[str, Any]],
) -> dict[tuple, dict[str, Any]]:
    key_of = _key_getter(key)
    keys = list({key_of(row) for row in batch})
    if not _any_with_first_key(store, table, key[0], {k[0] for k in keys}):
        return {}  # e.g. a new account's first import: nothing to look up row by row
    names = [f"k{i}" for i in range(len(key))]
    values = ", ".join(["(" + ", ".join("?" * len(key)) + ")"] * len(keys))
    # A join on the keys lets SQLite look each one up by index; `(a, b) IN (VALUES …)`
    # scanned the whole table for every batch (600k rows: 31 s instead of seconds).
    on = " AND ".join(f"t.[{k}] = wanted.{n}" for k, n in zip(key, names, strict=True))
    selected = ", ".join(f"t.[{c}]" for c in columns)
    sql = (
        f"WITH wanted({', '.join(names)}) AS (VALUES {values}) "
        f"SELECT {selected} FROM wanted JOIN [{table}] AS t ON {on}"
    )
    params = [value for row_key in keys for value in row_key]
    return {key_of(row): row for row in store.query(sql, params)}


def _key_getter(key: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple]:
    """A row's key as a tuple (itemgetter returns a bare value for a one-column key)."""
    if len(key) == 1:
        return lambda row: (row[key[0]],)
    return itemgetter(*key)


def _any_with_first_key(store: Store, table: str, column: str, values: set[Any]) -> bool:
    """Whether the table has any row with one of these values in the key's first column."""
    if len(values) > 1:
        return True
    found = store.conn.execute(
        f"SELECT 1 FROM [{table}] WHERE [{column}] = ? LIMIT 1", (next(iter(values)),)
    ).fetchone()
    return found is not None


def batches(
    rows: Iterable[dict[str, Any]], size: int = BATCH_ROWS
) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
