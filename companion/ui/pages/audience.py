"""The Audience page: one account's followers, daily change and engagement over time, and its daily numbers."""

import bisect
from collections.abc import Generator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.charts.data import EngagementSeries, engagement_series
from companion.core.accounts import (
    SNAPSHOT_COUNTS,
    Account,
    Snapshot,
    day_text,
    snapshot_problems,
    standing_of,
)
from companion.core.benchmarks import Benchmark, benchmark_for
from companion.importers.values import BadValue
from companion.store.account_removal import account_contents
from companion.store.accounts import list_accounts
from companion.store.database import open_store
from companion.store.reports import posts_from
from companion.store.snapshots import snapshot_on, snapshots_of
from companion.ui.account_dialog import AccountDetails, AccountDialog, InlineMessage
from companion.ui.add_numbers import AddNumbersDialog, as_qdate, date_edit, read_count
from companion.ui.app import AfterPainting
from companion.ui.breakdown_panel import BreakdownPanel
from companion.ui.chart_view import ChartView, chart_theme
from companion.ui.context import AppContext
from companion.ui.health_view import HealthView, health_loader
from companion.ui.icons import icon
from companion.ui.pages.base import (
    EMPTY_STATE_ICON,
    NEXT_TURN_MS,
    PAGE_MARGINS,
    CardFrame,
    EmptyState,
    Page,
    count_phrase,
    page_title_label,
)
from companion.ui.post_commands import post_changes
from companion.ui.snapshot_commands import (
    AddAccount,
    EditAccount,
    RemoveAccount,
    audience_signals,
    change_days,
    delete_days,
    save_day,
)
from companion.ui.theme import set_role
from companion.ui.workers import Worker, chart_thread_pool

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from companion.charts.account import AccountFigure
    from companion.charts.theme import ChartTheme

EMPTY_TITLE = "Add your first account"
EMPTY_BODY = (
    "Add an account and its numbers day by day (or import them), and this page shows how "
    "it grows: followers, each day's change, and engagement against creators of your size."
)
NO_NUMBERS = "No numbers for {name} yet.\nAdd today's numbers (Ctrl+N) to start its chart."
HEALTH_PENDING = "Working out the score…"
NO_HEALTH = "No score for this account yet."
SPLIT_SIZES = [470, 270]
"""Chart and table heights to start with (the splitter keeps the ratio): the chart first."""
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_NO_PARENT = QModelIndex()
# The range buttons read as one control; palette() keeps them in step with light and dark.
SEGMENTED_BUTTONS = """
QPushButton {
    border: 1px solid palette(mid); border-left: none; border-radius: 0;
    background: palette(button); color: palette(button-text); padding: 3px 12px;
}
QPushButton[end="first"] {
    border-left: 1px solid palette(mid);
    border-top-left-radius: 5px; border-bottom-left-radius: 5px;
}
QPushButton[end="last"] { border-top-right-radius: 5px; border-bottom-right-radius: 5px; }
QPushButton:hover:!checked { background: palette(alternate-base); }
QPushButton:checked {
    background: palette(highlight); color: palette(highlighted-text); border-color: palette(highlight);
}
"""
TABLE_PADDING = """
QTableView::item { padding: 0 10px; }
QHeaderView::section:horizontal { padding: 4px 10px; }
"""
_SOURCES = {"manual": "Typed in", "demo": "Demo", "csv": "CSV import"}


def today() -> date:
    return date.today()


