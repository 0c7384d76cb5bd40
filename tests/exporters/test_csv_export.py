"""CSV export: every table, a header row, UTF-8, NULLs as empty cells, and no half-written files."""

import csv
from pathlib import Path

import pytest

from companion.exporters.csv_export import ExportFailed, export_tables, table_names
from companion.store.database import Store, open_store
from companion.store.records import RECORD_TABLES


@pytest.fixture
def store(db_path: Path):
    with open_store(db_path) as store:
        yield store


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def add_rows(store: Store) -> None:
    with store.transaction():
        store.db["account"].insert_all(
            [
                {"platform": "instagram", "handle": "nina.cooks", "created": "2026-01-01"},
                {
                    "platform": "tiktok",
                    "handle": "nina",
                    "display_name": 'Nina "São" Ferreira, Lisboa\nfood & travel 🍋',
                    "created": "2026-01-02",
                },
            ]
        )


def test_every_table_becomes_a_csv_file(store, tmp_path):
    files = export_tables(store, tmp_path / "out")
    assert [path.name for path in files] == [f"{name}.csv" for name in table_names(store)]
    assert set(RECORD_TABLES) | {"setting"} <= set(table_names(store))
    assert all(path.parent == tmp_path / "out" for path in files)


def test_each_file_has_the_table_columns_as_its_header(store, tmp_path):
    export_tables(store, tmp_path)
    columns = [row[1] for row in store.conn.execute("PRAGMA table_info(account)")]
    assert read_csv(tmp_path / "account.csv") == [columns]


def test_values_round_trip_with_quotes_commas_newlines_and_unicode(store, tmp_path):
    add_rows(store)
    export_tables(store, tmp_path)
    header, first, second = read_csv(tmp_path / "account.csv")
    row = dict(zip(header, second, strict=True))
    assert row["display_name"] == 'Nina "São" Ferreira, Lisboa\nfood & travel 🍋'
    assert dict(zip(header, first, strict=True))["display_name"] == ""
    assert row["id"] == "2"
    assert (tmp_path / "account.csv").read_bytes().decode("utf-8")


def test_an_export_replaces_older_files_and_leaves_no_partial_ones(store, tmp_path):
    (tmp_path / "account.csv").write_text("old", encoding="utf-8")
    add_rows(store)
    export_tables(store, tmp_path)
    assert len(read_csv(tmp_path / "account.csv")) == 3
    assert not list(tmp_path.glob("*.partial"))


def test_a_folder_that_cannot_be_written_says_so(store, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportFailed) as raised:
        export_tables(store, blocker / "out")
    assert str(blocker / "out") in raised.value.message


def test_a_read_only_store_exports_too(db_path, tmp_path):
    with open_store(db_path) as store:
        add_rows(store)
    with open_store(db_path, read_only=True) as store:
        export_tables(store, tmp_path)
    assert len(read_csv(tmp_path / "account.csv")) == 3
