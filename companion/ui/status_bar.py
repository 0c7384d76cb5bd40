"""The window's status bar: a hairline along its top, the open database's name, a read-only badge."""

from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from companion.ui.theme import set_role


class StatusBar(QStatusBar):
    """Fusion's status bar under a line in the border colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.read_only_badge = QLabel("read-only")
        set_role(self.read_only_badge, "readOnlyBadge")
        self.read_only_badge.setToolTip("Nothing in this database can be changed in this window.")
        self.database_label = QLabel()
        set_role(self.database_label, "databaseLabel")
        self.addPermanentWidget(self.read_only_badge)
        self.addPermanentWidget(self.database_label)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # A path filled with the palette's brush: QPainter.fillRect's overloads that take a
        # colour's name make PySide6 build its Qt namespace (≈20 ms), in the first paint.
        line = QPainterPath()
        line.addRect(0, 0, self.width(), 1)
        painter = QPainter(self)
        painter.fillPath(line, self.palette().brush(QPalette.ColorRole.Mid))
        painter.end()
