"""Engagement rate over time: a dot per post, the weekly mean, and the tier's benchmark band."""

from datetime import date

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from companion.charts.data import EngagementSeries
from companion.charts.figure import (
    FONT_SIZE,
    date_axis,
    legend,
    new_figure,
    percent_formatter,
    say,
    style_axes,
)
from companion.charts.series import as_arrays, broken_at_gaps, within
from companion.charts.theme import ChartTheme
from companion.core.benchmarks import Benchmark

WEEK_DAYS = 7
HEADROOM = 1.15
FAR_OUT = 3.0
"""Rates beyond the upper quartile by this many interquartile ranges are off the scale."""
MIN_FOR_QUARTILES = 4
OFF_SCALE = "off-scale"
"""The note that says how many posts are above the top of the scale."""


def benchmark_label(benchmark: Benchmark) -> str:
    """'Micro benchmark 4 % (3–15 %)': the figure, and the band where the source gives one."""
    tier = benchmark.tier.label if benchmark.tier else "Tier"
    label = f"{tier} benchmark {benchmark.engagement_rate * 100:.3g} %"
    if benchmark.low is not None and benchmark.high is not None:
        label += f" ({benchmark.low * 100:.3g}–{benchmark.high * 100:.3g} %)"
    return label


def plot_engagement(
    axes: Axes, series: EngagementSeries, theme: ChartTheme
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Draw the chart; returns the (days, rates) drawn, for fitting the y axis to a range."""
    style_axes(axes, theme, "Engagement rate")
    post_days, post_rates = as_arrays(series.posts)
    week_days, week_rates = broken_at_gaps(series.weekly, step_days=WEEK_DAYS)
    if series.benchmark is not None:
        _plot_benchmark_band(axes, series.benchmark, theme)
    axes.plot(
        post_days,
        post_rates,
        linestyle="none",
        marker="o",
        markersize=3.4,
        markeredgewidth=0,
        color=theme.line,
        alpha=_dot_alpha(len(series.posts)),
        label="Each post",
    )
    axes.plot(week_days, week_rates, color=theme.text, linewidth=1.3, label="Weekly mean")
    if series.benchmark is not None:
        _plot_benchmark_line(axes, series.benchmark, theme)
    if not series.posts:
        say(axes, "No posts with a known engagement rate yet", theme)
    axes.yaxis.set_major_formatter(percent_formatter())
    axes.yaxis.get_major_locator().set_params(integer=False)
    axes.set_ylim(bottom=0)
    axes.text(
        0.006,
        0.96,
        "",
        transform=axes.transAxes,
        ha="left",
        va="top",
        fontsize=FONT_SIZE,
        color=theme.muted,
        bbox={"facecolor": theme.background, "edgecolor": "none", "alpha": 0.85, "pad": 2},
        gid=OFF_SCALE,
        zorder=6,
    )
    date_axis(axes, theme)
    legend(axes, theme)
    return [(post_days, post_rates), (week_days, week_rates)]


def fit_rates(
    axes: Axes,
    drawn: list[tuple[np.ndarray, np.ndarray]],
    start: date,
    end: date,
    benchmark_rate: float | None,
) -> None:
    """Scale the axis to the rates shown between `start` and `end` and the benchmark.

    One viral post at 250 % would flatten every other post to the floor, so rates far
    above the rest are left off the scale, and the chart says how many.
    """
    (post_days, post_rates), (week_days, week_rates) = drawn
    posts = _known(post_rates[within(post_days, start, end)])
    weeks = _known(week_rates[within(week_days, start, end)])
    top = max(_usual_top(posts), _usual_top(weeks), benchmark_rate or 0.0) * HEADROOM
    top = top or 0.01
    axes.set_ylim(0, top)
    above = int((posts > top).sum())
    note = next(text for text in axes.texts if text.get_gid() == OFF_SCALE)
    note.set_text(
        f"{above:,} post{'' if above == 1 else 's'} above {top * 100:.3g} % off the scale"
        if above
        else ""
    )


def _known(values: np.ndarray) -> np.ndarray:
    return values[np.isfinite(values)]


def _usual_top(values: np.ndarray) -> float:
    """The highest value that is not far out (Tukey's outer fence), or 0 for none."""
    if values.size == 0:
        return 0.0
    if values.size < MIN_FOR_QUARTILES:
        return float(values.max())
    low, high = np.percentile(values, [25, 75])
    return float(values[values <= high + FAR_OUT * (high - low)].max())


def _dot_alpha(posts: int) -> float:
    """Solid dots for a few posts; see-through ones where thousands would make a blot."""
    return 0.8 if posts < 300 else 0.4


def _plot_benchmark_band(axes: Axes, benchmark: Benchmark, theme: ChartTheme) -> None:
    if benchmark.low is not None and benchmark.high is not None:
        axes.axhspan(benchmark.low, benchmark.high, color=theme.benchmark, alpha=0.10, linewidth=0)


def _plot_benchmark_line(axes: Axes, benchmark: Benchmark, theme: ChartTheme) -> None:
    # Drawn last so the legend lists it last, but under the posts so it hides none of them.
    axes.axhline(
        benchmark.engagement_rate,
        color=theme.benchmark,
        linewidth=1.2,
        linestyle=(0, (4, 3)),
        label=benchmark_label(benchmark),
        zorder=1.5,
    )


def engagement_figure(series: EngagementSeries, theme: ChartTheme) -> Figure:
    figure = new_figure(theme)
    plot_engagement(figure.add_subplot(), series, theme)
    return figure
