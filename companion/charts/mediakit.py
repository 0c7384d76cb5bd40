"""The media kit's charts: followers over the year, engagement against the benchmark, and the audience.

Each is drawn at the size of its box on the page, so its text comes out at the kit's sizes.
Labels sit on the data (direct labelling), not in legends: a brand reads them at a glance.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from companion.charts.figure import (
    CountFormatter,
    Margins,
    date_axis,
    new_figure,
    percent_formatter,
)
from companion.charts.series import broken_at_gaps
from companion.charts.theme import ChartTheme
from companion.core.mediakit import ELSEWHERE

KIT_FONT_SIZE = 7.5
LABEL_SIZE = 7.5
BAR_HEIGHT = 0.62
RATE_BAR_HEIGHT = 0.46
"""Three or four accounts fill the engagement chart; thinner bars keep it from looking heavy."""
LABEL_GAP = 3.5
"""Points between a bar's end (or a benchmark mark) and its label."""


@dataclass(frozen=True)
class KitLine:
    label: str
    history: Sequence[tuple[date, int]]
    colour: str


@dataclass(frozen=True)
class KitRate:
    """An account's ER and its tier benchmark, both fractions."""

    label: str
    rate: float | None
    benchmark: float | None
    colour: str


def _quiet_axes(axes: Axes, theme: ChartTheme, *, grid_axis: str = "y") -> None:
    axes.set_facecolor(theme.background)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.spines["bottom"].set_color(theme.grid)
    axes.tick_params(labelsize=KIT_FONT_SIZE, colors=theme.muted, length=0, pad=3)
    if grid_axis:
        axes.grid(axis=grid_axis, color=theme.grid, linewidth=0.6)
    axes.set_axisbelow(True)


def followers_over_time(
    lines: Sequence[KitLine], theme: ChartTheme, size_inches: tuple[float, float]
) -> Figure:
    """A line per account, named at its end; a log scale when accounts differ tenfold."""
    right = 0.2 + 0.055 * max((len(_end_label(line)) for line in lines), default=0)
    figure = new_figure(theme, size_inches, Margins(left=0.42, right=right, top=0.08, bottom=0.24))
    axes = figure.add_subplot()
    _quiet_axes(axes, theme)
    ends = [line.history[-1][1] for line in lines if line.history]
    if ends and min(ends) > 0 and max(ends) / min(ends) >= 10:
        axes.set_yscale("log")
    for line in lines:
        if not line.history:
            continue
        days, followers = broken_at_gaps(line.history)
        axes.plot(days, followers, color=line.colour, linewidth=1.5, solid_capstyle="round")
        last_day, last = line.history[-1]
        axes.annotate(
            _end_label(line),
            (np.datetime64(last_day, "D"), last),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=LABEL_SIZE,
            color=line.colour,
            fontweight="bold",
            annotation_clip=False,
        )
    margins = figure.get_layout_engine().margins
    _spread_end_labels(axes, (size_inches[1] - margins.top - margins.bottom) * 72)
    axes.yaxis.set_major_formatter(CountFormatter())
    axes.yaxis.set_minor_formatter(CountFormatter())
    date_axis(axes, theme)
    axes.xaxis.get_major_formatter().formats[0] = "%Y"
    return figure


def _end_label(line: KitLine) -> str:
    last = line.history[-1][1] if line.history else 0
    return f"{line.label.split(' ', 1)[0]} {CountFormatter()(last) if last < 10_000 else f'{last / 1000:.1f}k'}"


def _spread_end_labels(axes: Axes, height_points: float) -> None:
    """Move end labels apart so that two accounts of a similar size do not overprint."""
    labels = sorted(axes.texts, key=lambda text: text.xy[1])
    if len(labels) < 2:
        return
    axes.get_ylim()  # settles the autoscaled limits the fractions below are taken from
    to_fraction = axes.transScale + axes.transLimits
    wanted = [to_fraction.transform((0, text.xy[1]))[1] * height_points for text in labels]
    placed = list(wanted)
    least = LABEL_SIZE * 1.25
    for index in range(1, len(placed)):
        placed[index] = max(placed[index], placed[index - 1] + least)
    for text, y, original in zip(labels, placed, wanted, strict=True):
        text.set_position((4, y - original))


def engagement_against_benchmark(
    rates: Sequence[KitRate], theme: ChartTheme, size_inches: tuple[float, float]
) -> Figure:
    """A bar per account for its ER, and a mark at its tier's benchmark."""
    margins = Margins(left=0.78, right=0.12, top=0.08, bottom=0.24)
    figure = new_figure(theme, size_inches, margins)
    axes = figure.add_subplot()
    _quiet_axes(axes, theme, grid_axis="x")
    rows = np.arange(len(rates))[::-1]
    values = [rate.rate or 0.0 for rate in rates]
    top = max([*values, *(r.benchmark or 0.0 for r in rates), 0.01]) * 1.32
    axes.barh(rows, values, height=RATE_BAR_HEIGHT, color=[r.colour for r in rates], linewidth=0)
    # A label's width in data units, so that it never sits on a benchmark mark.
    per_point = top / ((size_inches[0] - margins.left - margins.right) * 72)
    for row, rate in zip(rows, rates, strict=True):
        if rate.benchmark is not None:
            axes.plot(
                [rate.benchmark, rate.benchmark],
                [row - RATE_BAR_HEIGHT * 0.8, row + RATE_BAR_HEIGHT * 0.8],
                color=theme.text,
                linewidth=1.1,
                solid_capstyle="butt",
            )
        _rate_label(axes, row, rate, theme, per_point)
    axes.set_xlim(0, top)
    axes.set_yticks(rows, [rate.label for rate in rates])
    axes.tick_params(axis="y", labelsize=KIT_FONT_SIZE, labelcolor=theme.text)
    axes.spines["bottom"].set_visible(False)
    axes.xaxis.set_major_formatter(percent_formatter())
    axes.xaxis.set_major_locator(MaxNLocator(nbins=4))
    axes.set_ylim(-0.6, len(rates) - 0.4)
    return figure


