"""The charts as matplotlib draws them, without Qt: gaps, bars, the benchmark band, ranges, export."""

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.dates import num2date

from companion.charts.account import account_figure
from companion.charts.data import EngagementSeries, FollowerLine, engagement_series
from companion.charts.engagement import benchmark_label, engagement_figure
from companion.charts.figure import CountFormatter, percent_formatter
from companion.charts.followers import daily_change_figure, followers_figure
from companion.charts.theme import PRINT_THEME, theme_for
from companion.core.benchmarks import benchmark_for
from companion.core.posts import Post, PostKind
from companion.core.tiers import Tier

LAST_DAY = date(2026, 11, 20)
MICRO = benchmark_for(Tier.MICRO, "instagram").benchmark


def daily(followers: list[int], last_day: date = LAST_DAY) -> list[tuple[date, int]]:
    first = last_day - timedelta(days=len(followers) - 1)
    return [(first + timedelta(i), n) for i, n in enumerate(followers)]


def with_gap() -> list[tuple[date, int]]:
    """Ten days, of which the 5th to the 7th were not recorded."""
    history = daily([1000 + 10 * i for i in range(10)])
    return history[:4] + history[7:]


def drawn_line(axes, index: int = 0) -> tuple[np.ndarray, np.ndarray]:
    line = axes.get_lines()[index]
    return np.asarray(line.get_xdata()), np.asarray(line.get_ydata(), dtype=float)


def test_the_followers_line_is_broken_where_days_are_missing():
    figure = followers_figure([FollowerLine("@nina", with_gap())], PRINT_THEME)
    _, followers = drawn_line(figure.axes[0])
    assert np.isnan(followers).sum() == 1
    before, after = np.split(followers, np.nonzero(np.isnan(followers))[0])
    assert before.tolist() == [1000, 1010, 1020, 1030]
    assert after[1:].tolist() == [1070, 1080, 1090]


def test_several_accounts_get_a_line_each_and_a_legend():
    lines = [FollowerLine("@nina", daily([100, 110])), FollowerLine("@nina.tt", daily([50, 70]))]
    figure = followers_figure(lines, PRINT_THEME)
    axes = figure.axes[0]
    assert [line.get_label() for line in axes.get_lines()] == ["@nina", "@nina.tt"]
    assert axes.get_lines()[0].get_color() != axes.get_lines()[1].get_color()
    assert [t.get_text() for t in axes.get_legend().get_texts()] == ["@nina", "@nina.tt"]


def bars(axes) -> list[tuple[list[float], str]]:
    """Each bar shape's heights (one per day) and its colour."""
    return [
        (
            patch.get_path().vertices.reshape(-1, 5, 2)[:, 1, 1].tolist(),
            to_hex(patch.get_facecolor()),
        )
        for patch in axes.patches
    ]


def test_daily_change_has_no_bar_on_the_first_day_or_after_a_gap():
    figure = daily_change_figure(with_gap(), PRINT_THEME)
    # 7 days recorded; the first and the one after the gap have no known change.
    assert bars(figure.axes[0]) == [([10, 10, 10, 10, 10], PRINT_THEME.gain.lower())]


def test_gains_and_losses_have_their_own_colours():
    figure = daily_change_figure(daily([100, 120, 90, 95]), PRINT_THEME)
    assert bars(figure.axes[0]) == [
        ([20, 5], PRINT_THEME.gain.lower()),
        ([-30], PRINT_THEME.loss.lower()),
    ]


def test_engagement_draws_each_post_the_weekly_mean_and_the_benchmark_band():
    series = EngagementSeries(
        posts=[(LAST_DAY - timedelta(days=d), 0.05) for d in range(0, 40, 3)],
        weekly=[(date(2026, 10, 12), 0.05), (date(2026, 10, 19), 0.04), (date(2026, 11, 2), 0.06)],
        benchmark=MICRO,
    )
    axes = engagement_figure(series, PRINT_THEME).axes[0]
    labels = [line.get_label() for line in axes.get_lines()]
    assert labels == ["Each post", "Weekly mean", benchmark_label(MICRO)]
    assert axes.get_lines()[2].get_ydata()[0] == pytest.approx(0.04)
    band = axes.patches[0]
    low, high = band.get_extents().transformed(axes.transData.inverted()).intervaly
    assert (low, high) == (pytest.approx(0.03), pytest.approx(0.15))
    _, weekly = drawn_line(axes, 1)
    assert np.isnan(weekly).sum() == 1  # the week of 26 Oct had no posts
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert legend[-1] == "Micro benchmark 4 % (3–15 %)"


def test_an_account_too_small_for_a_benchmark_draws_none():
    axes = engagement_figure(EngagementSeries([], []), PRINT_THEME).axes[0]
    assert not axes.patches
    assert "No posts" in axes.texts[0].get_text()


def test_engagement_series_rates_posts_by_the_followers_of_their_day():
    history = daily([1000, 2000])
    posts = [
        Post(1, datetime(2026, 11, 19, 12, tzinfo=UTC), PostKind.POST, likes=50, comments=10),
        Post(1, datetime(2026, 11, 20, 12, tzinfo=UTC), PostKind.REEL, likes=100),
        Post(1, datetime(2026, 11, 20, 18, tzinfo=UTC), PostKind.STORY),  # nothing counted
    ]
    series = engagement_series(posts, history, MICRO)
    assert series.posts == [(date(2026, 11, 19), 0.06), (date(2026, 11, 20), 0.05)]
    assert series.weekly == [(date(2026, 11, 16), pytest.approx(0.055))]
    assert series.benchmark is MICRO


