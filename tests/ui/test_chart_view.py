"""The chart widget: drawn after matplotlib loads, in the window's colours, with reading tools and export."""

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor

from companion.charts.theme import ChartTheme
from companion.ui import chart_view
from companion.ui.chart_view import ChartView, ExportFormat, chart_theme
from companion.ui.theme import DARK, LIGHT, build_palette

WAIT_MS = 20_000


def simple_chart(theme: ChartTheme):
    from companion.charts.figure import new_figure

    figure = new_figure(theme, (4, 2))
    figure.add_subplot().plot([1, 2, 3], [3, 1, 2], color=theme.line)
    return figure


@pytest.fixture
def view(qtbot) -> ChartView:
    shown = ChartView(toolbar=True, export_name="nina-followers")
    qtbot.addWidget(shown)
    shown.resize(600, 400)
    shown.show()
    return shown


def drawn(qtbot, view: ChartView) -> None:
    """Until the chart is on screen: built, and drawn by its canvas (a draw still pending
    would count as one of the next chart's)."""
    view.show_chart(simple_chart)
    qtbot.waitUntil(lambda: view.figure is not None and view.has_drawn, timeout=WAIT_MS)


def test_the_theme_comes_from_the_palette():
    light = chart_theme(build_palette(LIGHT))
    assert (light.background, light.text, light.line, light.dark) == (
        LIGHT.surface.lower(),
        LIGHT.text.lower(),
        LIGHT.link.lower(),
        False,
    )
    dark = chart_theme(build_palette(DARK))
    assert dark.dark and dark.background == DARK.surface.lower() and dark.line == DARK.link.lower()


def test_a_message_stands_where_there_is_no_chart(qtbot, view: ChartView):
    view.show_message("No numbers for Instagram @nina yet.")
    assert view.placeholder.text() == "No numbers for Instagram @nina yet."
    assert view.figure is None
    assert not any(action.isEnabled() for action in view.context_menu().actions())


def test_the_chart_is_drawn_with_only_the_tools_for_reading_it(qtbot, view: ChartView):
    drawn(qtbot, view)
    assert view.showing_chart
    tools = [a.text() for a in view.toolbar.actions() if a.text()]
    assert tools == ["Home", "Back", "Forward", "Pan", "Zoom"]


def test_a_palette_change_draws_the_chart_again_in_the_new_colours(qtbot, view: ChartView):
    drawn(qtbot, view)
    first = view.figure
    view.setPalette(build_palette(DARK))
    qtbot.waitUntil(lambda: view.figure is not first, timeout=WAIT_MS)
    assert QColor.fromRgbF(*view.figure.get_facecolor()).name() == DARK.surface.lower()


@pytest.mark.parametrize("kind", list(ExportFormat))
def test_export_adds_the_missing_extension_and_remembers_the_folder(
    qtbot, view: ChartView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: ExportFormat
):
    suggested: list[Path] = []

    def choose(_parent, path: Path, _kind: ExportFormat) -> Path:
        suggested.append(path)
        return tmp_path / "for-the-brand"

    monkeypatch.setattr(chart_view, "choose_export_path", choose)
    drawn(qtbot, view)
    assert view.export(kind) == tmp_path / f"for-the-brand.{kind.value}"
    assert (tmp_path / f"for-the-brand.{kind.value}").stat().st_size > 0
    assert suggested[0].name == f"nina-followers.{kind.value}"
    view.export(kind)
    assert suggested[1].parent == tmp_path


def test_cancelling_the_export_writes_nothing(
    qtbot, view: ChartView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(chart_view, "choose_export_path", lambda *_: None)
    drawn(qtbot, view)
    assert view.export(ExportFormat.PNG) is None
    assert list(tmp_path.iterdir()) == []


def test_an_export_that_cannot_be_written_says_why(
    qtbot, view: ChartView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(chart_view, "choose_export_path", lambda *_: tmp_path / "gone" / "c.png")
    drawn(qtbot, view)
    with qtbot.waitSignal(view.message) as said:
        assert view.export(ExportFormat.PNG) is None
    assert said.args[0].startswith("The chart was not exported:")


def _prerendered_chart(view: ChartView, change=None):
    """A builder giving a chart drawn off screen for the view's room, changed after if asked."""
    from companion.charts.figure import prerender

    def build(theme: ChartTheme):
        figure = simple_chart(theme)
        prerender(figure, *view.drawing_size())
        if change is not None:
            change(figure)
        return figure

    return build


def _screen_draws(monkeypatch: pytest.MonkeyPatch, view: ChartView) -> list[object]:
    """The figures drawn from now on by the view's own canvases (not off screen)."""
    from matplotlib.figure import Figure

    draws: list[object] = []
    original = Figure.draw

    def counted(figure, renderer):
        if figure.canvas is view.canvas:
            draws.append(figure)
        return original(figure, renderer)

    monkeypatch.setattr(Figure, "draw", counted)
    return draws


def test_a_chart_drawn_off_screen_is_shown_without_drawing_it_again(
    qtbot, view: ChartView, monkeypatch: pytest.MonkeyPatch
):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    drawn(qtbot, view)  # the zoom tools are in place; matplotlib has loaded
    first = view.figure
    draws = _screen_draws(monkeypatch, view)
    view.show_chart(_prerendered_chart(view))
    qtbot.waitUntil(lambda: view.figure is not first and view.has_drawn, timeout=WAIT_MS)
    image = view.canvas.grab().toImage()
    assert draws == []
    # What is on screen is what was drawn off screen.
    reference = FigureCanvasAgg(view.figure)
    reference.draw()
    pixels = np.asarray(reference.buffer_rgba())
    assert (image.width(), image.height()) == (pixels.shape[1], pixels.shape[0])
    for x, y in [(image.width() // 2, image.height() // 3), (30, 30), (image.width() - 40, 60)]:
        assert QColor(image.pixel(x, y)).getRgb()[:3] == tuple(pixels[y, x][:3])


def test_a_chart_changed_after_it_was_drawn_off_screen_is_drawn_again(
    qtbot, view: ChartView, monkeypatch: pytest.MonkeyPatch
):
    drawn(qtbot, view)
    first = view.figure
    draws = _screen_draws(monkeypatch, view)
    view.show_chart(_prerendered_chart(view, change=lambda f: f.axes[0].set_ylim(0, 10)))
    qtbot.waitUntil(lambda: view.figure is not first and view.has_drawn, timeout=WAIT_MS)
    assert draws == [view.figure]
    assert view.figure.axes[0].get_ylim() == (0, 10)


def test_the_room_for_a_chart_is_known_as_soon_as_the_view_is_shown(qtbot):
    view = ChartView(toolbar=True)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    width, height, ratio = view.drawing_size()
    assert width == 600 and 300 < height < 400 and ratio > 0
