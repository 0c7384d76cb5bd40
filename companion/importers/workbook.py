"""Excel workbooks (.xlsx) as tables, read with openpyxl in read-only mode: rows are streamed
from the file, never loaded whole. Every cell becomes the text a CSV would have held
(TikTok's own workbooks already hold text; numbers and dates written by Excel are turned
back into "1234" and "2025-04-12")."""

import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from companion.importers.csv_table import CsvRow
from companion.importers.errors import ImportFailed
from companion.importers.exports import Table

_HEADER_SEARCH_ROWS = 10
# What a damaged workbook raises, opening it or streaming its rows: the ZIP around it, the
# compressed data inside (damaged, or "encrypted"), or the XML of a sheet.
_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ParseError,
    KeyError,
    ValueError,
    TypeError,
    OSError,
    NotImplementedError,
    RuntimeError,
)


def sheet_tables(path: Path) -> list[tuple[str, Table]]:
    """(sheet name, table) for every sheet with a header; ImportFailed if it is no workbook."""
    tables = []
    for name in sheet_names(path):
        header_at, header = _header(path, name)
        if header:
            tables.append((name, Table(header, lambda n=name, h=header_at: _rows(path, n, h))))
    return tables


def sheet_names(path: Path) -> list[str]:
    """The workbook's sheets, in order; ImportFailed if it is no workbook."""
    with _OpenWorkbook(path) as book:
        return list(book.sheetnames)


def _header(path: Path, sheet: str) -> tuple[int, tuple[str, ...]]:
    with _OpenWorkbook(path) as book:
        rows = book[sheet].iter_rows(max_row=_HEADER_SEARCH_ROWS, values_only=True)
        for number, values in enumerate(_guarded(rows, path), start=1):
            cells = tuple(_text(v).strip() for v in values)
            if any(cells):
                while cells and not cells[-1]:
                    cells = cells[:-1]
                return number, cells
    return 0, ()


def _rows(path: Path, sheet: str, header_at: int) -> Iterator[CsvRow]:
    with _OpenWorkbook(path) as book:
        rows = book[sheet].iter_rows(min_row=header_at + 1, values_only=True)
        for number, values in enumerate(_guarded(rows, path), start=header_at + 1):
            cells = tuple(_text(v) for v in values)
            if any(c.strip() for c in cells):
                yield CsvRow(number, cells)


def _guarded(rows: Iterator[tuple], path: Path) -> Iterator[tuple]:
    """The rows of a sheet; damage found part-way (rows are unpacked as they are read) is
    ImportFailed, naming the file."""
    try:
        yield from rows
    except _DAMAGE as error:
        raise ImportFailed(_damaged(error), path) from None


def _damaged(error: BaseException) -> str:
    return (
        f"is not a readable Excel workbook ({type(error).__name__}); "
        "expected an .xlsx file saved by the platform or by Excel."
    )


class _OpenWorkbook:
    """An openpyxl read-only workbook, closed afterwards (it holds the file open)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> Any:
        import warnings

        import openpyxl  # about 150 ms to import: only when a workbook is read

        # TikTok's workbooks carry no styles; openpyxl warns about it on every open.
        warnings.filterwarnings("ignore", "Workbook contains no default style", UserWarning)

        try:
            self.book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except _DAMAGE as error:
            raise ImportFailed(_damaged(error), self.path) from None
        return self.book

    def __exit__(self, *exc_info: object) -> None:
        self.book.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.isoformat(sep=" ") if value.time() != datetime.min.time() else str(value.date())
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
