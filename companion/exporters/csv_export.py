"""Every table of the creator's database as a CSV file (UTF-8, one header row), for spreadsheets."""

import csv
from pathlib import Path

from companion.store.database import Store

_BATCH = 1000


class ExportFailed(Exception):
    """The CSV files could not be written; `message` says where and why, in a creator's words."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


def table_names(store: Store) -> list[str]:
    """The database's own tables, in name order (SQLite's internal tables left out)."""
    rows = store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def export_tables(store: Store, folder: Path) -> list[Path]:
    """Write `<table>.csv` into `folder` for every table, all from one consistent read.

    Empty cells are NULLs. Existing files of the same names are replaced; each file is
    written beside its final name first, so a failure never leaves a half-written CSV.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        store.conn.execute("BEGIN")
        try:
            return [_export_table(store, table, folder) for table in table_names(store)]
        finally:
            store.conn.execute("COMMIT")
    except OSError as error:
        raise ExportFailed(
            f"Could not write the CSV files into {folder}: {error.strerror or error}.", folder
        ) from error


def _export_table(store: Store, table: str, folder: Path) -> Path:
    target = folder / f"{table}.csv"
    partial = target.with_name(target.name + ".partial")
    cursor = store.conn.execute(f'SELECT * FROM "{table}"')
    header = [column[0] for column in cursor.description]
    try:
        with partial.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(header)
            while rows := cursor.fetchmany(_BATCH):
                writer.writerows(rows)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
