"""What a database remembers about its first start: whether the demo data was offered already."""

import json

from companion.store.database import Store

DEMO_OFFERED_KEY = "onboarding.demo_offered"


def demo_offered(store: Store) -> bool:
    """True once the welcome dialog has offered the demo for this database, whatever the answer."""
    row = store.conn.execute(
        "SELECT value FROM setting WHERE key = ?", (DEMO_OFFERED_KEY,)
    ).fetchone()
    if row is None:
        return False
    try:
        return json.loads(row[0]) is True
    except json.JSONDecodeError:
        return False


def mark_demo_offered(store: Store) -> None:
    with store.transaction():
        store.db["setting"].upsert({"key": DEMO_OFFERED_KEY, "value": json.dumps(True)}, pk="key")
