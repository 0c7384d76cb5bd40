"""Meta Business Suite insights exports: posts, one metric per day (UTF-16), and audience."""

from datetime import UTC, date, datetime

import pytest

from companion.core.audience import Dimension
from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.importers.errors import ImportFailed
from companion.importers.mapping import Note
from companion.importers.records import DayNumbers
from tests.importers.platform_samples import (
    COLLECTED,
    needs_samples,
    read_all,
    recognised,
    records,
    unusable,
)

pytestmark = needs_samples
META = COLLECTED / "meta_business_suite"
DAN = META / "DanDirector__fts-video-site"
LEON = META / "LeonMpofu__Oigetit-Social-Media-Reports"
MARKO = META / "marko7bub__Bubniak_Thesis"


def test_instagram_posts_with_their_handle_kinds_and_newlines():
    export = recognised(DAN / "May-25-2026_Jun-21-2026_1493633672508178.csv")
    assert (export.platform, export.handle) == (Platform.INSTAGRAM, "elitravelguy")
    posts = records(read_all(export))
    first = posts[0]
    assert first.platform_post_id == "17974697564884257"
    assert first.published_at == datetime(2026, 5, 26, 10, 23, tzinfo=UTC)
    assert first.kind is PostKind.REEL
    assert first.caption.startswith("They don’t tell you this about wealth. \n\nAgree")
    # Columns are matched by name: this export has Follows before Comments and Saves.
    assert (first.views, first.reach, first.likes, first.shares, first.comments, first.saves) == (
        4993,
        3206,
        287,
        56,
        0,
        7,
    )


def test_facebook_posts_take_the_first_of_two_views_columns():
    export = recognised(LEON / "Mar-18-2025_Apr-14-2025_553302954456165.csv")
    assert export.platform is Platform.FACEBOOK
    assert export.handle == "Oigetit Fake News Filter - South Africa"
    posts = records(read_all(export))
    assert len(posts) == 48
    assert all(p.platform_post_id for p in posts)


def test_a_utf16_series_gives_reach_per_day():
    export = recognised(DAN / "Reach.csv")
    days = records(read_all(export))
    assert all(isinstance(d, DayNumbers) for d in days)
    assert (days[0].date, days[0].reach) == (date(2026, 5, 25), 14551)
    assert len(days) == 28
    assert "Instagram assumed" in export.caveat


def test_visits_are_profile_views_and_follows_are_left_out():
    [first, *_] = records(read_all(recognised(DAN / "Visits.csv")))
    assert (first.profile_views, first.reach) == (165, None)
    assert "nothing is imported" in unusable(DAN / "Follows.csv").reason


def test_a_tab_separated_file_with_a_second_series_keeps_the_first_and_says_so():
    export = recognised(MARKO / "Reach.csv")
    assert export.platform is Platform.FACEBOOK
    results = read_all(export)
    [note] = [r for r in results if isinstance(r, Note)]
    assert "Instagram reach" in note.reason
    assert records(results)[0].date == date(2023, 7, 8)


def test_audience_sections_become_breakdowns_in_either_column_order():
    for folder in (DAN, LEON):
        results = records(read_all(recognised(folder / "Audience.csv", date(2026, 6, 21))))
        found = {r.breakdown.dimension: r.breakdown for r in results}
        assert set(found) == {Dimension.AGE, Dimension.GENDER, Dimension.COUNTRY, Dimension.CITY}
        assert all(b.read_on == date(2026, 6, 21) for b in found.values())
    leon = {
        r.breakdown.dimension: r.breakdown
        for r in records(read_all(recognised(LEON / "Audience.csv")))
    }
    genders = {s.bucket: s.share for s in leon[Dimension.GENDER].shares}
    assert genders["female"] == pytest.approx(0.573)  # 10.6 + 26.2 + 9.9 + 4.3 + 3.3 + 3
    assert {s.bucket: s.share for s in leon[Dimension.COUNTRY].shares}["ZA"] == pytest.approx(0.751)


def test_a_damaged_audience_section_is_refused_with_its_line(tmp_path):
    text = (LEON / "Audience.csv").read_text(encoding="utf-16")
    path = tmp_path / "Audience.csv"
    path.write_text(text.replace('"10.6"', '"90.6"').replace('"6.5"', '"60.5"'), encoding="utf-16")
    with pytest.raises(ImportFailed, match="Age & gender") as error:
        read_all(recognised(path))
    assert error.value.line == 2


RESAVED = META / "vsbperoto__vintage-analytics-dashboard" / "resaved_by_user"


def test_a_series_a_spreadsheet_resaved_without_its_sep_line_is_still_known():
    skipped = unusable(RESAVED / "Follows.csv")
    assert not skipped.refused and "'Facebook follows'" in skipped.reason


def test_a_resaved_reach_series_is_read(tmp_path):
    path = tmp_path / "Reach.csv"
    text = (RESAVED / "Follows.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("Facebook follows", "Facebook reach"), encoding="utf-8")
    export = recognised(path)
    assert export.platform is Platform.FACEBOOK
    days = records(read_all(export))
    assert days[0] == DayNumbers(1, date(2025, 10, 31), reach=4, source=days[0].source)
    assert len(days) > 50
