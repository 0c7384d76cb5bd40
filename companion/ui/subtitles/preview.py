"""The selected cue drawn on a 16:9 frame as a viewer would see it: its lines, italics, and where its settings put it."""

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.core.subtitles.cues import Cue
from companion.core.subtitles.layout import parse_settings, place

ASPECT = 16 / 9
TEXT_HEIGHT = 0.055
"""Subtitle text height as a share of the frame's: about what streaming players use."""
LINE_SPACING = 1.25
BOX_PADDING = 0.25
"""Room either side of a line on its dark box, in text heights."""
_TAG = re.compile(r"<(/?)([a-zA-Z]*)[^>]*>")


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a line in one style."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


def styled_lines(text: str) -> list[list[Run]]:
    """The cue's lines as runs of text; <b>, <i> and <u> style them (across lines, as players
    do), every other tag is left out and entities such as &amp; show as their character."""
    styles = {"b": False, "i": False, "u": False}
    lines: list[list[Run]] = []
    for line in text.split("\n"):
        runs: list[Run] = []
        position = 0
        for tag in _TAG.finditer(line):
            _add_run(runs, line[position : tag.start()], styles)
            name = tag[2].lower()
            if name in styles:
                styles[name] = tag[1] != "/"
            position = tag.end()
        _add_run(runs, line[position:], styles)
        lines.append(runs)
    return lines


def _add_run(runs: list[Run], text: str, styles: dict[str, bool]) -> None:
    if text:
        runs.append(Run(html.unescape(text), styles["b"], styles["i"], styles["u"]))


class CuePreview(QWidget):
    """Draws one cue, or an empty frame with a hint when no cue is selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cuePreview")
        self.cue: Cue | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(240, 135)

    def show_cue(self, cue: Cue | None) -> None:
        self.cue = cue
        ignored = parse_settings(cue.settings).ignored if cue else ()
        self.setToolTip(
            f"Players ignore these cue settings: {' '.join(ignored)}" if ignored else ""
        )
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width / ASPECT)

    def sizeHint(self) -> QSize:
        return QSize(352, 198)

    def frame_rect(self) -> QRectF:
        """The largest 16:9 rectangle that fits, centred."""
        width, height = self.width(), self.height()
        if width / max(height, 1) > ASPECT:
            width = height * ASPECT
        else:
            height = width / ASPECT
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        frame = self.frame_rect()
        self._draw_frame(painter, frame)
        if self.cue is None or self.cue.is_empty:
            self._draw_hint(painter, frame)
        else:
            self._draw_cue(painter, frame, self.cue)
        painter.end()

    def _draw_frame(self, painter: QPainter, frame: QRectF) -> None:
        """A dim picture stands in for the video, so the text reads as it would on one."""
        gradient = QLinearGradient(frame.topLeft(), frame.bottomRight())
        gradient.setColorAt(0, QColor("#3A4656"))
        gradient.setColorAt(1, QColor("#12161C"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawRoundedRect(frame, 4, 4)

    def _draw_hint(self, painter: QPainter, frame: QRectF) -> None:
        painter.setPen(QColor(255, 255, 255, 140))
        painter.setFont(self._font(frame, Run("")))
        hint = "Select a cue to see it here" if self.cue is None else "This cue has no text"
        painter.drawText(frame, Qt.AlignmentFlag.AlignCenter, hint)

    def _draw_cue(self, painter: QPainter, frame: QRectF, cue: Cue) -> None:
        lines = styled_lines(cue.text)
        text_height = TEXT_HEIGHT * frame.height()
        line_height = text_height * LINE_SPACING
        box = place(parse_settings(cue.settings), len(lines), line_height / frame.height())
        top = frame.top() + box.top * frame.height()
        left = frame.left() + box.left * frame.width()
        width = box.width * frame.width()
        for number, runs in enumerate(lines):
            widths = [self._metrics(frame, run).horizontalAdvance(run.text) for run in runs]
            line_width = sum(widths)
            x = left + {"left": 0.0, "right": width - line_width}.get(
                box.side, (width - line_width) / 2
            )
            y = top + number * line_height
            if line_width:
                padding = BOX_PADDING * text_height
                background = QRectF(x - padding, y, line_width + 2 * padding, line_height)
                painter.fillRect(background, QColor(0, 0, 0, 190))
            baseline = y + (line_height + self._metrics(frame, Run("")).capHeight()) / 2
            painter.setPen(QColor("#FFFFFF"))
            for run, run_width in zip(runs, widths, strict=True):
                painter.setFont(self._font(frame, run))
                painter.drawText(QPointF(x, baseline), run.text)
                x += run_width

    def _font(self, frame: QRectF, run: Run) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, round(TEXT_HEIGHT * frame.height())))
        font.setBold(run.bold)
        font.setItalic(run.italic)
        font.setUnderline(run.underline)
        return font

    def _metrics(self, frame: QRectF, run: Run) -> QFontMetricsF:
        return QFontMetricsF(self._font(frame, run))
