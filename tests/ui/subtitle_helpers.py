"""Shared by the subtitle editor's UI tests: the real sample files, an editor with a file open, and answers to its questions."""

import shutil
from pathlib import Path

import pytest

from companion.ui.context import AppContext
from companion.ui.subtitles import questions
from companion.ui.subtitles.editor import SubtitleEditor
from companion.ui.subtitles.questions import Unsaved

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "subtitles" / "webvtt-py"
needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"the real sample files are not there ({SAMPLES})"
)
OPEN_TIMEOUT_MS = 10_000


def sample_copy(name: str, folder: Path) -> Path:
    """A writable copy of a real sample file (the samples themselves are read-only)."""
    target = folder / name
    shutil.copyfile(SAMPLES / name, target)
    target.chmod(0o644)
    return target


def open_in(qtbot, editor: SubtitleEditor, path: Path) -> None:
    """Open a file and wait until the worker has read it and the editor shows it."""
    with qtbot.waitSignal(editor.file_opened, timeout=OPEN_TIMEOUT_MS):
        assert editor.open_file(path)


def make_editor(qtbot, context: AppContext, path: Path | None = None) -> SubtitleEditor:
    editor = SubtitleEditor(context)
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    if path is not None:
        open_in(qtbot, editor, path)
    return editor


class Answers:
    """Stands in for the creator: records each question and gives the answer set for it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[str] = []
        self.errors: list[str] = []
        self.unsaved = Unsaved.CANCEL
        self.restore = False
        self.save_path: Path | None = None
        monkeypatch.setattr(questions, "ask_unsaved", self._unsaved)
        monkeypatch.setattr(questions, "ask_restore", self._restore)
        monkeypatch.setattr(questions, "show_error", self._error)
        monkeypatch.setattr(questions, "choose_save_path", self._save_path)

    def _unsaved(self, parent, name):
        self.asked.append(f"unsaved {name}")
        return self.unsaved

    def _restore(self, parent, recovered):
        self.asked.append(f"restore {recovered.source.name}")
        return self.restore

    def _error(self, parent, title, message):
        self.errors.append(f"{title}: {message}")

    def _save_path(self, parent, suggested, format):
        self.asked.append(f"save as {format.value}")
        return self.save_path
