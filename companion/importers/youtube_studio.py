"""YouTube Studio ▸ Analytics ▸ Advanced mode ▸ Export current view (CSV): three files.

- `Table data.csv`, Content tab: one row per video → posts. The first column, `Content`, is
  the video id (ids that start with "-" are often written with a leading space, which is
  not part of the id); a `Total` row comes first and is left out. Columns depend on the
  metrics chosen: `Views`, `Likes`, `Comments added`, `Shares`, `Impressions` are kept;
  rates, watch time and viewers are the platform's own sums and are not. `Video publish
  time` is "Apr 29, 2020" (or "10-Jun-26" in some locales); `Duration` is seconds ("292",
  or "0:04:52"). Cells may be empty. A video of 60 seconds or less, or one tagged #shorts,
  is a Short.
- `Table data.csv` of another tab (first column `Traffic source`, `Geography`, …): totals per
  source, not per video or day; nothing the app keeps.
- `Totals.csv`: `Date,<one metric>`, one row per day for the channel. Only `Impressions`
  becomes part of the record (joining days whose followers are known); views, watch time
  and the net subscriber change have no place in a day's snapshot.
- `Chart data.csv`: `Date,<dimension columns>,<one metric>`, one row per day per video; it
  only repeats what Table data and Totals hold. It can be header-only.

No file names the channel: the creator chooses the account.
"""

from collections.abc import Callable, Iterator
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
    Unusable,
    check_width,
    converted_rows,
    count_cell,
    find_columns,
    first_cells,
    text_cell,
)
from companion.importers.mapping import FieldProblem, normalise_header
from companion.importers.records import DayNumbers
from companion.importers.values import BadValue, parse_duration

PRODUCT = "YouTube Studio"
SOURCE = "youtube-studio"
SHORT_SECONDS = 60
_WATCH = "https://www.youtube.com/watch?v="
_METRICS = frozenset(
    normalise_header(name)
    for name in (
        "Views",
        "Engaged views",
        "Watch time (hours)",
        "Subscribers",
        "Subscribers gained",
        "Subscribers lost",
        "Impressions",
        "Impressions click-through rate (%)",
        "Average view duration",
        "Average percentage viewed (%)",
        "Stayed to watch (%)",
        "New viewers",
        "Regular viewers",
        "Returning viewers",
        "Casual viewers",
        "Unique viewers",
        "Average views per viewer",
        "Likes",
        "Dislikes",
        "Likes (vs. dislikes) (%)",
        "Comments added",
        "Shares",
        "Your estimated revenue (USD)",
        "Estimated revenue (USD)",
    )
)
_DIMENSIONS = frozenset(
    {
        "content",
        "traffic source",
        "geography",
        "city",
        "device type",
        "operating system",
        "subscription status",
        "subscription source",
        "viewer age",
        "viewer gender",
        "playback location",
        "content type",
        "sharing service",
        "playlist",
        "end screen element",
        "card",
    }
)
"""The first column of a chart or table that is not per video: Studio's other tabs."""
_POST_COLUMNS = {
    "id": ("content",),
    "title": ("video title",),
    "published": ("video publish time",),
    "duration": ("duration",),
    "views": ("views",),
    "likes": ("likes",),
    "comments": ("comments added",),
    "shares": ("shares",),
    "impressions": ("impressions",),
}


def identify(source: Source, table: Table) -> ExportFile | Unusable | None:
    names = [normalise_header(h) for h in table.header]
    if not names:
        return None
    metrics = [n for n in names if n in _METRICS]
    if names[0] == "content" and "video title" in names:
        return _table(source, table)
    if names[0] == "date" and len(names) >= 3 and names[-1] in _METRICS and names[1] in _DIMENSIONS:
        return Unusable(
            source,
            f"YouTube Studio chart data (daily {table.header[-1]} per "
            f"{table.header[1].lower()}): it repeats what Table data.csv and Totals.csv hold, "
            "so nothing is imported from it.",
        )
    if names[0] == "date" and len(names) == 2 and (metrics or source.name.startswith("Totals")):
        return _totals(source, table)
    if names[0] != "date" and len(metrics) >= 2 and "total" in _first_cell(table):
        return Unusable(
            source,
            f"a YouTube Studio table per {table.header[0].lower()}: the app keeps numbers "
            "per video and per day. Export the Content tab instead.",
        )
    return None


