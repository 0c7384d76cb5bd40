"""File ▸ Import…: a CSV file's columns matched to daily numbers or posts, previewed, checked, then written in one go.

The dialog is built by `ImportDialog` and opened by `open_import_dialog`; the questions it
asks go through module functions (`choose_csv_file`, `confirm_import`, `show_import_problem`)
so that a test can answer them and drive the real dialog.
"""

import logging
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum, auto
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account, account_problem
from companion.core.platforms import Platform
from companion.importers.errors import ImportFailed
from companion.importers.generic_csv import (
    FileSample,
    ImportPlan,
    ImportProgress,
    ImportTarget,
    PreviewRow,
    RowTally,
    done_text,
    guess_mapping,
    guess_target,
    nothing_ready_text,
    plan_problems,
    preview,
    read_sample,
    ready_text,
    run_import,
    unused_columns_text,
    with_columns,
)
from companion.importers.mapping import (
    ColumnMapping,
    Field,
    FieldKind,
    Note,
    RowMessage,
    date_field,
    date_format_choices,
    describe_date_format,
)
from companion.store.accounts import add_account, list_accounts
from companion.store.database import Store
from companion.store.errors import StoreError
from companion.store.imports import first_snapshot_date, import_transaction, worker_connection
from companion.store.upsert import UpsertCounts
from companion.ui.account_dialog import InlineMessage
from companion.ui.context import AppContext
from companion.ui.pages.base import count_phrase
from companion.ui.theme import set_role
from companion.ui.workers import Worker

log = logging.getLogger(__name__)

FILE_FILTER = "CSV files (*.csv *.tsv *.txt);;All files (*)"
NOT_IN_FILE = "— not in file —"
DIALOG_SIZE = QSize(1060, 720)
MAPPING_WIDTH = 330
MAX_COLUMN_WIDTH = 260
COLUMN_PADDING = 12
PROGRESS_STEPS = 1000
PRIMARY_BUTTON = "primaryButton"
STOP_WAIT_S = 10.0
LISTED_IN_QUESTION = 30
PROBLEM_SHADE = QColor(220, 53, 69, 70)
NOTE_SHADE = QColor(245, 158, 11, 70)
_NO_PARENT = QModelIndex()
_SHRINKING = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon


@dataclass(frozen=True)
class ImportOutcome:
    """What a run found in the file, and how it merged (or would merge) into the record."""

    tally: RowTally
    counts: UpsertCounts


