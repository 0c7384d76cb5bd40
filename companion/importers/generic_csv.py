"""The generic CSV import in a few calls: look at a file, guess its columns, preview it, run it in batches."""

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Protocol

from companion.core.accounts import Snapshot
from companion.core.posts import Post, PostKind
from companion.importers.csv_table import CsvLayout, CsvRow, read_layout, read_rows
from companion.importers.mapping import (
    POST_FIELDS,
    SNAPSHOT_FIELDS,
    ColumnMapping,
    Field,
    FieldProblem,
    Note,
    Rejected,
    RowMessage,
    convert_posts,
    convert_snapshots,
    date_field,
    describe_date_format,
    detect_formats,
    guess_columns,
    missing_required,
    read_field,
)
from companion.importers.values import BadValue, is_empty, parse_percent

PREVIEW_ROWS = 20
DETECTION_ROWS = 200
EXACT_COUNT_BYTES = 2 * 1024 * 1024
BATCH_ROWS = 2000
LISTED_MAX = 1000
"""Rejected rows and notes kept to show; beyond this only their number is kept."""

Record = Snapshot | Post
RowResult = Snapshot | Post | Rejected | Note
WriteBatch = Callable[[list[Record]], object]

_DELIMITER_NAMES = {
    ",": "comma-separated",
    ";": "semicolon-separated",
    "\t": "tab-separated",
    "|": "separated by |",
}


class ImportTarget(StrEnum):
    """What the rows of a file are."""

    SNAPSHOTS = "snapshots"
    POSTS = "posts"

    @property
    def label(self) -> str:
        return "Daily numbers (snapshots)" if self is ImportTarget.SNAPSHOTS else "Posts"

    @property
    def fields(self) -> tuple[Field, ...]:
        return SNAPSHOT_FIELDS if self is ImportTarget.SNAPSHOTS else POST_FIELDS


@dataclass(frozen=True)
class FileSample:
    """A file's layout, its first rows, and how many rows it has (counted, or estimated if large)."""

    layout: CsvLayout
    rows: tuple[CsvRow, ...]
    row_count: int
    counted: bool

    @property
    def name(self) -> str:
        return self.layout.path.name

    @property
    def header(self) -> tuple[str, ...]:
        return self.layout.header

    def describe(self, date_format: str | None = None) -> str:
        """ "data.csv: UTF-8, comma-separated, 120 rows, dates like 03/31/2025"."""
        parts = [
            self.layout.encoding.name,
            _DELIMITER_NAMES.get(self.layout.delimiter, f"separated by {self.layout.delimiter!r}"),
            self.rows_phrase(),
        ]
        if date_format is not None:
            parts.append(f"dates like {describe_date_format(date_format)}")
        return f"{self.name}: {', '.join(parts)}"

    def rows_phrase(self) -> str:
        if self.row_count == 0:
            return "no rows"
        count = f"{self.row_count:,} row{'' if self.row_count == 1 else 's'}"
        return count if self.counted else f"about {count}"


@dataclass(frozen=True)
class ImportPlan:
    """Everything a run needs: the file, what its rows are, the columns, and the account they go to."""

    sample: FileSample
    target: ImportTarget
    mapping: ColumnMapping
    today: date
    account_id: int | None = None
    followers_since: date | None = None
    """The account's first snapshot; posts before it get a note."""
    source: str = "csv"

    @property
    def mapped_fields(self) -> list[Field]:
        return [f for f in self.target.fields if f.name in self.mapping.columns]


@dataclass(frozen=True)
class PreviewCell:
    text: str
    problem: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PreviewRow:
    """A row as it will be read: one cell per mapped field, and the reason if it will be left out."""

    line: int
    cells: tuple[PreviewCell, ...]
    rejected: Rejected | None


@dataclass(frozen=True)
class ImportProgress:
    rows_read: int
    rows_expected: int
    rejected: int

    @property
    def fraction(self) -> float:
        """Share of the file done, kept below 1 until the end (the expected count may be an estimate)."""
        if self.rows_expected <= 0:
            return 0.0
        return min(self.rows_read / self.rows_expected, 0.99)


@dataclass
class RowTally:
    """What a run found, row by row; the lists keep the first LISTED_MAX, the totals count all."""

    rows_read: int = 0
    ready: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    rejected_total: int = 0
    notes: list[Note] = field(default_factory=list)
    notes_total: int = 0

    def count(self, result: RowResult) -> None:
        if isinstance(result, Rejected):
            self.rows_read += 1
            self.rejected_total += 1
            if len(self.rejected) < LISTED_MAX:
                self.rejected.append(result)
        elif isinstance(result, Note):
            self.notes_total += 1
            if len(self.notes) < LISTED_MAX:
                self.notes.append(result)
        else:
            self.rows_read += 1
            self.ready += 1

    def progress(self, rows_expected: int) -> ImportProgress:
        return ImportProgress(self.rows_read, rows_expected, self.rejected_total)


