"""Meta Business Suite ▸ Insights exports, for Instagram accounts and Facebook Pages.

- Content: `<Mon>-<DD>-<YYYY>_<Mon>-<DD>-<YYYY>_<id>.csv`, UTF-8 with BOM, one row per post →
  posts. Instagram files have `Account username` (the handle) and `Post type` "IG reel",
  "IG image", "IG carousel"; Facebook files `Page name` and "Photos", "Reels", "Links".
  Columns are matched by name (their order differs between exports; a name can appear
  twice, the first counts); rows can be ragged (trailing empty cells left out);
  descriptions hold newlines. `Publish time` is "05/26/2026 10:23" (US order, no zone).
- One metric per day (`Views.csv`, `Reach.csv`, `Visits.csv`, …): UTF-16 with a BOM, a
  `sep=,` line (or `sep=` and tabs), the metric's title ("Reach", "Instagram profile
  visits"), then `Date,Primary` and `"2025-01-01T00:00:00","0"`. Reach, views (Meta's
  new name for impressions) and visits (profile views) join days whose followers are
  known; follows, interactions and link clicks have no place in a day's snapshot.
- `Audience.csv`: sections, each a title line then data: "Age & gender" (a row per age
  band with the women's and men's percentages, in either column order), "Top countries"
  and "Top cities" (a row of names over a row of percentages). They become age, gender,
  country and city breakdowns, read on the file's date (Meta gives none). Country names
  are turned into codes; a name the app does not know is left out.
The series files do not always say whether they are Facebook's or Instagram's: their
title decides when it names one, else Instagram is assumed and the description says so.
"""

import re
from collections.abc import Iterator
from datetime import date
from functools import partial
from itertools import islice

from companion.core.audience import Dimension, make_breakdown
from companion.core.countries import all_countries, fold
from companion.core.platforms import Platform
from companion.core.posts import Post, PostKind
from companion.importers.csv_table import CsvRow
from companion.importers.dates import DateColumn
from companion.importers.errors import ImportFailed
from companion.importers.exports import (
    ExportFile,
    Result,
    Source,
    Table,
    Unusable,
    converted_rows,
    count_cell,
    count_cells,
    find_columns,
    first_cells,
    has_columns,
    text_cell,
)
from companion.importers.mapping import FieldProblem, Note, normalise_header, post_kind
from companion.importers.records import AccountBreakdown, DayNumbers
from companion.importers.values import BadValue, is_empty, parse_percent

PRODUCT = "Meta Business Suite"
SOURCE = "meta-business-suite"
_POST_COUNT_LABELS = {
    "likes": "Likes",
    "comments": "Comments",
    "shares": "Shares",
    "saves": "Saves",
    "views": "Views",
    "reach": "Reach",
    "impressions": "Impressions",
}
"""A post's counts, by the names Meta's columns give them."""
_POST_COLUMNS = {
    "id": ("post id",),
    "username": ("account username", "page name"),
    "title": ("title",),
    "description": ("description",),
    "published": ("publish time",),
    "url": ("permalink",),
    "kind": ("post type",),
    "views": ("views",),
    "reach": ("reach",),
    "likes": ("likes", "reactions"),
    "comments": ("comments",),
    "shares": ("shares",),
    "saves": ("saves",),
    "impressions": ("impressions",),
}
_SERIES_FIELDS = (("reach", "reach"), ("visits", "profile_views"), ("views", "impressions"))
_SERIES_FIELDS += (("impressions", "impressions"),)
_AGE = re.compile(r"^\d{2}\s*[-–]\s*\d{2}$|^\d{2}\+$")


