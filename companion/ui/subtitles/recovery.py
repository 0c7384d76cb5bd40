"""Unsaved subtitle edits kept in a recovery file in the app's data folder, so a crash never loses them.

While a file has unsaved edits, the editor writes them here a moment after each change; saving
or discarding removes the file. When the same subtitle file is opened again and a recovery
file is still there, the app crashed (or was killed) with edits unsaved: they are offered back.
"""

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer

from companion.core.subtitles.cues import Cue, Document, SourceText, SubtitleFormat
from companion.store.location import user_data_folder

log = logging.getLogger(__name__)

RECOVERY_FOLDER = "recovery"
AUTOSAVE_DELAY_MS = 1500
_VERSION = 1


@dataclass(frozen=True, slots=True)
class Recovered:
    """Edits found in a recovery file: the subtitle file they belong to, and when they were kept."""

    source: Path
    saved_at: datetime
    document: Document


def recovery_folder() -> Path:
    return user_data_folder() / RECOVERY_FOLDER


def recovery_path(source: Path) -> Path:
    """One recovery file per subtitle file, named after it so a person can find it."""
    key = hashlib.sha256(str(Path(source).absolute()).encode("utf-8")).hexdigest()[:16]
    return recovery_folder() / f"{Path(source).name}.{key}.json"


def write_recovery(source: Path, document: Document) -> Path:
    """Keep `document` as the unsaved state of `source`: written whole or not at all."""
    path = recovery_path(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "version": _VERSION,
        "source": str(Path(source).absolute()),
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "document": _document_data(document),
    }
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, suffix=".part", delete=False
    ) as stream:
        json.dump(data, stream, ensure_ascii=False)
        temporary = Path(stream.name)
    os.replace(temporary, path)
    return path


def read_recovery(source: Path) -> Recovered | None:
    """The unsaved edits kept for `source`, or None when there are none (or none readable)."""
    path = recovery_path(source)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Recovered(
            Path(data["source"]),
            datetime.fromisoformat(data["saved_at"]),
            _document(data["document"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("recovery file %s cannot be read: %s", path, error)
        return None


def discard_recovery(source: Path) -> None:
    recovery_path(source).unlink(missing_ok=True)


class Autosaver(QObject):
    """Writes the editor's unsaved document to its recovery file a moment after the last change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._pending: tuple[Path, Document] | None = None

    def schedule(self, source: Path, document: Document) -> None:
        self._pending = (source, document)
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def flush(self) -> Path | None:
        """Write now what is waiting; returns the recovery file, if one was written."""
        self._timer.stop()
        pending, self._pending = self._pending, None
        if pending is None:
            return None
        try:
            return write_recovery(*pending)
        except OSError as error:
            log.warning("recovery file for %s not written: %s", pending[0], error)
            return None

    def cancel(self, source: Path | None) -> None:
        """Nothing to keep any more (saved or discarded): forget what waits, remove the file."""
        self._timer.stop()
        self._pending = None
        if source is not None:
            discard_recovery(source)


def _document_data(document: Document) -> dict[str, Any]:
    source = document.source
    return {
        "format": document.format.value,
        "header": document.header,
        "preamble": list(document.preamble),
        "trailing_notes": list(document.trailing_notes),
        "source": [
            source.codec,
            source.encoding_name,
            source.bom,
            source.line_ending,
            source.description,
        ],
        "cues": [
            [cue.start_ms, cue.end_ms, cue.text, cue.identifier, cue.settings, list(cue.notes)]
            for cue in document.cues
        ],
    }


def _document(data: dict[str, Any]) -> Document:
    codec, name, bom, ending, description = data["source"]
    return Document(
        cues=tuple(
            Cue(int(start), int(end), str(text), str(identifier), str(settings), tuple(notes))
            for start, end, text, identifier, settings, notes in data["cues"]
        ),
        format=SubtitleFormat(data["format"]),
        header=str(data["header"]),
        preamble=tuple(data["preamble"]),
        trailing_notes=tuple(data["trailing_notes"]),
        source=SourceText(str(codec), str(name), bool(bom), str(ending), str(description)),
    )
