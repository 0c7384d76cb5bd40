"""The Dashboard's charts without Qt: long histories thinned, gaps kept, accounts hidden, benchmarks."""

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg

from companion.charts.dashboard import (
    DAILY_DAYS,
    NO_POSTS,
    AccountSeries,
    followers_chart,
    gutter_label,
    thinned,
    weekly_engagement_chart,
)
from companion.charts.theme import PRINT_THEME, theme_for
from companion.core.benchmarks import benchmark_for
from companion.core.tiers import Tier

LAST_DAY = date(2026, 11, 22)  # a Sunday
MICRO = benchmark_for(Tier.MICRO, "instagram").benchmark
NANO = benchmark_for(Tier.NANO, "instagram").benchmark
START = date(2026, 8, 24)  # the Monday 13 weeks before


def daily(days: int, start: int, per_day: int, last_day: date = LAST_DAY) -> list[tuple]:
    first = last_day - timedelta(days=days - 1)
    return [(first + timedelta(days=i), start + per_day * i) for i in range(days)]


def weekly(rates: list[float | None]) -> list[tuple[date, float]]:
    return [(START + timedelta(weeks=i), r) for i, r in enumerate(rates) if r is not None]


def series(account_id: int, points, benchmark=None) -> AccountSeries:
    return AccountSeries(
        account_id, f"Account {account_id}", points, PRINT_THEME.series[account_id], benchmark
    )


def draw(chart) -> None:
    FigureCanvasAgg(chart.figure).draw()


def test_a_short_history_is_drawn_every_day():
    history = daily(30, 1_000, 10)
    days, values = thinned(history, LAST_DAY - timedelta(days=DAILY_DAYS))
    assert len(days) == 30 and not np.isnan(values).any()


def test_before_two_years_a_week_is_one_point_its_last_count():
    history = daily(4 * 365, 1_000, 1)
    daily_from = date(2025, 1, 6)  # a Monday
    days, values = thinned(history, daily_from)
    older = days < np.datetime64(daily_from)
    assert (np.diff(days[older]).astype(int) == 7).all()
    assert (days[older].astype("datetime64[D]").astype(object)[0].weekday()) == 0
    sunday_before = dict(history)[daily_from - timedelta(days=1)]
    assert values[older][-1] == sunday_before
    assert not np.isnan(values).any()  # weekly and daily parts join without a break
    first_monday = history[0][0] - timedelta(days=history[0][0].weekday())
    assert older.sum() == (daily_from - first_monday).days // 7
    assert (~older).sum() == (LAST_DAY - daily_from).days + 1


def test_gaps_stay_gaps_in_both_parts():
    history = daily(3 * 365, 1_000, 1)
    daily_from = date(2025, 1, 6)
    missing_week = {date(2024, 3, 4) + timedelta(days=i) for i in range(7)}
    missing_days = {date(2026, 5, 1), date(2026, 5, 2)}
    kept = [p for p in history if p[0] not in missing_week | missing_days]
    _, values = thinned(kept, daily_from)
    assert np.isnan(values).sum() == 2


def _thinned_by_hand(history, daily_from):
    """The rule, one point at a time: a week's last count at its Monday, then every day."""
    from companion.charts.series import broken_at_gaps

    weekly_points: dict[date, float] = {}
    daily_points = []
    for day, value in sorted(history, key=lambda point: point[0]):
        if day < daily_from:
            weekly_points[day - timedelta(days=day.weekday())] = value
        else:
            daily_points.append((day, value))
    week_days, week_values = broken_at_gaps(list(weekly_points.items()), step_days=7)
    days, values = broken_at_gaps(daily_points)
    if len(week_days) and len(days) and days[0] - week_days[-1] > np.timedelta64(7, "D"):
        week_days = np.append(week_days, week_days[-1] + np.timedelta64(7, "D"))
        week_values = np.append(week_values, np.nan)
    return np.concatenate([week_days, days]), np.concatenate([week_values, values])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 1200), st.one_of(st.none(), st.integers(0, 10**6))),
        unique_by=lambda point: point[0],
        max_size=300,
    ),
    st.integers(0, 200),
)
def test_thinning_keeps_each_weeks_last_count_and_every_day_after(offsets, daily_week):
    first = date(2023, 1, 2)  # a Monday
    history = [(first + timedelta(days=d), v) for d, v in offsets]
    daily_from = first + timedelta(weeks=daily_week)
    days, values = thinned(history, daily_from)
    expected_days, expected_values = _thinned_by_hand(history, daily_from)
    assert days.tolist() == expected_days.tolist()
    assert np.array_equal(values, expected_values, equal_nan=True)


