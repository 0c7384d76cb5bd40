"""The generic CSV facade on hand-made files: encodings, delimiters, guessed columns, dates, bad rows, posts."""

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.accounts import Snapshot
from companion.core.posts import Post, PostKind
from companion.importers import generic_csv, text_files
from companion.importers.csv_table import CsvRow
from companion.importers.errors import ImportFailed
from companion.importers.generic_csv import (
    ImportPlan,
    ImportTarget,
    RowTally,
    done_text,
    guess_mapping,
    guess_target,
    plan_problems,
    preview,
    read_sample,
    ready_text,
    run_import,
    unused_columns_text,
    with_columns,
)
from companion.importers.mapping import (
    POST_FIELDS,
    ColumnMapping,
    Note,
    Rejected,
    convert_posts,
    date_format_choices,
    describe_date_format,
    detect_moment_format,
    guess_columns,
    post_kind,
)
from companion.store.upsert import UpsertCounts

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 11, 20)


def plan_for(path: Path, target: ImportTarget | None = None, **changes) -> ImportPlan:
    sample = read_sample(path)
    target = target or guess_target(sample)
    values = {"mapping": guess_mapping(sample, target), "today": TODAY, "account_id": 1}
    return ImportPlan(sample, target, **{**values, **changes})


def run_to_end(plan: ImportPlan) -> tuple[list, RowTally]:
    written: list = []
    steps = run_import(plan, written.extend)
    while True:
        try:
            next(steps)
        except StopIteration as end:
            return written, end.value


@pytest.mark.parametrize(
    ("name", "described"),
    [
        (
            "snapshots-us.csv",
            "snapshots-us.csv: UTF-8, comma-separated, 8 rows, dates like 03/31/2025",
        ),
        (
            "snapshots-windows-1252.csv",
            "snapshots-windows-1252.csv: Windows-1252, semicolon-separated, 7 rows, "
            "dates like 31.03.2025",
        ),
        (
            "posts-excel-utf16.csv",
            "posts-excel-utf16.csv: UTF-16, tab-separated, 5 rows, dates like 03/31/2025 18:30",
        ),
        (
            "snapshots-bad-rows.csv",
            "snapshots-bad-rows.csv: UTF-8, comma-separated, 9 rows, dates like 2025-03-31",
        ),
    ],
)
def test_what_was_found_is_said_in_one_line(name, described):
    plan = plan_for(DATA / name)
    assert plan.sample.describe(plan.mapping.date_format) == described


@pytest.mark.parametrize(
    ("name", "target", "columns"),
    [
        (
            "snapshots-us.csv",
            "snapshots",
            {"date": 0, "followers": 1, "reach": 2, "impressions": 3},
        ),
        ("snapshots-windows-1252.csv", "snapshots", {"date": 0, "followers": 1, "reach": 2}),
        (
            "posts-excel-utf16.csv",
            "posts",
            {
                "published_at": 0,
                "kind": 1,
                "caption": 2,
                "url": 3,
                "platform_post_id": 4,
                "likes": 5,
                "comments": 6,
                "shares": 7,
                "saves": 8,
                "views": 9,
                "reach": 10,
            },
        ),
    ],
)
def test_obvious_columns_and_the_kind_of_rows_are_guessed(name, target, columns):
    plan = plan_for(DATA / name)
    assert plan.target == target
    assert dict(plan.mapping.columns) == columns
    assert plan_problems(plan) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (  # Meta Business Suite: "Publish time" wins over "Date", which says "Lifetime"
            [
                "Post ID",
                "Account ID",
                "Description",
                "Publish time",
                "Permalink",
                "Post type",
                "Date",
                "Views",
                "Reach",
                "Likes",
                "Shares",
                "Comments",
                "Saves",
            ],
            {"platform_post_id": 0, "caption": 2, "published_at": 3, "url": 4, "kind": 5}
            | {"views": 7, "reach": 8, "likes": 9, "shares": 10, "comments": 11, "saves": 12},
        ),
        (  # X tweet activity
            [
                "Tweet id",
                "Tweet permalink",
                "Tweet text",
                "time",
                "impressions",
                "retweets",
                "replies",
                "likes",
            ],
            {"platform_post_id": 0, "url": 1, "caption": 2, "published_at": 3, "impressions": 4}
            | {"shares": 5, "comments": 6, "likes": 7},
        ),
        (  # TikTok Studio content: "Post time", not "Time" (the day the numbers were read)
            [
                "Time",
                "Video title",
                "Video link",
                "Post time",
                "Total likes",
                "Total comments",
                "Total shares",
                "Total views",
            ],
            {"caption": 1, "url": 2, "published_at": 3, "likes": 4, "comments": 5}
            | {"shares": 6, "views": 7},
        ),
        (["Account ID", "When", "Likes"], {"likes": 2}),  # an account id is not a post id
    ],
)
def test_platform_post_headers_are_guessed(header, expected):
    assert guess_columns(header, POST_FIELDS) == expected


