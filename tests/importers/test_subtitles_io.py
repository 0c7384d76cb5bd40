"""Opening and saving subtitle files: the real samples, encodings, line endings and bad input."""

import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.subtitles.cues import Cue, Document, SubtitleError, SubtitleFormat, visible
from companion.exporters.subtitles import save_format, subtitles_text, write_subtitles
from companion.importers import subtitles as importer
from companion.importers.errors import ImportFailed
from companion.importers.subtitles import parse_subtitles, read_subtitles
from tests.benchmarks.subtitles import generated_vtt
from tests.core.subtitles.strategies import notes, text_lines, times, vtt_cues

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "subtitles"
SAMPLE_FILES = sorted(
    path for path in SAMPLES.rglob("*") if path.is_file() and path.suffix != ".md"
)
needs_samples = pytest.mark.skipif(
    not SAMPLE_FILES, reason=f"the real sample files are not there ({SAMPLES})"
)

# The samples that cannot be opened, with the line named and words of the message.
REFUSED = {
    "empty.vtt": (None, "is empty: there are no subtitles in it"),
    "invalid_format.sbv": (1, "does not look like YouTube SBV subtitles"),
    "invalid_format1.srt": (1, "expected a cue number, then a time line"),
    "invalid_format2.srt": (1, "found “some text”"),
    "invalid_format3.srt": (1, "does not look like SubRip subtitles"),
    "invalid_format4.srt": (1, "does not look like SubRip subtitles"),
}
# The samples that open with what could not be read marked: (line, words of the message).
MARKED = {
    "invalid.vtt": [(1, "does not start with WEBVTT")],
    "invalid_timeframe.vtt": [(6, "“00:00:1d.890” is not a time like 00:01:02.500")],
    "invalid_timeframe.sbv": [(7, "“0:00:13.f89” is not a time")],
    "missing_timeframe.vtt": [
        (6, "This text has no time line; it was left out: “Caption text #2”")
    ],
    "missing_timeframe.srt": [(5, "Cue number 2 has no time line")],
    "missing_timeframe.sbv": [(4, "This text has no time line")],
}


def sample_id(path: Path) -> str:
    return path.name


def own_format(document: Document) -> SubtitleFormat:
    """The format a document is saved in to compare it with itself: SBV is saved as SubRip."""
    return SubtitleFormat.VTT if document.format is SubtitleFormat.VTT else SubtitleFormat.SRT


def saved_and_read_back(document: Document, folder: Path, format: SubtitleFormat) -> Document:
    path = folder / f"saved.{format.value}"
    write_subtitles(document, path)
    return read_subtitles(path)


def without_vtt_parts(cues: tuple[Cue, ...]) -> tuple[Cue, ...]:
    return tuple(replace(cue, identifier="", settings="", notes=()) for cue in cues)


@needs_samples
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=sample_id)
def test_every_sample_opens_or_is_refused_naming_its_line(path, tmp_path):
    if path.name in REFUSED:
        line, words = REFUSED[path.name]
        with pytest.raises(ImportFailed, match=words) as refused:
            read_subtitles(path)
        assert refused.value.line == line
        assert refused.value.file == path
        return
    document = read_subtitles(path)
    marked = [(problem.line, problem.message) for problem in document.problems]
    expected = MARKED.get(path.name, [])
    assert [line for line, _ in marked] == [line for line, _ in expected]
    for (_, message), (_, words) in zip(marked, expected, strict=True):
        assert words in message


@needs_samples
@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if p.name not in REFUSED], ids=sample_id)
def test_every_readable_sample_round_trips_in_its_own_format(path, tmp_path):
    document = read_subtitles(path)
    again = saved_and_read_back(document, tmp_path, own_format(document))
    assert again.cues == document.cues
    assert again.problems == ()
    if document.format is SubtitleFormat.VTT:
        assert again.header == document.header
        assert again.preamble == document.preamble
        assert again.trailing_notes == document.trailing_notes


@needs_samples
@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if p.name not in REFUSED], ids=sample_id)
def test_every_readable_sample_converts_keeping_times_and_words(path, tmp_path):
    document = read_subtitles(path)
    other = SubtitleFormat.SRT if document.format is SubtitleFormat.VTT else SubtitleFormat.VTT
    if not document.cues:
        with pytest.raises(SubtitleError, match="a SubRip file needs at least one"):
            saved_and_read_back(document, tmp_path, other)
        return
    converted = saved_and_read_back(document, tmp_path, other)

    def shown(cues):
        return [(cue.start_ms, cue.end_ms, cue.visible_text.split()) for cue in cues]

    assert shown(converted.cues) == shown(document.cues)


