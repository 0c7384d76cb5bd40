"""The demo creator: deterministic, believable, complete in every table, and written all or nothing."""

import json
import math
import re
import sqlite3
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
import webvtt

from companion import cli, demo
from companion.core.captions import CaptionStatus
from companion.core.deals import DealKind, DealStage, DeliverableStatus
from companion.core.posts import PostKind
from companion.demo import DEMO_SEED, DemoSummary, generate_demo
from companion.store.database import Store, open_store
from companion.store.errors import StoreError
from companion.store.records import RECORD_TABLES, record_counts

TODAY = date(2025, 6, 1)
MONEY = re.compile(r"^\d+\.\d{2}$")


@pytest.fixture
def demo_store(db_path: Path) -> Iterator[Store]:
    """A database holding the scale-1 demo, its history ending on TODAY."""
    with open_store(db_path) as store:
        generate_demo(store, today=TODAY)
        yield store


def rows(store: Store, sql: str, *params: object) -> list[sqlite3.Row]:
    store.conn.row_factory = sqlite3.Row
    try:
        return store.conn.execute(sql, params).fetchall()
    finally:
        store.conn.row_factory = None


def table_dump(path: Path) -> dict[str, list[tuple]]:
    with open_store(path) as store:
        return {
            table: store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in RECORD_TABLES
        }


def account_ids(store: Store) -> dict[str, int]:
    return {row["platform"]: row["id"] for row in rows(store, "SELECT id, platform FROM account")}


def snapshot_dates(store: Store, account_id: int) -> list[date]:
    found = rows(store, "SELECT date FROM snapshot WHERE account_id = ? ORDER BY date", account_id)
    return [date.fromisoformat(row["date"]) for row in found]


def missing_days(dates: list[date]) -> list[date]:
    present = set(dates)
    every_day = (dates[0] + timedelta(days=n) for n in range((dates[-1] - dates[0]).days + 1))
    return [day for day in every_day if day not in present]


# --- Determinism and the summary -----------------------------------------------------------


def test_same_seed_and_day_give_identical_rows(db_path: Path):
    twin_path = db_path.with_name("twin.sqlite")  # same folder, so the same subtitle path
    for path in (db_path, twin_path):
        with open_store(path) as store:
            generate_demo(store, seed=DEMO_SEED, today=TODAY)

    assert table_dump(db_path) == table_dump(twin_path)


def test_another_seed_gives_another_creator_history(db_path: Path):
    other_path = db_path.with_name("other.sqlite")
    for path, seed in ((db_path, DEMO_SEED), (other_path, DEMO_SEED + 1)):
        with open_store(path) as store:
            generate_demo(store, seed=seed, today=TODAY)

    first, second = table_dump(db_path), table_dump(other_path)
    assert first["snapshot"] != second["snapshot"]
    assert first["deal"] == second["deal"]  # the business side is hand-written, not random


def test_the_summary_counts_what_was_written(db_path: Path):
    with open_store(db_path) as store:
        summary = generate_demo(store, today=TODAY)
        counts = record_counts(store)

    assert summary == DemoSummary(
        accounts=counts.accounts,
        snapshots=counts.snapshots,
        posts=counts.posts,
        audience_rows=counts.audience,
        brands=counts.brands,
        deals=counts.deals,
        deliverables=counts.deliverables,
        captions=counts.captions,
        subtitle_files=counts.subtitle_files,
    )
    assert summary.describe() == (
        f"3 accounts, {counts.snapshots:,} daily snapshots, 400 posts, 9 brands, "
        "14 deals, 6 caption drafts, 1 subtitle file"
    )


# --- Accounts and daily snapshots ----------------------------------------------------------


