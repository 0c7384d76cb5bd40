"""Subtitle editor benchmark: shift all 10,000 cues through the editor's undoable command (model and table
updated, the view repainted) against shifting a plain list of the same cues."""

import tempfile
from pathlib import Path

from tests.benchmarks.harness import Benchmark, BenchmarkError, Result, timed
from tests.benchmarks.posts_sort_filter import offscreen_application
from tests.benchmarks.subtitles import CUES, generated_vtt

RUNS = 15
OFFSET_MS = 1_500
MS_PER_S = 1000


def plain_shift(cues: list, offset_ms: int) -> list:
    """What the command is measured against: every cue moved, in a plain list."""
    return [cue.with_times(cue.start_ms + offset_ms, cue.end_ms + offset_ms) for cue in cues]


def subs_shift() -> Result:
    from PySide6.QtWidgets import QApplication

    from companion.core.subtitles.timing import shift
    from companion.importers.subtitles import parse_subtitles
    from companion.store.database import open_store
    from companion.ui.context import AppContext
    from companion.ui.subtitles.commands import edit_cues
    from companion.ui.subtitles.cue_model import CueTableModel
    from companion.ui.subtitles.cue_table import CueTable
    from companion.ui.subtitles.session import EditSession

    offscreen_application()
    document = parse_subtitles(generated_vtt())
    with (
        tempfile.TemporaryDirectory(prefix="companion-shift-") as folder,
        open_store(Path(folder) / "companion.sqlite") as store,
    ):
        context = AppContext(store)
        model = CueTableModel()
        session = EditSession(Path(folder) / "generated.vtt", document, model)
        table = CueTable()
        table.setModel(model)
        table.resize(900, 600)
        table.show()
        QApplication.processEvents()

        def through_the_command(offset: int) -> None:
            edit_cues(context, session, shift(session.cues, offset), "Shift all cues")
            QApplication.processEvents()  # the table repaints the rows it shows

        plain = list(document.cues)
        command_s, plain_s, undo_s = [], [], []
        for run in range(RUNS):
            offset = OFFSET_MS if run % 2 == 0 else -OFFSET_MS
            command_s.append(timed(lambda offset=offset: through_the_command(offset)))
            plain_s.append(timed(lambda cues=plain, offset=offset: plain_shift(cues, offset)))
            plain = plain_shift(plain, offset)
        for _ in range(RUNS):
            undo_s.append(timed(lambda: (context.undo_stack.undo(), QApplication.processEvents())))
        if session.cues != document.cues:
            raise BenchmarkError("undoing every shift did not give the cues back as they were")
        if len(model.cues) != CUES:
            raise BenchmarkError(f"the table shows {len(model.cues)} cues, not {CUES}")
        table.close()
        context.undo_stack.clear()
    command, baseline, undo = min(command_s), min(plain_s), min(undo_s)
    figures: dict[str, float | int] = {
        "ms": command * MS_PER_S,
        "plain_ms": baseline * MS_PER_S,
        "undo_ms": undo * MS_PER_S,
        "cues": CUES,
        "runs": RUNS,
    }
    return Result(command / baseline, figures)


BENCHMARKS = [Benchmark("subs_shift", 5.0, subs_shift)]