class MergeCounts(Protocol):
    """How the rows merged into the record (the store's UpsertCounts)."""

    new: int
    updated: int
    unchanged: int


def read_sample(path: Path) -> FileSample:
    """Encoding, delimiter, header and first rows of a file; ImportFailed if it cannot be a table."""
    layout = read_layout(path)
    rows = tuple(islice(read_rows(layout), DETECTION_ROWS))
    if len(rows) < DETECTION_ROWS:
        return FileSample(layout, rows, len(rows), counted=True)
    if path.stat().st_size <= EXACT_COUNT_BYTES:
        return FileSample(layout, rows, sum(1 for _ in read_rows(layout)), counted=True)
    return FileSample(layout, rows, _estimated_rows(layout, rows), counted=False)


def guess_mapping(sample: FileSample, target: ImportTarget) -> ColumnMapping:
    """The columns whose headers name a field, and the date format of the date column."""
    return with_columns(sample, target, guess_columns(sample.header, target.fields))


def guess_target(sample: FileSample) -> ImportTarget:
    """Posts when the header names a post's fields better than a day's, else daily numbers."""

    def fit(target: ImportTarget) -> tuple[bool, int]:
        columns = guess_columns(sample.header, target.fields)
        return not missing_required(columns, target.fields), len(columns)

    posts, snapshots = fit(ImportTarget.POSTS), fit(ImportTarget.SNAPSHOTS)
    return ImportTarget.POSTS if posts > snapshots else ImportTarget.SNAPSHOTS


def unused_columns_text(plan: ImportPlan) -> str:
    """Which columns stay out of the record, and why a column of percentages does."""
    used = set(plan.mapping.columns.values())
    unused = [i for i, name in enumerate(plan.sample.header) if name and i not in used]
    if not unused:
        return ""
    text = "Not imported: " + ", ".join(plan.sample.header[i] for i in unused) + "."
    if any(_holds_percentages(plan.sample.rows, i) for i in unused):
        text += " Rates such as 12.3% are not stored: the app works them out from your counts."
    return text


def with_columns(
    sample: FileSample, target: ImportTarget, columns: Mapping[str, int]
) -> ColumnMapping:
    """A mapping with the creator's columns, its date format detected afresh from the date column."""
    return ColumnMapping(columns, detect_formats(sample.rows, columns, target.fields))


def plan_problems(plan: ImportPlan) -> list[str]:
    """What stops the plan from running, in the creator's words; empty when it can run."""
    sample, fields = plan.sample, plan.target.fields
    problems = []
    if sample.row_count == 0:
        problems.append(f"{sample.name} has a header line but no rows of data.")
    if not plan.mapping.columns:
        headers = ", ".join(h for h in sample.header if h) or "none"
        problems.append(
            f"None of the columns of {sample.name} ({headers}) look like "
            f"{plan.target.label.lower()}. Choose the columns below, or choose another file."
        )
    missing = missing_required(plan.mapping.columns, fields)
    if missing:
        problems.append(f"Choose the column that holds {_and_join([f.label for f in missing])}.")
    dated = date_field(plan.mapping.columns, fields)
    if dated is not None and plan.mapping.date_format is None and sample.rows:
        problems.append(
            f"No date format reads the {dated.label} column; choose how it writes dates."
        )
    return problems


def preview(plan: ImportPlan) -> list[PreviewRow]:
    """The first rows converted as the import will convert them."""
    fields = plan.mapped_fields
    return [_preview_row(plan, row, fields) for row in plan.sample.rows[:PREVIEW_ROWS]]


def converted(plan: ImportPlan, rows: Iterable[CsvRow] | None = None) -> Iterator[RowResult]:
    """Every row of the file (or the rows given) as a record, a rejection, or notes and a record."""
    rows = read_rows(plan.sample.layout) if rows is None else rows
    account_id = plan.account_id or 0  # no account yet: records for the preview, never written
    if plan.target is ImportTarget.SNAPSHOTS:
        return convert_snapshots(rows, plan.mapping, account_id, plan.today, plan.source)
    return convert_posts(
        rows, plan.mapping, account_id, plan.today, plan.source, plan.followers_since
    )


def run_import(
    plan: ImportPlan, write_batch: WriteBatch
) -> Generator[ImportProgress, None, RowTally]:
    """Read the whole file, hand the good records to `write_batch` in batches, and yield progress
    after each; returns the tally. Closing the generator stops it between batches."""
    if plan.account_id is None:
        raise ValueError("an import needs the account its rows go to")
    return run_records(converted(plan), write_batch, plan.sample.row_count)


