"""The dialog for adding or editing an account (platform, handle, name), and the form and message the page's dialogs share."""

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account, account_problem, creator_name
from companion.core.platforms import Platform
from companion.ui.theme import set_role

# Error red at 4.5:1 or better on the light and the dark surfaces of the theme.
_PROBLEM_ON_LIGHT = "#B3261E"
_PROBLEM_ON_DARK = "#F2B8B5"
DIALOG_WIDTH = 420
DIALOG_MARGINS = (22, 18, 22, 16)


class InlineMessage(QLabel):
    """A line under a form: why what was typed cannot be kept (red), or a note (muted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.is_problem = False
        self.hide()

    def show_problem(self, text: str) -> None:
        self._show(text, problem=True)

    def show_note(self, text: str) -> None:
        self._show(text, problem=False)

    def clear_message(self) -> None:
        self.clear()
        self.is_problem = False
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._colour()
        super().changeEvent(event)

    def _show(self, text: str, *, problem: bool) -> None:
        self.is_problem = problem
        self.setText(text)
        self._colour()
        self.show()

    def _colour(self) -> None:
        # Read from the application's palette: this label's own one is changed by its colour.
        palette = QApplication.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        if self.is_problem:
            colour = _PROBLEM_ON_DARK if dark else _PROBLEM_ON_LIGHT
        else:
            colour = palette.color(QPalette.ColorRole.PlaceholderText).name()
        sheet = f"color: {colour};"
        # A new style sheet is itself a palette change: setting the same one again would loop.
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)


class FormDialog(QDialog):
    """A small dialog of the page's: a heading, a line on what it is for, a form, a note and a
    problem under it, and Save / Cancel. It grows with its messages instead of squeezing."""

    def __init__(
        self, title: str, explanation: str, save_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        self.note = InlineMessage()
        self.message = InlineMessage()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button: QPushButton = buttons.addButton(
            save_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        heading = QLabel(title)
        set_role(heading, "dialogTitle")
        detail = QLabel(explanation)
        set_role(detail, "dialogDetail")
        detail.setWordWrap(True)
        # Wrapping text takes the width it is given: this one sets the dialog's.
        left, _, right, _ = DIALOG_MARGINS
        detail.setFixedWidth(DIALOG_WIDTH - left - right)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(*DIALOG_MARGINS)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(detail)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)


@dataclass(frozen=True)
class AccountDetails:
    """What the creator typed for an account; `account_id` is None for a new one."""

    account_id: int | None
    platform: Platform
    handle: str
    display_name: str | None


class AccountDialog(FormDialog):
    """Add an account, or edit one (`editing`); a second account with the same handle is refused.

    The dialog only collects and checks; `entered` carries what was typed, on Save.
    """

    entered = Signal(object)
    """The `AccountDetails` the creator saved."""

    def __init__(
        self,
        accounts: Sequence[Account],
        editing: Account | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Edit account" if editing else "Add an account",
            "Several accounts on one platform are fine; each is added once.",
            "Save" if editing else "Add account",
            parent,
        )
        self.accounts = list(accounts)
        self.editing = editing
        self.platform_combo = QComboBox()
        for platform in Platform:
            self.platform_combo.addItem(platform.label, platform)
        self.handle_edit = QLineEdit()
        self.handle_edit.setPlaceholderText("@ninaeats")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("Optional: the name shown on the account")
        self.form.addRow("Platform", self.platform_combo)
        self.form.addRow("Handle", self.handle_edit)
        self.form.addRow("Name", self.name_edit)
        self._fill(editing)
        self.platform_combo.currentIndexChanged.connect(self.check)
        self.handle_edit.textChanged.connect(self.check)
        self.check()

    def _fill(self, editing: Account | None) -> None:
        if editing is None:
            self.name_edit.setText(creator_name(self.accounts) or "")
            return
        self.platform_combo.setCurrentIndex(self.platform_combo.findData(editing.platform))
        self.handle_edit.setText(editing.handle)
        self.name_edit.setText(editing.display_name or "")

    @property
    def platform(self) -> Platform:
        # Qt hands a StrEnum back as a plain string.
        return Platform(self.platform_combo.currentData())

    def details(self) -> AccountDetails:
        return AccountDetails(
            self.editing.id if self.editing else None,
            self.platform,
            self.handle_edit.text().strip(),
            self.name_edit.text().strip() or None,
        )

    def problem(self) -> str | None:
        editing = self.editing.id if self.editing else None
        return account_problem(self.platform, self.handle_edit.text(), self.accounts, editing)

    def check(self) -> bool:
        """Say what is wrong as the creator types; an empty handle only disables Save."""
        problem = self.problem()
        if problem and self.handle_edit.text().strip():
            self.message.show_problem(problem)
        else:
            self.message.clear_message()
        self.save_button.setEnabled(problem is None)
        return problem is None

    def accept(self) -> None:
        if self.check():
            super().accept()
            self.entered.emit(self.details())
