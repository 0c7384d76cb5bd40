"""Reading what the audience-health score needs for each account, and scoring them off the window's thread."""

from collections.abc import Generator
from datetime import date, timedelta
from pathlib import Path

from companion.core.accounts import Account
from companion.core.quality import QualityInputs, QualityReport, creator_health
from companion.core.quality_rules import quality_rules
from companion.core.settings import Settings
from companion.store.accounts import list_accounts
from companion.store.database import Store, open_store
from companion.store.reports import posts_from
from companion.store.snapshots import snapshots_of

# The newest country breakdown of an account: the shares of its latest day that has one.
_NEWEST_COUNTRIES = """
SELECT date, bucket, share FROM audience
WHERE account_id = :account AND dimension = 'country'
  AND date = (SELECT max(date) FROM audience WHERE account_id = :account AND dimension = 'country')
ORDER BY share DESC
"""


def quality_inputs(
    store: Store, account: Account, settings: Settings, today: date
) -> QualityInputs:
    """An account's recent snapshots and posts, its newest country breakdown and the settings
    the score reads; only as far back as the score looks."""
    rules = quality_rules()
    rows = store.query(_NEWEST_COUNTRIES, {"account": account.id})
    return QualityInputs(
        account=account,
        today=today,
        snapshots=snapshots_of(store, account.id, today - timedelta(days=rules.snapshot_days)),
        posts=posts_from(store, account.id, today - timedelta(days=rules.post_days)),
        country_shares={row["bucket"]: row["share"] for row in rows},
        breakdown_date=date.fromisoformat(rows[0]["date"][:10]) if rows else None,
        target_countries=settings.target_countries,
        thresholds=settings.thresholds,
    )


def load_creator_health(store: Store, settings: Settings, today: date) -> list[QualityReport]:
    """Every account's audience health, in the accounts' order."""
    accounts = list_accounts(store)
    return creator_health([quality_inputs(store, a, settings, today) for a in accounts])


def creator_health_steps(
    db_path: Path, settings: Settings, today: date
) -> Generator[None, None, list[QualityReport]]:
    """`load_creator_health` as a worker's job (see companion.ui.workers): on its own read-only
    connection, since an SQLite connection stays in the thread that opened it; a step per
    account, so that it can be cancelled between them."""
    with open_store(db_path, read_only=True) as store:
        inputs = []
        for account in list_accounts(store):
            inputs.append(quality_inputs(store, account, settings, today))
            yield
    return creator_health(inputs)