def confirm_removal(parent: QWidget, question: str, detail: str) -> bool:
    """Ask before removing an account; True to go ahead. Tests replace this."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Remove account", question, parent=parent)
    box.setInformativeText(detail)
    remove = box.addButton("Remove account", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is remove


# --- the snapshot table --------------------------------------------------------------------


DATE_COLUMN = 0
SOURCE_COLUMN = len(SNAPSHOT_COUNTS) + 1


class SnapshotTableModel(QAbstractTableModel):
    """An account's daily numbers, newest first: one row per day that has numbers.

    Days without a snapshot have no row (they are not zeros); the day after a gap says so
    in its tooltip. Edits are checked here and handed on as `edit_requested`; the page
    saves them as undoable commands.
    """

    COLUMNS = ("date", *SNAPSHOT_COUNTS, "source")
    HEADERS = ("Date", *SNAPSHOT_COUNTS.values(), "Source")

    edit_requested = Signal(object, object, str)
    """The day's numbers as they are, as edited, and what was edited ("Followers")."""

    edit_refused = Signal(str)
    """Why an edit cannot be kept, naming the field."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.snapshots: list[Snapshot] = []
        self.editable = True
        self.muted_colour: QColor | None = None

    # --- contents ---------------------------------------------------------------------------

    def set_snapshots(self, oldest_first: list[Snapshot]) -> None:
        self.beginResetModel()
        self.snapshots = oldest_first[::-1]
        self.endResetModel()

    def history(self) -> list[tuple[date, int]]:
        """(date, followers), oldest first: what growth and the charts read."""
        return [(s.date, s.followers) for s in reversed(self.snapshots)]

    def row_of(self, day: date) -> int | None:
        row = self._position(day)
        found = row < len(self.snapshots) and self.snapshots[row].date == day
        return row if found else None

    def snapshot_at(self, row: int) -> Snapshot:
        return self.snapshots[row]

    def put_day(self, day: date, snapshot: Snapshot | None) -> None:
        """Show a day's numbers as they now are in the store (None: the day has none)."""
        row = self.row_of(day)
        if row is not None and snapshot is not None:
            self.snapshots[row] = snapshot
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        elif row is not None:
            self.beginRemoveRows(_NO_PARENT, row, row)
            del self.snapshots[row]
            self.endRemoveRows()
        elif snapshot is not None:
            row = self._position(day)
            self.beginInsertRows(_NO_PARENT, row, row)
            self.snapshots.insert(row, snapshot)
            self.endInsertRows()

    def _position(self, day: date) -> int:
        return bisect.bisect_left(self.snapshots, -day.toordinal(), key=_newest_first)

    # --- Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.snapshots)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation is Qt.Orientation.Horizontal:
            if role == _DISPLAY:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _alignment(self.COLUMNS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and self.COLUMNS[index.column()] != "source":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        snapshot = self.snapshots[index.row()]
        column = self.COLUMNS[index.column()]
        value = getattr(snapshot, column)
        if role == _DISPLAY:
            return _shown(column, value)
        if role == _EDIT:
            return as_qdate(value) if column == "date" else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.ForegroundRole and value is None:
            return self.muted_colour
        if role == Qt.ItemDataRole.ToolTipRole and column == "date":
            return self._gap_before(index.row())
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = _EDIT
    ) -> bool:
        if role != _EDIT or not index.isValid():
            return False
        old = self.snapshots[index.row()]
        column = self.COLUMNS[index.column()]
        label = self.HEADERS[index.column()]
        try:
            new = replace(old, **{column: _typed(column, label, value)})
            problems = [p for p in snapshot_problems(new, today()) if p.field == column]
            if problems:
                raise BadValue(problems[0].message)
        except BadValue as refusal:
            self.edit_refused.emit(str(refusal))
            return False
        if new != old:
            self.edit_requested.emit(old, new, label)
        return True

    def _gap_before(self, row: int) -> str | None:
        if row + 1 >= len(self.snapshots):
            return None
        missing = (self.snapshots[row].date - self.snapshots[row + 1].date).days - 1
        if missing <= 0:
            return None
        return f"No numbers for the {count_phrase(missing, 'day')} before this one."


def _newest_first(snapshot: Snapshot) -> int:
    return -snapshot.date.toordinal()


def _shown(column: str, value: Any) -> str:
    if value is None:
        return "—"
    if column == "date":
        return f"{value:%a} {day_text(value)}"
    if column == "source":
        return _SOURCES.get(value, value.replace("-", " ").capitalize())
    return f"{value:,}"


def _alignment(column: str) -> Qt.AlignmentFlag:
    side = (
        Qt.AlignmentFlag.AlignLeft if column in ("date", "source") else Qt.AlignmentFlag.AlignRight
    )
    return side | Qt.AlignmentFlag.AlignVCenter


def _typed(column: str, label: str, value: Any) -> date | int | None:
    """A cell's new value from what the editor gave; raises BadValue naming the field."""
    if column == "date":
        if isinstance(value, QDate):
            return value.toPython()
        try:
            return value if isinstance(value, date) else date.fromisoformat(str(value).strip())
        except ValueError:
            raise BadValue(f"Date: expected a date such as 2026-11-20, got {value!r}.") from None
    return read_count(label, str(value), required=column == "followers")


class _DateDelegate(QStyledItemDelegate):
    """Dates are edited with a calendar, shown the way the table shows them."""

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        return date_edit(parent=parent)


# --- the chart's date range -------------------------------------------------------------------


class ChartRange(StrEnum):
    DAYS_30 = "30d"
    DAYS_90 = "90d"
    YEAR = "1y"
    ALL = "All"
    CUSTOM = "Custom"

    @property
    def days(self) -> int | None:
        return {"30d": 30, "90d": 90, "1y": 365}.get(self.value)


def days_shown(
    choice: ChartRange, first_day: date, last_day: date, custom: tuple[date, date]
) -> tuple[date, date]:
    """The first and last day the chart shows: a window ending today, all, or the custom dates."""
    if choice is ChartRange.CUSTOM:
        return min(custom), max(custom)
    end = max(last_day, today())
    if choice is ChartRange.ALL:
        return first_day, end
    return end - timedelta(days=choice.days - 1), end


