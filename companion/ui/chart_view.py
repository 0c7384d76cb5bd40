"""A matplotlib chart in the window: drawn once matplotlib has loaded in the background, zoomable, exportable.

matplotlib and its Qt backend take about 0.35 s to import (DESIGN.md, "Measured"). They are
imported on a worker thread the first time a chart is asked for, never at start-up and
never on the GUI thread, so the window keeps answering while they load.
"""

import contextlib
import functools
import gc
import inspect
import logging
import sys
import weakref
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QIcon, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QSpacerItem,
    QStackedLayout,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from companion.charts.theme import ChartTheme, theme_for
from companion.ui.workers import chart_thread_pool

if TYPE_CHECKING:
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

ChartBuilder = Callable[[ChartTheme], "Figure"]
"""Builds the chart's figure in the colours it is given."""

T = TypeVar("T", bound=Callable[..., object])
Held = Callable[[], T | None]
"""Gives back a callable, or None once its owner is gone."""

EXPORT_FOLDER_KEY = "charts/export_folder"
TOOLBAR_ICON_SIZE = QSize(18, 18)
EXPORT_DPI = 200
_BACKEND = "matplotlib.backends.backend_qtagg"
# Home, back, forward, pan and zoom: the tools for reading a chart. The figure options
# editor and the subplot spacing dialog are for people making charts, not reading them.
_READING_TOOLS = ("Home", "Back", "Forward", "Pan", "Zoom")


class ExportFormat(StrEnum):
    PNG = "png"
    SVG = "svg"

    @property
    def description(self) -> str:
        return "PNG image" if self is ExportFormat.PNG else "SVG drawing"


def choose_export_path(parent: QWidget, suggested: Path, kind: ExportFormat) -> Path | None:
    """Ask where to save the chart; None when the creator cancels. Tests replace this."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        f"Export chart as {kind.name}",
        str(suggested),
        f"{kind.description} (*.{kind.value})",
    )
    return Path(name) if name else None


def chart_theme(palette: QPalette) -> ChartTheme:
    """The window's colours, as plain hex strings for the charts."""
    role = QPalette.ColorRole
    background = palette.color(role.Base)
    return theme_for(
        dark=background.lightness() < 128,
        background=background.name(),
        text=palette.color(role.Text).name(),
        muted=palette.color(role.PlaceholderText).name(),
        grid=palette.color(role.Mid).name(),
        # The link colour is the accent at reading contrast on either background.
        accent=palette.color(role.Link).name(),
    )


class _MatplotlibLoader(QObject):
    """Loads matplotlib once and says when it is ready: its core, its Agg drawing and its
    fonts on a worker thread, then its Qt backend on the window's thread.

    The Qt backend defines classes of Qt's (its canvas, its toolbar), which PySide cannot do on
    one thread while another runs Qt (see companion.ui.warm_up); it takes ≈25 ms, most of it
    building PySide6's Qt namespace.
    """

    ready = Signal()
    _core_loaded = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.loaded = _BACKEND in sys.modules
        self.failure: str | None = None
        self._started = False
        self._core_loaded.connect(self._load_backend)

    def load(self) -> None:
        """Start loading (once); `ready` is emitted on the GUI thread when done."""
        if self.loaded or self._started:
            return
        self._started = True
        # The collector runs on the GUI thread only (see `companion.ui.garbage`), so the
        # import's allocations never set it off on the worker thread.
        chart_thread_pool().start(self._import_core)

    @property
    def loading(self) -> bool:
        """Started and not done yet."""
        return self._started and not self.loaded

    def _import_core(self) -> None:
        try:
            import matplotlib.backends.backend_agg
            import matplotlib.figure  # noqa: F401

            from companion.charts.figure import warm_up

            warm_up()
        except ImportError as error:
            log.exception("matplotlib could not be imported")
            self.failure = f"Charts cannot be drawn: {error}."
        # The window may have closed while matplotlib loaded; then there is no one to tell.
        with contextlib.suppress(RuntimeError):
            self._core_loaded.emit()

    def _load_backend(self) -> None:
        if self.failure is None:
            try:
                import matplotlib.backends.backend_qtagg  # noqa: F401
            except ImportError as error:
                log.exception("matplotlib's Qt backend could not be imported")
                self.failure = f"Charts cannot be drawn: {error}."
        # What is loaded by now stays loaded: frozen, a full collection no longer walks
        # matplotlib's ~80,000 objects, which took 40–60 ms of the GUI thread each time.
        gc.freeze()
        self.loaded = True
        self.ready.emit()


