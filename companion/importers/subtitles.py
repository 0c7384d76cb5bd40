"""Reading subtitle files (.vtt, .srt, .sbv) into a Document, block by block, so every problem names its line.

text_files finds the encoding and line endings and streams the lines; webvtt-py's readers turn
each block into a cue. The content decides the format (the file name breaks ties), so an SRT
saved as .vtt still opens. What bad input does — a creator would rather open what can be opened:

- an empty file, or one that does not start like subtitles (no WEBVTT, cue number or time
  line): ImportFailed at its first line. Binary junk: ImportFailed from text_files.
- a file over MAX_FILE_BYTES (a 100 MB "subtitle" is usually the video itself): ImportFailed at
  once, naming the size. More than MAX_CUES cues: ImportFailed at the line that passes the limit.
  Lines are streamed, so memory follows the cues kept, not the size of the file.
- a WebVTT file without its WEBVTT line: opened, with a problem at its first line (saving adds it).
- a cue whose times cannot be read, or text without a time line: opened without it; the problem
  names the line and keeps the text that was left out. If no cue at all can be read: ImportFailed.
- SubRip text after a blank line inside a cue: joined to that cue, as players show it.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path

from webvtt import vtt
from webvtt.errors import MalformedCaptionError
from webvtt.models import Timestamp
from webvtt.sbv import SBVCueBlock
from webvtt.srt import SRTCueBlock
from webvtt.vtt import WebVTTCueBlock

from companion.core.subtitles.cues import Cue, Document, ReadProblem, SourceText, SubtitleFormat
from companion.importers.errors import ImportFailed
from companion.importers.text_files import read_lines, sniff_encoding

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CUES = 200_000

NumberedLines = Iterable[tuple[int, str]]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SRT_TIME = re.compile(r"\d+:\d{1,2}:\d{1,2}[,.]\d+")
_SBV_TIME = re.compile(r"\d+:\d{1,2}:\d{1,2}\.\d{3}")
_TIME_FIELDS = re.compile(r"[:,.]")
_PREVIEW_CHARS = 60
_EXPECTED = {
    SubtitleFormat.VTT: "WEBVTT on the first line",
    SubtitleFormat.SRT: "a cue number, then a time line such as 00:00:01,000 --> 00:00:04,000",
    SubtitleFormat.SBV: "a time line such as 0:00:01.000,0:00:04.000",
    None: "WEBVTT, a cue number or a time line such as 00:00:01.000 --> 00:00:04.000",
}
_EXAMPLE_TIME = {
    SubtitleFormat.VTT: "00:01:02.500",
    SubtitleFormat.SRT: "00:01:02,500",
    SubtitleFormat.SBV: "0:01:02.500",
}


def read_subtitles(path: Path) -> Document:
    """The subtitles in the file at `path`; ImportFailed (with the line) when it cannot be opened."""
    _check_size(path)
    encoding = sniff_encoding(path, expected="a subtitle file (.vtt, .srt or .sbv)")
    source = SourceText(
        encoding.save_codec, encoding.name, encoding.bom, encoding.line_ending, encoding.describe()
    )
    lines = ((number, line[:-1]) for number, line in read_lines(path, encoding))
    return replace(_parse(lines, SubtitleFormat.from_path(path), path), source=source)


def parse_subtitles(
    text: str, named: SubtitleFormat | None = None, file: Path | None = None
) -> Document:
    """Subtitles from text already decoded (pasted, or made in a test); `named` is the format
    the file name promises, used when the content could be either."""
    text = text.removeprefix("\ufeff")
    return _parse(enumerate(_LINE_BREAK.split(text), 1), named, file)


@dataclass(frozen=True, slots=True)
class _Block:
    """Lines of the file between blank lines; `line` is the number of the first one."""

    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class _DocumentBuilder:
    """Collects cues, blocks and problems as the file is read."""

    def __init__(self, file: Path | None, format: SubtitleFormat) -> None:
        self.file = file
        self.format = format
        self.header = "WEBVTT"
        self.cues: list[Cue] = []
        self.preamble: list[str] = []
        self.notes: list[str] = []
        self.problems: list[ReadProblem] = []
        self.first_reason: tuple[int, str] | None = None
        self.last_block_was_cue = False

    def add_cue(self, start_ms: int, end_ms: int, block: _Block, text: str, **vtt: str) -> None:
        if len(self.cues) >= MAX_CUES:
            raise ImportFailed(
                f"has more than {MAX_CUES:,} cues, far more than one video's subtitles; "
                "is this the right file?",
                self.file,
                block.line,
            )
        notes: tuple[str, ...] = ()
        if self.notes:
            notes, self.notes = tuple(self.notes), []
        self.cues.append(Cue(start_ms, end_ms, text, notes=notes, **vtt))
        self.last_block_was_cue = True

    def add_block(self, block: _Block) -> None:
        """A NOTE, STYLE or REGION block: before the first cue it belongs to the header part,
        after it to the cue that follows."""
        (self.notes if self.cues else self.preamble).append(block.text)
        self.last_block_was_cue = False

    def extend_last_cue(self, block: _Block) -> None:
        last = self.cues[-1]
        self.cues[-1] = last.with_text("\n".join([*last.lines, *block.lines]))

    def leave_out(self, block: _Block, line: int, reason: str) -> None:
        preview = " / ".join(block.lines)
        if len(preview) > _PREVIEW_CHARS:
            preview = preview[: _PREVIEW_CHARS - 1] + "…"
        message = f"{reason}; it was left out: “{preview}”."
        self.problems.append(ReadProblem(line, message, block.text, len(self.cues)))
        self.first_reason = self.first_reason or (line, reason)
        self.last_block_was_cue = False

    def finish(self) -> Document:
        if not self.cues and self.first_reason:
            line, reason = self.first_reason
            raise ImportFailed(f"no cue in it can be read. {reason}.", self.file, line)
        return Document(
            cues=tuple(self.cues),
            format=self.format,
            header=self.header,
            preamble=tuple(self.preamble),
            trailing_notes=tuple(self.notes),
            problems=tuple(self.problems),
        )


def _parse(lines: NumberedLines, named: SubtitleFormat | None, file: Path | None) -> Document:
    lines = iter(lines)
    peeked, content = _first_block(lines)
    if not content:
        raise ImportFailed("is empty: there are no subtitles in it.", file)
    found = _sniff(content, named)
    if found is None:
        first_line, first_text = next((n, text) for n, text in peeked if text.strip())
        what = f"{named.label} subtitles" if named else "subtitles"
        raise ImportFailed(
            f"does not look like {what}: expected {_EXPECTED[named]}, "
            f"found “{first_text.strip()[:_PREVIEW_CHARS]}”.",
            file,
            first_line,
        )
    builder = _DocumentBuilder(file, found)
    every_line = chain(peeked, lines)
    if found is SubtitleFormat.VTT:
        _read_vtt(_vtt_blocks(every_line, content[0].startswith("WEBVTT")), builder)
    elif found is SubtitleFormat.SRT:
        for block in _srt_blocks(every_line):
            _read_srt_block(block, builder)
    else:
        for block in _plain_blocks(every_line):
            _read_sbv_block(block, builder)
    return builder.finish()


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFailed(f"cannot be read: {error.strerror}.", path) from None
    if size > MAX_FILE_BYTES:
        mib = 1024 * 1024
        raise ImportFailed(
            f"is {size / mib:,.0f} MB, too big for subtitles: one video's subtitles are rarely "
            f"over 1 MB, and Creator Companion opens up to {MAX_FILE_BYTES // mib} MB. "
            "Is this the video itself?",
            path,
        )


def _first_block(lines: Iterator[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[str]]:
    """The lines read up to the end of the first block, and that block's text lines. A SubRip
    cue number standing alone is read with the block after it, which holds its times."""
    peeked: list[tuple[int, str]] = []
    content: list[str] = []
    for number, line in lines:
        peeked.append((number, line))
        if line.strip():
            content.append(line)
        elif content and not (len(content) == 1 and content[0].strip().isdigit()):
            break
    return peeked, content


def _sniff(content: list[str], named: SubtitleFormat | None) -> SubtitleFormat | None:
    """The format the first block shows; None when it does not look like subtitles."""
    first = content[0]
    if first.startswith("WEBVTT"):
        return SubtitleFormat.VTT
    if SBVCueBlock.CUE_TIMINGS_PATTERN.match(first):
        return SubtitleFormat.SBV
    timing = next((line for line in content[:2] if "-->" in line), None)
    if timing is None:
        return None
    # WebVTT never writes a comma before the milliseconds; SubRip usually does.
    comma = "," in timing.partition("-->")[0]
    if timing is first:
        return SubtitleFormat.SRT if comma or named is SubtitleFormat.SRT else SubtitleFormat.VTT
    if first.strip().isdigit():
        vtt_named = named is SubtitleFormat.VTT and not comma
        return SubtitleFormat.VTT if vtt_named else SubtitleFormat.SRT
    return None if comma or named is SubtitleFormat.SRT else SubtitleFormat.VTT


def _vtt_blocks(lines: NumberedLines, in_header: bool) -> Iterator[_Block]:
    """WebVTT blocks: they end at an empty line, or where a time line cannot belong to the
    block so far (a cue written right after the header or another cue).

    Lines of spaces cannot start a block: exporters leave them between blocks, and taken as
    the identifier of the cue below they would push its real identifier out.
    """
    block: list[str] = []
    start = 0
    for number, line in lines:
        if not block and line.isspace():
            continue
        if not line or (block and "-->" in line and _cannot_hold_timing(block, in_header)):
            if block:
                yield _Block(start, block)
                block = []
                in_header = False
            if not line:
                continue
        if not block:
            start = number
        block.append(line)
    if block:
        yield _Block(start, block)


def _cannot_hold_timing(block: list[str], in_header: bool) -> bool:
    # A time line is a cue's first line, or its second after an identifier.
    return in_header or len(block) > 1 or "-->" in block[0]


def _read_vtt(blocks: Iterator[_Block], builder: _DocumentBuilder) -> None:
    first = next(blocks)
    if first.lines[0].startswith("WEBVTT"):
        builder.header = first.text
    else:
        builder.problems.append(
            ReadProblem(
                first.line,
                "The file does not start with WEBVTT, so players will refuse it; saving it "
                "from Creator Companion adds that line.",
            )
        )
        blocks = chain([first], blocks)
    for block in blocks:
        _read_vtt_block(block, builder)


def _read_vtt_block(block: _Block, builder: _DocumentBuilder) -> None:
    lines = block.lines
    if WebVTTCueBlock.is_valid(lines):
        _read_vtt_cue(block, builder)
    elif _is_note(lines[0]) or vtt.parse_item(lines, False, bool(builder.cues)) is not None:
        builder.add_block(block)  # a NOTE, or a STYLE or REGION block
    else:
        _leave_out(block, builder)


def _read_vtt_cue(block: _Block, builder: _DocumentBuilder) -> None:
    # webvtt-py's cue block reader, without building its Caption: the settings are kept as
    # written (spaces evened out), and a Caption's two CueSettings objects would double the time.
    cue = WebVTTCueBlock.from_lines(block.lines)
    try:
        start = Timestamp.from_string(cue.start).in_milliseconds()
        end = Timestamp.from_string(cue.end).in_milliseconds()
    except MalformedCaptionError:
        _leave_out(block, builder)
        return
    text = "\n".join(cue.payload)
    settings = " ".join(cue.settings.split())
    builder.add_cue(start, end, block, text, identifier=cue.identifier or "", settings=settings)


def _is_note(line: str) -> bool:
    return line == "NOTE" or line.startswith(("NOTE ", "NOTE\t"))


def _plain_blocks(lines: NumberedLines) -> Iterator[_Block]:
    """Blocks that end at a blank line, or one holding only spaces (SubRip and SBV)."""
    block: list[str] = []
    start = 0
    for number, line in lines:
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield _Block(start, block)
            block = []
    if block:
        yield _Block(start, block)


def _srt_blocks(lines: NumberedLines) -> Iterator[_Block]:
    """SubRip blocks, also split where a cue number and time line follow text without a blank
    line. A block holding only the number of the cue that follows is dropped."""
    waiting: _Block | None = None
    for block in _plain_blocks(lines):
        for part in _split_at_cue_numbers(block):
            if waiting is not None and "-->" not in part.lines[0]:
                yield waiting
            waiting = None
            if len(part.lines) == 1 and part.lines[0].strip().isdigit():
                waiting = part
            else:
                yield part
    if waiting is not None:
        yield waiting


def _split_at_cue_numbers(block: _Block) -> Iterator[_Block]:
    start = 0
    for index in range(1, len(block.lines) - 1):
        if block.lines[index].strip().isdigit() and "-->" in block.lines[index + 1]:
            yield _Block(block.line + start, block.lines[start:index])
            start = index
    yield _Block(block.line + start, block.lines[start:])


def _read_srt_block(block: _Block, builder: _DocumentBuilder) -> None:
    lines = block.lines
    numbered = lines[0].strip().isdigit()
    if "-->" in lines[0]:
        timing = 0
    elif numbered and len(lines) > 1 and "-->" in lines[1]:
        timing = 1
    elif builder.last_block_was_cue and not numbered:
        builder.extend_last_cue(block)
        return
    else:
        _leave_out(block, builder)
        return
    match = SRTCueBlock.CUE_TIMINGS_PATTERN.match(lines[timing])
    if match is None:
        _leave_out(block, builder)
        return
    text = "\n".join(lines[timing + 1 :])
    builder.add_cue(_milliseconds(match[1]), _milliseconds(match[2]), block, text)


def _read_sbv_block(block: _Block, builder: _DocumentBuilder) -> None:
    match = SBVCueBlock.CUE_TIMINGS_PATTERN.match(block.lines[0])
    if match is None:
        _leave_out(block, builder)
        return
    text = "\n".join(block.lines[1:])
    builder.add_cue(_milliseconds(match[1]), _milliseconds(match[2]), block, text)


def _milliseconds(time: str) -> int:
    """An SRT or SBV time in milliseconds; as in most players, the digits after the comma are
    read as milliseconds and a field past its range carries over."""
    hours, minutes, seconds, millis = map(int, _TIME_FIELDS.split(time))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def _leave_out(block: _Block, builder: _DocumentBuilder) -> None:
    """A block that is not a cue: either its time line cannot be read, or it has none."""
    # A time line comes first, or second after a cue number or identifier (not in SBV).
    candidates = block.lines[:1] if builder.format is SubtitleFormat.SBV else block.lines[:2]
    for offset, line in enumerate(candidates):
        times = _time_line_parts(line, builder.format)
        if times:
            found = builder.format
            bad = next((time for time in times if not _is_time(time, found)), line.strip())
            reason = (
                f"The time line “{line.strip()}” cannot be read: “{bad}” is not a time "
                f"like {_EXAMPLE_TIME[builder.format]}"
            )
            builder.leave_out(block, block.line + offset, reason)
            return
    if block.lines[0].strip().isdigit():
        reason = f"Cue number {block.lines[0].strip()} has no time line"
    else:
        reason = "This text has no time line"
    builder.leave_out(block, block.line, reason)


def _time_line_parts(line: str, format: SubtitleFormat) -> list[str]:
    """The two times of what is meant as a time line, or [] for a line that is not one."""
    if format is SubtitleFormat.SBV:
        parts = line.strip().split(",")
        looks_like_times = len(parts) == 2 and all(":" in part for part in parts)
        return [part.strip() for part in parts] if looks_like_times else []
    if "-->" not in line:
        return []
    start, _, rest = line.partition("-->")
    return [start.strip(), (rest.split() or [""])[0]]


def _is_time(time: str, format: SubtitleFormat) -> bool:
    if format is SubtitleFormat.VTT:
        try:
            Timestamp.from_string(time)
        except MalformedCaptionError:
            return False
        return True
    return (_SBV_TIME if format is SubtitleFormat.SBV else _SRT_TIME).fullmatch(time) is not None
