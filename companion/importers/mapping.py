"""Generic CSV import: which column holds which field, guessed from the header, and rows turned into records.

A row that cannot be read is rejected with its line number, the field and what was
expected; the good rows go on. Nothing here writes: the store does, in one transaction.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from companion.core.accounts import Snapshot
from companion.core.posts import Post, PostKind
from companion.importers.csv_table import CsvRow
from companion.importers.values import (
    DATE_FORMATS,
    EPOCH_MILLISECONDS,
    EPOCH_SECONDS,
    BadValue,
    detect_date_format,
    example_date,
    is_empty,
    parse_count,
    parse_datetime,
)

ISO = "iso"
_WHOLE_MOMENT_FORMATS = (ISO, EPOCH_SECONDS, EPOCH_MILLISECONDS)
_TIME_PART = re.compile(
    r"^(?P<date>.+?)(?P<sep>T|,? (?:at )?)(?P<time>\d{1,2}:\d{2}(?P<seconds>:\d{2})?)"
    r"(?P<ampm> ?[AaPp][Mm])?(?P<zone> ?(?:[+-]\d{2}:?\d{2}|UTC|GMT|Z))?$"
)
_TOTALS = frozenset({"total", "totals", "grand total", "sum", "gesamt", "summe", "insgesamt"})
# A post stamped in UTC can fall on tomorrow's date while it is still today where the creator is.
_CLOCK_SLACK = timedelta(days=1)


class FieldKind(StrEnum):
    DATE = "date"
    DATETIME = "datetime"
    COUNT = "count"
    TEXT = "text"
    KIND = "kind"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: FieldKind
    required: bool = False
    synonyms: tuple[str, ...] = ()
    """Normalised headers that name this field, the most telling first."""


_REACH = Field(
    "reach",
    "Reach",
    FieldKind.COUNT,
    synonyms=("reach", "accounts reached", "reichweite", "alcance", "portée"),
)
_IMPRESSIONS = Field(
    "impressions",
    "Impressions",
    FieldKind.COUNT,
    synonyms=("impressions", "impressionen", "impresiones"),
)

SNAPSHOT_FIELDS = (
    Field("date", "Date", FieldKind.DATE, True, ("date", "day", "datum", "fecha", "data", "jour")),
    Field(
        "followers",
        "Followers",
        FieldKind.COUNT,
        True,
        (
            "followers",
            "follower",
            "follower count",
            "followers count",
            "total followers",
            "subscribers",
            "fans",
            "abonnenten",
            "seguidores",
            "abonnés",
        ),
    ),
    Field("following", "Following", FieldKind.COUNT, synonyms=("following", "follows")),
    Field("posts", "Posts", FieldKind.COUNT, synonyms=("posts", "media count", "videos")),
    _REACH,
    _IMPRESSIONS,
    Field(
        "profile_views",
        "Profile views",
        FieldKind.COUNT,
        synonyms=("profile views", "profile visits", "visits"),
    ),
)

POST_FIELDS = (
    Field(
        "published_at",
        "Published",
        FieldKind.DATETIME,
        True,
        (
            "publish time",
            "published",
            "published at",
            "video publish time",
            "post time",
            "posted",
            "posted at",
            "date posted",
            "publish date",
            "created",
            "created at",
            "time",
            "timestamp",
            "date",
            "datum",
            "fecha",
        ),
    ),
    Field(
        "kind",
        "Kind",
        FieldKind.KIND,
        synonyms=("post type", "media type", "content type", "kind", "type", "format"),
    ),
    Field(
        "caption",
        "Caption or title",
        FieldKind.TEXT,
        synonyms=("caption", "title", "video title", "description", "post text", "text", "message"),
    ),
    Field(
        "url",
        "URL",
        FieldKind.TEXT,
        synonyms=("permalink", "url", "link", "post link", "video link", "tweet permalink"),
    ),
    Field(
        "platform_post_id",
        "Post id",
        FieldKind.TEXT,
        synonyms=("post id", "media id", "video id", "tweet id", "content id", "content", "id"),
    ),
    Field("likes", "Likes", FieldKind.COUNT, synonyms=("likes", "like count", "reactions")),
    Field(
        "comments",
        "Comments",
        FieldKind.COUNT,
        synonyms=("comments", "comment count", "comments added", "replies"),
    ),
    Field(
        "shares",
        "Shares",
        FieldKind.COUNT,
        synonyms=("shares", "share count", "reposts", "retweets"),
    ),
    Field("saves", "Saves", FieldKind.COUNT, synonyms=("saves", "saved", "bookmarks")),
    Field(
        "views",
        "Views",
        FieldKind.COUNT,
        synonyms=("views", "video views", "plays", "view count", "media views"),
    ),
    _REACH,
    _IMPRESSIONS,
)

_KIND_WORDS = {
    **dict.fromkeys(("reel", "reels", "short", "shorts", "clip", "clips"), PostKind.REEL),
    **dict.fromkeys(("carousel", "album", "sidecar"), PostKind.CAROUSEL),
    **dict.fromkeys(("video", "videos", "igtv"), PostKind.VIDEO),
    **dict.fromkeys(("story", "stories"), PostKind.STORY),
    **dict.fromkeys(("live", "livestream", "stream"), PostKind.LIVE),
    **dict.fromkeys(
        ("post", "posts", "photo", "photos", "image", "images", "picture", "text", "status"),
        PostKind.POST,
    ),
}


@dataclass(frozen=True)
class RowMessage:
    """Something said about one row of a file: its line, the field concerned, and what happened."""

    line: int
    field: str | None
    reason: str

    def describe(self) -> str:
        return f"Line {self.line}: " + (f"{self.field}: " if self.field else "") + self.reason


class Rejected(RowMessage):
    """A row left out, and why."""


class Note(RowMessage):
    """A row imported on an assumption the creator should know about."""


@dataclass(frozen=True)
class ColumnMapping:
    """Field name → column index, and how the file writes its dates."""

    columns: Mapping[str, int]
    date_format: str | None = None
    unmapped_required: tuple[str, ...] = field(default=())


class FieldProblem(Exception):
    """A cell (or a whole row) that cannot become part of a record; `field` is the field's label."""

    def __init__(self, field: str | None, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def normalise_header(text: str) -> str:
    """'Followers (total)' → 'followers total'; 'Video views' → 'video views'."""
    return " ".join(re.sub(r"[\W_]+", " ", text.lower()).split())


def guess_columns(header: Iterable[str], fields: Iterable[Field]) -> dict[str, int]:
    """Each field's column from the header: an exact synonym first, then a header that starts with one.

    Within each pass a field's more telling synonyms win ("Publish time" over "Date").
    """
    names = [normalise_header(h) for h in header]
    taken: set[int] = set()
    found: dict[str, int] = {}
    fields = tuple(fields)
    for matches in (_exact, _starts_with):
        for wanted in fields:
            if wanted.name in found:
                continue
            index = _column_for(wanted, names, taken, matches)
            if index is not None:
                found[wanted.name] = index
                taken.add(index)
    return found


def missing_required(columns: Mapping[str, int], fields: Iterable[Field]) -> list[Field]:
    return [f for f in fields if f.required and f.name not in columns]


def date_field(columns: Mapping[str, int], fields: Iterable[Field]) -> Field | None:
    """The first date or date-and-time field that has a column."""
    return next(
        (f for f in fields if f.kind in (FieldKind.DATE, FieldKind.DATETIME) and f.name in columns),
        None,
    )


def detect_formats(
    rows: Iterable[CsvRow], columns: Mapping[str, int], fields: Iterable[Field]
) -> str | None:
    """The date format of the first date column, from sample rows."""
    wanted = date_field(columns, fields)
    if wanted is None:
        return None
    return detect_moment_format(row.get(columns[wanted.name]) or "" for row in rows)


def detect_moment_format(samples: Iterable[str]) -> str | None:
    """The format of a column of dates, or of dates with a time ("03/18/2025 09:48").

    A stray cell ("Total", a note) does not hide the format the other cells share.
    """
    values = [v.strip() for v in samples if not is_empty(v) and any(c.isdigit() for c in v)]
    found = _format_of_all(values)
    if found is None and len(values) > 1:
        candidates = sorted({f for v in values if (f := _format_of_all([v]))})
        if candidates:
            best = max(candidates, key=lambda f: sum(_reads(v, f) for v in values))
            found = _format_of_all([v for v in values if _reads(v, best)])
    return found


def date_format_choices(detected: str | None) -> list[str]:
    """The formats to offer for a date column: the detected one first, then the known ones
    (with the detected time of day, if the column has one)."""
    suffix = _time_suffix(detected) if detected else ""
    choices = [f + suffix for f in DATE_FORMATS] + list(_WHOLE_MOMENT_FORMATS)
    if detected is not None and detected not in choices:
        choices.insert(0, detected)
    return choices


def describe_date_format(date_format: str) -> str:
    """How dates in this format look: "03/31/2025", "2025-03-31 18:30", "1743445800 (seconds since 1970)"."""
    hints = {
        ISO: " (ISO 8601)",
        EPOCH_SECONDS: " (seconds since 1970)",
        EPOCH_MILLISECONDS: " (milliseconds since 1970)",
    }
    return example_date(date_format) + hints.get(date_format, "")


def parse_moment(text: str | None, date_format: str) -> datetime | None:
    """A timezone-aware moment in the given format; a zone written in the text ("+0000") is kept."""
    if "%z" not in date_format:
        return parse_datetime(text, date_format)
    if is_empty(text):
        return None
    try:
        return datetime.strptime(text.strip(), date_format)
    except ValueError:
        raise BadValue(f"expected a date like {example_date(date_format)}, got {text!r}") from None


def post_kind(text: str | None) -> PostKind | None:
    """The kind a platform's word means: "IG reel" → reel, "Photo" → post; None if not known."""
    words = normalise_header(text or "").split()
    return next((_KIND_WORDS[w] for w in words if w in _KIND_WORDS), None)


def read_field(
    row: CsvRow, mapping: ColumnMapping, wanted: Field
) -> int | date | datetime | PostKind | str | None:
    """One field of a row as the record will hold it; FieldProblem says what the cell should hold."""
    text = row.get(mapping.columns.get(wanted.name))
    if is_empty(text):
        return None
    try:
        if wanted.kind is FieldKind.COUNT:
            return parse_count(text)
        if wanted.kind in (FieldKind.DATE, FieldKind.DATETIME):
            return _moment(text, wanted, mapping.date_format)
    except BadValue as problem:
        raise FieldProblem(wanted.label, str(problem)) from None
    if wanted.kind is FieldKind.KIND:
        return post_kind(text) or PostKind.POST
    return text.strip()


def convert_snapshots(
    rows: Iterable[CsvRow],
    mapping: ColumnMapping,
    account_id: int,
    today: date,
    source: str = "csv",
) -> Iterator[Snapshot | Rejected]:
    """Each row as a Snapshot, or a Rejected saying which field is wrong and why."""
    for row in rows:
        try:
            yield _snapshot(row, mapping, account_id, today, source)
        except FieldProblem as problem:
            yield Rejected(row.line, problem.field, problem.reason)


def convert_posts(
    rows: Iterable[CsvRow],
    mapping: ColumnMapping,
    account_id: int,
    today: date,
    source: str = "csv",
    followers_since: date | None = None,
) -> Iterator[Post | Rejected | Note]:
    """Each row as a Post (after any Notes about it), or a Rejected saying what is wrong.

    `followers_since` is the account's first snapshot: a post before it is imported, with
    a note that its engagement rate by followers cannot be worked out.
    """
    for row in rows:
        try:
            post = _post(row, mapping, account_id, today, source)
        except FieldProblem as problem:
            yield Rejected(row.line, problem.field, problem.reason)
            continue
        yield from _post_notes(row, mapping, post, followers_since)
        yield post


def _snapshot(
    row: CsvRow, mapping: ColumnMapping, account_id: int, today: date, source: str
) -> Snapshot:
    _check_not_totals(row, mapping, SNAPSHOT_FIELDS[0])
    day = read_field(row, mapping, SNAPSHOT_FIELDS[0])
    if day is None:
        raise FieldProblem("Date", "is empty; every row needs its date.")
    if day > today:
        raise FieldProblem("Date", f"{day.isoformat()} is in the future.")
    counts = {f.name: read_field(row, mapping, f) for f in SNAPSHOT_FIELDS[1:]}
    if counts["followers"] is None:
        raise FieldProblem("Followers", "is empty; every row needs the follower count.")
    return Snapshot(account_id=account_id, date=day, source=source, **counts)


def _post(row: CsvRow, mapping: ColumnMapping, account_id: int, today: date, source: str) -> Post:
    published_field = POST_FIELDS[0]
    _check_not_totals(row, mapping, published_field)
    published = read_field(row, mapping, published_field)
    if published is None:
        raise FieldProblem(
            published_field.label, "is empty; every post needs the time it was published."
        )
    if published.date() > today + _CLOCK_SLACK:
        raise FieldProblem(
            published_field.label, f"{published.date().isoformat()} is in the future."
        )
    values = {f.name: read_field(row, mapping, f) for f in POST_FIELDS[1:]}
    values["kind"] = values["kind"] or PostKind.POST
    return Post(account_id=account_id, published_at=published, source=source, **values)


def _post_notes(
    row: CsvRow, mapping: ColumnMapping, post: Post, followers_since: date | None
) -> Iterator[Note]:
    kind_text = row.get(mapping.columns.get("kind"))
    if not is_empty(kind_text) and post_kind(kind_text) is None:
        yield Note(
            row.line,
            "Kind",
            f"{kind_text.strip()!r} is not a kind the app knows; imported as a post.",
        )
    if followers_since is not None and post.published_at.date() < followers_since:
        yield Note(
            row.line,
            "Published",
            f"{post.published_at.date().isoformat()} is before the account's first daily numbers "
            f"({followers_since.isoformat()}), so its engagement rate by followers shows \u201c—\u201d.",
        )


def _check_not_totals(row: CsvRow, mapping: ColumnMapping, date_column: Field) -> None:
    cells = (row.get(0), row.get(mapping.columns.get(date_column.name)))
    for cell in cells:
        if cell is not None and normalise_header(cell) in _TOTALS:
            raise FieldProblem(
                None,
                f"a totals row ({cell.strip()!r}); left out, as the app adds up the rows itself.",
            )


def _moment(text: str, wanted: Field, date_format: str | None) -> date | datetime | None:
    if date_format is None:
        raise BadValue("no date format could be recognised in this column; choose one")
    moment = parse_moment(text, date_format)
    if moment is None or wanted.kind is FieldKind.DATETIME:
        return moment
    return moment.date()


def _format_of_all(values: Sequence[str]) -> str | None:
    """The one format that reads every value: a date, a standard moment, or a date and a time."""
    if not values:
        return None
    found = detect_date_format(values)
    if found is not None:
        return found
    parts = [_TIME_PART.match(v) for v in values]
    if not all(parts):
        return None
    suffixes = {_suffix_of(part) for part in parts}
    day_format = detect_date_format(part["date"] for part in parts)
    if len(suffixes) != 1 or day_format is None or day_format in _WHOLE_MOMENT_FORMATS:
        return None
    return day_format + suffixes.pop()


def _suffix_of(part: re.Match[str]) -> str:
    """The strptime text for the time after a date: " %H:%M", "T%H:%M:%S", " %I:%M %p", " %H:%M %z"."""
    hours = "%I" if part["ampm"] else "%H"
    suffix = part["sep"] + hours + ":%M" + (":%S" if part["seconds"] else "")
    if part["ampm"]:
        suffix += (" " if part["ampm"].startswith(" ") else "") + "%p"
    zone = part["zone"] or ""
    if zone.strip()[:1] in ("+", "-"):
        zone = (" " if zone.startswith(" ") else "") + "%z"
    return suffix + zone


def _time_suffix(date_format: str) -> str:
    """What a format adds after the date: "%m/%d/%Y %H:%M" → " %H:%M"."""
    prefixes = [f for f in DATE_FORMATS if date_format.startswith(f)]
    return date_format[len(max(prefixes, key=len)) :] if prefixes else ""


def _reads(value: str, date_format: str) -> bool:
    try:
        parse_moment(value, date_format)
    except BadValue:
        return False
    return True


def _column_for(
    wanted: Field, names: list[str], taken: set[int], matches: Callable[[str, str], bool]
) -> int | None:
    for synonym in wanted.synonyms:
        for index, name in enumerate(names):
            if index not in taken and matches(name, synonym):
                return index
    return None


def _exact(name: str, synonym: str) -> bool:
    return name == synonym


def _starts_with(name: str, synonym: str) -> bool:
    # A two-letter word ("id") names too many things to be looked for inside a longer header.
    if len(synonym) < 3:
        return False
    return name.startswith(synonym + " ") or name.endswith(" " + synonym)
