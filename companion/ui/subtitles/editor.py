"""The subtitle editor: a toolbar, the cue table, the selected cue's text and preview, and the checks.

Opening reads and checks the file on a worker thread; every edit is an undo command on the
app's stack (operations.py); unsaved edits go to a recovery file a moment after each change.
"""

import functools
from collections.abc import Generator
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion.core.subtitles.checks import CheckSummary, Finding, check_document, summarize
from companion.core.subtitles.cues import Document, SubtitleError, SubtitleFormat
from companion.core.subtitles.rules import Rules
from companion.exporters.subtitles import SAVABLE_FORMATS, write_subtitles
from companion.importers.errors import ImportFailed
from companion.importers.subtitles import read_subtitles
from companion.store.errors import StoreError
from companion.store.subtitle_files import load_subtitle_rules, save_subtitle_rules
from companion.ui.context import AppContext
from companion.ui.subtitles import questions
from companion.ui.subtitles.cue_model import CueTableModel
from companion.ui.subtitles.cue_table import CueTable
from companion.ui.subtitles.find_bar import FindBar
from companion.ui.subtitles.findings import FindingsPanel, worst_marks
from companion.ui.subtitles.operations import CueOperations
from companion.ui.subtitles.preview import CuePreview
from companion.ui.subtitles.questions import Unsaved
from companion.ui.subtitles.recovery import Autosaver, discard_recovery, read_recovery
from companion.ui.subtitles.rules_dialog import ask_rules
from companion.ui.subtitles.session import EditSession
from companion.ui.subtitles.toolbar import EditorToolbar
from companion.ui.theme import current_colors, set_role
from companion.ui.workers import Worker

CHECK_DELAY_MS = 300
TEXT_BOX_LINES = 3
PREVIEW_WIDTH = 320


def read_and_check(path: Path) -> tuple[Document, list[Finding]]:
    document = read_subtitles(path)
    return document, check_document(document)


