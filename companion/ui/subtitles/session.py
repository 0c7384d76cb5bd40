"""One open subtitle file in the editor: where it came from, what it holds around the cues, and whether it has unsaved edits."""

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from companion.core.subtitles.cues import Cue, Document, SubtitleFormat
from companion.ui.subtitles.cue_model import CueTableModel


class EditSession(QObject):
    """The cues live in the model; the session knows the rest of the document and the cues
    as last saved. Unsaved means the cues are not the very tuple last saved or read: undoing
    back to it makes the file unmodified again."""

    cues_changed = Signal(list)
    """After an edit, an undo or a redo: carries the rows to select."""

    modified_changed = Signal(bool)

    def __init__(
        self, path: Path, document: Document, model: CueTableModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.document = document.with_cues(())
        self.model = model
        self.saved_cues = document.cues
        self.closed = False
        model.show_cues(document.cues)

    @property
    def cues(self) -> tuple[Cue, ...]:
        return self.model.cues

    @property
    def modified(self) -> bool:
        return self.cues is not self.saved_cues

    @property
    def format(self) -> SubtitleFormat:
        return self.document.format

    def current_document(self) -> Document:
        """The file as it would be saved now."""
        return self.document.with_cues(self.cues)

    def show_cues(self, cues: tuple[Cue, ...], select: Sequence[int] = ()) -> None:
        """Called by the undo commands: the cues after an edit, an undo or a redo."""
        was_modified = self.modified
        self.model.replace_cues(cues)
        self.cues_changed.emit(list(select))
        if self.modified != was_modified:
            self.modified_changed.emit(self.modified)

    def mark_saved(self, path: Path, format: SubtitleFormat) -> None:
        """Saved as `path`: the cues now are the saved ones; problems found on reading are gone."""
        self.path = path
        self.document = replace(self.document, format=format, problems=())
        self.saved_cues = self.cues
        self.modified_changed.emit(False)

    def close(self) -> None:
        """Another file was opened: undo entries for this one no longer apply."""
        self.closed = True
