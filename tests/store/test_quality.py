"""Loading what the audience-health score reads: recent days and posts, the newest country breakdown."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from companion.core.quality import Component
from companion.core.quality_rules import quality_rules
from companion.core.settings import Settings
from companion.demo import generate_demo
from companion.store.database import Store, open_store
from companion.store.quality import creator_health_steps, load_creator_health, quality_inputs
from companion.store.reports import find_accounts
from tests.store.test_accounts import NEWEST_DAY, add_account, add_daily_followers

TODAY = date(2026, 11, 20)


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as opened:
        yield opened


def add_breakdown(store: Store, account_id: int, day: date, shares: dict[str, float]) -> None:
    rows = [
        {
            "account_id": account_id,
            "date": day.isoformat(),
            "dimension": "country",
            "bucket": b,
            "share": s,
        }
        for b, s in shares.items()
    ]
    rows.append(
        {
            "account_id": account_id,
            "date": day.isoformat(),
            "dimension": "age",
            "bucket": "18-24",
            "share": 1.0,
        }
    )
    with store.transaction():
        store.db["audience"].insert_all(rows)


def test_the_inputs_hold_only_the_days_the_score_reads_and_the_newest_breakdown(store: Store):
    account_id = add_account(store, "instagram", "mayaeats")
    add_daily_followers(store, account_id, [1_000 + 10 * i for i in range(900)], NEWEST_DAY)
    add_breakdown(store, account_id, NEWEST_DAY - timedelta(days=200), {"US": 0.9, "PT": 0.1})
    add_breakdown(store, account_id, NEWEST_DAY - timedelta(days=10), {"US": 0.4, "PT": 0.6})
    settings = Settings(target_countries=("PT",))
    (account,) = find_accounts(store)
    inputs = quality_inputs(store, account, settings, NEWEST_DAY)
    first = NEWEST_DAY - timedelta(days=quality_rules().snapshot_days)
    assert inputs.snapshots[0].date == first
    assert inputs.snapshots[-1].date == NEWEST_DAY
    assert inputs.country_shares == {"PT": 0.6, "US": 0.4}
    assert inputs.breakdown_date == NEWEST_DAY - timedelta(days=10)
    assert inputs.target_countries == ("PT",)


def test_an_account_without_breakdowns_is_scored_on_what_it_has(store: Store):
    account_id = add_account(store, "instagram", "mayaeats")
    add_daily_followers(store, account_id, [20_000 + 15 * i for i in range(200)], NEWEST_DAY)
    rows = [
        {
            "account_id": account_id,
            "published_at": f"{NEWEST_DAY - timedelta(days=d)}T18:00:00+00:00",
            "kind": "post",
            "likes": 900,
            "comments": 60,
        }
        for d in range(1, 90, 4)
    ]
    with store.transaction():
        store.db["post"].insert_all(rows)
    (report,) = load_creator_health(store, Settings(target_countries=("US",)), NEWEST_DAY)
    left_out = {j.component for j in report.left_out}
    assert left_out == {Component.REACH, Component.TARGET_COUNTRIES}
    assert sum(j.max_points for j in report.components if j.judged) == pytest.approx(100)
    assert 80 <= report.score <= 100


def test_the_workers_job_reads_on_its_own_connection_and_gives_every_account(db_path: Path):
    with open_store(db_path) as store:
        generate_demo(store, today=TODAY)
    steps = creator_health_steps(db_path, Settings(target_countries=("US", "GB")), TODAY)
    yielded = 0
    try:
        while True:
            next(steps)
            yielded += 1
    except StopIteration as end:
        reports = end.value
    assert yielded == 3
    assert [r.account.handle for r in reports] == [
        "nina.eats.abroad",
        "ninaeatsabroad",
        "NinaEatsAbroad",
    ]
    assert all(r.flagged_days == () and r.score is not None for r in reports)
