"""Audience breakdowns of each account: read them, enter one (again), remove one."""

from datetime import date

from companion.core.audience import Breakdown, Dimension, breakdowns_from_rows
from companion.store.database import Store


def breakdowns_of(store: Store, account_id: int) -> list[Breakdown]:
    """Every breakdown kept for an account, newest first."""
    rows = store.query(
        "SELECT dimension, date, bucket, share FROM audience WHERE account_id = ?", (account_id,)
    )
    return breakdowns_from_rows(rows)


def breakdown_on(
    store: Store, account_id: int, dimension: Dimension, read_on: date
) -> Breakdown | None:
    rows = store.query(
        "SELECT dimension, date, bucket, share FROM audience "
        "WHERE account_id = ? AND dimension = ? AND date = ?",
        (account_id, dimension.value, read_on.isoformat()),
    )
    found = breakdowns_from_rows(rows)
    return found[0] if found else None


def save_breakdown(store: Store, account_id: int, breakdown: Breakdown) -> Breakdown | None:
    """Keep a breakdown, replacing the one of the same dimension and date; returns what it replaced."""
    previous = breakdown_on(store, account_id, breakdown.dimension, breakdown.read_on)
    with store.transaction():
        _delete(store, account_id, breakdown.dimension, breakdown.read_on)
        store.conn.executemany(
            "INSERT INTO audience (account_id, date, dimension, bucket, share) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (
                    account_id,
                    breakdown.read_on.isoformat(),
                    breakdown.dimension.value,
                    share.bucket,
                    share.share,
                )
                for share in breakdown.shares
            ],
        )
    return previous


def delete_breakdown(
    store: Store, account_id: int, dimension: Dimension, read_on: date
) -> Breakdown | None:
    """Remove one breakdown; returns it (None when there was none)."""
    previous = breakdown_on(store, account_id, dimension, read_on)
    with store.transaction():
        _delete(store, account_id, dimension, read_on)
    return previous


def _delete(store: Store, account_id: int, dimension: Dimension, read_on: date) -> None:
    store.conn.execute(
        "DELETE FROM audience WHERE account_id = ? AND dimension = ? AND date = ?",
        (account_id, dimension.value, read_on.isoformat()),
    )
