"""Undo commands for a creator's accounts and daily numbers: each edit is one entry on the undo stack."""

import sqlite3
import weakref
from collections.abc import Callable, Mapping
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from companion.core.accounts import Account, Snapshot, day_text
from companion.core.platforms import Platform
from companion.store.account_removal import RemovedAccount, remove_account, restore_account
from companion.store.accounts import add_account, update_account
from companion.store.errors import StoreError
from companion.store.snapshots import delete_snapshot, save_snapshot, snapshot_on
from companion.ui.context import AppContext

DayStates = Mapping[date, Snapshot | None]
"""What each day holds: its numbers, or None for no snapshot that day."""


class AudienceSignals(QObject):
    """Narrower than `AppContext.data_changed`: which account's days changed, or which account
    to show after the accounts changed. One per context (see `audience_signals`)."""

    days_changed = Signal(int, object)
    """The account id and the list of days whose numbers changed."""

    account_to_show = Signal(object)
    """An account id after an account was added, edited or put back; None after a removal."""

    breakdowns_changed = Signal(int)
    """The id of an account whose audience breakdowns changed."""


def audience_signals(context: AppContext) -> AudienceSignals:
    """The context's AudienceSignals, made on first use and living as long as the context."""
    signals = context.findChild(AudienceSignals)
    return signals if signals is not None else AudienceSignals(context)


class RecordEdit(QUndoCommand):
    """An edit of the record that is made first and put on the undo stack once made (`push`).

    Subclasses say how to `apply` and `revert` it; a store error on a later undo or redo
    goes to the status bar instead of escaping into Qt.
    """

    def __init__(self, context: AppContext, text: str) -> None:
        super().__init__(text)
        # Weak: the context's undo stack owns this command, and a command holding its
        # context would make a cycle through Qt objects that only the garbage collector
        # could free, in an order that deletes the commands twice.
        self._context = weakref.ref(context)
        self._applied = False

    @property
    def context(self) -> AppContext:
        context = self._context()
        if context is None:
            raise StoreError("This edit belongs to a window that has been closed.")
        return context

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied:  # the first redo, run by push(), finds the edit already made
            self._applied = False
            return
        self._run(self.apply, "Redo")

    def undo(self) -> None:
        self._run(self.revert, "Undo")

    def push(self) -> bool:
        """Make the edit, then put it on the undo stack; an edit that fails leaves no entry.

        Returns whether it was made; when not, the status bar says why.
        """
        try:
            self.apply()
        except (StoreError, sqlite3.Error) as error:
            self.context.status_message.emit(f"Not saved: {_reason(error)}")
            return False
        self._applied = True
        self.context.undo_stack.push(self)
        return True

    def _run(self, step: Callable[[], None], verb: str) -> None:
        try:
            step()
        except (StoreError, sqlite3.Error) as error:
            self.context.status_message.emit(f"{verb} failed: {_reason(error)}")


def _reason(error: Exception) -> str:
    return error.message if isinstance(error, StoreError) else str(error)


class ChangeDays(RecordEdit):
    """Set the numbers of some days of one account (None removes a day's numbers)."""

    def __init__(
        self,
        context: AppContext,
        account_id: int,
        before: DayStates,
        after: DayStates,
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.account_id = account_id
        self.before = dict(before)
        self.after = dict(after)

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)

    def _write(self, states: DayStates) -> None:
        store = self.context.store
        # Removals first: moving a day's numbers to another date frees the old date.
        ordered = sorted(states.items(), key=lambda item: item[1] is not None)
        with store.transaction():
            for day, snapshot in ordered:
                if snapshot is None:
                    delete_snapshot(store, self.account_id, day)
                else:
                    save_snapshot(store, snapshot)
        audience_signals(self.context).days_changed.emit(self.account_id, list(states))


def change_days(context: AppContext, account_id: int, after: DayStates, text: str) -> bool:
    """Give these days these numbers, as one undoable edit; returns whether it was saved."""
    before = {day: snapshot_on(context.store, account_id, day) for day in after}
    return ChangeDays(context, account_id, before, after, text).push()


def save_day(context: AppContext, snapshot: Snapshot) -> bool:
    """Enter (or enter again) one day's numbers, e.g. from "Add today's numbers"."""
    return change_days(
        context,
        snapshot.account_id,
        {snapshot.date: snapshot},
        f"Numbers for {day_text(snapshot.date)}",
    )


def delete_days(context: AppContext, account_id: int, days: list[date]) -> bool:
    if not days:
        return True
    text = f"Delete {day_text(days[0])}" if len(days) == 1 else f"Delete {len(days):,} days"
    return change_days(context, account_id, dict.fromkeys(days), text)


class AccountEdit(RecordEdit):
    """An edit of the account list: the dashboard and every page that lists accounts reload."""

    def _changed(self, account_id: int | None) -> None:
        audience_signals(self.context).account_to_show.emit(account_id)
        self.context.notify_data_changed()


class AddAccount(AccountEdit):
    def __init__(
        self, context: AppContext, platform: Platform, handle: str, display_name: str | None
    ) -> None:
        super().__init__(context, "Add account")
        self.details = (platform, handle, display_name)
        self.account: Account | None = None
        self.removed: RemovedAccount | None = None

    def apply(self) -> None:
        if self.removed is None:
            self.account = add_account(self.context.store, *self.details)
            self.setText(f"Add {self.account.platform_and_handle}")
        else:  # a redo: the same account under the same id, which later edits refer to
            self.account = restore_account(self.context.store, self.removed)
        self._changed(self.account.id)

    def revert(self) -> None:
        if self.account is not None:
            self.removed = remove_account(self.context.store, self.account.id)
            self._changed(None)


class EditAccount(AccountEdit):
    def __init__(self, context: AppContext, edited: Account) -> None:
        super().__init__(context, f"Edit {edited.platform_and_handle}")
        self.edited = edited
        self.previous: Account | None = None

    def apply(self) -> None:
        self.previous = update_account(self.context.store, self.edited)
        self._changed(self.edited.id)

    def revert(self) -> None:
        if self.previous is not None:
            update_account(self.context.store, self.previous)
            self._changed(self.previous.id)


class RemoveAccount(AccountEdit):
    def __init__(self, context: AppContext, account: Account) -> None:
        super().__init__(context, f"Remove {account.platform_and_handle}")
        self.account = account
        self.removed: RemovedAccount | None = None

    def apply(self) -> None:
        self.removed = remove_account(self.context.store, self.account.id)
        self._changed(None)

    def revert(self) -> None:
        if self.removed is not None:
            restore_account(self.context.store, self.removed)
            self._changed(self.account.id)
