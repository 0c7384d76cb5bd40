"""Importing the platforms' own exports in the window: files, folders or an export ZIP, from
File ▸ Import… or dropped on the window.

`start_platform_import` opens the dialog, which looks at the paths in a worker (progress and
Stop), lists what it found, what it leaves out and why, and which account each group of
files goes to (an existing account, the one the files name, or a new one the creator
types). Import runs in a worker with progress and Stop, in one transaction, and ends with
the counts: new, updated, unchanged, rejected. `show_problem` is a module function so
tests can answer it.
"""

from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account, handle_key
from companion.core.platforms import Platform
from companion.importers.detect import Scan, Target, propose_targets, scan_steps
from companion.importers.generic_csv import ImportProgress, RowTally
from companion.importers.platform_plan import accounts_to_add, rejection_lines, run_plan, summary
from companion.store.accounts import list_accounts
from companion.store.database import Store
from companion.store.imports import import_with_accounts, worker_connection
from companion.store.upsert import UpsertCounts
from companion.ui.account_dialog import InlineMessage
from companion.ui.context import AppContext
from companion.ui.import_dialog import describe_error
from companion.ui.theme import set_role
from companion.ui.workers import Job, Worker

DIALOG_SIZE = QSize(980, 620)
PROGRESS_STEPS = 1000
STOP_WAIT_S = 10.0
NEW_ACCOUNT = "New account…"
PRIMARY_BUTTON = "primaryButton"
REFUSED_SHADE = QColor(220, 53, 69, 70)
_NO_PARENT = QModelIndex()


def show_problem(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, "Nothing can be imported", message)


