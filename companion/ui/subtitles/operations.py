"""The editor's edits of the cues: insert, delete, split, merge, find and replace, timing, fixes — each one undo entry.

Each works out new cues with companion.core.subtitles and hands them to `edit_cues`; what cannot
be done as asked is said in the status bar, never raised into Qt.
"""

import weakref
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from companion.core.subtitles import edits, timing
from companion.core.subtitles.checks import Finding, fix_all_safe
from companion.core.subtitles.cues import Cue, SubtitleError
from companion.core.subtitles.edits import Match
from companion.core.subtitles.rules import Rules
from companion.ui.context import AppContext
from companion.ui.subtitles import timing_dialogs as dialogs
from companion.ui.subtitles.commands import edit_cues
from companion.ui.subtitles.session import EditSession

if TYPE_CHECKING:
    from companion.ui.subtitles.editor import SubtitleEditor


class CueOperations:
    """Edits of one editor's open file, through the editor's session, selection and context.

    It holds the editor weakly: the editor holds it, and a cycle through the editor would
    leave the app context to the garbage collector, which may free its undo stack's commands
    in an order that deletes them twice.
    """

    def __init__(self, editor: "SubtitleEditor", rules: Rules) -> None:
        self._editor = weakref.ref(editor)
        self.rules = rules
        self.last_match: Match | None = None

    @property
    def editor(self) -> "SubtitleEditor":
        editor = self._editor()
        if editor is None:
            raise RuntimeError("the editor of these operations has been closed")
        return editor

    @property
    def context(self) -> AppContext:
        return self.editor.context

    @property
    def session(self) -> EditSession | None:
        return self.editor.session

    def _selection(self) -> tuple[list[int], int | None]:
        return self.editor.selection()

    def edit(
        self,
        make: Callable[[tuple[Cue, ...]], Sequence[Cue]],
        text: str,
        select: Sequence[int] = (),
        merge_key: object = None,
    ) -> bool:
        """Make new cues from the current ones and push them as one undo entry."""
        session = self.session
        if session is None:
            return False
        try:
            after = make(session.cues)
        except SubtitleError as error:
            self.context.status_message.emit(error.message)
            return False
        return edit_cues(self.context, session, after, text, select, merge_key)

    # --- cues ---

    def set_cue(self, row: int, cue: Cue, merge_key: object = None) -> bool:
        return self.edit(
            lambda cues: edits.replace_cue(cues, row, cue),
            f"Edit cue {row + 1}",
            [row],
            merge_key,
        )

    def insert(self) -> bool:
        _, current = self._selection()
        session = self.session
        if session is None:
            return False
        at = 0 if current is None else current + 1
        cue = edits.new_cue_after(session.cues, current, self.rules.min_gap_ms)
        return self.edit(lambda cues: edits.insert_cue(cues, at, cue), f"Insert cue {at + 1}", [at])

    def delete(self) -> bool:
        rows, _ = self._selection()
        if not rows:
            return False
        chosen = set(rows)
        text = f"Delete cue {rows[0] + 1}" if len(rows) == 1 else f"Delete {len(rows):,} cues"
        session = self.session
        remaining = len(session.cues) - len(chosen) if session else 0
        select = [min(min(rows), remaining - 1)] if remaining > 0 else []
        return self.edit(lambda cues: edits.delete_cues(cues, chosen), text, select)

    def split(self, at: int) -> bool:
        """Split the current cue at character `at` of its text (where the text cursor is)."""
        _, current = self._selection()
        if current is None:
            return False
        return self.edit(
            lambda cues: edits.split_cue(cues, current, at),
            f"Split cue {current + 1}",
            [current, current + 1],
        )

    def merge(self) -> bool:
        _, current = self._selection()
        if current is None:
            return False
        return self.edit(
            lambda cues: edits.merge_with_next(cues, current),
            f"Merge cues {current + 1} and {current + 2}",
            [current],
        )

    # --- find and replace ---

    def find_next(self, what: str, regex: bool, match_case: bool) -> Match | None:
        session = self.session
        if session is None or not what:
            return None
        _, current = self._selection()
        after = None
        if self.last_match is not None and self.last_match.cue_index == current:
            after = (self.last_match.cue_index, self.last_match.start)
        elif current is not None:
            after = (current, -1)
        try:
            found = edits.find_next(session.cues, what, after, regex=regex, match_case=match_case)
        except SubtitleError as error:
            self.context.status_message.emit(error.message)
            return None
        self.last_match = found
        if found is None:
            self.context.status_message.emit(f"“{what}” is not in any cue.")
        return found

    def replace(self, what: str, replacement: str, regex: bool, match_case: bool) -> bool:
        """Replace the match last found, then find the next one."""
        match = self.last_match
        if match is None:
            self.find_next(what, regex, match_case)
            return False
        done = self.edit(
            lambda cues: edits.replace_match(
                cues, match, what, replacement, regex=regex, match_case=match_case
            ),
            f"Replace in cue {match.cue_index + 1}",
            [match.cue_index],
        )
        self.last_match = None
        return done

    def replace_all(self, what: str, replacement: str, regex: bool, match_case: bool) -> int:
        session = self.session
        if session is None:
            return 0
        try:
            after, count = edits.replace_all(
                session.cues, what, replacement, regex=regex, match_case=match_case
            )
        except SubtitleError as error:
            self.context.status_message.emit(error.message)
            return 0
        if count:
            edit_cues(self.context, session, after, f"Replace {count:,} × “{what}”")
        self.context.status_message.emit(
            f"Replaced {count:,} times." if count else f"“{what}” is not in any cue."
        )
        return count

    # --- timing: each asks first (timing_dialogs), then edits ---

    def ask_shift(self) -> bool:
        rows, _ = self._selection()
        request = dialogs.ask_shift(self.editor, len(rows))
        return request is not None and self.shift(request)

    def ask_first_start(self) -> bool:
        session = self.session
        if session is None or not session.cues:
            return False
        start = dialogs.ask_first_start(self.editor, min(cue.start_ms for cue in session.cues))
        return start is not None and self.set_first_start(start)

    def ask_stretch(self) -> bool:
        session = self.session
        if session is None or len(session.cues) < 2:
            return False
        rows, _ = self._selection()
        last = len(session.cues) - 1
        first, second = (rows[0], rows[-1]) if len(rows) > 1 else (0, last)
        request = dialogs.ask_stretch(self.editor, session.cues, first, second)
        return request is not None and self.stretch(request)

    def ask_frame_rate(self) -> bool:
        request = dialogs.ask_frame_rate(self.editor)
        return request is not None and self.change_frame_rate(request)

    def ask_snap(self) -> bool:
        rate = dialogs.ask_snap(self.editor)
        return rate is not None and self.snap(rate)

    def shift(self, request: dialogs.ShiftRequest) -> bool:
        rows, _ = self._selection()
        indices = rows if request.selected_only else None
        whom = f"{len(rows):,} cues" if indices is not None else "all cues"
        way = "later" if request.offset_ms > 0 else "earlier"
        return self.edit(
            lambda cues: timing.shift(cues, request.offset_ms, indices),
            f"Shift {whom} {abs(request.offset_ms):,} ms {way}",
            rows if indices is not None else [],
        )

    def set_first_start(self, start_ms: int) -> bool:
        return self.edit(
            lambda cues: timing.set_first_start(cues, start_ms), "Set the first cue's start"
        )

    def stretch(self, request: dialogs.StretchRequest) -> bool:
        return self.edit(
            lambda cues: timing.stretch(cues, request.first, request.second),
            "Stretch between two sync points",
        )

    def change_frame_rate(self, request: dialogs.FrameRateRequest) -> bool:
        return self.edit(
            lambda cues: timing.change_frame_rate(cues, request.timed_for, request.played_at),
            f"Frame rate {request.timed_for.value} → {request.played_at.value} fps",
        )

    def snap(self, rate: timing.FrameRate) -> bool:
        return self.edit(
            lambda cues: timing.snap_to_frames(cues, rate), f"Snap to frames at {rate.value} fps"
        )

    # --- fixes ---

    def fix(self, finding: Finding) -> bool:
        if finding.fix is None:
            return False
        select = [finding.cue_index] if finding.cue_index is not None else []
        return self.edit(finding.fix.apply, finding.fix.label, select)

    def fix_all_safe(self) -> bool:
        return self.edit(lambda cues: fix_all_safe(cues, self.rules), "Fix all safe")
