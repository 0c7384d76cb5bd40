"""Generic CSV import: which column holds which field, guessed from the header, and rows turned into records.

A row that cannot be read is rejected with its line number, the field and what was
expected; the good rows go on. Nothing here writes: the store does, in one transaction.
"""

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from companion.core.accounts import Snapshot
from companion.importers.csv_table import CsvRow
from companion.importers.values import (
    BadValue,
    detect_date_format,
    is_empty,
    parse_count,
    parse_date,
)


class FieldKind(StrEnum):
    DATE = "date"
    DATETIME = "datetime"
    COUNT = "count"
    TEXT = "text"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: FieldKind
    required: bool = False
    synonyms: tuple[str, ...] = ()


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
    Field(
        "reach",
        "Reach",
        FieldKind.COUNT,
        synonyms=("reach", "accounts reached", "reichweite", "alcance", "portée"),
    ),
    Field(
        "impressions",
        "Impressions",
        FieldKind.COUNT,
        synonyms=("impressions", "impressionen", "impresiones"),
    ),
    Field(
        "profile_views",
        "Profile views",
        FieldKind.COUNT,
        synonyms=("profile views", "profile visits", "visits"),
    ),
)


@dataclass(frozen=True)
class Rejected:
    """A row left out, and why."""

    line: int
    field: str | None
    reason: str

    def describe(self) -> str:
        return f"Line {self.line}: " + (f"{self.field}: " if self.field else "") + self.reason


@dataclass(frozen=True)
class ColumnMapping:
    """Field name → column index, and how the file writes its dates."""

    columns: Mapping[str, int]
    date_format: str | None = None
    unmapped_required: tuple[str, ...] = field(default=())


def normalise_header(text: str) -> str:
    """'Followers (total)' → 'followers total'; 'Video views' → 'video views'."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def guess_columns(header: Iterable[str], fields: Iterable[Field]) -> dict[str, int]:
    """Each field's column from the header: an exact synonym first, then a header that starts with one."""
    names = [normalise_header(h) for h in header]
    taken: set[int] = set()
    found: dict[str, int] = {}
    fields = tuple(fields)
    for matches in (_exact, _starts_with):
        for wanted in fields:
            if wanted.name in found:
                continue
            for index, name in enumerate(names):
                if index not in taken and any(matches(name, s) for s in wanted.synonyms):
                    found[wanted.name] = index
                    taken.add(index)
                    break
    return found


def missing_required(columns: Mapping[str, int], fields: Iterable[Field]) -> list[Field]:
    return [f for f in fields if f.required and f.name not in columns]


def detect_formats(
    rows: Iterable[CsvRow], columns: Mapping[str, int], fields: Iterable[Field]
) -> str | None:
    """The date format of the first date column, from sample rows."""
    date_field = next(
        (f for f in fields if f.kind in (FieldKind.DATE, FieldKind.DATETIME) and f.name in columns),
        None,
    )
    if date_field is None:
        return None
    return detect_date_format(row.get(columns[date_field.name]) or "" for row in rows)


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
        except _FieldProblem as problem:
            yield Rejected(row.line, problem.field, problem.reason)


class _FieldProblem(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def _snapshot(
    row: CsvRow, mapping: ColumnMapping, account_id: int, today: date, source: str
) -> Snapshot:
    columns = mapping.columns
    day = _read(row, columns, SNAPSHOT_FIELDS[0], mapping.date_format)
    if day is None:
        raise _FieldProblem("Date", "is empty; every row needs its date.")
    if day > today:
        raise _FieldProblem("Date", f"{day.isoformat()} is in the future.")
    counts = {f.name: _read(row, columns, f, mapping.date_format) for f in SNAPSHOT_FIELDS[1:]}
    if counts["followers"] is None:
        raise _FieldProblem("Followers", "is empty; every row needs the follower count.")
    return Snapshot(account_id=account_id, date=day, source=source, **counts)


def _read(
    row: CsvRow, columns: Mapping[str, int], wanted: Field, date_format: str | None
) -> int | date | str | None:
    text = row.get(columns.get(wanted.name))
    if is_empty(text):
        return None
    try:
        if wanted.kind is FieldKind.COUNT:
            return parse_count(text)
        if wanted.kind is FieldKind.DATE:
            if date_format is None:
                raise BadValue("no date format could be recognised in this column")
            return parse_date(text, date_format)
    except BadValue as problem:
        raise _FieldProblem(wanted.label, str(problem)) from None
    return text.strip()


def _exact(name: str, synonym: str) -> bool:
    return name == synonym


def _starts_with(name: str, synonym: str) -> bool:
    return name.startswith(synonym + " ") or name.endswith(" " + synonym)