def account_chart(days: int = 400):
    history = daily([1000 + i for i in range(days)])
    series = EngagementSeries([(d, 0.05) for d, _ in history[::7]], [], MICRO)
    return account_figure("@nina", history, series, PRINT_THEME)


def shown_days(axes) -> tuple[date, date]:
    start, end = axes.get_xlim()
    return num2date(start).date(), num2date(end).date()


def test_the_account_chart_shares_one_time_axis_and_fits_each_y_axis_to_the_range():
    chart = account_chart()
    chart.show_days(LAST_DAY - timedelta(days=29), LAST_DAY)
    for axes in chart.axes:
        start, end = axes.get_xlim()
        assert num2date(start + 0.5).date() == LAST_DAY - timedelta(days=29)
        assert num2date(end - 0.5).date() == LAST_DAY
    low, high = chart.followers_axes.get_ylim()
    assert 1360 < low < 1370 and 1399 < high < 1405  # the last 30 days, not the whole history
    assert chart.change_axes.get_ylim()[0] == 0  # counts rest on zero
    assert chart.engagement_axes.get_ylim()[1] > 0.05


def test_the_chart_draws_and_exports_without_qt(tmp_path: Path):
    chart = account_chart(3650)
    FigureCanvasAgg(chart.figure).draw()
    chart.figure.savefig(tmp_path / "chart.svg")
    chart.figure.savefig(tmp_path / "chart.png")
    assert (tmp_path / "chart.svg").read_text().lstrip().startswith("<?xml")
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("ticks", "labels"),
    [
        ([0, 8000, 16000, 24000], ["0", "8k", "16k", "24k"]),
        ([21600, 22400, 23200], ["21.6k", "22.4k", "23.2k"]),
        ([0, 2500, 5000], ["0", "2,500", "5,000"]),
        ([1_000_000, 1_250_000], ["1.00M", "1.25M"]),
    ],
)
def test_counts_on_an_axis_share_one_unit(ticks, labels):
    formatter = CountFormatter()
    assert formatter.format_ticks(ticks) == labels


def test_changes_are_signed_with_a_true_minus():
    assert CountFormatter(signed=True).format_ticks([-20, 0, 20]) == ["\u221220", "0", "+20"]


def test_rates_read_as_percentages():
    assert percent_formatter()(0.025, 0) == "2.5 %"


def test_a_dark_theme_leads_with_the_window_accent():
    theme = theme_for(
        dark=True,
        background="#23272E",
        text="#E6E8EB",
        muted="#A0A8B4",
        grid="#363C45",
        accent="#5CC8BC",
    )
    assert theme.line == "#5CC8BC" and theme.dark
    figure = followers_figure([FollowerLine("@nina", daily([1, 2]))], theme)
    assert figure.get_facecolor()[:3] == pytest.approx((0x23 / 255, 0x27 / 255, 0x2E / 255))


def test_the_charts_never_import_qt():
    code = (
        "import sys, companion.charts.account, companion.charts.followers; "
        "print(any(m.startswith(('PySide6', 'matplotlib.backends.backend_qt')) for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_viral_post_is_left_off_the_scale_and_the_chart_says_so():
    history = daily([1000] * 60)
    usual = [(day, 0.04 + 0.002 * (index % 5)) for index, (day, _) in enumerate(history)]
    chart = account_figure(
        "@nina", history, EngagementSeries([*usual, (LAST_DAY, 2.5)], [], MICRO), PRINT_THEME
    )
    chart.show_days(history[0][0], LAST_DAY)
    top = chart.engagement_axes.get_ylim()[1]
    assert top == pytest.approx(0.048 * 1.15)
    note = next(t for t in chart.engagement_axes.texts if t.get_text())
    assert note.get_text() == "1 post above 5.52 % off the scale"
    chart.show_days(history[0][0], LAST_DAY - timedelta(days=1))
    assert not any(t.get_text() for t in chart.engagement_axes.texts)


def test_a_figure_drawn_off_screen_keeps_the_size_and_pixel_ratio_it_will_be_shown_at():
    from companion.charts.figure import prerender

    history = daily([1_000 + day for day in range(120)])
    chart = account_figure("@nina", history, EngagementSeries(posts=[], weekly=[]), PRINT_THEME)
    prerender(chart.figure, 900, 360, 2.0)
    assert chart.figure.dpi == 2 * chart.figure._original_dpi
    assert chart.figure.canvas.get_width_height(physical=True) == (1800, 720)
    assert chart.figure.axes[2].xaxis.get_major_ticks()  # made there, not on the first paint


def test_nothing_is_drawn_for_a_chart_with_no_room_yet():
    from companion.charts.figure import prerender

    chart = account_figure(
        "@nina", daily([10, 11, 12]), EngagementSeries(posts=[], weekly=[]), PRINT_THEME
    )
    size = tuple(chart.figure.get_size_inches())
    prerender(chart.figure, 0, 0, 1.0)
    assert tuple(chart.figure.get_size_inches()) == size
