"""The media kit's own blocks: the header band, the platforms table, and titled rows of charts."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt

from companion.core.mediakit import MediaKit, PlatformFigures, compact_count, percent_text
from companion.exporters.kit_style import LEFT_TOP, RIGHT_TOP, Styles, section_heading, titled
from companion.exporters.pdf_layout import Canvas

BAND_PAD_X = 38.0
PHOTO = 92.0
CONTACT_WIDTH = 150.0
COLUMN_GAP = 18.0
ROW_PAD = 6.0
SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def unbroken(text: str) -> str:
    """Text that wraps only around itself, never inside (a handle, a brand's name)."""
    return text.replace(" ", "\u00a0")


def footnote(number: int | None) -> str:
    return str(number).translate(SUPERSCRIPTS) if number else ""


class HeaderBlock:
    """The band across the top: photo, name, niche and place, handles, bio, and how to get in touch."""

    full_bleed = True

    def __init__(self, styles: Styles, kit: MediaKit, *, full: bool) -> None:
        self.s = styles
        self.kit = kit
        self.full = full
        profile = kit.profile
        self.kicker = (
            " · ".join(p for p in (profile.niche, profile.location) if p.strip()) if full else ""
        )
        self.handles = "    ".join(unbroken(handle) for handle in kit.handles)
        self.bio = profile.bio.strip() if full else ""
        self.contact = (
            [c for c in (profile.email.strip(), profile.website.strip()) if c] if full else []
        )
        self.photo = profile.photo_path if full and profile.photo_path else None

    def _text_width(self, width: float) -> float:
        used = 2 * BAND_PAD_X + (PHOTO + 22 if self.photo else 0)
        return width - used - (CONTACT_WIDTH + COLUMN_GAP if self.contact else 0)

    def _text_height(self, canvas: Canvas, width: float) -> float:
        s, w = self.s, self._text_width(width)
        height = canvas.measure(self.kit.name or "Media kit", s.display, w)
        if self.kicker:
            height += canvas.measure(self.kicker.upper(), s.label, w) + 6
        if self.handles:
            height += canvas.measure(self.handles, s.body, w) + 6
        if self.bio:
            height += canvas.measure(self.bio, s.body.with_(size=9.2), w) + 10
        return height

    def height(self, canvas: Canvas, width: float) -> float:
        return max(self._text_height(canvas, width), PHOTO if self.photo else 0) + 34 + 30

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        s, t = self.s, self.s.theme
        canvas.fill(rect, t.band)
        left, top = rect.left() + BAND_PAD_X, rect.top() + 34
        if self.photo:
            photo = QRectF(left, top, PHOTO, PHOTO)
            if not canvas.image(photo, self.photo, round_=True):
                canvas.circle(photo.center(), PHOTO / 2, t.band_muted)
            left += PHOTO + 22
        width = self._text_width(rect.width())
        y = top
        if self.kicker:
            y += (
                canvas.text(
                    QRectF(left, y, width, 40),
                    self.kicker.upper(),
                    s.label.with_(colour=t.band_muted),
                )
                + 6
            )
        y += canvas.text(QRectF(left, y, width, 200), self.kit.name or "Media kit", s.display)
        if self.handles:
            y += 6 + canvas.text(
                QRectF(left, y + 6, width, 80), self.handles, s.body.with_(colour=t.band_muted)
            )
        if self.bio:
            canvas.text(
                QRectF(left, y + 10, width, 200),
                self.bio,
                s.body.with_(size=9.2, colour=t.band_text),
            )
        if self.contact:
            x = rect.right() - BAND_PAD_X - CONTACT_WIDTH
            y = top
            y += (
                canvas.text(
                    QRectF(x, y, CONTACT_WIDTH, 20),
                    "CONTACT",
                    s.label.with_(colour=t.band_muted),
                    RIGHT_TOP,
                )
                + 4
            )
            for line in self.contact:
                y += (
                    canvas.text(
                        QRectF(x, y, CONTACT_WIDTH, 40),
                        line,
                        s.strong.with_(colour=t.band_text),
                        RIGHT_TOP,
                    )
                    + 2
                )


@dataclass(frozen=True)
class Column:
    title: str
    share: float
    align: Qt.AlignmentFlag = LEFT_TOP


PLATFORM_COLUMNS = (
    Column("PLATFORM", 0.24),
    Column("FOLLOWERS", 0.13),
    Column("TIER", 0.08),
    Column("ENGAGEMENT RATE", 0.24),
    Column("AVERAGE PER POST", 0.15),
    Column("LAST 90 DAYS", 0.16, RIGHT_TOP),
)


class PlatformsBlock:
    """Per account: followers, tier, ER against its tier's benchmark, reach or views per post, growth."""

    full_bleed = False
    row_height = 31.0

    def __init__(self, styles: Styles, platforms: Sequence[PlatformFigures], as_of: date) -> None:
        self.s = styles
        self.platforms = platforms
        self.as_of = as_of

    def height(self, canvas: Canvas, width: float) -> float:
        return titled(canvas, self.s) + 14 + self.row_height * len(self.platforms)

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        s = self.s
        y = rect.top() + section_heading(
            canvas, s, rect, "Platforms", "Engagement: mean of the last 30 days’ posts"
        )
        xs = self._columns(rect)
        for (x, width), column in zip(xs, PLATFORM_COLUMNS, strict=True):
            canvas.text(QRectF(x, y, width, 12), column.title, s.label, column.align, wrap=False)
        y += 14
        for index, figures in enumerate(self.platforms):
            self._row(canvas, xs, y, figures, s.series_colour(index))
            y += self.row_height
            if index < len(self.platforms) - 1:
                canvas.rule(rect.left(), y - 3, rect.right(), s.theme.rule, 0.5)

    def _columns(self, rect: QRectF) -> list[tuple[float, float]]:
        x, result = rect.left(), []
        for column in PLATFORM_COLUMNS:
            width = rect.width() * column.share
            result.append((x, width - 6))
            x += width
        return result

    def _row(
        self,
        canvas: Canvas,
        xs: list[tuple[float, float]],
        y: float,
        f: PlatformFigures,
        colour: str,
    ) -> None:
        s, t = self.s, self.s.theme
        top = y + ROW_PAD
        cells = _cells(f, self.as_of)
        canvas.circle(QPointF(xs[0][0] + 3.5, top + 5.5), 3.5, colour)
        for index, ((x, width), (main, note)) in enumerate(zip(xs, cells, strict=True)):
            column = PLATFORM_COLUMNS[index]
            indent = 12 if index == 0 else 0
            main_style = s.strong.with_(size=9.4)
            if index == 3 and f.above_benchmark is not None:
                main_style = main_style.with_(colour=t.above if f.above_benchmark else t.below)
            box = QRectF(x + indent, top, width - indent, 14)
            canvas.text(box, main, main_style, column.align, wrap=False)
            canvas.text(
                QRectF(x + indent, top + 12.5, width - indent, 12),
                note,
                s.small,
                column.align,
                wrap=False,
            )


def _cells(f: PlatformFigures, as_of: date) -> list[tuple[str, str]]:
    """The row's figures and the note under each; an account whose numbers are older than the
    kit's date says from when they are."""
    tier = f.tier.label if f.tier else "—"
    if f.benchmark is not None:
        word = "above" if f.above_benchmark else "below" if f.above_benchmark is False else "vs"
        bench = f"{word} {percent_text(f.benchmark.engagement_rate)} benchmark{footnote(f.source_number)}"
    else:
        bench = "no published benchmark"
    if f.engagement.mean is None:
        bench = f"{f.engagement.posts_counted} posts rated; {f.engagement.min_posts} needed"
    growth = f.growth
    return [
        (f.account.platform.label, f.account.shown_handle),
        (
            f"{f.followers:,}" if f.followers is not None else "—",
            f"on {f.as_of.day} {f.as_of:%b}" if f.as_of and f.as_of != as_of else "followers",
        ),
        (tier, "tier"),
        (percent_text(f.engagement.mean), bench),
        (
            compact_count(f.per_post) if f.per_post is not None else "—",
            f"{f.per_post_label} per post",
        ),
        (
            f"{growth.absolute:+,}" if growth else "—",
            f"{growth.percent:+.1f} % followers"
            if growth and growth.percent is not None
            else "followers",
        ),
    ]


class Panel:
    """One chart in a row: its title, a note, and its SVG at the panel's size, made when first drawn
    (a layout that is measured and dropped never builds its charts)."""

    def __init__(self, title: str, note: str, make_svg: Callable[[], bytes]) -> None:
        self.title = title
        self.note = note
        self._make_svg = make_svg
        self._svg: bytes | None = None

    @property
    def svg(self) -> bytes:
        if self._svg is None:
            self._svg = self._make_svg()
        return self._svg


class PanelsBlock:
    """A titled row of charts side by side."""

    full_bleed = False

    def __init__(
        self,
        styles: Styles,
        title: str,
        note: str,
        panels: Sequence[Panel],
        shares: Sequence[float],
        chart_height: float,
    ) -> None:
        self.s = styles
        self.title = title
        self.note = note
        self.panels = panels
        self.shares = shares
        self.chart_height = chart_height

    def height(self, canvas: Canvas, width: float) -> float:
        return titled(canvas, self.s) + 16 + self.chart_height

    def draw(self, canvas: Canvas, rect: QRectF) -> None:
        s = self.s
        y = rect.top() + section_heading(canvas, s, rect, self.title, self.note)
        for panel, (x, width) in zip(self.panels, panel_columns(rect, self.shares), strict=True):
            canvas.text(QRectF(x, y, width, 14), panel.title, s.strong, wrap=False)
            canvas.text(QRectF(x, y + 1, width, 14), panel.note, s.small, RIGHT_TOP, wrap=False)
            canvas.svg(QRectF(x, y + 16, width, self.chart_height), panel.svg)


def panel_columns(
    rect: QRectF, shares: Sequence[float], gap: float = COLUMN_GAP
) -> list[tuple[float, float]]:
    room = rect.width() - gap * (len(shares) - 1)
    x, result = rect.left(), []
    for share in shares:
        result.append((x, room * share))
        x += room * share + gap
    return result
