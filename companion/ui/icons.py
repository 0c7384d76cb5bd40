"""The app's line icons: SVGs from resources/icons, drawn crisp in the palette's text colours."""

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from companion.core.resources import resource_path

ICON_SIZES = (16, 20, 24, 32, 48)


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
        _device_pixel_ratios(),
    )


@cache
def app_icon() -> QIcon:
    """The application's own icon, in its own colours."""
    renderer = _renderer(_svg_text("app"))
    result = QIcon()
    for size in (*ICON_SIZES, 64, 128, 256):
        result.addPixmap(_render(renderer, size, 1.0))
    return result


@cache
def _line_icon(
    name: str, normal: str, selected: str, disabled: str, ratios: tuple[float, ...]
) -> QIcon:
    svg = _svg_text(name)
    result = QIcon()
    modes = ((QIcon.Mode.Normal, normal), (QIcon.Mode.Selected, selected))
    for mode, color in (*modes, (QIcon.Mode.Disabled, disabled)):
        renderer = _renderer(svg.replace("currentColor", color))
        for size in ICON_SIZES:
            for ratio in ratios:
                result.addPixmap(_render(renderer, size, ratio), mode)
    return result


def _renderer(svg: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg.encode("utf-8")))


def _render(renderer: QSvgRenderer, size: int, ratio: float) -> QPixmap:
    pixels = round(size * ratio)
    pixmap = QPixmap(QSize(pixels, pixels))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def _device_pixel_ratios() -> tuple[float, ...]:
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    return (1.0,) if ratio == 1.0 else (1.0, ratio)


@cache
def _svg_text(name: str) -> str:
    return resource_path(f"icons/{name}.svg").read_text(encoding="utf-8")