def _held(step: T) -> "Held[T]":
    """Keep a bound method weakly, anything else as it is.

    A view keeping its page's method would keep its page, which keeps the view: a cycle of
    Qt objects that only the garbage collector frees, in an order that can crash.
    """
    if inspect.ismethod(step):
        return weakref.WeakMethod(step)
    return lambda: step


@functools.cache
def _loader() -> _MatplotlibLoader:
    return _MatplotlibLoader()


def matplotlib_loading() -> bool:
    """Whether matplotlib is being imported on its worker thread right now."""
    return _loader.cache_info().currsize > 0 and _loader().loading


@functools.cache
def _canvas_class() -> type["FigureCanvasQTAgg"]:
    from matplotlib.backend_bases import DrawEvent
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from companion.charts.figure import offscreen_drawing

    class ChartCanvas(FigureCanvasQTAgg):
        """A canvas whose first paint shows a figure drawn off screen (charts.figure.prerender)
        by copying its pixels, rather than drawing the whole figure again on the window's
        thread. A figure changed since, or shown at another size, is drawn as usual."""

        def __init__(self, figure: "Figure") -> None:
            self._resizing = False
            self._shown: RendererAgg | None = None
            super().__init__(figure)
            self._drawing = offscreen_drawing(figure)
            figure.stale_callback = self._on_figure_changed

        def resizeEvent(self, event: QResizeEvent) -> None:
            # Resizing marks the figure changed; whether the drawing still fits is for draw().
            self._resizing = True
            try:
                super().resizeEvent(event)
            finally:
                self._resizing = False

        def _on_figure_changed(self, _figure: "Figure", stale: bool) -> None:
            if stale and not self._resizing:
                self._drawing = None

        def get_renderer(self) -> "RendererAgg":
            return self._shown if self._shown is not None else super().get_renderer()

        def draw(self) -> None:
            drawing, self._drawing, self._shown = self._drawing, None, None
            if drawing is None or not drawing.fits(
                self.get_width_height(physical=True), self.figure.dpi
            ):
                super().draw()
                return
            self._shown = self.renderer = drawing.renderer
            self.figure.stale = False
            self.callbacks.process("draw_event", DrawEvent("draw_event", self, drawing.renderer))
            self.update()

    return ChartCanvas


@functools.cache
def _toolbar_height() -> int:
    """The height of a toolbar of TOOLBAR_ICON_SIZE buttons in the app's style."""
    bar = QToolBar()
    bar.setIconSize(TOOLBAR_ICON_SIZE)
    bar.addAction(QAction(QIcon(QPixmap(TOOLBAR_ICON_SIZE)), "", bar))
    return bar.sizeHint().height()


@functools.cache
def _toolbar_class() -> type[QToolBar]:
    from matplotlib.backends.backend_qtagg import NavigationToolbar2QT

    class ChartToolbar(NavigationToolbar2QT):
        toolitems: ClassVar = [t for t in NavigationToolbar2QT.toolitems if t[0] in _READING_TOOLS]

    return ChartToolbar