def identify(source: Source, table: Table) -> ExportFile | Unusable | None:
    header = table.header
    if has_columns(header, "post id", "publish time") and (
        has_columns(header, "account id") or has_columns(header, "page id")
    ):
        return _posts(source, table)
    if header and header[0].lower().startswith("sep="):
        first = [_cells(row) for row in islice(table.rows(), 12)]
        if len(first) >= 2 and first[1][:2] == ["date", "primary"]:
            return _series(source, table, " ".join(first[0]))
        if any(len(cells) == 1 and _section_title(cells[0]) for cells in first[:12]):
            return _audience(source, table)
    titled = [cell for cell in header if cell]
    if len(titled) == 1 and not has_columns(header, "date"):
        # A series re-saved by a spreadsheet loses its `sep=` line: the title comes first.
        first_row = next(table.rows(), None)
        if first_row is not None and _cells(first_row)[:2] == ["date", "primary"]:
            return _series(source, table, titled[0])
    return None


# --- posts --------------------------------------------------------------------------------


def _posts(source: Source, table: Table) -> ExportFile:
    columns = find_columns(table.header, _POST_COLUMNS)
    facebook = has_columns(table.header, "page id")
    dates = DateColumn(first_cells(table, columns["published"]))
    handle = next((text_cell(r, columns.get("username")) for r in islice(table.rows(), 1)), None)
    return ExportFile(
        source,
        Platform.FACEBOOK if facebook else Platform.INSTAGRAM,
        PRODUCT,
        "posts",
        partial(_read_posts, table, columns, dates),
        handle=handle,
    )


def _read_posts(
    table: Table, columns: dict[str, int], dates: DateColumn, account_id: int, today: date
) -> Iterator[Result]:
    def post(row: CsvRow) -> Iterator[Post]:
        post_id = text_cell(row, columns["id"])
        if post_id is None:
            raise FieldProblem("Post ID", "is empty; every post row starts with its id.")
        published = dates.moment(row.get(columns["published"]))
        if published is None:
            raise FieldProblem("Publish time", "is empty.")
        kind = post_kind(row.get(columns.get("kind")))
        yield Post(
            account_id=account_id,
            published_at=published,
            kind=kind or PostKind.POST,
            platform_post_id=post_id,
            caption=text_cell(row, columns.get("description"))
            or text_cell(row, columns.get("title")),
            url=text_cell(row, columns.get("url")),
            **count_cells(row, columns, _POST_COUNT_LABELS),
            source=SOURCE,
        )

    return converted_rows(table.rows(), post)


# --- one metric per day -------------------------------------------------------------------


def _series(source: Source, table: Table, title: str) -> ExportFile | Unusable:
    words = normalise_header(title)
    field = next((f for word, f in _SERIES_FIELDS if word in words.split()), None)
    if field is None:
        return Unusable(
            source,
            f"Meta Business Suite daily {title.strip()!r}: the app keeps a day's followers, "
            "reach, impressions and profile views, so nothing is imported from it.",
        )
    facebook = "facebook" in words
    named = facebook or "instagram" in words
    return ExportFile(
        source,
        Platform.FACEBOOK if facebook else Platform.INSTAGRAM,
        PRODUCT,
        f"daily {title.strip().lower()}",
        partial(_read_series, table, field),
        caveat=None if named else "Meta does not say whose numbers these are: Instagram assumed.",
    )


def _read_series(table: Table, field: str, account_id: int, today: date) -> Iterator[Result]:
    dates = DateColumn(["2025-01-01T00:00:00"])

    def day(row: CsvRow) -> Iterator[DayNumbers]:
        when = dates.day(row.get(0))
        if when is None:
            raise FieldProblem("Date", "is empty; every row needs its date.")
        value = count_cell(row, 1, "Primary")
        if value is not None:
            yield DayNumbers(account_id, when, **{field: value}, source=SOURCE)

    rows = table.rows()
    for row in rows:  # the metric's title, then the header
        if _cells(row)[:2] == ["date", "primary"]:
            break
    for row in rows:
        cells = [c.strip() for c in row.cells if c.strip()]
        if len(cells) == 1 and not cells[0][:1].isdigit():
            yield Note(
                row.line,
                None,
                f"a second series ({cells[0]!r}) starts here; only the first is imported.",
            )
            return
        yield from converted_rows([row], day)


# --- audience -----------------------------------------------------------------------------


def _section_title(text: str) -> bool:
    words = normalise_header(text)
    return ("age" in words and "gender" in words) or words.endswith(("countries", "cities"))