def _rate_label(axes: Axes, row: float, rate: KitRate, theme: ChartTheme, per_point: float) -> None:
    """The rate just past its bar, or past the benchmark mark when the mark would cross it;
    an account with too few posts to rate says so in place of a bar."""
    if rate.rate is None:
        text, x, colour, weight = "too few posts to rate", 0.0, theme.muted, "normal"
    else:
        text, x, colour, weight = f"{rate.rate * 100:.1f} %", rate.rate, theme.text, "bold"
    width = (len(text) * LABEL_SIZE * 0.62 + LABEL_GAP * 2) * per_point
    if rate.benchmark is not None and x <= rate.benchmark <= x + width:
        x = rate.benchmark
    axes.annotate(
        text,
        (x, row),
        xytext=(LABEL_GAP, 0),
        textcoords="offset points",
        va="center",
        ha="left",
        fontsize=LABEL_SIZE,
        color=colour,
        fontweight=weight,
        annotation_clip=False,
    )


def share_bars(
    labels: Sequence[str],
    shares: Sequence[float],
    theme: ChartTheme,
    size_inches: tuple[float, float],
    *,
    colour: str,
    vertical: bool = False,
) -> Figure:
    """Shares of the audience as bars, each with its percentage: countries across, ages upright."""
    margins = (
        Margins(left=0.06, right=0.06, top=0.16, bottom=0.22)
        if vertical
        else Margins(left=0.95, right=0.32, top=0.04, bottom=0.04)
    )
    figure = new_figure(theme, size_inches, margins)
    axes = figure.add_subplot()
    _quiet_axes(axes, theme, grid_axis="")
    positions = np.arange(len(shares))
    if vertical:
        axes.bar(positions, shares, width=0.7, color=colour, linewidth=0)
        axes.set_xticks(positions, labels)
        axes.tick_params(axis="x", labelsize=LABEL_SIZE - 1, labelcolor=theme.text)
        axes.set_yticks([])
        for x, share in zip(positions, shares, strict=True):
            axes.text(
                x,
                share,
                f"{share * 100:.0f}%",
                ha="center",
                va="bottom",
                fontsize=LABEL_SIZE,
                color=theme.text,
            )
        axes.set_ylim(0, max(shares, default=0.01) * 1.2)
    else:
        rows = positions[::-1]
        colours = [theme.grid if label == ELSEWHERE else colour for label in labels]
        axes.barh(rows, shares, height=BAR_HEIGHT, color=colours, linewidth=0)
        axes.set_yticks(rows, labels)
        axes.set_xticks([])
        axes.spines["bottom"].set_visible(False)
        axes.tick_params(axis="y", labelcolor=theme.text)
        for y, share in zip(rows, shares, strict=True):
            axes.annotate(
                f"{share * 100:.0f}%",
                (share, y),
                xytext=(LABEL_GAP, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=LABEL_SIZE,
                color=theme.text,
                annotation_clip=False,
            )
        axes.set_xlim(0, max(shares, default=0.01) * 1.05)
        axes.set_ylim(-0.6, len(shares) - 0.4)
    return figure


def share_ring(
    labels: Sequence[str],
    shares: Sequence[float],
    theme: ChartTheme,
    size_inches: tuple[float, float],
    colours: Sequence[str],
) -> Figure:
    """A ring for a split of a few parts (gender), the parts named beside it."""
    figure = Figure(figsize=size_inches, facecolor=theme.background)
    width, height = size_inches
    side = min(height, width * 0.5)
    axes = figure.add_axes((0.0, (1 - side / height) / 2, side / width, side / height))
    axes.pie(
        shares,
        colors=list(colours)[: len(shares)],
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.32, "linewidth": 1.2, "edgecolor": theme.background},
    )
    axes.set_aspect("equal")
    step = min(0.2, 0.8 / max(len(labels), 1))
    top = 0.5 + step * (len(labels) - 1) / 2
    for index, (label, share) in enumerate(zip(labels, shares, strict=True)):
        y = top - index * step
        x = side / width + 0.06
        figure.text(
            x, y, "●", color=colours[index % len(colours)], fontsize=LABEL_SIZE + 1, va="center"
        )
        figure.text(
            x + 0.08,
            y,
            f"{label}  {share * 100:.0f}%",
            color=theme.text,
            fontsize=LABEL_SIZE,
            va="center",
        )
    return figure
