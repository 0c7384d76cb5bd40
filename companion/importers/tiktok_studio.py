"""TikTok Studio ▸ Analytics ▸ Download data: one CSV (or XLSX) per tab.

Studio files are UTF-8 with a BOM, every field quoted, numbers as text, and dates without
a year ("February 28", "8 de marzo"): the year is read from a range in the file name when
there is one, else the last row is taken as the latest such day on or before the file's
own date (the export day), counting back over New Year. What each file becomes:
- `Overview.csv`/`.xlsx` (Date, Video Views, Profile Views, Likes, Comments, Shares): each
  day's profile views, joining days whose followers are known. Comments can be negative.
- `FollowerHistory.csv` (Date, Followers, Difference…): the follower count per day;
  "undefined" (early days, before TikTok counted) is skipped.
- `FollowerGender.csv`, `FollowerTopTerritories.csv` (fractions such as "0.59"; territories
  as ISO codes plus "Others", which stays out): audience breakdowns, read on the file's date.
- `Content.csv` (Time, Video title, Video link, Post time, Total likes, …): posts; the id and
  the handle come from the link (`/@handle/video/<19 digits>`), the year of "Post time" from
  the export day in "Time" (a post is never after it).
- `FollowerActivity.csv`, `Viewers.csv`: active hours and viewers; nothing the app keeps.
- Files renamed by users from TikTok's business export ("RAW": dates `2025/10/31`, "NAN",
  "--"): `Date, Video views, Reached audience, Profile views, …` gives reach and profile
  views; `Video title, Video link, Post time, …, Add to Favorites` gives posts with saves.
The folder `Followers_<handle>` names the account.
"""

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from functools import partial

from companion.core.accounts import Snapshot
from companion.core.audience import Dimension, make_breakdown
from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.importers.csv_table import CsvRow
from companion.importers.dates import (
    DateColumn,
    YearlessDays,
    first_year_ending_by,
    parse_month_day,
    range_in_name,
    year_before,
)
from companion.importers.errors import ImportFailed
from companion.importers.exports import (
    ExportFile,
    Result,
    Source,
    Table,
    Unusable,
    check_width,
    column_cells,
    converted_rows,
    count_cell,
    count_cells,
    find_columns,
    first_cells,
    has_columns,
    text_cell,
)
from companion.importers.mapping import FieldProblem, Rejected
from companion.importers.records import AccountBreakdown, DayNumbers
from companion.importers.values import BadValue, is_empty, parse_decimal

PRODUCT = "TikTok Studio"
SOURCE = "tiktok-studio"
_POST_COUNT_LABELS = {
    "likes": "Total likes",
    "comments": "Total comments",
    "shares": "Total shares",
    "views": "Total views",
    "saves": "Add to Favorites",
}
"""A video's counts, by the names TikTok's columns give them."""
_OVERVIEW_COUNT_LABELS = {"reach": "Reached audience", "profile_views": "Profile views"}
_LINK = re.compile(r"tiktok\.com/@(?P<handle>[\w.]+)/video/(?P<id>\d+)")
_FOLDER = re.compile(r"^Followers_(?P<handle>[\w.]+)$")
YEAR_CAVEAT = (
    "TikTok writes days without a year: the last one is taken to be on or before {last}, "
    "the file's date."
)


def identify(source: Source, table: Table) -> ExportFile | Unusable | None:
    header = table.header
    handle = _folder_handle(source)
    if has_columns(header, "date", "followers", "difference in followers from previous day"):
        return _daily(source, table, "daily followers", _followers, handle, gives_followers=True)
    if has_columns(header, "date", "video views", "profile views", "likes"):
        return _daily(source, table, "daily overview", _overview, handle)
    if has_columns(header, "date", "new followers", "total followers", "reached audience"):
        return _daily(source, table, "daily audience", _audience_days, handle, gives_followers=True)
    if has_columns(header, "gender", "distribution"):
        return _breakdown(source, table, Dimension.GENDER, handle)
    if has_columns(header, "top territories", "distribution"):
        return _breakdown(source, table, Dimension.COUNTRY, handle)
    if has_columns(header, "video link", "post time"):
        return _content(source, table, handle)
    if has_columns(header, "date", "hour", "active followers"):
        return Unusable(source, "TikTok follower activity by hour: nothing the app keeps.")
    if has_columns(header, "date", "total viewers", "new viewers"):
        return Unusable(source, "TikTok viewers per day: nothing the app keeps.")
    return None