def _table(source: Source, table: Table) -> ExportFile:
    columns = find_columns(table.header, _POST_COLUMNS) | {"width": len(table.header)}
    dates = DateColumn(first_cells(table, columns.get("published", 2)))
    return ExportFile(
        source,
        Platform.YOUTUBE,
        PRODUCT,
        "per-video table",
        partial(_read_table, table, columns, dates),
    )


def _read_table(
    table: Table, columns: dict[str, int], dates: DateColumn, account_id: int, today: date
) -> Iterator[Result]:
    return converted_rows(table.rows(), _post_reader(columns, dates, account_id))


_COUNTS = (
    ("likes", "Likes"),
    ("comments", "Comments added"),
    ("shares", "Shares"),
    ("views", "Views"),
    ("impressions", "Impressions"),
)


def _post_reader(
    columns: dict[str, int], dates: DateColumn, account_id: int
) -> Callable[[CsvRow], tuple[Post, ...]]:
    """A row → post function with the file's columns looked up once (a large table is
    hundreds of thousands of rows)."""
    width = columns["width"]
    published_at, title_at, duration_at = (
        columns.get(n) for n in ("published", "title", "duration")
    )
    counted = tuple((name, columns.get(name), label) for name, label in _COUNTS)

    def post(row: CsvRow) -> tuple[Post, ...]:
        cells = row.cells
        video_id = cells[0].strip()
        if not video_id:
            raise FieldProblem("Content", "is empty; every video row starts with the video's id.")
        if video_id.lower() == "total":
            return ()
        check_width(row, width)
        published = dates.moment(row.get(published_at))
        if published is None:
            raise FieldProblem("Video publish time", "is empty; a video needs the day it came out.")
        title = text_cell(row, title_at)
        duration = _seconds(row.get(duration_at))
        short = (duration is not None and duration <= SHORT_SECONDS) or (
            title is not None and "#shorts" in title.lower()
        )
        counts = {}
        for name, column, label in counted:
            text = cells[column] if column is not None else ""
            # Plain digits are most cells: read them without the general parser.
            plain = text.isdigit() and text.isascii()
            counts[name] = int(text) if plain else count_cell(row, column, label)
        kind = PostKind.REEL if short else PostKind.VIDEO
        return (
            Post(
                account_id,
                published,
                kind,
                platform_post_id=video_id,
                caption=title,
                url=_WATCH + video_id,
                source=SOURCE,
                **counts,
            ),
        )

    return post


def _seconds(text: str | None) -> int | None:
    """Seconds as Studio writes a duration: "292", or "0:04:52" in some exports."""
    if text is not None and text.isdigit() and text.isascii():
        return int(text)
    try:
        return parse_duration(text)
    except BadValue as problem:
        raise FieldProblem("Duration", str(problem)) from None


def _totals(source: Source, table: Table) -> ExportFile | Unusable:
    metric = table.header[1]
    if normalise_header(metric) != "impressions":
        return Unusable(
            source,
            f"YouTube Studio totals of daily {metric}: the app keeps a day's followers, reach, "
            f"impressions and profile views, not {metric}, so nothing is imported from it.",
        )
    dates = DateColumn(first_cells(table, 0))
    return ExportFile(
        source, Platform.YOUTUBE, PRODUCT, "daily impressions", partial(_read_totals, table, dates)
    )


def _read_totals(table: Table, dates: DateColumn, account_id: int, today: date) -> Iterator[Result]:
    def day(row: CsvRow) -> Iterator[DayNumbers]:
        when = dates.day(row.get(0))
        if when is None:
            raise FieldProblem("Date", "is empty; every row needs its date.")
        impressions = count_cell(row, 1, "Impressions")
        if impressions is not None:
            yield DayNumbers(account_id, when, impressions=impressions, source=SOURCE)

    return converted_rows(table.rows(), day)


def _first_cell(table: Table) -> str:
    for row in table.rows():
        return (row.get(0) or "").strip().lower()
    return ""
