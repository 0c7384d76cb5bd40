"""The crash test's child: writes whole multi-row transactions through the real store until killed.

Run as `python crash_writer.py DATABASE`. It prints `opening`, then `writing N` once the
database is open (N transactions already in it), then the running total after each commit.
Transaction `i` adds account `crash-i` with `snapshot_count(i)` snapshots and
`post_count(i)` posts, and moves the counter setting to `i + 1` — all of it, or none.
"""

import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

from companion.store.database import Store, open_store

HANDLE_PREFIX = "crash-"
COUNTER_KEY = "crash.transactions"
FIRST_DAY = date(2026, 1, 1)


def handle(index: int) -> str:
    return f"{HANDLE_PREFIX}{index:06d}"


def snapshot_count(index: int) -> int:
    return 1 + (index * 7) % 40


def post_count(index: int) -> int:
    return (index * 3) % 25


def completed_transactions(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (COUNTER_KEY,)).fetchone()
    return int(row[0]) if row else 0


def write_transaction(store: Store, index: int) -> None:
    """Transaction `index`: one account, its snapshots and posts, and the counter, together."""
    with store.transaction() as db:
        account_id = (
            db["account"]
            .insert(
                {
                    "platform": "instagram",
                    "handle": handle(index),
                    "display_name": f"Crash test {index}",
                    "created": FIRST_DAY.isoformat(),
                }
            )
            .last_pk
        )
        db["snapshot"].insert_all(_snapshots(account_id, index))
        db["post"].insert_all(_posts(account_id, index))
        db["setting"].upsert({"key": COUNTER_KEY, "value": str(index + 1)}, pk="key")


def _snapshots(account_id: int, index: int) -> list[dict[str, object]]:
    return [
        {
            "account_id": account_id,
            "date": (FIRST_DAY + timedelta(days=day)).isoformat(),
            "followers": 1000 + index + day,
            "reach": 50 * day,
            "source": "crash-test",
        }
        for day in range(snapshot_count(index))
    ]


def _posts(account_id: int, index: int) -> list[dict[str, object]]:
    return [
        {
            "account_id": account_id,
            "platform_post_id": f"{index}-{number}",
            "published_at": f"{FIRST_DAY.isoformat()}T12:{number:02d}:00",
            "kind": "reel",
            "caption": "A caption long enough to spread rows over pages. " * 4,
            "likes": number,
            "views": 100 * number,
            "source": "crash-test",
        }
        for number in range(post_count(index))
    ]


def main(argv: list[str]) -> int:
    print("opening", flush=True)
    with open_store(Path(argv[1])) as store:
        index = completed_transactions(store.conn)
        print(f"writing {index}", flush=True)
        while True:
            write_transaction(store, index)
            index += 1
            print(index, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