def identify_workbook(source: Source) -> ExportFile | Unusable | None:
    """A TikTok workbook: the first sheet whose header one of the CSV forms has."""
    from companion.importers.workbook import sheet_tables

    for _name, table in sheet_tables(source.path):
        if (found := identify(source, table)) is not None:
            return found
    return None


# --- daily files ----------------------------------------------------------------------------

DayConvert = Callable[[dict[str, int], int, date, CsvRow], Iterator[Result]]
_DAILY_COLUMNS = {
    "date": ("date",),
    "followers": ("followers", "total followers"),
    "profile_views": ("profile views",),
    "reach": ("reached audience",),
}


def _daily(
    source: Source,
    table: Table,
    kind: str,
    convert: DayConvert,
    handle: str | None,
    *,
    gives_followers: bool = False,
) -> ExportFile:
    columns = find_columns(table.header, _DAILY_COLUMNS)
    read_day, caveat = _day_reader(source, table, columns["date"])
    return ExportFile(
        source,
        Platform.TIKTOK,
        PRODUCT,
        kind,
        partial(_read_daily, table, columns, read_day, convert),
        handle=handle,
        caveat=caveat,
        gives_followers=gives_followers,
    )


def _read_daily(
    table: Table,
    columns: dict[str, int],
    read_day: Callable[[], Callable[[str], date]],
    convert: DayConvert,
    account_id: int,
    today: date,
) -> Iterator[Result]:
    day_of = read_day()
    width = len(table.header)

    def row_records(row: CsvRow) -> Iterator[Result]:
        check_width(row, width)
        text = row.get(columns["date"])
        if is_empty(text):
            raise FieldProblem("Date", "is empty; every row needs its date.")
        day = day_of(text)
        if day > today:
            raise FieldProblem("Date", f"{day.isoformat()} is in the future.")
        yield from convert(columns, account_id, day, row)

    return converted_rows(table.rows(), row_records)


def _followers(
    columns: dict[str, int], account_id: int, day: date, row: CsvRow
) -> Iterator[Result]:
    followers = count_cell(row, columns["followers"], "Followers")
    if followers is not None:
        yield Snapshot(account_id, day, followers, source=SOURCE)


def _overview(columns: dict[str, int], account_id: int, day: date, row: CsvRow) -> Iterator[Result]:
    numbers = DayNumbers(
        account_id, day, **count_cells(row, columns, _OVERVIEW_COUNT_LABELS), source=SOURCE
    )
    if not numbers.empty:
        yield numbers


def _audience_days(
    columns: dict[str, int], account_id: int, day: date, row: CsvRow
) -> Iterator[Result]:
    followers = count_cell(row, columns.get("followers"), "Total followers")
    if followers is not None:
        yield Snapshot(account_id, day, followers, source=SOURCE)
    yield from _overview(columns, account_id, day, row)


def _day_reader(
    source: Source, table: Table, column: int
) -> tuple[Callable[[], Callable[[str], date]], str | None]:
    """How to read the file's days, made afresh per run, and the caveat about their year."""
    samples = [s for s in first_cells(table, column) if not is_empty(s)]
    dated = DateColumn(samples)
    if dated.form is not None or not samples:
        return (lambda: _dated(dated)), None
    named = range_in_name(source.name)
    if named is not None:
        first_year = named[0].year
    else:
        month_days = (_month_day(t) for t in column_cells(table, column) if not is_empty(t))
        first_year = first_year_ending_by((md for md in month_days if md), source.made_on)
    return (lambda: YearlessDays(first_year).day), YEAR_CAVEAT.format(last=source.made_on)


def _dated(column: DateColumn) -> Callable[[str], date]:
    def day(text: str) -> date:
        found = column.day(text)
        if found is None:
            raise BadValue("is empty; every row needs its date")
        return found

    return day


