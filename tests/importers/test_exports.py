"""What the platform importers share: counts as platforms write them, descriptions, large files."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.importers.csv_table import CsvRow
from companion.importers.detect import scan
from companion.importers.exports import SURVEY_BYTES, count_cell, text_cell
from companion.importers.mapping import FieldProblem
from tests.benchmarks.import_rows import write_table

TODAY = date(2026, 11, 20)


def cell(text: str) -> CsvRow:
    return CsvRow(7, ("x", text))


@given(st.integers(min_value=0, max_value=10**15))
def test_any_count_in_the_ways_platforms_write_it(number):
    for text in (str(number), f"{number:,}", f"{number}.0", f"{number:,}".replace(",", " ")):
        assert count_cell(cell(text), 1, "Views") == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2K", 1200),
        ("3M", 3_000_000),
        ("", None),
        ("undefined", None),
        ("NAN", None),
        ("--", None),
    ],
)
def test_suffixes_and_the_platforms_words_for_no_number(text, expected):
    assert count_cell(cell(text), 1, "Views") == expected


@pytest.mark.parametrize("text", ["-4", "-1.0", "lots", "12%"])
def test_what_is_not_a_count_names_its_field(text):
    with pytest.raises(FieldProblem) as problem:
        count_cell(cell(text), 1, "Comments")
    assert problem.value.field == "Comments"


def test_a_missing_column_or_cell_is_unknown():
    assert count_cell(cell("5"), None, "Views") is None
    assert count_cell(cell("5"), 9, "Views") is None


@given(st.text())
def test_text_cells_are_stripped_and_placeholders_are_empty(text):
    found = text_cell(cell(text), 1)
    assert found is None or (found == text.strip() and found)


def test_a_large_file_is_described_from_its_start_with_an_estimate(tmp_path):
    path = tmp_path / "Table data.csv"
    write_table(path, 30_000)
    assert path.stat().st_size > SURVEY_BYTES
    with scan([path], TODAY) as found:
        [item] = found.found
    assert not item.survey.exact
    assert "about " in item.describe()
    assert 25_000 < item.survey.rows < 36_000


def test_durations_as_clock_times(tmp_path):
    path = tmp_path / "Table data.csv"
    path.write_text(
        "Content,Video title,Video publish time,Duration,Views\n"
        'abcdefghijk,A short,"Apr 29, 2020",0:00:45,10\n'
        'bcdefghijkl,A long one,"Apr 29, 2020",0:04:52,10\n'
        'cdefghijklm,Broken,"Apr 29, 2020",soon,10\n'
    )
    with scan([path], TODAY) as found:
        [item] = found.found
        results = list(item.export.read(1, TODAY))
    kinds = [getattr(r, "kind", None) for r in results]
    assert [str(k) for k in kinds[:2]] == ["reel", "video"]
    assert (results[2].line, results[2].field) == (4, "Duration")
