"""Reading the creator's accounts and their daily snapshots."""

from datetime import date

from companion.core.accounts import Account, Snapshot
from companion.core.platforms import Platform
from companion.store.database import Store

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
    accounts = [
        Account(row["id"], _platform(row["platform"]), row["handle"], row["display_name"])
        for row in rows
    ]
    return sorted(accounts, key=lambda a: list(Platform).index(a.platform))


def latest_snapshots(store: Store) -> dict[int, Snapshot]:
    """The newest snapshot of each account that has one, by account id.

    One query that reads two index entries per account, however long the history is.
    """
    return {row["account_id"]: _snapshot(row) for row in store.query(_LATEST_SNAPSHOTS)}


def _platform(value: str) -> Platform:
    try:
        return Platform(value)
    except ValueError:
        return Platform.OTHER


def _snapshot(row: dict) -> Snapshot:
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
