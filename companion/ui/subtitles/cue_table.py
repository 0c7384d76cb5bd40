"""The view of the cue table: fixed-height rows for 10,000+ cues, text edited in a box that takes line breaks, Delete deletes."""

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from companion.ui.subtitles.cue_model import CueColumn
from companion.ui.tables import ThemedTable

ROW_PADDING = 10
TEXT_EDITOR_LINES = 3
COLUMN_SAMPLES = {
    CueColumn.NUMBER: "99999",
    CueColumn.START: "00:00:00.000",
    CueColumn.END: "00:00:00.000",
    CueColumn.DURATION: "00.000",
    CueColumn.SPEED: "99.9",
}
CELL_PADDING = 26
_SELECT = QItemSelectionModel.SelectionFlag
MARK_ROOM = 16


class CueTextDelegate(QStyledItemDelegate):
    """Edits a cue's text in a box three lines tall: Enter starts a new line, Tab or a click
    elsewhere keeps the text, Esc leaves it as it was."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        lines = editor.fontMetrics().lineSpacing() * TEXT_EDITOR_LINES + 12
        rect.setHeight(max(rect.height(), lines))
        editor.setGeometry(rect)


class CueTable(ThemedTable):
    """One fixed height for every row, so the view never measures 10,000 of them."""

    delete_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegateForColumn(CueColumn.TEXT, CueTextDelegate(self))
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + ROW_PADDING)
        columns = self.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setStretchLastSection(True)
        columns.setMinimumSectionSize(40)

    def fit_columns(self) -> None:
        """Widths from the font, so times never elide; the text takes the rest."""
        metrics = self.fontMetrics()
        bold = QFont(self.horizontalHeader().font())
        bold.setBold(True)
        titles = QFontMetrics(bold)
        for column, sample in COLUMN_SAMPLES.items():
            width = max(metrics.horizontalAdvance(sample), titles.horizontalAdvance(column.title))
            extra = MARK_ROOM if column is CueColumn.NUMBER else 0
            self.horizontalHeader().resizeSection(column, width + CELL_PADDING + extra)

    def selected(self) -> tuple[list[int], int | None]:
        """The selected rows, top to bottom, and the current row (or the first selected)."""
        chosen = self.selectionModel()
        rows: list[int] = []
        for selected in chosen.selection():
            rows.extend(range(selected.top(), selected.bottom() + 1))
        current = chosen.currentIndex()
        row = current.row() if current.isValid() else (rows[0] if rows else None)
        return sorted(set(rows)), row

    def select_rows(self, rows: list[int]) -> None:
        """Select these rows, the first one current and scrolled to; rows past the end are left out."""
        model = self.model()
        rows = [row for row in rows if 0 <= row < model.rowCount()]
        if not rows:
            return
        selection = QItemSelection()
        last_column = model.columnCount() - 1
        for row in rows:
            selection.select(model.index(row, 0), model.index(row, last_column))
        chosen = self.selectionModel()
        chosen.setCurrentIndex(model.index(rows[0], 0), _SELECT.NoUpdate)
        chosen.select(selection, _SELECT.ClearAndSelect | _SELECT.Rows)
        self.scrollTo(model.index(rows[0], 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        deleting = event.matches(QKeySequence.StandardKey.Delete) or (
            event.key() == Qt.Key.Key_Backspace and not event.modifiers()
        )
        if deleting and not editing:
            self.delete_asked.emit()
        else:
            super().keyPressEvent(event)
