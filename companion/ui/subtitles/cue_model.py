"""The cue table: one row per cue (number, start, end, duration, reading speed, text), edited in place with checks.

The model holds the cues as one tuple and never changes them itself: an edit typed into a cell
is checked here, then asked for with `edit_asked`, and the editor makes it an undo command
that hands back new cues through `replace_cues`. Only the rows that changed are repainted, so
a shift of 10,000 cues costs one signal, and typing in one cue repaints one row.
"""

from collections.abc import Mapping, Sequence
from enum import IntEnum
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPixmap

from companion.core.subtitles.checks import Severity
from companion.core.subtitles.cues import Cue, SubtitleError, clock, parse_clock
from companion.core.subtitles.rules import default_rules

LINE_BREAK_SHOWN = "  ⏎  "
"""How a line break reads in the one-line text cell."""
UNKNOWN = "—"
MARK_COLORS = {Severity.ERROR: "#D92D20", Severity.WARNING: "#DC8A06"}
SPEED_TOO_FAST = {False: "#B42318", True: "#FF8A80"}

_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_READ_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_EDIT_FLAGS = _READ_FLAGS | Qt.ItemFlag.ItemIsEditable

Mark = tuple[Severity, str]
"""The worst finding on a cue and what it says."""


class CueColumn(IntEnum):
    NUMBER = 0
    START = 1
    END = 2
    DURATION = 3
    SPEED = 4
    TEXT = 5

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def editable(self) -> bool:
        return self in (CueColumn.START, CueColumn.END, CueColumn.DURATION, CueColumn.TEXT)


_TITLES = {
    CueColumn.NUMBER: "#",
    CueColumn.START: "Start",
    CueColumn.END: "End",
    CueColumn.DURATION: "Duration",
    CueColumn.SPEED: "Chars/s",
    CueColumn.TEXT: "Text",
}
_EXPLANATIONS = {
    CueColumn.DURATION: "How long the cue is on screen, in seconds",
    CueColumn.SPEED: "Reading speed: characters a viewer has to read each second",
}
_COLUMNS = len(CueColumn)


@cache
def mark_dot(severity: Severity) -> QPixmap:
    """A small dot in the severity's colour, for the cue's number and the findings list."""
    side = 10
    dot = QPixmap(side, side)
    dot.fill(QColor(0, 0, 0, 0))
    painter = QPainter(dot)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 0))
    painter.setBrush(QColor(MARK_COLORS[severity]))
    painter.drawEllipse(1, 1, side - 2, side - 2)
    painter.end()
    return dot


def seconds_text(ms: int) -> str:
    """2400 → "2.400"."""
    sign = "-" if ms < 0 else ""
    return f"{sign}{abs(ms) // 1000}.{abs(ms) % 1000:03d}"


def speed_text(cue: Cue) -> str:
    speed = cue.chars_per_second
    return UNKNOWN if speed == float("inf") else f"{speed:.1f}"


def one_line(text: str) -> str:
    return text.replace("\n", LINE_BREAK_SHOWN)


def edited_cue(cue: Cue, column: CueColumn, value: str) -> Cue:
    """The cue with a cell's new value; SubtitleError says why the value cannot be taken."""
    if column is CueColumn.TEXT:
        return cue.with_text(value.replace("\r\n", "\n").replace("\r", "\n"))
    if column is CueColumn.DURATION:
        duration = parse_clock(value)
        if duration <= 0:
            raise SubtitleError("A cue must be on screen for some time: type a duration above 0.")
        return cue.with_times(cue.start_ms, cue.start_ms + duration)
    time = parse_clock(value)
    start, end = (time, cue.end_ms) if column is CueColumn.START else (cue.start_ms, time)
    if end <= start:
        raise SubtitleError(
            f"A cue must end after it starts: this one would start at {clock(start)} "
            f"and end at {clock(end)}."
        )
    return cue.with_times(start, end)


