"""Undo commands: each change a page makes to the creator's data is one entry on the undo stack."""

from PySide6.QtGui import QUndoCommand

from companion.core.settings import Settings
from companion.store.errors import StoreError
from companion.ui.context import AppContext

_CHANGE_SETTINGS_ID = 1001


class ChangeSettings(QUndoCommand):
    """Replace the creator's settings; undo puts the previous ones back.

    Steps of one field in a row (e.g. clicking a spin box's arrow five times) share a
    `merge_key` and become one undo entry.
    """

    def __init__(
        self,
        context: AppContext,
        old: Settings,
        new: Settings,
        text: str,
        merge_key: str | None = None,
    ) -> None:
        super().__init__(text)
        self.context = context
        self.old = old
        self.new = new
        self.merge_key = merge_key

    def redo(self) -> None:
        _save(self.context, self.new)

    def undo(self) -> None:
        _save(self.context, self.old)

    def id(self) -> int:
        return _CHANGE_SETTINGS_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeSettings) or other.merge_key != self.merge_key:
            return False
        self.new = other.new
        self.setText(other.text())
        return True


def change_settings(
    context: AppContext, new: Settings, text: str, merge_key: str | None = None
) -> bool:
    """Save `new` as the creator's settings, as one entry on the undo stack.

    The change is saved before it is pushed, so a change that cannot be saved leaves no
    entry behind; the status bar says why. Returns whether it was saved.
    """
    old = context.settings
    if new == old:
        return True
    if not _save(context, new):
        return False
    # The push runs redo(), which finds the settings already saved and does nothing.
    context.undo_stack.push(ChangeSettings(context, old, new, text, merge_key))
    return True


def _save(context: AppContext, settings: Settings) -> bool:
    try:
        context.update_settings(settings)
    except StoreError as error:
        context.status_message.emit(f"Settings not saved: {error.message}")
        return False
    return True
