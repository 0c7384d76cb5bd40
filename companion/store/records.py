"""Questions about the whole record that several pages and commands ask."""

from dataclasses import dataclass

from companion.store.database import Store

RECORD_TABLES = (
    "account",
    "snapshot",
    "post",
    "audience",
    "brand",
    "deal",
    "deliverable",
    "caption",
    "subtitle_file",
)


@dataclass(frozen=True)
class RecordCounts:
    accounts: int = 0
    snapshots: int = 0
    posts: int = 0
    audience: int = 0
    brands: int = 0
    deals: int = 0
    deliverables: int = 0
    captions: int = 0
    subtitle_files: int = 0

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())


# One statement for all the counts: the Dashboard asks for them while the window opens.
_COUNTS = "SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in RECORD_TABLES)


def record_counts(store: Store) -> RecordCounts:
    return RecordCounts(*store.conn.execute(_COUNTS).fetchone())


def has_records(store: Store) -> bool:
    """True once the creator (or the demo) has put anything in the database."""
    return any(
        store.conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
        for table in RECORD_TABLES
    )
