"""What the subtitle editor asks the creator: which file, save before closing, restore unsaved edits, and what went wrong.

Each is a plain function, so tests answer them instead of a person.
"""

from enum import StrEnum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from companion import APP_NAME
from companion.core.subtitles.cues import SubtitleFormat
from companion.ui.subtitles.recovery import Recovered

OPEN_FILTER = "Subtitles (*.vtt *.srt *.sbv);;WebVTT (*.vtt);;SubRip (*.srt);;YouTube SBV (*.sbv)"
SAVE_FILTERS = {SubtitleFormat.VTT: "WebVTT (*.vtt)", SubtitleFormat.SRT: "SubRip (*.srt)"}


class Unsaved(StrEnum):
    """The answer to "save the changes?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def choose_subtitle_file(parent: QWidget, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open subtitle file", str(folder), OPEN_FILTER)
    return Path(name) if name else None


def choose_save_path(parent: QWidget, suggested: Path, format: SubtitleFormat) -> Path | None:
    """Where to save as `format`; the file name gets the format's extension if it lacks one."""
    name, _ = QFileDialog.getSaveFileName(
        parent, f"Save as {format.label}", str(suggested), SAVE_FILTERS[format]
    )
    if not name:
        return None
    path = Path(name)
    return (
        path
        if path.suffix.lower() == f".{format.value}"
        else path.with_name(f"{path.name}.{format.value}")
    )


def ask_unsaved(parent: QWidget, name: str) -> Unsaved:
    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_NAME, f"Save the changes to {name}?", parent=parent
    )
    box.setInformativeText("Your edits will be lost if you don't save them.")
    save = box.addButton(QMessageBox.StandardButton.Save)
    discard = box.addButton("Don't save", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is save:
        return Unsaved.SAVE
    return Unsaved.DISCARD if clicked is discard else Unsaved.CANCEL


def ask_restore(parent: QWidget, recovered: Recovered) -> bool:
    """Offer back the edits a crash left unsaved; True to restore them."""
    when = recovered.saved_at.astimezone()
    box = QMessageBox(
        QMessageBox.Icon.Question,
        APP_NAME,
        f"Restore your unsaved edits to {recovered.source.name}?",
        parent=parent,
    )
    box.setInformativeText(
        f"Creator Companion closed on {when.day} {when:%b %Y at %H:%M} before these edits "
        f"({len(recovered.document.cues):,} cues) were saved. Restore them to carry on, or "
        "open the file as it was last saved."
    )
    restore = box.addButton("Restore edits", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Open as saved", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    box.deleteLater()
    return box.clickedButton() is restore


def show_error(parent: QWidget, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, title, parent=parent)
    box.setInformativeText(message)
    box.exec()
    box.deleteLater()