def choose_csv_file(parent: QWidget | None, start: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Import a CSV file", str(start), FILE_FILTER)
    return Path(name) if name else None


def confirm_import(parent: QWidget | None, question: str, details: str) -> bool:
    """Ask before writing; the rejected rows and notes are under "Show Details…"."""
    box = QMessageBox(QMessageBox.Icon.Question, "Import these rows?", question, parent=parent)
    import_button = box.addButton("Import", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(import_button)
    if details:
        box.setDetailedText(details)
    box.exec()
    return box.clickedButton() is import_button


def show_import_problem(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, "This file cannot be imported", message)


def open_import_dialog(
    parent: QWidget | None, context: AppContext, path: Path | None = None
) -> "ImportDialog | None":
    """File ▸ Import…: choose a file (unless given), read its start, and open the dialog on it."""
    if context.read_only:
        show_import_problem(
            parent, "This database was opened read-only, so nothing can be imported."
        )
        return None
    path = path or choose_csv_file(parent, Path.home())
    if path is None:
        return None
    try:
        sample = read_sample(path)
    except ImportFailed as error:
        show_import_problem(parent, error.describe())
        return None
    dialog = ImportDialog(context, sample, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def import_steps(
    plan: ImportPlan, store: Store, *, check_only: bool
) -> Generator[ImportProgress, None, ImportOutcome]:
    """The whole import as a worker's job: its own connection, one transaction, progress per batch."""
    with worker_connection(store) as own, import_transaction(own, check_only=check_only) as session:
        tally = yield from run_import(plan, session.write)
    return ImportOutcome(tally, session.counts)


def describe_error(error: BaseException) -> str:
    """A message for the creator; the log keeps the traceback."""
    if isinstance(error, ImportFailed):
        return error.describe()
    if isinstance(error, StoreError):
        return error.message
    if isinstance(error, OSError):
        name = Path(error.filename).name if error.filename else "The file"
        return f"{name} cannot be read: {error.strerror}."
    return f"The import stopped on an unexpected problem ({error})."


class PreviewModel(QAbstractTableModel):
    """The first rows as they will be read; a cell that will be rejected is shaded, its reason in the tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self._fields: list[Field] = []
        self._rows: list[PreviewRow] = []

    def show_rows(self, fields: Sequence[Field], rows: Sequence[PreviewRow]) -> None:
        self.beginResetModel()
        self._fields, self._rows = list(fields), list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._fields) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return "Line" if section == 0 else self._fields[section - 1].label

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        row = self._rows[index.row()]
        if index.column() == 0:
            return self._line_data(row, role)
        cell = row.cells[index.column() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.problem or cell.note
        if role == Qt.ItemDataRole.BackgroundRole and (cell.problem or cell.note):
            return PROBLEM_SHADE if cell.problem else NOTE_SHADE
        return None

    def _line_data(self, row: PreviewRow, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(row.line)
        if role == Qt.ItemDataRole.ToolTipRole and row.rejected:
            return "Left out. " + row.rejected.describe()
        if role == Qt.ItemDataRole.BackgroundRole and row.rejected:
            return PROBLEM_SHADE
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


class RowMessagesModel(QAbstractTableModel):
    """Rejected rows and notes, by line: what the creator may want to fix in the file."""

    HEADERS = ("Line", "", "Field", "What happened")

    def __init__(self) -> None:
        super().__init__()
        self._messages: list[RowMessage] = []

    def show_messages(self, messages: Sequence[RowMessage]) -> None:
        self.beginResetModel()
        self._messages = sorted(messages, key=lambda m: (m.line, isinstance(m, Note)))
        self.endResetModel()

    def as_text(self) -> str:
        """Tab-separated, for the clipboard."""
        lines = ["\t".join(("Line", "Status", "Field", "What happened"))]
        lines += ["\t".join(self._cells(m)) for m in self._messages]
        return "\n".join(lines) + "\n"

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._messages)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        message = self._messages[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells(message)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1:
            return NOTE_SHADE if isinstance(message, Note) else PROBLEM_SHADE
        return None

    @staticmethod
    def _cells(message: RowMessage) -> tuple[str, str, str, str]:
        status = "Note" if isinstance(message, Note) else "Left out"
        return str(message.line), status, message.field or "", message.reason


class Stage(Enum):
    READY = auto()
    CHECKING = auto()
    WRITING = auto()


class ImportDialog(QDialog):
    """One file: what its rows are, which account they go to, which column is which; then Import."""

    imported = Signal(object)
    """Carries the ImportOutcome once the rows are in the record."""

    def __init__(
        self,
        context: AppContext,
        sample: FileSample,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.sample = sample
        self.today = today or date.today()
        self.target = guess_target(sample)
        self.mapping = guess_mapping(sample, self.target)
        self.stage = Stage.READY
        self.worker: Worker | None = None
        self._column_boxes: dict[str, QComboBox] = {}
        self._mapping_labels: list[QLabel] = []
        self.setWindowTitle("Import a CSV file")
        self.resize(DIALOG_SIZE)
        self._build()
        self._load_accounts()
        self._show_mapping()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        self.inputs = QWidget()
        inputs = QVBoxLayout(self.inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        inputs.setSpacing(12)
        inputs.addLayout(self._build_file_row())
        inputs.addLayout(self._build_choices())
        inputs.addLayout(self._build_body(), 1)
        layout.addWidget(self.inputs, 1)
        self.message_label = InlineMessage()
        self.unused_label = _label("", "dialogDetail")
        layout.addWidget(self.message_label)
        layout.addWidget(self.unused_label)
        layout.addLayout(self._build_progress_row())
        layout.addWidget(self._build_buttons())

    def _build_file_row(self) -> QHBoxLayout:
        title = QLabel("Import a CSV file")
        set_role(title, "dialogTitle")
        self.found_label = _label("", "dialogDetail")
        self.found_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other_file_button = QPushButton("Choose another file…")
        self.other_file_button.clicked.connect(self.choose_other_file)
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(title)
        text.addWidget(self.found_label)
        row = QHBoxLayout()
        row.addLayout(text, 1)
        row.addWidget(self.other_file_button, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    def _build_choices(self) -> QFormLayout:
        self.target_box = QComboBox()
        for target in ImportTarget:
            self.target_box.addItem(target.label, target)
        self.target_box.setCurrentIndex(list(ImportTarget).index(self.target))
        self.target_box.currentIndexChanged.connect(self._on_target_changed)
        self.no_accounts_label = _label(
            "You have no accounts yet: add the one these rows belong to.", "dialogDetail"
        )
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("The rows are", _row(self.target_box))
        form.addRow("Account", self._build_account_row())
        form.addRow("", self.no_accounts_label)
        return form

    def _build_account_row(self) -> QHBoxLayout:
        """The account list and "New account…"; or, to add one, its platform and handle."""
        self.account_box = QComboBox()
        self.account_box.setMinimumContentsLength(24)
        self.account_box.currentIndexChanged.connect(self._on_account_changed)
        self.new_account_button = QPushButton("New account…")
        self.new_account_button.clicked.connect(lambda: self._show_account_form(True))
        self.platform_box = QComboBox()
        for platform in Platform:
            self.platform_box.addItem(platform.label, platform)
        self.handle_edit = QLineEdit()
        self.handle_edit.setPlaceholderText("handle, e.g. mayaeats")
        self.handle_edit.setMinimumWidth(220)
        self.add_account_button = QPushButton("Add account")
        self.add_account_button.clicked.connect(self.add_account)
        return _row(
            self.account_box,
            self.new_account_button,
            self.platform_box,
            self.handle_edit,
            self.add_account_button,
        )

    def _show_account_form(self, shown: bool) -> None:
        for widget in (self.platform_box, self.handle_edit, self.add_account_button):
            widget.setVisible(shown)
        self.new_account_button.setVisible(not shown and self.account_box.count() > 0)
        # Return in the handle adds the account; it must not start the import as well.
        self.add_account_button.setDefault(shown)
        self.import_button.setDefault(not shown)
        if shown:
            self.handle_edit.setFocus()

    def _build_body(self) -> QHBoxLayout:
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self._build_mapping_box())
        body.addWidget(self._build_tabs(), 1)
        return body

    def _build_mapping_box(self) -> QGroupBox:
        box = QGroupBox("Which column is which")
        box.setFixedWidth(MAPPING_WIDTH)
        self.date_format_box = QComboBox()
        self.date_format_box.setPlaceholderText("Choose how dates are written")
        self.date_format_box.setSizeAdjustPolicy(_SHRINKING)
        self.date_format_box.setMinimumContentsLength(12)
        self.date_format_box.currentIndexChanged.connect(self._on_date_format_changed)
        self.mapping_grid = QGridLayout()
        self.mapping_grid.setColumnStretch(1, 1)
        self.mapping_grid.setVerticalSpacing(6)
        layout = QVBoxLayout(box)
        layout.addLayout(self.mapping_grid)
        layout.addStretch(1)
        layout.addWidget(_label("* required", "dialogDetail"))
        return box

    def _build_tabs(self) -> QTabWidget:
        self.preview_model = PreviewModel()
        self.preview_view = _table(self.preview_model)
        self.messages_model = RowMessagesModel()
        self.messages_view = _table(self.messages_model)
        self.messages_view.horizontalHeader().setStretchLastSection(True)
        self.messages_label = _label(
            "Rows left out, and notes about rows, are listed here once Import has read the whole file.",
            "dialogDetail",
        )
        self.copy_button = QPushButton("Copy list")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_messages)
        header = QHBoxLayout()
        header.addWidget(self.messages_label, 1)
        header.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        messages = QWidget()
        column = QVBoxLayout(messages)
        column.addLayout(header)
        column.addWidget(self.messages_view, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview_view, "Preview")
        self.tabs.addTab(messages, "Rows left out and notes")
        return self.tabs

    def _build_progress_row(self) -> QHBoxLayout:
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, PROGRESS_STEPS)
        self.progress_bar.setTextVisible(False)
        self.progress_label = QLabel()
        set_role(self.progress_label, "dialogDetail")
        self.stop_button = QPushButton("Cancel")
        self.stop_button.setToolTip("Stop reading the file; nothing is written.")
        self.stop_button.clicked.connect(self.cancel_work)
        row = QHBoxLayout()
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.progress_label)
        row.addWidget(self.stop_button)
        for widget in (self.progress_bar, self.progress_label, self.stop_button):
            widget.hide()
        return row

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button = buttons.addButton("Import…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        return buttons

    # --- what the creator chooses -----------------------------------------------------------

    def plan(self) -> ImportPlan:
        account_id = self.account_box.currentData()
        since = None
        if self.target is ImportTarget.POSTS and account_id is not None:
            since = first_snapshot_date(self.context.store, account_id)
        return ImportPlan(
            self.sample, self.target, self.mapping, self.today, account_id, followers_since=since
        )

    def problems(self) -> list[str]:
        problems = plan_problems(self.plan())
        if self.account_box.currentData() is None:
            problems.append("Add the account these rows belong to.")
        return problems

    def choose_column(self, field_name: str, header: str | None) -> None:
        """Set a field's column by its header (None: not in the file), as the creator would."""
        box = self._column_boxes[field_name]
        index = self.sample.header.index(header) + 1 if header is not None else 0
        box.setCurrentIndex(index)

    def choose_date_format(self, date_format: str) -> None:
        self.date_format_box.setCurrentIndex(self.date_format_box.findData(date_format))

    def choose_target(self, target: ImportTarget) -> None:
        self.target_box.setCurrentIndex(list(ImportTarget).index(target))

    def _load_accounts(self, select: int | None = None) -> None:
        accounts = list_accounts(self.context.store)
        self.account_box.blockSignals(True)
        self.account_box.clear()
        for account in accounts:
            self.account_box.addItem(_account_text(account), account.id)
        if select is not None:
            self.account_box.setCurrentIndex(self.account_box.findData(select))
        self.account_box.blockSignals(False)
        self.account_box.setVisible(bool(accounts))
        self.no_accounts_label.setVisible(not accounts)
        self._show_account_form(not accounts)

    def add_account(self) -> None:
        # A StrEnum comes back from a combo's item data as its plain text value.
        platform, handle = Platform(self.platform_box.currentData()), self.handle_edit.text()
        problem = account_problem(platform, handle, list_accounts(self.context.store))
        if problem is None:
            try:
                account = add_account(self.context.store, platform, handle)
            except StoreError as error:
                problem = error.message
        if problem is not None:
            self._say(problem, problem=True)
            return
        self.handle_edit.clear()
        self._load_accounts(select=account.id)
        self.context.notify_data_changed()
        self._refresh()

    def choose_other_file(self) -> None:
        path = choose_csv_file(self, self.sample.layout.path.parent)
        if path is None:
            return
        try:
            sample = read_sample(path)
        except ImportFailed as error:
            self._say(error.describe(), problem=True)
            return
        self.sample = sample
        self.target = guess_target(sample)
        self.mapping = guess_mapping(sample, self.target)
        self.target_box.blockSignals(True)
        self.choose_target(self.target)
        self.target_box.blockSignals(False)
        self._show_mapping()

    def _on_target_changed(self) -> None:
        self.target = ImportTarget(self.target_box.currentData())
        self.mapping = guess_mapping(self.sample, self.target)
        self._show_mapping()

    def _on_account_changed(self) -> None:
        self._refresh()

    def _on_column_changed(self, changed: Field, _index: int) -> None:
        columns = {
            name: box.currentData()
            for name, box in self._column_boxes.items()
            if box.currentData() is not None
        }
        if changed.kind in (FieldKind.DATE, FieldKind.DATETIME) or self.mapping.date_format is None:
            self.mapping = with_columns(self.sample, self.target, columns)
            self._show_date_formats()
        else:
            self.mapping = ColumnMapping(columns, self.mapping.date_format)
        self._refresh()

    def _on_date_format_changed(self) -> None:
        chosen = self.date_format_box.currentData()
        if chosen is not None and chosen != self.mapping.date_format:
            self.mapping = ColumnMapping(self.mapping.columns, chosen)
            self._refresh()

    # --- showing it -------------------------------------------------------------------------

    def _show_mapping(self) -> None:
        grid = self.mapping_grid
        grid.removeWidget(self.date_format_box)
        for widget in [*self._column_boxes.values(), *self._mapping_labels]:
            grid.removeWidget(widget)
            widget.deleteLater()
        self._column_boxes, self._mapping_labels = {}, []
        for row, wanted in enumerate(self.target.fields):
            label = QLabel(wanted.label + (" *" if wanted.required else ""))
            box = self._column_box(wanted)
            grid.addWidget(label, row, 0)
            grid.addWidget(box, row, 1)
            self._column_boxes[wanted.name] = box
            self._mapping_labels.append(label)
        dates_label = QLabel("Dates look like")
        self._mapping_labels.append(dates_label)
        last = len(self.target.fields) + 1
        grid.setRowMinimumHeight(last - 1, 8)
        grid.addWidget(dates_label, last, 0)
        grid.addWidget(self.date_format_box, last, 1)
        self._show_date_formats()
        self._refresh()

    def _column_box(self, wanted: Field) -> QComboBox:
        box = QComboBox()
        box.setSizeAdjustPolicy(_SHRINKING)
        box.setMinimumContentsLength(12)
        box.addItem(NOT_IN_FILE, None)
        for index, header in enumerate(self.sample.header):
            box.addItem(header or f"Column {index + 1}", index)
        column = self.mapping.columns.get(wanted.name)
        box.setCurrentIndex(0 if column is None else column + 1)
        box.currentIndexChanged.connect(partial(self._on_column_changed, wanted))
        return box

    def _show_date_formats(self) -> None:
        detected = self.mapping.date_format
        box = self.date_format_box
        box.blockSignals(True)
        box.clear()
        for date_format in date_format_choices(detected):
            box.addItem(describe_date_format(date_format), date_format)
        box.setCurrentIndex(box.findData(detected) if detected else -1)
        box.setEnabled(date_field(self.mapping.columns, self.target.fields) is not None)
        box.blockSignals(False)

    def _refresh(self) -> None:
        plan = self.plan()
        self.found_label.setText(self.sample.describe(self.mapping.date_format))
        self.preview_model.show_rows(plan.mapped_fields, preview(plan))
        _fit_columns(self.preview_view)
        self.unused_label.setText(unused_columns_text(plan))
        self.unused_label.setVisible(bool(self.unused_label.text()))
        problems = self.problems()
        self._say(problems[0] if problems else "")
        _enable_primary(self.import_button, not problems and self.stage is Stage.READY)

    # --- importing ----------------------------------------------------------------------------

    def start_import(self) -> None:
        """Read the whole file and count what it would change; the write waits for confirmation."""
        if self.problems() or self.stage is not Stage.READY:
            return
        self.messages_model.show_messages([])
        self._start(Stage.CHECKING)

    def cancel_work(self) -> None:
        if self.worker is not None and self.worker.running:
            self.worker.cancel()
            self.progress_label.setText("Stopping…")
            self.stop_button.setEnabled(False)

    def copy_messages(self) -> None:
        QGuiApplication.clipboard().setText(self.messages_model.as_text())

    def reject(self) -> None:
        """Closing while working stops the work first: nothing is written."""
        if self.worker is not None and self.worker.running:
            self.worker.cancel()
            self.worker.wait(STOP_WAIT_S)
        super().reject()

    def _start(self, stage: Stage) -> None:
        self.stage = stage
        job = partial(
            import_steps, self.plan(), self.context.store, check_only=stage is Stage.CHECKING
        )
        self.worker = Worker(job)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self._show_working(True)
        self.worker.start()

    def _show_working(self, working: bool) -> None:
        self.inputs.setEnabled(not working)
        _enable_primary(self.import_button, not working)
        for widget in (self.progress_bar, self.progress_label, self.stop_button):
            widget.setVisible(working)
        self.stop_button.setEnabled(working)
        self.progress_bar.setValue(0)
        verb = "Reading" if self.stage is Stage.CHECKING else "Importing"
        self.progress_label.setText(f"{verb} {self.sample.rows_phrase()}…")
        if working:
            self._say("")

    def _on_progress(self, progress: ImportProgress) -> None:
        self.progress_bar.setValue(round(progress.fraction * PROGRESS_STEPS))
        verb = "Reading" if self.stage is Stage.CHECKING else "Importing"
        self.progress_label.setText(
            f"{verb}: {progress.rows_read:,} of {self.sample.rows_phrase()}"
        )

    def _on_finished(self, outcome: ImportOutcome) -> None:
        stage = self._stop_working()
        if stage is Stage.CHECKING:
            self._ask_to_write(outcome)
        else:
            self._finish(outcome)

    def _ask_to_write(self, outcome: ImportOutcome) -> None:
        tally = outcome.tally
        self._show_messages(tally)
        if tally.ready == 0:
            self._say(nothing_ready_text(tally))
            return
        question = ready_text(tally, outcome.counts)
        if confirm_import(self, question + " Import?", _details(tally)):
            self._start(Stage.WRITING)
        else:
            self._say("Nothing was imported.")

    def _finish(self, outcome: ImportOutcome) -> None:
        self.context.notify_data_changed()
        self.context.status_message.emit(done_text(self.sample.name, outcome.tally, outcome.counts))
        self.imported.emit(outcome)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._stop_working()
        self._say(f"{describe_error(error)} Nothing was imported.", problem=True)

    def _on_cancelled(self) -> None:
        self._stop_working()
        self._say("Stopped. Nothing was imported.")

    def _stop_working(self) -> Stage:
        stage, self.stage = self.stage, Stage.READY
        self._show_working(False)
        _enable_primary(self.import_button, not self.problems())
        return stage

    def _say(self, message: str, *, problem: bool = False) -> None:
        if not message:
            self.message_label.clear_message()
        elif problem:
            self.message_label.show_problem(message)
        else:
            self.message_label.show_note(message)

    def _show_messages(self, tally: RowTally) -> None:
        self.messages_model.show_messages([*tally.rejected, *tally.notes])
        _fit_columns(self.messages_view)
        self.copy_button.setEnabled(bool(tally.rejected or tally.notes))
        self.messages_label.setText(_messages_summary(tally))
        count = tally.rejected_total + tally.notes_total
        self.tabs.setTabText(1, f"Rows left out and notes ({count:,})")
        if tally.rejected_total:
            self.tabs.setCurrentIndex(1)


def _messages_summary(tally: RowTally) -> str:
    if not (tally.rejected_total or tally.notes_total):
        return "Every row of the file can be imported as it is."
    parts = []
    if tally.rejected_total:
        parts.append(f"{count_phrase(tally.rejected_total, 'row')} left out")
    if tally.notes_total:
        parts.append(f"{count_phrase(tally.notes_total, 'row')} imported with a note")
    text = "; ".join(parts) + "."
    listed = len(tally.rejected) + len(tally.notes)
    if listed < tally.rejected_total + tally.notes_total:
        text += f" The first {listed:,} are listed."
    return text[0].upper() + text[1:]


def _details(tally: RowTally) -> str:
    messages = sorted([*tally.rejected, *tally.notes], key=lambda m: m.line)
    lines = [
        ("Note — " if isinstance(m, Note) else "") + m.describe()
        for m in messages[:LISTED_IN_QUESTION]
    ]
    if len(messages) > LISTED_IN_QUESTION:
        lines.append(
            f"… and more in the list ({tally.rejected_total + tally.notes_total:,} in all)."
        )
    return "\n".join(lines)


def _enable_primary(button: QPushButton, enabled: bool) -> None:
    """The accent colour only while it can be clicked: the theme has no disabled look for it."""
    button.setEnabled(enabled)
    set_role(button, PRIMARY_BUTTON if enabled else "")
    button.style().unpolish(button)
    button.style().polish(button)


def _account_text(account: Account) -> str:
    return f"{account.shown_handle} — {account.platform.label}"


def _label(text: str, object_name: str) -> QLabel:
    label = QLabel(text)
    set_role(label, object_name)
    label.setWordWrap(True)
    return label


def _row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side at their natural width, from the left."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    return view


def _fit_columns(view: QTableView) -> None:
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column in range(header.count()):
        header.resizeSection(
            column, min(header.sectionSize(column) + COLUMN_PADDING, MAX_COLUMN_WIDTH)
        )
