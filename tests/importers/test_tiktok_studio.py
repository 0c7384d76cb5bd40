"""TikTok Studio downloads (CSV and XLSX), real and damaged."""

from datetime import UTC, date, datetime

import pytest

from companion.core.accounts import Snapshot
from companion.core.audience import Dimension
from companion.core.platforms import Platform
from companion.importers.detect import identify
from companion.importers.errors import ImportFailed
from companion.importers.exports import ExportFile
from companion.importers.records import AccountBreakdown, DayNumbers
from tests.importers.platform_samples import (
    COLLECTED,
    copy,
    needs_samples,
    read_all,
    recognised,
    records,
    rejected,
    source,
    unusable,
)

pytestmark = needs_samples
TIKTOK = COLLECTED / "tiktok"
HAILEY = TIKTOK / "htupycollabs-spec__Analytics"
FOLLOWERS = HAILEY / "Followers_haileytupy2.0"
BOSS = TIKTOK / "BossZY27__tiktok-analytics"
EXPORTED = date(2026, 2, 28)
"""The day htupycollabs-spec downloaded the files (their commit date)."""


def test_follower_history_gives_daily_followers_with_their_years():
    export = recognised(FOLLOWERS / "FollowerHistory.csv", EXPORTED)
    assert export.handle == "haileytupy2.0"
    assert export.gives_followers
    snapshots = records(read_all(export))
    assert all(isinstance(s, Snapshot) for s in snapshots)
    assert snapshots[-1].date == date(2026, 2, 27)
    assert snapshots[-1].followers == 5013
    assert snapshots[0].date.year == 2025  # "undefined" days before it are skipped
    assert len(snapshots) == 340
    assert not rejected(read_all(export))


def test_the_overview_gives_profile_views_across_new_year():
    days = records(read_all(recognised(HAILEY / "Overview.csv", EXPORTED)))
    assert all(isinstance(d, DayNumbers) for d in days)
    assert (days[0].date, days[-1].date) == (date(2025, 2, 28), date(2026, 2, 27))
    assert len(days) == 365
    assert days[-1].profile_views == 15


def test_a_spanish_overview():
    days = records(
        read_all(
            recognised(
                TIKTOK / "francovelardez44__tiktok-retention-analysis" / "Overview.csv",
                date(2026, 3, 16),
            )
        )
    )
    assert days[0].date == date(2026, 3, 8)


def test_a_range_in_the_file_name_gives_the_year(tmp_path):
    path = copy(BOSS / "Overview.csv", tmp_path, "Overview_20240412_20240418.csv")
    days = records(read_all(recognised(path, date(2026, 11, 25))))
    assert days[0].date == date(2024, 4, 12)


def test_the_workbook_reads_as_the_csv():
    from_csv = records(read_all(recognised(BOSS / "Overview.csv", date(2026, 4, 23))))
    from_xlsx = records(read_all(recognised(BOSS / "Overview.xlsx", date(2026, 4, 23))))
    assert from_xlsx == from_csv
    assert from_csv[0].date == date(2026, 4, 12)


def test_gender_and_territories_become_breakdowns_without_others():
    [gender] = records(read_all(recognised(FOLLOWERS / "FollowerGender.csv", EXPORTED)))
    assert isinstance(gender, AccountBreakdown)
    assert gender.breakdown.dimension is Dimension.GENDER
    assert gender.breakdown.read_on == EXPORTED
    assert {s.bucket: s.share for s in gender.breakdown.shares} == {
        "female": 0.59,
        "male": 0.41,
        "other": 0.0,
    }
    [countries] = records(read_all(recognised(FOLLOWERS / "FollowerTopTerritories.csv", EXPORTED)))
    shares = {s.bucket: s.share for s in countries.breakdown.shares}
    assert shares["US"] == 0.462
    assert "Others" not in shares and "OTHERS" not in shares
    assert countries.breakdown.unlisted == pytest.approx(0.211, abs=0.002)


def test_content_gives_posts_with_ids_from_their_links():
    export = recognised(HAILEY / "Content.csv", EXPORTED)
    assert export.handle == "haileytupy2.0"
    posts = records(read_all(export))
    first = posts[0]
    assert first.platform_post_id == "7527623000473079054"
    assert first.published_at == datetime(2025, 7, 16, tzinfo=UTC)
    assert (first.likes, first.comments, first.shares, first.views) == (533, 32, 16, 191265)
    assert all(p.published_at.date() <= EXPORTED for p in posts)


def test_user_renamed_business_files():
    videos = records(
        read_all(
            recognised(TIKTOK / "vsbperoto__vintage-analytics-dashboard" / "TIKTOK_VIDEO_RAW.csv")
        )
    )
    assert videos[0].saves is not None
    assert videos[0].published_at.year == 2025
    days = records(
        read_all(recognised(TIKTOK / "vsbperoto__vintage-analytics-dashboard" / "TIKTOK_RAW.csv"))
    )
    assert days[1].reach == 75134 and days[1].profile_views == 539


@pytest.mark.parametrize("name", ["FollowerActivity.csv"])
def test_activity_and_viewers_are_left_out_saying_so(name):
    assert "nothing the app keeps" in unusable(FOLLOWERS / name).reason
    assert "nothing the app keeps" in unusable(HAILEY / "Viewers.csv").reason


def test_a_truncated_history_rejects_its_last_line(tmp_path):
    text = (FOLLOWERS / "FollowerHistory.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "FollowerHistory.csv"
    path.write_text(text[:-12], encoding="utf-8-sig")  # '"5013","3"' cut to '"5'
    results = read_all(recognised(path, EXPORTED))
    assert records(results)[-1].date == date(2026, 2, 26)
    [problem] = rejected(results)
    assert problem.line == 366


def test_shares_that_add_up_to_more_than_everyone_refuse_the_file(tmp_path):
    path = tmp_path / "FollowerGender.csv"
    path.write_text('"Gender","Distribution"\n"Female","0.9"\n"Male","0.9"\n', encoding="utf-8-sig")
    export = recognised(path)
    with pytest.raises(ImportFailed, match="add up to"):
        read_all(export)


def test_a_damaged_workbook_is_refused_naming_it(tmp_path):
    path = tmp_path / "Overview.xlsx"
    path.write_bytes((BOSS / "Overview.xlsx").read_bytes()[:3000])
    found = identify(source(path))
    assert not isinstance(found, ExportFile)
    assert found.refused
    assert "not a readable Excel workbook" in found.reason


def test_its_platform_is_tiktok_whatever_the_file_is_called(tmp_path):
    assert (
        recognised(copy(HAILEY / "Overview.csv", tmp_path, "Totals.csv")).platform
        is Platform.TIKTOK
    )
