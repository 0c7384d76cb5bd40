"""The media kit as a PDF: a kit's blocks laid out on A4 or Letter, charts as vectors, fonts embedded.

`lay_out_kit` places everything once; `write_kit_pdf` writes those pages and
`kit_page_image` draws one of them for the preview, so both show the same layout.
"""

import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from matplotlib.figure import Figure

from companion.core.mediakit import (
    AudienceBreakdown,
    MediaKit,
    compact_count,
    kit_date,
    percent_text,
)
from companion.core.mediakit_profile import KitSection, KitTheme, Paper
from companion.exporters.kit_style import (
    FOOTER_HEIGHT,
    SmallPrintBlock,
    Styles,
    Tile,
    TilesBlock,
    footer,
    styles_for,
)
from companion.exporters.mediakit_blocks import (
    HeaderBlock,
    Panel,
    PanelsBlock,
    PlatformsBlock,
    footnote,
)
from companion.exporters.mediakit_cards import (
    ContactBlock,
    PartnersBlock,
    PostsBlock,
    RatesAndWordsBlock,
)
from companion.exporters.mediakit_charts import (
    AUDIENCE_HEIGHT,
    CHART_HEIGHT,
    ChartRow,
    audience_row,
    chart_svg,
    growth_row,
)
from companion.exporters.pdf_layout import (
    Block,
    LaidOut,
    PageDecoration,
    flow,
    measuring_canvas,
    page_format,
    page_image,
    write_pdf,
)

BLOCK_GAP = 17.0


class ExportFailed(Exception):
    """The kit could not be written; the message names the file and the reason."""


@dataclass
class KitLayout:
    """A kit laid out on pages, and what draws each page's footer."""

    laid: LaidOut
    decorate: PageDecoration
    title: str
    dated: date

    @property
    def page_count(self) -> int:
        return len(self.laid.pages)


@dataclass(frozen=True)
class Density:
    """How much room the flexible parts take: charts and pictures give way before a page is added."""

    chart_height: float
    audience_height: float
    picture_height: float
    contact_band: bool


DENSITIES = (
    Density(CHART_HEIGHT, AUDIENCE_HEIGHT, 118.0, contact_band=True),
    Density(176.0, 122.0, 96.0, contact_band=True),
    Density(150.0, 108.0, 80.0, contact_band=False),
)
PAGES_WANTED = 2


def lay_out_kit(kit: MediaKit, theme: KitTheme, paper: Paper) -> KitLayout:
    """Place the kit's blocks on pages (measured at 72 dpi, as the PDF is written).

    The first density that fits the kit on two pages is kept; failing that, the one with
    the fewest pages.
    """
    styles = styles_for(theme)
    page = page_format(paper)
    canvas, painter, _image = measuring_canvas()
    try:
        tried = []
        for density in DENSITIES:
            blocks, break_before = _blocks(kit, styles, page.content.width(), density)
            laid = flow(
                blocks,
                page,
                canvas,
                gap=BLOCK_GAP,
                footer=FOOTER_HEIGHT + 6,
                break_before=break_before,
                notes=SmallPrintBlock(styles, _small_print(kit)),
            )
            tried.append(laid)
            if len(laid.pages) <= PAGES_WANTED:
                break
        laid = min(tried, key=lambda candidate: len(candidate.pages))
    finally:
        painter.end()
    owner = f"{kit.name} · Media kit" if kit.name else "Media kit"
    title = f"{kit.name} — Media kit" if kit.name else "Media kit"
    return KitLayout(
        laid, footer(styles, owner, f"Figures as of {kit_date(kit.as_of)}"), title, kit.as_of
    )


def write_kit_pdf(layout: KitLayout, target: Path | io.BytesIO) -> None:
    """Write the PDF; a file is replaced only once the whole kit is written."""
    if isinstance(target, io.BytesIO):
        write_pdf(layout.laid, layout.decorate, target, title=layout.title, dated=layout.dated)
        return
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    try:
        write_pdf(layout.laid, layout.decorate, partial, title=layout.title, dated=layout.dated)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExportFailed(f"{target}: cannot be written ({error.strerror or error}).") from None


def kit_page_image(layout: KitLayout, index: int, width_px: int):
    return page_image(layout.laid, index, layout.decorate, width_px)


def export_media_kit(
    kit: MediaKit, theme: KitTheme, paper: Paper, target: Path | io.BytesIO
) -> int:
    """Lay out and write the kit; returns the number of pages."""
    layout = lay_out_kit(kit, theme, paper)
    write_kit_pdf(layout, target)
    return layout.page_count


