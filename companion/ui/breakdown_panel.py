"""The Audience page's breakdowns: who follows the account, by country, age, gender and city."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account, day_text
from companion.core.audience import Breakdown, Dimension, bucket_label, latest_by_dimension
from companion.store.audience import breakdowns_of
from companion.ui.audience_commands import remove_audience_breakdown, save_audience_breakdown
from companion.ui.breakdown_dialog import BreakdownDialog
from companion.ui.context import AppContext
from companion.ui.snapshot_commands import audience_signals
from companion.ui.theme import set_role

SHOWN_BUCKETS = 6
"""The largest buckets listed per dimension; the rest are summed as "Other"."""
LATEST = "latest"


class ShareBars(QWidget):
    """Horizontal bars, one per bucket: the name, a bar as long as its share, the percentage."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[tuple[str, float]]) -> None:
        self.rows = rows
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        return QSize(220, self._row_height() * max(1, len(self.rows)))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        track = QColor(text_colour)
        track.setAlphaF(0.08)
        width = self.width()
        label_width = int(width * 0.42)
        percent_width = metrics.horizontalAdvance("100.0%") + 4
        bar_left = label_width + 8
        bar_width = max(10, width - bar_left - percent_width - 8)
        largest = max((share for _, share in self.rows), default=0.0) or 1.0
        row_height = self._row_height()
        bar_height = max(6, row_height // 3)
        for index, (label, share) in enumerate(self.rows):
            top = index * row_height
            painter.setPen(text_colour)
            text_rect = QRectF(0, top, label_width, row_height)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(
                text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
            )
            bar_top = top + (row_height - bar_height) / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(bar_left, bar_top, bar_width, bar_height), 3, 3)
            painter.setBrush(bar_colour)
            filled = max(2.0, bar_width * share / largest) if share > 0 else 0.0
            painter.drawRoundedRect(QRectF(bar_left, bar_top, filled, bar_height), 3, 3)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(width - percent_width, top, percent_width, row_height),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                f"{share:.1%}",
            )
        painter.end()


