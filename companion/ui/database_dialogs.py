"""Opening a database from the window: what to do when it cannot be used, backups, and file choosers.

The dialogs are built by small functions (`build_problem_dialog`, `build_backup_picker`) and
shown by others (`ask_what_to_do`, `pick_backup`, the `choose_*` file choosers); the flows
call the latter through this module, so a test can replace them and drive the real dialogs.
"""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion import APP_NAME
from companion.store.backup import Backup, backup_folder, list_backups, restore_backup
from companion.store.database import Store, instance_lock, open_store
from companion.store.errors import DatabaseUnusable, Remedy, StoreError
from companion.ui.theme import set_role

DATABASE_FILTER = "Creator Companion databases (*.sqlite *.db);;All files (*)"
DATABASE_SUFFIX = ".sqlite"


class Choice(StrEnum):
    """What the creator can do about a database that cannot be used."""

    OPEN_BACKUP = "Open a backup…"
    OPEN_READ_ONLY = "Open read-only"
    CHOOSE_ANOTHER = "Choose another database…"
    QUIT = "Quit"


_CHOICE_FOR_REMEDY = {
    Remedy.OPEN_BACKUP: Choice.OPEN_BACKUP,
    Remedy.OPEN_READ_ONLY: Choice.OPEN_READ_ONLY,
}


def choices_for(error: DatabaseUnusable) -> list[Choice]:
    """The error's own remedies, then another database, then Quit (always last)."""
    offered = [_CHOICE_FOR_REMEDY[r] for r in error.remedies if r in _CHOICE_FOR_REMEDY]
    return [*offered, Choice.CHOOSE_ANOTHER, Choice.QUIT]


