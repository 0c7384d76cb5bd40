"""A database that cannot be used: the dialog names the problem, offers its remedies, and each works."""

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from companion.cli import EXIT_DATABASE_UNUSABLE
from companion.store import database
from companion.store.backup import Backup, backup_folder, list_backups, take_backup
from companion.store.database import open_store
from companion.store.errors import DatabaseCorrupt, DatabaseReadOnly
from companion.ui import app, database_dialogs
from companion.ui.database_dialogs import Choice, describe_backup
from companion.ui.main_window import LAST_DATABASE_KEY
from tests.ui.conftest import account_handles, add_account, make_database


@dataclass
class Seen:
    """What one problem dialog showed."""

    title: str
    message: str
    offered: list[Choice]
    button_texts: list[str]
    backup_enabled: bool | None


class Person:
    """Stands in for the creator: answers the real dialogs with planned choices."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.choices: list[Choice] = []
        self.seen: list[Seen] = []
        self.backups_listed: list[list[str]] = []
        self.errors: list[tuple[str, str]] = []
        self.other_database: Path | None = None
        monkeypatch.setattr(database_dialogs, "ask_what_to_do", self.ask)
        monkeypatch.setattr(database_dialogs, "pick_backup", self.pick_newest_backup)
        monkeypatch.setattr(database_dialogs, "choose_any_database", self.choose_other)
        monkeypatch.setattr(database_dialogs, "show_error", self.read_error)

    def ask(self, error, parent=None, *, quit_text: str = "Quit") -> Choice:
        dialog = database_dialogs.build_problem_dialog(error, parent, quit_text=quit_text)
        backup_button = dialog.button(Choice.OPEN_BACKUP)
        self.seen.append(
            Seen(
                title=dialog.findChild(QLabel, "dialogTitle").text(),
                message=dialog.findChild(QLabel, "dialogBody").text(),
                offered=dialog.offered(),
                button_texts=[dialog.button(choice).text() for choice in dialog.offered()],
                backup_enabled=backup_button.isEnabled() if backup_button else None,
            )
        )
        choice = self.choices.pop(0) if self.choices else Choice.QUIT
        dialog.button(choice).click()
        assert dialog.choice is choice
        return dialog.choice

    def pick_newest_backup(self, db_path: Path, parent=None) -> Backup | None:
        picker = database_dialogs.build_backup_picker(db_path, parent)
        self.backups_listed.append(
            [picker.list.item(row).text() for row in range(picker.list.count())]
        )
        picker.restore_button.click()
        return picker.selected_backup()

    def choose_other(self, parent, start: Path) -> Path | None:
        return self.other_database

    def read_error(self, parent, title: str, message: str) -> None:
        self.errors.append((title, message))


@pytest.fixture
def person(monkeypatch: pytest.MonkeyPatch) -> Person:
    return Person(monkeypatch)


def corrupt(path: Path) -> None:
    path.write_bytes(b"this is not a database, it is junk " * 200)


def backup_at(path: Path, when: datetime, reason: str, *handles: str) -> Path:
    """A backup of a database holding `handles`, named as if taken at `when`."""
    source = make_database(path.with_name("source.sqlite"), *handles)
    name = f"{path.stem}-{when:%Y%m%d-%H%M%S}-{reason}.sqlite"
    with open_store(source) as store:
        target = take_backup(store, target=backup_folder(path) / name)
    source.unlink()
    return target


def test_a_damaged_database_offers_backup_another_or_quit(person, start_app, db_path):
    corrupt(db_path)
    run = start_app(db_path)
    assert run.exit_code == EXIT_DATABASE_UNUSABLE
    assert run.windows == []
    [seen] = person.seen
    assert seen.title == "The database is damaged"
    assert "not a database file" in seen.message
    assert seen.offered == [Choice.OPEN_BACKUP, Choice.CHOOSE_ANOTHER, Choice.QUIT]
    assert seen.button_texts == ["Open a backup…", "Choose another database…", "Quit"]
    assert seen.backup_enabled is False, "no backups yet"


def test_open_a_backup_restores_the_newest_and_opens_it(person, start_app, db_path):
    backup_at(db_path, datetime(2026, 11, 1, 9, 0), "daily", "maya")
    backup_at(db_path, datetime(2026, 11, 2, 9, 0), "manual", "maya", "theo")
    corrupt(db_path)
    person.choices = [Choice.OPEN_BACKUP]
    run = start_app(db_path)
    assert run.exit_code == 0
    assert run.db_path == db_path
    assert run.read_only is False
    assert person.seen[0].backup_enabled is True
    assert person.backups_listed == [
        ["Mon 02 Nov 2026, 09:00 — backed up by you", "Sun 01 Nov 2026, 09:00 — daily backup"]
    ]
    with open_store(db_path) as store:
        assert account_handles(store) == ["maya", "theo"]
    kept = [path.name for path in backup_folder(db_path).iterdir()]
    assert any(name.startswith("companion-damaged-") for name in kept)


def test_a_database_from_a_newer_version(person, start_app, db_path):
    make_database(db_path, "maya")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    run = start_app(db_path)
    assert run.exit_code == EXIT_DATABASE_UNUSABLE
    [seen] = person.seen
    assert seen.title == "The database is from a newer version"
    assert seen.offered == [Choice.OPEN_BACKUP, Choice.CHOOSE_ANOTHER, Choice.QUIT]


def test_a_newer_database_can_go_back_to_a_backup(person, start_app, db_path):
    backup_at(db_path, datetime(2026, 11, 1, 9, 0), "daily", "maya")
    make_database(db_path, "newer")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    person.choices = [Choice.OPEN_BACKUP]
    assert start_app(db_path).exit_code == 0
    with open_store(db_path) as store:
        assert account_handles(store) == ["maya"]


def test_a_read_only_database_can_be_opened_read_only(person, start_app, db_path, monkeypatch):
    make_database(db_path, "maya")
    real_open_store = database.open_store
    calls = []

    def open_store_once_read_only(path, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise DatabaseReadOnly(f"{path.name} is read-only (test).", path)
        return real_open_store(path, **kwargs)

    # The start opens the database itself and loads the dialogs only when that fails.
    monkeypatch.setattr(app, "open_store", open_store_once_read_only)
    monkeypatch.setattr(database_dialogs, "open_store", open_store_once_read_only)
    person.choices = [Choice.OPEN_READ_ONLY]
    run = start_app(db_path)
    assert run.exit_code == 0
    assert run.read_only is True
    [seen] = person.seen
    assert seen.title == "The database is read-only"
    assert seen.offered == [
        Choice.OPEN_READ_ONLY,
        Choice.OPEN_BACKUP,
        Choice.CHOOSE_ANOTHER,
        Choice.QUIT,
    ]
    assert calls[1] == {"read_only": True}


def test_a_database_in_use_can_be_opened_read_only(person, start_app, db_path):
    make_database(db_path, "maya")
    with open_store(db_path):
        person.choices = [Choice.OPEN_READ_ONLY]
        run = start_app(db_path)
    assert run.exit_code == 0
    assert run.read_only is True
    [seen] = person.seen
    assert seen.title == "The database is already open"
    assert seen.offered == [Choice.OPEN_READ_ONLY, Choice.CHOOSE_ANOTHER, Choice.QUIT]


def test_a_database_in_use_quit_returns_non_zero(person, start_app, db_path):
    with open_store(db_path):
        run = start_app(db_path)
    assert run.exit_code == EXIT_DATABASE_UNUSABLE
    assert run.exit_code != 0


def test_choose_another_database_opens_it_and_remembers_it(person, start_app, db_path, tmp_path):
    corrupt(db_path)
    person.other_database = tmp_path / "elsewhere" / "fresh.sqlite"
    person.choices = [Choice.CHOOSE_ANOTHER]
    run = start_app(db_path)
    assert run.exit_code == 0
    assert run.db_path == person.other_database
    assert QSettings().value(LAST_DATABASE_KEY) == str(person.other_database)


def test_cancelling_the_file_chooser_asks_again(person, start_app, db_path):
    corrupt(db_path)
    person.choices = [Choice.CHOOSE_ANOTHER, Choice.QUIT]
    run = start_app(db_path)
    assert run.exit_code == EXIT_DATABASE_UNUSABLE
    assert len(person.seen) == 2


def test_a_backup_that_cannot_be_restored_says_why_and_asks_again(person, start_app, db_path):
    folder = backup_folder(db_path)
    folder.mkdir()
    (folder / "companion-20261101-090000-daily.sqlite").write_bytes(b"junk" * 500)
    corrupt(db_path)
    person.choices = [Choice.OPEN_BACKUP, Choice.QUIT]
    run = start_app(db_path)
    assert run.exit_code == EXIT_DATABASE_UNUSABLE
    [(title, message)] = person.errors
    assert title == "The backup was not restored"
    assert "companion-20261101-090000-daily.sqlite" in message
    assert len(person.seen) == 2


def test_other_store_errors_get_the_dialog_not_a_traceback(person, start_app, tmp_path):
    missing = tmp_path / "nowhere.sqlite"
    run = start_app(missing, read_only=True)
    assert run.exit_code == EXIT_DATABASE_UNUSABLE
    [seen] = person.seen
    assert seen.title == "The database cannot be used"
    assert "no database" in seen.message


def test_opening_a_damaged_database_from_the_menu_can_be_cancelled(
    person, make_window, tmp_path, monkeypatch
):
    damaged = tmp_path / "damaged.sqlite"
    corrupt(damaged)
    window = make_window()
    add_account(window.context.store, "maya")
    monkeypatch.setattr(database_dialogs, "choose_existing_database", lambda parent, s: damaged)
    window.action_open_database.trigger()
    [seen] = person.seen
    assert seen.button_texts[-1] == "Cancel"
    assert account_handles(window.context.store) == ["maya"]


def test_escape_means_quit(qtbot):
    error = DatabaseCorrupt("It is damaged.", Path("/nowhere/companion.sqlite"))
    dialog = database_dialogs.build_problem_dialog(error)
    qtbot.addWidget(dialog)
    dialog.choose(Choice.OPEN_BACKUP)
    dialog.reject()
    assert dialog.choice is Choice.QUIT


def test_the_backup_picker_without_backups_cannot_restore(qtbot, db_path):
    picker = database_dialogs.build_backup_picker(db_path)
    qtbot.addWidget(picker)
    assert not picker.restore_button.isEnabled()
    assert picker.selected_backup() is None


def test_backups_are_described_by_date_and_reason():
    when = datetime(2026, 11, 20, 14, 3)
    assert (
        describe_backup(Backup(Path("x"), when, "daily")) == "Fri 20 Nov 2026, 14:03 — daily backup"
    )
    assert describe_backup(Backup(Path("x"), when, "before-v2")).endswith(
        "taken before the upgrade to schema 2"
    )
    assert describe_backup(Backup(Path("x"), when, "before-restore")).endswith(
        "taken before a restore"
    )
    assert list_backups(Path("/nowhere/companion.sqlite")) == []