def _month_day(text: str) -> tuple[int, int] | None:
    try:
        return parse_month_day(text)
    except BadValue:
        return None


# --- breakdowns ---------------------------------------------------------------------------


def _breakdown(
    source: Source, table: Table, dimension: Dimension, handle: str | None
) -> ExportFile:
    return ExportFile(
        source,
        Platform.TIKTOK,
        PRODUCT,
        f"followers by {'gender' if dimension is Dimension.GENDER else 'territory'}",
        partial(_read_breakdown, table, dimension, source),
        handle=handle,
        caveat=f"TikTok gives no date for it: kept as read on {source.made_on.isoformat()}, "
        "the file's date.",
    )


def _read_breakdown(
    table: Table, dimension: Dimension, source: Source, account_id: int, today: date
) -> Iterator[Result]:
    entries = []
    last_line = 1
    for row in table.rows():
        last_line = row.line
        bucket = (row.get(0) or "").strip()
        if not bucket or bucket.casefold() in ("others", "other countries"):
            continue
        try:
            share = parse_decimal(row.get(1))
        except BadValue as problem:
            yield Rejected(row.line, "Distribution", str(problem))
            continue
        if share is not None:
            entries.append((bucket, share))
    try:
        breakdown = make_breakdown(dimension, min(source.made_on, today), entries, today)
    except ValueError as problem:
        raise ImportFailed(str(problem), source.path, last_line) from None
    yield AccountBreakdown(account_id, breakdown)


# --- posts --------------------------------------------------------------------------------

_CONTENT_COLUMNS = {
    "export_day": ("time",),
    "title": ("video title",),
    "link": ("video link",),
    "posted": ("post time",),
    "likes": ("total likes", "likes"),
    "comments": ("total comments", "comments"),
    "shares": ("total shares", "shares"),
    "views": ("total views", "video views"),
    "saves": ("add to favorites",),
}


def _content(source: Source, table: Table, handle: str | None) -> ExportFile:
    columns = find_columns(table.header, _CONTENT_COLUMNS)
    samples = first_cells(table, columns["posted"])
    dated = DateColumn(s for s in samples if not is_empty(s))
    link = next(
        (m for row in table.rows() if (m := _LINK.search(row.get(columns["link"]) or ""))), None
    )
    return ExportFile(
        source,
        Platform.TIKTOK,
        PRODUCT,
        "videos",
        partial(_read_content, table, columns, dated, source.made_on),
        handle=handle or (link["handle"] if link else None),
        caveat=None if dated.form else YEAR_CAVEAT.format(last=source.made_on),
    )


def _read_content(
    table: Table,
    columns: dict[str, int],
    dated: DateColumn,
    made_on: date,
    account_id: int,
    today: date,
) -> Iterator[Result]:
    width = len(table.header)

    def post(row: CsvRow) -> Iterator[Post]:
        check_width(row, width)
        link = text_cell(row, columns["link"])
        found = _LINK.search(link or "")
        if found is None:
            raise FieldProblem("Video link", f"expected a link to a TikTok video, got {link!r}")
        yield Post(
            account_id=account_id,
            published_at=_posted(row, columns, dated, min(made_on, today)),
            kind=PostKind.REEL,
            platform_post_id=found["id"],
            caption=text_cell(row, columns.get("title")),
            url=link,
            **count_cells(row, columns, _POST_COUNT_LABELS),
            source=SOURCE,
        )

    return converted_rows(table.rows(), post)


def _posted(row: CsvRow, columns: dict[str, int], dated: DateColumn, made_on: date) -> datetime:
    text = row.get(columns["posted"])
    if is_empty(text):
        raise FieldProblem("Post time", "is empty; a video needs the day it was posted.")
    if dated.form is not None:
        return dated.moment(text)
    export_text = row.get(columns.get("export_day"))
    anchor = year_before(*parse_month_day(export_text), made_on) if export_text else made_on
    day = year_before(*parse_month_day(text), anchor)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _folder_handle(source: Source) -> str | None:
    found = _FOLDER.match(source.folder)
    return found["handle"] if found else None