class DatabaseProblemDialog(QDialog):
    """Says which database cannot be used and why, and offers what can be done about it."""

    def __init__(
        self,
        error: DatabaseUnusable,
        backups: list[Backup],
        parent: QWidget | None = None,
        *,
        quit_text: str = Choice.QUIT.value,
    ) -> None:
        super().__init__(parent)
        self.error = error
        self._quit_text = quit_text
        self.choice = Choice.QUIT
        self.setWindowTitle(APP_NAME)
        self.setMinimumWidth(520)
        self._buttons: dict[Choice, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(_label(error.title, "dialogTitle"))
        layout.addWidget(_label(error.message, "dialogBody"))
        if error.path is not None:
            layout.addWidget(_label(str(error.path), "dialogDetail", selectable=True))
        choices = choices_for(error)
        no_backup = Choice.OPEN_BACKUP in choices and not backups
        if no_backup:
            layout.addWidget(_label(self._no_backups_text(), "dialogDetail"))
        layout.addSpacing(6)
        layout.addWidget(
            self._build_buttons(choices, unavailable={Choice.OPEN_BACKUP} if no_backup else set())
        )

    def _no_backups_text(self) -> str:
        folder = backup_folder(self.error.path) if self.error.path else "its backups folder"
        return f"There are no backups of this database in {folder} to go back to."

    def _build_buttons(self, choices: list[Choice], unavailable: set[Choice]) -> QDialogButtonBox:
        """One button per choice; the first usable one is the default, in the accent colour."""
        box = QDialogButtonBox()
        for choice in choices:
            text = self._quit_text if choice is Choice.QUIT else choice.value
            button = box.addButton(text, _role(choice))
            button.clicked.connect(lambda _checked=False, c=choice: self.choose(c))
            button.setEnabled(choice not in unavailable)
            self._buttons[choice] = button
        primary = next(c for c in choices if c not in unavailable)
        self._buttons[primary].setDefault(True)
        if primary is not Choice.QUIT:
            set_role(self._buttons[primary], "primaryButton")
        return box

    def button(self, choice: Choice) -> QPushButton | None:
        return self._buttons.get(choice)

    def offered(self) -> list[Choice]:
        return list(self._buttons)

    def choose(self, choice: Choice) -> None:
        self.choice = choice
        self.done(
            QDialog.DialogCode.Rejected if choice is Choice.QUIT else QDialog.DialogCode.Accepted
        )

    def reject(self) -> None:
        """Escape or the close button mean Quit: nothing else happens without a choice."""
        self.choice = Choice.QUIT
        super().reject()


def _role(choice: Choice) -> QDialogButtonBox.ButtonRole:
    if choice is Choice.QUIT:
        return QDialogButtonBox.ButtonRole.RejectRole
    if choice is Choice.CHOOSE_ANOTHER:
        return QDialogButtonBox.ButtonRole.ActionRole
    return QDialogButtonBox.ButtonRole.AcceptRole


def _label(text: str, object_name: str, *, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    set_role(label, object_name)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class BackupPickerDialog(QDialog):
    """This database's backups, newest first, with when each was taken and why."""

    def __init__(self, db_path: Path, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.setWindowTitle("Open a backup")
        self.setMinimumSize(480, 320)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(f"Backups of {db_path.name}", "dialogTitle"))
        layout.addWidget(
            _label(
                "Choose the backup to go back to. The database as it is now is kept "
                "in the backups folder, so nothing is lost.",
                "dialogDetail",
            )
        )
        self.list = QListWidget()
        for backup in backups:
            QListWidgetItem(describe_backup(backup), self.list)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(self.accept)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(
            "Restore this backup", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(bool(backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def selected_backup(self) -> Backup | None:
        row = self.list.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None


_REASONS = {
    "daily": "daily backup",
    "manual": "backed up by you",
    "before-restore": "taken before a restore",
}


def describe_backup(backup: Backup) -> str:
    """'Fri 20 Nov 2026, 14:03 — daily backup'."""
    reason = _REASONS.get(backup.reason, backup.reason.replace("-", " "))
    if backup.reason.startswith("before-v"):
        reason = f"taken before the upgrade to schema {backup.reason.removeprefix('before-v')}"
    return f"{backup.taken_at:%a %d %b %Y, %H:%M} — {reason}"


def build_problem_dialog(
    error: DatabaseUnusable, parent: QWidget | None = None, *, quit_text: str = Choice.QUIT.value
) -> DatabaseProblemDialog:
    backups = list_backups(error.path) if error.path is not None else []
    return DatabaseProblemDialog(error, backups, parent, quit_text=quit_text)


def build_backup_picker(db_path: Path, parent: QWidget | None = None) -> BackupPickerDialog:
    return BackupPickerDialog(db_path, list_backups(db_path), parent)


def ask_what_to_do(
    error: DatabaseUnusable, parent: QWidget | None = None, *, quit_text: str = Choice.QUIT.value
) -> Choice:
    """Show the problem and wait for a choice; `quit_text` names Quit ("Cancel" from a menu)."""
    dialog = build_problem_dialog(error, parent, quit_text=quit_text)
    dialog.exec()
    return dialog.choice


def pick_backup(db_path: Path, parent: QWidget | None = None) -> Backup | None:
    dialog = build_backup_picker(db_path, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.selected_backup()


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, title, parent=parent)
    box.setInformativeText(message)
    box.exec()


def confirm_restore(parent: QWidget | None, file: Path, db_path: Path) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, APP_NAME, f"Restore {file.name}?", parent=parent)
    box.setInformativeText(
        f"Your data in {db_path.name} will be replaced by this backup. The data as it is now "
        f"is kept as a backup in {backup_folder(db_path)}, so you can go back to it."
    )
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def choose_existing_database(parent: QWidget | None, start: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open a database", str(start), DATABASE_FILTER)
    return Path(name) if name else None


def choose_new_database(parent: QWidget | None, start: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        "New database",
        str(start / f"new{DATABASE_SUFFIX}"),
        DATABASE_FILTER,
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return _with_suffix(name)


def choose_any_database(parent: QWidget | None, start: Path) -> Path | None:
    """Another database to open, or the name of a new one to start."""
    dialog = QFileDialog(parent, "Choose another database", str(start), DATABASE_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Open")
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return _with_suffix(dialog.selectedFiles()[0])


def choose_backup_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Restore from backup", str(folder), "Backups (*.sqlite *.db);;All files (*)"
    )
    return Path(name) if name else None


def _with_suffix(name: str) -> Path | None:
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(DATABASE_SUFFIX)


@dataclass(frozen=True)
class _Attempt:
    path: Path
    read_only: bool


def open_database(
    path: Path,
    *,
    read_only: bool = False,
    parent: QWidget | None = None,
    quit_text: str = Choice.QUIT.value,
) -> Store | None:
    """Open the database at `path`; if it cannot be used, ask what to do until it opens or Quit.

    Returns the open store (perhaps another database, or read-only: check `store.path` and
    `store.read_only`), or None when the creator chose Quit (named `quit_text`).
    """
    try:
        return open_store(Path(path), read_only=read_only)
    except StoreError as error:
        return recover_database(
            error, path, read_only=read_only, parent=parent, quit_text=quit_text
        )


def recover_database(
    error: StoreError,
    path: Path,
    *,
    read_only: bool = False,
    parent: QWidget | None = None,
    quit_text: str = Choice.QUIT.value,
) -> Store | None:
    """What `open_database` does once opening `path` failed with `error`; returns the same.

    The window's start calls it directly, so this module is imported only when needed.
    """
    attempt: _Attempt | None = _Attempt(Path(path), read_only)
    while True:
        attempt = _next_attempt(_as_unusable(error, attempt.path), attempt, parent, quit_text)
        if attempt is None:
            return None
        try:
            return open_store(attempt.path, read_only=attempt.read_only)
        except StoreError as next_error:
            error = next_error


def _as_unusable(error: StoreError, path: Path) -> DatabaseUnusable:
    """Any failure to open is shown as a database that cannot be used, with its remedies."""
    return error if isinstance(error, DatabaseUnusable) else DatabaseUnusable(error.message, path)


def _next_attempt(
    error: DatabaseUnusable, attempt: _Attempt, parent: QWidget | None, quit_text: str
) -> _Attempt | None:
    choice = ask_what_to_do(error, parent, quit_text=quit_text)
    if choice is Choice.QUIT:
        return None
    if choice is Choice.OPEN_READ_ONLY:
        return _Attempt(attempt.path, read_only=True)
    if choice is Choice.CHOOSE_ANOTHER:
        other = choose_any_database(parent, attempt.path.parent)
        return _Attempt(other, attempt.read_only) if other else attempt
    backup = pick_backup(attempt.path, parent)
    if backup is not None:
        restore_with_lock(attempt.path, backup.path, parent)
    return attempt


def restore_with_lock(db_path: Path, file: Path, parent: QWidget | None) -> bool:
    """Put the backup `file` in place of the database no one has open; says so if it cannot."""
    try:
        with instance_lock(db_path):
            restore_backup(db_path, file)
    except StoreError as error:
        show_error(parent, "The backup was not restored", error.message)
        return False
    except OSError as error:
        show_error(
            parent, "The backup was not restored", f"{file.name}: {error.strerror or error}."
        )
        return False
    return True