@dataclass(frozen=True)
class ChartRequest:
    """What the account chart is made from, gathered on the GUI thread for a worker."""

    db_path: Path
    account_id: int
    label: str
    history: list[tuple[date, int]]
    benchmark: Benchmark | None
    theme: "ChartTheme"
    days: tuple[date, date]
    """The range shown."""
    drawing_size: tuple[int, int, float]
    """The chart's room in pixels and the screen's pixel ratio (see ChartView.drawing_size)."""
    flagged: tuple[date, ...] = ()
    """The days audience health flagged, marked on the chart."""


def chart_steps(request: ChartRequest) -> Generator[None, None, "AccountFigure"]:
    """The account chart as a worker's job (see companion.ui.workers): the posts read on its
    own read-only connection (an SQLite connection stays in the thread that opened it), rated,
    and the figure built and drawn once off screen. Only this worker touches the figure until
    the window shows it, and matplotlib's Agg figures need no Qt, so none of it holds up the
    window."""
    from companion.charts.account import account_figure
    from companion.charts.figure import prerender

    with open_store(request.db_path, read_only=True, exclusive=False, migrate=False) as store:
        posts = posts_from(store, request.account_id)
    yield
    series = engagement_series(posts, request.history, request.benchmark)
    yield
    built = account_figure(request.label, request.history, series, request.theme)
    built.show_days(*request.days)
    if request.flagged:
        built.mark_flagged(request.flagged, request.theme)
    yield
    prerender(built.figure, *request.drawing_size)
    return built


CHART_STOP_WAIT_S = 2.0
"""How long closing the window waits for a chart being drawn on a worker to stop."""
CHART_START_QUIET_MS = 40
CHART_START_LATEST_MS = 300
"""The chart's worker starts once the table has not painted for CHART_START_QUIET_MS, or
CHART_START_LATEST_MS after it was asked for (see _request_chart)."""

# --- the page -------------------------------------------------------------------------------


