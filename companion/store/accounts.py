"""The creator's accounts and their daily snapshots: reading them, and adding, renaming and removing accounts."""

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
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
    accounts = [_account(row) for row in rows]
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


@dataclass(frozen=True)
class AccountContents:
    """How much of the record belongs to an account (and goes with it when it is removed)."""

    snapshots: int
    posts: int


@dataclass(frozen=True)
class RemovedAccount:
    """Everything removing an account took with it, as stored, so undo can put it all back."""

    account: dict[str, Any]
    snapshots: list[dict[str, Any]] = field(default_factory=list)
    posts: list[dict[str, Any]] = field(default_factory=list)
    audience: list[dict[str, Any]] = field(default_factory=list)
    post_links: list[tuple[str, int, int]] = field(default_factory=list)
    """(table, row id, post id): deliverables and subtitle files that pointed at its posts."""

    @property
    def id(self) -> int:
        return self.account["id"]


# Rows elsewhere that point at a post; removing the post empties these (ON DELETE SET NULL).
_POST_LINK_TABLES = ("deliverable", "subtitle_file")


def get_account(store: Store, account_id: int) -> Account | None:
    rows = store.query(
        "SELECT id, platform, handle, display_name FROM account WHERE id = ?", (account_id,)
    )
    return _account(rows[0]) if rows else None


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


def account_contents(store: Store, account_id: int) -> AccountContents:
    count = "SELECT count(*) FROM {} WHERE account_id = ?"
    snapshots = store.conn.execute(count.format("snapshot"), (account_id,)).fetchone()[0]
    posts = store.conn.execute(count.format("post"), (account_id,)).fetchone()[0]
    return AccountContents(snapshots, posts)


def remove_account(store: Store, account_id: int) -> RemovedAccount:
    """Remove an account with its snapshots, posts and audience; returns them for `restore_account`."""
    account_rows = store.query("SELECT * FROM account WHERE id = ?", (account_id,))
    if not account_rows:
        raise StoreError("That account is no longer in the record.", store.path)
    removed = RemovedAccount(
        account=account_rows[0],
        snapshots=store.query("SELECT * FROM snapshot WHERE account_id = ?", (account_id,)),
        posts=store.query("SELECT * FROM post WHERE account_id = ?", (account_id,)),
        audience=store.query("SELECT * FROM audience WHERE account_id = ?", (account_id,)),
        post_links=_post_links(store, account_id),
    )
    with store.transaction():
        # The schema cascades the delete to snapshots, posts and audience rows.
        store.conn.execute("DELETE FROM account WHERE id = ?", (account_id,))
    return removed


def restore_account(store: Store, removed: RemovedAccount) -> Account:
    """Put a removed account back as it was: same id, same rows, same links to its posts."""
    with store.transaction():
        store.db["account"].insert(removed.account)
        for table, rows in (
            ("snapshot", removed.snapshots),
            ("post", removed.posts),
            ("audience", removed.audience),
        ):
            if rows:
                store.db[table].insert_all(rows)
        for table, row_id, post_id in removed.post_links:
            store.conn.execute(f"UPDATE {table} SET post_id = ? WHERE id = ?", (post_id, row_id))
    return _account(removed.account)


def _post_links(store: Store, account_id: int) -> list[tuple[str, int, int]]:
    links = []
    for table in _POST_LINK_TABLES:
        rows = store.conn.execute(
            f"SELECT id, post_id FROM {table} "
            "WHERE post_id IN (SELECT id FROM post WHERE account_id = ?)",
            (account_id,),
        )
        links += [(table, row_id, post_id) for row_id, post_id in rows]
    return links


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


def _account(row: dict[str, Any]) -> Account:
    return Account(row["id"], _platform(row["platform"]), row["handle"], row["display_name"])
