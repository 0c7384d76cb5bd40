"""Writing a Document as WebVTT or SubRip (UTF-8, or the encoding and line endings it came in), and a check report.

A file is written whole or not at all: the text is encoded first, then written to a temporary
file beside the target and moved over it.
"""

import codecs
import html
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from companion.core.subtitles.checks import Finding, summarize
from companion.core.subtitles.cues import Cue, Document, SubtitleError, SubtitleFormat, clock

SAVABLE_FORMATS = (SubtitleFormat.VTT, SubtitleFormat.SRT)

# The tags SubRip players understand; WebVTT's others (<c.yellow>, <v Name>, karaoke times)
# would show as text there.
_SRT_TAGS = ("b", "i", "u")
_TAG = re.compile(r"<(/?)([^>\s.]*)[^>]*>")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def save_format(path: Path) -> SubtitleFormat:
    """The format a file name asks for; SubtitleError unless it is .vtt or .srt."""
    found = SubtitleFormat.from_path(path)
    if found not in SAVABLE_FORMATS:
        what = f"not {path.suffix}" if path.suffix else "and the name needs one of them"
        raise SubtitleError(
            f"Subtitles can be saved as .vtt (WebVTT) or .srt (SubRip), {what}.", path
        )
    return found


def subtitles_text(document: Document, format: SubtitleFormat) -> str:
    """The file's text with "\\n" line endings."""
    if format is SubtitleFormat.VTT:
        return _vtt_text(document)
    if format is SubtitleFormat.SRT:
        return _srt_text(document)
    raise SubtitleError(f"{format.label} files can be read but not written; save as .vtt or .srt.")


def write_subtitles(
    document: Document,
    path: Path,
    format: SubtitleFormat | None = None,
    *,
    keep_encoding: bool = False,
    keep_line_endings: bool = False,
) -> None:
    """Save as `format` (by default the one the file name asks for), in UTF-8 with "\\n"
    line endings unless asked to keep the ones the document was read with."""
    text = subtitles_text(document, format or save_format(path))
    ending = document.source.line_ending if keep_line_endings else "\n"
    if ending in ("\r\n", "\r"):  # "mixed" endings are written as "\n"
        text = text.replace("\n", ending)
    codec = document.source.codec if keep_encoding else "utf-8"
    data = _encode(text, codec, document.source.encoding_name, path)
    if codec == "utf-16-be" and document.source.bom:  # this codec writes no byte-order mark
        data = codecs.BOM_UTF16_BE + data
    _replace_file(path, data)


def check_report(document: Document, findings: Sequence[Finding], name: str) -> str:
    """The findings as text, one a line with the cue number and time, then a summary."""
    count = len(document.cues)
    lines = [f"{name}: {document.description}; {count:,} cue{'' if count == 1 else 's'}."]
    for finding in findings:
        lines.append(
            f"  {_where(finding, document.cues):<28} {finding.severity:<8} {finding.message}"
        )
    lines.append(summarize(findings).describe())
    return "\n".join(lines)


def _vtt_text(document: Document) -> str:
    header = document.header if document.header.startswith("WEBVTT") else "WEBVTT"
    blocks = [header, *document.preamble]
    for number, cue in enumerate(document.cues, 1):
        blocks += cue.notes
        blocks.append(_vtt_cue(cue, number))
    blocks += document.trailing_notes
    return "\n\n".join(blocks) + "\n"


def _vtt_cue(cue: Cue, number: int) -> str:
    timing = f"{_time(cue.start_ms, number)} --> {_time(cue.end_ms, number)}"
    if cue.settings:
        timing += " " + " ".join(cue.settings.split())
    # "-->" in the text would start a new cue; "--&gt;" shows the same.
    lines = [timing, *(line.replace("-->", "--&gt;") for line in cue.lines if line.strip())]
    if cue.identifier:
        if "\n" in cue.identifier or "-->" in cue.identifier:
            raise SubtitleError(f"Cue {number}'s identifier cannot hold a line break or “-->”.")
        lines.insert(0, cue.identifier)
    return "\n".join(lines)


def _srt_text(document: Document) -> str:
    if not document.cues:
        # An empty file is all SubRip could say, and nothing would open it as subtitles.
        raise SubtitleError("There are no cues to save: a SubRip file needs at least one.")
    from_vtt = document.format is SubtitleFormat.VTT
    blocks = []
    for number, cue in enumerate(document.cues, 1):
        timing = f"{_time(cue.start_ms, number)} --> {_time(cue.end_ms, number)}".replace(".", ",")
        lines = [_srt_line(line) if from_vtt else line for line in cue.lines]
        blocks.append("\n".join([str(number), timing, *(line for line in lines if line.strip())]))
    return "\n\n".join(blocks) + "\n"


def _srt_line(line: str) -> str:
    """A WebVTT line for SubRip: bold, italic and underline kept, other tags dropped,
    entities such as &amp; written as the characters they stand for."""
    if "<" in line:
        line = _TAG.sub(_srt_tag, line)
    return html.unescape(line) if "&" in line else line


def _srt_tag(tag: re.Match[str]) -> str:
    closing, name = tag[1], tag[2].lower()
    return f"<{closing}{name}>" if name in _SRT_TAGS else ""


def _time(ms: int, number: int) -> str:
    if ms < 0:
        raise SubtitleError(f"Cue {number} has a time before 0:00 and cannot be saved.")
    return clock(ms)


def _where(finding: Finding, cues: Sequence[Cue]) -> str:
    if finding.cue_index is not None:
        return f"cue {finding.cue_index + 1} at {clock(cues[finding.cue_index].start_ms)}"
    return f"line {finding.line}" if finding.line else "the file"


def _encode(text: str, codec: str, encoding_name: str, path: Path) -> bytes:
    try:
        return text.encode(codec)
    except UnicodeEncodeError as error:
        line = len(_LINE_BREAK.findall(text, 0, error.start)) + 1
        raise SubtitleError(
            f"cannot be saved in {encoding_name}: “{text[error.start]}” on line {line} has no "
            "place in it. Save it as UTF-8 instead.",
            path,
        ) from None


def _replace_file(path: Path, data: bytes) -> None:
    """Write `data` to a new file beside `path`, then move it over `path` in one step."""
    temporary: Path | None = None
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        with tempfile.NamedTemporaryFile(
            "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
        ) as stream:
            temporary = Path(stream.name)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise SubtitleError(f"cannot be written: {error.strerror}.", path) from None