class SubtitleEditor(QWidget):
    """Edits one subtitle file at a time."""

    file_opened = Signal(object)
    """Carries the Path of the file now open."""
    open_failed = Signal(str)
    """Carries the message shown for a file that could not be opened."""
    file_saved = Signal(object)
    """Carries the Path saved to."""
    checked = Signal(object)
    """Carries the CheckSummary of the check just run."""
    link_asked = Signal()
    state_changed = Signal()
    """The file, its unsaved state or its name changed."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.rules = load_subtitle_rules(context.store)
        self.session: EditSession | None = None
        self.model = CueTableModel(self)
        self.autosaver = Autosaver(self)
        self.worker: Worker | None = None
        self.findings_stale = False
        self._showing_cue = False
        self.operations = CueOperations(self, self.rules)
        self._opening: Path | None = None
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.run_checks)
        self._build()
        self._connect()
        self._update_actions()

    # --- building ---

    def _build(self) -> None:
        self.toolbar = EditorToolbar()
        self.file_label = QLabel()
        set_role(self.file_label, "muted")
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.table = CueTable()
        self.table.setModel(self.model)
        self.table.fit_columns()
        self.text_box = QPlainTextEdit()
        self.text_box.setPlaceholderText("The selected cue's text")
        self.text_box.setFixedHeight(
            self.text_box.fontMetrics().lineSpacing() * TEXT_BOX_LINES + 14
        )
        self.preview = CuePreview()
        self.preview.setFixedWidth(PREVIEW_WIDTH)
        self.findings = FindingsPanel()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.find_bar)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.text_box)
        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.setSpacing(12)
        bottom_layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        bottom_layout.addWidget(self.findings, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.file_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        bar, operations = self.toolbar, self.operations
        for action, slot in (
            (bar.action_open, self.choose_and_open),
            (bar.action_save, self.save),
            (bar.action_save_vtt, lambda: self.save_as(SubtitleFormat.VTT)),
            (bar.action_save_srt, lambda: self.save_as(SubtitleFormat.SRT)),
            (bar.action_insert, operations.insert),
            (bar.action_delete, operations.delete),
            (bar.action_split, self.split),
            (bar.action_merge, operations.merge),
            (bar.action_find, self.open_find),
            (bar.action_shift, operations.ask_shift),
            (bar.action_first_start, operations.ask_first_start),
            (bar.action_stretch, operations.ask_stretch),
            (bar.action_frame_rate, operations.ask_frame_rate),
            (bar.action_snap, operations.ask_snap),
            (bar.action_link, self.link_asked.emit),
        ):
            action.triggered.connect(slot)
        self.model.edit_asked.connect(self._cell_edited)
        self.model.edit_refused.connect(self.context.status_message)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.delete_asked.connect(self.operations.delete)
        self.text_box.textChanged.connect(self._text_typed)
        self.findings.jump_asked.connect(self.jump_to)
        self.findings.fix_asked.connect(self.fix)
        self.findings.fix_all_safe_asked.connect(self.fix_all_safe)
        self.findings.settings_asked.connect(self.choose_rules)
        self.find_bar.find_next_asked.connect(self.find_next)
        self.find_bar.replace_asked.connect(self.replace)
        self.find_bar.replace_all_asked.connect(self.replace_all)

    # --- opening ---

    def choose_and_open(self) -> None:
        folder = self.session.path.parent if self.session else Path.home()
        path = questions.choose_subtitle_file(self, folder)
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> bool:
        """Read and check the file on a worker; False when the creator kept the file open instead."""
        path = Path(path).absolute()
        if self.session is not None and self.session.path == path:
            return True
        if (self.worker is not None and self.worker.running) or not self.maybe_close():
            return False
        self._opening = path
        self.worker = Worker(functools.partial(_reading, path), self)
        self.worker.finished.connect(self._read)
        self.worker.failed.connect(self._read_failed)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.worker.start()
        return True

    def _read(self, result: tuple[Document, list[Finding]]) -> None:
        path, self._opening = self._opening, None
        if path is not None:
            self._opened(path, *result)

    def _read_failed(self, error: Exception) -> None:
        path, self._opening = self._opening, None
        if path is not None:
            self._open_failed(path, error)

    def _open_failed(self, path: Path, error: Exception) -> None:
        QApplication.restoreOverrideCursor()
        known = isinstance(error, ImportFailed)
        message = error.describe() if known else f"{path.name} cannot be read: {error}"
        self.open_failed.emit(message)
        questions.show_error(self, f"{path.name} cannot be opened", message)

    def _opened(self, path: Path, document: Document, findings: list[Finding]) -> None:
        QApplication.restoreOverrideCursor()
        self.close_file()
        session = EditSession(path, document, self.model, self)
        self.session = session
        session.cues_changed.connect(self._cues_changed)
        session.modified_changed.connect(self._modified_changed)
        self.operations.last_match = None
        self._show_findings(findings)
        self._show_problems(document)
        self._show_file()
        if document.cues:
            self.select_rows([0])
        self._offer_recovery(path)
        self.file_opened.emit(path)

    def _offer_recovery(self, path: Path) -> None:
        recovered = read_recovery(path)
        if recovered is None or self.session is None:
            return
        if recovered.document.cues != self.session.cues and questions.ask_restore(self, recovered):
            self.operations.edit(lambda _: recovered.document.cues, "Restore unsaved edits")
        else:
            discard_recovery(path)

    def close_file(self) -> None:
        """Stop editing the open file (without asking; see maybe_close)."""
        if self.session is not None:
            self.autosaver.cancel(None)
            self.session.close()
            self.session.deleteLater()
            self.session = None
        self.model.show_cues(())
        self.findings.show_findings([])
        self.problem_label.hide()
        self._show_file()

    def maybe_close(self) -> bool:
        """Ask before unsaved edits are lost: Save, Don't save or Cancel; True to go on closing."""
        session = self.session
        if session is None or not session.modified:
            return True
        answer = questions.ask_unsaved(self, session.path.name)
        if answer is Unsaved.SAVE:
            return self.save()
        if answer is Unsaved.DISCARD:
            self.autosaver.cancel(session.path)
            return True
        return False

    # --- saving ---

    def save(self) -> bool:
        session = self.session
        if session is None:
            return False
        if session.format not in SAVABLE_FORMATS:
            return self.save_as(SubtitleFormat.VTT)
        return self._write(session.path, session.format)

    def save_as(self, format: SubtitleFormat) -> bool:
        session = self.session
        if session is None:
            return False
        suggested = session.path.with_suffix(f".{format.value}")
        path = questions.choose_save_path(self, suggested, format)
        return path is not None and self._write(path.absolute(), format)

    def _write(self, path: Path, format: SubtitleFormat) -> bool:
        session = self.session
        assert session is not None
        keep = self.toolbar.action_keep_encoding.isChecked()
        try:
            write_subtitles(
                session.current_document(),
                path,
                format,
                keep_encoding=keep,
                keep_line_endings=keep,
            )
        except SubtitleError as error:
            questions.show_error(self, f"{path.name} was not saved", str(error))
            return False
        old_path = session.path
        self.autosaver.cancel(old_path)
        session.mark_saved(path, format)
        self.problem_label.hide()
        self._show_file()
        self.context.status_message.emit(f"Saved {path}.")
        self.run_checks()
        self.file_saved.emit(path)
        return True

    # --- selection ---

    def selection(self) -> tuple[list[int], int | None]:
        """The selected rows, top to bottom, and the current row (None without a file)."""
        return self.table.selected()

    def select_rows(self, rows: list[int]) -> None:
        self.table.select_rows(rows)

    def jump_to(self, cue_index: int) -> None:
        self.select_rows([cue_index])
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _selection_changed(self) -> None:
        self._show_current_cue()
        self._update_actions()

    def _show_current_cue(self) -> None:
        _, row = self.selection()
        cue = self.model.cues[row] if row is not None and row < len(self.model.cues) else None
        self.preview.show_cue(cue)
        text = cue.text if cue else ""
        if self.text_box.toPlainText() != text:
            self._showing_cue = True
            self.text_box.setPlainText(text)
            self._showing_cue = False
        self.text_box.setEnabled(cue is not None)

    # --- edits ---

    def _cell_edited(self, row: int, cue: object) -> None:
        self.operations.set_cue(row, cue)  # type: ignore[arg-type]

    def _text_typed(self) -> None:
        _, row = self.selection()
        if self._showing_cue or self.session is None or row is None:
            return
        cue = self.model.cues[row].with_text(self.text_box.toPlainText())
        self.operations.set_cue(row, cue, merge_key=("typing", id(self.session), row))

    def split(self) -> None:
        self.operations.split(self.text_box.textCursor().position())

    def _cues_changed(self, select: list[int]) -> None:
        if select:
            self.select_rows(select)
        self._show_current_cue()
        self.findings_stale = True
        self.check_timer.start()
        session = self.session
        if session is not None and session.modified:
            self.autosaver.schedule(session.path, session.current_document())
        elif session is not None:
            self.autosaver.cancel(session.path)
        self._update_actions()

    def _modified_changed(self, modified: bool) -> None:
        self._show_file()

    def open_find(self) -> None:
        self.find_bar.open()

    def find_next(self) -> None:
        bar = self.find_bar
        found = self.operations.find_next(bar.what, bar.regex, bar.match_case)
        if found is not None:
            self.select_rows([found.cue_index])
            cursor = self.text_box.textCursor()
            cursor.setPosition(found.start)
            cursor.setPosition(found.end, cursor.MoveMode.KeepAnchor)
            self.text_box.setTextCursor(cursor)
            self.operations.last_match = found

    def replace(self) -> None:
        bar = self.find_bar
        if self.operations.replace(bar.what, bar.replacement, bar.regex, bar.match_case):
            self.find_next()

    def replace_all(self) -> None:
        bar = self.find_bar
        self.operations.replace_all(bar.what, bar.replacement, bar.regex, bar.match_case)

    # --- checks ---

    def run_checks(self) -> CheckSummary:
        """Check the cues as they are now; the findings list and the marks in the table follow."""
        self.check_timer.stop()
        session = self.session
        findings = check_document(session.current_document(), self.rules) if session else []
        self._show_findings(findings)
        return summarize(findings)

    def _show_findings(self, findings: list[Finding]) -> None:
        self.findings_stale = False
        self.findings.show_findings(findings)
        self.model.set_marks(worst_marks(findings))
        self.model.set_max_speed(self.rules.max_chars_per_second, current_colors().dark)
        if self.session is not None:
            self.checked.emit(summarize(findings))

    def choose_rules(self) -> None:
        rules = ask_rules(self, self.rules)
        if rules is not None and rules != self.rules:
            self.set_rules(rules)

    def set_rules(self, rules: Rules) -> None:
        """Check with `rules` from now on, here and (unless read-only) next time too."""
        if not self.context.read_only:
            try:
                save_subtitle_rules(self.context.store, rules)
            except StoreError as error:
                self.context.status_message.emit(f"Not kept for next time: {error.message}")
        self._use_rules(rules)

    def follow_record(self) -> None:
        """The record may have changed (another database opened): use its rules."""
        rules = load_subtitle_rules(self.context.store)
        if rules != self.rules:
            self._use_rules(rules)

    def _use_rules(self, rules: Rules) -> None:
        self.rules = rules
        self.operations.rules = rules
        self.run_checks()

    def fix(self, finding: Finding) -> None:
        if self.findings_stale:
            self.run_checks()
            self.context.status_message.emit("The cues had changed; the checks are up to date now.")
            return
        self.operations.fix(finding)

    def fix_all_safe(self) -> None:
        if self.operations.fix_all_safe():
            self.run_checks()

    # --- showing ---

    def _show_problems(self, document: Document) -> None:
        problems = document.problems
        if not problems:
            self.problem_label.hide()
            return
        lines = ", ".join(str(problem.line) for problem in problems if problem.line)
        where = f" (line {lines})" if lines else ""
        self.problem_label.setText(
            f"Opened with {len(problems)} problem{'s' if len(problems) > 1 else ''}{where}: "
            f"{problems[0].message} Every problem is listed under Checks."
        )
        self.problem_label.show()

    def _show_file(self) -> None:
        session = self.session
        if session is None:
            self.file_label.setText("")
        else:
            unsaved = " — unsaved changes" if session.modified else ""
            self.file_label.setText(
                f"{session.path.name} · {session.document.description} · "
                f"{len(session.cues):,} cues{unsaved}"
            )
            self.toolbar.show_source(session.document.source)
        self._update_actions()
        self.state_changed.emit()

    def _update_actions(self) -> None:
        has_file = self.session is not None
        rows, current = self.selection() if has_file else ([], None)
        can_link = not self.context.read_only
        self.toolbar.show_state(has_file, len(rows), current, len(self.model.cues), can_link)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.model.set_max_speed(self.rules.max_chars_per_second, current_colors().dark)
        super().changeEvent(event)

    # --- keys that belong to this page ---

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._own_key(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Save):
            self.save()
        elif event.matches(QKeySequence.StandardKey.Open):
            self.choose_and_open()
        else:
            super().keyPressEvent(event)

    def _own_key(self, event: QKeyEvent) -> bool:
        return event.matches(QKeySequence.StandardKey.Save) or event.matches(
            QKeySequence.StandardKey.Open
        )


def _reading(path: Path) -> Generator[str, None, tuple[Document, list[Finding]]]:
    """The worker's job: one step, then the document and its findings."""
    yield path.name
    return read_and_check(path)
