"""YouTube Studio's "Export current view" files, real and damaged."""

from datetime import UTC, datetime

import pytest

from companion.core.platforms import Platform
from companion.core.posts import PostKind
from companion.importers.detect import identify, scan
from companion.importers.exports import ExportFile
from tests.importers.platform_samples import (
    COLLECTED,
    EXPORTS,
    TODAY,
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
TABLE_A = EXPORTS / "youtube" / "studio-table-per-video-a.csv"
TABLE_B = EXPORTS / "youtube" / "studio-table-per-video-b.csv"
LIGARDO = COLLECTED / "youtube" / "ligardoisaghost__timaghostresonance"


def test_a_per_video_table_becomes_posts_without_its_total_row():
    export = recognised(TABLE_A)
    assert (export.platform, export.product, export.kind) == (
        Platform.YOUTUBE,
        "YouTube Studio",
        "per-video table",
    )
    posts = records(read_all(export))
    assert len(posts) == 24  # 26 lines: header, Total, 24 videos
    first = posts[0]
    assert first.platform_post_id == "oEDe6JMwL7Q"
    assert first.published_at == datetime(2020, 4, 29, tzinfo=UTC)
    assert (first.views, first.impressions) == (58005, 797168)
    assert first.url == "https://www.youtube.com/watch?v=oEDe6JMwL7Q"
    assert first.kind is PostKind.VIDEO
    assert "Total" not in {p.platform_post_id for p in posts}


def test_empty_cells_stay_unknown_and_short_videos_are_shorts():
    posts = records(read_all(recognised(TABLE_B)))
    by_id = {p.platform_post_id: p for p in posts}
    assert by_id["GlIhjEa4FAk"].kind is PostKind.REEL  # 6 seconds
    assert by_id["GlIhjEa4FAk"].caption == "Let him do it for you this year!❤️🩹"
    assert by_id["xuZP_lPb_gQ"].views == 3
    assert by_id["xuZP_lPb_gQ"].impressions is None


def test_ids_written_with_a_leading_space_lose_only_the_space():
    posts = records(read_all(recognised(LIGARDO / "Table data.csv")))
    ids = {p.platform_post_id for p in posts}
    assert "-iTBX-c3ATo" in ids
    assert not any(i.startswith(" ") for i in ids)
    assert next(p for p in posts if p.platform_post_id == "1geIQxkXYGs").caption == "March 27, 2021"


@pytest.mark.parametrize(
    ("path", "says"),
    [
        (EXPORTS / "youtube" / "studio-chart-header-only-b.csv", "chart data"),
        (EXPORTS / "youtube" / "studio-totals-daily-b.csv", "daily New viewers"),
        (
            COLLECTED / "youtube" / "RehanTharusha__complete-pandas-tutorial" / "Table data.csv",
            "per traffic source",
        ),
    ],
)
def test_files_with_nothing_the_app_keeps_say_why(path, says):
    found = unusable(path)
    assert says in found.reason
    assert not found.refused


def test_daily_impressions_become_day_numbers_and_bad_cells_are_named(tmp_path):
    path = tmp_path / "Totals.csv"
    path.write_text(
        'Date,Impressions\n2026-04-07,1200\n2026-04-08,\n2026-04-09,"1,300"\n2026-04-10,lots\n'
    )
    results = read_all(recognised(path))
    assert [(r.date.isoformat(), r.impressions) for r in records(results)] == [
        ("2026-04-07", 1200),
        ("2026-04-09", 1300),
    ]
    [problem] = rejected(results)
    assert (problem.line, problem.field) == (5, "Impressions")
    assert "expected a whole number" in problem.reason


def test_a_truncated_table_rejects_the_cut_line_naming_it(tmp_path):
    text = TABLE_A.read_text(encoding="utf-8")
    cut = text[: text.index("4LKXRgTeh0c") + 40]  # in the middle of the 5th line
    path = tmp_path / "Table data.csv"
    path.write_text(cut, encoding="utf-8")
    results = read_all(recognised(path))
    assert len(records(results)) == 2
    [problem] = rejected(results)
    assert problem.line == 5
    assert "cut off" in problem.reason


def test_wrong_columns_are_not_taken_for_a_youtube_table(tmp_path):
    path = tmp_path / "Table data.csv"
    path.write_text("Content,Headline,Posted\nabc,Hello,2025-01-01\n")
    found = identify(source(path))
    assert not isinstance(found, ExportFile)
    assert found.refused
    assert "not an export the app knows" in found.reason


def test_another_platforms_file_named_like_a_youtube_one_is_read_as_what_it_is(tmp_path):
    tiktok = COLLECTED / "tiktok" / "BossZY27__tiktok-analytics" / "Overview.csv"
    found = recognised(copy(tiktok, tmp_path, "Table data.csv"))
    assert found.platform is Platform.TIKTOK


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "is empty"),
        (b"\n\n\n", "is empty"),
        (bytes(range(256)) * 64, "not a text file"),
    ],
)
def test_empty_or_junk_files_are_refused_naming_them(tmp_path, data, says):
    path = tmp_path / "Table data.csv"
    path.write_bytes(data)
    found = identify(source(path))
    assert not isinstance(found, ExportFile)
    assert found.refused
    assert says in found.describe()
    assert "Table data.csv" in found.describe()


def test_a_table_saved_again_as_utf16_by_excel_reads_the_same(tmp_path):
    path = tmp_path / "Table data.csv"
    path.write_text(TABLE_A.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-16")
    assert records(read_all(recognised(path))) == records(read_all(recognised(TABLE_A)))


def test_the_description_gives_kind_range_and_rows():
    with scan([TABLE_A], TODAY) as found:
        [item] = found.found
    assert item.describe() == "YouTube Studio, per-video table, 2020-04-11 – 2021-06-18, 24 rows"
