"""The platform import in the window: look, show, choose the account, import with Stop, summary."""

import contextlib
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from companion.core.platforms import Platform
from companion.importers.errors import ImportFailed
from companion.store.accounts import add_account, list_accounts
from companion.store.database import open_store
from companion.ui import platform_import
from companion.ui.context import AppContext
from companion.ui.platform_import import NEW_ACCOUNT, PlatformImportDialog, start_platform_import

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "samples" / "exports"
HAILEY = EXPORTS / "collected" / "tiktok" / "htupycollabs-spec__Analytics"
TABLE_A = EXPORTS / "youtube" / "studio-table-per-video-a.csv"
WAIT_MS = 20_000

pytestmark = pytest.mark.skipif(not EXPORTS.exists(), reason="shared samples are not here")


@pytest.fixture
def context(db_path):
    store = open_store(db_path)
    yield AppContext(store)
    store.close()


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def opened(qtbot, parent, context, paths) -> PlatformImportDialog:
    dialog = start_platform_import(parent, context, paths)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.worker.running and dialog.scan is not None, timeout=WAIT_MS)
    return dialog


def rows(context: AppContext, table: str) -> int:
    return context.store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def imported(qtbot, dialog: PlatformImportDialog) -> None:
    with qtbot.waitSignal(dialog.context.data_changed, timeout=WAIT_MS):
        dialog.import_button.click()


def test_a_folder_is_shown_then_imported_into_the_account_it_names(qtbot, parent, context):
    dialog = opened(qtbot, parent, context, [HAILEY])
    model = dialog.files_model
    assert [r.status for r in model.rows].count("import") == 8
    assert [r.status for r in model.rows].count("skipped") == 2
    assert any("TikTok Studio, daily followers" in r.what for r in model.rows)
    [(indexes, choice)] = dialog.choices
    assert len(indexes) == 8
    assert choice.combo.currentText() == "New account: haileytupy2.0"
    assert dialog.import_button.isEnabled()
    messages: list[str] = []
    context.status_message.connect(messages.append)
    imported(qtbot, dialog)
    [account] = list_accounts(context.store)
    assert (account.platform, account.handle) == (Platform.TIKTOK, "haileytupy2.0")
    assert rows(context, "snapshot") > 300 and rows(context, "audience") > 0
    assert dialog.message.text().startswith("Imported: ")
    assert " new, " in messages[0]
    assert not dialog.import_button.isVisible()


def test_the_creator_sends_the_files_to_another_account(qtbot, parent, context):
    mine = add_account(context.store, Platform.YOUTUBE, "mychannel")
    dialog = opened(qtbot, parent, context, [TABLE_A])
    [(_indexes, choice)] = dialog.choices
    assert choice.combo.currentText() == "@mychannel"  # the only YouTube account
    imported(qtbot, dialog)
    assert context.store.conn.execute("SELECT DISTINCT account_id FROM post").fetchall() == [
        (mine.id,)
    ]


def test_a_new_account_needs_its_handle_typed(qtbot, parent, context):
    dialog = opened(qtbot, parent, context, [TABLE_A])
    [(_indexes, choice)] = dialog.choices
    assert choice.combo.currentText() == NEW_ACCOUNT
    dialog.import_button.click()
    assert "Type the new YouTube handle" in dialog.message.text()
    assert rows(context, "post") == 0
    choice.new_handle.setText("@studio")
    imported(qtbot, dialog)
    assert [a.handle for a in list_accounts(context.store)] == ["studio"]
    assert rows(context, "post") == 24
    assert "24 new, 0 updated, 0 unchanged, 0 rejected" in dialog.message.text()


def test_importing_again_says_nothing_changed(qtbot, parent, context):
    add_account(context.store, Platform.YOUTUBE, "mychannel")
    imported(qtbot, opened(qtbot, parent, context, [TABLE_A]))
    again = opened(qtbot, parent, context, [TABLE_A])
    imported(qtbot, again)
    assert "0 new, 0 updated, 24 unchanged, 0 rejected" in again.message.text()


def test_stop_really_stops_and_writes_nothing(qtbot, parent, context, monkeypatch):
    real = platform_import.run_plan
    holder: list[PlatformImportDialog] = []

    def paused(found, targets, added, write, today):
        with contextlib.closing(real(found, targets, added, write, today)) as steps:
            progress = next(steps)
            yield progress
            while not holder[0].worker.cancel_requested:
                time.sleep(0.01)
            yield progress  # the worker looks at Stop before going on
            return (yield from steps)

    monkeypatch.setattr(platform_import, "run_plan", paused)
    monkeypatch.setattr("companion.importers.generic_csv.BATCH_ROWS", 50)
    dialog = opened(qtbot, parent, context, [HAILEY])
    holder.append(dialog)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0, timeout=WAIT_MS)
    dialog.stop_button.click()
    qtbot.waitUntil(lambda: not dialog.worker.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Stopped" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.message.text() == "Stopped. Nothing was imported."
    assert list_accounts(context.store) == []
    assert rows(context, "snapshot") == 0
    assert dialog.import_button.isEnabled()


def test_a_file_that_breaks_while_importing_is_named_and_nothing_is_kept(
    qtbot, parent, context, monkeypatch
):
    def broken(found, targets, added, write, today):
        yield from ()
        raise ImportFailed("is not valid CSV here (unexpected end of data).", TABLE_A, 17)

    add_account(context.store, Platform.YOUTUBE, "mychannel")
    monkeypatch.setattr(platform_import, "run_plan", broken)
    dialog = opened(qtbot, parent, context, [TABLE_A])
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.message.is_problem, timeout=WAIT_MS)
    assert dialog.message.text() == (
        "studio-table-per-video-a.csv, line 17: is not valid CSV here (unexpected end of data). "
        "Nothing was imported."
    )
    assert rows(context, "post") == 0


def test_nothing_usable_says_why_and_offers_no_import(qtbot, parent, context, tmp_path):
    junk = tmp_path / "Table data.csv"
    junk.write_bytes(bytes(range(256)) * 40)
    dialog = opened(qtbot, parent, context, [junk])
    assert dialog.heading.text() == "Nothing here can be imported."
    assert "not a text file" in dialog.message.text()
    assert "more in the list" not in dialog.message.text()  # it is the only one
    assert dialog.message.is_problem
    assert not dialog.import_button.isEnabled()
    assert [r.status for r in dialog.files_model.rows] == ["refused"]


def test_closing_while_looking_stops_the_work(qtbot, parent, context, monkeypatch):
    def slow_scan(paths, today):
        while True:
            yield "a file"
            time.sleep(0.01)

    monkeypatch.setattr(platform_import, "scan_steps", slow_scan)
    dialog = start_platform_import(parent, context, [HAILEY])
    qtbot.waitUntil(lambda: dialog.progress_label.text() == "Looking at a file", timeout=WAIT_MS)
    dialog.reject()
    assert not dialog.worker.running
    assert not dialog.isVisible()


def test_a_read_only_database_imports_nothing(qtbot, parent, db_path, monkeypatch):
    open_store(db_path).close()
    problems: list[str] = []
    monkeypatch.setattr(
        platform_import, "show_problem", lambda _parent, text: problems.append(text)
    )
    with open_store(db_path, read_only=True) as store:
        assert start_platform_import(parent, AppContext(store), [TABLE_A]) is None
    assert problems == ["This database was opened read-only, so nothing can be imported."]
