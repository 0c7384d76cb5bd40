"""X (Twitter) analytics exports, the legacy analytics.twitter.com files and X Premium's.

- `tweet_activity_metrics_<handle>_<YYYYMMDD>_<YYYYMMDD>_<lang>.csv`: one row per tweet →
  posts. `time` is "2016-12-23 18:50 +0000"; counters may be written as floats ("1938.0");
  promoted columns hold "-"; tweet text keeps HTML entities ("&amp;"), decoded here.
  retweets → shares, replies → comments, impressions kept.
- `daily_tweet_activity_metrics_…csv`: Date, Tweets published, impressions, … → each day's
  impressions and profile clicks, joining days whose followers are known.
- `account_overview_analytics.csv` (X Premium): Date ("Tue, Aug 26, 2025", newest first),
  Impressions, …, Profile visits → the same day numbers.
- `account_analytics_content_<from>_<to>.csv` (X Premium): Post id, Date, Post text, Post Link,
  Impressions, Likes, …, Bookmarks, Reposts, Replies → posts (bookmarks → saves). Only the
  day is given, so posts are placed at midnight UTC.
Ids are 19-digit numbers, kept as text. The handle comes from the file name or the links.
"""

import html
import re
from collections.abc import Iterator
from datetime import date
from functools import partial

from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.importers.csv_table import CsvRow
from companion.importers.dates import DateColumn
from companion.importers.exports import (
    ExportFile,
    Result,
    Source,
    Table,
    check_width,
    converted_rows,
    count_cells,
    find_columns,
    first_cells,
    has_columns,
    text_cell,
)
from companion.importers.mapping import FieldProblem
from companion.importers.records import DayNumbers

PRODUCT = "X analytics"
SOURCE = "x-analytics"
_POST_COUNT_LABELS = {
    "likes": "likes",
    "comments": "replies",
    "shares": "retweets",
    "saves": "Bookmarks",
    "impressions": "impressions",
}
"""A post's counts, by the names X's columns give them."""
_DAY_COUNT_LABELS = {"impressions": "impressions", "profile_views": "profile visits"}
_NAME_HANDLE = re.compile(r"tweet_activity_metrics_(?P<handle>\w+?)_\d{8}_\d{8}")
_LINK_HANDLE = re.compile(r"(?:twitter|x)\.com/(?P<handle>\w+)/status/")
_POST_COLUMNS = {
    "id": ("tweet id", "post id"),
    "url": ("tweet permalink", "post link"),
    "text": ("tweet text", "post text"),
    "published": ("time", "date"),
    "impressions": ("impressions",),
    "likes": ("likes",),
    "comments": ("replies",),
    "shares": ("retweets", "reposts"),
    "saves": ("bookmarks",),
}
_DAY_COLUMNS = {
    "date": ("date",),
    "impressions": ("impressions",),
    "profile_views": ("user profile clicks", "profile visits"),
}


def identify(source: Source, table: Table) -> ExportFile | None:
    header = table.header
    if has_columns(header, "tweet id", "tweet permalink", "impressions") or has_columns(
        header, "post id", "post link", "impressions"
    ):
        return _posts(source, table)
    if has_columns(header, "date", "tweets published", "impressions") or has_columns(
        header, "date", "impressions", "new follows", "profile visits"
    ):
        return _days(source, table)
    return None


def _posts(source: Source, table: Table) -> ExportFile:
    columns = find_columns(table.header, _POST_COLUMNS)
    dates = DateColumn(first_cells(table, columns["published"]))
    return ExportFile(
        source,
        Platform.X,
        PRODUCT,
        "posts",
        partial(_read_posts, table, columns, dates),
        handle=_handle(source, table, columns["url"]),
    )


def _read_posts(
    table: Table, columns: dict[str, int], dates: DateColumn, account_id: int, today: date
) -> Iterator[Result]:
    width = len(table.header)

    def post(row: CsvRow) -> Iterator[Post]:
        check_width(row, width)
        post_id = text_cell(row, columns["id"])
        if post_id is None or not post_id.isdigit():
            raise FieldProblem(table.header[columns["id"]], f"expected a post id, got {post_id!r}")
        published = dates.moment(row.get(columns["published"]))
        if published is None:
            raise FieldProblem(table.header[columns["published"]], "is empty.")
        text = text_cell(row, columns.get("text"))
        yield Post(
            account_id=account_id,
            published_at=published,
            kind=PostKind.POST,
            platform_post_id=post_id,
            caption=html.unescape(text) if text else None,
            url=text_cell(row, columns.get("url")),
            **count_cells(row, columns, _POST_COUNT_LABELS),
            source=SOURCE,
        )

    return converted_rows(table.rows(), post)


def _days(source: Source, table: Table) -> ExportFile:
    columns = find_columns(table.header, _DAY_COLUMNS)
    dates = DateColumn(first_cells(table, columns["date"]))
    found = _NAME_HANDLE.search(source.name.replace("daily_", ""))
    return ExportFile(
        source,
        Platform.X,
        PRODUCT,
        "daily impressions",
        partial(_read_days, table, columns, dates),
        handle=found["handle"] if found else None,
    )


def _read_days(
    table: Table, columns: dict[str, int], dates: DateColumn, account_id: int, today: date
) -> Iterator[Result]:
    def day(row: CsvRow) -> Iterator[DayNumbers]:
        when = dates.day(row.get(columns["date"]))
        if when is None:
            raise FieldProblem("Date", "is empty; every row needs its date.")
        numbers = DayNumbers(
            account_id, when, **count_cells(row, columns, _DAY_COUNT_LABELS), source=SOURCE
        )
        if not numbers.empty:
            yield numbers

    return converted_rows(table.rows(), day)


def _handle(source: Source, table: Table, url_column: int) -> str | None:
    if found := _NAME_HANDLE.search(source.name):
        return found["handle"]
    for url in first_cells(table, url_column, limit=20):
        if found := _LINK_HANDLE.search(url):
            return found["handle"]
    return None