def test_latest_followers_are_the_food_and_travel_creator(demo_store: Store):
    latest = {
        row["platform"]: row["followers"]
        for row in rows(
            demo_store,
            "SELECT a.platform, s.followers FROM snapshot s JOIN account a ON a.id = s.account_id "
            "WHERE s.date = ?",
            TODAY.isoformat(),
        )
    }
    assert set(latest) == {"instagram", "tiktok", "youtube"}
    for platform, expected in {"instagram": 24_000, "tiktok": 61_000, "youtube": 8_000}.items():
        assert expected * 0.9 <= latest[platform] <= expected * 1.1, platform


def test_two_years_of_daily_snapshots_with_one_gap_and_no_zeros(demo_store: Store):
    gaps = []
    for account_id in account_ids(demo_store).values():
        dates = snapshot_dates(demo_store, account_id)
        assert dates[0] == TODAY - timedelta(days=2 * 365 - 1)
        assert dates[-1] == TODAY
        missing = missing_days(dates)
        assert 3 <= len(missing) <= 7
        assert (missing[-1] - missing[0]).days == len(missing) - 1  # one run of days
        gaps.append(missing)

    assert all(gap == gaps[0] for gap in gaps)
    zero_rows = rows(demo_store, "SELECT count(*) AS n FROM snapshot WHERE followers <= 0")
    assert zero_rows[0]["n"] == 0
    assert {row["source"] for row in rows(demo_store, "SELECT source FROM snapshot")} == {"demo"}


def test_tiktok_goes_viral_about_five_months_ago(demo_store: Store):
    tiktok = account_ids(demo_store)["tiktok"]
    followers = {
        date.fromisoformat(row["date"]): row["followers"]
        for row in rows(
            demo_store, "SELECT date, followers FROM snapshot WHERE account_id = ?", tiktok
        )
    }
    weekly_gain = {
        day: followers[day] - followers[day - timedelta(days=7)]
        for day in followers
        if day - timedelta(days=7) in followers
    }
    best_week_end = max(weekly_gain, key=weekly_gain.__getitem__)
    assert 120 <= (TODAY - best_week_end).days <= 180
    ordinary_week = statistics.median(weekly_gain.values())
    assert weekly_gain[best_week_end] > 8 * ordinary_week

    top_post = rows(
        demo_store,
        "SELECT published_at, views FROM post WHERE account_id = ? ORDER BY views DESC LIMIT 1",
        tiktok,
    )[0]
    posted = date.fromisoformat(top_post["published_at"][:10])
    assert 0 <= (best_week_end - posted).days <= 10  # engagement and followers rise together


def test_followers_grow_more_at_weekends(demo_store: Store):
    instagram = account_ids(demo_store)["instagram"]
    history = rows(
        demo_store,
        "SELECT date, followers FROM snapshot WHERE account_id = ? ORDER BY date",
        instagram,
    )
    gains = defaultdict(list)
    for before, after in pairwise(history):
        day = date.fromisoformat(after["date"])
        if (day - date.fromisoformat(before["date"])).days == 1:
            gains[day.weekday() >= 5].append(after["followers"] - before["followers"])
    assert statistics.mean(gains[True]) > 1.15 * statistics.mean(gains[False])


# --- Posts ---------------------------------------------------------------------------------


def test_four_hundred_posts_spread_over_the_history(demo_store: Store):
    posts = rows(demo_store, "SELECT * FROM post")
    assert len(posts) == 400
    first_day = TODAY - timedelta(days=2 * 365 - 1)
    for post in posts:
        published = datetime.fromisoformat(post["published_at"])
        assert published.utcoffset() == timedelta(0)
        assert first_day <= published.date() < TODAY
        assert post["source"] == "demo"
        assert post["caption"]

    per_account_and_month = defaultdict(int)
    for post in posts:
        per_account_and_month[(post["account_id"], post["published_at"][:7])] += 1
    assert len(per_account_and_month) >= 3 * 24  # every account posts every month


