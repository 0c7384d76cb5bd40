"""Unsaved subtitle edits are never lost: a recovery file after each edit, offered back after a crash; closing asks first."""

import subprocess
import sys

import pytest

from companion.importers.subtitles import read_subtitles
from companion.ui.context import AppContext
from companion.ui.subtitles.cue_model import CueColumn
from companion.ui.subtitles.questions import Unsaved
from companion.ui.subtitles.recovery import (
    RECOVERY_FOLDER,
    read_recovery,
    recovery_path,
    write_recovery,
)
from tests.ui.subtitle_helpers import Answers, make_editor, needs_samples, sample_copy

pytestmark = needs_samples


@pytest.fixture
def context(store):
    return AppContext(store)


@pytest.fixture
def answers(monkeypatch):
    return Answers(monkeypatch)


@pytest.fixture
def path(tmp_path):
    return sample_copy("comments.vtt", tmp_path)


def edit_first_cue(editor, text="Unsaved words"):
    editor.model.setData(editor.model.index(0, CueColumn.TEXT), text)


def test_a_recovery_file_is_written_a_moment_after_an_edit(
    qtbot, context, path, answers, _isolated_user_folders
):
    editor = make_editor(qtbot, context, path)
    edit_first_cue(editor)
    assert editor.autosaver.pending
    qtbot.waitUntil(lambda: recovery_path(path).exists(), timeout=5_000)
    assert recovery_path(path).parent.name == RECOVERY_FOLDER
    assert str(recovery_path(path)).startswith(str(_isolated_user_folders))
    recovered = read_recovery(path)
    assert recovered.source == path
    assert recovered.document.cues == editor.session.cues
    assert recovered.document.preamble == editor.session.document.preamble


def test_after_a_crash_the_edits_are_offered_back_and_restored(qtbot, context, path, answers):
    crashed = make_editor(qtbot, context, path)
    edit_first_cue(crashed)
    crashed.autosaver.flush()
    edited = crashed.session.cues
    # A crash: the editor is gone without being asked to close, its recovery file left behind.
    crashed.autosaver.cancel(None)
    crashed.hide()
    assert read_subtitles(path).cues[0].text != "Unsaved words"
    answers.restore = True
    editor = make_editor(qtbot, AppContext(context.store), path)
    assert answers.asked == ["restore comments.vtt"]
    assert editor.session.cues == edited
    assert editor.session.modified
    editor.context.undo_stack.undo()
    assert editor.session.cues == read_subtitles(path).cues
    assert not editor.session.modified


def test_declined_edits_are_discarded_and_not_offered_again(qtbot, context, path, answers):
    write_recovery(path, read_subtitles(path).with_cues(()))
    answers.restore = False
    editor = make_editor(qtbot, context, path)
    assert answers.asked == ["restore comments.vtt"]
    assert editor.session.cues == read_subtitles(path).cues
    assert not recovery_path(path).exists()


def test_a_recovery_file_that_matches_the_file_is_not_offered(qtbot, context, path, answers):
    write_recovery(path, read_subtitles(path))
    make_editor(qtbot, context, path)
    assert answers.asked == []
    assert not recovery_path(path).exists()


def test_an_unreadable_recovery_file_is_ignored(path):
    target = recovery_path(path)
    target.parent.mkdir(parents=True)
    target.write_text("{not json", encoding="utf-8")
    assert read_recovery(path) is None


def test_saving_or_undoing_to_the_saved_state_removes_the_recovery_file(
    qtbot, context, path, answers
):
    editor = make_editor(qtbot, context, path)
    edit_first_cue(editor)
    editor.autosaver.flush()
    assert recovery_path(path).exists()
    context.undo_stack.undo()
    assert not recovery_path(path).exists() and not editor.autosaver.pending
    context.undo_stack.redo()
    editor.autosaver.flush()
    assert editor.save()
    assert not recovery_path(path).exists()


def test_closing_without_edits_does_not_ask(qtbot, context, path, answers):
    editor = make_editor(qtbot, context, path)
    assert editor.maybe_close()
    assert answers.asked == []


def test_closing_with_edits_asks_and_cancel_keeps_them(qtbot, context, path, answers):
    editor = make_editor(qtbot, context, path)
    edit_first_cue(editor)
    answers.unsaved = Unsaved.CANCEL
    assert not editor.maybe_close()
    assert answers.asked == ["unsaved comments.vtt"]
    assert editor.session.modified and editor.session.cues[0].text == "Unsaved words"


def test_closing_with_edits_and_dont_save_discards_them(qtbot, context, path, answers):
    editor = make_editor(qtbot, context, path)
    edit_first_cue(editor)
    editor.autosaver.flush()
    answers.unsaved = Unsaved.DISCARD
    assert editor.maybe_close()
    assert not recovery_path(path).exists()
    assert read_subtitles(path).cues[0].text != "Unsaved words"


def test_closing_with_edits_and_save_writes_the_file(qtbot, context, path, answers):
    editor = make_editor(qtbot, context, path)
    edit_first_cue(editor)
    answers.unsaved = Unsaved.SAVE
    assert editor.maybe_close()
    assert read_subtitles(path).cues[0].text == "Unsaved words"


def test_opening_another_file_with_unsaved_edits_asks_first(
    qtbot, context, path, tmp_path, answers
):
    editor = make_editor(qtbot, context, path)
    edit_first_cue(editor)
    answers.unsaved = Unsaved.CANCEL
    assert not editor.open_file(sample_copy("sample.srt", tmp_path))
    assert editor.session.path == path


CRASHING_EDITOR = """
import os, signal, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from companion.store.database import open_store
from companion.ui.context import AppContext
from companion.ui.subtitles.cue_model import CueColumn
from companion.ui.subtitles.editor import SubtitleEditor
from companion.ui.subtitles.recovery import recovery_path

app = QApplication(["crashing-editor", "-platform", "offscreen"])
path, db = Path(sys.argv[1]), Path(sys.argv[2])
editor = SubtitleEditor(AppContext(open_store(db)))
loop = QEventLoop()
editor.file_opened.connect(loop.quit)
editor.open_file(path)
loop.exec()
editor.model.setData(editor.model.index(0, CueColumn.TEXT), "Typed before the crash")
while not recovery_path(path).exists():
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_edits_survive_a_killed_process(qtbot, context, path, answers, tmp_path):
    """The app is killed a moment after an edit: the next open offers the edit back."""
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_EDITOR, str(path), str(tmp_path / "child.sqlite")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == -9, child.stderr[-2000:]
    assert read_subtitles(path).cues[0].text != "Typed before the crash"
    answers.restore = True
    editor = make_editor(qtbot, context, path)
    assert answers.asked == ["restore comments.vtt"]
    assert editor.session.cues[0].text == "Typed before the crash"
