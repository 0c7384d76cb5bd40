"""Opening text files in the encodings creators' files really come in."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.importers.errors import ImportFailed
from companion.importers.text_files import detect_encoding, open_text, read_lines, sniff_encoding

TEXT = "Date,Followers,Notes\r\n2025-03-31,1234,Café crème ☕\r\n"


@pytest.mark.parametrize(
    ("data", "codec", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (TEXT.encode("utf-8-sig"), "utf-8-sig", True),
        (TEXT.encode("utf-16"), "utf-16", True),
    ],
)
def test_unicode_files(tmp_path, data, codec, bom):
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    stream, found = open_text(path)
    with stream:
        assert stream.read() == TEXT.replace("\r\n", "\n")
    assert (found.codec, found.bom, found.line_ending) == (codec, bom, "\r\n")


def test_windows_1252_is_read_not_refused(tmp_path):
    path = tmp_path / "old.srt"
    path.write_bytes(
        "1\r\n00:00:01,000 --> 00:00:02,000\r\nCafé à la crème, naïve\r\n".encode("cp1252") * 20
    )
    stream, found = open_text(path)
    with stream:
        assert "Café à la crème, naïve" in stream.read()
    assert found.line_ending == "\r\n"
    assert "UTF-8" not in found.describe()


def test_binary_junk_is_refused_with_the_file_name(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(ImportFailed, match=r"photo\.csv: this is not a text file"):
        open_text(path)


def test_a_bad_byte_later_in_the_file_names_its_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"a,b\n" * 20_000 + b"caf\xe9,1\n")
    found = sniff_encoding(path)
    assert found.codec == "utf-8"
    with pytest.raises(ImportFailed, match="line 20001"):
        for _ in read_lines(path, found):
            pass


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "cp1252"])
def test_lines_are_numbered_across_chunks(tmp_path, monkeypatch, ending, codec):
    monkeypatch.setattr("companion.importers.text_files.CHUNK_BYTES", 7)
    lines = ["Date,Followers", "2025-03-31,1234", "", "Crème,5"]
    path = tmp_path / "f.csv"
    path.write_bytes(ending.join(lines).encode(codec))
    found = sniff_encoding(path)
    assert list(read_lines(path, found)) == [(i + 1, line + "\n") for i, line in enumerate(lines)]


def test_an_empty_file_is_empty_text():
    assert detect_encoding(b"").codec == "utf-8"


PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=300)


@given(PRINTABLE, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_any_unicode_text_round_trips(text, codec):
    found = detect_encoding(text.encode(codec))
    assert text.encode(codec).decode(found.codec) == text
