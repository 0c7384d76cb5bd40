"""The kit's engagement chart: each rate labelled clear of its benchmark mark."""

from matplotlib.text import Annotation

from companion.charts.mediakit import KitRate, engagement_against_benchmark
from companion.charts.theme import ChartTheme

THEME = ChartTheme(
    background="#FFFFFF",
    text="#111111",
    muted="#666666",
    grid="#DDDDDD",
    series=("#0F766E",),
    benchmark="#111111",
)


def labels(rates: list[KitRate]) -> dict[str, float]:
    figure = engagement_against_benchmark(rates, THEME, (3.0, 2.5))
    return {
        text.get_text(): text.xy[0] for text in figure.axes[0].texts if isinstance(text, Annotation)
    }


def test_a_label_steps_past_a_benchmark_mark_that_would_cross_it():
    placed = labels([KitRate("Instagram", 0.039, 0.040, "#0F766E")])
    assert placed["3.9 %"] == 0.040


def test_a_mark_inside_the_bar_leaves_the_label_at_the_bar_end():
    placed = labels([KitRate("Instagram", 0.041, 0.040, "#0F766E")])
    assert placed["4.1 %"] == 0.041


def test_a_label_sits_at_its_bar_when_the_benchmark_is_far_away():
    placed = labels([KitRate("YouTube", 0.012, 0.080, "#0F766E")])
    assert placed["1.2 %"] == 0.012


def test_an_account_too_new_to_rate_says_so_instead_of_a_bar():
    placed = labels([KitRate("YouTube", None, 0.080, "#0F766E")])
    assert placed == {"too few posts to rate": 0.0}
