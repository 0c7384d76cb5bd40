"""File ▸ Import…: the worker, and the dialog driven end to end on hand-made files."""

import contextlib
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from companion.core.platforms import Platform
from companion.importers.generic_csv import ImportTarget, read_sample
from companion.store import imports
from companion.store.accounts import add_account, list_accounts
from companion.store.database import open_store
from companion.store.posts import list_posts
from companion.store.snapshots import snapshots_of
from companion.ui import import_dialog, incoming_files
from companion.ui.context import AppContext
from companion.ui.import_dialog import ImportDialog, Stage, open_import_dialog
from companion.ui.workers import Worker

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 11, 20)
WAIT_MS = 10_000


# --- the worker ---------------------------------------------------------------------------


def test_a_worker_reports_progress_then_its_result(qtbot):
    def count_to_three():
        yield from (1, 2, 3)
        return "done"

    worker = Worker(count_to_three)
    seen = []
    worker.progressed.connect(seen.append)
    with qtbot.waitSignal(worker.finished, timeout=WAIT_MS) as finished:
        worker.start()
    assert finished.args == ["done"]
    assert seen == [1, 2, 3]
    assert not worker.running


def test_a_worker_reports_a_failure_without_raising(qtbot):
    def fail():
        yield 1
        raise ValueError("bad cell")

    worker = Worker(fail)
    with qtbot.waitSignal(worker.failed, timeout=WAIT_MS) as failed:
        worker.start()
    assert str(failed.args[0]) == "bad cell"


def test_cancel_stops_the_job_between_steps_and_unwinds_it(qtbot):
    unwound = threading.Event()
    steps_run = []

    def endless():
        try:
            while True:
                steps_run.append(1)
                if len(steps_run) == 2:
                    worker.cancel()  # as if Cancel were pressed during the second step
                yield len(steps_run)
        finally:
            unwound.set()

    worker = Worker(endless)
    with qtbot.waitSignal(worker.cancelled, timeout=WAIT_MS):
        worker.start()
    assert len(steps_run) == 2
    assert unwound.is_set()


def test_a_cancelled_import_job_writes_nothing(qtbot, db_path):
    with open_store(db_path) as store:
        add_account(store, Platform.INSTAGRAM, "nina")
        plan = ImportDialog(AppContext(store), read_sample(DATA / "snapshots-us.csv"), today=TODAY)
        plan = plan.plan()

        def import_then_cancel():
            with contextlib.closing(
                import_dialog.import_steps(plan, store, check_only=False)
            ) as steps:
                progress = next(steps)  # the whole small file is written, not yet committed
                worker.cancel()
                yield progress
                yield from steps

        worker = Worker(import_then_cancel)
        with qtbot.waitSignal(worker.cancelled, timeout=WAIT_MS):
            worker.start()
        assert snapshots_of(store, 1) == []


# --- the dialog ---------------------------------------------------------------------------


@pytest.fixture
def context(db_path):
    store = open_store(db_path)
    add_account(store, Platform.INSTAGRAM, "nina")
    yield AppContext(store)
    store.close()


