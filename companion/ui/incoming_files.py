"""Files that reach the window, dropped on it or chosen with File ▸ Import…: which part of the
app takes each one.

Subtitle files go to the Subtitles page; platform exports, export ZIPs and folders go to the
platform import; any other table goes to the generic CSV import with its column mapping.
"""

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QFileDialog, QWidget

from companion.core.subtitles.cues import SubtitleFormat

IMPORT_FILTER = (
    "Exports, tables and subtitles (*.csv *.tsv *.txt *.json *.xlsx *.html *.zip *.vtt *.srt *.sbv)"
    ";;Subtitles (*.vtt *.srt *.sbv);;All files (*)"
)
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})


@dataclass
class IncomingFiles:
    """The paths sorted by the part of the app that takes them, in the order given."""

    subtitles: list[Path] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)
    tables: list[Path] = field(default_factory=list)
    unknown: list[Path] = field(default_factory=list)


def choose_import_files(parent: QWidget | None, start: Path) -> list[Path]:
    """File ▸ Import…: the files the creator picks (none when they cancel)."""
    names, _ = QFileDialog.getOpenFileNames(parent, "Import files", str(start), IMPORT_FILTER)
    return [Path(name) for name in names]


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in a drag (a web link or a text snippet is not one)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def sort_incoming(paths: list[Path]) -> IncomingFiles:
    """Sort paths by who takes them. A CSV the platform importers do not recognise is a table
    for the generic import; a file of a kind nothing reads is listed as unknown."""
    from companion.importers.detect import is_platform_export

    incoming = IncomingFiles()
    for path in paths:
        if path.is_file() and SubtitleFormat.from_path(path) is not None:
            incoming.subtitles.append(path)
        elif is_platform_export(path):
            incoming.exports.append(path)
        elif path.is_file() and path.suffix.lower() in TABLE_SUFFIXES:
            incoming.tables.append(path)
        else:
            incoming.unknown.append(path)
    return incoming
