"""The first-start welcome: what the app is for, and a choice between demo data and the creator's own."""

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from companion import APP_NAME
from companion.ui.icons import app_icon
from companion.ui.theme import set_role

WELCOME_TITLE = f"Welcome to {APP_NAME}"
WELCOME_TEXT = (
    "Your own record of how your accounts grow, the brand deals you do, your caption drafts "
    "and subtitle files, and a media kit made from your real numbers. "
    "Everything stays on this computer; nothing is sent anywhere."
)
DEMO_TEXT = (
    "Not sure where to start? Look around with a made-up creator's data first. "
    "It goes into this database, so you can see every page filled in; when you are ready "
    "for your own numbers, start a new database from the File menu."
)


class WelcomeDialog(QDialog):
    """Accepted means "Explore with demo data"; rejected (or closed) means "Start with my own data"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(WELCOME_TITLE)
        self.setModal(True)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 18)
        layout.setSpacing(12)
        layout.addLayout(_heading())
        layout.addWidget(_paragraph(WELCOME_TEXT, "dialogBody"))
        layout.addWidget(_paragraph(DEMO_TEXT, "dialogDetail"))
        layout.addSpacing(8)
        buttons = QDialogButtonBox()
        self.own_data_button = buttons.addButton(
            "Start with my own data", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.demo_button = buttons.addButton(
            "Explore with demo data", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.demo_button.setDefault(True)
        set_role(self.demo_button, "primaryButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _heading() -> QHBoxLayout:
    logo = QLabel()
    logo.setPixmap(app_icon().pixmap(QSize(40, 40)))
    title = QLabel(WELCOME_TITLE)
    set_role(title, "dialogTitle")
    row = QHBoxLayout()
    row.setSpacing(12)
    row.addWidget(logo, 0, Qt.AlignmentFlag.AlignVCenter)
    row.addWidget(title, 1, Qt.AlignmentFlag.AlignVCenter)
    return row


def _paragraph(text: str, object_name: str) -> QLabel:
    label = QLabel(text)
    set_role(label, object_name)
    label.setWordWrap(True)
    return label