def test_post_ids_are_unique_per_account_and_urls_plausible(demo_store: Store):
    posts = rows(demo_store, "SELECT account_id, platform_post_id, kind, url FROM post")
    keys = [(post["account_id"], post["platform_post_id"]) for post in posts]
    assert len(set(keys)) == len(keys)
    for post in posts:
        if post["kind"] in (PostKind.STORY, PostKind.LIVE):
            assert post["url"] is None
        else:
            assert post["url"].startswith("https://www.")
            assert post["platform_post_id"] in post["url"]


def test_post_kinds_and_metrics_fit_each_platform(demo_store: Store):
    kinds = defaultdict(set)
    for post in rows(
        demo_store, "SELECT a.platform, p.* FROM post p JOIN account a ON a.id = p.account_id"
    ):
        kinds[post["platform"]].add(post["kind"])
        if post["platform"] == "youtube":
            assert post["saves"] is None
            assert post["views"] > 0
        if post["platform"] == "tiktok" and post["kind"] != PostKind.LIVE:
            assert post["shares"] is not None and post["saves"] is not None
            assert post["views"] > 0
        if post["platform"] == "instagram":
            assert post["reach"] > 0 and post["impressions"] > 0

    assert kinds["instagram"] == {"post", "carousel", "reel", "story"}
    assert {"video", "reel"} <= kinds["tiktok"] <= {"video", "reel", "live"}
    assert {"video", "reel"} <= kinds["youtube"] <= {"video", "reel", "live"}
    assert set().union(*kinds.values()) <= set(PostKind)


def test_instagram_engagement_is_near_the_micro_benchmark(demo_store: Store):
    rates = [
        row["engagements"] / row["followers"]
        for row in rows(
            demo_store,
            "SELECT p.likes + p.comments + p.shares + p.saves AS engagements, s.followers "
            "FROM post p JOIN account a ON a.id = p.account_id "
            "JOIN snapshot s ON s.account_id = p.account_id AND s.date = substr(p.published_at, 1, 10) "
            "WHERE a.platform = 'instagram' AND p.kind != 'story'",
        )
    ]
    assert len(rates) > 100
    assert 0.03 <= statistics.median(rates) <= 0.05  # REFERENCE.md §2: micro ≈ 4 %
    assert max(rates) > 0.08  # a few outliers, as on a real account
    assert statistics.pstdev(rates) > 0.005


def test_evening_posts_do_best(demo_store: Store):
    """Enough of a pattern that a best-time-to-post analysis finds her evenings."""
    by_evening = defaultdict(list)
    for post in rows(
        demo_store,
        "SELECT p.published_at, p.likes + p.comments + p.shares + p.saves AS engagements, "
        "s.followers FROM post p "
        "JOIN snapshot s ON s.account_id = p.account_id AND s.date = substr(p.published_at, 1, 10) "
        "WHERE p.account_id = 1 AND p.kind != 'story'",
    ):
        hour = datetime.fromisoformat(post["published_at"]).hour
        by_evening[18 <= hour <= 20].append(post["engagements"] / post["followers"])
    assert len(by_evening[True]) > len(by_evening[False])
    assert statistics.median(by_evening[True]) > statistics.median(by_evening[False])


# --- Audience ------------------------------------------------------------------------------


def test_audience_shares_sum_to_one_per_account_date_and_dimension(demo_store: Store):
    groups = defaultdict(list)
    for row in rows(demo_store, "SELECT * FROM audience"):
        groups[(row["account_id"], row["date"], row["dimension"])].append(row)
        assert row["share"] == round(row["share"], 4)

    assert len(groups) == 3 * 2 * 4  # accounts × dates × dimensions
    for key, group in groups.items():
        assert math.isclose(math.fsum(row["share"] for row in group), 1.0, abs_tol=1e-9), key
    dates = {date.fromisoformat(day) for _, day, _ in groups}
    assert {(TODAY - day).days for day in dates} == {182, 14}

    buckets = defaultdict(set)
    for (_, _, dimension), group in groups.items():
        buckets[dimension] |= {row["bucket"] for row in group}
    assert all(re.fullmatch("[A-Z]{2}", code) for code in buckets["country"])
    assert {"US", "GB", "PT"} <= buckets["country"]
    assert buckets["age"] == {"13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"}
    assert buckets["gender"] == {"female", "male", "other"}
    assert {"London", "Lisbon", "New York"} <= buckets["city"]