class DimensionColumn(QWidget):
    """One dimension's latest shares, with its date and a menu to edit or remove it."""

    edit_requested = Signal(object)
    """The Breakdown shown."""
    remove_requested = Signal(object)

    def __init__(self, dimension: Dimension, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dimension = dimension
        self.breakdown: Breakdown | None = None
        self.title = QLabel(dimension.label)
        set_role(self.title, "cardTitle")
        self.caption = QLabel()
        set_role(self.caption, "cardCaption")
        self.menu_button = QToolButton()
        self.menu_button.setText("⋯")
        self.menu_button.setAutoRaise(True)
        self.menu_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.menu_button.setToolTip(f"Edit or remove these {dimension.label.lower()}")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        self.edit_action = menu.addAction("Edit…", self._edit)
        self.remove_action = menu.addAction("Remove", self._remove)
        self.menu_button.setMenu(menu)
        self.bars = ShareBars()
        self.empty_label = QLabel("Not entered yet.")
        set_role(self.empty_label, "muted")
        heading = QHBoxLayout()
        heading.setSpacing(6)
        heading.addWidget(self.title)
        heading.addWidget(self.caption)
        heading.addStretch(1)
        heading.addWidget(self.menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.bars)
        layout.addWidget(self.empty_label)
        layout.addStretch(1)
        self.show_breakdown(None, editable=False)

    def show_breakdown(self, breakdown: Breakdown | None, *, editable: bool) -> None:
        self.breakdown = breakdown
        self.menu_button.setVisible(breakdown is not None and editable)
        self.empty_label.setVisible(breakdown is None)
        self.bars.setVisible(breakdown is not None)
        if breakdown is None:
            self.caption.clear()
            self.bars.set_rows([])
            return
        self.caption.setText(day_text(breakdown.read_on))
        self.bars.set_rows(shown_rows(breakdown))

    def _edit(self) -> None:
        if self.breakdown is not None:
            self.edit_requested.emit(self.breakdown)

    def _remove(self) -> None:
        if self.breakdown is not None:
            self.remove_requested.emit(self.breakdown)


def shown_rows(breakdown: Breakdown) -> list[tuple[str, float]]:
    """The largest buckets by name, and the rest (unlisted included) as one "Other" row."""
    shown = breakdown.shares[: max(SHOWN_BUCKETS, len(breakdown.dimension.fixed_buckets))]
    rows = [(bucket_label(breakdown.dimension, share.bucket), share.share) for share in shown]
    other = sum(share.share for share in breakdown.shares[len(shown) :]) + breakdown.unlisted
    if other >= 0.0005:
        rows.append(("Not listed" if breakdown.dimension.fixed_buckets else "Other", other))
    return rows


class BreakdownPanel(QWidget):
    """Every dimension of one account's audience, as read on a chosen date (the latest by default).

    Entering, editing and removing a breakdown are undoable edits of the record.
    """

    enter_requested = Signal(object, object)
    """A Dimension and a date to open the dialog on (both None for a new breakdown)."""
    remove_requested = Signal(object)
    """The Breakdown to remove."""

    def __init__(
        self, context: AppContext, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today
        self.account: Account | None = None
        self.breakdowns: list[Breakdown] = []
        self.editable = True
        self.date_combo = QComboBox()
        self.date_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.enter_button = QPushButton("Enter breakdown…")
        self.enter_button.clicked.connect(lambda: self.enter_requested.emit(None, None))
        self.explanation = QLabel(
            "Shares of your followers by country, age, gender and city, as your platform's "
            "insights show them. They judge how well your audience fits the brands you pitch."
        )
        set_role(self.explanation, "muted")
        self.explanation.setWordWrap(True)
        self.columns = {dimension: DimensionColumn(dimension) for dimension in Dimension}
        for column in self.columns.values():
            column.edit_requested.connect(
                lambda breakdown: self.enter_requested.emit(breakdown.dimension, breakdown.read_on)
            )
            column.remove_requested.connect(self.remove_requested)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("Shown"))
        heading.addWidget(self.date_combo)
        heading.addStretch(1)
        heading.addWidget(self.enter_button)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(16)
        for index, column in enumerate(self.columns.values()):
            grid.addWidget(column, 0, index)
            grid.setColumnStretch(index, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self.explanation)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.date_combo.currentIndexChanged.connect(self._show_chosen)
        self.enter_requested.connect(self.enter_breakdown)
        self.remove_requested.connect(self.remove_breakdown)
        audience_signals(context).breakdowns_changed.connect(self._on_breakdowns_changed)

    def show_account(self, account: Account | None) -> None:
        self.account = account
        breakdowns = breakdowns_of(self.context.store, account.id) if account else []
        self.set_breakdowns(breakdowns, editable=account is not None and not self.context.read_only)

    def _on_breakdowns_changed(self, account_id: int) -> None:
        if self.account is not None and account_id == self.account.id:
            self.show_account(self.account)

    def enter_breakdown(
        self, dimension: Dimension | None = None, read_on: date | None = None
    ) -> BreakdownDialog | None:
        """Open the dialog (on a kept breakdown, to edit it); the edit is made on Save."""
        if self.account is None or not self.editable:
            return None
        dimension = dimension or self._first_missing_dimension()
        dialog = BreakdownDialog(
            self.context.store, self.account, self.today(), dimension, read_on, self
        )
        account_id = self.account.id
        dialog.entered.connect(lambda breakdown: self._save(account_id, breakdown))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _first_missing_dimension(self) -> Dimension:
        latest = latest_by_dimension(self.breakdowns)
        return next((d for d in Dimension if d not in latest), Dimension.COUNTRY)

    def _save(self, account_id: int, breakdown: Breakdown) -> None:
        if save_audience_breakdown(self.context, account_id, breakdown):
            self.context.status_message.emit(
                f"Saved the {breakdown.dimension.label.lower()} of {day_text(breakdown.read_on)}."
            )

    def remove_breakdown(self, breakdown: Breakdown) -> None:
        if self.account is None or not self.editable:
            return
        if remove_audience_breakdown(
            self.context, self.account.id, breakdown.dimension, breakdown.read_on
        ):
            self.context.status_message.emit(
                f"Removed the {breakdown.dimension.label.lower()} of "
                f"{day_text(breakdown.read_on)}; Edit ▸ Undo brings them back."
            )

    def set_breakdowns(self, breakdowns: list[Breakdown], *, editable: bool) -> None:
        """Show an account's breakdowns (newest first), keeping the chosen date when it still exists."""
        self.breakdowns = breakdowns
        self.editable = editable
        self.enter_button.setEnabled(editable)
        chosen = self.date_combo.currentData()
        self.date_combo.blockSignals(True)
        self.date_combo.clear()
        self.date_combo.addItem("Latest of each", LATEST)
        for day in sorted({breakdown.read_on for breakdown in breakdowns}, reverse=True):
            self.date_combo.addItem(day_text(day), day)
        index = self.date_combo.findData(chosen)
        self.date_combo.setCurrentIndex(max(0, index))
        self.date_combo.blockSignals(False)
        self.date_combo.setEnabled(bool(breakdowns))
        self._show_chosen()

    def chosen_date(self) -> date | None:
        chosen = self.date_combo.currentData()
        return chosen if isinstance(chosen, date) else None

    def _show_chosen(self) -> None:
        day = self.chosen_date()
        shown = [b for b in self.breakdowns if day is None or b.read_on == day]
        latest = latest_by_dimension(shown)
        for dimension, column in self.columns.items():
            column.show_breakdown(latest.get(dimension), editable=self.editable)