def run_records(
    results: Iterable[RowResult], write_batch: WriteBatch, rows_expected: int
) -> Generator[ImportProgress, None, RowTally]:
    """The batching loop of any importer that turns rows into records, rejections and notes
    (a record being anything that is neither a Rejected nor a Note)."""
    tally = RowTally()
    batch: list[Record] = []
    reported = 0
    for result in results:
        tally.count(result)
        if not isinstance(result, RowMessage):
            batch.append(result)
        if tally.rows_read - reported >= BATCH_ROWS:
            _flush(batch, write_batch)
            reported = tally.rows_read
            yield tally.progress(rows_expected)
    _flush(batch, write_batch)
    yield tally.progress(rows_expected)
    return tally


def ready_text(tally: RowTally, counts: MergeCounts) -> str:
    """ "118 rows ready: 100 new, 18 already in your record (12 will be updated). 2 rows rejected (see list)." """
    already = counts.updated + counts.unchanged
    if already and counts.updated:
        known = f", {already:,} already in your record ({counts.updated:,} will be updated)"
    elif already:
        known = f", {already:,} already in your record (nothing in them changes)"
    else:
        known = ""
    sentences = [f"{_rows(tally.ready)} ready: {counts.new:,} new{known}."]
    repeats = tally.ready - counts.new - already
    if repeats > 0:
        sentences.append(
            f"{_rows(repeats)} repeat an earlier row of the file; the last one counts."
        )
    sentences += _issue_sentences(tally)
    return " ".join(sentences)


def done_text(file_name: str, tally: RowTally, counts: MergeCounts) -> str:
    """ "Imported data.csv: 100 new, 12 updated, 6 unchanged; 2 rows rejected." """
    text = f"Imported {file_name}: {counts.new:,} new, {counts.updated:,} updated, {counts.unchanged:,} unchanged"
    if tally.rejected_total:
        text += f"; {_rows(tally.rejected_total)} rejected"
    return text + "."


def nothing_ready_text(tally: RowTally) -> str:
    """Why a run found nothing to import."""
    if tally.rows_read == 0:
        return "The file has no rows of data; nothing to import."
    return f"No row can be imported: all {_rows(tally.rows_read)} were rejected (see list)."


def shown_value(value: int | date | datetime | PostKind | str | None) -> str:
    """A converted value as the preview shows it: 1,234 · 2025-03-31 · 2025-03-31 18:30 · Reel / Short."""
    if value is None:
        return ""
    if isinstance(value, PostKind):
        return value.label
    if isinstance(value, datetime):
        zone = "" if value.utcoffset() in (None, timedelta(0)) else value.strftime(" %z")
        return value.strftime("%Y-%m-%d %H:%M") + zone
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:,}"
    return value


def _preview_row(plan: ImportPlan, row: CsvRow, fields: Sequence[Field]) -> PreviewRow:
    results = list(converted(plan, [row]))
    rejected = next((r for r in results if isinstance(r, Rejected)), None)
    notes = {n.field: n.reason for n in results if isinstance(n, Note)}
    cells = tuple(_preview_cell(plan, row, f, rejected, notes.get(f.label)) for f in fields)
    return PreviewRow(row.line, cells, rejected)


def _preview_cell(
    plan: ImportPlan, row: CsvRow, wanted: Field, rejected: Rejected | None, note: str | None
) -> PreviewCell:
    raw = (row.get(plan.mapping.columns[wanted.name]) or "").strip()
    try:
        text = shown_value(read_field(row, plan.mapping, wanted))
    except FieldProblem as problem:
        return PreviewCell(raw, problem=problem.reason)
    if rejected is not None and rejected.field == wanted.label:
        return PreviewCell(text or raw, problem=rejected.reason)
    return PreviewCell(text, note=note)


def _holds_percentages(rows: Sequence[CsvRow], column: int) -> bool:
    cells = [c.strip() for row in rows if (c := row.get(column)) and not is_empty(c)]
    try:
        return bool(cells) and all(c.endswith("%") and parse_percent(c) is not None for c in cells)
    except BadValue:
        return False


def _issue_sentences(tally: RowTally) -> list[str]:
    sentences = []
    if tally.rejected_total:
        sentences.append(f"{_rows(tally.rejected_total)} rejected (see list).")
    if tally.notes_total:
        plural = "s" if tally.notes_total != 1 else ""
        sentences.append(
            f"{tally.notes_total:,} note{plural} about rows that will be imported (see list)."
        )
    return sentences


def _flush(batch: list[Record], write_batch: WriteBatch) -> None:
    if batch:
        write_batch(list(batch))
        batch.clear()


def _estimated_rows(layout: CsvLayout, rows: Sequence[CsvRow]) -> int:
    """From the size of the first rows: what a progress bar needs, not an exact count."""
    codec = layout.encoding.codec
    bytes_per_char = 4 if "32" in codec else 2 if "16" in codec else 1
    sample_bytes = sum(len(layout.delimiter.join(r.cells)) + 1 for r in rows) * bytes_per_char
    return max(len(rows), round(layout.path.stat().st_size * len(rows) / max(sample_bytes, 1)))


def _rows(count: int) -> str:
    return f"{count:,} row{'' if count == 1 else 's'}"


def _and_join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
