"""The subtitle model: a cue (whole milliseconds, text, VTT identifier and settings) and a document of cues."""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

_TAG = re.compile(r"<[^>]*>")
_MS_PER_HOUR = 3_600_000
_MS_PER_MINUTE = 60_000
# A time as typed: [[hours:]minutes:]seconds[.fraction], a comma allowed before the fraction.
_TYPED_TIME = re.compile(r"(?:(?:(\d+):)?(\d+):)?(\d+)(?:[.,](\d{1,3}))?")


class SubtitleError(Exception):
    """A subtitle edit or save that cannot be done as asked; `str()` says why in a creator's words,
    after the name of the file concerned, if any."""

    def __init__(self, message: str, file: Path | None = None) -> None:
        super().__init__(message if file is None else f"{file.name}: {message}")
        self.message = message
        self.file = file


class SubtitleFormat(StrEnum):
    VTT = "vtt"
    SRT = "srt"
    SBV = "sbv"

    @property
    def label(self) -> str:
        """The format's name as people know it."""
        return {"vtt": "WebVTT", "srt": "SubRip", "sbv": "YouTube SBV"}[self.value]

    @classmethod
    def from_path(cls, path: Path) -> "SubtitleFormat | None":
        """The format a file name promises (`.vtt`, `.srt`, `.sbv`), or None for another name."""
        try:
            return cls(path.suffix.lower().lstrip("."))
        except ValueError:
            return None


def clock(ms: int) -> str:
    """A time as subtitle files and editors show it: 00:01:02.500."""
    sign = "-" if ms < 0 else ""
    hours, rest = divmod(abs(ms), _MS_PER_HOUR)
    minutes, rest = divmod(rest, _MS_PER_MINUTE)
    seconds, millis = divmod(rest, 1000)
    return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def parse_clock(text: str) -> int:
    """A time typed as editors show it, in milliseconds: "00:01:02.500", "1:02.5", "62,5" or "62".

    Minutes and seconds past 59 are refused when a larger field is given ("1:75" is a typo,
    not 2:15); SubtitleError says what was expected.
    """
    found = _TYPED_TIME.fullmatch(text.strip())
    hours, minutes, seconds, fraction = found.groups() if found else (None, None, None, None)
    too_big = found and (
        (minutes is not None and int(seconds) > 59) or (hours is not None and int(minutes) > 59)
    )
    if not found or too_big:
        raise SubtitleError(f"“{text.strip()}” is not a time like 00:01:02.500.")
    millis = int((fraction or "0").ljust(3, "0"))
    return ((int(hours or 0) * 60 + int(minutes or 0)) * 60 + int(seconds)) * 1000 + millis


def visible(line: str) -> str:
    """A line of cue text as the viewer reads it: tags such as <i> removed, &amp; shown as &."""
    if "<" in line:
        line = _TAG.sub("", line)
    if "&" in line:
        line = html.unescape(line)
    return line


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle, on screen from `start_ms` to `end_ms`.

    `text` keeps its tags (<i>, <c.yellow>) and its line breaks ("\\n"). `identifier` and
    `settings` (position, alignment) belong to WebVTT; `notes` are the NOTE blocks written just
    before the cue, kept as written so saving a VTT again puts them back in place.
    """

    start_ms: int
    end_ms: int
    text: str
    identifier: str = ""
    settings: str = ""
    notes: tuple[str, ...] = ()

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms

    @property
    def lines(self) -> list[str]:
        """The lines of text as written, tags included; none for an empty cue."""
        return self.text.split("\n") if self.text else []

    @property
    def visible_lines(self) -> list[str]:
        """The lines as the viewer reads them."""
        return [visible(line) for line in self.lines]

    @property
    def visible_text(self) -> str:
        return "\n".join(self.visible_lines)

    @property
    def characters(self) -> int:
        """What the viewer has to read: visible characters and spaces, not the line breaks."""
        return sum(map(len, self.visible_lines))

    @property
    def chars_per_second(self) -> float:
        """Reading speed; infinite for a cue with no time on screen."""
        if self.duration_ms <= 0:
            return float("inf")
        return self.characters * 1000 / self.duration_ms

    @property
    def is_empty(self) -> bool:
        return not any(line.strip() for line in self.visible_lines)

    def with_times(self, start_ms: int, end_ms: int) -> "Cue":
        return replace(self, start_ms=start_ms, end_ms=end_ms)

    def with_text(self, text: str) -> "Cue":
        return replace(self, text=text)


@dataclass(frozen=True, slots=True)
class SourceText:
    """How the file was written, so it can be saved the same way on request."""

    codec: str = "utf-8"
    encoding_name: str = "UTF-8"
    bom: bool = False
    line_ending: str = "\n"
    description: str = "UTF-8, Unix (LF) line endings"


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """Something in the file that could not be read as it was.

    `line` is where it is in the file; `left_out` the text of a block that is not among the cues
    (empty when nothing was left out); `before_cue` the index of the cue that came after it.
    """

    line: int | None
    message: str
    left_out: str = ""
    before_cue: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """A subtitle file's content: the cues, and what a WebVTT file holds around them.

    `header` is the WEBVTT line and its metadata lines as written; `preamble` the NOTE, STYLE
    and REGION blocks before the first cue, in order and as written; `trailing_notes` the NOTE
    blocks after the last cue. `problems` are what could not be read when the file was opened.
    """

    cues: tuple[Cue, ...] = ()
    format: SubtitleFormat = SubtitleFormat.VTT
    header: str = "WEBVTT"
    preamble: tuple[str, ...] = ()
    trailing_notes: tuple[str, ...] = ()
    source: SourceText = SourceText()
    problems: tuple[ReadProblem, ...] = ()

    def with_cues(self, cues: Iterable[Cue]) -> "Document":
        return replace(self, cues=tuple(cues))

    @property
    def description(self) -> str:
        """What was found, e.g. "WebVTT, UTF-8 with BOM, Windows (CRLF) line endings"."""
        return f"{self.format.label}, {self.source.description}"