@needs_samples
def test_a_vtt_keeps_its_notes_styles_identifiers_and_settings(tmp_path):
    folder = SAMPLE_FILES[0].parent
    comments = read_subtitles(folder / "comments.vtt")
    assert comments.header == "WEBVTT - Translation of that film I like"
    assert comments.preamble[0].startswith("NOTE\nThis translation was done by Kyle")
    assert comments.cues[2].notes == ("NOTE This last line may not translate well.",)
    saved = tmp_path / "comments.vtt"
    write_subtitles(comments, saved)
    text = saved.read_text(encoding="utf-8")
    assert "NOTE This last line may not translate well.\n\n3\n00:02:25.000" in text

    styles = read_subtitles(folder / "styles.vtt")
    assert [block.split("\n")[1] for block in styles.preamble] == ["::cue {", "::cue(b) {"]

    named = read_subtitles(folder / "using_identifiers.vtt")
    assert [cue.identifier for cue in named.cues] == ["", "second caption", "", "4", "", ""]

    netflix = read_subtitles(folder / "netflix_chicas_del_cable.vtt")
    assert len(netflix.cues) == 865
    assert netflix.cues[0].identifier == "1"
    assert netflix.cues[0].settings == "position:50.00%,middle align:middle size:80.00% line:84.67%"
    assert netflix.preamble[0].startswith("NOTE Netflix")

    youtube = read_subtitles(folder / "youtube_dl.vtt")
    assert youtube.header.split("\n")[1:3] == ["Kind: captions", "Language: en"]
    assert youtube.cues[1].text == "yeah\n<c.colorCCCCCC>what</c>"


@needs_samples
def test_sbv_and_srt_samples_keep_their_odd_cues_for_the_checks():
    folder = SAMPLE_FILES[0].parent
    sbv = read_subtitles(folder / "sample.sbv")
    assert (sbv.cues[-1].start_ms, sbv.cues[-1].end_ms) == (17_484, 16_543)
    assert sbv.cues[2].text == "Caption text #3 (line 1)\nCaption text #3 (line 2)"
    empty = read_subtitles(folder / "missing_caption_text.srt")
    assert empty.cues[1] == Cue(7_000, 11_890, "")
    dotted = read_subtitles(folder / "invalid_timeframe.srt")
    assert dotted.cues[1].end_ms == 11_890  # a dot before the milliseconds is read too


TEXT = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nCafé crème, naïve “déjà vu” – 5 €\n"


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("utf-8", False, "UTF-8"),
        ("utf-8-sig", True, "UTF-8"),
        ("utf-16", True, "UTF-16"),
        ("utf-16-be", True, "UTF-16"),
        ("cp1252", False, "Windows-1252"),
    ],
)
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_encodings_and_line_endings_are_found_and_kept_on_request(
    tmp_path, codec, bom, name, ending
):
    data = TEXT.replace("\n", ending).encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "in.vtt"
    path.write_bytes(data)
    document = read_subtitles(path)
    assert document.cues == (Cue(1_000, 2_500, "Café crème, naïve “déjà vu” – 5 €", "1"),)
    assert (document.source.encoding_name, document.source.bom) == (name, bom)
    assert document.source.line_ending == ending
    assert name in document.description

    plain = tmp_path / "plain.vtt"
    write_subtitles(document, plain)
    assert plain.read_bytes() == TEXT.encode("utf-8")

    kept = tmp_path / "kept.vtt"
    write_subtitles(document, kept, keep_encoding=True, keep_line_endings=True)
    assert read_subtitles(kept).source == document.source
    assert kept.read_bytes() == data


def test_a_windows_1252_srt_with_crlf_comes_back_byte_for_byte(tmp_path):
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nÀ bientôt, garçon !\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nÇa coûte 5 € – très cher\r\n"
    path = tmp_path / "old.srt"
    path.write_bytes(text.encode("cp1252"))
    document = read_subtitles(path)
    assert document.source.codec == "cp1252"
    write_subtitles(document, path, keep_encoding=True, keep_line_endings=True)
    assert path.read_bytes() == text.encode("cp1252")


