"""Removing an account with everything that belongs to it, and putting it all back (undo)."""

from dataclasses import dataclass, field
from typing import Any

from companion.core.accounts import Account
from companion.store.accounts import account_from_row
from companion.store.database import Store
from companion.store.errors import StoreError


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
    return account_from_row(removed.account)


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
