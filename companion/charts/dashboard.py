"""The Dashboard's charts: every account's followers, and its weekly engagement against the tier benchmarks."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from companion.charts.engagement import WEEK_DAYS
from companion.charts.figure import (
    FONT_SIZE,
    CountFormatter,
    Margins,
    date_axis,
    fit_y,
    new_figure,
    percent_formatter,
    say,
    style_axes,
)
from companion.charts.series import arrays_broken_at_gaps, as_arrays, broken_at_gaps
from companion.charts.theme import ChartTheme
from companion.core.benchmarks import Benchmark

DAILY_DAYS = 730
"""The last two years are drawn a point a day; before that, a point a week is as much as shows."""

FOLLOWERS_TITLE = "Followers"
ENGAGEMENT_TITLE = "Weekly engagement rate"
NO_POSTS = "No posts with a known engagement rate in these weeks"
SIZE_INCHES = (5.0, 2.8)
FOLLOWERS_MARGINS = Margins(left=0.5, right=0.2)
# The right margin holds the benchmarks' names, next to their lines.
ENGAGEMENT_MARGINS = Margins(left=0.5, right=0.72)
BAND_ALPHA = 0.07
EMPTY_RATE_TOP = 0.1
"""An engagement chart with nothing to show runs from 0 to 10 %, not 0 to 100 %."""

Drawn = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class AccountSeries:
    """One account's dated values, and the colour it keeps on both charts and its toggle."""

    account_id: int
    label: str
    points: Sequence[tuple[date, float]]
    colour: str
    benchmark: Benchmark | None = None
    """Its tier's engagement benchmark (engagement chart only)."""


@dataclass(frozen=True)
class BenchmarkMark:
    """A benchmark's line, band and label, shown while one of its accounts is."""

    engagement_rate: float
    account_ids: frozenset[int]
    artists: tuple[Artist, ...]


@dataclass
class AccountsChart:
    """A chart with a line per account, where accounts can be hidden and shown again."""

    figure: Figure
    axes: Axes
    start: date
    end: date
    lines: dict[int, Line2D] = field(default_factory=dict)
    drawn: dict[int, Drawn] = field(default_factory=dict)
    benchmarks: list[BenchmarkMark] = field(default_factory=list)
    fits_dates: bool = False
    """The time axis spans the accounts shown (followers), or stays put (weekly engagement)."""
    rests_on_zero: bool = False
    """Rates stand on 0 %, with the benchmarks of the accounts shown in view."""

    def show_accounts(self, shown: Collection[int]) -> None:
        """Show only these accounts' lines (and benchmarks), the axes fitted to what shows."""
        shown = set(shown)
        for account_id, line in self.lines.items():
            line.set_visible(account_id in shown)
        for mark in self.benchmarks:
            for artist in mark.artists:
                artist.set_visible(bool(mark.account_ids & shown))
        visible = [
            drawn
            for account_id, drawn in self.drawn.items()
            if account_id in shown and drawn[0].size
        ]
        if self.fits_dates and visible:
            self._show_dates(visible)
        self._fit_y(visible, shown)

    def hidden_accounts(self) -> set[int]:
        return {account_id for account_id, line in self.lines.items() if not line.get_visible()}

    def _show_dates(self, visible: list[Drawn]) -> None:
        first = min(days[0] for days, _ in visible)
        last = max(days[-1] for days, _ in visible)
        if first < last:
            self.axes.set_xlim(first, last)
            self.start, self.end = first.item(), last.item()

    def _fit_y(self, visible: list[Drawn], shown: set[int]) -> None:
        rates = [m.engagement_rate for m in self.benchmarks if m.account_ids & shown]
        if self.rests_on_zero and not visible and not rates:
            self.axes.set_ylim(0, EMPTY_RATE_TOP)
            return
        keep = (0.0, *rates) if self.rests_on_zero else ()
        fit_y(self.axes, visible, self.start, self.end, keep=keep)


def thinned(history: Sequence[tuple[date, float]], daily_from: date) -> Drawn:
    """The history to draw: before `daily_from` (a Monday) a point a week, from it every day.

    A week's point is its last count, drawn at its Monday. Gaps stay gaps: a week without a
    count, like a day without one, lifts the pen.
    """
    days, values = as_arrays(sorted(history, key=lambda point: point[0]))
    early = days < np.datetime64(daily_from, "D")
    # 1 January 1970 was a Thursday: a day's number since then, plus 3, modulo 7, is its
    # weekday counted from Monday.
    weekdays = (days[early].astype(np.int64) + 3) % 7
    mondays = days[early] - weekdays.astype("timedelta64[D]")
    # The last count of each week: the first of each Monday in the reversed order.
    weeks, from_end = np.unique(mondays[::-1], return_index=True)
    week_values = values[early][::-1][from_end]
    week_days, week_values = arrays_broken_at_gaps(weeks, week_values, step_days=WEEK_DAYS)
    days, values = arrays_broken_at_gaps(days[~early], values[~early])
    week = np.timedelta64(WEEK_DAYS, "D")
    if len(week_days) and len(days) and days[0] - week_days[-1] > week:
        week_days = np.append(week_days, week_days[-1] + week)
        week_values = np.append(week_values, np.nan)
    return np.concatenate([week_days, days]), np.concatenate([week_values, values])


