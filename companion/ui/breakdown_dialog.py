"""The "Enter audience breakdown" dialog: one dimension's shares on one date, checked as they are typed."""

import re
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from companion.core.accounts import Account, day_text
from companion.core.audience import (
    Breakdown,
    BreakdownProblem,
    Dimension,
    bucket_label,
    make_breakdown,
)
from companion.core.countries import all_countries, country_by_code, fold
from companion.importers.values import BadValue, parse_decimal
from companion.store.audience import breakdown_on
from companion.store.database import Store
from companion.ui.account_dialog import FormDialog
from companion.ui.add_numbers import as_qdate, date_edit
from companion.ui.theme import set_role

OPEN_ROWS = 8
"""Rows offered for countries and cities; "Add row" makes more."""
_NAMED_CODE = re.compile(r"\((?P<code>[A-Za-z]{2})\)\s*$")


class BreakdownDialog(FormDialog):
    """Shares of one dimension (countries, age, gender or cities) as a platform's insights show them.

    Entering a dimension and date that already has shares shows them, and saving replaces them.
    `entered` carries the checked `Breakdown` on Save.
    """

    entered = Signal(object)

    def __init__(
        self,
        store: Store,
        account: Account,
        today: date,
        dimension: Dimension = Dimension.COUNTRY,
        read_on: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Enter audience breakdown",
            f"Copy the shares from {account.platform_and_handle}'s audience insights. "
            "Shares need not add up to 100%: what is not listed counts as other.",
            "Save",
            parent,
        )
        self.store = store
        self.account = account
        self.today = today
        self.dimension_combo = QComboBox()
        for choice in Dimension:
            self.dimension_combo.addItem(choice.label, choice.value)
        self.dimension_combo.setCurrentIndex(list(Dimension).index(dimension))
        self.date_edit = date_edit(read_on or today)
        self.date_edit.setMaximumDate(as_qdate(today))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(6)
        self.rows: list[tuple[QLineEdit | QLabel, QLineEdit]] = []
        self.add_row_button = QPushButton("Add row")
        self.add_row_button.clicked.connect(lambda: self._add_row("", ""))
        self.total_label = QLabel()
        set_role(self.total_label, "muted")
        self.form.addRow("Account", QLabel(account.platform_and_handle))
        self.form.addRow("Breakdown", self.dimension_combo)
        self.form.addRow("Date read", self.date_edit)
        self.form.addRow(self.grid)
        self.form.addRow(self.add_row_button, self.total_label)
        self.dimension_combo.currentIndexChanged.connect(self._fill)
        self.date_edit.dateChanged.connect(self._fill)
        self._fill()

    @property
    def dimension(self) -> Dimension:
        return Dimension(self.dimension_combo.currentData())

    @property
    def read_on(self) -> date:
        return self.date_edit.date().toPython()

    def _fill(self) -> None:
        """Rows for the chosen dimension, holding the shares kept for that date, if any."""
        existing = breakdown_on(self.store, self.account.id, self.dimension, self.read_on)
        kept = {share.bucket: share.share for share in existing.shares} if existing else {}
        self._clear_rows()
        fixed = self.dimension.fixed_buckets
        if fixed:
            for bucket in fixed:
                self._add_row(bucket, _percent_text(kept.pop(bucket, None)), fixed=True)
        for bucket, share in kept.items():
            self._add_row(self._bucket_text(bucket), _percent_text(share))
        if not fixed:
            for _ in range(max(0, OPEN_ROWS - len(kept))):
                self._add_row("", "")
        self.add_row_button.setVisible(not fixed)
        if existing:
            self.note.show_note(
                f"{day_text(self.read_on)} already has {self.dimension.label.lower()}; "
                "saving replaces them."
            )
        else:
            self.note.clear_message()
        self.check()
        first = self.rows[0][1] if fixed else self.rows[0][0]
        first.setFocus()

    def _clear_rows(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if widget := item.widget():
                widget.deleteLater()
        self.rows = []

    def _add_row(self, bucket: str, share: str, *, fixed: bool = False) -> None:
        row = len(self.rows)
        bucket_widget: QLineEdit | QLabel
        if fixed:
            bucket_widget = QLabel(bucket_label(self.dimension, bucket))
            bucket_widget.setProperty("bucket", bucket)
        else:
            bucket_widget = QLineEdit(bucket)
            bucket_widget.setPlaceholderText(_placeholder(self.dimension, row))
            if self.dimension is Dimension.COUNTRY:
                completer = QCompleter(_country_choices(), bucket_widget)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                bucket_widget.setCompleter(completer)
            bucket_widget.textChanged.connect(self.check)
        share_edit = QLineEdit(share)
        share_edit.setMaximumWidth(90)
        share_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        share_edit.textChanged.connect(self.check)
        self.grid.addWidget(bucket_widget, row, 0)
        self.grid.addWidget(share_edit, row, 1)
        self.grid.addWidget(QLabel("%"), row, 2)
        self.rows.append((bucket_widget, share_edit))

    def _bucket_text(self, bucket: str) -> str:
        if self.dimension is Dimension.COUNTRY and (country := country_by_code(bucket)):
            return _country_choice(country.name, country.code)
        return bucket_label(self.dimension, bucket)

    def entries(self) -> list[tuple[str, float]]:
        """The rows that hold something, as (bucket, share 0–1); raises BadValue naming the row."""
        entries = []
        for number, (bucket_widget, share_edit) in enumerate(self.rows, start=1):
            bucket = (
                bucket_widget.property("bucket")
                if isinstance(bucket_widget, QLabel)
                else bucket_widget.text().strip()
            )
            share_text = share_edit.text().strip().rstrip("%").strip()
            if not share_text and (isinstance(bucket_widget, QLabel) or not bucket):
                continue
            name = bucket_label(self.dimension, bucket) if bucket else f"Row {number}"
            if not share_text:
                raise BadValue(f"{name}: enter its share, such as 12.5%.")
            try:
                share = parse_decimal(share_text)
            except BadValue:
                raise BadValue(
                    f"{name}: “{share_edit.text()}” is not a share such as 12.5%."
                ) from None
            if self.dimension is Dimension.COUNTRY:
                bucket = _country_code(bucket)
            entries.append((bucket, (share or 0.0) / 100))
        return entries

    def breakdown(self) -> Breakdown:
        """What was typed, checked; raises BadValue or BreakdownProblem saying what is wrong."""
        return make_breakdown(self.dimension, self.read_on, self.entries(), self.today)

    def check(self) -> bool:
        """Say what is wrong as the creator types; nothing typed yet only disables Save."""
        try:
            if not self.entries():
                self.message.clear_message()
                self.total_label.clear()
                self.save_button.setEnabled(False)
                return False
            breakdown = self.breakdown()
        except (BadValue, BreakdownProblem) as problem:
            self.total_label.clear()
            self.message.show_problem(str(problem))
            self.save_button.setEnabled(False)
            return False
        self.message.clear_message()
        self.total_label.setText(
            f"Total {breakdown.total:.1%}"
            + (f" · {breakdown.unlisted:.1%} other" if breakdown.unlisted >= 0.0005 else "")
        )
        self.save_button.setEnabled(True)
        return True

    def accept(self) -> None:
        if not self.check():
            return
        breakdown = self.breakdown()
        super().accept()
        self.entered.emit(breakdown)


def _percent_text(share: float | None) -> str:
    if share is None:
        return ""
    return f"{share * 100:.2f}".rstrip("0").rstrip(".")


def _placeholder(dimension: Dimension, row: int) -> str:
    examples = {Dimension.COUNTRY: ("Portugal", "US"), Dimension.CITY: ("Lisbon", "London")}
    return examples[dimension][row] if row < 2 else ""


def _country_choice(name: str, code: str) -> str:
    return f"{name} ({code})"


def _country_choices() -> list[str]:
    return [_country_choice(country.name, country.code) for country in all_countries()]


def _country_code(text: str) -> str:
    """A country code from "PT", "Portugal" or "Portugal (PT)"; anything else as typed."""
    if named := _NAMED_CODE.search(text):
        return named["code"].upper()
    wanted = fold(text)
    for country in all_countries():
        if fold(country.name) == wanted:
            return country.code
    return text
