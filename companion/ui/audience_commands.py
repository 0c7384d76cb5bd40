"""Undo commands for audience breakdowns: entering, replacing or removing one is one undo entry."""

from datetime import date

from companion.core.accounts import day_text
from companion.core.audience import Breakdown, Dimension
from companion.store.audience import breakdown_on, delete_breakdown, save_breakdown
from companion.ui.context import AppContext
from companion.ui.snapshot_commands import RecordEdit, audience_signals


class ChangeBreakdown(RecordEdit):
    """Give one dimension of an account's audience, on one date, these shares (or none)."""

    def __init__(
        self,
        context: AppContext,
        account_id: int,
        key: tuple[Dimension, date],
        before: Breakdown | None,
        after: Breakdown | None,
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.account_id = account_id
        self.key = key
        self.before = before
        self.after = after

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)

    def _write(self, breakdown: Breakdown | None) -> None:
        store = self.context.store
        if breakdown is None:
            delete_breakdown(store, self.account_id, *self.key)
        else:
            save_breakdown(store, self.account_id, breakdown)
        audience_signals(self.context).breakdowns_changed.emit(self.account_id)


def save_audience_breakdown(context: AppContext, account_id: int, breakdown: Breakdown) -> bool:
    """Enter a breakdown (replacing the one of that dimension and date), as one undoable edit."""
    key = (breakdown.dimension, breakdown.read_on)
    before = breakdown_on(context.store, account_id, *key)
    text = f"{breakdown.dimension.label} on {day_text(breakdown.read_on)}"
    return ChangeBreakdown(context, account_id, key, before, breakdown, text).push()


def remove_audience_breakdown(
    context: AppContext, account_id: int, dimension: Dimension, read_on: date
) -> bool:
    key = (dimension, read_on)
    before = breakdown_on(context.store, account_id, *key)
    if before is None:
        return True
    text = f"Remove {dimension.label.lower()} of {day_text(read_on)}"
    return ChangeBreakdown(context, account_id, key, before, None, text).push()
