"""The cue model: times as editors show them, what a viewer reads, formats and documents."""

from pathlib import Path

import pytest

from companion.core.subtitles.cues import (
    Cue,
    Document,
    SourceText,
    SubtitleError,
    SubtitleFormat,
    clock,
    visible,
)


@pytest.mark.parametrize(
    ("ms", "shown"),
    [(0, "00:00:00.000"), (62_500, "00:01:02.500"), (100 * 3_600_000 + 7, "100:00:00.007")],
)
def test_clock_shows_times_as_subtitle_files_write_them(ms, shown):
    assert clock(ms) == shown


def test_clock_marks_a_time_before_zero():
    assert clock(-1500) == "-00:00:01.500"


def test_visible_text_drops_tags_and_reads_entities():
    assert visible("<i>Caf&eacute;</i> <c.yellow>&amp; co</c>") == "Café & co"
    assert visible("a < b") == "a < b"


def test_what_a_viewer_reads():
    cue = Cue(1_000, 3_000, "<i>Hello</i> there\nfriend")
    assert cue.lines == ["<i>Hello</i> there", "friend"]
    assert cue.visible_lines == ["Hello there", "friend"]
    assert cue.visible_text == "Hello there\nfriend"
    assert cue.characters == 17
    assert cue.chars_per_second == pytest.approx(8.5)
    assert cue.duration_ms == 2_000


def test_a_cue_never_shown_has_no_reading_speed_to_meet():
    assert Cue(2_000, 2_000, "text").chars_per_second == float("inf")


@pytest.mark.parametrize(("text", "empty"), [("", True), ("<i> </i>", True), ("hi", False)])
def test_empty_means_nothing_visible(text, empty):
    assert Cue(0, 1_000, text).is_empty is empty


def test_edits_return_new_cues():
    cue = Cue(0, 1_000, "a", "intro", "align:start", ("NOTE x",))
    moved = cue.with_times(5, 6).with_text("b")
    assert moved == Cue(5, 6, "b", "intro", "align:start", ("NOTE x",))
    assert cue.start_ms == 0


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("a.vtt", SubtitleFormat.VTT),
        ("b.SRT", SubtitleFormat.SRT),
        ("c.sbv", SubtitleFormat.SBV),
        ("d.txt", None),
        ("e", None),
    ],
)
def test_the_format_a_name_promises(name, found):
    assert SubtitleFormat.from_path(Path(name)) is found


def test_a_document_describes_what_was_found():
    document = Document(
        format=SubtitleFormat.SRT,
        source=SourceText("cp1252", "Windows-1252", False, "\r\n", "Windows-1252, CRLF"),
    )
    assert document.description == "SubRip, Windows-1252, CRLF"
    assert document.with_cues([Cue(0, 1, "a")]).cues == (Cue(0, 1, "a"),)


def test_subtitle_errors_name_the_file():
    error = SubtitleError("cannot be saved.", Path("/x/talk.srt"))
    assert (str(error), error.message) == ("talk.srt: cannot be saved.", "cannot be saved.")
    assert str(SubtitleError("Plain.")) == "Plain."