def test_a_totals_row_is_rejected_with_a_reason_and_the_rest_read():
    plan = plan_for(DATA / "snapshots-us.csv")
    written, tally = run_to_end(plan)
    assert (tally.rows_read, tally.ready, tally.rejected_total) == (8, 7, 1)
    assert tally.rejected == [
        Rejected(10, None, "a totals row ('Total'); left out, as the app adds up the rows itself.")
    ]
    assert written[-1] == Snapshot(
        1, date(2025, 3, 31), 1234, reach=1102, impressions=2590, source="csv"
    )


def test_counts_as_platforms_write_them_and_percent_columns_explained():
    plan = plan_for(DATA / "snapshots-us.csv")
    rows = preview(plan)
    assert [c.text for c in rows[2].cells] == ["2025-03-27", "1,195", "1,200", "2,480"]  # "1.2K"
    assert unused_columns_text(plan) == (
        "Not imported: Engagement rate. Rates such as 12.3% are not stored: "
        "the app works them out from your counts."
    )


def test_windows_1252_text_and_dotted_thousands():
    written, tally = run_to_end(plan_for(DATA / "snapshots-windows-1252.csv"))
    assert tally.rejected_total == 0
    assert [(s.date, s.followers, s.reach) for s in written[:2]] == [
        (date(2025, 3, 24), 2310, 1450),
        (date(2025, 3, 25), 2318, 1502),
    ]
    assert (
        unused_columns_text(plan_for(DATA / "snapshots-windows-1252.csv")) == "Not imported: Notiz."
    )


def test_every_bad_row_says_its_line_and_field():
    written, tally = run_to_end(plan_for(DATA / "snapshots-bad-rows.csv"))
    assert [s.followers for s in written] == [2000, 1200]
    assert [r.describe() for r in tally.rejected] == [
        "Line 3: Followers: expected a count of 0 or more, got '-5'",
        "Line 4: Followers: expected a whole number such as 1234, 1,234 or 1.2K, got 'lots'",
        "Line 5: Date: 2099-01-01 is in the future.",
        "Line 6: Date: is empty; every row needs its date.",
        "Line 7: Followers: is empty; every row needs the follower count.",
        "Line 8: Following: expected a whole number such as 1234, 1,234 or 1.2K, got 'three hundred'",
        "Line 10: Profile views: expected a whole number such as 1234, 1,234 or 1.2K, got '12.5'",
    ]


def test_the_preview_marks_the_cells_that_will_be_rejected():
    rows = preview(plan_for(DATA / "snapshots-bad-rows.csv"))
    assert rows[0].rejected is None
    followers = rows[1].cells[1]
    assert (followers.text, followers.problem) == ("-5", "expected a count of 0 or more, got '-5'")
    assert rows[1].rejected.field == "Followers"
    assert rows[3].cells[0].problem == "2099-01-01 is in the future."


