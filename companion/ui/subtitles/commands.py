"""Undo commands for subtitles: every edit of the cues, and linking a file to a post, is one entry on the app's undo stack.

A cue edit keeps the cues from before and after, whole: the tuples share every cue the edit
left alone, so an entry costs one pointer per cue, and undo puts back exactly what was there.
"""

import weakref
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from companion.core.subtitles.cues import Cue
from companion.store.subtitle_files import link_to_post
from companion.ui.context import AppContext
from companion.ui.snapshot_commands import RecordEdit
from companion.ui.subtitles.session import EditSession

_TYPING_ID = 5001
CLOSED_FILE = "That edit belongs to a subtitle file that is no longer open, so it was dropped."


class SubtitleSignals(QObject):
    """What changed in the record's subtitle files, for pages that show them. One per context."""

    files_changed = Signal()
    """A file was added, checked, linked or unlinked."""


def subtitle_signals(context: AppContext) -> SubtitleSignals:
    """The context's SubtitleSignals, made on first use and living as long as the context."""
    signals = context.findChild(SubtitleSignals)
    return signals if signals is not None else SubtitleSignals(context)


class CueEdit(QUndoCommand):
    """Replace the open file's cues; undo puts back the ones before and selects what was selected.

    Edits with the same `merge_key` in a row (typing into one cue) become one entry.
    """

    def __init__(
        self,
        context: AppContext,
        session: EditSession,
        after: tuple[Cue, ...],
        text: str,
        select: Sequence[int] = (),
        merge_key: object = None,
    ) -> None:
        super().__init__(text)
        # Weak: the undo stack outlives the editor, which may open another file.
        self._context = weakref.ref(context)
        self._session = weakref.ref(session)
        self.before = session.cues
        self.after = after
        self.select_before = list(select)
        self.select_after = list(select)
        self.merge_key = merge_key

    def redo(self) -> None:
        self._show(self.after, self.select_after)

    def undo(self) -> None:
        self._show(self.before, self.select_before)

    def id(self) -> int:
        return _TYPING_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, CueEdit) or other.merge_key != self.merge_key:
            return False
        if other._session() is not self._session() or other.before is not self.after:
            return False
        self.after = other.after
        self.select_after = other.select_after
        return True

    def _show(self, cues: tuple[Cue, ...], select: list[int]) -> None:
        session = self._session()
        if session is None or session.closed:
            # The stack deletes an obsolete command instead of moving past it.
            self.setObsolete(True)
            context = self._context()
            if context is not None:
                context.status_message.emit(CLOSED_FILE)
            return
        session.show_cues(cues, select)


def edit_cues(
    context: AppContext,
    session: EditSession,
    after: Sequence[Cue],
    text: str,
    select: Sequence[int] = (),
    merge_key: object = None,
) -> bool:
    """Make the edit as one undo entry; an edit that changes nothing leaves no entry.

    Returns whether the cues changed.
    """
    after = tuple(after)
    if after == session.cues:
        return False
    context.undo_stack.push(CueEdit(context, session, after, text, select, merge_key))
    return True


class LinkSubtitleFile(RecordEdit):
    """Link a subtitle file to a post (or unlink it); undo puts back the link it had."""

    def __init__(self, context: AppContext, file_id: int, post_id: int | None, text: str) -> None:
        super().__init__(context, text)
        self.file_id = file_id
        self.post_id = post_id
        self.previous: int | None = None

    def apply(self) -> None:
        self.previous = link_to_post(self.context.store, self.file_id, self.post_id)
        subtitle_signals(self.context).files_changed.emit()

    def revert(self) -> None:
        link_to_post(self.context.store, self.file_id, self.previous)
        subtitle_signals(self.context).files_changed.emit()
