"""Followers over time (one account or several) and each day's change, with gaps left as gaps."""

from collections.abc import Sequence
from datetime import date

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path

from companion.charts.data import FollowerLine
from companion.charts.figure import (
    CountFormatter,
    date_axis,
    legend,
    new_figure,
    style_axes,
)
from companion.charts.series import as_arrays, broken_at_gaps
from companion.charts.theme import ChartTheme
from companion.core.growth import daily_changes

BAR_WIDTH_DAYS = 0.8
_RECTANGLE = np.array([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY])


def plot_followers(
    axes: Axes, lines: Sequence[FollowerLine], theme: ChartTheme
) -> list[tuple[np.ndarray, np.ndarray]]:
    """A line per account; the pen lifts over days without a snapshot.

    Returns the (days, followers) drawn for each line, gaps included as NaN.
    """
    style_axes(axes, theme, "Followers")
    drawn = [broken_at_gaps(line.history) for line in lines]
    for index, (line, (days, followers)) in enumerate(zip(lines, drawn, strict=True)):
        colour = theme.series_colour(index)
        axes.plot(days, followers, color=colour, linewidth=1.6, label=line.label)
        if len(lines) == 1 and len(days):
            axes.fill_between(days, followers, np.nanmin(followers), color=colour, alpha=0.08)
    axes.yaxis.set_major_formatter(CountFormatter())
    date_axis(axes, theme)
    if len(lines) > 1:
        legend(axes, theme)
    return drawn


def follower_changes(history: Sequence[tuple[date, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Each day's change from the day before; NaN on the first day and after a gap."""
    return as_arrays(daily_changes(history))


def plot_daily_change(
    axes: Axes, history: Sequence[tuple[date, int]], theme: ChartTheme
) -> tuple[np.ndarray, np.ndarray]:
    """A bar per day, gains and losses in their own colours; no bar where the change is unknown.

    Returns the (days, changes) drawn. All the gains are one shape, and all the losses
    another: a patch per day would take a third of a second to build for ten years.
    """
    style_axes(axes, theme, "Daily change")
    days, changes = follower_changes(history)
    known = np.isfinite(changes)
    for is_gain, colour in ((True, theme.gain), (False, theme.loss)):
        chosen = known & ((changes >= 0) == is_gain)
        if chosen.any():
            path = _bars(days[chosen], changes[chosen])
            # add_artist, not add_patch: add_patch measures the shape one rectangle at a
            # time (170 ms for ten years); the corners of its bounding box say the same.
            axes.add_artist(PathPatch(path, facecolor=colour, linewidth=0))
            axes.update_datalim(path.get_extents().corners())
    axes.axhline(0, color=theme.grid, linewidth=1.0)
    axes.yaxis.set_major_formatter(CountFormatter(signed=True))
    axes.autoscale_view()
    date_axis(axes, theme)
    return days, changes


def ring_days(
    axes: Axes, drawn: tuple[np.ndarray, np.ndarray], days: Sequence[date], theme: ChartTheme
) -> list[Artist]:
    """Ring `days` on the followers line: the days with a follower jump nothing explains."""
    xs, ys = drawn
    chosen = np.isin(xs, np.array(days, dtype="datetime64[D]")) & np.isfinite(ys)
    if not chosen.any():
        return []
    ring = axes.scatter(
        xs[chosen], ys[chosen], s=70, facecolors="none", edgecolors=theme.loss, linewidths=1.8
    )
    ring.set_zorder(5)
    return [ring]


def band_days(axes: Axes, days: Sequence[date], theme: ChartTheme) -> list[Artist]:
    """Shade `days` from top to bottom (on the daily change, where a ring on a bar as tall as
    the chart would be cut off)."""
    half = np.timedelta64(12, "h")
    return [
        axes.axvspan(
            np.datetime64(day, "D") - half,
            np.datetime64(day, "D") + half,
            color=theme.loss,
            alpha=0.25,
            linewidth=0,
        )
        for day in days
    ]


def _bars(days: np.ndarray, heights: np.ndarray) -> Path:
    """One path holding a closed rectangle per day, from zero to the day's change."""
    left = date2num(days) - BAR_WIDTH_DAYS / 2
    right = left + BAR_WIDTH_DAYS
    zeros = np.zeros_like(heights)
    corners = np.stack(
        [
            np.column_stack([left, zeros]),
            np.column_stack([left, heights]),
            np.column_stack([right, heights]),
            np.column_stack([right, zeros]),
            np.column_stack([left, zeros]),
        ],
        axis=1,
    )
    codes = np.tile(_RECTANGLE, len(heights))
    return Path(corners.reshape(-1, 2), codes)


def followers_figure(lines: Sequence[FollowerLine], theme: ChartTheme) -> Figure:
    """Followers over time for one account or several (the Dashboard, the media kit)."""
    figure = new_figure(theme)
    plot_followers(figure.add_subplot(), lines, theme)
    return figure


def daily_change_figure(history: Sequence[tuple[date, int]], theme: ChartTheme) -> Figure:
    figure = new_figure(theme)
    plot_daily_change(figure.add_subplot(), history, theme)
    return figure