def test_posts_from_an_excel_export_with_kinds_and_notes():
    plan = plan_for(DATA / "posts-excel-utf16.csv", followers_since=date(2025, 3, 20))
    posts, tally = run_to_end(plan)
    assert [p.kind for p in posts] == [
        PostKind.REEL,
        PostKind.CAROUSEL,
        PostKind.POST,
        PostKind.POST,
        PostKind.VIDEO,
    ]
    assert posts[0] == Post(
        account_id=1,
        published_at=datetime(2025, 3, 18, 7, 13, tzinfo=UTC),
        kind=PostKind.REEL,
        platform_post_id="17900000000000001",
        caption="Pastéis de nata at 7am 🥐",
        url="https://www.instagram.com/reel/C1a/",
        likes=1204,
        comments=38,
        shares=51,
        saves=97,
        views=12480,
        reach=9870,
        source="csv",
    )
    assert posts[4].likes == 1200
    assert [(n.line, n.field) for n in tally.notes] == [
        (2, "Published"),
        (3, "Published"),
        (5, "Kind"),
    ]
    assert "'Poll' is not a kind the app knows; imported as a post." in tally.notes[2].reason
    assert "engagement rate by followers shows “—”" in tally.notes[0].reason
    assert tally.ready == 5


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Reel", PostKind.REEL),
        ("IG reel", PostKind.REEL),
        ("Shorts", PostKind.REEL),
        ("Video", PostKind.VIDEO),
        ("Carousel", PostKind.CAROUSEL),
        ("CAROUSEL_ALBUM", PostKind.CAROUSEL),
        ("Photo", PostKind.POST),
        ("Image", PostKind.POST),
        ("Story", PostKind.STORY),
        ("Live video", PostKind.LIVE),
        ("Poll", None),
        ("", None),
    ],
)
def test_kinds_in_platform_words(text, kind):
    assert post_kind(text) == kind


def test_posts_without_a_time_or_from_the_future_are_rejected():
    rows = [
        CsvRow(2, ("2025-03-18 07:13", "Reel", "5")),
        CsvRow(3, ("", "Reel", "5")),
        CsvRow(4, ("2027-01-01 00:00", "Reel", "5")),
        CsvRow(5, ("2025-03-19 07:13", "", "-1")),
    ]
    columns = {"published_at": 0, "kind": 1, "likes": 2}
    results = list(convert_posts(rows, ColumnMapping(columns, "iso"), 1, TODAY))
    assert isinstance(results[0], Post)
    assert [(r.line, r.field) for r in results[1:]] == [
        (3, "Published"),
        (4, "Published"),
        (5, "Likes"),
    ]


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (["03/18/2025 07:13", "03/19/2025 18:02"], "%m/%d/%Y %H:%M"),
        (["2019-01-08 17:18 +0000"], "iso"),
        (["08.01.2019 17:18 +0100"], "%d.%m.%Y %H:%M %z"),
        (["Mar 18, 2025, 9:05 PM"], "%b %d, %Y, %I:%M %p"),
        (["18.03.2025 07:13:59"], "%d.%m.%Y %H:%M:%S"),
        (["2025-03-31T18:30:00Z"], "iso"),
        (["Sat, Aug 15, 2026"], "%a, %b %d, %Y"),
        (["03/04/2025", "25/04/2025", "Total"], "%d/%m/%Y"),  # the totals row hides nothing
        (["03/04/2025", "25/04/2025", "Total 2025"], "%d/%m/%Y"),
        (["soon"], None),
    ],
)
def test_date_and_time_formats_are_detected(samples, expected):
    assert detect_moment_format(samples) == expected


def test_a_zone_written_in_the_file_is_kept():
    rows = [CsvRow(2, ("2019-01-08 17:18 +0200",))]
    mapping = ColumnMapping({"published_at": 0}, "%Y-%m-%d %H:%M %z")
    (post,) = convert_posts(rows, mapping, 1, TODAY)
    assert post.published_at.utcoffset() == timedelta(hours=2)
    assert post.published_at == datetime(2019, 1, 8, 15, 18, tzinfo=timezone.utc)  # noqa: UP017


