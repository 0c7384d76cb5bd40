"""The subtitle editor on real files: every edit undoable exactly, split, merge, find and replace, timing, fixes, saving."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from companion.core.subtitles.cues import Cue
from companion.core.subtitles.rules import default_rules
from companion.core.subtitles.timing import FrameRate, SyncPoint
from companion.importers.subtitles import read_subtitles
from companion.store.subtitle_files import load_subtitle_rules
from companion.ui.context import AppContext
from companion.ui.subtitles import editor as editor_module
from companion.ui.subtitles import timing_dialogs
from companion.ui.subtitles.cue_model import CueColumn
from companion.ui.subtitles.rules_dialog import RulesDialog
from companion.ui.subtitles.timing_dialogs import FrameRateRequest, ShiftRequest, StretchRequest
from tests.ui.subtitle_helpers import Answers, make_editor, needs_samples, open_in, sample_copy

pytestmark = needs_samples

OVERLAPPING = (
    "1\n00:00:01,000 --> 00:00:03,000\nHello\n\n"
    "2\n00:00:02,000 --> 00:00:04,000\nthere\n\n"
    "3\n00:00:04,500 --> 00:00:09,000\nThis is a long line of text that has to be broken in two.\n"
)


@pytest.fixture
def context(store):
    return AppContext(store)


@pytest.fixture
def answers(monkeypatch):
    return Answers(monkeypatch)


@pytest.fixture
def editor(qtbot, context, tmp_path, answers):
    return make_editor(qtbot, context, sample_copy("using_identifiers.vtt", tmp_path))


def texts(editor):
    return [cue.text for cue in editor.session.cues]


def test_opening_shows_the_cues_what_was_found_and_the_checks(editor):
    assert editor.model.rowCount() == 6
    assert "using_identifiers.vtt · WebVTT, UTF-8" in editor.file_label.text()
    assert editor.preview.cue == editor.session.cues[0]
    assert editor.text_box.toPlainText() == "Caption text #1"
    assert editor.findings.summary_label.text() == editor.findings.summary.describe()


def test_a_cell_edit_is_undone_exactly(editor, context):
    original = editor.session.cues
    editor.model.setData(editor.model.index(2, CueColumn.END), "00:00:17.000")
    assert editor.session.cues[2].end_ms == 17_000
    assert editor.session.modified and "unsaved changes" in editor.file_label.text()
    assert context.undo_stack.undoText() == "Edit cue 3"
    context.undo_stack.undo()
    assert editor.session.cues is original
    assert not editor.session.modified
    context.undo_stack.redo()
    assert editor.session.cues[2].end_ms == 17_000


def test_typing_in_the_text_box_is_one_undo_entry_per_cue(editor, context, qtbot):
    editor.select_rows([1])
    editor.text_box.setFocus()
    qtbot.keyClick(editor.text_box, Qt.Key.Key_End)
    qtbot.keyClicks(editor.text_box, "!!")
    assert editor.session.cues[1].text == "Caption text #2!!"
    assert editor.model.data(editor.model.index(1, CueColumn.TEXT)) == "Caption text #2!!"
    assert context.undo_stack.count() == 1
    context.undo_stack.undo()
    assert editor.session.cues[1].text == "Caption text #2"
    assert editor.text_box.toPlainText() == "Caption text #2"


def test_insert_and_delete_are_undoable(editor, context):
    original = editor.session.cues
    editor.select_rows([1])
    editor.toolbar.action_insert.trigger()
    assert len(editor.session.cues) == 7
    inserted = editor.session.cues[2]
    assert inserted.text == "" and inserted.start_ms > original[1].end_ms
    assert editor.selection()[1] == 2
    editor.select_rows([0, 1])
    editor.toolbar.action_delete.trigger()
    assert texts(editor)[:2] == ["", "Caption text #3"]
    context.undo_stack.undo()
    context.undo_stack.undo()
    assert editor.session.cues is original


def test_split_at_the_text_cursor_and_merge_with_next(editor, context):
    original = editor.session.cues
    editor.select_rows([0])
    cursor = editor.text_box.textCursor()
    cursor.setPosition(len("Caption text"))
    editor.text_box.setTextCursor(cursor)
    editor.toolbar.action_split.trigger()
    assert texts(editor)[:3] == ["Caption text", "#1", "Caption text #2"]
    assert editor.session.cues[0].end_ms == editor.session.cues[1].start_ms
    assert editor.session.cues[0].identifier == original[0].identifier
    editor.select_rows([0])
    editor.toolbar.action_merge.trigger()
    assert texts(editor)[0] == "Caption text\n#1"
    assert (editor.session.cues[0].start_ms, editor.session.cues[0].end_ms) == (500, 7_000)
    context.undo_stack.undo()
    context.undo_stack.undo()
    assert editor.session.cues is original


def test_the_last_cue_cannot_be_merged(editor):
    editor.select_rows([5])
    assert not editor.toolbar.action_merge.isEnabled()


def test_find_next_selects_the_cue_and_replace_changes_that_match(editor, context):
    bar = editor.find_bar
    bar.find_field.setText("#4")
    bar.replace_field.setText("number four")
    bar.next_button.click()
    assert editor.selection()[1] == 3
    assert editor.text_box.textCursor().selectedText() == "#4"
    bar.replace_button.click()
    assert texts(editor)[3] == "Caption text number four"
    context.undo_stack.undo()
    assert texts(editor)[3] == "Caption text #4"


def test_replace_all_with_a_regular_expression_and_undo(editor, context):
    original = editor.session.cues
    bar = editor.find_bar
    bar.find_field.setText(r"text #(\d)")
    bar.replace_field.setText(r"line \1")
    bar.regex_box.setChecked(True)
    bar.replace_all_button.click()
    assert texts(editor) == [f"Caption line {n}" for n in range(1, 7)]
    assert context.undo_stack.count() == 1
    context.undo_stack.undo()
    assert editor.session.cues is original


def test_a_bad_regular_expression_is_said_not_raised(editor, context):
    said = []
    context.status_message.connect(said.append)
    editor.find_bar.find_field.setText("(")
    editor.find_bar.regex_box.setChecked(True)
    editor.find_bar.replace_all_button.click()
    assert said and "is not a regular expression that can be used" in said[0]


def answer_dialog(monkeypatch, name, answer):
    monkeypatch.setattr(timing_dialogs, name, lambda *args: answer)


def test_shift_all_and_shift_selected(editor, context, monkeypatch):
    original = editor.session.cues
    answer_dialog(monkeypatch, "ask_shift", ShiftRequest(-250, selected_only=False))
    editor.toolbar.action_shift.trigger()
    assert [cue.start_ms for cue in editor.session.cues] == [c.start_ms - 250 for c in original]
    assert context.undo_stack.undoText() == "Shift all cues 250 ms earlier"
    context.undo_stack.undo()
    editor.select_rows([1, 2])
    answer_dialog(monkeypatch, "ask_shift", ShiftRequest(1_000, selected_only=True))
    editor.toolbar.action_shift.trigger()
    starts = [cue.start_ms for cue in editor.session.cues]
    assert starts[1:3] == [original[1].start_ms + 1_000, original[2].start_ms + 1_000]
    assert starts[0] == original[0].start_ms and starts[3:] == [c.start_ms for c in original[3:]]


def test_a_shift_before_zero_is_refused_with_a_message(editor, context, monkeypatch):
    said = []
    context.status_message.connect(said.append)
    answer_dialog(monkeypatch, "ask_shift", ShiftRequest(-1_000, selected_only=False))
    editor.toolbar.action_shift.trigger()
    assert context.undo_stack.count() == 0
    assert said == ["This would move cue 1 (at 00:00:00.500) before the start of the video."]


def test_set_first_start_stretch_frame_rate_and_snap(editor, context, monkeypatch):
    original = editor.session.cues
    answer_dialog(monkeypatch, "ask_first_start", 10_000)
    editor.toolbar.action_first_start.trigger()
    assert editor.session.cues[0].start_ms == 10_000
    assert editor.session.cues[5].start_ms == original[5].start_ms + 9_500
    context.undo_stack.undo()
    request = StretchRequest(SyncPoint(500, 1_000), SyncPoint(23_880, 24_880 + 23_380))
    answer_dialog(monkeypatch, "ask_stretch", request)
    editor.toolbar.action_stretch.trigger()
    assert editor.session.cues[0].start_ms == 1_000
    assert editor.session.cues[5].start_ms == 48_260
    context.undo_stack.undo()
    answer_dialog(
        monkeypatch, "ask_frame_rate", FrameRateRequest(FrameRate.FPS_25, FrameRate.FPS_24)
    )
    editor.toolbar.action_frame_rate.trigger()
    assert editor.session.cues[5].start_ms == round(23_880 * 25 / 24)
    context.undo_stack.undo()
    answer_dialog(monkeypatch, "ask_snap", FrameRate.FPS_25)
    editor.toolbar.action_snap.trigger()
    assert all(cue.start_ms % 40 == 0 and cue.end_ms % 40 == 0 for cue in editor.session.cues)
    context.undo_stack.undo()
    assert editor.session.cues is original


def test_the_timing_dialogs_ask_what_the_editor_needs(qtbot):
    cues = (Cue(1_000, 2_000, "a"), Cue(5_000, 6_000, "b"), Cue(9_000, 9_500, "c"))
    shift = timing_dialogs.ShiftDialog(2)
    qtbot.addWidget(shift)
    ok = shift.buttons.button(shift.buttons.StandardButton.Ok)
    assert not ok.isEnabled(), "a shift of 0 ms does nothing"
    shift.offset.setValue(-1_500)
    assert ok.isEnabled() and shift.request() == ShiftRequest(-1_500, True)
    stretch = timing_dialogs.StretchDialog(cues, 0, 2)
    qtbot.addWidget(stretch)
    stretch.second_time.setText("00:00:10")
    assert stretch.request() == StretchRequest(SyncPoint(1_000, 1_000), SyncPoint(9_000, 10_000))
    stretch.second_cue.setValue(1)
    assert "different times" in stretch.problem.text()
    first = timing_dialogs.FirstStartDialog(1_000)
    qtbot.addWidget(first)
    first.start.setText("1:75")
    assert "is not a time like" in first.problem.text()
    rates = timing_dialogs.FrameRateDialog()
    qtbot.addWidget(rates)
    rates.played_at.setCurrentIndex(0)
    assert "two different frame rates" in rates.problem.text()


def test_fix_one_finding_and_fix_all_safe(qtbot, context, tmp_path, answers):
    path = tmp_path / "overlap.srt"
    path.write_text(OVERLAPPING, encoding="utf-8")
    editor = make_editor(qtbot, context, path)
    kinds = [finding.kind.value for finding in editor.findings.model.findings]
    assert kinds == ["overlap", "line_too_long"]
    assert editor.model.marks[0][0].value == "error"
    overlap = editor.findings.model.findings[0]
    editor.findings.fix_asked.emit(overlap)
    assert editor.session.cues[0].end_ms == 2_000 - editor.rules.min_gap_ms
    editor.run_checks()
    assert [f.kind.value for f in editor.findings.model.findings] == ["line_too_long"]
    context.undo_stack.undo()
    editor.run_checks()
    editor.findings.fix_all_button.click()
    assert editor.findings.summary.describe() == "No problems found."
    assert (
        editor.session.cues[2].text == "This is a long line of text\nthat has to be broken in two."
    )
    context.undo_stack.undo()
    assert editor.session.cues[2].text.count("\n") == 0


def test_the_problem_column_leaves_the_cue_number_to_the_where_column(qtbot, context, tmp_path):
    path = tmp_path / "overlap.srt"
    path.write_text(OVERLAPPING, encoding="utf-8")
    editor = make_editor(qtbot, context, path)
    model = editor.findings.model
    where, problem = (model.data(model.index(0, column)) for column in (0, 1))
    assert where == "Cue 1"
    assert problem.startswith("Is still on screen when cue 2 starts")
    tooltip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Cue 1 is still on screen when cue 2 starts")


def test_check_settings_change_the_findings_and_are_kept_for_next_time(
    qtbot, context, tmp_path, answers, monkeypatch
):
    path = tmp_path / "overlap.srt"
    path.write_text(OVERLAPPING, encoding="utf-8")
    editor = make_editor(qtbot, context, path)
    chosen = editor.rules.with_changes(max_chars_per_line=60, switched_off=frozenset({"overlap"}))
    monkeypatch.setattr(editor_module, "ask_rules", lambda parent, rules: chosen)
    editor.findings.settings_button.click()
    assert editor.findings.model.findings == []
    assert editor.operations.rules == chosen
    assert load_subtitle_rules(context.store) == chosen
    assert make_editor(qtbot, context).rules == chosen


def test_the_check_settings_dialog_refuses_rules_that_contradict(qtbot):
    dialog = RulesDialog(default_rules())
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.audience.setCurrentIndex(dialog.audience.findData("children"))
    assert dialog.rules().max_chars_per_second == 13
    dialog.limits["min_duration_ms"].setValue(9_000)
    assert not ok.isEnabled() and "must not be longer" in dialog.problem.text()
    dialog.checks["empty"].setChecked(False)
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert ok.isEnabled() and dialog.rules() == default_rules()
    dialog.speed.setValue(15)
    assert dialog.audience.currentText() == "Your own"


def test_clicking_a_finding_jumps_to_its_cue(qtbot, context, tmp_path, answers):
    path = tmp_path / "overlap.srt"
    path.write_text(OVERLAPPING, encoding="utf-8")
    editor = make_editor(qtbot, context, path)
    index = editor.findings.model.index(1, 0)
    rect = editor.findings.view.visualRect(index)
    qtbot.mouseClick(editor.findings.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.selection()[1] == 2


def test_saving_a_vtt_again_keeps_notes_styles_identifiers_and_settings(
    qtbot, context, tmp_path, answers
):
    for name in ("comments.vtt", "styles.vtt", "youtube_dl.vtt", "netflix_chicas_del_cable.vtt"):
        path = sample_copy(name, tmp_path)
        before = read_subtitles(path)
        editor = make_editor(qtbot, context, path)
        editor.model.setData(editor.model.index(0, CueColumn.TEXT), "Edited")
        assert editor.save()
        after = read_subtitles(path)
        assert after.cues[0].text == "Edited"
        assert after.header == before.header and after.preamble == before.preamble
        assert after.trailing_notes == before.trailing_notes
        assert after.cues[1:] == before.cues[1:], name
        assert [c.settings for c in after.cues] == [c.settings for c in before.cues]
        assert not editor.session.modified


def test_save_as_srt_and_in_the_original_encoding(qtbot, context, tmp_path, answers):
    path = tmp_path / "old.srt"
    path.write_bytes("1\r\n00:00:01,000 --> 00:00:02,000\r\nCafé crème\r\n".encode("cp1252"))
    editor = make_editor(qtbot, context, path)
    assert "Windows-1252" in editor.file_label.text()
    editor.model.setData(editor.model.index(0, CueColumn.TEXT), "Crème brûlée")
    editor.toolbar.action_keep_encoding.setChecked(True)
    assert editor.save()
    assert path.read_bytes() == "1\r\n00:00:01,000 --> 00:00:02,000\r\nCrème brûlée\r\n".encode(
        "cp1252"
    )
    answers.save_path = tmp_path / "new.vtt"
    editor.toolbar.action_keep_encoding.setChecked(False)
    editor.toolbar.action_save_vtt.trigger()
    assert answers.asked == ["save as vtt"]
    assert (tmp_path / "new.vtt").read_text(encoding="utf-8").startswith("WEBVTT\n\n00:00:01.000")
    assert editor.session.path == tmp_path / "new.vtt"


def test_an_sbv_file_is_saved_as_vtt(qtbot, context, tmp_path, answers):
    editor = make_editor(qtbot, context, sample_copy("two_captions.sbv", tmp_path))
    answers.save_path = tmp_path / "two.vtt"
    assert editor.save()
    assert answers.asked == ["save as vtt"]
    assert len(read_subtitles(tmp_path / "two.vtt").cues) == 2


def test_a_file_that_cannot_be_opened_says_which_line(qtbot, context, tmp_path, answers):
    editor = make_editor(qtbot, context)
    with qtbot.waitSignal(editor.open_failed) as failed:
        editor.open_file(sample_copy("invalid_format2.srt", tmp_path))
    assert failed.args[0].startswith("invalid_format2.srt, line 1: does not look like SubRip")
    assert answers.errors == [f"invalid_format2.srt cannot be opened: {failed.args[0]}"]
    assert editor.session is None


def test_a_file_with_a_bad_cue_opens_with_it_marked_by_line(qtbot, context, tmp_path, answers):
    editor = make_editor(qtbot, context, sample_copy("invalid_timeframe.vtt", tmp_path))
    assert editor.model.rowCount() == 6
    assert editor.problem_label.isVisible()
    assert "(line 6)" in editor.problem_label.text()
    assert "“00:00:1d.890” is not a time" in editor.problem_label.text()
    first = editor.findings.model.findings[0]
    assert editor.findings.model.data(editor.findings.model.index(0, 0)) == "Line 6"
    assert "left out: “00:00:07.000 --> 00:00:1d.890 / Caption text #2”" in first.message


def test_ctrl_s_in_the_table_saves_the_file(qtbot, editor):
    editor.model.setData(editor.model.index(0, CueColumn.TEXT), "Saved by key")
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.session.modified
    assert read_subtitles(editor.session.path).cues[0].text == "Saved by key"


def test_opening_another_file_drops_the_first_files_undo_entries(qtbot, editor, context, tmp_path):
    editor.model.setData(editor.model.index(0, CueColumn.TEXT), "Changed")
    assert editor.save()
    open_in(qtbot, editor, sample_copy("sample.srt", tmp_path))
    other = editor.session.cues
    said = []
    context.status_message.connect(said.append)
    context.undo_stack.undo()
    assert editor.session.cues is other
    assert said and "no longer open" in said[0]
