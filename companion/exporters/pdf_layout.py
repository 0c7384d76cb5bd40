"""Printed pages drawn with QPainter, to a PDF or to an image: paper, type, boxes of text, vector charts, and blocks flowed onto pages.

Shared by every printed document (the media kit; a campaign report is one page of the
same blocks). Everything is measured in points (1/72 inch) on every device: the PDF is
written at 72 dpi and previews are scaled, so a preview shows the very layout the PDF gets.
"""

import io
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QHashSeed,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUuid,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer

from companion.core.mediakit_profile import Paper

POINTS = 72
DOTS_PER_METER_AT_72_DPI = round(POINTS / 0.0254)
FONT_FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic.ttf",
    "STIXGeneral.ttf",
    "STIXGeneralBol.ttf",
    "STIXGeneralItalic.ttf",
)
"""The fonts the themes name, as matplotlib ships them: the same files on every machine."""
LOOSEST_GAP = 1.0
"""A page's gaps grow by at most this many times themselves to take up its spare room."""
PHOTO_DPI = 220
"""Photos are scaled to this resolution at their printed size: sharp in print, small in the file."""

_application: QGuiApplication | None = None


@dataclass(frozen=True)
class PageFormat:
    """A sheet of paper and the margin kept around its content, in points."""

    paper: Paper
    width: float
    height: float
    margin: float = 38.0

    @property
    def content(self) -> QRectF:
        return QRectF(
            self.margin, self.margin, self.width - 2 * self.margin, self.height - 2 * self.margin
        )

    @property
    def page_size(self) -> QPageSize:
        size_id = QPageSize.PageSizeId.A4 if self.paper is Paper.A4 else QPageSize.PageSizeId.Letter
        return QPageSize(size_id)


def page_format(paper: Paper) -> PageFormat:
    if paper is Paper.LETTER:
        return PageFormat(paper, 612.0, 792.0)
    return PageFormat(paper, 595.28, 841.89)


@dataclass(frozen=True)
class TextStyle:
    """How a run of text looks: family, size in points, weight, colour, and spacing."""

    family: str
    size: float
    colour: str
    bold: bool = False
    italic: bool = False
    letter_spacing: float = 0.0
    """Extra room between letters, in points (small capitals read better spaced)."""

    def font(self) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(self.size)
        font.setWeight(QFont.Weight.Bold if self.bold else QFont.Weight.Normal)
        font.setItalic(self.italic)
        # Unhinted outlines: the same advances at 72 dpi in the PDF and in every preview.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        # Without ligatures, copied text reads "figures", not "ﬁgures".
        font.setFeature(QFont.Tag("liga"), 0)
        if self.letter_spacing:
            font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, self.letter_spacing)
        return font

    def with_(self, **changes: object) -> "TextStyle":
        from dataclasses import replace

        return replace(self, **changes)


