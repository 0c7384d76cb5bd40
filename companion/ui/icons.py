"""The app's line icons: SVGs from resources/icons, drawn crisp in the palette's text colours."""

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from companion.core.resources import resource_path

ICON_SIZES = (16, 20, 24, 32, 48)
APP_ICON_SIZES = (*ICON_SIZES, 64, 128, 256)
TRANSPARENT = QColor(0, 0, 0, 0)
"""Qt.GlobalColor.transparent, without PySide6's Qt namespace (≈20 ms to build) at start-up."""


def icon(name: str) -> QIcon:
    """A line icon from resources/icons, e.g. `icon("posts")`, in the current palette's colours.

    Build it again after a change of theme (the main window does, on a palette change).
    """
    palette = QGuiApplication.palette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    return _line_icon(
        name,
        palette.color(group.Active, role.WindowText).name(),
        palette.color(group.Active, role.HighlightedText).name(),
        palette.color(group.Disabled, role.WindowText).name(),
    )


@cache
def app_icon() -> QIcon:
    """The application's own icon, in its own colours."""
    return QIcon(SvgIconEngine({QIcon.Mode.Normal: _svg_text("app")}, APP_ICON_SIZES))


@cache
def _line_icon(name: str, normal: str, selected: str, disabled: str) -> QIcon:
    svg = _svg_text(name)
    colors = {
        QIcon.Mode.Normal: normal,
        QIcon.Mode.Selected: selected,
        QIcon.Mode.Disabled: disabled,
    }
    svgs = {mode: svg.replace("currentColor", color) for mode, color in colors.items()}
    return QIcon(SvgIconEngine(svgs, ICON_SIZES))


class SvgIconEngine(QIconEngine):
    """Draws an icon's SVG at the size, scale and mode asked for, once each, when first asked.

    Drawing every size and mode up front cost ≈6 ms at start-up, for pixmaps mostly never
    shown. A mode without an SVG of its own is derived from Normal by the style, as QIcon does.
    """

    def __init__(self, svgs: dict[QIcon.Mode, str], sizes: tuple[int, ...]) -> None:
        super().__init__()
        self._svgs = svgs
        self._sizes = sizes
        self._pixmaps: dict[tuple[QIcon.Mode, int, float], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svgs, self._sizes)

    def availableSizes(self, mode: QIcon.Mode, state: QIcon.State) -> list[QSize]:
        """The sizes a platform should ask for when it wants a choice (e.g. a window icon)."""
        return [QSize(side, side) for side in self._sizes]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        side = min(size.width(), size.height())
        key = (mode, side, scale)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._pixmaps[key] = self._draw(side, mode, scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatio()
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, ratio))

    def _draw(self, side: int, mode: QIcon.Mode, scale: float) -> QPixmap:
        svg = self._svgs.get(mode)
        if svg is not None:
            return _render(_renderer(svg), round(side * scale), scale)
        normal = self.scaledPixmap(QSize(side, side), QIcon.Mode.Normal, QIcon.State.Off, scale)
        return _style_derived(mode, normal)


def _style_derived(mode: QIcon.Mode, normal: QPixmap) -> QPixmap:
    """The style's version of `normal` for `mode` (greyed when disabled, tinted when selected).

    Only a disabled or selected icon needs it: QStyleOption's class is built then, not at start.
    """
    from PySide6.QtWidgets import QStyleOption

    option = QStyleOption()
    option.palette = QGuiApplication.palette()
    return QApplication.style().generatedIconPixmap(mode, normal, option)


def _renderer(svg: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg.encode("utf-8")))


def _render(renderer: QSvgRenderer, pixels: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(QSize(pixels, pixels))
    pixmap.fill(TRANSPARENT)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _svg_text(name: str) -> str:
    return resource_path(f"icons/{name}.svg").read_text(encoding="utf-8")