class CueTableModel(QAbstractTableModel):
    """The open file's cues, in file order."""

    edit_asked = Signal(int, object)
    """A cell was edited: the row and the cue as it should now be."""

    edit_refused = Signal(str)
    """A cell's new value could not be taken; the message says why."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cues: tuple[Cue, ...] = ()
        self.marks: dict[int, Mark] = {}
        self.max_speed = default_rules().max_chars_per_second
        self.dark = False

    # --- reading ---

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.cues)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else _COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        row = index.row()
        cue = self.cues[row]
        column = CueColumn(index.column())
        if role == _DISPLAY:
            return self._text(row, cue, column)
        if role == _EDIT:
            return cue.text if column is CueColumn.TEXT else self._text(row, cue, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _TEXT_ALIGNMENT if column is CueColumn.TEXT else _NUMBER_ALIGNMENT
        if role == Qt.ItemDataRole.ForegroundRole and column is CueColumn.SPEED:
            too_fast = cue.chars_per_second > self.max_speed
            return QColor(SPEED_TOO_FAST[self.dark]) if too_fast else None
        if role == Qt.ItemDataRole.DecorationRole and column is CueColumn.NUMBER:
            mark = self.marks.get(row)
            return mark_dot(mark[0]) if mark else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, cue, column)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMNS:
            return None
        column = CueColumn(section)
        if role == _DISPLAY:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return _EXPLANATIONS.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _TEXT_ALIGNMENT if column is CueColumn.TEXT else _NUMBER_ALIGNMENT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _EDIT_FLAGS if CueColumn(index.column()).editable else _READ_FLAGS

    def _text(self, row: int, cue: Cue, column: CueColumn) -> str:
        if column is CueColumn.NUMBER:
            return str(row + 1)
        if column is CueColumn.START:
            return clock(cue.start_ms)
        if column is CueColumn.END:
            return clock(cue.end_ms)
        if column is CueColumn.DURATION:
            return seconds_text(cue.duration_ms)
        if column is CueColumn.SPEED:
            return speed_text(cue)
        return one_line(cue.text)

    def _tooltip(self, row: int, cue: Cue, column: CueColumn) -> str | None:
        if column is CueColumn.NUMBER and row in self.marks:
            return self.marks[row][1]
        if column is CueColumn.TEXT and cue.text:
            return cue.text
        if column is CueColumn.SPEED:
            return f"{cue.characters} characters in {seconds_text(cue.duration_ms)} s"
        return None

    # --- editing a cell ---

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = _EDIT
    ) -> bool:
        if role != _EDIT or not index.isValid():
            return False
        row = index.row()
        cue = self.cues[row]
        try:
            edited = edited_cue(cue, CueColumn(index.column()), str(value))
        except SubtitleError as error:
            self.edit_refused.emit(f"Cue {row + 1} not changed: {error.message}")
            return False
        if edited != cue:
            self.edit_asked.emit(row, edited)
        return True

    # --- showing other cues ---

    def show_cues(self, cues: Sequence[Cue]) -> None:
        """Another file's cues: everything is shown again."""
        self.beginResetModel()
        self.cues = tuple(cues)
        self.marks = {}
        self.endResetModel()

    def replace_cues(self, cues: tuple[Cue, ...]) -> None:
        """The cues after an edit or an undo. Cues that are the very same objects as before
        are left alone; the rows between the first and last change are updated, inserted or
        removed, so the view keeps its selection and scroll position."""
        old = self.cues
        if cues is old:
            return
        first = 0
        shortest = min(len(old), len(cues))
        while first < shortest and old[first] is cues[first]:
            first += 1
        old_end, new_end = len(old), len(cues)
        while old_end > first and new_end > first and old[old_end - 1] is cues[new_end - 1]:
            old_end -= 1
            new_end -= 1
        in_place = min(old_end, new_end) - first
        if new_end > old_end:
            at = first + in_place
            self.beginInsertRows(_NO_PARENT, at, at + new_end - old_end - 1)
            self.cues = cues
            self.endInsertRows()
        elif new_end < old_end:
            at = first + in_place
            self.beginRemoveRows(_NO_PARENT, at, at + old_end - new_end - 1)
            self.cues = cues
            self.endRemoveRows()
        else:
            self.cues = cues
        if in_place:
            self.dataChanged.emit(
                self.index(first, 0), self.index(first + in_place - 1, _COLUMNS - 1)
            )
        renumbered = first + in_place + max(new_end - old_end, 0)
        if len(old) != len(cues) and renumbered < len(cues):
            # The rows after an insert or removal show other numbers.
            self.dataChanged.emit(
                self.index(renumbered, CueColumn.NUMBER),
                self.index(len(cues) - 1, CueColumn.NUMBER),
            )

    def set_marks(self, marks: Mapping[int, Mark]) -> None:
        """Which cues have findings; their number cells show a coloured dot."""
        changed = set(self.marks) ^ set(marks)
        changed |= {row for row in marks if self.marks.get(row) != marks[row]}
        self.marks = dict(marks)
        changed = {row for row in changed if row < len(self.cues)}
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), CueColumn.NUMBER),
                self.index(max(changed), CueColumn.NUMBER),
            )

    def set_max_speed(self, speed: float, dark: bool) -> None:
        self.max_speed = speed
        self.dark = dark
        if self.cues:
            self.dataChanged.emit(
                self.index(0, CueColumn.SPEED), self.index(len(self.cues) - 1, CueColumn.SPEED)
            )
