"""A blank figure in the chart theme, the house style of an axes, and how numbers read on them."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import numpy as np
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DateFormatter
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator

from companion.charts.series import within
from companion.charts.theme import ChartTheme

if TYPE_CHECKING:
    from matplotlib.backends.backend_agg import RendererAgg

FONT_SIZE = 8.5
TITLE_SIZE = 9.5
DEFAULT_SIZE_INCHES = (8.0, 4.5)
Y_PADDING = 0.08


@dataclass(frozen=True)
class Margins:
    """Room around and between a figure's rows of axes, in inches: the text sizes are in points,
    so the room they need does not change when the window does."""

    left: float = 0.6
    right: float = 0.15
    top: float = 0.3
    bottom: float = 0.28
    between: float = 0.36


class FixedMargins(LayoutEngine):
    """Places the axes inside fixed margins at every draw.

    matplotlib's constrained layout measures every label first, which is half the cost of
    a redraw; the tick labels here are short and known, so fixed room is enough.
    """

    _adjust_compatible = True
    _colorbar_gridspec = True

    def __init__(self, margins: Margins) -> None:
        super().__init__()
        self.margins = margins

    def set(self, *, margins: Margins) -> None:
        self.margins = margins

    def execute(self, fig: Figure) -> None:
        width, height = fig.get_size_inches()
        rows = _rows(fig)
        m = self.margins
        row_height = max((height - m.top - m.bottom - m.between * (rows - 1)) / rows, 0.1)
        fig.subplots_adjust(
            left=min(m.left / width, 0.45),
            right=max(1 - m.right / width, 0.55),
            top=max(1 - m.top / height, 0.55),
            bottom=min(m.bottom / height, 0.45),
            hspace=m.between / row_height,
        )


def _rows(figure: Figure) -> int:
    specs = [axes.get_subplotspec() for axes in figure.axes]
    grids = [spec.get_gridspec() for spec in specs if spec is not None]
    return grids[0].nrows if grids else 1


def new_figure(
    theme: ChartTheme,
    size_inches: tuple[float, float] = DEFAULT_SIZE_INCHES,
    margins: Margins = Margins(),
) -> Figure:
    """An empty figure on the theme's background, its axes kept inside `margins`."""
    return Figure(figsize=size_inches, facecolor=theme.background, layout=FixedMargins(margins))


def style_axes(axes: Axes, theme: ChartTheme, title: str) -> None:
    """Quiet axes: a title at the top left, horizontal grid lines, no box."""
    axes.set_facecolor(theme.background)
    # An explicit y: nothing sits above these axes, and matplotlib's automatic placement
    # measures every tick label at each draw to find out (a third of a redraw).
    axes.set_title(
        title, loc="left", fontsize=TITLE_SIZE, fontweight="bold", color=theme.text, pad=5, y=1.0
    )
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(theme.grid)
    axes.tick_params(labelsize=FONT_SIZE, colors=theme.muted, length=0, pad=4)
    axes.grid(axis="y", color=theme.grid, linewidth=0.8)
    axes.set_axisbelow(True)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True, min_n_ticks=3))


def date_axis(axes: Axes, theme: ChartTheme) -> None:
    """Dates that say only what changes between ticks ("Mar", "2026"), and full dates on hover."""
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator, show_offset=False))
    axes.fmt_xdata = DateFormatter("%d %b %Y")
    axes.xaxis.get_offset_text().set(fontsize=FONT_SIZE, color=theme.muted)


def say(axes: Axes, text: str, theme: ChartTheme) -> None:
    """A quiet line in the middle of an axes that has nothing to draw yet."""
    axes.text(
        0.5,
        0.5,
        text,
        transform=axes.transAxes,
        ha="center",
        va="center",
        fontsize=FONT_SIZE,
        color=theme.muted,
    )


def legend(axes: Axes, theme: ChartTheme) -> None:
    """A small frameless legend on the title's line, at the right, clear of the data."""
    axes.legend(
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        borderaxespad=0.2,
        borderpad=0,
        frameon=False,
        fontsize=FONT_SIZE,
        labelcolor=theme.muted,
        ncols=4,
        handlelength=1.6,
        columnspacing=1.4,
    )