def followers_chart(series: Sequence[AccountSeries], theme: ChartTheme) -> AccountsChart:
    """Every account's followers over its whole history, a line each in its own colour."""
    figure = new_figure(theme, SIZE_INCHES, FOLLOWERS_MARGINS)
    axes = figure.add_subplot()
    style_axes(axes, theme, FOLLOWERS_TITLE)
    drawn_series = [account for account in series if account.points]
    start = min((account.points[0][0] for account in drawn_series), default=date.today())
    end = max((account.points[-1][0] for account in drawn_series), default=start)
    chart = AccountsChart(figure, axes, start, end, fits_dates=True)
    daily_from = _monday(end - timedelta(days=DAILY_DAYS))
    for account in series:
        drawn = thinned(account.points, daily_from)
        (line,) = axes.plot(*drawn, color=account.colour, linewidth=1.6, label=account.label)
        chart.lines[account.account_id] = line
        chart.drawn[account.account_id] = drawn
    axes.yaxis.set_major_formatter(CountFormatter())
    date_axis(axes, theme)
    chart.show_accounts(chart.lines)
    return chart


def weekly_engagement_chart(
    series: Sequence[AccountSeries], start: date, end: date, theme: ChartTheme
) -> AccountsChart:
    """Each account's weekly mean ER from `start` to `end`, over its tier's benchmark and band."""
    figure = new_figure(theme, SIZE_INCHES, ENGAGEMENT_MARGINS)
    axes = figure.add_subplot()
    style_axes(axes, theme, ENGAGEMENT_TITLE)
    chart = AccountsChart(figure, axes, start, end, rests_on_zero=True)
    chart.benchmarks = _benchmark_marks(axes, series, theme)
    for account in series:
        drawn = broken_at_gaps(account.points, step_days=WEEK_DAYS)
        (line,) = axes.plot(
            *drawn,
            color=account.colour,
            linewidth=1.6,
            marker="o",
            markersize=3.5,
            label=account.label,
        )
        chart.lines[account.account_id] = line
        chart.drawn[account.account_id] = drawn
    if not any(account.points for account in series):
        say(axes, NO_POSTS, theme)
        # On the page's colour, so that no grid line runs through the words.
        axes.texts[-1].set_bbox({"facecolor": theme.background, "edgecolor": "none", "pad": 4})
    axes.yaxis.set_major_formatter(percent_formatter())
    axes.yaxis.get_major_locator().set_params(integer=False)
    date_axis(axes, theme)
    # Half a week either side keeps the first and last weeks' points clear of the edges.
    margin = timedelta(days=WEEK_DAYS // 2)
    axes.set_xlim(np.datetime64(start - margin, "D"), np.datetime64(end + margin, "D"))
    chart.show_accounts(chart.lines)
    return chart


def _benchmark_marks(
    axes: Axes, series: Sequence[AccountSeries], theme: ChartTheme
) -> list[BenchmarkMark]:
    """One dashed line (and band, where the source gives one) per benchmark rate in use."""
    by_rate: dict[float, list[AccountSeries]] = {}
    for account in series:
        if account.benchmark is not None:
            by_rate.setdefault(account.benchmark.engagement_rate, []).append(account)
    return [_benchmark_mark(axes, rate, accounts, theme) for rate, accounts in by_rate.items()]


def _benchmark_mark(
    axes: Axes, rate: float, accounts: list[AccountSeries], theme: ChartTheme
) -> BenchmarkMark:
    benchmarks = list(dict.fromkeys(a.benchmark for a in accounts if a.benchmark is not None))
    artists: list[Artist] = [
        axes.axhspan(b.low, b.high, color=theme.benchmark, alpha=BAND_ALPHA, linewidth=0)
        for b in benchmarks[:1]
        if b.low is not None and b.high is not None
    ]
    artists.append(
        axes.axhline(rate, color=theme.benchmark, linewidth=1.1, linestyle=(0, (4, 3)), zorder=1.5)
    )
    artists.append(
        axes.text(
            1.02,
            rate,
            "\n".join(gutter_label(b) for b in benchmarks),
            transform=blended_transform_factory(axes.transAxes, axes.transData),
            ha="left",
            va="center",
            fontsize=FONT_SIZE,
            color=theme.benchmark,
        )
    )
    return BenchmarkMark(rate, frozenset(a.account_id for a in accounts), tuple(artists))


def gutter_label(benchmark: Benchmark) -> str:
    """'Micro 4 %' beside its line, and under it the band the shading shows, where there is one."""
    tier = benchmark.tier.label if benchmark.tier else "Tier"
    name = f"{tier} {_percent(benchmark.engagement_rate)}"
    if benchmark.low is None or benchmark.high is None:
        return name
    return f"{name}\n{_percent(benchmark.low, unit=False)}–{_percent(benchmark.high)}"


def _percent(rate: float, *, unit: bool = True) -> str:
    return f"{rate * 100:.3g}{' %' if unit else ''}"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