def _blocks(
    kit: MediaKit, styles: Styles, width: float, density: Density
) -> tuple[list[Block], list[int]]:
    blocks: list[Block] = [HeaderBlock(styles, kit, full=kit.shows(KitSection.PROFILE))]
    if kit.shows(KitSection.KEY_FIGURES) and kit.platforms:
        blocks.append(TilesBlock(styles, _tiles(kit)))
    if kit.shows(KitSection.PLATFORMS) and kit.platforms:
        blocks.append(PlatformsBlock(styles, kit.platforms, kit.as_of))
    growth = growth_row(kit, styles, width, density.chart_height)
    if growth.charts:
        panels = _panels(growth, styles)
        blocks.append(
            PanelsBlock(
                styles, "Growth and engagement", "", panels, growth.shares, density.chart_height
            )
        )
    break_before = []
    audience = audience_row(kit, styles, width, density.audience_height)
    if audience.charts:
        break_before.append(len(blocks))
        note = _audience_note(kit.audience)
        panels = _panels(audience, styles)
        blocks.append(
            PanelsBlock(styles, "Audience", note, panels, audience.shares, density.audience_height)
        )
    if kit.shows(KitSection.TOP_POSTS) and kit.top_posts:
        blocks.append(PostsBlock(styles, kit.top_posts, density.picture_height))
    if kit.partners:
        blocks.append(PartnersBlock(styles, kit.partners))
    if kit.rate_card or kit.testimonials:
        blocks.append(RatesAndWordsBlock(styles, kit.rate_card, kit.testimonials))
    profile = kit.profile
    contact = profile.email.strip() or profile.website.strip()
    if density.contact_band and kit.shows(KitSection.PROFILE) and contact:
        blocks.append(ContactBlock(styles, profile.email.strip(), profile.website.strip()))
    return blocks, break_before


def _tiles(kit: MediaKit) -> list[Tile]:
    figures = kit.key_figures
    platforms = len([p for p in kit.platforms if p.followers is not None])
    tiles = [
        Tile(
            compact_count(figures.total_followers),
            "Followers",
            f"across {platforms} platform{'s' if platforms != 1 else ''}",
        )
    ]
    if figures.gained_90_days is not None:
        note = (
            f"{figures.growth_percent:+.1f} % in 90 days"
            if figures.growth_percent is not None
            else "in 90 days"
        )
        tiles.append(
            Tile(
                f"+{compact_count(figures.gained_90_days)}"
                if figures.gained_90_days >= 0
                else compact_count(figures.gained_90_days),
                "New followers",
                note,
            )
        )
    if figures.engagement_rate is not None:
        tiles.append(
            Tile(
                percent_text(figures.engagement_rate),
                "Engagement rate",
                "weighted by followers, 30 days",
            )
        )
    if figures.partners:
        tiles.append(Tile(str(figures.partners), "Brand partners", "collaborations to share"))
    return tiles


def _panels(row: ChartRow, styles: Styles) -> list[Panel]:
    font = styles.theme.body_font
    return [Panel(c.title, c.note, partial(_svg_of, c.build, font)) for c in row.charts]


def _svg_of(build: Callable[[], Figure], font: str) -> bytes:
    return chart_svg(build(), font)


def _audience_note(audience: Sequence[AudienceBreakdown]) -> str:
    accounts = max(b.accounts for b in audience)
    newest = max(b.read_to for b in audience)
    across = f"across {accounts} accounts, weighted by followers · " if accounts > 1 else ""
    return f"{across}as the platforms reported on {kit_date(newest)}"


def _small_print(kit: MediaKit) -> list[str]:
    lines = [
        f"Figures as of {kit_date(kit.as_of)}, from {kit.name + '’s' if kit.name else 'the creator’s'} own record. "
        "Engagement rate = likes, comments, shares and saves on a post ÷ followers on the day it was "
        "published; an account’s rate is the mean of its posts of the last 30 days.",
    ]
    lines += [
        f"{footnote(number)} Benchmark source: {source}"
        for number, source in enumerate(kit.sources, start=1)
    ]
    if kit.borrowed_benchmarks:
        names = " and ".join(kit.borrowed_benchmarks)
        verb = "is" if len(kit.borrowed_benchmarks) == 1 else "are"
        lines.append(
            f"{names} {verb} compared with Instagram figures: the sources publish none of their own."
        )
    return lines