# --- Brands, deals, deliverables -----------------------------------------------------------


def test_brands_have_realistic_private_details(demo_store: Store):
    brands = rows(demo_store, "SELECT * FROM brand")
    assert 8 <= len(brands) <= 10
    for brand in brands:
        assert brand["website"].startswith("https://www.")
        assert re.fullmatch(r"[\w.]+@[\w.-]+\.\w+", brand["email"])
        assert brand["contact"] and brand["notes"]


def test_every_deal_stage_and_kind_is_present(demo_store: Store):
    deals = rows(demo_store, "SELECT * FROM deal")
    assert 12 <= len(deals) <= 16
    assert {deal["stage"] for deal in deals} == set(DealStage)
    assert {deal["kind"] for deal in deals} == set(DealKind)
    assert {deal["currency"] for deal in deals} == {"USD", "EUR"}


def test_deal_money_and_dates_fit_the_stage(demo_store: Store):
    billed = {DealStage.INVOICED, DealStage.PAID}
    for deal in rows(demo_store, "SELECT * FROM deal"):
        for money in (deal["fee"], deal["product_value"]):
            assert money is None or MONEY.match(money)
        if deal["kind"] == DealKind.GIFTED:
            assert deal["fee"] is None and deal["product_value"] is not None
        if deal["stage"] in billed:
            assert deal["invoice_no"] and deal["invoiced_on"] <= TODAY.isoformat()
        else:
            assert deal["invoice_no"] is None and deal["invoiced_on"] is None
        if deal["stage"] == DealStage.PAID:
            assert deal["invoiced_on"] <= deal["paid_on"] <= TODAY.isoformat()
            assert deal["shareable"] == 1
        else:
            assert deal["paid_on"] is None
        assert deal["created"] <= deal["updated"]
        assert datetime.fromisoformat(deal["updated"]).utcoffset() == timedelta(0)


def test_deliverables_follow_their_deal_and_link_real_posts(demo_store: Store):
    published_stages = {DealStage.DELIVERED, DealStage.INVOICED, DealStage.PAID}
    deliverables = rows(
        demo_store,
        "SELECT d.stage, dl.*, a.platform AS post_platform, p.kind AS post_kind "
        "FROM deliverable dl JOIN deal d ON d.id = dl.deal_id "
        "LEFT JOIN post p ON p.id = dl.post_id LEFT JOIN account a ON a.id = p.account_id",
    )
    linked = [item for item in deliverables if item["post_id"] is not None]
    assert any(item["stage"] == DealStage.DELIVERED for item in linked)
    for item in deliverables:
        assert item["status"] in set(DeliverableStatus)
        if item["stage"] in published_stages and item["platform"] != "other":
            assert item["status"] == DeliverableStatus.PUBLISHED
        if item["stage"] not in published_stages:
            assert item["status"] != DeliverableStatus.PUBLISHED
            assert item["due_on"] > TODAY.isoformat()
    for item in linked:
        assert item["post_platform"] == item["platform"]
        assert item["post_kind"] == item["format"]


# --- Captions and the subtitle file --------------------------------------------------------


def test_caption_drafts_cover_every_status_and_disclosure(demo_store: Store):
    captions = rows(demo_store, "SELECT * FROM caption")
    assert 5 <= len(captions) <= 8
    assert {caption["status"] for caption in captions} == set(CaptionStatus)
    for caption in captions:
        platforms = json.loads(caption["platforms"])
        assert platforms and all(isinstance(name, str) for name in platforms)
    for_deals = [caption for caption in captions if caption["deal_id"] is not None]
    assert any(caption["body"].startswith("#ad") for caption in for_deals)
    assert any("#ad" not in caption["body"] for caption in for_deals)