class CountFormatter(Formatter):
    """Follower counts on an axis, every tick in the same unit: '8k 16k 24k', '21.6k 22.4k'.

    The unit comes from the largest tick; the decimals are as few as show every tick
    exactly, so neighbouring labels never read the same.
    """

    def __init__(self, *, signed: bool = False) -> None:
        super().__init__()
        self.signed = signed
        self.unit, self.suffix, self.decimals = 1.0, "", 0

    def set_locs(self, locs: Sequence[float]) -> None:
        super().set_locs(locs)
        largest = max((abs(loc) for loc in locs), default=0.0)
        self.unit, self.suffix = next(
            ((unit, suffix) for from_, unit, suffix in _UNITS if largest >= from_), (1.0, "")
        )
        scaled = [loc / self.unit for loc in locs]
        self.decimals = next(
            (places for places in range(MOST_DECIMALS) if _exact(scaled, places)), MOST_DECIMALS
        )

    def __call__(self, value: float, pos: int | None = None) -> str:
        if value == 0:
            return "0"
        text = f"{abs(value) / self.unit:,.{self.decimals}f}{self.suffix}"
        if value < 0:
            return f"\u2212{text}"
        return f"+{text}" if self.signed and value > 0 else text


MOST_DECIMALS = 3


def _exact(values: Sequence[float], places: int) -> bool:
    return all(abs(round(value, places) - value) < 1e-9 * max(1.0, abs(value)) for value in values)


# (from this size on, count in, suffix): below 10,000 the full number still fits.
_UNITS = ((1_000_000, 1_000_000.0, "M"), (10_000, 1_000.0, "k"))


def percent_formatter() -> FuncFormatter:
    """Rates stored as fractions, shown as '4 %' or '2.5 %'."""
    return FuncFormatter(lambda value, _position: f"{value * 100:.3g} %")


def fit_y(
    axes: Axes,
    series: Sequence[tuple[np.ndarray, np.ndarray]],
    start: date,
    end: date,
    *,
    keep: Sequence[float] = (),
) -> None:
    """Scale the y axis to the values shown between `start` and `end`, and to `keep` (e.g. 0).

    matplotlib scales to all the data; after zooming to 30 days that draws a flat line.
    """
    shown = [values[within(days, start, end)] for days, values in series]
    values = np.concatenate([*shown, np.asarray(keep, dtype=float)])
    values = values[np.isfinite(values)]
    if values.size == 0:
        return
    low, high = float(values.min()), float(values.max())
    padding = (high - low) * Y_PADDING or abs(high) * Y_PADDING or 1.0
    # A count that starts at zero stands on the axis rather than floating above it.
    rests_on_zero = low == 0 and 0 in keep
    axes.set_ylim(low if rests_on_zero else low - padding, high + padding)


def warm_up() -> None:
    """Draw a small chart once, off screen, so that the first chart a creator opens does not
    also pay for loading fonts and filling matplotlib's caches."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    theme = ChartTheme()
    figure = new_figure(theme, (3.0, 2.0))
    axes = figure.add_subplot()
    style_axes(axes, theme, "Followers")
    axes.plot(np.array(["2026-01-01", "2026-03-01"], dtype="datetime64[D]"), [1_000, 24_000])
    axes.yaxis.set_major_formatter(CountFormatter())
    date_axis(axes, theme)
    FigureCanvasAgg(figure).draw()


@dataclass(frozen=True)
class OffscreenDrawing:
    """A figure's pixels as `prerender` drew them, and the size and resolution they are for."""

    renderer: "RendererAgg"
    size_px: tuple[int, int]
    dpi: float

    def fits(self, size_px: tuple[int, int], dpi: float) -> bool:
        return self.size_px == size_px and self.dpi == dpi


_offscreen_drawings: "WeakKeyDictionary[Figure, OffscreenDrawing]" = WeakKeyDictionary()


def prerender(figure: Figure, width_px: int, height_px: int, pixel_ratio: float) -> None:
    """Draw `figure` once, off screen, at the size and pixel ratio it will be shown at.

    For a figure made on a worker thread: the ticks are made, the text measured and the pixels
    drawn there. A canvas that shows it unchanged at that size only copies the pixels (see
    `offscreen_drawing`); one that shows it changed or at another size draws it again, about a
    third quicker for what was measured here. matplotlib keeps its fonts per thread, so this
    never shares one with the window's drawing.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if width_px <= 0 or height_px <= 0:
        return
    dpi = figure._original_dpi  # what a Qt canvas scales by the screen's pixel ratio
    figure.set_dpi(dpi * pixel_ratio)
    figure.set_size_inches(width_px / dpi, height_px / dpi)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    _offscreen_drawings[figure] = OffscreenDrawing(
        canvas.get_renderer(), canvas.get_width_height(physical=True), figure.dpi
    )


def offscreen_drawing(figure: Figure) -> OffscreenDrawing | None:
    """What `prerender` drew of `figure`, taken once; None if the figure changed since."""
    drawing = _offscreen_drawings.pop(figure, None)
    return None if drawing is None or figure.stale else drawing