class ChartView(QWidget):
    """One chart: a message until it is drawn, then the canvas (and, if asked, the zoom tools).

    Right-click exports the chart as PNG or SVG.
    """

    message = Signal(str)
    """A line for the status bar (the chart was exported, or could not be)."""

    settled = Signal()
    """The view shows what it will show for now: a drawn chart, or a message saying why not."""

    def __init__(
        self, *, toolbar: bool = False, export_name: str = "chart", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.export_name = export_name
        self.canvas: FigureCanvasQTAgg | None = None
        self.has_drawn = False
        """Whether the canvas has drawn its figure yet."""
        self.toolbar: QToolBar | None = None
        self._with_toolbar = toolbar
        self._build: Held[ChartBuilder] | None = None
        self._pending: Held[Callable[[], None]] | None = None
        self._next_figure: Figure | None = None
        self._pending_timer = QTimer(self, singleShot=True, interval=0)
        self._pending_timer.timeout.connect(self._run_pending)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.header = QHBoxLayout()
        self.header.setContentsMargins(0, 0, 0, 0)
        self.header.setSpacing(12)
        self._header_widgets = 0
        self._header_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding)
        self.header.addItem(self._header_spacer)
        if toolbar:
            # The row is as tall from the start as the zoom tools will make it, so that a chart
            # drawn off screen for the room below it still fits once they are there.
            self.header.addStrut(_toolbar_height())
        self._chart_area = QWidget()
        self._chart_layout = QVBoxLayout(self._chart_area)
        self._chart_layout.setContentsMargins(0, 0, 0, 0)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self._chart_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self.header)
        layout.addLayout(self._stack, 1)

    @property
    def figure(self) -> "Figure | None":
        return self.canvas.figure if self.canvas is not None and self.showing_chart else None

    @property
    def showing_chart(self) -> bool:
        return self._stack.currentWidget() is self._chart_area

    def drawing_size(self) -> tuple[int, int, float]:
        """Where a figure will be drawn: the chart's room in pixels, and the screen's pixel ratio."""
        # Laid out now if it is still to be (a page asks as it is first shown). The stacked
        # layout keeps no geometry of its own: its shown widget has the room.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.layout().activate()
        room = self._stack.currentWidget().geometry()
        return room.width(), room.height(), self.devicePixelRatioF()

    def add_header_widget(self, widget: QWidget) -> None:
        """Put a control (range buttons, a selector) on the chart's top row, left of the tools."""
        self.header.insertWidget(self._header_widgets, widget)
        self._header_widgets += 1

    def when_ready(self, step: Callable[[], None]) -> None:
        """Run `step` on a later turn of the event loop, once matplotlib has loaded.

        For reading and computing what the chart shows: done after the import, the two do
        not take turns on the interpreter, and a newer step replaces one still waiting.
        """
        self._pending = _held(step)
        loader = _loader()
        if loader.loaded:
            self._pending_timer.start()
            return
        if not self.showing_chart:
            self._show_placeholder("Drawing the chart…")
        loader.ready.connect(self._on_matplotlib_ready, Qt.ConnectionType.UniqueConnection)
        loader.load()

    def show_chart(self, build: ChartBuilder) -> None:
        """Draw the chart `build` makes, on a later turn of the event loop (never blocking now)."""
        self._build = _held(build)
        self.when_ready(self._build_now)

    def show_message(self, text: str) -> None:
        """Say why there is no chart (no numbers yet) instead of drawing one."""
        self._build = None
        self._pending = None
        self._pending_timer.stop()
        self._show_placeholder(text)
        self.settled.emit()

    def redraw(self) -> None:
        """Repaint after the figure changed (a new range); coalesced with other requests."""
        if self.canvas is not None:
            self.canvas.draw_idle()

    def forget_zoom(self) -> None:
        """Make the current view the one the toolbar's Home button returns to."""
        if self.toolbar is not None:
            self.toolbar.update()

    def changeEvent(self, event: QEvent) -> None:
        # Light or dark: the chart is built again in the new colours.
        if event.type() == QEvent.Type.PaletteChange and self._build and self.showing_chart:
            self.when_ready(self._build_now)
        super().changeEvent(event)

    def _on_matplotlib_ready(self) -> None:
        failure = _loader().failure
        if failure:
            self._pending = None
            self._show_placeholder(failure)
            self.settled.emit()
        elif self._pending is not None:
            self._pending_timer.start()

    def _run_pending(self) -> None:
        held, self._pending = self._pending, None
        step = held() if held is not None else None
        if step is not None:
            step()

    def _build_now(self) -> None:
        build = self._build() if self._build is not None else None
        if build is None:
            return
        self._next_figure = build(chart_theme(self.palette()))
        # Shown on the next turn: a new canvas's first paint draws the whole figure, and
        # that should not come on top of the time just spent building it.
        self._pending = _held(self._show_next_figure)
        self._pending_timer.start()

    def _on_draw(self) -> None:
        self.has_drawn = True
        self.settled.emit()

    def _show_next_figure(self) -> None:
        figure, self._next_figure = self._next_figure, None
        if figure is not None:
            self._set_figure(figure)

    def _set_figure(self, figure: "Figure") -> None:
        # A canvas draws one figure for its lifetime (its size and pixel ratio are set up
        # around it), so a new figure gets a new canvas, and the toolbar that drives it.
        for old in (self.canvas, self.toolbar):
            if old is not None:
                # Hidden and left with its parent until Qt deletes it: taking it off its
                # parent would hand it to Python, which would delete it a second time.
                old.hide()
                old.deleteLater()
        if self.canvas is not None:
            _retire(self.canvas)
        self.canvas = _canvas_class()(figure)
        self.has_drawn = False
        self.canvas.mpl_connect("draw_event", lambda _event: self._on_draw())
        self.canvas.setParent(self._chart_area)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._chart_layout.addWidget(self.canvas, 1)
        if self._with_toolbar:
            self.toolbar = _toolbar_class()(self.canvas, self, coordinates=True)
            self.toolbar.setIconSize(TOOLBAR_ICON_SIZE)
            self.toolbar.setMovable(False)
            # The toolbar sits on the chart's background, and matplotlib picks light or dark
            # icons from the toolbar's background colour, so that is the one it must have.
            palette = self.toolbar.palette()
            palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
            self.toolbar.setPalette(palette)
            # The toolbar takes the rest of the row: its tools, then the pointer's date and value.
            self.header.removeItem(self._header_spacer)
            self.header.addWidget(self.toolbar, 1)
        self._stack.setCurrentWidget(self._chart_area)

    def _show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self._stack.setCurrentWidget(self.placeholder)

    # --- export -----------------------------------------------------------------------------

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for kind in ExportFormat:
            action = QAction(f"Export chart as {kind.name}…", menu)
            action.setData(kind.value)
            action.setEnabled(self.figure is not None)
            menu.addAction(action)
        menu.triggered.connect(self._on_export_chosen)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _on_export_chosen(self, action: QAction) -> None:
        self.export(ExportFormat(action.data()))

    def export(self, kind: ExportFormat) -> Path | None:
        """Ask where, then save the chart as it is shown (same range, same colours)."""
        figure = self.figure
        if figure is None:
            return None
        path = choose_export_path(self, self._suggested_path(kind), kind)
        if path is None:
            return None
        if path.suffix.lower() != f".{kind.value}":
            path = path.with_name(f"{path.name}.{kind.value}")
        try:
            figure.savefig(
                path, format=kind.value, dpi=EXPORT_DPI, facecolor=figure.get_facecolor()
            )
        except OSError as error:
            self.message.emit(f"The chart was not exported: {error.strerror or error}.")
            return None
        QSettings().setValue(EXPORT_FOLDER_KEY, str(path.parent))
        self.message.emit(f"Chart exported to {path}.")
        return path

    def _suggested_path(self, kind: ExportFormat) -> Path:
        pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        folder = QSettings().value(EXPORT_FOLDER_KEY) or pictures or str(Path.home())
        return Path(str(folder)) / f"{self.export_name}.{kind.value}"


def _retire(canvas: "FigureCanvasQTAgg") -> None:
    """Stop a replaced canvas from drawing again before Qt deletes it.

    matplotlib schedules redraws on a timer (draw_idle); one that fires after the canvas's
    Qt object is gone draws into a deleted widget, which ends in a crash, not an error.
    """
    canvas._draw_pending = False
    canvas.draw_idle = lambda *args, **kwargs: None
    canvas.setUpdatesEnabled(False)
