"""The editor's toolbar: open and save, cue edits, find and replace, timing, and linking to a post."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from companion.core.subtitles.cues import SourceText


class EditorToolbar(QToolBar):
    """The actions only; the editor connects them and says which can be used."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.action_open = self._add("Open…", "Open a .vtt, .srt or .sbv file (Ctrl+O)")
        self.action_save = self._add("Save", "Save (Ctrl+S)")
        save_as = QMenu(self)
        self.action_save_vtt = save_as.addAction("Save as WebVTT (.vtt)…")
        self.action_save_srt = save_as.addAction("Save as SubRip (.srt)…")
        save_as.addSeparator()
        self.action_keep_encoding = save_as.addAction("Keep the file's original encoding")
        self.action_keep_encoding.setCheckable(True)
        self.save_as_button = self._menu_button("Save as", save_as)
        self.addSeparator()
        self.action_insert = self._add("Insert", "Insert an empty cue after the selected one")
        self.action_delete = self._add("Delete", "Delete the selected cues (Delete)")
        self.action_split = self._add("Split", "Split the cue in two where the text cursor is")
        self.action_merge = self._add("Merge", "Merge the selected cue with the next one")
        self.addSeparator()
        self.action_find = self._add(
            "Find && replace", "Find and replace in the cues' text (Ctrl+F)"
        )
        timing = QMenu(self)
        self.action_shift = timing.addAction("Shift by milliseconds…")
        self.action_first_start = timing.addAction("Set the first cue's start…")
        self.action_stretch = timing.addAction("Stretch between two sync points…")
        self.action_frame_rate = timing.addAction("Change frame rate…")
        self.action_snap = timing.addAction("Snap to frames…")
        self.timing_button = self._menu_button("Timing", timing)
        self.addSeparator()
        self.action_link = self._add("Link to post…", "Say which of your posts this file subtitles")

    def show_state(
        self, has_file: bool, selected: int, current: int | None, count: int, can_link: bool
    ) -> None:
        """Only what can be done now is enabled."""
        for action in (self.action_save, self.action_save_vtt, self.action_save_srt):
            action.setEnabled(has_file)
        self.save_as_button.setEnabled(has_file)
        self.action_insert.setEnabled(has_file)
        self.action_delete.setEnabled(selected > 0)
        self.action_split.setEnabled(current is not None)
        self.action_merge.setEnabled(current is not None and current + 1 < count)
        self.action_find.setEnabled(count > 0)
        self.timing_button.setEnabled(count > 0)
        self.action_link.setEnabled(has_file and can_link)

    def show_source(self, source: SourceText) -> None:
        self.action_keep_encoding.setText(f"Keep the original encoding ({source.description})")

    def _add(self, text: str, tip: str) -> QAction:
        action = self.addAction(text)
        action.setToolTip(tip)
        return action

    def _menu_button(self, text: str, menu: QMenu) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addWidget(button)
        return button
