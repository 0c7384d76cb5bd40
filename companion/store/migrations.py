"""Numbered schema migrations. The database's `PRAGMA user_version` is the number of the last one applied.

Each migration is a list of SQL statements, applied in one transaction together with
the new version number, so a database is always at exactly one version.
Add a migration by appending to MIGRATIONS; never edit one that has shipped.
"""

import sqlite3

SCHEMA_V1 = [
    """CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        handle TEXT NOT NULL,
        display_name TEXT,
        niche TEXT,
        created TEXT NOT NULL,
        UNIQUE (platform, handle)
    )""",
    """CREATE TABLE snapshot (
        account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        followers INTEGER NOT NULL CHECK (followers >= 0),
        following INTEGER CHECK (following >= 0),
        posts INTEGER CHECK (posts >= 0),
        reach INTEGER CHECK (reach >= 0),
        impressions INTEGER CHECK (impressions >= 0),
        profile_views INTEGER CHECK (profile_views >= 0),
        source TEXT NOT NULL DEFAULT 'manual',
        PRIMARY KEY (account_id, date)
    ) WITHOUT ROWID""",
    """CREATE TABLE post (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        platform_post_id TEXT,
        published_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        caption TEXT,
        url TEXT,
        likes INTEGER CHECK (likes >= 0),
        comments INTEGER CHECK (comments >= 0),
        shares INTEGER CHECK (shares >= 0),
        saves INTEGER CHECK (saves >= 0),
        views INTEGER CHECK (views >= 0),
        reach INTEGER CHECK (reach >= 0),
        impressions INTEGER CHECK (impressions >= 0),
        source TEXT NOT NULL DEFAULT 'manual',
        UNIQUE (account_id, platform_post_id)
    )""",
    "CREATE INDEX post_account_published ON post (account_id, published_at)",
    """CREATE TABLE audience (
        account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        dimension TEXT NOT NULL CHECK (dimension IN ('country', 'age', 'gender', 'city')),
        bucket TEXT NOT NULL,
        share REAL NOT NULL CHECK (share >= 0 AND share <= 1),
        PRIMARY KEY (account_id, date, dimension, bucket)
    ) WITHOUT ROWID""",
    """CREATE TABLE brand (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        website TEXT,
        contact TEXT,
        email TEXT,
        notes TEXT
    )""",
    """CREATE TABLE deal (
        id INTEGER PRIMARY KEY,
        brand_id INTEGER NOT NULL REFERENCES brand(id) ON DELETE RESTRICT,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        stage TEXT NOT NULL,
        fee TEXT,
        currency TEXT NOT NULL,
        product_value TEXT,
        commission_pct REAL CHECK (commission_pct >= 0 AND commission_pct <= 100),
        discount_code TEXT,
        affiliate_url TEXT,
        usage_rights TEXT,
        exclusivity_category TEXT,
        exclusivity_until TEXT,
        payment_terms_days INTEGER CHECK (payment_terms_days >= 0),
        invoice_no TEXT,
        invoiced_on TEXT,
        paid_on TEXT,
        shareable INTEGER NOT NULL DEFAULT 0,
        notes TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )""",
    "CREATE INDEX deal_brand ON deal (brand_id)",
    """CREATE TABLE deliverable (
        id INTEGER PRIMARY KEY,
        deal_id INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
        platform TEXT NOT NULL,
        format TEXT NOT NULL,
        due_on TEXT,
        status TEXT NOT NULL,
        post_id INTEGER REFERENCES post(id) ON DELETE SET NULL
    )""",
    "CREATE INDEX deliverable_deal ON deliverable (deal_id)",
    """CREATE TABLE caption (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        platforms TEXT NOT NULL DEFAULT '[]',
        deal_id INTEGER REFERENCES deal(id) ON DELETE SET NULL,
        status TEXT NOT NULL,
        planned_for TEXT,
        updated TEXT NOT NULL
    )""",
    """CREATE TABLE subtitle_file (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        video_title TEXT,
        language TEXT,
        post_id INTEGER REFERENCES post(id) ON DELETE SET NULL,
        last_checked TEXT,
        last_check_summary TEXT
    )""",
    """CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
]

MIGRATIONS: list[list[str]] = [SCHEMA_V1]
LATEST_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def apply_migrations(conn: sqlite3.Connection, target: int | None = None) -> list[int]:
    """Bring the database up to `target` (default: the latest), one transaction per migration.

    Returns the versions applied. The caller takes the backup first (see `database.open_store`).
    """
    target = len(MIGRATIONS) if target is None else target
    applied = []
    for version in range(schema_version(conn) + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(version)
    return applied
