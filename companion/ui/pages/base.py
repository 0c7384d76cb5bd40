"""What a page of the main window is, and the empty state a page shows before it has anything to show."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from companion.ui.context import AppContext


class Page(QWidget):
    """A page in the sidebar. Built the first time it is shown, never at start-up."""

    title = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.data_changed.connect(self.reload)

    def reload(self) -> None:
        """Read the store again; called when the whole record may have changed."""

    def can_find(self) -> bool:
        """Whether Edit ▸ Find has something to search on this page."""
        return False

    def find(self) -> None:
        """Edit ▸ Find: focus this page's search field."""


class EmptyState(QWidget):
    """A calm, centred explanation of what will appear here, and why it is empty now."""

    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.title_label = QLabel(title)
        self.title_label.setObjectName("emptyStateTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        self.body_label = QLabel(body)
        self.body_label.setObjectName("emptyStateBody")
        self.body_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body_label.setWordWrap(True)
        self.body_label.setMaximumWidth(520)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(self.body_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
