"""X (Twitter) analytics exports, legacy and Premium, real and damaged."""

from datetime import UTC, date, datetime

from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.importers.records import DayNumbers
from tests.importers.platform_samples import (
    COLLECTED,
    needs_samples,
    read_all,
    recognised,
    records,
    rejected,
)

pytestmark = needs_samples
X = COLLECTED / "x_twitter"
ROPENSCI = (
    X / "ropensci-org__ropensci-tweets" / "tweet_activity_metrics_rOpenSci_20161201_20170101_en.csv"
)
DEBRUINE = X / "debruine__30DCC-2022" / "data" / "tweets"
HESTY = (
    X / "hestey-star__hestys-stock-screener" / "account_analytics_content_2026-08-10_2026-08-16.csv"
)


def test_legacy_tweet_activity_becomes_posts():
    export = recognised(ROPENSCI)
    assert (export.platform, export.handle) == (Platform.X, "rOpenSci")
    posts = records(read_all(export))
    first = posts[0]
    assert first.platform_post_id == "812369747765362688"  # 18 digits, kept as text
    assert first.published_at == datetime(2016, 12, 23, 18, 50, tzinfo=UTC)
    assert (first.impressions, first.shares, first.comments, first.likes) == (1938, 0, 0, 1)
    assert first.kind is PostKind.POST
    stplanr = next(p for p in posts if p.platform_post_id == "812341199767863296")
    assert "&amp;" not in stplanr.caption and "& more" in stplanr.caption
    assert not rejected(read_all(export))


def test_the_daily_file_gives_impressions_and_profile_clicks():
    export = recognised(
        DEBRUINE / "daily_tweet_activity_metrics_LisaDeBruine_20210801_20210901_en.csv"
    )
    assert export.handle == "LisaDeBruine"
    days = records(read_all(export))
    assert all(isinstance(d, DayNumbers) for d in days)
    assert days[0].date == date(2021, 8, 1)
    assert len(days) == 31


def test_premium_content_and_overview():
    export = recognised(HESTY)
    assert export.handle == "HestysInvest"
    posts = records(read_all(export))
    assert posts[0].platform_post_id == "2088707180694323466"
    assert posts[0].published_at == datetime(2026, 8, 15, tzinfo=UTC)
    assert posts[0].saves == 0
    overview = records(
        read_all(recognised(X / "vianarafael__koe" / "account_overview_analytics.csv"))
    )
    assert (overview[0].date, overview[0].impressions, overview[0].profile_views) == (
        date(2025, 8, 26),
        444,
        4,
    )


def test_a_cut_off_file_rejects_its_last_line(tmp_path):
    lines = ROPENSCI.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / ROPENSCI.name
    path.write_text("".join(lines[:4]) + lines[4][:120], encoding="utf-8")
    results = read_all(recognised(path))
    assert len(records(results)) == 3
    [problem] = rejected(results)
    assert problem.line == 5 and "cut off" in problem.reason


def test_a_bad_id_and_a_bad_count_name_their_field(tmp_path):
    path = tmp_path / "account_analytics_content_2026-08-10_2026-08-16.csv"
    text = HESTY.read_text(encoding="utf-8").splitlines()
    header, good = text[0], text[1]
    bad_id = good.replace("2088707180694323466", "tweet", 1)
    bad_count = good.replace(",44,", ",many,", 1)
    path.write_text("\n".join([header, good, bad_id, bad_count]) + "\n", encoding="utf-8")
    problems = rejected(read_all(recognised(path)))
    assert [(p.line, p.field) for p in problems] == [(3, "Post id"), (4, "impressions")]