def test_the_creator_can_choose_another_date_format():
    choices = date_format_choices("%m/%d/%Y %H:%M")
    assert choices[0] == "%Y-%m-%d %H:%M"
    assert "%d/%m/%Y %H:%M" in choices
    assert describe_date_format("%d/%m/%Y %H:%M") == "31/03/2025 18:30"
    assert describe_date_format("epoch-seconds") == "1743445800 (seconds since 1970)"

    plan = plan_for(DATA / "snapshots-us.csv")
    day_first = ImportPlan(
        plan.sample, plan.target, ColumnMapping(plan.mapping.columns, "%d/%m/%Y"), TODAY, 1
    )
    _, tally = run_to_end(day_first)
    assert tally.ready == 0
    assert tally.rejected[0].reason == "expected a date like 31/03/2025, got '03/25/2025'"


def test_choosing_a_date_column_detects_its_format():
    sample = read_sample(DATA / "snapshots-us.csv")
    mapping = with_columns(sample, ImportTarget.SNAPSHOTS, {"followers": 1})
    assert mapping.date_format is None
    assert with_columns(
        sample, ImportTarget.SNAPSHOTS, {"date": 0, "followers": 1}
    ).date_format == ("%m/%d/%Y")


def test_required_columns_left_out_are_named():
    plan = plan_for(DATA / "snapshots-us.csv")
    plan = ImportPlan(plan.sample, plan.target, ColumnMapping({"date": 0}, "%m/%d/%Y"), TODAY, 1)
    assert plan_problems(plan) == ["Choose the column that holds Followers."]


# Past the first 64 KB that encoding detection reads, so the file passes as UTF-8 at first.
A_BAD_BYTE_ON_LINE_5002 = b"Date,Followers\n" + b"2025-03-01,100\n" * 5000 + b"2025-03-02,caf\xe9\n"


def write(tmp_path: Path, data: bytes, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", r"data\.csv: is empty; expected a header line and rows of data\."),
        (b"\n\n  \n", r"data\.csv: is empty"),
        (bytes(range(256)) * 40, r"data\.csv: this is not a text file"),
    ],
)
def test_unusable_files_are_refused_naming_the_file(tmp_path, data, message):
    with pytest.raises(ImportFailed, match=message):
        read_sample(write(tmp_path, data))


def test_a_file_without_recognisable_columns_says_so(tmp_path):
    plan = plan_for(write(tmp_path, b"Notes,Mood\nlovely day,happy\n"), ImportTarget.SNAPSHOTS)
    assert plan_problems(plan) == [
        "None of the columns of data.csv (Notes, Mood) look like daily numbers (snapshots). "
        "Choose the columns below, or choose another file.",
        "Choose the column that holds Date and Followers.",
    ]


def test_a_header_without_rows_says_so(tmp_path):
    plan = plan_for(write(tmp_path, b"Date,Followers\n"))
    assert plan.sample.describe() == "data.csv: UTF-8, comma-separated, no rows"
    assert plan_problems(plan) == ["data.csv has a header line but no rows of data."]


def test_a_bad_byte_far_down_stops_the_run_naming_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(generic_csv, "EXACT_COUNT_BYTES", 0)
    monkeypatch.setattr(generic_csv, "DETECTION_ROWS", 20)
    monkeypatch.setattr(text_files, "CHUNK_BYTES", 4096)  # the bad byte is not in the first chunk
    plan = plan_for(write(tmp_path, A_BAD_BYTE_ON_LINE_5002))
    assert not plan.sample.counted
    assert plan.sample.rows_phrase().startswith("about 5,0")
    with pytest.raises(
        ImportFailed, match=r"data\.csv, line 5002: has bytes that are not valid UTF-8"
    ):
        run_to_end(plan)


def test_a_small_file_is_checked_whole_when_it_is_opened(tmp_path):
    with pytest.raises(ImportFailed, match="line 5002"):
        read_sample(write(tmp_path, A_BAD_BYTE_ON_LINE_5002))


