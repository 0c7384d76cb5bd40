"""Reading a CSV export as a header and numbered rows, streamed, whatever its encoding and delimiter."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from companion.importers.errors import ImportFailed
from companion.importers.text_files import TextEncoding, read_lines, sniff_encoding

DELIMITERS = ",;\t|"
SNIFF_LINES = 50


@dataclass(frozen=True)
class CsvLayout:
    """How a CSV file is written: encoding, delimiter, and where its header is."""

    path: Path
    encoding: TextEncoding
    delimiter: str
    header: tuple[str, ...]
    header_line: int


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int
    """The file line the record starts on, for messages."""
    cells: tuple[str, ...]

    def get(self, column: int | None) -> str | None:
        if column is None or column >= len(self.cells):
            return None
        return self.cells[column]


def read_layout(path: Path) -> CsvLayout:
    """Detect encoding, delimiter and header from the first lines."""
    encoding = sniff_encoding(path)
    sample = [line for _, line in islice(read_lines(path, encoding), SNIFF_LINES)]
    if not any(line.strip() for line in sample):
        raise ImportFailed("is empty; expected a header line and rows of data.", path)
    delimiter = _delimiter("".join(sample))
    for line, cells in _records(path, encoding, delimiter):
        if any(cell.strip() for cell in cells):
            header = tuple(_clean_header(cell) for cell in cells)
            return CsvLayout(path, encoding, delimiter, header, line)
    raise ImportFailed("has no header line.", path)


def read_rows(layout: CsvLayout) -> Iterator[CsvRow]:
    """The records after the header, skipping blank lines."""
    for line, cells in _records(layout.path, layout.encoding, layout.delimiter):
        if line <= layout.header_line or not "".join(cells).strip():
            continue
        yield CsvRow(line, tuple(cells))


def _records(path: Path, encoding: TextEncoding, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each record. The csv module reads the decoded file itself (the
    fast path, a third of a large import's time); `reader.line_num` numbers the lines."""
    start = 1
    with path.open("r", encoding=encoding.codec, errors="strict", newline="") as text:
        reader = csv.reader(text, delimiter=delimiter)
        try:
            for cells in reader:
                yield start, cells
                start = reader.line_num + 1
        except csv.Error as error:
            raise ImportFailed(f"is not valid CSV here ({error}).", path, start) from None
        except UnicodeDecodeError:
            _raise_decode_error(path, encoding)


def _raise_decode_error(path: Path, encoding: TextEncoding) -> None:
    """The decoder reads ahead in blocks: `read_lines` finds the line of the bad byte."""
    for _ in read_lines(path, encoding):
        pass
    raise ImportFailed(f"has bytes that are not valid {encoding.name} text.", path)


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.splitlines()[0].count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _clean_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").split())
