"""The list of check findings: a click jumps to the cue, each fix is one click away, and "Fix all safe" applies the safe ones."""

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from companion.core.subtitles.checks import CheckSummary, Finding, Severity, summarize
from companion.ui.subtitles.cue_model import mark_dot
from companion.ui.theme import current_colors, set_role

_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole


class FindingColumn(IntEnum):
    WHERE = 0
    PROBLEM = 1
    FIX = 2


def where_text(finding: Finding) -> str:
    if finding.cue_index is not None:
        return f"Cue {finding.cue_index + 1}"
    return f"Line {finding.line}" if finding.line else "File"


def problem_text(finding: Finding) -> str:
    """The message without the "Cue 13 " it opens with, which the Where column already shows:
    the table has room for what is wrong (the tooltip keeps the whole sentence)."""
    where = where_text(finding) + " "
    message = finding.message
    if finding.cue_index is None or not message.startswith(where):
        return message
    rest = message[len(where) :]
    return rest[:1].upper() + rest[1:]


class FindingsModel(QAbstractTableModel):
    """The findings in cue order; the Fix column reads like a link."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(FindingColumn)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        finding = self.findings[index.row()]
        column = FindingColumn(index.column())
        if role == _DISPLAY:
            if column is FindingColumn.WHERE:
                return where_text(finding)
            if column is FindingColumn.PROBLEM:
                return problem_text(finding)
            return finding.fix.label if finding.fix else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column is FindingColumn.FIX and finding.fix:
                safety = "safe: no words or visible timing change" if finding.fix.safe else ""
                return f"Click to fix: {finding.fix.label}" + (f" ({safety})" if safety else "")
            return finding.message
        if role == Qt.ItemDataRole.DecorationRole and column is FindingColumn.WHERE:
            return mark_dot(finding.severity)
        if role == Qt.ItemDataRole.ForegroundRole and column is FindingColumn.FIX:
            return QColor(current_colors().link)
        if role == Qt.ItemDataRole.FontRole and column is FindingColumn.FIX and finding.fix:
            font = QFont()
            font.setUnderline(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return ("Where", "Problem", "Fix")[section]
        return None

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        self.findings = list(findings)
        self.endResetModel()

    def finding_at(self, row: int) -> Finding:
        return self.findings[row]


class FindingsPanel(QWidget):
    """The findings of the latest check, a summary above them and the fix buttons below."""

    jump_asked = Signal(int)
    """Carries the index of the cue a finding is about."""

    fix_asked = Signal(object)
    """Carries the Finding whose fix to apply."""

    fix_all_safe_asked = Signal()

    settings_asked = Signal()
    """The creator wants to change the limits or which checks run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.summary = CheckSummary(0, 0, 0)
        self.title = QLabel("Checks")
        set_role(self.title, "cardTitle")
        self.settings_button = QPushButton("Settings…")
        self.settings_button.setToolTip("Change the limits the checks use, or switch checks off")
        self.summary_label = QLabel()
        set_role(self.summary_label, "muted")
        self.summary_label.setWordWrap(True)
        self.view = QTreeView()
        self.view.setObjectName("findingList")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(FindingColumn.WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FindingColumn.PROBLEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FindingColumn.FIX, QHeaderView.ResizeMode.ResizeToContents)
        self.fix_button = QPushButton("Fix")
        self.fix_button.setToolTip("Apply the selected finding's fix")
        self.fix_all_button = QPushButton("Fix all safe")
        self.fix_all_button.setToolTip(
            "Sort the cues, re-break long lines, trim overlaps and close small gaps where no "
            "words change and each cue keeps its shortest time on screen"
        )
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.detail_label, 1)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.settings_button)
        layout.addLayout(heading)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.fix_button.clicked.connect(self.fix_selected)
        self.fix_all_button.clicked.connect(self.fix_all_safe_asked)
        self.settings_button.clicked.connect(self.settings_asked)
        self.show_findings([])

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self.model.show_findings(findings)
        self.summary = summarize(findings)
        self.summary_label.setText(self.summary.describe())
        self._update_buttons()

    def fix_selected(self) -> None:
        finding = self.selected()
        if finding is not None and finding.fix is not None:
            self.fix_asked.emit(finding)

    def selected(self) -> Finding | None:
        current = self.view.currentIndex()
        return self.model.finding_at(current.row()) if current.isValid() else None

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _clicked(self, index: QModelIndex) -> None:
        finding = self.model.finding_at(index.row())
        if index.column() == FindingColumn.FIX and finding.fix is not None:
            self.fix_asked.emit(finding)
        elif finding.cue_index is not None:
            self.jump_asked.emit(finding.cue_index)

    def _activated(self, index: QModelIndex) -> None:
        finding = self.model.finding_at(index.row())
        if finding.cue_index is not None:
            self.jump_asked.emit(finding.cue_index)

    def _update_buttons(self) -> None:
        finding = self.selected()
        self.fix_button.setEnabled(finding is not None and finding.fix is not None)
        self.fix_button.setToolTip(finding.fix.label if finding and finding.fix else "")
        self.detail_label.setText(finding.message if finding else "")
        self.fix_all_button.setEnabled(self.summary.safe_fixes > 0)


def worst_marks(findings: Sequence[Finding]) -> dict[int, tuple[Severity, str]]:
    """For each cue with findings, the worst one's severity and every message."""
    marks: dict[int, tuple[Severity, str]] = {}
    for finding in findings:
        index = finding.cue_index
        if index is None:
            continue
        known = marks.get(index)
        if known is None:
            marks[index] = (finding.severity, finding.message)
            continue
        worst = Severity.ERROR if Severity.ERROR in (known[0], finding.severity) else known[0]
        marks[index] = (worst, f"{known[1]}\n{finding.message}")
    return marks
