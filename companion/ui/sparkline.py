"""A small followers line for a card, drawn with QPainter (no matplotlib): a gap where a day is missing."""

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.core.accounts import day_text

DatedCount = tuple[date, int]

HEIGHT = 40
LINE_WIDTH = 1.6
END_DOT_RADIUS = 2.6
FILL_ALPHA = 28
BOTTOM_MARGIN = 2


def runs(points: Sequence[DatedCount]) -> list[list[DatedCount]]:
    """The points split where a day is missing: each run is drawn as one unbroken line."""
    result: list[list[DatedCount]] = []
    for point in points:
        if not result or (point[0] - result[-1][-1][0]).days != 1:
            result.append([])
        result[-1].append(point)
    return result


def days_without_numbers(points: Sequence[DatedCount]) -> int:
    """Days between the first and the last point that have no count."""
    if not points:
        return 0
    return (points[-1][0] - points[0][0]).days + 1 - len(points)


def sparkline_summary(points: Sequence[DatedCount], days: int) -> str:
    """What the line shows, in words: for the tooltip and screen readers."""
    if not points:
        return f"No follower numbers in the last {days} days."
    (first_day, first), (last_day, last) = points[0], points[-1]
    text = (
        f"Followers, last {days} days: {first:,} on {day_text(first_day)}, "
        f"{last:,} on {day_text(last_day)}"
    )
    gaps = days_without_numbers(points)
    if gaps:
        text += f"; {gaps} day{'s' if gaps > 1 else ''} without numbers"
    return text + "."


class Sparkline(QWidget):
    """Followers over a fixed span of days, scaled to their own range, ending in a dot.

    Drawn in the palette's link colour: the accent at reading contrast, light or dark.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[DatedCount] = []
        self.first_day = self.last_day = date.min
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(HEIGHT)

    def sizeHint(self) -> QSize:
        return QSize(160, HEIGHT)

    def set_points(self, points: Sequence[DatedCount], last_day: date, days: int) -> None:
        """Show the points of the `days` days up to `last_day`, oldest first."""
        self.first_day = last_day - timedelta(days=days - 1)
        self.last_day = last_day
        self.points = [p for p in points if self.first_day <= p[0] <= last_day]
        summary = sparkline_summary(self.points, days)
        self.setToolTip(summary)
        self.setAccessibleName(summary)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painted with paths, the palette's own brush and an empty pen given a colour: calls
        # that take a colour (QPen(colour), setPen, setBrush, QBrush(colour)) make PySide6
        # build its Qt namespace, ≈20 ms, to rule out their enum overloads, and the cards'
        # sparklines are painted before the window is first on screen.
        if not self.points:
            return
        brush = self.palette().brush(QPalette.ColorRole.Link)
        line = QPen()
        line.setColor(brush.color())
        line.setWidthF(LINE_WIDTH)
        place = self._placer()
        bottom = self.height() - BOTTOM_MARGIN
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for run in runs(self.points):
            corners = [place(point) for point in run]
            first, last = corners[0], corners[-1]
            area = QPainterPath(QPointF(first.x(), bottom))
            for corner in corners:
                area.lineTo(corner)
            area.lineTo(QPointF(last.x(), bottom))
            area.closeSubpath()
            painter.setOpacity(FILL_ALPHA / 255)
            painter.fillPath(area, brush)
            painter.setOpacity(1.0)
            trace = QPainterPath(first)
            for corner in corners[1:]:
                trace.lineTo(corner)
            painter.strokePath(trace, line)
        dot = QPainterPath()
        dot.addEllipse(place(self.points[-1]), END_DOT_RADIUS, END_DOT_RADIUS)
        painter.fillPath(dot, brush)
        painter.end()

    def _placer(self) -> Callable[[DatedCount], QPointF]:
        """Where a point goes: days across the span, counts between their own low and high."""
        left, top = END_DOT_RADIUS, END_DOT_RADIUS + 1
        width = self.width() - 2 * END_DOT_RADIUS
        height = self.height() - top - BOTTOM_MARGIN
        span = max((self.last_day - self.first_day).days, 1)
        low = min(count for _, count in self.points)
        high = max(count for _, count in self.points)

        def place(point: DatedCount) -> QPointF:
            share = (point[1] - low) / (high - low) if high > low else 0.5
            x = left + width * (point[0] - self.first_day).days / span
            return QPointF(x, top + height * (1 - share))

        return place