def test_a_character_the_old_encoding_cannot_hold_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "old.srt"
    path.write_bytes("1\n00:00:01,000 --> 00:00:02,000\nCafé crème à la carte\n".encode("cp1252"))
    document = read_subtitles(path)
    edited = document.with_cues([document.cues[0].with_text("Café 😀")])
    before = path.read_bytes()
    with pytest.raises(SubtitleError, match="cannot be saved in Windows-1252: “😀” on line 3"):
        write_subtitles(edited, path, keep_encoding=True)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["old.srt"]


def test_binary_junk_is_refused(tmp_path):
    path = tmp_path / "video.srt"
    path.write_bytes(bytes(range(256)) * 100)
    with pytest.raises(ImportFailed, match=r"not a text file.*expected a subtitle file"):
        read_subtitles(path)


def test_bytes_that_are_not_text_later_on_name_their_line(tmp_path):
    path = tmp_path / "broken.vtt"
    good = "WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\nHello\n\n" * 30_000
    path.write_bytes(good.encode("utf-8") + b"00:00:03.000 --> 00:00:04.000\ncaf\xe9\n")
    with pytest.raises(ImportFailed, match="not valid UTF-8") as refused:
        read_subtitles(path)
    assert refused.value.line == 90_004


def test_a_100_mb_file_is_refused_at_once_naming_its_size(tmp_path):
    path = tmp_path / "huge.vtt"
    with path.open("wb") as stream:
        stream.write(b"WEBVTT\n\n")
        stream.truncate(100 * 1024 * 1024)
    with pytest.raises(ImportFailed, match=r"is 100 MB, too big for subtitles.*Is this the video"):
        read_subtitles(path)


