"""The colours a chart is drawn with: plain hex strings, so charts need no Qt and print the same."""

from dataclasses import dataclass

# Series colours chosen to stay apart for colour-blind readers (Okabe–Ito order), each
# shaded for its background so a line keeps 3:1 contrast on the card it sits on.
_LIGHT_SERIES = ("#0F766E", "#C2410C", "#6D28D9", "#B45309", "#1D4ED8", "#BE185D")
_DARK_SERIES = ("#5CC8BC", "#FB923C", "#A78BFA", "#FBBF24", "#60A5FA", "#F472B6")


@dataclass(frozen=True)
class ChartTheme:
    """Everything a chart needs to know about the page (or paper) it is drawn on."""

    background: str = "#FFFFFF"
    text: str = "#1C1F24"
    muted: str = "#5B6472"
    grid: str = "#E3E7EC"
    series: tuple[str, ...] = _LIGHT_SERIES
    gain: str = "#2F9E5B"
    loss: str = "#C62828"
    benchmark: str = "#B45309"
    dark: bool = False

    @property
    def line(self) -> str:
        """The colour of a chart's main series."""
        return self.series[0]

    def series_colour(self, index: int) -> str:
        return self.series[index % len(self.series)]


PRINT_THEME = ChartTheme()
"""Light, for the window's light mode and for the media kit PDF."""


def theme_for(
    *, dark: bool, background: str, text: str, muted: str, grid: str, accent: str
) -> ChartTheme:
    """A theme from the window's own colours; the accent leads the series."""
    series = _DARK_SERIES if dark else _LIGHT_SERIES
    return ChartTheme(
        background=background,
        text=text,
        muted=muted,
        grid=grid,
        series=(accent, *series[1:]),
        gain="#4CC38A" if dark else "#2F9E5B",
        loss="#F87171" if dark else "#C62828",
        benchmark="#FBBF24" if dark else "#B45309",
        dark=dark,
    )
