"""The creator's accounts and their daily snapshots: reading them, and adding and renaming accounts.

Removing an account (and undoing it) is in account_removal.
"""

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from companion.core.accounts import Account, Snapshot
from companion.core.platforms import Platform
from companion.store.database import Store
from companion.store.errors import StoreError
from companion.store.snapshots import snapshot_from_row

# CROSS JOIN keeps account as the outer loop (SQLite does not reorder it): per account, one
# seek for max(date) and one for the row, both on the (account_id, date) primary key. With
# a plain JOIN the planner may scan every snapshot and run the subquery for each.
_LATEST_SNAPSHOTS = """
SELECT s.account_id, s.date, s.followers, s.following, s.posts, s.reach,
       s.impressions, s.profile_views, s.source
FROM account AS a CROSS JOIN snapshot AS s
  ON s.account_id = a.id
 AND s.date = (SELECT max(date) FROM snapshot WHERE account_id = a.id)
"""


def list_accounts(store: Store) -> list[Account]:
    """Every account, grouped by platform in the order they were added."""
    rows = store.query("SELECT id, platform, handle, display_name FROM account ORDER BY id")
    accounts = [account_from_row(row) for row in rows]
    return sorted(accounts, key=lambda a: list(Platform).index(a.platform))


def latest_snapshots(store: Store) -> dict[int, Snapshot]:
    """The newest snapshot of each account that has one, by account id.

    One query that reads two index entries per account, however long the history is.
    """
    return {row["account_id"]: snapshot_from_row(row) for row in store.query(_LATEST_SNAPSHOTS)}


def _platform(value: str) -> Platform:
    try:
        return Platform(value)
    except ValueError:
        return Platform.OTHER


class DuplicateAccount(StoreError):
    """The record already holds an account with this platform and handle."""


def get_account(store: Store, account_id: int) -> Account | None:
    rows = store.query(
        "SELECT id, platform, handle, display_name FROM account WHERE id = ?", (account_id,)
    )
    return account_from_row(rows[0]) if rows else None


def add_account(
    store: Store, platform: Platform, handle: str, display_name: str | None = None
) -> Account:
    """Add an account (the handle as typed, without surrounding spaces); returns it with its id."""
    row = {
        "platform": str(platform),
        "handle": handle.strip(),
        "display_name": (display_name or "").strip() or None,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with _refusing_duplicates(store, platform, row["handle"]), store.transaction():
        account_id = store.db["account"].insert(row).last_pk
    return Account(account_id, platform, row["handle"], row["display_name"])


def update_account(store: Store, account: Account) -> Account:
    """Change an account's platform, handle or name; returns the account as it was (for undo)."""
    previous = get_account(store, account.id)
    if previous is None:
        raise StoreError(
            f"{account.platform.label} {account.shown_handle} is no longer in the record."
        )
    with _refusing_duplicates(store, account.platform, account.handle), store.transaction():
        store.conn.execute(
            "UPDATE account SET platform = ?, handle = ?, display_name = ? WHERE id = ?",
            (str(account.platform), account.handle.strip(), account.display_name, account.id),
        )
    return previous


@contextlib.contextmanager
def _refusing_duplicates(store: Store, platform: Platform, handle: str) -> Iterator[None]:
    """Turns the database's UNIQUE (platform, handle) refusal into a message for the creator."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        if "UNIQUE" not in str(error):
            raise
        raise DuplicateAccount(
            f"{platform.label} {handle.strip()} is already one of your accounts.", store.path
        ) from None


def account_from_row(row: dict[str, Any]) -> Account:
    return Account(row["id"], _platform(row["platform"]), row["handle"], row["display_name"])