def test_past_the_most_cues_the_line_is_named_and_memory_stays_small(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_CUES", 1_000)
    path = tmp_path / "long.vtt"
    path.write_text("WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\nHello there\n\n" * 600_000)
    assert path.stat().st_size > 25_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed, match="more than 1,000 cues") as refused:
            read_subtitles(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.line == 3 + 1_000 * 3
    assert peak < 8_000_000  # the file is streamed, never read whole


def test_a_file_where_no_cue_can_be_read_is_refused_with_the_first_line(tmp_path):
    path = tmp_path / "bad.vtt"
    path.write_text("WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nHi\n\n00:00:03 --> y\nthere\n")
    with pytest.raises(ImportFailed, match=r"no cue in it can be read\. The time line") as refused:
        read_subtitles(path)
    assert refused.value.line == 3


def test_an_unreadable_file_is_refused(tmp_path):
    with pytest.raises(ImportFailed, match="cannot be read"):
        read_subtitles(tmp_path / "missing.vtt")


def test_the_content_decides_the_format():
    srt_named_vtt = parse_subtitles("1\n00:00:01,000 --> 00:00:02,000\nHi\n", SubtitleFormat.VTT)
    assert srt_named_vtt.format is SubtitleFormat.SRT
    headerless = parse_subtitles("00:00:01.000 --> 00:00:02.000\nHi\n")
    assert headerless.format is SubtitleFormat.VTT
    assert headerless.problems[0].line == 1
    numbered_dots = parse_subtitles("1\n00:00:01.000 --> 00:00:02.000\nHi\n", SubtitleFormat.SRT)
    assert numbered_dots.format is SubtitleFormat.SRT


def test_subrip_as_players_read_it():
    document = parse_subtitles(
        "7\n00:00:01,000 --> 00:00:02,000\nfirst line\n\nafter a blank line\n\n"
        "00:00:03,000 --> 00:00:04,000\nno number\n"
        "12\n00:00:05,000 --> 00:00:06,000\nno blank line before\n",
        SubtitleFormat.SRT,
    )
    assert [cue.text for cue in document.cues] == [
        "first line\nafter a blank line",
        "no number",
        "no blank line before",
    ]
    assert document.problems == ()


def test_a_subrip_number_on_its_own_line_before_its_cue():
    document = parse_subtitles("1\n\n00:00:01,000 --> 00:00:02,000\nHi\n", SubtitleFormat.SRT)
    assert document.cues == (Cue(1_000, 2_000, "Hi"),)
    assert document.problems == ()


def test_webvtt_cues_written_without_blank_lines_between():
    document = parse_subtitles(
        "WEBVTT\nKind: captions\n00:00:01.000 --> 00:00:02.000\none\n"
        "00:00:02.000 --> 00:00:03.000\ntwo\n"
    )
    assert document.header == "WEBVTT\nKind: captions"
    assert [cue.text for cue in document.cues] == ["one", "two"]


def test_trailing_notes_stay_at_the_end():
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\nNOTE the end\n"
    document = parse_subtitles(text)
    assert document.trailing_notes == ("NOTE the end",)
    assert subtitles_text(document, SubtitleFormat.VTT) == text


def test_saving_needs_a_vtt_or_srt_name(tmp_path):
    assert save_format(Path("x.SRT")) is SubtitleFormat.SRT
    for name in ("x.sbv", "x.txt", "x"):
        with pytest.raises(SubtitleError, match=r"saved as .vtt \(WebVTT\) or .srt"):
            save_format(Path(name))
    with pytest.raises(SubtitleError, match="can be read but not written"):
        subtitles_text(Document(), SubtitleFormat.SBV)


def test_a_folder_that_is_not_there_is_a_clear_error(tmp_path):
    with pytest.raises(SubtitleError, match="cannot be written"):
        write_subtitles(Document(), tmp_path / "nowhere" / "x.vtt")


def test_times_before_zero_and_broken_identifiers_are_not_saved():
    with pytest.raises(SubtitleError, match="Cue 1 has a time before 0:00"):
        subtitles_text(Document(cues=(Cue(-5, 10, "a"),)), SubtitleFormat.SRT)
    with pytest.raises(SubtitleError, match="identifier cannot hold"):
        subtitles_text(Document(cues=(Cue(0, 10, "a", "a --> b"),)), SubtitleFormat.VTT)


def test_text_that_would_break_a_cue_is_written_safely():
    cue = Cue(0, 1_000, "before\n\nafter --> arrow")
    text = subtitles_text(Document(cues=(cue,)), SubtitleFormat.VTT)
    again = parse_subtitles(text).cues[0]
    assert visible(again.text) == "before\nafter --> arrow"


def test_webvtt_only_tags_are_dropped_for_subrip():
    cue = Cue(0, 1_000, "<v Roger>Hi</v> <i.loud>there</i> <c.yellow>&amp; you</c><00:00:00.500>")
    text = subtitles_text(Document(cues=(cue,)), SubtitleFormat.SRT)
    assert text.split("\n")[2] == "Hi <i>there</i> & you"


def test_the_benchmark_file_is_what_creators_tools_write():
    document = parse_subtitles(generated_vtt(300))
    assert len(document.cues) == 300
    assert document.problems == ()
    assert document.preamble[0].startswith("STYLE")


headers = st.lists(text_lines.filter(lambda line: not line[0].isspace()), max_size=2).map(
    lambda lines: "\n".join(["WEBVTT", *lines])
)


@given(vtt_cues(), headers, notes, notes)
def test_any_webvtt_document_reads_back_as_written(cues, header, preamble, trailing):
    document = Document(cues, SubtitleFormat.VTT, header, preamble, trailing)
    again = parse_subtitles(subtitles_text(document, SubtitleFormat.VTT))
    if not cues:  # with no cue between them, notes after the header are all one part
        preamble, trailing = preamble + trailing, ()
    assert (again.cues, again.header, again.preamble, again.trailing_notes) == (
        cues,
        header,
        preamble,
        trailing,
    )
    assert again.problems == ()


srt_texts = st.lists(text_lines.filter(lambda line: "<" not in line), max_size=3).map("\n".join)


@given(st.lists(st.builds(Cue, times, times, srt_texts), min_size=1, max_size=15).map(tuple))
def test_any_subrip_document_reads_back_as_written(cues):
    document = Document(cues, SubtitleFormat.SRT)
    again = parse_subtitles(subtitles_text(document, SubtitleFormat.SRT), SubtitleFormat.SRT)
    assert again.cues == cues
    assert again.problems == ()


@given(vtt_cues().filter(bool))
def test_any_webvtt_cues_convert_to_subrip_keeping_times(cues):
    srt = parse_subtitles(subtitles_text(Document(cues), SubtitleFormat.SRT), SubtitleFormat.SRT)
    assert [(c.start_ms, c.end_ms) for c in srt.cues] == [(c.start_ms, c.end_ms) for c in cues]
    assert without_vtt_parts(srt.cues) == srt.cues
