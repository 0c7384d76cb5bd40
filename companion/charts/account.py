"""One account at a glance: followers, daily change and engagement stacked on one time axis."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from companion.charts.data import EngagementSeries, FollowerLine
from companion.charts.engagement import fit_rates, plot_engagement
from companion.charts.figure import fit_y, new_figure
from companion.charts.followers import band_days, plot_daily_change, plot_followers, ring_days
from companion.charts.theme import ChartTheme

HEIGHT_RATIOS = (5, 3, 3)
SIZE_INCHES = (9.0, 5.5)

Drawn = list[tuple[np.ndarray, np.ndarray]]


@dataclass
class AccountFigure:
    """The figure and what each of its axes shows, so a date range can rescale every y axis."""

    figure: Figure
    followers_axes: Axes
    change_axes: Axes
    engagement_axes: Axes
    drawn: dict[str, Drawn]
    benchmark_rate: float | None
    marks: list[Artist] = field(default_factory=list)
    """The marks on flagged days (see `mark_flagged`)."""
    engagement: EngagementSeries | None = None
    """What the engagement chart shows, to draw it again in other colours."""

    @property
    def axes(self) -> tuple[Axes, Axes, Axes]:
        return (self.followers_axes, self.change_axes, self.engagement_axes)

    def show_days(self, start: date, end: date) -> None:
        """Show `start` to `end` on the shared time axis, each y axis fitted to what is shown."""
        # Half a day either side keeps the first and last day's bars whole.
        self.followers_axes.set_xlim(
            np.datetime64(start, "D") - np.timedelta64(12, "h"),
            np.datetime64(end, "D") + np.timedelta64(12, "h"),
        )
        fit_y(self.followers_axes, self.drawn["followers"], start, end)
        fit_y(self.change_axes, self.drawn["change"], start, end, keep=(0,))
        fit_rates(self.engagement_axes, self.drawn["engagement"], start, end, self.benchmark_rate)

    def mark_flagged(self, days: Sequence[date], theme: ChartTheme) -> None:
        """Mark the days with a follower jump not matched by reach or engagement: a ring on the
        followers line and a band on the daily change (replacing any marks drawn before)."""
        for artist in self.marks:
            artist.remove()
        self.marks = [
            *ring_days(self.followers_axes, self.drawn["followers"][0], days, theme),
            *band_days(self.change_axes, days, theme),
        ]


def account_figure(
    label: str,
    history: Sequence[tuple[date, int]],
    engagement: EngagementSeries,
    theme: ChartTheme,
) -> AccountFigure:
    """The three charts of one account, sharing their time axis (zoom one, zoom all)."""
    figure = new_figure(theme, SIZE_INCHES)
    followers_axes, change_axes, engagement_axes = figure.subplots(
        3, 1, sharex=True, gridspec_kw={"height_ratios": HEIGHT_RATIOS}
    )
    drawn_followers = plot_followers(followers_axes, [FollowerLine(label, history)], theme)
    changes = plot_daily_change(change_axes, history, theme)
    drawn_engagement = plot_engagement(engagement_axes, engagement, theme)
    for smaller in (change_axes, engagement_axes):
        smaller.yaxis.get_major_locator().set_params(nbins=3)
    for upper in (followers_axes, change_axes):
        # Only the bottom chart labels the shared dates; hiding the others' x axis also
        # spares two runs of the (slow) date locator per redraw.
        upper.xaxis.set_visible(False)
    benchmark = engagement.benchmark
    return AccountFigure(
        figure=figure,
        followers_axes=followers_axes,
        change_axes=change_axes,
        engagement_axes=engagement_axes,
        drawn={
            "followers": drawn_followers,
            "change": [changes],
            "engagement": drawn_engagement,
        },
        benchmark_rate=benchmark.engagement_rate if benchmark else None,
        engagement=engagement,
    )
