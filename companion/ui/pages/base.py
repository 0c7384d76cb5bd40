"""What a page of the main window is, and the empty state a page shows before it has anything to show."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize
from PySide6.QtGui import QIcon, QPainter, QPainterPath, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from companion.ui.context import AppContext
from companion.ui.icons import icon
from companion.ui.theme import set_role

if TYPE_CHECKING:
    from companion.store.records import RecordCounts

PAGE_MARGINS = (32, 24, 32, 24)
NEXT_TURN_MS = 1
"""A page's wait for the next turn of the event loop, to split its work into short holds on
the window. Not 0: Qt runs a zero-time single shot as a queued call, in the same pass as the
work that asked for it, so the window would not get its turn in between."""
EMPTY_STATE_WIDTH = 560
EMPTY_STATE_ICON = QSize(48, 48)
CARD_RADIUS = 10.0


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

    def maybe_close(self) -> bool:
        """Before the window closes: settle unsaved work (asking if need be). False keeps the
        window open."""
        return True

    def open_file(self, path: Path) -> bool:
        """A file dropped on the window or chosen with File ▸ Import… that this page opens."""
        return False


class EmptyState(QWidget):
    """A calm, centred explanation of what will appear here, and why it is empty now."""

    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        # Qt's namespace is imported where it is used: this module loads at start-up, when
        # building its 94 enums would cost ≈20 ms before the window shows.
        from PySide6.QtCore import Qt

        super().__init__(parent)
        self.setObjectName("emptyState")
        self.icon_label = QLabel()
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon_label.hide()
        self.title_label = _centred_label(title, "emptyStateTitle")
        self.body_label = _centred_label(body, "emptyStateBody")
        # The labels fill a column of readable width: a wrapping label centred at its own
        # (narrow) size hint gets a height computed for another width and is cut off.
        column = QWidget()
        column.setMaximumWidth(EMPTY_STATE_WIDTH)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(8)
        column_layout.addWidget(self.icon_label)
        column_layout.addSpacing(4)
        column_layout.addWidget(self.title_label)
        column_layout.addWidget(self.body_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def set_body(self, body: str) -> None:
        self.body_label.setText(body)

    def set_icon(self, pixmap: QPixmap) -> None:
        """A large, quiet picture above the title."""
        self.icon_label.setPixmap(pixmap)
        self.icon_label.setVisible(not pixmap.isNull())


class CardFrame(QFrame):
    """A rounded panel: the palette's Base inside a hairline in its Mid (the theme's surface
    and border colours), so it follows the theme by itself. Painted, not styled: see theme."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setContentsMargins(1, 1, 1, 1)  # inside the hairline

    def paintEvent(self, event: QPaintEvent) -> None:
        # An empty pen given a colour and the palette's brush: see Sparkline.paintEvent.
        palette = self.palette()
        outline = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        shape = QPainterPath()
        shape.addRoundedRect(outline, CARD_RADIUS, CARD_RADIUS)
        border = QPen()
        border.setColor(palette.color(QPalette.ColorRole.Mid))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(shape, palette.brush(QPalette.ColorRole.Base))
        painter.strokePath(shape, border)
        painter.end()


def _centred_label(text: str, object_name: str) -> QLabel:
    from PySide6.QtCore import Qt  # see EmptyState

    label = QLabel(text)
    set_role(label, object_name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def page_title_label(title: str) -> QLabel:
    """The large title at the top of a page."""
    label = QLabel(title)
    set_role(label, "pageTitle")
    return label


def count_phrase(count: int, singular: str, plural: str | None = None) -> str:
    """`count_phrase(1, "post")` → "1 post"; `count_phrase(1200, "post")` → "1,200 posts"."""
    word = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {word}"


class PlannedPage(Page):
    """A page whose feature comes in a later version: an honest empty state.

    It says what the page will do and, where the record already holds something the page
    will work with, how much; it never shows a number the record does not hold.
    """

    icon_name = ""
    """The page's icon in resources/icons, shown large above the empty state's title."""

    heading = ""
    """The empty state's title."""

    promise = ""
    """What the page will do, in a creator's words."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.empty_state = EmptyState(self.heading, self.promise)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(page_title_label(self.title))
        layout.addWidget(self.empty_state, 1)
        self._show_icon()
        self.reload()

    def reload(self) -> None:
        from companion.store.records import record_counts  # not needed before the first paint

        held = self.describe_record(record_counts(self.context.store))
        soon = "This page arrives in a later version of Creator Companion."
        self.empty_state.set_body("\n\n".join(part for part in (self.promise, held, soon) if part))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._show_icon()
        super().changeEvent(event)

    def _show_icon(self) -> None:
        if self.icon_name:
            picture = icon(self.icon_name).pixmap(EMPTY_STATE_ICON, QIcon.Mode.Disabled)
            self.empty_state.set_icon(picture)

    def describe_record(self, counts: "RecordCounts") -> str:
        """A sentence about what the record already holds for this page, or "" when nothing."""
        return ""
