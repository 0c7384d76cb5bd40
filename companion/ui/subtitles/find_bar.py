"""The find and replace bar above the cue table: plain text or a regular expression, one at a time or all at once."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QToolButton, QWidget


class FindBar(QWidget):
    """Asks; the editor finds and replaces (companion.core.subtitles.edits)."""

    find_next_asked = Signal()
    replace_asked = Signal()
    replace_all_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.find_field = QLineEdit()
        self.find_field.setPlaceholderText("Find in the cues' text")
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit()
        self.replace_field.setPlaceholderText("Replace with")
        self.regex_box = QCheckBox("Regular expression")
        self.regex_box.setToolTip(
            r"Python regular expressions; the replacement may use \1 or \g<name>"
        )
        self.case_box = QCheckBox("Match case")
        self.next_button = QPushButton("Find next")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("Replace all")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close the find bar (Esc)")
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.find_field, 2)
        layout.addWidget(self.replace_field, 2)
        layout.addWidget(self.regex_box)
        layout.addWidget(self.case_box)
        layout.addWidget(self.next_button)
        layout.addWidget(self.replace_button)
        layout.addWidget(self.replace_all_button)
        layout.addWidget(self.close_button)
        self.find_field.returnPressed.connect(self.find_next_asked)
        self.replace_field.returnPressed.connect(self.replace_asked)
        self.next_button.clicked.connect(self.find_next_asked)
        self.replace_button.clicked.connect(self.replace_asked)
        self.replace_all_button.clicked.connect(self.replace_all_asked)
        self.close_button.clicked.connect(self.hide)
        self.find_field.textChanged.connect(self._update_buttons)
        self._update_buttons()

    @property
    def what(self) -> str:
        return self.find_field.text()

    @property
    def replacement(self) -> str:
        return self.replace_field.text()

    @property
    def regex(self) -> bool:
        return self.regex_box.isChecked()

    @property
    def match_case(self) -> bool:
        return self.case_box.isChecked()

    def open(self) -> None:
        self.show()
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
        else:
            super().keyPressEvent(event)

    def _update_buttons(self) -> None:
        has_text = bool(self.what)
        for button in (self.next_button, self.replace_button, self.replace_all_button):
            button.setEnabled(has_text)