def test_batches_and_progress_and_stopping_early(tmp_path, monkeypatch):
    monkeypatch.setattr(generic_csv, "BATCH_ROWS", 100)
    lines = [f"{date(2020, 1, 1) + timedelta(days=i)},{1000 + i}" for i in range(1000)]
    lines[500] = "2020-01-01,lots"
    plan = plan_for(write(tmp_path, ("Date,Followers\n" + "\n".join(lines)).encode()))
    batches: list[list] = []
    steps = run_import(plan, batches.append)
    progress = [next(steps) for _ in range(3)]
    assert [p.rows_read for p in progress] == [100, 200, 300]
    assert progress[0].fraction == pytest.approx(0.1)
    steps.close()  # a cancel: nothing more is read or handed on
    assert [len(b) for b in batches] == [100, 100, 100]
    batches.clear()
    _, tally = run_to_end(plan)
    assert (tally.rows_read, tally.ready, tally.rejected_total) == (1000, 999, 1)


def test_only_the_first_rejections_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(generic_csv, "LISTED_MAX", 3)
    plan = plan_for(write(tmp_path, b"Date,Followers\n" + b"2025-03-01,lots\n" * 10))
    _, tally = run_to_end(plan)
    assert (len(tally.rejected), tally.rejected_total) == (3, 10)


def test_an_import_needs_its_account():
    plan = plan_for(DATA / "snapshots-us.csv", account_id=None)
    with pytest.raises(ValueError, match="account"):
        next(run_import(plan, print))


def test_the_summary_sentences():
    tally = RowTally(rows_read=120, ready=118, rejected_total=2, notes_total=1)
    assert ready_text(tally, UpsertCounts(new=100, updated=12, unchanged=6)) == (
        "118 rows ready: 100 new, 18 already in your record (12 will be updated). "
        "2 rows rejected (see list). 1 note about rows that will be imported (see list)."
    )
    again = RowTally(rows_read=5, ready=5)
    assert ready_text(again, UpsertCounts(unchanged=4)) == (
        "5 rows ready: 0 new, 4 already in your record (nothing in them changes). "
        "1 row repeat an earlier row of the file; the last one counts."
    )
    assert done_text("data.csv", tally, UpsertCounts(new=100, updated=12, unchanged=6)) == (
        "Imported data.csv: 100 new, 12 updated, 6 unchanged; 2 rows rejected."
    )


SNAPSHOT_DAYS = st.lists(
    st.tuples(
        st.dates(min_value=date(2015, 1, 1), max_value=TODAY),
        st.integers(0, 10**9),
        st.none() | st.integers(0, 10**7),
    ),
    min_size=1,
    max_size=40,
    unique_by=lambda day: day[0],
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    SNAPSHOT_DAYS,
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    st.sampled_from(["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%b %d, %Y"]),
    st.booleans(),
)
def test_any_valid_rows_written_as_csv_read_back_the_same(
    tmp_path, days, delimiter, encoding, date_format, grouped
):
    text = io.StringIO()
    table = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    table.writerow(["Date", "Followers", "Reach", "Notes"])
    for day, followers, reach in days:
        count = f"{followers:,}" if grouped else str(followers)
        table.writerow([day.strftime(date_format), count, "" if reach is None else reach, "Café"])
    path = write(tmp_path, text.getvalue().encode(encoding))

    written, tally = run_to_end(plan_for(path))

    expected = [Snapshot(1, day, f, reach=r, source="csv") for day, f, r in days]
    if detect_moment_format(d.strftime(date_format) for d, _, _ in days) == date_format:
        assert written == expected
    else:  # only ambiguous dates ("03/04/2025") can be read the other way round
        assert tally.ready + tally.rejected_total == len(days)
    assert tally.rows_read == len(days)


def test_notes_and_rejections_are_row_messages():
    assert Note(3, "Kind", "x") != Rejected(3, "Kind", "x")
    assert Note(3, "Kind", "guessed").describe() == "Line 3: Kind: guessed"
