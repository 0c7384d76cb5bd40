"""What every platform importer shares: where a file came from, what it was recognised as, how
its rows become records, and one run over several files.

A format module (`youtube_studio`, `tiktok_studio`, `instagram_dyi`, `x_analytics`,
`meta_business`) looks at a file and answers with an `ExportFile` (recognised: this is what it
holds, and `read` streams its records), an `Unusable` (recognised, or damaged, and why it
cannot be imported), or None (not its format). Nothing here writes: the caller hands
`run_exports` a batch writer inside one store transaction.
"""

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import chain, islice
from pathlib import Path

from companion.core.platforms import Platform
from companion.importers.csv_table import CsvLayout, CsvRow, read_rows
from companion.importers.generic_csv import (
    ImportProgress,
    RowTally,
    WriteBatch,
    run_records,
)
from companion.importers.mapping import FieldProblem, Note, Rejected, normalise_header
from companion.importers.records import PlatformRecord, record_day
from companion.importers.values import EMPTY_CELLS, BadValue, is_empty, parse_count

Result = PlatformRecord | Rejected | Note
Reader = Callable[[int, date], Iterator[Result]]
"""(account id, today) → the file's records, rejections and notes, streamed."""

SURVEY_BYTES = 2 * 1024 * 1024
"""Files up to this size are read whole to describe them; larger ones from their start."""
SURVEY_RESULTS = 2000
_LONGEST_EMPTY = max(len(cell) for cell in EMPTY_CELLS)
UNDEFINED = "undefined"
"""TikTok writes this where it has no number yet."""


@dataclass(frozen=True)
class Source:
    """A file to read: where it is on disk, how to name it, and the day it was made."""

    path: Path
    shown: str
    """"Table data.csv", or "export.zip ▸ Followers_maya/FollowerHistory.csv"."""
    made_on: date
    """The file's date (from the disk or the ZIP): it anchors dates written without a year."""
    folder: str = ""
    """The name of the folder it was in, which some exports use for the handle."""

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True)
class Table:
    """A header and its rows, from a CSV file or a workbook sheet; `rows()` streams them afresh."""

    header: tuple[str, ...]
    rows: Callable[[], Iterator[CsvRow]]


def csv_table(layout: CsvLayout) -> Table:
    return Table(layout.header, partial(read_rows, layout))


@dataclass(frozen=True)
class ExportFile:
    """A recognised export: its platform, what kind of file it is, and how to read it."""

    source: Source
    platform: Platform
    product: str
    """The platform's tool that wrote it: "YouTube Studio", "Meta Business Suite"."""
    kind: str
    """What the rows are: "per-video table", "daily followers", "audience"."""
    read: Reader
    handle: str | None = None
    """The account's handle when the file names it."""
    caveat: str | None = None
    """What the creator should know about these numbers (a lower bound, a guessed year)."""
    gives_followers: bool = False
    """Files that give follower counts are imported first, so that day numbers can join them."""


@dataclass(frozen=True)
class Unusable:
    """A file that will not be imported, and why; `refused` when it is damaged rather than
    simply not an export, or an export that holds nothing the app keeps."""

    source: Source
    reason: str
    refused: bool = False
    known: bool = True
    """False when no importer knows the file (in a folder or ZIP such files are skipped)."""

    def describe(self) -> str:
        return f"{self.source.shown}: {self.reason}"


@dataclass(frozen=True)
class Survey:
    """What reading (the start of) a file found: rows, rejected rows, the days covered."""

    rows: int
    rejected: int
    first: date | None
    last: date | None
    exact: bool


def survey(export: ExportFile, today: date) -> Survey:
    """Read the file as an import would (account 0, nothing written) to describe it; a large file
    only from its start. ImportFailed when the file is damaged."""
    exact = export.source.size <= SURVEY_BYTES
    results = export.read(0, today)
    rows = rejected = 0
    first = last = None
    for result in results if exact else islice(results, SURVEY_RESULTS):
        if isinstance(result, Note):
            continue
        rows += 1
        if isinstance(result, Rejected):
            rejected += 1
            continue
        day = record_day(result)
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
    if not exact:
        rows = max(rows, _estimated_rows(export.source.path, rows))
    return Survey(rows, rejected, first, last, exact)