def _audience(source: Source, table: Table) -> ExportFile:
    return ExportFile(
        source,
        Platform.INSTAGRAM,
        PRODUCT,
        "audience",
        partial(_read_audience, table, source),
        caveat=f"Meta gives no date for it: kept as read on {source.made_on.isoformat()}, "
        "the file's date.",
    )


def _read_audience(table: Table, source: Source, account_id: int, today: date) -> Iterator[Result]:
    read_on = min(source.made_on, today)
    sections = _sections(table)
    seen: set[Dimension] = set()
    for title, line, rows in sections:
        try:
            found = list(_section_shares(title, rows))
        except BadValue as problem:
            raise ImportFailed(f"section {title!r}: {problem}", source.path, line) from None
        for dimension, entries in found:
            if not entries:
                continue
            if dimension in seen:
                yield Note(line, None, f"a second {dimension.label.lower()} section; left out.")
                continue
            seen.add(dimension)
            try:
                breakdown = make_breakdown(dimension, read_on, entries, today)
            except ValueError as problem:
                raise ImportFailed(f"section {title!r}: {problem}", source.path, line) from None
            yield AccountBreakdown(account_id, breakdown)


def _sections(table: Table) -> list[tuple[str, int, list[list[str]]]]:
    """(title, line, rows) of each section; an Audience file is a few dozen lines."""
    sections: list[tuple[str, int, list[list[str]]]] = []
    for row in islice(table.rows(), 500):
        cells = [c.strip() for c in row.cells]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) == 1 and not _is_number(cells[0]):
            sections.append((cells[0], row.line, []))
        elif sections:
            sections[-1][2].append(cells)
    return sections


def _section_shares(
    title: str, rows: list[list[str]]
) -> Iterator[tuple[Dimension, list[tuple[str, float]]]]:
    words = normalise_header(title)
    if "age" in words and "gender" in words and rows:
        yield from _age_and_gender(rows)
    elif words.endswith("countries") and len(rows) >= 2:
        codes = _country_codes()
        pairs = zip(rows[0], rows[1], strict=False)
        yield Dimension.COUNTRY, [(codes[fold(n)], _share(v)) for n, v in pairs if fold(n) in codes]
    elif (
        words.endswith("cities")
        and len(rows) >= 2
        and not _is_number(rows[0][0])
        and len(rows[1]) == len(rows[0])
        and all(_is_number(v) for v in rows[1])
    ):
        yield Dimension.CITY, [(n, _share(v)) for n, v in zip(rows[0], rows[1], strict=True)]


def _age_and_gender(rows: list[list[str]]) -> Iterator[tuple[Dimension, list[tuple[str, float]]]]:
    genders = [normalise_header(c) for c in rows[0][1:]]
    ages: list[tuple[str, float]] = []
    totals = dict.fromkeys(genders, 0.0)
    for cells in rows[1:]:
        if not cells or not _AGE.match(cells[0]):
            continue
        values = [_share(v) for v in cells[1 : 1 + len(genders)]]
        ages.append((cells[0], sum(values)))
        for gender, value in zip(genders, values, strict=False):
            totals[gender] += value
    names = {"women": "female", "men": "male", "female": "female", "male": "male"}
    yield Dimension.AGE, ages
    yield Dimension.GENDER, [(names.get(g, g), min(v, 1.0)) for g, v in totals.items() if g]


def _share(text: str) -> float:
    """A percentage as Meta writes it ("75.1", "2.5%") as a fraction."""
    if is_empty(text):
        return 0.0
    value = parse_percent(text)
    if value is None:
        return 0.0
    return value if text.strip().endswith("%") else value / 100


def _is_number(text: str) -> bool:
    try:
        parse_percent(text)
    except BadValue:
        return False
    return not is_empty(text)


def _cells(row: CsvRow) -> list[str]:
    return [normalise_header(c) for c in row.cells if c.strip()]


def _country_codes() -> dict[str, str]:
    return {fold(c.name): c.code for c in all_countries()}
