"""The daily numbers of each account: read a history, enter a day (again), delete one, import many."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from companion.core.accounts import Snapshot
from companion.store.database import Store

if TYPE_CHECKING:
    from companion.store.upsert import UpsertCounts

SNAPSHOT_KEY = ("account_id", "date")
_HISTORY = "SELECT date, followers FROM snapshot WHERE account_id = ?"
_COLUMNS = (
    "account_id, date, followers, following, posts, reach, impressions, profile_views, source"
)


def snapshot_row(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "account_id": snapshot.account_id,
        "date": snapshot.date.isoformat(),
        "followers": snapshot.followers,
        "following": snapshot.following,
        "posts": snapshot.posts,
        "reach": snapshot.reach,
        "impressions": snapshot.impressions,
        "profile_views": snapshot.profile_views,
        "source": snapshot.source,
    }


def snapshot_from_row(row: dict[str, Any]) -> Snapshot:
    return Snapshot(
        account_id=row["account_id"],
        date=date.fromisoformat(row["date"][:10]),
        followers=row["followers"],
        following=row["following"],
        posts=row["posts"],
        reach=row["reach"],
        impressions=row["impressions"],
        profile_views=row["profile_views"],
        source=row["source"],
    )


def snapshots_of(store: Store, account_id: int, since: date | None = None) -> list[Snapshot]:
    """An account's snapshots, oldest first (from `since` on, when given)."""
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM snapshot WHERE account_id = ? AND date >= ? ORDER BY date",
        (account_id, (since or date.min).isoformat()),
    ).fetchall()
    # Rows as tuples in the order of Snapshot's fields (_COLUMNS): ten years of days read in
    # about half the time dicts take.
    return [
        Snapshot(account, date.fromisoformat(day[:10]), *numbers) for account, day, *numbers in rows
    ]


def follower_history(
    store: Store, account_id: int, last: int | None = None
) -> list[tuple[date, int]]:
    """(date, followers) oldest first: what growth and charts need, read straight off the key.

    `last` keeps only the last so many: enough for a latest figure and, as there is at most
    one a day, for every day of the last `last - 1`.
    """
    if last is None:
        query, parameters = _HISTORY + " ORDER BY date", (account_id,)
    else:
        query, parameters = _HISTORY + " ORDER BY date DESC LIMIT ?", (account_id, last)
    rows = store.conn.execute(query, parameters).fetchall()
    if last is not None:
        rows.reverse()
    return [(date.fromisoformat(day), followers) for day, followers in rows]


def snapshot_on(store: Store, account_id: int, day: date) -> Snapshot | None:
    rows = store.query(
        f"SELECT {_COLUMNS} FROM snapshot WHERE account_id = ? AND date = ?",
        (account_id, day.isoformat()),
    )
    return snapshot_from_row(rows[0]) if rows else None


def save_snapshot(store: Store, snapshot: Snapshot) -> Snapshot | None:
    """Enter a day's numbers as typed, replacing that day's if any; returns what it replaced."""
    previous = snapshot_on(store, snapshot.account_id, snapshot.date)
    row = snapshot_row(snapshot)
    with store.transaction():
        store.conn.execute(
            f"INSERT OR REPLACE INTO snapshot ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
    return previous


def delete_snapshot(store: Store, account_id: int, day: date) -> Snapshot | None:
    """Remove a day's numbers; returns them (for undo), or None if there were none."""
    previous = snapshot_on(store, account_id, day)
    if previous is not None:
        with store.transaction():
            store.conn.execute(
                "DELETE FROM snapshot WHERE account_id = ? AND date = ?",
                (account_id, day.isoformat()),
            )
    return previous


def import_snapshots(store: Store, snapshots: Iterable[Snapshot]) -> "UpsertCounts":
    """Merge imported days into the record; the caller holds the transaction."""
    from companion.store.upsert import upsert_rows  # only an import needs it, not a start

    return upsert_rows(
        store, "snapshot", SNAPSHOT_KEY, (_without_empty(snapshot_row(s)) for s in snapshots)
    )


def _without_empty(row: dict[str, Any]) -> dict[str, Any]:
    return {column: value for column, value in row.items() if value is not None}