class Canvas:
    """A painter on one page, with the drawing the blocks share; all lengths in points."""

    def __init__(self, painter: QPainter, page: PageFormat) -> None:
        self.painter = painter
        self.page = page

    def measure(self, text: str, style: TextStyle, width: float) -> float:
        """The height `text` takes when wrapped to `width`."""
        if not text:
            return 0.0
        self.painter.setFont(style.font())
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        return self.painter.boundingRect(QRectF(0, 0, width, 10_000), flags, text).height()

    def text_width(self, text: str, style: TextStyle) -> float:
        self.painter.setFont(style.font())
        return self.painter.boundingRect(QRectF(0, 0, 10_000, 1_000), 0, text).width()

    def text(
        self,
        rect: QRectF,
        text: str,
        style: TextStyle,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        *,
        wrap: bool = True,
    ) -> float:
        """Draw `text` in `rect`; returns the height it took."""
        if not text:
            return 0.0
        self.painter.setFont(style.font())
        self.painter.setPen(QColor(style.colour))
        flags = int(align) | (int(Qt.TextFlag.TextWordWrap) if wrap else 0)
        used = self.painter.boundingRect(rect, flags, text)
        self.painter.drawText(rect, flags, text)
        return used.height()

    def fill(self, rect: QRectF, colour: str, radius: float = 0.0) -> None:
        self.painter.save()
        self.painter.setPen(Qt.PenStyle.NoPen)
        self.painter.setBrush(QBrush(QColor(colour)))
        if radius:
            self.painter.drawRoundedRect(rect, radius, radius)
        else:
            self.painter.drawRect(rect)
        self.painter.restore()

    def rule(self, x1: float, y: float, x2: float, colour: str, width: float = 0.6) -> None:
        self.painter.save()
        self.painter.setPen(QPen(QColor(colour), width))
        self.painter.drawLine(QPointF(x1, y), QPointF(x2, y))
        self.painter.restore()

    def circle(self, centre: QPointF, radius: float, colour: str) -> None:
        self.painter.save()
        self.painter.setPen(Qt.PenStyle.NoPen)
        self.painter.setBrush(QBrush(QColor(colour)))
        self.painter.drawEllipse(centre, radius, radius)
        self.painter.restore()

    def svg(self, rect: QRectF, data: bytes) -> None:
        """A chart, kept as vectors: lines stay sharp and its labels stay text."""
        QSvgRenderer(QByteArray(data)).render(self.painter, rect)

    def image(self, rect: QRectF, path: str, *, round_: bool = False, radius: float = 0.0) -> bool:
        """A photo cropped to fill `rect` (a circle when `round_`); False when it cannot be read."""
        picture = QImage(path)
        if picture.isNull():
            return False
        target = QSizeF(rect.width(), rect.height()) * (PHOTO_DPI / POINTS)
        scaled = picture.scaled(
            target.toSize(),
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        crop = QRectF(
            (scaled.width() - target.width()) / 2,
            (scaled.height() - target.height()) / 2,
            target.width(),
            target.height(),
        )
        clip = QPainterPath()
        if round_:
            clip.addEllipse(rect)
        else:
            clip.addRoundedRect(rect, radius, radius)
        self.painter.save()
        self.painter.setClipPath(clip)
        self.painter.drawImage(rect, scaled, crop)
        self.painter.restore()
        return True


class Block(Protocol):
    """A piece of a page: it knows its height at a width, and draws itself in a rectangle."""

    full_bleed: bool
    """Spans the sheet edge to edge (a header band) instead of the content width."""

    def height(self, canvas: Canvas, width: float) -> float: ...

    def draw(self, canvas: Canvas, rect: QRectF) -> None: ...


@dataclass
class Placed:
    block: Block
    rect: QRectF


@dataclass
class LaidOut:
    """Blocks placed on pages, ready to draw on any device."""

    page: PageFormat
    pages: list[list[Placed]] = field(default_factory=list)


def flow(
    blocks: Sequence[Block],
    page: PageFormat,
    canvas: Canvas,
    *,
    gap: float,
    footer: float,
    break_before: Sequence[int] = (),
    notes: Block | None = None,
) -> LaidOut:
    """Stack blocks down the pages, each whole on one page.

    `break_before` names blocks that start a new page when the document runs to more than
    one page anyway: a second page that begins with a section reads better than a split.
    `notes` (sources, definitions) sit at the foot of the first page when the document runs
    on and they fit there, beside the figures they explain; otherwise after the last block.
    """
    heights = [_height(block, page, canvas) for block in blocks]
    laid, anchored = _flow_with_notes(
        blocks, heights, page, canvas, gap, footer, break_before, notes
    )
    bottom = page.content.bottom() - footer
    for index, placed in enumerate(laid.pages):
        _loosen(placed, gap, bottom, anchored=anchored and index == 0)
    return laid


def _flow_with_notes(
    blocks: Sequence[Block],
    heights: Sequence[float],
    page: PageFormat,
    canvas: Canvas,
    gap: float,
    footer: float,
    break_before: Sequence[int],
    notes: Block | None,
) -> tuple[LaidOut, bool]:
    """The blocks stacked, and whether the notes were anchored at the foot of the first page."""
    if notes is not None:
        notes_height = _height(notes, page, canvas)
        laid = _stack(blocks, heights, page, gap=gap, footer=footer, break_before=break_before)
        first = laid.pages[0]
        bottom = page.content.bottom() - footer
        if len(laid.pages) > 1 and first and first[-1].rect.bottom() + gap + notes_height <= bottom:
            rect = QRectF(
                page.content.left(), bottom - notes_height, page.content.width(), notes_height
            )
            first.append(Placed(notes, rect))
            return laid, True
        blocks, heights = [*blocks, notes], [*heights, notes_height]
    return _stack(blocks, heights, page, gap=gap, footer=footer, break_before=break_before), False


def _loosen(placed: list[Placed], gap: float, bottom: float, *, anchored: bool) -> None:
    """Share a page's spare room among its gaps, each at most doubled: a short page reads as
    airy rather than unfinished. Notes anchored at the foot stay where they are."""
    stacked = placed[:-1] if anchored else placed
    if len(stacked) < 2:
        return
    end = placed[-1].rect.top() - gap if anchored else bottom
    spare = end - stacked[-1].rect.bottom()
    extra = min(spare / (len(stacked) - 1), gap * LOOSEST_GAP)
    if extra <= 0:
        return
    for index, item in enumerate(stacked[1:], start=1):
        item.rect.translate(0, extra * index)


def _height(block: Block, page: PageFormat, canvas: Canvas) -> float:
    return block.height(canvas, page.width if block.full_bleed else page.content.width())


def _stack(
    blocks: Sequence[Block],
    heights: Sequence[float],
    page: PageFormat,
    *,
    gap: float,
    footer: float,
    break_before: Sequence[int],
) -> LaidOut:
    content = page.content
    bottom = content.bottom() - footer
    fits_one = sum(heights) + gap * (len(blocks) - 1) <= bottom - content.top()
    laid = LaidOut(page, [[]])
    y = content.top()
    for index, (block, height) in enumerate(zip(blocks, heights, strict=True)):
        current = laid.pages[-1]
        wants_break = index in break_before and not fits_one and current
        if current and (wants_break or y + height > bottom):
            laid.pages.append([])
            y = content.top()
        if block.full_bleed:
            rect = QRectF(0, 0 if y == content.top() else y, page.width, height)
        else:
            rect = QRectF(content.left(), y, content.width(), height)
        laid.pages[-1].append(Placed(block, rect))
        y = rect.bottom() + gap
    return laid


PageDecoration = Callable[[Canvas, int, int], None]
"""Draws what every page carries (a footer): given the canvas, the page's index and the count."""


def measuring_canvas() -> tuple[Canvas, QPainter, QImage]:
    """A canvas on a tiny 72 dpi image, for measuring text before any page is drawn."""
    ensure_gui_application()
    image = QImage(4, 4, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(DOTS_PER_METER_AT_72_DPI)
    image.setDotsPerMeterY(DOTS_PER_METER_AT_72_DPI)
    painter = QPainter(image)
    return Canvas(painter, page_format(Paper.A4)), painter, image


def write_pdf(
    laid: LaidOut,
    decorate: PageDecoration,
    target: Path | io.BytesIO,
    *,
    title: str,
    dated: date,
) -> None:
    """Write the pages as a PDF (fonts embedded, text selectable) to a file or a buffer.

    The file is dated `dated` (the day its figures are from) and its id comes from its
    title and that day, so the same document gives the same bytes from the window and
    from the command line.
    """
    ensure_gui_application()
    buffer = QByteArray()
    device = QBuffer(buffer)
    device.open(QIODevice.OpenModeFlag.WriteOnly)
    # Qt orders the embedded fonts by a hash with a random seed per process; a fixed seed
    # while writing keeps that order, and so the file, the same from run to run.
    QHashSeed.setDeterministicGlobalSeed()
    writer = QPdfWriter(device)
    writer.setResolution(POINTS)
    writer.setTitle(title)
    writer.setCreator("Creator Companion")
    writer.setDocumentId(QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, f"{title}|{dated}"))))
    writer.setPageLayout(
        QPageLayout(laid.page.page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    painter = QPainter(writer)
    try:
        for index in range(len(laid.pages)):
            if index:
                writer.newPage()
            draw_page(Canvas(painter, laid.page), laid, index, decorate)
    finally:
        painter.end()
        QHashSeed.resetRandomGlobalSeed()
    device.close()
    data = _dated(bytes(buffer.data()), dated)
    if isinstance(target, io.BytesIO):
        target.write(data)
    else:
        target.write_bytes(data)


# Qt stamps the time of writing into the info dictionary and the XMP metadata; each stamp
# is replaced by one of the same length, so the cross-reference offsets stay right.
_INFO_DATE = re.compile(rb"D:\d{14}(?:Z|[+-]\d\d'\d\d')")
_XMP_DATE = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)")


def _dated(data: bytes, day: date) -> bytes:
    def info(match: re.Match[bytes]) -> bytes:
        suffix = b"Z" if match.group().endswith(b"Z") else b"+00'00'"
        return f"D:{day:%Y%m%d}000000".encode() + suffix

    def xmp(match: re.Match[bytes]) -> bytes:
        suffix = b"Z" if match.group().endswith(b"Z") else b"+00:00"
        return f"{day:%Y-%m-%d}T00:00:00".encode() + suffix

    return _XMP_DATE.sub(xmp, _INFO_DATE.sub(info, data))


def page_image(laid: LaidOut, index: int, decorate: PageDecoration, width_px: int) -> QImage:
    """One page as an image `width_px` wide: the preview of exactly what the PDF holds."""
    ensure_gui_application()
    scale = width_px / laid.page.width
    image = QImage(width_px, round(laid.page.height * scale), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(DOTS_PER_METER_AT_72_DPI)
    image.setDotsPerMeterY(DOTS_PER_METER_AT_72_DPI)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHints(
        QPainter.RenderHint.Antialiasing
        | QPainter.RenderHint.TextAntialiasing
        | QPainter.RenderHint.SmoothPixmapTransform
    )
    painter.scale(scale, scale)
    try:
        draw_page(Canvas(painter, laid.page), laid, index, decorate)
    finally:
        painter.end()
    return image


def draw_page(canvas: Canvas, laid: LaidOut, index: int, decorate: PageDecoration) -> None:
    for placed in laid.pages[index]:
        placed.block.draw(canvas, placed.rect)
    decorate(canvas, index, len(laid.pages))


def ensure_gui_application() -> None:
    """Qt draws text only inside an application; a headless command gets an offscreen one.

    A QApplication rather than a bare QGuiApplication: whatever runs in the same process
    later (the window, a test of it) can still make widgets.
    """
    global _application
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        _application = QApplication(["companion", "-platform", "offscreen"])
    register_fonts()


@cache
def register_fonts() -> tuple[str, ...]:
    """Load the themes' fonts from matplotlib's own copies; returns the families loaded."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    families: list[str] = []
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(folder / name))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return tuple(dict.fromkeys(families))
