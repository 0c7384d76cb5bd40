"""Which posts have subtitles, for the Posts page: a "CC" badge coloured by the last check, and a menu to open the file.

The badge's tooltip names each linked file with the result of its last check.
"""

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from companion.core.subtitles.checks import Severity
from companion.store.subtitle_files import SubtitleFile, files_by_post
from companion.ui.context import AppContext
from companion.ui.post_model import POST_ID_ROLE
from companion.ui.subtitles.commands import subtitle_signals
from companion.ui.subtitles.cue_model import MARK_COLORS
from companion.ui.subtitles.file_status import check_text, worst_severity
from companion.ui.theme import current_colors

BADGE_TEXT = "CC"
BADGE_GAP = 6
BADGE_PADDING = 5
SUBTITLES_PAGE = "subtitles"


class SubtitleBadges(QStyledItemDelegate):
    """Draws the caption cell with a small "CC" badge at its right end when the post has a
    linked subtitle file; the badge's tooltip names the files."""

    def __init__(self, context: AppContext, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.context = context
        self.view = view
        self.linked: dict[int, list[SubtitleFile]] = {}
        subtitle_signals(context).files_changed.connect(self.reload)

    def reload(self) -> None:
        self.linked = files_by_post(self.context.store)
        self.view.viewport().update()

    def files_of(self, index: QModelIndex | QPersistentModelIndex) -> list[SubtitleFile]:
        return self.linked.get(index.data(POST_ID_ROLE), [])

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not self.files_of(index):
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text, item.text = item.text, ""
        style = item.widget.style() if item.widget else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        badge = self._badge_rect(item)
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, item.widget)
        # The style draws item text this far inside its rectangle; the other rows line up so.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, item.widget) + 1
        room.adjust(margin, 0, 0, 0)
        room.setRight(badge.left() - BADGE_GAP)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        colors = current_colors()
        painter.save()
        painter.setPen(QColor(colors.on_accent if selected else colors.text))
        elided = item.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, room.width())
        painter.drawText(
            room, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), elided
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(colors.on_accent if selected else self._badge_color(index)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(badge.adjusted(0, 0, -1, -1), 3, 3)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), BADGE_TEXT)
        painter.restore()

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        files = self.files_of(index)
        if files and self._badge_rect(option).contains(event.pos()):
            QToolTip.showText(event.globalPos(), badge_tooltip(files), view)
            return True
        return super().helpEvent(event, view, option, index)

    def _badge_color(self, index: QModelIndex | QPersistentModelIndex) -> str:
        """The worst last check among the post's files: red for errors, amber for warnings."""
        found = {worst_severity(file) for file in self.files_of(index)}
        for severity in (Severity.ERROR, Severity.WARNING):
            if severity in found:
                return MARK_COLORS[severity]
        return current_colors().muted

    def _badge_rect(self, option: QStyleOptionViewItem) -> QRect:
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(BADGE_TEXT) + 2 * BADGE_PADDING
        height = metrics.height() + 2
        rect = option.rect
        return QRect(
            rect.right() - width - BADGE_GAP, rect.center().y() - height // 2, width, height
        )


def subtitle_menu(parent: QWidget, files: list[SubtitleFile], point: QPoint) -> None:
    """The Posts table's menu for a post with subtitles: open each file in the Subtitles page."""
    menu = QMenu(parent)
    for file in files:
        action = menu.addAction(f"Open subtitles {file.name} ({check_text(file)})")
        action.triggered.connect(lambda _=False, path=file.path: open_in_subtitles(parent, path))
    menu.popup(point)


def badge_tooltip(files: list[SubtitleFile]) -> str:
    """Each linked file with the result of its last check, one a line."""
    return "Subtitles:\n" + "\n".join(f"{file.name}: {check_text(file)}" for file in files)


def open_in_subtitles(widget: QWidget, path: Path) -> bool:
    """Show the Subtitles page of the widget's window with this file open."""
    window = widget.window()
    show_page = getattr(window, "show_page", None)
    page_of = getattr(window, "page", None)
    if show_page is None or page_of is None:
        return False
    show_page(SUBTITLES_PAGE)
    page = page_of(SUBTITLES_PAGE)
    return page is not None and page.open_file(path)