class AudiencePage(Page):
    """Per account: a zoomable chart over a chosen range, and the daily numbers, editable."""

    title = "Audience"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.accounts: list[Account] = []
        self.account: Account | None = None
        self.account_figure: AccountFigure | None = None
        self.chart_range = ChartRange.DAYS_90
        self._built_figure: AccountFigure | None = None
        self._chart_request: ChartRequest | None = None
        self._chart_workers_ending: list[Worker] = []
        self._account_to_show: int | None = None
        self._chart_stale = False
        self._chart_worker: Worker | None = None
        self._worker_to_start: Worker | None = None
        self._chart_theme: ChartTheme | None = None
        self._charted: int | None = None
        """The account whose chart `account_figure` is."""
        self._marked: tuple[date, ...] = ()
        """The flagged days marked on that chart."""
        self.health = health_loader(context)
        self.model = SnapshotTableModel(self)
        self._build_actions()
        self.stack = QStackedWidget()
        self.empty_page = self._build_empty_page()
        self.content = self._build_content()
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.empty_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._connect()
        self._show_muted_colour()
        # The page is shown first and the record read on the next turn: on a long record, two
        # short holds on the window (≈45 and ≈30 ms) rather than one of 75–100 ms.
        self._loaded = False
        self._update_actions()
        QTimer.singleShot(NEXT_TURN_MS, self, self._load_now)

    @property
    def loaded(self) -> bool:
        """Whether the page has read the record (a turn after it was made)."""
        return self._loaded

    def _load_now(self) -> None:
        """Read the record, unless that was done already (see __init__)."""
        if not self._loaded:
            self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.add_numbers_action = QAction("Add today's numbers…", self)
        self.add_numbers_action.setShortcut(QKeySequence("Ctrl+N"))
        # Active whenever this page is the one shown in its window, wherever the focus is.
        self.add_numbers_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.add_numbers_action.triggered.connect(self.add_todays_numbers)
        self.addAction(self.add_numbers_action)
        self.delete_days_action = QAction("Delete the selected days", self)
        self.delete_days_action.setShortcuts(QKeySequence.StandardKey.Delete)
        self.delete_days_action.triggered.connect(self.delete_selected_days)

    def _build_empty_page(self) -> QWidget:
        self.empty_state = EmptyState(EMPTY_TITLE, EMPTY_BODY)
        self.empty_add_button = QPushButton("Add account…")
        set_role(self.empty_add_button, "primaryButton")
        self.empty_add_button.clicked.connect(self.add_account)
        button_row = QHBoxLayout()
        button_row.setContentsMargins(0, 16, 0, 0)
        button_row.addStretch(1)
        button_row.addWidget(self.empty_add_button)
        button_row.addStretch(1)
        self.empty_state.layout().insertLayout(2, button_row)
        self._show_empty_state_icon()
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(*PAGE_MARGINS)
        column.addWidget(page_title_label(self.title))
        column.addWidget(self.empty_state, 1)
        return page

    def _build_content(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(14)
        splitter.addWidget(self._build_chart_card())
        splitter.addWidget(self._build_lower_tabs())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(SPLIT_SIZES)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(*PAGE_MARGINS)
        column.setSpacing(0)
        column.addLayout(self._build_header())
        column.addSpacing(14)
        column.addLayout(self._build_account_row())
        column.addSpacing(16)
        column.addWidget(splitter, 1)
        return page

    def _build_header(self) -> QHBoxLayout:
        self.add_numbers_button = QPushButton("Add today's numbers")
        set_role(self.add_numbers_button, "primaryButton")
        self.add_numbers_button.setToolTip("Add today's numbers (Ctrl+N)")
        self.add_numbers_button.clicked.connect(self.add_numbers_action.trigger)
        # Beside the title, where there is room: on the account row, the note made the page
        # (and so the window) at least 1,280 pixels wide.
        self.read_only_label = _label("Read-only: numbers and accounts cannot be changed.", "muted")
        row = QHBoxLayout()
        row.addWidget(page_title_label(self.title))
        row.addStretch(1)
        row.addWidget(self.read_only_label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addSpacing(12)
        row.addWidget(self.add_numbers_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return row

    def _build_account_row(self) -> QHBoxLayout:
        self.account_combo = QComboBox()
        self.account_combo.setMinimumContentsLength(24)
        self.account_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_account_button = QPushButton("Add account…")
        self.edit_account_button = QPushButton("Edit…")
        self.remove_account_button = QPushButton("Remove…")
        self.add_account_button.clicked.connect(self.add_account)
        self.edit_account_button.clicked.connect(self.edit_account)
        self.remove_account_button.clicked.connect(self.remove_account)
        self.summary_label = _label("", "muted")
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(_label("Account", "cardTitle"))
        row.addWidget(self.account_combo)
        row.addSpacing(4)
        for button in (
            self.add_account_button,
            self.edit_account_button,
            self.remove_account_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.summary_label)
        return row

    def _build_chart_card(self) -> QFrame:
        self.chart_view = ChartView(toolbar=True)
        self.range_buttons = QButtonGroup(self)
        range_row = QWidget()
        range_row.setObjectName("rangeButtons")
        range_row.setStyleSheet(SEGMENTED_BUTTONS)
        range_layout = QHBoxLayout(range_row)
        range_layout.setContentsMargins(0, 0, 0, 0)
        range_layout.setSpacing(0)
        for choice in ChartRange:
            button = QPushButton(choice.value)
            button.setCheckable(True)
            button.setChecked(choice is self.chart_range)
            button.setProperty("range", choice.value)
            button.setProperty("end", _segment_end(choice))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.range_buttons.addButton(button)
            range_layout.addWidget(button)
        self.custom_start = date_edit()
        self.custom_end = date_edit()
        range_layout.addSpacing(10)
        range_layout.addWidget(self.custom_start)
        self.custom_dash = QLabel("–")
        range_layout.addWidget(self.custom_dash)
        range_layout.addWidget(self.custom_end)
        for widget in (self.custom_start, self.custom_dash, self.custom_end):
            widget.hide()
        self.chart_view.add_header_widget(range_row)
        card = _card()
        card.layout().addWidget(self.chart_view, 1)
        card.setMinimumHeight(300)
        return card

    def _build_lower_tabs(self) -> QTabWidget:
        """The daily numbers, and who the audience is, one tab each under the chart. The
        breakdown and health tabs are filled the first time they are shown or needed: the
        page then opens without keeping the window busy for their sake."""
        self._breakdown_panel: BreakdownPanel | None = None
        self._health_view: HealthView | None = None
        self.breakdown_card = _card()
        self.health_card = _card()
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(self._build_table_card(), "Daily numbers")
        self.lower_tabs.addTab(self.breakdown_card, "Audience breakdown")
        self.lower_tabs.addTab(self.health_card, "Audience health")
        self.lower_tabs.currentChanged.connect(self._fill_tab)
        return self.lower_tabs

    def _fill_tab(self, index: int) -> None:
        card = self.lower_tabs.widget(index)
        if card is self.breakdown_card:
            self._build_breakdown_panel()
        elif card is self.health_card:
            self._build_health_view()

    @property
    def breakdown_panel(self) -> BreakdownPanel:
        """The audience breakdown tab's panel (built on first use)."""
        return self._build_breakdown_panel()

    @property
    def health_view(self) -> HealthView:
        """The audience health tab's view (built on first use)."""
        return self._build_health_view()

    def _build_breakdown_panel(self) -> BreakdownPanel:
        if self._breakdown_panel is None:
            self._breakdown_panel = BreakdownPanel(self.context, today)
            self.breakdown_card.layout().addWidget(self._breakdown_panel)
            self._breakdown_panel.show_account(self.account)
        return self._breakdown_panel

    def _build_health_view(self) -> HealthView:
        if self._health_view is None:
            self._health_view = HealthView()
            self.health_card.layout().addWidget(self._health_view)
            self._show_health()
        return self._health_view

    def _build_table_card(self) -> QFrame:
        self.table = QTableView()
        self.table.setModel(self.model)
        self._after_table_painting = AfterPainting(
            self.table.viewport(),
            self,
            quiet_ms=CHART_START_QUIET_MS,
            latest_ms=CHART_START_LATEST_MS,
        )
        self._after_table_painting.settled.connect(self._start_chart_worker)
        self.table.setItemDelegateForColumn(DATE_COLUMN, _DateDelegate(self.table))
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        # Room between a right-aligned count and the left-aligned column after it; the
        # headings take the same, so each sits over its column's numbers.
        self.table.setStyleSheet(TABLE_PADDING)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for column, longest in ((DATE_COLUMN, "Wed 30 Sep 2026"), (SOURCE_COLUMN, "CSV import")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(longest) + 40)
        self.delete_days_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_days_action)
        self.delete_button = QPushButton("Delete days")
        self.delete_button.clicked.connect(self.delete_selected_days)
        self.table_message = InlineMessage()
        heading = QHBoxLayout()
        heading.addWidget(_label("Daily numbers", "cardTitle"))
        self.table_caption = _label("", "cardCaption")
        heading.addWidget(self.table_caption)
        heading.addStretch(1)
        heading.addWidget(self.delete_button)
        card = _card()
        card.layout().addLayout(heading)
        card.layout().addWidget(self.table, 1)
        card.layout().addWidget(self.table_message)
        return card

    def _connect(self) -> None:
        signals = audience_signals(self.context)
        signals.days_changed.connect(self._on_days_changed)
        signals.account_to_show.connect(self._remember_account_to_show)
        # A post added, edited or deleted (on the Posts page) moves the engagement chart.
        posts = post_changes(self.context)
        posts.saved.connect(self._schedule_chart)
        posts.removed.connect(self._schedule_chart)
        # Days, posts, breakdowns and settings all move the audience health score.
        for changed in (
            signals.days_changed,
            signals.breakdowns_changed,
            posts.saved,
            posts.removed,
        ):
            changed.connect(self._request_health)
        self.health.loaded.connect(self._show_health)
        self.health.failed.connect(self._health_failed)
        self.context.settings_changed.connect(self._on_settings_changed)
        self.account_combo.currentIndexChanged.connect(self._on_account_chosen)
        self.range_buttons.buttonClicked.connect(self._on_range_button)
        self.custom_start.dateChanged.connect(self._apply_range)
        self.custom_end.dateChanged.connect(self._apply_range)
        self.model.edit_requested.connect(self._save_edit)
        self.model.edit_refused.connect(self._refuse)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.chart_view.message.connect(self.context.status_message)

    # --- reading ----------------------------------------------------------------------------

    @property
    def showing_empty_state(self) -> bool:
        return self.stack.currentWidget() is self.empty_page

    @property
    def chart_drawn(self) -> bool:
        """Whether the chosen account's chart is on screen, drawn (or there is none to draw)."""
        if not self._loaded:
            return False
        if self.account is None or not self.model.snapshots:
            return True
        view, figure = self.chart_view, self.account_figure
        return figure is not None and view.figure is figure.figure and view.has_drawn

    def reload(self) -> None:
        self._loaded = True
        self.accounts = list_accounts(self.context.store)
        wanted = self._account_to_show or (self.account.id if self.account else None)
        self._account_to_show = None
        if not self.accounts:
            self.account = None
            if self._breakdown_panel is not None:
                self._breakdown_panel.show_account(None)
            self.stack.setCurrentWidget(self.empty_page)
            self._update_actions()
            return
        self.stack.setCurrentWidget(self.content)
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        for account in self.accounts:
            self.account_combo.addItem(account.platform_and_handle, account.id)
        self.account_combo.setCurrentIndex(max(self.account_combo.findData(wanted), 0))
        self.account_combo.blockSignals(False)
        self._on_account_chosen()
        self._request_health()

    def show_account(self, account_id: int) -> None:
        self._load_now()
        self.account_combo.setCurrentIndex(self.account_combo.findData(account_id))

    def _on_account_chosen(self) -> None:
        account_id = self.account_combo.currentData()
        self.account = next((a for a in self.accounts if a.id == account_id), None)
        if self.account is None:
            return
        self.model.set_snapshots(snapshots_of(self.context.store, self.account.id))
        if self._breakdown_panel is not None:
            self._breakdown_panel.show_account(self.account)
        self.table_message.clear_message()
        self._show_summary()
        self._update_actions()
        self._schedule_chart()
        self._show_health()

    def show_health(self, account_id: int) -> None:
        """Show an account's audience health (the Dashboard's cards link here)."""
        self.show_account(account_id)
        self.lower_tabs.setCurrentWidget(self.health_card)
        # The parts and the jumps need more room than the daily numbers: half the height.
        splitter = self.lower_tabs.parentWidget()
        if isinstance(splitter, QSplitter):
            total = sum(splitter.sizes())
            splitter.setSizes([total // 2, total - total // 2])

    def _request_health(self) -> None:
        self.health.request(self.context.store, self.context.settings, today())
        self._show_health()

    def _show_health(self) -> None:
        """The chosen account's score (the last worked out, until a newer one is in), and its
        flagged days marked on its chart."""
        report = self.health.reports.get(self.account.id) if self.account else None
        view = self._health_view
        if report is None:
            if view is not None:
                view.show_message(HEALTH_PENDING if self.health.busy else NO_HEALTH)
            return
        if view is not None:
            view.show_report(report)
        charted = self.account_figure is not None and self._charted == report.account.id
        if charted and self._flagged_days() != self._marked:
            # The chart is made again, marks and all, on its worker: marked here, it would be
            # drawn again on the window's thread (70–100 ms on a long record).
            self._schedule_chart()

    def _health_failed(self, message: str) -> None:
        if self._health_view is not None:
            self._health_view.show_message(message)

    def _remember_account_to_show(self, account_id: int | None) -> None:
        self._account_to_show = account_id

    def _on_days_changed(self, account_id: int, days: list[date]) -> None:
        if self.account is None or account_id != self.account.id:
            return
        for day in days:
            self.model.put_day(day, snapshot_on(self.context.store, account_id, day))
        self._show_summary()
        self._schedule_chart()

    def _show_summary(self) -> None:
        snapshots = self.model.snapshots
        if not snapshots:
            self.summary_label.setText("No numbers yet.")
            self.table_caption.setText("")
            return
        latest, first = snapshots[0], snapshots[-1]
        tier = standing_of(self.account, latest, self.context.settings.thresholds).tier
        self.summary_label.setText(
            f"{latest.followers:,} followers on {day_text(latest.date)}  ·  {tier.label} tier"
        )
        missing = (latest.date - first.date).days + 1 - len(snapshots)
        caption = f"{count_phrase(len(snapshots), 'day')} since {day_text(first.date)}"
        if missing:
            caption += f", {count_phrase(missing, 'day')} without numbers"
        self.table_caption.setText(caption)

    # --- the chart --------------------------------------------------------------------------

    def _on_settings_changed(self) -> None:
        # The tier (and so the benchmark) depends on the thresholds.
        if self.account is not None:
            self._show_summary()
            self._schedule_chart()
            self._request_health()

    def _schedule_chart(self) -> None:
        """Draw the chart again on a later turn of the event loop, once however many asked.

        A hidden page only notes it: the chart is drawn when the page is shown again.
        """
        if self.account is None:
            return
        # Whatever a running worker makes now is of the numbers as they were: set it aside.
        self._drop_chart_worker()
        self._chart_stale = not self.isVisible()
        if not self._chart_stale:
            self.chart_view.when_ready(self._prepare_chart)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._chart_stale:
            self._schedule_chart()

    def _prepare_chart(self) -> None:
        if self.account is None:
            return
        history = self.model.history()
        if not history:
            self._drop_chart_worker()
            self.account_figure = None
            self.chart_view.show_message(NO_NUMBERS.format(name=self.account.platform_and_handle))
            return
        # Reading and rating every post is the slow part on a long record: done on a worker,
        # the window stays free; a newer request makes an older answer moot.
        self._drop_chart_worker()
        request = ChartRequest(
            self.context.store.path,
            self.account.id,
            self.account.shown_handle,
            history,
            self._benchmark(),
            chart_theme(self.chart_view.palette()),
            self.days_shown(),
            self.chart_view.drawing_size(),
            self._flagged_days(),
        )
        self._chart_request = request
        self._chart_worker = Worker(partial(chart_steps, request), pool=chart_thread_pool())
        self._chart_worker.finished.connect(self._on_chart_built)
        self._chart_worker.failed.connect(self._on_chart_failed)
        # Started once the table has painted what was just read, and painted again as its
        # scroll bar and columns settled: with the worker running, each Python call of a
        # paint (each table cell is one) waits up to 5 ms for its turn on the interpreter,
        # 100 ms and more in all on the demo record. A turn later was not enough.
        self._worker_to_start = self._chart_worker
        self._after_table_painting.arm()

    def _start_chart_worker(self) -> None:
        worker, self._worker_to_start = self._worker_to_start, None
        if worker is not None and worker is self._chart_worker:
            worker.start()

    def _drop_chart_worker(self) -> None:
        """Cancel the running chart worker, if any, and ignore what it sends. It is kept until
        it has ended: the last reference to a QObject must not go on the worker's thread."""
        self._chart_workers_ending = [w for w in self._chart_workers_ending if w.running]
        if self._chart_worker is not None:
            self._chart_worker.cancel()
            self._chart_workers_ending.append(self._chart_worker)
            self._chart_worker = None

    def maybe_close(self) -> bool:
        """Before the window closes: stop drawing (nothing here is ever left unsaved)."""
        self._drop_chart_worker()
        for worker in self._chart_workers_ending:
            worker.wait(CHART_STOP_WAIT_S)
        return True

    def _on_chart_built(self, built: "AccountFigure") -> None:
        if self.sender() is not self._chart_worker or self.account is None:
            return
        self._chart_worker = None
        self._built_figure = built
        self.chart_view.export_name = _export_name(self.account)
        self.chart_view.show_chart(self._build_figure)

    def _on_chart_failed(self, error: BaseException) -> None:
        if self.sender() is not self._chart_worker:
            return
        self._chart_worker = None
        self.chart_view.show_message(f"The chart could not be drawn: {error}")

    def _engagement_of(self, built: "AccountFigure | None") -> EngagementSeries:
        """The engagement series of the last chart made (a rebuild in new colours reuses it)."""
        figure = built or self.account_figure
        assert figure is not None and figure.engagement is not None
        return figure.engagement

    def _benchmark(self) -> Benchmark | None:
        latest = self.model.snapshots[0]
        tier = standing_of(self.account, latest, self.context.settings.thresholds).tier
        match = benchmark_for(tier, self.account.platform)
        return match.benchmark if match else None

    def _build_figure(self, theme: "ChartTheme") -> "Figure":
        """The figure the worker built; built again here only for other colours (the palette
        changed since), from the same numbers."""
        built, self._built_figure = self._built_figure, None
        request = self._chart_request
        if built is None and self._charted != self.account.id and self.account_figure is not None:
            # The colours changed while another account's chart is on its way: keep this one
            # until that one comes (its worker has the new colours).
            return self.account_figure.figure
        # The worker's figure is shown as it drew it, unless something changed since: touched
        # here, it would be drawn again on the window's thread.
        rebuilt = built is None or request is None or request.theme != theme
        if rebuilt:
            from companion.charts.account import account_figure

            built = account_figure(
                self.account.shown_handle, self.model.history(), self._engagement_of(built), theme
            )
        self.account_figure = built
        self._chart_theme, self._charted = theme, self.account.id
        flagged = self._flagged_days()
        if flagged != (() if rebuilt else request.flagged):
            built.mark_flagged(flagged, theme)
        self._marked = flagged
        days = self.days_shown()
        if rebuilt or days != request.days:
            built.show_days(*days)
        return built.figure

    def _flagged_days(self) -> tuple[date, ...]:
        report = self.health.reports.get(self.account.id) if self.account else None
        return tuple(judged.day for judged in report.flagged_days) if report else ()

    def _on_range_button(self, button: QPushButton) -> None:
        choice = ChartRange(button.property("range"))
        if choice is ChartRange.CUSTOM:
            # The custom dates start from what was shown, to be narrowed or widened from there.
            start, end = self.days_shown()
            for edit, day in ((self.custom_start, start), (self.custom_end, end)):
                edit.blockSignals(True)
                edit.setDate(as_qdate(day))
                edit.blockSignals(False)
        self.chart_range = choice
        self._apply_range()

    def days_shown(self) -> tuple[date, date]:
        """The first and last day the chart shows, for the range chosen."""
        snapshots = self.model.snapshots
        first = snapshots[-1].date if snapshots else today()
        last = snapshots[0].date if snapshots else today()
        custom = (self.custom_start.date().toPython(), self.custom_end.date().toPython())
        return days_shown(self.chart_range, first, last, custom)

    def _apply_range(self) -> None:
        custom = self.chart_range is ChartRange.CUSTOM
        for widget in (self.custom_start, self.custom_dash, self.custom_end):
            widget.setVisible(custom)
        if self.account_figure is None:
            return
        self.account_figure.show_days(*self.days_shown())
        self.chart_view.forget_zoom()
        self.chart_view.redraw()

    # --- editing ----------------------------------------------------------------------------

    def _update_actions(self) -> None:
        editable = not self.context.read_only
        has_account = self.account is not None
        self.model.editable = editable
        self.read_only_label.setVisible(not editable)
        self.empty_add_button.setEnabled(editable)
        self.add_account_button.setEnabled(editable)
        self.edit_account_button.setEnabled(editable and has_account)
        self.remove_account_button.setEnabled(editable and has_account)
        self.add_numbers_action.setEnabled(editable and has_account)
        self.add_numbers_button.setEnabled(editable and has_account)
        selected = bool(self.table.selectionModel().selectedRows())
        self.delete_days_action.setEnabled(editable and selected)
        self.delete_button.setEnabled(editable and selected)

    def add_todays_numbers(self) -> AddNumbersDialog | None:
        """Open "Add today's numbers"; the day is saved when the creator presses Save."""
        if not self.add_numbers_action.isEnabled():
            return None
        shown = self.account.id if self.account else None
        dialog = AddNumbersDialog(self.context.store, self.accounts, today(), shown, self)
        dialog.entered.connect(self._save_new_day)
        return _opened(dialog)

    def _save_new_day(self, snapshot: Snapshot) -> None:
        replaced = snapshot_on(self.context.store, snapshot.account_id, snapshot.date) is not None
        if not save_day(self.context, snapshot):
            return
        if self.account is None or snapshot.account_id != self.account.id:
            self.show_account(snapshot.account_id)
        verb = "Replaced" if replaced else "Saved"
        self.context.status_message.emit(
            f"{verb} the numbers for {day_text(snapshot.date)}: {snapshot.followers:,} followers."
        )

    def _save_edit(self, old: Snapshot, new: Snapshot, what: str) -> None:
        self.table_message.clear_message()
        if new.date == old.date:
            text = f"Edit {what.lower()} on {day_text(new.date)}"
            change_days(self.context, new.account_id, {new.date: new}, text)
            return
        if self.model.row_of(new.date) is not None:
            self._refuse(f"Date: {day_text(new.date)} already has numbers; edit that row instead.")
            return
        text = f"Move {day_text(old.date)} to {day_text(new.date)}"
        change_days(self.context, new.account_id, {old.date: None, new.date: new}, text)

    def _refuse(self, message: str) -> None:
        self.table_message.show_problem(message)
        self.context.status_message.emit(message)

    def delete_selected_days(self) -> None:
        if self.account is None or self.context.read_only:
            return
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        days = [self.model.snapshot_at(row).date for row in rows]
        if delete_days(self.context, self.account.id, days):
            self.context.status_message.emit(
                f"Deleted the numbers of {count_phrase(len(days), 'day')}; Edit ▸ Undo brings them back."
            )

    def add_account(self) -> AccountDialog:
        dialog = AccountDialog(self.accounts, parent=self)
        dialog.entered.connect(self._save_account)
        return _opened(dialog)

    def edit_account(self) -> AccountDialog | None:
        if self.account is None:
            return None
        dialog = AccountDialog(self.accounts, editing=self.account, parent=self)
        dialog.entered.connect(self._save_account)
        return _opened(dialog)

    def _save_account(self, details: AccountDetails) -> None:
        if details.account_id is None:
            AddAccount(self.context, details.platform, details.handle, details.display_name).push()
            return
        edited = Account(details.account_id, details.platform, details.handle, details.display_name)
        if edited not in self.accounts:
            EditAccount(self.context, edited).push()

    def remove_account(self) -> None:
        account = self.account
        if account is None or self.context.read_only:
            return
        contents = account_contents(self.context.store, account.id)
        days = count_phrase(contents.snapshots, "day") + " of numbers"
        posts = count_phrase(contents.posts, "post")
        question = f"Remove {account.platform_and_handle}?"
        detail = f"Its {days} and {posts} go with it. Edit ▸ Undo brings them back."
        if confirm_removal(self, question, detail):
            RemoveAccount(self.context, account).push()

    # --- looks ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._show_muted_colour()
            self._show_empty_state_icon()
        super().changeEvent(event)

    def _show_empty_state_icon(self) -> None:
        picture = icon("audience").pixmap(EMPTY_STATE_ICON, QIcon.Mode.Disabled)
        self.empty_state.set_icon(picture)

    def _show_muted_colour(self) -> None:
        self.model.muted_colour = self.palette().color(QPalette.ColorRole.PlaceholderText)


def _segment_end(choice: ChartRange) -> str:
    """Which end of the row of range buttons a button sits at, for its rounded corners."""
    choices = list(ChartRange)
    return {choices[0]: "first", choices[-1]: "last"}.get(choice, "")


DialogT = TypeVar("DialogT", bound=QDialog)


def _opened(dialog: DialogT) -> DialogT:
    """Show a dialog without blocking (the page hears back through its signal) and return it."""
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _label(text: str, object_name: str) -> QLabel:
    label = QLabel(text)
    set_role(label, object_name)
    return label


def _card() -> QFrame:
    card = CardFrame()
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 12)
    layout.setSpacing(8)
    return card


def _export_name(account: Account) -> str:
    handle = account.handle.lstrip("@").replace(" ", "-").replace("/", "-")
    return f"{account.platform.value}-{handle}-audience"
