"""Reading CSV exports: header, delimiter, quoted fields, blank lines and line numbers."""

from pathlib import Path

import pytest

from companion.importers.csv_table import read_layout, read_rows
from companion.importers.errors import ImportFailed

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "exports"


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "data.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_header_rows_and_line_numbers(tmp_path):
    path = write(
        tmp_path,
        '\n\nDate,Title,Likes\n2025-01-01,"Lisbon, day 1",12\n\n2025-01-02,"two\nlines",3\n',
    )
    layout = read_layout(path)
    assert layout.header == ("Date", "Title", "Likes")
    assert layout.header_line == 3
    rows = list(read_rows(layout))
    assert [(r.line, r.cells) for r in rows] == [
        (4, ("2025-01-01", "Lisbon, day 1", "12")),
        (6, ("2025-01-02", "two\nlines", "3")),
    ]


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8-sig"), ("\t", "utf-16")])
def test_excel_flavours(tmp_path, delimiter, encoding):
    path = write(
        tmp_path,
        delimiter.join(["Datum", "Follower"]) + "\r\n31.03.2025" + delimiter + "1.234\r\n",
        encoding,
    )
    layout = read_layout(path)
    assert layout.delimiter == delimiter
    assert layout.header == ("Datum", "Follower")
    assert [r.cells for r in read_rows(layout)] == [("31.03.2025", "1.234")]


def test_an_empty_file_is_refused_clearly(tmp_path):
    with pytest.raises(ImportFailed, match="is empty"):
        read_layout(write(tmp_path, "\n\n"))


def test_a_real_youtube_studio_export():
    path = SAMPLES / "youtube" / "studio-table-per-video-a.csv"
    if not path.exists():
        pytest.skip("shared samples are not beside this checkout")
    layout = read_layout(path)
    assert layout.header[0] == "Content"
    assert len(list(read_rows(layout))) > 1
