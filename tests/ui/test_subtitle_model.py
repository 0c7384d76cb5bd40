"""The cue table model: 10,000 cues, cells that check what is typed, and only changed rows repainted."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from companion.core.subtitles.checks import Severity
from companion.core.subtitles.cues import Cue, clock
from companion.core.subtitles.edits import delete_cues, insert_cue, replace_cue, split_cue
from companion.core.subtitles.timing import shift
from companion.importers.subtitles import parse_subtitles
from companion.ui.subtitles.cue_model import CueColumn, CueTableModel
from companion.ui.subtitles.cue_table import CueTable
from tests.benchmarks.subtitles import generated_vtt

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
CUES = (
    Cue(1_000, 3_500, "Hello and welcome"),
    Cue(4_000, 5_000, "to the <i>kitchen</i>\nof mine"),
    Cue(6_000, 6_000, "never shown"),
)


class Signals:
    """What the model told its views."""

    def __init__(self, model: CueTableModel) -> None:
        self.events: list[tuple] = []
        model.dataChanged.connect(
            lambda top, bottom: self.events.append(("changed", top.row(), bottom.row()))
        )
        model.rowsInserted.connect(
            lambda _, first, last: self.events.append(("inserted", first, last))
        )
        model.rowsRemoved.connect(
            lambda _, first, last: self.events.append(("removed", first, last))
        )
        model.modelReset.connect(lambda: self.events.append(("reset",)))


@pytest.fixture
def model(qapp):
    shown = CueTableModel()
    shown.show_cues(CUES)
    return shown


def cell(model, row, column, role=DISPLAY):
    return model.data(model.index(row, column), role)


def test_each_column_reads_as_an_editor_shows_it(model):
    assert [cell(model, 1, column) for column in CueColumn] == [
        "2",
        "00:00:04.000",
        "00:00:05.000",
        "1.000",
        "21.0",
        "to the <i>kitchen</i>  ⏎  of mine",
    ]
    assert cell(model, 2, CueColumn.SPEED) == "—"
    assert cell(model, 1, CueColumn.TEXT, EDIT) == "to the <i>kitchen</i>\nof mine"


def test_a_reading_speed_above_the_rule_is_coloured(model):
    model.set_max_speed(17, dark=False)
    assert cell(model, 1, CueColumn.SPEED, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(model, 0, CueColumn.SPEED, Qt.ItemDataRole.ForegroundRole) is None


@pytest.mark.parametrize(
    ("column", "typed", "expected"),
    [
        (CueColumn.START, "0:00:02", Cue(2_000, 3_500, "Hello and welcome")),
        (CueColumn.END, "4,25", Cue(1_000, 4_250, "Hello and welcome")),
        (CueColumn.DURATION, "1.5", Cue(1_000, 2_500, "Hello and welcome")),
        (CueColumn.TEXT, "Hello\r\nthere", Cue(1_000, 3_500, "Hello\nthere")),
    ],
)
def test_a_cell_edit_asks_for_the_edited_cue(model, column, typed, expected):
    asked = []
    model.edit_asked.connect(lambda row, cue: asked.append((row, cue)))
    assert model.setData(model.index(0, column), typed)
    assert asked == [(0, expected)]
    assert model.cues == CUES, "the model waits for the undo command to change its cues"


@pytest.mark.parametrize(
    ("column", "typed", "words"),
    [
        (CueColumn.START, "1:75", "is not a time like 00:01:02.500"),
        (CueColumn.START, "00:00:04", "must end after it starts"),
        (CueColumn.END, "00:00:00.500", "must end after it starts"),
        (CueColumn.DURATION, "0", "type a duration above 0"),
    ],
)
def test_a_value_that_cannot_be_taken_is_refused_with_the_reason(model, column, typed, words):
    asked, refused = [], []
    model.edit_asked.connect(lambda *args: asked.append(args))
    model.edit_refused.connect(refused.append)
    assert not model.setData(model.index(0, column), typed)
    assert asked == []
    assert refused and refused[0].startswith("Cue 1 not changed:") and words in refused[0]


def test_only_time_and_text_cells_are_editable(model):
    editable = {
        column
        for column in CueColumn
        if model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable
    }
    assert editable == {CueColumn.START, CueColumn.END, CueColumn.DURATION, CueColumn.TEXT}


def test_ten_thousand_cues_are_shown_and_a_shift_is_one_change_not_a_reset(qapp):
    cues = parse_subtitles(generated_vtt()).cues
    model = CueTableModel()
    model.show_cues(cues)
    assert model.rowCount() == 10_000
    assert cell(model, 9_999, CueColumn.NUMBER) == "10000"
    assert cell(model, 9_999, CueColumn.START) == clock(cues[9_999].start_ms)
    signals = Signals(model)
    model.replace_cues(shift(cues, 500))
    assert signals.events == [("changed", 0, 9_999)]
    assert model.cues[9_999].start_ms == cues[9_999].start_ms + 500


def test_editing_one_cue_of_ten_thousand_changes_one_row(qapp):
    cues = parse_subtitles(generated_vtt()).cues
    model = CueTableModel()
    model.show_cues(cues)
    signals = Signals(model)
    model.replace_cues(replace_cue(cues, 7_777, cues[7_777].with_text("edited")))
    assert signals.events == [("changed", 7_777, 7_777)]


def test_insert_split_and_delete_insert_and_remove_rows(model):
    signals = Signals(model)
    model.replace_cues(insert_cue(model.cues, 1, Cue(3_600, 3_900, "new")))
    model.replace_cues(split_cue(model.cues, 0, 5))
    model.replace_cues(delete_cues(model.cues, {3}))
    assert signals.events == [
        ("inserted", 1, 1),
        ("changed", 2, 3),  # the numbers of the rows below
        ("inserted", 1, 1),
        ("changed", 0, 0),
        ("changed", 2, 4),
        ("removed", 3, 3),
        ("changed", 3, 3),
    ]
    assert [cue.text for cue in model.cues] == ["Hello", "and welcome", "new", "never shown"]


def test_marks_show_a_dot_and_the_findings_as_tooltip(model):
    model.set_marks({1: (Severity.ERROR, "Cue 2 overlaps")})
    assert cell(model, 1, CueColumn.NUMBER, Qt.ItemDataRole.DecorationRole) is not None
    assert cell(model, 1, CueColumn.NUMBER, Qt.ItemDataRole.ToolTipRole) == "Cue 2 overlaps"
    assert cell(model, 0, CueColumn.NUMBER, Qt.ItemDataRole.DecorationRole) is None


def test_the_table_never_measures_its_rows(qtbot):
    model = CueTableModel()
    model.show_cues(parse_subtitles(generated_vtt()).cues)
    table = CueTable()
    qtbot.addWidget(table)
    table.setModel(model)
    table.show()
    assert table.verticalHeader().sectionResizeMode(0) is QHeaderView.ResizeMode.Fixed
    table.scrollToBottom()
    assert table.rowAt(table.viewport().height() - 2) in range(9_950, 10_000)


class Mirror:
    """A copy of the cues kept only from what the model signals, as a view keeps its rows."""

    def __init__(self, model: CueTableModel) -> None:
        self.model = model
        self.cues = list(model.cues)
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(
            lambda _, first, last: self.cues.__delitem__(slice(first, last + 1))
        )
        model.dataChanged.connect(self._changed)

    def _inserted(self, _, first: int, last: int) -> None:
        self.cues[first:first] = self.model.cues[first : last + 1]

    def _changed(self, top, bottom) -> None:
        self.cues[top.row() : bottom.row() + 1] = self.model.cues[top.row() : bottom.row() + 1]


edits = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 20)),
    st.tuples(st.just("delete"), st.sets(st.integers(0, 20), max_size=3)),
    st.tuples(st.just("text"), st.integers(0, 20)),
    st.tuples(st.just("shift"), st.integers(1, 5_000)),
)


@given(st.lists(edits, max_size=12))
def test_any_edits_and_their_undo_are_signalled_completely(qapp, steps):
    """Whatever the edit, a view that follows the signals shows exactly the model's cues."""
    model = CueTableModel()
    model.show_cues(CUES)
    mirror = Mirror(model)
    history = [model.cues]
    for kind, value in steps:
        cues = model.cues
        if kind == "insert":
            after = insert_cue(cues, min(value, len(cues)), Cue(0, 1, "new"))
        elif kind == "delete":
            after = delete_cues(cues, value)
        elif kind == "text" and cues:
            row = value % len(cues)
            after = replace_cue(cues, row, cues[row].with_text(f"edit {value}"))
        else:
            after = shift(cues, value)
        model.replace_cues(after)
        history.append(model.cues)
        assert mirror.cues == list(model.cues)
    for cues in reversed(history):
        model.replace_cues(cues)
        assert mirror.cues == list(model.cues)