def test_the_subtitle_file_is_valid_webvtt_with_something_to_fix(demo_store: Store):
    [row] = rows(demo_store, "SELECT * FROM subtitle_file")
    path = Path(row["path"])
    assert path.is_absolute()
    assert path.parent == demo_store.path.parent / "demo-files"
    assert path.read_text(encoding="utf-8").startswith("WEBVTT")
    assert row["language"] == "en" and row["last_checked"] is None

    cues = webvtt.read(str(path)).captions
    assert 18 <= len(cues) <= 22
    assert 60_000 <= cues[-1].end_time.in_milliseconds() <= 90_000
    long_lines = [cue for cue in cues if any(len(line) > 42 for line in cue.text.splitlines())]
    fast = [
        cue
        for cue in cues
        if len(cue.text.replace("\n", ""))
        / ((cue.end_time.in_milliseconds() - cue.start_time.in_milliseconds()) / 1000)
        > 17
    ]
    assert len(long_lines) == 1
    assert len(fast) == 1

    [reel] = rows(
        demo_store,
        "SELECT a.platform, p.kind, p.caption FROM post p JOIN account a ON a.id = p.account_id "
        "WHERE p.id = ?",
        row["post_id"],
    )
    assert (reel["platform"], reel["kind"]) == ("instagram", "reel")
    assert "nata" in reel["caption"]


# --- Scale ---------------------------------------------------------------------------------


def test_scale_two_has_six_accounts_and_eight_hundred_posts(db_path: Path):
    with open_store(db_path) as store:
        summary = generate_demo(store, scale=2, today=TODAY)
        dates = snapshot_dates(store, account_ids(store)["pinterest"])

    assert summary.accounts == 6
    assert summary.posts == 800
    assert dates[0] == TODAY - timedelta(days=4 * 365 - 1)


def test_scale_fifty_is_the_ten_year_benchmark_size(db_path: Path):
    started = time.perf_counter()
    with open_store(db_path) as store:
        summary = generate_demo(store, scale=50, today=TODAY)
        seconds = time.perf_counter() - started
        per_account = [
            snapshot_dates(store, account_id) for account_id in account_ids(store).values()
        ]

    assert summary.accounts == 6
    assert summary.posts == 20_000
    for dates in per_account:
        assert dates[0] == TODAY - timedelta(days=10 * 365 - 1)
        assert dates[-1] == TODAY
        assert 3640 <= len(dates) < 3650
    assert seconds < 10


def test_scale_below_one_is_refused(db_path: Path):
    with open_store(db_path) as store, pytest.raises(ValueError):
        generate_demo(store, scale=0, today=TODAY)


# --- All or nothing ------------------------------------------------------------------------


def test_a_failure_midway_leaves_the_database_empty(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    def disk_full(path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(demo.build, "write_subtitle_file", disk_full)
    with open_store(db_path) as store:
        with pytest.raises(OSError):
            generate_demo(store, today=TODAY)
        assert record_counts(store).empty


def test_a_database_with_records_is_refused(demo_store: Store):
    before = record_counts(demo_store)
    with pytest.raises(StoreError, match="already holds data"):
        generate_demo(demo_store, today=TODAY)
    assert record_counts(demo_store) == before


# --- The command line ----------------------------------------------------------------------


def test_cli_demo_fills_a_new_database_once(db_path: Path, capsys: pytest.CaptureFixture[str]):
    assert cli.main(["demo", "--db", str(db_path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert str(db_path) in out
    assert "3 accounts" in out and "400 posts" in out

    assert cli.main(["demo", "--db", str(db_path)]) == cli.EXIT_FAILED
    captured = capsys.readouterr()
    assert "already holds data" in captured.err
    assert captured.out == ""