class Answers:
    """Replaces the dialog's questions: records what was asked and answers as told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, confirm: bool = True) -> None:
        self.questions: list[str] = []
        self.details: list[str] = []
        self.problems: list[str] = []
        self.files: list[Path | None] = []
        self.confirm = confirm
        monkeypatch.setattr(import_dialog, "confirm_import", self._confirm)
        monkeypatch.setattr(import_dialog, "show_import_problem", self._problem)
        monkeypatch.setattr(import_dialog, "choose_csv_file", self._file)

    def _confirm(self, parent, question: str, details: str) -> bool:
        self.questions.append(question)
        self.details.append(details)
        return self.confirm

    def _problem(self, parent, message: str) -> None:
        self.problems.append(message)

    def _file(self, parent, start: Path) -> Path | None:
        return self.files.pop(0)


def make_dialog(qtbot, context: AppContext, name: str | Path) -> ImportDialog:
    dialog = ImportDialog(context, read_sample(DATA / name), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def run_import(qtbot, dialog: ImportDialog) -> None:
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.stage is Stage.READY, timeout=WAIT_MS)


def test_the_dialog_imports_a_file_after_confirmation(qtbot, context, monkeypatch):
    answers = Answers(monkeypatch)
    dialog = make_dialog(qtbot, context, "snapshots-us.csv")
    assert dialog.found_label.text() == (
        "snapshots-us.csv: UTF-8, comma-separated, 8 rows, dates like 03/31/2025"
    )
    assert dialog.import_button.isEnabled()
    statuses = []
    context.status_message.connect(statuses.append)
    with (
        qtbot.waitSignal(dialog.imported, timeout=WAIT_MS),
        qtbot.waitSignal(context.data_changed, timeout=WAIT_MS),
    ):
        dialog.import_button.click()

    assert answers.questions == [
        "7 rows ready: 7 new. 1 row rejected (see list). Import?",
    ]
    assert "Line 10: a totals row ('Total')" in answers.details[0]
    assert [s.followers for s in snapshots_of(context.store, 1)] == [
        1180,
        1187,
        1195,
        1201,
        1214,
        1226,
        1234,
    ]
    assert statuses == ["Imported snapshots-us.csv: 7 new, 0 updated, 0 unchanged; 1 row rejected."]
    assert dialog.result() == ImportDialog.DialogCode.Accepted


def test_importing_the_same_file_again_says_what_is_already_there(qtbot, context, monkeypatch):
    answers = Answers(monkeypatch)
    for _ in range(2):
        dialog = make_dialog(qtbot, context, "snapshots-us.csv")
        with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
            dialog.import_button.click()
    assert answers.questions[1] == (
        "7 rows ready: 0 new, 7 already in your record (nothing in them changes). "
        "1 row rejected (see list). Import?"
    )


def test_declining_writes_nothing_and_lists_the_rejected_rows(qtbot, context, monkeypatch):
    Answers(monkeypatch, confirm=False)
    dialog = make_dialog(qtbot, context, "snapshots-bad-rows.csv")
    run_import(qtbot, dialog)
    assert snapshots_of(context.store, 1) == []
    assert dialog.message_label.text() == "Nothing was imported."
    assert dialog.tabs.currentIndex() == 1
    assert dialog.tabs.tabText(1) == "Rows left out and notes (7)"
    assert dialog.messages_model.rowCount() == 7
    dialog.copy_messages()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0] == "Line\tStatus\tField\tWhat happened"
    assert copied[1] == "3\tLeft out\tFollowers\texpected a count of 0 or more, got '-5'"
    assert dialog.isVisible()


def test_posts_with_a_changed_mapping_and_date_format(qtbot, context, monkeypatch, tmp_path):
    Answers(monkeypatch)
    with context.store.transaction():
        context.store.db["snapshot"].insert({"account_id": 1, "date": "2025-03-20", "followers": 9})
    path = tmp_path / "posts.csv"
    path.write_text(
        "When,Format,Text,Hearts\n"
        '18/03/2025 07:13,Reel,Pastéis de nata,"1,204"\n'
        "21/03/2025 12:30,Poll,Which pastry next?,230\n",
        encoding="utf-8",
    )
    dialog = make_dialog(qtbot, context, path)
    dialog.choose_target(ImportTarget.POSTS)
    assert "Choose the column that holds Published." in dialog.message_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.choose_column("published_at", "When")
    dialog.choose_column("likes", "Hearts")
    dialog.choose_column("caption", "Text")
    assert dialog.mapping.date_format == "%d/%m/%Y %H:%M"
    dialog.choose_date_format("%m/%d/%Y %H:%M")
    assert dialog.preview_model.index(0, 1).data() == "18/03/2025 07:13"  # shown as rejected
    dialog.choose_date_format("%d/%m/%Y %H:%M")
    assert dialog.preview_model.index(0, 1).data() == "2025-03-18 07:13"
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        dialog.import_button.click()
    posts = sorted(list_posts(context.store, 1), key=lambda p: p.published_at)
    assert [(p.kind, p.caption, p.likes) for p in posts] == [
        ("reel", "Pastéis de nata", 1204),
        ("post", "Which pastry next?", 230),
    ]
    assert dialog.messages_model.rowCount() == 2  # before the first snapshot; an unknown kind


def test_with_no_accounts_the_creator_adds_one(qtbot, db_path, monkeypatch):
    Answers(monkeypatch)
    with open_store(db_path) as store:
        context = AppContext(store)
        dialog = make_dialog(qtbot, context, "snapshots-windows-1252.csv")
        assert dialog.no_accounts_label.isVisible()
        assert not dialog.import_button.isEnabled()
        assert dialog.message_label.text() == "Add the account these rows belong to."
        dialog.platform_box.setCurrentIndex(dialog.platform_box.findData(Platform.TIKTOK))
        dialog.handle_edit.setText("@nina.eats")
        qtbot.keyClick(dialog.handle_edit, Qt.Key.Key_Return)
        assert [a.handle for a in list_accounts(store)] == ["@nina.eats"]
        assert dialog.stage is Stage.READY  # Return added the account, and only that
        assert dialog.account_box.currentText() == "@nina.eats — TikTok"
        assert dialog.import_button.isEnabled()
        dialog.new_account_button.click()
        dialog.handle_edit.setText("nina.eats")
        dialog.add_account_button.click()
        assert dialog.message_label.text() == (
            "You already have TikTok @nina.eats; add each account once."
        )
        assert dialog.message_label.is_problem
        with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
            dialog.import_button.click()
        assert len(snapshots_of(store, list_accounts(store)[0].id)) == 7


def waits_for_cancel(monkeypatch, dialog_holder: list[ImportDialog], at_stage: Stage) -> None:
    """Make the run pause after its first batch until Cancel is pressed (at one stage)."""
    real = import_dialog.run_import

    def paused(plan, write):
        with contextlib.closing(real(plan, write)) as steps:
            progress = next(steps)
            yield progress
            dialog = dialog_holder[0]
            while dialog.stage is at_stage and not dialog.worker.cancel_requested:
                time.sleep(0.01)
            yield progress  # the worker looks at Cancel before going on
            return (yield from steps)

    monkeypatch.setattr(import_dialog, "run_import", paused)


@pytest.mark.parametrize("stage", [Stage.CHECKING, Stage.WRITING])
def test_cancel_really_stops_and_writes_nothing(qtbot, context, monkeypatch, stage):
    Answers(monkeypatch)
    holder: list[ImportDialog] = []
    waits_for_cancel(monkeypatch, holder, stage)
    dialog = make_dialog(qtbot, context, "snapshots-us.csv")
    holder.append(dialog)
    dialog.import_button.click()
    qtbot.waitUntil(
        lambda: dialog.stage is stage and dialog.stop_button.isVisible(), timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0, timeout=WAIT_MS)
    dialog.stop_button.click()
    qtbot.waitUntil(lambda: dialog.stage is Stage.READY, timeout=WAIT_MS)
    assert dialog.message_label.text() == "Stopped. Nothing was imported."
    assert snapshots_of(context.store, 1) == []
    assert not dialog.stop_button.isVisible()
    assert dialog.import_button.isEnabled()


def test_closing_while_it_works_stops_the_work(qtbot, context, monkeypatch):
    Answers(monkeypatch)
    holder: list[ImportDialog] = []
    waits_for_cancel(monkeypatch, holder, Stage.CHECKING)
    dialog = make_dialog(qtbot, context, "snapshots-us.csv")
    holder.append(dialog)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0, timeout=WAIT_MS)
    dialog.reject()
    assert not dialog.worker.running
    assert not dialog.isVisible()


def test_a_database_failure_while_writing_leaves_the_record_unchanged(qtbot, context, monkeypatch):
    answers = Answers(monkeypatch)
    real = imports.import_snapshots
    calls = []

    def fail_when_writing(store, snapshots):
        calls.append(len(snapshots))
        if len(calls) == 2:  # the first call is the check, the second the write
            raise sqlite3.OperationalError("database or disk is full")
        return real(store, snapshots)

    monkeypatch.setattr(imports, "import_snapshots", fail_when_writing)
    dialog = make_dialog(qtbot, context, "snapshots-us.csv")
    dialog.import_button.click()
    qtbot.waitUntil(lambda: "Nothing was imported" in dialog.message_label.text(), timeout=WAIT_MS)
    assert len(answers.questions) == 1
    assert dialog.message_label.text() == (
        "The import stopped on an unexpected problem (database or disk is full). "
        "Nothing was imported."
    )
    assert snapshots_of(context.store, 1) == []
    assert dialog.stage is Stage.READY


def test_a_file_that_breaks_while_reading_names_its_line(qtbot, context, monkeypatch, tmp_path):
    Answers(monkeypatch)
    monkeypatch.setattr("companion.importers.generic_csv.EXACT_COUNT_BYTES", 0)
    monkeypatch.setattr("companion.importers.text_files.CHUNK_BYTES", 4096)
    path = tmp_path / "long.csv"
    path.write_bytes(b"Date,Followers\n" + b"2025-03-01,100\n" * 5000 + b"2025-03-02,caf\xe9\n")
    dialog = make_dialog(qtbot, context, path)
    run_import(qtbot, dialog)
    assert dialog.message_label.text() == (
        "long.csv, line 5002: has bytes that are not valid UTF-8 text; save it again as UTF-8 "
        "and retry. Nothing was imported."
    )
    assert snapshots_of(context.store, 1) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "junk.csv: is empty; expected a header line and rows of data."),
        (bytes(range(256)) * 40, "junk.csv: this is not a text file"),
    ],
)
def test_unusable_files_get_a_message_naming_them(
    qtbot, context, monkeypatch, tmp_path, data, message
):
    answers = Answers(monkeypatch)
    path = tmp_path / "junk.csv"
    path.write_bytes(data)
    assert open_import_dialog(None, context, path) is None
    assert answers.problems[0].startswith(message)


def test_a_file_with_no_known_columns_opens_and_says_so(qtbot, context, monkeypatch, tmp_path):
    answers = Answers(monkeypatch)
    path = tmp_path / "notes.csv"
    path.write_text("Notes,Mood\nlovely day,happy\n", encoding="utf-8")
    answers.files.append(path)
    dialog = open_import_dialog(None, context)
    qtbot.addWidget(dialog)
    assert dialog.message_label.text().startswith(
        "None of the columns of notes.csv (Notes, Mood) look like daily numbers"
    )
    assert not dialog.import_button.isEnabled()
    answers.files.append(DATA / "snapshots-windows-1252.csv")
    dialog.choose_other_file()
    assert dialog.sample.name == "snapshots-windows-1252.csv"
    assert dialog.import_button.isEnabled()
    dialog.reject()


def test_a_read_only_database_cannot_import(qtbot, db_path, monkeypatch):
    answers = Answers(monkeypatch)
    open_store(db_path).close()
    with open_store(db_path, read_only=True) as store:
        assert open_import_dialog(None, AppContext(store), DATA / "snapshots-us.csv") is None
    assert answers.problems == ["This database was opened read-only, so nothing can be imported."]


def test_file_import_in_the_main_window_ends_in_the_status_bar(qtbot, make_window, monkeypatch):
    Answers(monkeypatch)
    chosen = [DATA / "snapshots-windows-1252.csv"]
    monkeypatch.setattr(incoming_files, "choose_import_files", lambda parent, start: chosen)
    window = make_window()
    add_account(window.context.store, Platform.INSTAGRAM, "nina")
    window.action_import.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        dialog.import_button.click()
    assert window.statusBar().currentMessage() == (
        "Imported snapshots-windows-1252.csv: 7 new, 0 updated, 0 unchanged."
    )
    assert len(snapshots_of(window.context.store, 1)) == 7