def describe(export: ExportFile, found: Survey) -> str:
    """ "YouTube Studio, per-video table, 2024-01-01 – 2024-03-31, 91 rows"."""
    parts = [export.product, export.kind]
    if found.first is not None and found.last is not None:
        parts.append(
            found.first.isoformat()
            if found.first == found.last
            else f"{found.first.isoformat()} – {found.last.isoformat()}"
        )
    count = f"{found.rows:,} row{'' if found.rows == 1 else 's'}"
    parts.append(count if found.exact else f"about {count}")
    if found.rejected:
        parts.append(f"{found.rejected:,} of them unreadable")
    return ", ".join(parts)


def run_exports(
    files: Sequence[tuple[ExportFile, int]],
    write_batch: WriteBatch,
    today: date,
    rows_expected: int,
) -> Generator[ImportProgress, None, RowTally]:
    """Import (file, account id) pairs in one run: files that give followers first, then the rest;
    progress after each batch. The caller's transaction makes it all or nothing."""
    ordered = sorted(files, key=lambda pair: not pair[0].gives_followers)
    results = chain.from_iterable(export.read(account, today) for export, account in ordered)
    return run_records(results, write_batch, rows_expected)


# --- helpers for the format modules --------------------------------------------------------


def find_columns(header: Sequence[str], wanted: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Field → column, matching normalised header names exactly ("Video Views" → "video views")."""
    names = [normalise_header(h) for h in header]
    found = {}
    for field, synonyms in wanted.items():
        for synonym in synonyms:
            if synonym in names:
                found[field] = names.index(synonym)
                break
    return found


def has_columns(header: Sequence[str], *required: str) -> bool:
    names = {normalise_header(h) for h in header}
    return all(name in names for name in required)


def count_cells(
    row: CsvRow, columns: Mapping[str, int], labels: Mapping[str, str]
) -> dict[str, int | None]:
    """The counts of a row by field name, each read by `count_cell` from the column found for
    it; `labels` maps a field to the column's name in the file, for messages."""
    return {field: count_cell(row, columns.get(field), label) for field, label in labels.items()}


def count_cell(row: CsvRow, column: int | None, label: str) -> int | None:
    """A count from a cell ("1,234", "1938.0", "1.2K"); empty, "undefined" or absent → None."""
    if column is None or column >= len(row.cells):
        return None
    text = row.cells[column]
    if text.isdigit() and text.isascii():  # the common case, fast
        return int(text)
    if is_empty(text) or text.strip().lower() in (UNDEFINED, "nan"):
        return None
    try:
        return parse_count(text)
    except BadValue as problem:
        try:
            number = float(text.strip())
        except ValueError:
            raise FieldProblem(label, str(problem)) from None
        if number < 0:
            raise FieldProblem(label, f"a count cannot be negative (got {text.strip()})") from None
        return round(number)


def text_cell(row: CsvRow, column: int | None) -> str | None:
    text = row.get(column)
    if text is None:
        return None
    stripped = text.strip()
    if len(stripped) > _LONGEST_EMPTY:  # longer than "none": text, without the set lookup
        return stripped
    return None if is_empty(stripped) else stripped


def converted_rows(
    rows: Iterable[CsvRow], convert: Callable[[CsvRow], Iterable[Result]]
) -> Iterator[Result]:
    """Each row through `convert`; a cell it cannot read rejects the row with its line and field."""
    for row in rows:
        try:
            results = convert(row)
            yield from results if isinstance(results, tuple) else list(results)
        except FieldProblem as problem:
            yield Rejected(row.line, problem.field, problem.reason)
        except BadValue as problem:
            yield Rejected(row.line, None, str(problem))


def check_width(row: CsvRow, width: int) -> None:
    """A row with fewer cells than the header was cut off (or belongs to another file)."""
    if len(row.cells) < width:
        raise FieldProblem(
            None, f"has {len(row.cells)} of the {width} columns; the line looks cut off."
        )


def first_cells(table: Table, column: int, limit: int = 200) -> list[str]:
    """The first cells of a column, to detect how it writes dates."""
    return [row.get(column) or "" for row in islice(table.rows(), limit)]


def column_cells(table: Table, column: int) -> Iterator[str]:
    """Every cell of a column, streamed (a first pass, e.g. to place yearless dates)."""
    return (row.get(column) or "" for row in table.rows())


def _estimated_rows(path: Path, _rows_read: int) -> int:
    with path.open("rb") as raw:
        start = raw.read(64 * 1024)
    lines = max(start.count(b"\n"), 1)
    return round(path.stat().st_size * lines / max(len(start), 1))