def start_platform_import(
    parent: QWidget, context: AppContext, paths: list[Path]
) -> "PlatformImportDialog | None":
    """Look at `paths` and offer to import what they hold (the dialog opens at once and works
    in the background)."""
    if context.read_only:
        show_problem(parent, "This database was opened read-only, so nothing can be imported.")
        return None
    dialog = PlatformImportDialog(context, paths, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.start_scan()
    return dialog


@dataclass(frozen=True)
class FileRow:
    file: str
    what: str
    status: str
    """"import", "skipped" or "refused"."""


class FilesModel(QAbstractTableModel):
    """The files looked at: what each holds and whether it will be imported."""

    HEADERS = ("File", "What it holds", "")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[FileRow] = []

    def show_rows(self, rows: list[FileRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            labels = {"import": "Import", "skipped": "Left out", "refused": "Cannot be read"}
            return (row.file, row.what, labels[row.status])[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and row.status == "refused":
            return REFUSED_SHADE
        return None


class AccountChoice(QWidget):
    """Where one group of files goes: an account of its platform, or a new one."""

    def __init__(self, target: Target, accounts: list[Account]) -> None:
        super().__init__()
        self.platform = target.platform
        self.accounts = [a for a in accounts if a.platform is target.platform]
        self.combo = QComboBox()
        self.new_handle = QLineEdit()
        self.new_handle.setPlaceholderText(f"the {target.platform.label} handle, e.g. @maya")
        current = 0
        for index, account in enumerate(self.accounts):
            self.combo.addItem(account.shown_handle, account)
            if target.account is not None and account.id == target.account.id:
                current = index
        if target.is_new and target.handle:
            current = self.combo.count()
            self.combo.addItem(f"New account: {target.handle}", target.handle)
        elif target.problem and not self.accounts:
            current = self.combo.count()
        self.combo.addItem(NEW_ACCOUNT, None)
        self.combo.setCurrentIndex(current)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo)
        row.addWidget(self.new_handle, 1)
        self.combo.currentIndexChanged.connect(self._show_handle)
        self._show_handle()

    def target(self) -> Target:
        data = self.combo.currentData()
        if isinstance(data, Account):
            return Target(self.platform, data.handle, data)
        handle = data if isinstance(data, str) else self.new_handle.text().strip().lstrip("@")
        if not handle:
            return Target(
                self.platform, None, problem=f"Type the new {self.platform.label} handle."
            )
        known = next((a for a in self.accounts if handle_key(a.handle) == handle_key(handle)), None)
        return Target(self.platform, handle, known)

    def _show_handle(self) -> None:
        self.new_handle.setVisible(self.combo.currentData() is None)


class PlatformImportDialog(QDialog):
    """Found files, their accounts, Import; all long work in workers that Stop really stops."""

    def __init__(
        self,
        context: AppContext,
        paths: list[Path],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.paths = paths
        self.today = today or date.today()
        self.scan: Scan | None = None
        self.worker: Worker | None = None
        self.choices: list[tuple[list[int], AccountChoice]] = []
        self.outcome: tuple[RowTally, UpsertCounts] | None = None
        self.setWindowTitle("Import from YouTube, TikTok, Instagram, X or Meta")
        self.resize(DIALOG_SIZE)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        names = ", ".join(p.name for p in self.paths[:3]) + ("…" if len(self.paths) > 3 else "")
        self.heading = QLabel(f"Looking at {names}")
        self.heading.setObjectName("dialogHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.files_model = FilesModel()
        self.files_view = QTableView()
        self.files_view.setModel(self.files_model)
        self.files_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files_view.setWordWrap(True)
        self.files_view.verticalHeader().hide()
        header = self.files_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.files_view, 1)
        self.accounts_form = QFormLayout()
        layout.addLayout(self.accounts_form)
        self.message = InlineMessage()
        layout.addWidget(self.message)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(120)
        self.details.hide()
        layout.addWidget(self.details)
        progress_row = QHBoxLayout()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, PROGRESS_STEPS)
        self.progress_label = QLabel()
        self.stop_button = QPushButton("Stop")
        self.stop_button.clicked.connect(self.stop_work)
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress_bar, 1)
        progress_row.addWidget(self.stop_button)
        layout.addLayout(progress_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._enable_import(False)

    # --- looking at the files -----------------------------------------------------------------

    def start_scan(self) -> None:
        self._start(partial(scan_steps, list(self.paths), self.today), self._scanned)
        self.progress_bar.setRange(0, 0)
        self.progress_label.setText("Looking at the files…")

    def _scanned(self, found: Scan) -> None:
        self.scan = found
        rows = [FileRow(f.export.source.shown, f.describe(), "import") for f in found.found]
        rows += [
            FileRow(u.source.shown, u.reason, "refused" if u.refused else "skipped")
            for u in found.unusable
        ]
        self.files_model.show_rows(rows)
        self.files_view.resizeColumnToContents(0)
        self.files_view.setColumnWidth(0, min(self.files_view.columnWidth(0), 320))
        self.files_view.resizeRowsToContents()
        count = len(found.found)
        self.heading.setText(
            f"{count} file{'' if count == 1 else 's'} to import, "
            f"{len(found.unusable)} left out. Check where they go, then Import."
            if count
            else "Nothing here can be imported."
        )
        if not count:
            self._say(_nothing_text(found), problem=True)
            return
        self._show_choices(found)
        self._enable_import(True)

    def _show_choices(self, found: Scan) -> None:
        accounts = list_accounts(self.context.store)
        targets = propose_targets([f.export for f in found.found], accounts)
        groups: dict[tuple[Platform, str], list[int]] = {}
        for index, target in enumerate(targets):
            key = (target.platform, handle_key(target.handle or ""))
            groups.setdefault(key, []).append(index)
        for indexes in groups.values():
            choice = AccountChoice(targets[indexes[0]], accounts)
            count = len(indexes)
            label = (
                f"{targets[indexes[0]].platform.label}, {count} file{'' if count == 1 else 's'}:"
            )
            self.accounts_form.addRow(label, choice)
            self.choices.append((indexes, choice))

    def targets(self) -> list[Target]:
        assert self.scan is not None
        chosen: list[Target | None] = [None] * len(self.scan.found)
        for indexes, choice in self.choices:
            for index in indexes:
                chosen[index] = choice.target()
        return [t for t in chosen if t is not None]

    # --- importing ----------------------------------------------------------------------------

    def start_import(self) -> None:
        if self.scan is None or (self.worker is not None and self.worker.running):
            return
        targets = self.targets()
        problem = next((t.problem for t in targets if t.problem), None)
        if problem:
            self._say(problem, problem=True)
            return
        job = partial(_import_job, self.context.store, self.scan, targets, self.today)
        self._start(job, self._imported)
        self.progress_bar.setRange(0, PROGRESS_STEPS)
        self.progress_label.setText(f"Importing about {self.scan.rows_expected:,} rows…")

    def _imported(self, outcome: tuple[RowTally, UpsertCounts]) -> None:
        tally, counts = outcome
        self.outcome = outcome
        text = "Imported: " + summary(tally, counts)
        self._say(text)
        lines = rejection_lines(tally)
        self.details.setPlainText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self.import_button.hide()
        for _indexes, choice in self.choices:
            choice.setEnabled(False)
        self.context.notify_data_changed()
        self.context.status_message.emit(text)

    # --- workers ------------------------------------------------------------------------------

    def _start(self, job: Job, on_finished: Callable[[Any], None]) -> None:
        self.worker = Worker(job)
        self.worker.progressed.connect(self._on_progress)
        self.worker.finished.connect(lambda result: self._done(on_finished, result))
        self.worker.failed.connect(self._on_failed)
        self.worker.cancelled.connect(self._on_cancelled)
        self._working(True)
        self.worker.start()

    def stop_work(self) -> None:
        if self.worker is not None and self.worker.running:
            self.worker.cancel()
            self.progress_label.setText("Stopping…")
            self.stop_button.setEnabled(False)

    def reject(self) -> None:
        """Closing while working stops the work first: nothing is written."""
        if self.worker is not None and self.worker.running:
            self.worker.cancel()
            self.worker.wait(STOP_WAIT_S)
        if self.scan is not None:
            self.scan.close()
        super().reject()

    def _on_progress(self, progress: object) -> None:
        if isinstance(progress, ImportProgress):
            self.progress_bar.setValue(round(progress.fraction * PROGRESS_STEPS))
            expected = self.scan.rows_expected if self.scan else progress.rows_expected
            self.progress_label.setText(
                f"Importing: {progress.rows_read:,} of about {expected:,} rows"
            )
        else:
            self.progress_label.setText(f"Looking at {progress}")

    def _done(self, on_finished: Callable[[Any], None], result: object) -> None:
        self._working(False)
        on_finished(result)

    def _on_failed(self, error: BaseException) -> None:
        self._working(False)
        self._say(f"{describe_error(error)} Nothing was imported.", problem=True)
        self._enable_import(self.scan is not None and bool(self.scan.found))

    def _on_cancelled(self) -> None:
        self._working(False)
        self._say("Stopped. Nothing was imported.")
        self._enable_import(self.scan is not None and bool(self.scan.found))

    def _working(self, working: bool) -> None:
        for widget in (self.progress_bar, self.progress_label, self.stop_button):
            widget.setVisible(working)
        self.stop_button.setEnabled(working)
        for _indexes, choice in self.choices:
            choice.setEnabled(not working and self.outcome is None)
        self.progress_bar.setValue(0)
        if working:
            self._enable_import(False)
            self.message.clear_message()

    def _enable_import(self, enabled: bool) -> None:
        self.import_button.setEnabled(enabled)
        set_role(self.import_button, PRIMARY_BUTTON if enabled else "")
        self.import_button.style().unpolish(self.import_button)
        self.import_button.style().polish(self.import_button)

    def _say(self, text: str, *, problem: bool = False) -> None:
        if problem:
            self.message.show_problem(text)
        else:
            self.message.show_note(text)


def _import_job(
    store: Store, found: Scan, targets: list[Target], today: date
) -> Generator[ImportProgress, None, tuple[RowTally, UpsertCounts]]:
    """The import as a worker's job: its own connection, one transaction, progress per batch."""
    with worker_connection(store) as own:
        tally, counts, _added = yield from import_with_accounts(
            own,
            accounts_to_add(targets),
            lambda added, write: run_plan(found, targets, added, write, today),
        )
    return tally, counts


def _nothing_text(found: Scan) -> str:
    if not found.unusable:
        return "No files were found there."
    first = found.unusable[0]
    others = len(found.unusable) - 1
    return first.describe() + (f" (and {others} more in the list)" if others else "")