def test_the_followers_chart_has_a_line_per_account_in_its_colour():
    chart = followers_chart(
        [series(0, daily(400, 5_000, 10)), series(1, daily(100, 50_000, 100))], PRINT_THEME
    )
    assert set(chart.lines) == {0, 1}
    assert chart.lines[1].get_color() == PRINT_THEME.series[1]
    assert chart.axes.get_title(loc="left") == "Followers"
    draw(chart)


def test_hiding_an_account_hides_its_line_and_fits_the_axis_to_the_rest():
    chart = followers_chart(
        [series(0, daily(100, 5_000, 10)), series(1, daily(100, 50_000, 100))], PRINT_THEME
    )
    assert chart.axes.get_ylim()[1] > 50_000
    chart.show_accounts({0})
    assert not chart.lines[1].get_visible()
    assert chart.hidden_accounts() == {1}
    low, high = chart.axes.get_ylim()
    assert low < 5_000 and 6_000 < high < 7_000
    chart.show_accounts({0, 1})
    assert chart.hidden_accounts() == set()


def test_weekly_engagement_has_one_benchmark_per_rate_with_its_band():
    chart = weekly_engagement_chart(
        [
            series(0, weekly([0.03, 0.05, None, 0.04]), MICRO),
            series(1, weekly([0.06, 0.07]), MICRO),
            series(2, weekly([0.09]), NANO),
        ],
        START,
        LAST_DAY,
        PRINT_THEME,
    )
    assert [(m.engagement_rate, m.account_ids) for m in chart.benchmarks] == [
        (MICRO.engagement_rate, frozenset({0, 1})),
        (NANO.engagement_rate, frozenset({2})),
    ]
    micro, nano = chart.benchmarks
    assert len(micro.artists) == 3 and len(nano.artists) == 2  # only Micro's source gives a band
    assert micro.artists[-1].get_text() == "Micro 4 %\n3–15 %"
    _, rates = chart.lines[0].get_data()
    assert np.isnan(np.asarray(rates, dtype=float)).sum() == 1  # the week without posts
    assert chart.axes.get_ylim()[0] == 0
    draw(chart)


def test_a_benchmark_hides_with_the_last_of_its_accounts():
    chart = weekly_engagement_chart(
        [series(0, weekly([0.03]), MICRO), series(1, weekly([0.05]), NANO)],
        START,
        LAST_DAY,
        PRINT_THEME,
    )
    chart.show_accounts({0})
    micro, nano = chart.benchmarks
    assert all(a.get_visible() for a in micro.artists)
    assert not any(a.get_visible() for a in nano.artists)
    assert chart.axes.get_ylim()[1] < NANO.engagement_rate  # fitted to what shows


def test_weeks_without_posts_say_so():
    chart = weekly_engagement_chart([series(0, [], MICRO)], START, LAST_DAY, PRINT_THEME)
    assert NO_POSTS in [text.get_text() for text in chart.axes.texts]
    draw(chart)


@pytest.mark.parametrize("dark", [False, True])
def test_both_charts_draw_on_the_window_colours(dark: bool):
    theme = theme_for(
        dark=dark,
        background="#23272E" if dark else "#FFFFFF",
        text="#E6E8EB" if dark else "#1C1F24",
        muted="#A0A8B4" if dark else "#5B6472",
        grid="#363C45" if dark else "#D5DAE1",
        accent="#5CC8BC" if dark else "#0F766E",
    )
    followers = followers_chart([series(0, daily(30, 100, 1))], theme)
    engagement = weekly_engagement_chart([series(0, weekly([0.05]), MICRO)], START, LAST_DAY, theme)
    for chart in (followers, engagement):
        assert chart.figure.get_facecolor()[:3] == pytest.approx(
            tuple(int(theme.background[i : i + 2], 16) / 255 for i in (1, 3, 5))
        )
        draw(chart)
    assert engagement.benchmarks[0].artists[-1].get_color() == theme.benchmark


def test_gutter_label():
    assert gutter_label(NANO) == "Nano 8 %"
