"""The kit's charts, each built at the size of its place on the page and turned into SVG for the PDF."""

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.text import Text

from companion.charts.mediakit import (
    KitLine,
    KitRate,
    engagement_against_benchmark,
    followers_over_time,
    share_bars,
    share_ring,
)
from companion.core.audience import Dimension
from companion.core.mediakit import MediaKit
from companion.core.mediakit_profile import KitSection, KitTheme, Paper
from companion.exporters.kit_style import Styles, styles_for
from companion.exporters.mediakit_blocks import COLUMN_GAP, footnote
from companion.exporters.pdf_layout import POINTS, page_format

SVG_SETTINGS = {"svg.fonttype": "none", "svg.hashsalt": "companion-mediakit"}
_SVG_LOCK = threading.Lock()
CHART_HEIGHT = 212.0
AUDIENCE_HEIGHT = 140.0
FOLLOWERS_SHARE = 0.58
AUDIENCE_SHARES = {Dimension.COUNTRY: 0.36, Dimension.AGE: 0.38, Dimension.GENDER: 0.26}
AUDIENCE_TITLES = {
    Dimension.COUNTRY: "Top countries",
    Dimension.AGE: "Age",
    Dimension.GENDER: "Gender",
}


@dataclass(frozen=True)
class KitChart:
    """A chart's title and note, and how to build it: built only for the layout that is kept."""

    title: str
    note: str
    build: Callable[[], Figure]


@dataclass(frozen=True)
class ChartRow:
    """Charts side by side, with the share of the width each takes."""

    charts: list[KitChart]
    shares: list[float]


def _widths(width: float, shares: list[float]) -> list[float]:
    room = width - COLUMN_GAP * (len(shares) - 1)
    return [room * share for share in shares]


def growth_row(
    kit: MediaKit, styles: Styles, width: float, height: float = CHART_HEIGHT
) -> ChartRow:
    """Followers over the year and engagement against the benchmark, as chosen."""
    followers = kit.shows(KitSection.FOLLOWERS_CHART) and any(s.history for s in kit.followers)
    engagement = kit.shows(KitSection.ENGAGEMENT_CHART) and bool(kit.platforms)
    shares = [FOLLOWERS_SHARE, 1 - FOLLOWERS_SHARE] if followers and engagement else [1.0]
    widths = iter(_widths(width, shares))
    chart = styles.chart_theme
    charts = []
    if followers:
        colours = {
            p.account.platform_and_handle: styles.series_colour(i)
            for i, p in enumerate(kit.platforms)
        }
        lines = [
            KitLine(s.label, s.history, colours.get(s.label, chart.line)) for s in kit.followers
        ]
        size = (next(widths) / POINTS, height / POINTS)
        charts.append(
            KitChart(
                "Followers", "last 12 months", partial(followers_over_time, lines, chart, size)
            )
        )
    if engagement:
        rates = [
            KitRate(
                f"{p.account.platform.label}{footnote(p.source_number)}",
                p.engagement.mean,
                p.benchmark.engagement_rate if p.benchmark else None,
                styles.series_colour(i),
            )
            for i, p in enumerate(kit.platforms)
        ]
        size = (next(widths) / POINTS, height / POINTS)
        build = partial(engagement_against_benchmark, rates, chart, size)
        charts.append(KitChart("Engagement rate", "| = tier benchmark", build))
    return ChartRow(charts, shares if charts else [])


def audience_row(
    kit: MediaKit, styles: Styles, width: float, height: float = AUDIENCE_HEIGHT
) -> ChartRow:
    """Countries, age and gender across the kit's accounts, those the record has."""
    by_dimension = {b.dimension: b for b in kit.audience} if kit.shows(KitSection.AUDIENCE) else {}
    shown = [d for d in AUDIENCE_SHARES if d in by_dimension]
    total = sum(AUDIENCE_SHARES[d] for d in shown)
    shares = [AUDIENCE_SHARES[d] / total for d in shown]
    chart = styles.chart_theme
    charts = []
    for dimension, chart_width in zip(shown, _widths(width, shares), strict=True):
        breakdown = by_dimension[dimension]
        size = (chart_width / POINTS, height / POINTS)
        labels = [s.label for s in breakdown.slices]
        values = [s.share for s in breakdown.slices]
        if dimension is Dimension.GENDER:
            build = partial(share_ring, labels, values, chart, size, styles.theme.series)
        else:
            vertical = dimension is Dimension.AGE
            build = partial(
                share_bars,
                labels,
                values,
                chart,
                size,
                colour=styles.theme.accent,
                vertical=vertical,
            )
        charts.append(KitChart(AUDIENCE_TITLES[dimension], "", build))
    return ChartRow(charts, shares)


def kit_chart_figures(kit: MediaKit, theme: KitTheme, paper: Paper) -> list[Figure]:
    """Every chart the kit draws, as matplotlib figures (for measuring against matplotlib)."""
    styles = styles_for(theme)
    width = page_format(paper).content.width()
    rows = (growth_row(kit, styles, width), audience_row(kit, styles, width))
    return [chart.build() for row in rows for chart in row.charts]


def chart_svg(figure: Figure, font: str) -> bytes:
    """The figure as SVG with real text in `font`: vectors and selectable labels in the PDF,
    and the same bytes on every run."""
    for text in figure.findobj(Text):
        text.set_fontfamily(font)
    buffer = io.BytesIO()
    # rcParams are global: one SVG at a time, so two previews drawing at once cannot
    # restore each other's settings halfway through a file.
    with _SVG_LOCK, mpl.rc_context(SVG_SETTINGS):
        figure.savefig(
            buffer, format="svg", metadata={"Date": None}, facecolor=figure.get_facecolor()
        )
    return buffer.getvalue()
