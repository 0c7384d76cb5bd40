"""The type scale and colours a printed document takes from its theme, and the blocks any such document uses.

The media kit is built from these; a one-page campaign report takes the same styles,
section headings, figure tiles, small-print block and footer.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt

from companion.charts.theme import ChartTheme
from companion.core.mediakit_profile import KitTheme
from companion.exporters.pdf_layout import Canvas, PageDecoration, TextStyle

LEFT_TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
RIGHT_TOP = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
HEADING_GAP = 8.0
TILE_GAP = 10.0
FOOTER_HEIGHT = 16.0


@dataclass(frozen=True)
class Styles:
    """The type scale of a printed document in one theme."""

    theme: KitTheme
    display: TextStyle
    heading: TextStyle
    label: TextStyle
    body: TextStyle
    strong: TextStyle
    small: TextStyle
    figure: TextStyle
    quote: TextStyle

    @property
    def chart_theme(self) -> ChartTheme:
        t = self.theme
        return ChartTheme(
            background=t.paper,
            text=t.ink,
            muted=t.muted,
            grid=t.rule,
            series=t.series,
            benchmark=t.ink,
        )

    def series_colour(self, index: int) -> str:
        return self.theme.series[index % len(self.theme.series)]


def styles_for(theme: KitTheme) -> Styles:
    body = TextStyle(theme.body_font, 8.6, theme.ink)
    return Styles(
        theme=theme,
        display=TextStyle(
            theme.display_font,
            29 if theme.display_bold else 34,
            theme.band_text,
            bold=theme.display_bold,
        ),
        heading=TextStyle(
            theme.display_font,
            12.5 if theme.display_bold else 15,
            theme.ink,
            bold=theme.display_bold,
        ),
        label=TextStyle(theme.body_font, 6.4, theme.muted, bold=True, letter_spacing=0.9),
        body=body,
        strong=body.with_(bold=True),
        small=TextStyle(theme.body_font, 6.9, theme.muted),
        figure=TextStyle(
            theme.display_font, 19 if theme.display_bold else 23, theme.ink, bold=theme.display_bold
        ),
        quote=TextStyle(
            theme.display_font, 9.6 if theme.display_bold else 11.5, theme.ink, italic=True
        ),
    )


def section_heading(
    canvas: Canvas, styles: Styles, rect: QRectF, title: str, note: str = ""
) -> float:
    """A section's title, a quiet note at its right, and a hairline under both; returns the height."""
    height = heading_height(canvas, styles)
    canvas.text(rect, title, styles.heading, wrap=False)
    if note:
        note_rect = QRectF(rect.left(), rect.top(), rect.width(), height - 5)
        canvas.text(
            note_rect,
            note,
            styles.small,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            wrap=False,
        )
    canvas.rule(rect.left(), rect.top() + height - 1, rect.right(), styles.theme.rule, 0.8)
    return height + HEADING_GAP


def heading_height(canvas: Canvas, styles: Styles) -> float:
    return canvas.measure("Ag", styles.heading, 400) + 5


def titled(canvas: Canvas, styles: Styles) -> float:
    """The room a section heading takes above its content."""
    return heading_height(canvas, styles) + HEADING_GAP


@dataclass(frozen=True)
class Tile:
    """A headline figure: the number, what it is, and a short note under it."""

    value: str
    label: str
    note: str = ""


class TilesBlock:
    """Headline figures side by side on soft cards."""

    full_bleed = False

    def __init__(self, styles: Styles, tiles: Sequence[Tile]) -> None:
        self.styles = styles
        self.tiles = tiles

    def height(self, canvas: Canvas, width: float) -> float:
        s = self.styles
        note = max(
            (canvas.measure(t.note, s.small, self._tile_width(width) - 20) for t in self.tiles),
            default=0,
        )
        return (
            12 + canvas.measure("0", s.figure, 200) + canvas.measure("A", s.label, 200) + note + 16
        )

    def _tile_width(self, width: float) -> float:
        count = max(len(self.tiles), 1)
        return (width - TILE_GAP * (count - 1)) / count

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        s = self.styles
        tile_width = self._tile_width(rect.width())
        for index, tile in enumerate(self.tiles):
            box = QRectF(
                rect.left() + index * (tile_width + TILE_GAP), rect.top(), tile_width, rect.height()
            )
            canvas.fill(box, s.theme.accent_soft, 5)
            inner = box.adjusted(11, 10, -9, -6)
            y = inner.top()
            y += canvas.text(
                QRectF(inner.left(), y, inner.width(), 40), tile.value, s.figure, wrap=False
            )
            y += canvas.text(
                QRectF(inner.left(), y + 1, inner.width(), 20),
                tile.label.upper(),
                s.label.with_(colour=s.theme.accent),
            )
            canvas.text(QRectF(inner.left(), y + 3, inner.width(), 30), tile.note, s.small)


class SmallPrintBlock:
    """Where the figures come from: a date line and numbered sources, in small type."""

    full_bleed = False

    def __init__(self, styles: Styles, lines: Sequence[str]) -> None:
        self.styles = styles
        self.lines = [line for line in lines if line]

    def height(self, canvas: Canvas, width: float) -> float:
        return 8 + sum(canvas.measure(line, self.styles.small, width) + 2 for line in self.lines)

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        canvas.rule(rect.left(), rect.top(), rect.right(), self.styles.theme.rule)
        y = rect.top() + 6
        for line in self.lines:
            y += canvas.text(QRectF(rect.left(), y, rect.width(), 200), line, self.styles.small) + 2


def footer(styles: Styles, left: str, right: str) -> PageDecoration:
    """Every page's foot: who it is about on the left; the date and the page on the right."""

    def decorate(canvas: Canvas, index: int, count: int) -> None:
        content = canvas.page.content
        top = content.bottom() - FOOTER_HEIGHT + 6
        canvas.rule(content.left(), top, content.right(), styles.theme.rule)
        row = QRectF(content.left(), top + 4, content.width(), FOOTER_HEIGHT)
        canvas.text(row, left, styles.small, wrap=False)
        page = f"{right}   ·   {index + 1} of {count}" if count > 1 else right
        canvas.text(row, page, styles.small, RIGHT_TOP, wrap=False)

    return decorate
