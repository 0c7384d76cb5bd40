"""Generic CSV import: guessing columns, and rows turned into snapshots or clear rejections."""

from datetime import date

import pytest

from companion.core.accounts import Snapshot
from companion.importers.csv_table import CsvRow, read_layout, read_rows
from companion.importers.mapping import (
    SNAPSHOT_FIELDS,
    ColumnMapping,
    Rejected,
    convert_snapshots,
    detect_formats,
    guess_columns,
    missing_required,
)

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Date", "Followers"], {"date": 0, "followers": 1}),
        (["Datum", "Total followers", "Accounts reached"], {"date": 0, "followers": 1, "reach": 2}),
        (["Day", "Subscribers", "Profile visits"], {"date": 0, "followers": 1, "profile_views": 2}),
        (["date", "new followers", "followers"], {"date": 0, "followers": 2}),
        (["Notes", "Mood"], {}),
    ],
)
def test_obvious_headers_are_guessed(header, expected):
    assert guess_columns(header, SNAPSHOT_FIELDS) == expected


def test_required_fields_left_unmapped_are_named():
    assert [f.label for f in missing_required({"date": 0}, SNAPSHOT_FIELDS)] == ["Followers"]


def rows(*cells):
    return [CsvRow(line, tuple(c)) for line, c in enumerate(cells, start=2)]


def test_rows_become_snapshots_or_say_what_is_wrong():
    data = rows(
        ["03/31/2025", "1,234", "12.3K"],
        ["04/01/2025", "-5", ""],
        ["04/02/2025", "lots", ""],
        ["12/31/2027", "1,300", ""],
        ["", "1,300", ""],
        ["04/03/2025", "", ""],
    )
    columns = {"date": 0, "followers": 1, "reach": 2}
    mapping = ColumnMapping(columns, detect_formats(data, columns, SNAPSHOT_FIELDS))
    results = list(convert_snapshots(data, mapping, account_id=7, today=TODAY))

    assert results[0] == Snapshot(7, date(2025, 3, 31), 1234, reach=12_300, source="csv")
    rejected = [r for r in results if isinstance(r, Rejected)]
    assert [r.line for r in rejected] == [3, 4, 5, 6, 7]
    assert rejected[0].describe() == "Line 3: Followers: expected a count of 0 or more, got '-5'"
    assert "expected a whole number" in rejected[1].reason
    assert "in the future" in rejected[2].reason
    assert rejected[3].field == "Date"
    assert rejected[4].field == "Followers"


def test_a_real_file_end_to_end(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("Datum;Follower;Reichweite\n31.03.2025;1.234;\n01.04.2025;1.240;900\n", "utf-8")
    layout = read_layout(path)
    columns = guess_columns(layout.header, SNAPSHOT_FIELDS)
    assert columns == {"date": 0, "followers": 1, "reach": 2}
    mapping = ColumnMapping(columns, detect_formats(read_rows(layout), columns, SNAPSHOT_FIELDS))
    snapshots = list(convert_snapshots(read_rows(layout), mapping, 1, TODAY))
    assert [(s.date.day, s.followers, s.reach) for s in snapshots] == [
        (31, 1234, None),
        (1, 1240, 900),
    ]
