"""Opening text files whatever their encoding (BOM, UTF-16 from Excel, Windows-1252) and line endings.

Detection looks at the start of the file only, so a 200 MB file is streamed, never read whole.
"""

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from companion.importers.errors import ImportFailed

SAMPLE_BYTES = 64 * 1024
CHUNK_BYTES = 1024 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class TextEncoding:
    """What was found: the codec, whether a byte-order mark came first, the line endings."""

    codec: str
    bom: bool
    line_ending: str
    big_endian: bool = False
    """A UTF-16 file whose byte-order mark says big-endian (read with "utf-16" all the same)."""

    @property
    def save_codec(self) -> str:
        """The codec that writes the file's text back in its own encoding and byte order
        (`bom` says whether a byte-order mark goes first)."""
        return "utf-16-be" if self.big_endian else self.codec

    @property
    def name(self) -> str:
        """The encoding as people know it: "UTF-8", "UTF-16", "Windows-1252"."""
        if self.codec in ("utf-8", "utf-8-sig", "utf_8"):
            return "UTF-8"
        if self.codec.startswith("cp125"):
            return "Windows-" + self.codec[2:]
        return self.codec.upper().replace("_", "-")

    def describe(self) -> str:
        name = self.name
        endings = {"\r\n": "Windows (CRLF)", "\n": "Unix (LF)", "\r": "old Mac (CR)"}
        return (
            f"{name}{' with BOM' if self.bom else ''}, "
            f"{endings.get(self.line_ending, 'mixed')} line endings"
        )


def detect_encoding(
    sample: bytes, file: Path | None = None, expected: str = "a text or CSV file"
) -> TextEncoding:
    """The encoding of a file from its first bytes; ImportFailed, saying what was `expected`,
    if it is not text."""
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            ending = _line_ending(_decode_sample(sample, codec))
            return TextEncoding(codec, True, ending, big_endian=bom == codecs.BOM_UTF16_BE)
    if not sample:
        return TextEncoding("utf-8", False, "\n")
    if _is_utf8(sample):
        return TextEncoding("utf-8", False, _line_ending(sample.decode("utf-8", "ignore")))
    codec = _legacy_codec(sample)
    if codec is None or _looks_binary(sample, codec):
        raise ImportFailed(
            f"this is not a text file (it looks like binary data); expected {expected}.",
            file,
        )
    return TextEncoding(codec, False, _line_ending(_decode_sample(sample, codec)))


def sniff_encoding(path: Path, expected: str = "a text or CSV file") -> TextEncoding:
    """The encoding of the file at `path`, from its first bytes."""
    try:
        with path.open("rb") as raw:
            sample = raw.read(SAMPLE_BYTES)
    except OSError as error:
        raise ImportFailed(f"cannot be read: {error.strerror}.", path) from None
    return detect_encoding(sample, path, expected)


def read_lines(path: Path, encoding: TextEncoding) -> Iterator[tuple[int, str]]:
    """(line number, line ending in "\\n") pairs, streamed in chunks.

    A byte that the encoding cannot read raises ImportFailed naming its line.
    """
    decoder = codecs.getincrementaldecoder(encoding.codec)("strict")
    pending = ""
    number = 0
    with path.open("rb") as raw:
        while True:
            chunk = raw.read(CHUNK_BYTES)
            final = not chunk
            try:
                text = pending + decoder.decode(chunk, final=final)
            except UnicodeDecodeError as error:
                read = pending + chunk[: max(error.start, 0)].decode(encoding.codec, "ignore")
                raise ImportFailed(
                    f"has bytes that are not valid {encoding.name} text; "
                    "save it again as UTF-8 and retry.",
                    path,
                    number + 1 + len(_LINE_BREAK.findall(read)),
                ) from None
            pieces = _LINE_BREAK.split(text)
            pending = pieces.pop()  # an unfinished line, or "" after a final line break
            if not final and text.endswith("\r"):
                pending = pieces.pop() + "\r"  # its "\n" may open the next chunk
            elif final and pending:
                pieces.append(pending)
            for piece in pieces:
                number += 1
                yield number, piece + "\n"
            if final:
                return


def open_text(path: Path) -> tuple[io.TextIOWrapper, TextEncoding]:
    """The whole file opened as text (universal newlines), for small files such as subtitles."""
    encoding = sniff_encoding(path)
    return path.open("r", encoding=encoding.codec, errors="strict", newline=None), encoding


def _legacy_codec(sample: bytes) -> str | None:
    """The single-byte code page of a non-UTF file. Of the code pages that read it equally
    well, Windows-1252 wins: it is what older Western subtitle and CSV files use."""
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        equally_good = (
            abs(match.chaos - best.chaos) < 0.01 and match.coherence >= best.coherence - 0.01
        )
        if equally_good and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return best.encoding


def _is_utf8(sample: bytes) -> bool:
    # A sample may end in the middle of a character: let the incremental decoder forgive that.
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return b"\x00" not in sample


def _looks_binary(sample: bytes, codec: str) -> bool:
    if b"\x00" in sample and "16" not in codec and "32" not in codec:
        return True
    text = _decode_sample(sample, codec)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls > max(8, len(text) // 100)


def _decode_sample(sample: bytes, codec: str) -> str:
    return codecs.getincrementaldecoder(codec)("replace").decode(sample, final=False)


def _line_ending(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    found = [ending for ending, count in (("\r\n", crlf), ("\n", lf), ("\r", cr)) if count]
    if len(found) > 1:
        return "mixed"
    return found[0] if found else "\n"
