"""Writing imported rows so that importing the same data twice changes nothing.

Rows are matched on a key (account + date, or account + the platform's post id). A new
key is inserted; a known one is updated only where the import brings a value that differs
— an empty cell never erases what the record already holds. Work is done in batches, so
memory does not grow with the size of the file. The caller holds the transaction.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from companion.store.database import Store

BATCH_ROWS = 2000


@dataclass
class UpsertCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: "UpsertCounts") -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged

    @property
    def written(self) -> int:
        return self.new + self.updated


def upsert_rows(
    store: Store,
    table: str,
    key: Sequence[str],
    rows: Iterable[dict[str, Any]],
    batch_rows: int = BATCH_ROWS,
) -> UpsertCounts:
    """Insert or merge `rows` (dicts with the key columns) into `table`, batch by batch."""
    counts = UpsertCounts()
    for batch in batches(rows, batch_rows):
        counts.add(_upsert_batch(store, table, tuple(key), batch))
    return counts


def _upsert_batch(
    store: Store, table: str, key: tuple[str, ...], batch: list[dict[str, Any]]
) -> UpsertCounts:
    columns = sorted({column for row in batch for column in row})
    existing = _existing(store, table, key, columns, batch)
    fresh: dict[tuple, dict[str, Any]] = {}
    changes: list[tuple[dict[str, Any], tuple]] = []
    counts = UpsertCounts()
    for row in batch:
        row_key = tuple(row[k] for k in key)
        if row_key in fresh:  # the same key twice in one file: the later row wins
            fresh[row_key].update({c: v for c, v in row.items() if v is not None})
            continue
        current = existing.get(row_key)
        if current is None:
            fresh[row_key] = dict(row)
            continue
        changed = {c: v for c, v in row.items() if v is not None and current.get(c) != v}
        if changed:
            changes.append((changed, row_key))
            current.update(changed)
            counts.updated += 1
        else:
            counts.unchanged += 1
    if fresh:
        store.db[table].insert_all(fresh.values(), batch_size=len(fresh))
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
    keys = list({tuple(row[k] for k in key) for row in batch})
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
    return {tuple(row[k] for k in key): row for row in store.query(sql, params)}


def batches(
    rows: Iterable[dict[str, Any]], size: int = BATCH_ROWS
) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
