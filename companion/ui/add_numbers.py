"""The "Add today's numbers" dialog: one day's counts for one account, checked as they are typed."""

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QWidget,
)

from companion.core.accounts import (
    SNAPSHOT_COUNTS,
    Account,
    Snapshot,
    day_text,
    snapshot_problems,
)
from companion.importers.values import BadValue, parse_count
from companion.store.database import Store
from companion.store.snapshots import snapshot_on
from companion.ui.account_dialog import FormDialog

LAST_ACCOUNT_KEY = "audience/last_account"
DATE_FORMAT = "d MMM yyyy"


class MissingCount(BadValue):
    """A required count left empty: not yet a mistake while the creator is still typing."""


def read_count(label: str, text: str, *, required: bool = False) -> int | None:
    """A count as typed ("24310", "24,310", "1.2K"), or None for an empty optional field.

    Raises BadValue (MissingCount for an empty required one) with a message naming the field.
    """
    try:
        value = parse_count(text)
    except BadValue as error:
        raise BadValue(f"{label}: {error}.") from None
    if value is None and required:
        raise MissingCount(f"{label}: enter a number; every day's numbers need it.")
    return value


def remembered_account() -> int | None:
    value = QSettings().value(LAST_ACCOUNT_KEY)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def as_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date field with a calendar, reading '20 Nov 2026' like the rest of the page."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    if day is not None:
        edit.setDate(as_qdate(day))
    return edit


class AddNumbersDialog(FormDialog):
    """One day's numbers for one account. Entering a day that has numbers replaces them.

    The account is the one chosen last time, else `shown_account` (the one on screen). The
    dialog only collects and checks; `entered` carries the day's numbers, on Save.
    """

    entered = Signal(object)
    """The `Snapshot` the creator saved."""

    def __init__(
        self,
        store: Store,
        accounts: Sequence[Account],
        today: date,
        shown_account: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Add today's numbers",
            "Followers is the one count every day needs; leave empty what you don't track.",
            "Save",
            parent,
        )
        self.store = store
        self.today = today
        self.existing_note = self.note
        self.account_combo = QComboBox()
        for account in accounts:
            self.account_combo.addItem(account.platform_and_handle, account.id)
        self._choose_account(shown_account)
        self.date_edit = date_edit(today)
        self.count_edits = {name: QLineEdit() for name in SNAPSHOT_COUNTS}
        self._filled_in = dict.fromkeys(SNAPSHOT_COUNTS, "")
        self.form.addRow("Account", self.account_combo)
        self.form.addRow("Date", self.date_edit)
        for name, label in SNAPSHOT_COUNTS.items():
            edit = self.count_edits[name]
            edit.setPlaceholderText("Required" if name == "followers" else "Optional")
            edit.textChanged.connect(self.check)
            self.form.addRow(label, edit)
        self.account_combo.currentIndexChanged.connect(self._on_day_chosen)
        self.date_edit.dateChanged.connect(self._on_day_chosen)
        self._on_day_chosen()
        self.count_edits["followers"].setFocus()

    def _choose_account(self, shown_account: int | None) -> None:
        for wanted in (remembered_account(), shown_account):
            index = self.account_combo.findData(wanted)
            if index >= 0:
                self.account_combo.setCurrentIndex(index)
                return

    @property
    def account_id(self) -> int | None:
        return self.account_combo.currentData()

    @property
    def day(self) -> date:
        return self.date_edit.date().toPython()

    def existing(self) -> Snapshot | None:
        """The numbers already kept for the chosen account and day, if any."""
        if self.account_id is None:
            return None
        return snapshot_on(self.store, self.account_id, self.day)

    def _on_day_chosen(self) -> None:
        # Fields the creator has not typed in show the chosen day's numbers (or clear), so
        # saving a day again never empties a count they did not mean to change.
        existing = self.existing()
        for name, edit in self.count_edits.items():
            if edit.text() == self._filled_in[name]:  # not changed by the creator
                value = getattr(existing, name) if existing else None
                self._filled_in[name] = "" if value is None else str(value)
                edit.setText(self._filled_in[name])
        if existing:
            self.existing_note.show_note(
                f"{day_text(existing.date)} already has {existing.followers:,} followers; "
                "saving replaces it."
            )
        else:
            self.existing_note.clear_message()
        self.check()

    def snapshot(self) -> Snapshot:
        """The day's numbers as typed; raises BadValue (naming the field) for what cannot be kept."""
        if self.account_id is None:
            raise BadValue("Account: add an account first.")
        counts: dict[str, int | None] = {}
        missing: MissingCount | None = None
        for name, label in SNAPSHOT_COUNTS.items():
            text = self.count_edits[name].text()
            try:
                counts[name] = read_count(label, text, required=name == "followers")
            except MissingCount as error:
                missing = error  # said after any typing mistake, which matters more
        # A day still to come is said even before followers are typed.
        snapshot = Snapshot(self.account_id, self.day, **{"followers": 0, **counts})
        problems = snapshot_problems(snapshot, self.today)
        if problems:
            raise BadValue(problems[0].message)
        if missing is not None:
            raise missing
        return snapshot

    def check(self) -> bool:
        """Say what is wrong as the creator types; an empty followers field only disables Save."""
        try:
            self.snapshot()
        except MissingCount:
            self.message.clear_message()
            self.save_button.setEnabled(False)
            return False
        except BadValue as problem:
            self.message.show_problem(str(problem))
            self.save_button.setEnabled(False)
            return False
        self.message.clear_message()
        self.save_button.setEnabled(True)
        return True

    def accept(self) -> None:
        if not self.check():
            return
        QSettings().setValue(LAST_ACCOUNT_KEY, self.account_id)
        super().accept()
        self.entered.emit(self.snapshot())
