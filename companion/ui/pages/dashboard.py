"""The Dashboard page: a card per account, followers and weekly engagement charts, top posts, and the record."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Generator, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import (
    Account,
    AccountStanding,
    Snapshot,
    creator_name,
    day_text,
    standing_of,
)
from companion.core.settings import Settings
from companion.core.tiers import preset_by_id
from companion.store.accounts import list_accounts
from companion.store.snapshots import follower_history
from companion.ui.app import when_first_painted
from companion.ui.context import AppContext
from companion.ui.pages.base import NEXT_TURN_MS, CardFrame, EmptyState, Page, count_phrase
from companion.ui.sparkline import Sparkline
from companion.ui.theme import scaled_font, set_role

# The page is built in two steps. Before the window's first paint: each card's followers,
# tier and sparkline, from the last days of the accounts' follower histories. After it, a
# step a turn: the details' modules, the whole histories, then the recent posts, the reports
# (growth, engagement, projections), top posts and the record; the charts are made on
# matplotlib's own thread (see ChartsSection).

DETAILS_MODULES = ("companion.store.reports", "companion.ui.chart_view", "companion.ui.health_view")
"""What the details after the first paint need, loaded a module a turn before they are worked
out: the reports (≈15 ms), the chart view (≈40 ms, with PySide6's Qt namespace, which nothing
builds before) and audience health (≈15 ms)."""

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from PySide6.QtCore import Qt

    from companion.charts.dashboard import AccountsChart, AccountSeries
    from companion.charts.theme import ChartTheme
    from companion.core.content import PostEngagement
    from companion.core.growth import Change
    from companion.core.quality import QualityReport
    from companion.core.report import AccountReport, EngagementSummary
    from companion.store.records import RecordCounts
    from companion.store.reports import DashboardRecord
    from companion.ui.chart_view import ChartView
    from companion.ui.health_view import HealthLoader
    from companion.ui.workers import Worker

CHART_STOP_WAIT_S = 2.0
"""How long closing the window waits for a chart being made on a worker to stop."""
ACCOUNT_CARD_MIN_WIDTH = 280
SUMMARY_CARD_MIN_WIDTH = 170
MOST_ACCOUNT_COLUMNS = 3
CARD_SPACING = 16
SECTION_SPACING = 28
CONTENT_MAX_WIDTH = 1200
EMPTY_STATE_WIDTH = 560
CHART_HEIGHT = 290
TOP_POSTS = 5
CHANGE_DAYS = 30
SPARKLINE_DAYS = 90
"""core.report.SPARKLINE_DAYS, which is not imported before the first paint (a test keeps them equal)."""
PROJECTION_YEARS = 5
DAYS_PER_YEAR = 365
SWATCH_SIZE = 12
PILL_PADDING = (9, 1, 9, 1)
CHARTS_WAIT_MS = 10_000
NOT_KNOWN = "—"
PENDING = "\u00a0"

EMPTY_TITLE = "No accounts yet"
EMPTY_BODY = (
    "Add your accounts and daily numbers, or import your platform exports, "
    "and your growth, engagement and tier will show here."
)
NO_NUMBERS = "Add a day's numbers or import an export."
NO_HISTORY = "Follower numbers will draw here once you have a few days of them."
# The card's audience health is a link to the Audience page, in the palette's link colour.
HEALTH_LINK = (
    '<a href="health" style="color: {colour}; text-decoration: none; font-weight: 600;">'
    "{text}  ›</a>"
)


# --- what the cards say -------------------------------------------------------------------


def as_of_text(day: date) -> str:
    """'as of 20 Nov 2026'."""
    return f"as of {day_text(day)}"


def next_tier_text(standing: AccountStanding) -> str:
    """'3,412 to Micro', or what it means to be at the top."""
    if standing.next_tier is None or standing.followers_to_next is None:
        return "the top tier"
    return f"{standing.followers_to_next:,} to {standing.next_tier.label}"


def tier_definition_text(settings: Settings) -> str:
    preset = preset_by_id(settings.tier_preset)
    name = preset.name.split(":")[0] if preset else "your custom"
    return f"Tiers follow the {name} definition (Settings ▸ Audience tiers)."


def percent(rate: float | None, digits: int = 1) -> str:
    """0.0483 → '4.8 %'; None → '—'."""
    return NOT_KNOWN if rate is None else f"{rate * 100:.{digits}f} %"


def benchmark_percent(rate: float) -> str:
    """A published figure as published: 0.04 → '4 %', 0.024 → '2.4 %'."""
    return f"{rate * 100:.3g} %"


def _signed(value: float, spec: str) -> str:
    """With a + for gains and a true minus sign for losses."""
    return format(value, f"+{spec}").replace("-", "\u2212")


def change_text(change: Change | None, days: int = CHANGE_DAYS) -> str:
    """'+748 (+3.2 %) in 30 days', or why there is no change to show."""
    if change is None:
        return f"No numbers from {days} days ago yet"
    if change.absolute == 0:
        return f"No change in {days} days"
    text = _signed(change.absolute, ",")
    if change.percent is not None:
        text += f" ({_signed(change.percent, '.1f')} %)"
    return f"{text} in {days} days"


def missing_days_text(change: Change | None) -> str:
    """'2 days missing' when the period has days without numbers, else ''."""
    if change is None or not change.missing_days:
        return ""
    return f"{count_phrase(change.missing_days, 'day')} missing"


def engagement_signal_text(engagement: EngagementSummary) -> str:
    """'▲ above the Micro benchmark of 4 %', or why there is no rate or benchmark to compare."""
    period = engagement.by_followers
    if period.mean is None:
        posts = count_phrase(period.posts_counted, "post") if period.posts_counted else "No posts"
        return f"{posts} with a rate in {engagement.window_days} days; {period.min_posts} needed"
    if engagement.benchmark is None:
        return "No published benchmark below the Nano tier"
    benchmark = engagement.benchmark.benchmark
    tier = benchmark.tier.label if benchmark.tier else "tier"
    arrow, side = ("▲", "above") if engagement.above_benchmark else ("▼", "below")
    return f"{arrow} {side} the {tier} benchmark of {benchmark_percent(benchmark.engagement_rate)}"


def engagement_tooltip(engagement: EngagementSummary, account: Account) -> str:
    """How the rate was worked out, and where the benchmark comes from."""
    period = engagement.by_followers
    days = engagement.window_days
    if period.mean is None:
        lines = [
            f"An engagement rate needs at least {period.min_posts} posts with known followers "
            f"in the last {days} days; there {'is' if period.posts_counted == 1 else 'are'} "
            f"{period.posts_counted}."
        ]
    else:
        lines = [
            f"Mean engagement rate by followers of {count_phrase(period.posts_counted, 'post')} "
            f"in the last {days} days (median {percent(period.median)})."
        ]
    if engagement.benchmark is not None:
        benchmark = engagement.benchmark.benchmark
        lines.append(
            f"Benchmark {benchmark_percent(benchmark.engagement_rate)}: {benchmark.source}."
        )
        if not engagement.benchmark.same_platform:
            lines.append(
                f"The sources publish no figure for {account.platform.label}; "
                "this is Instagram's benchmark for the same tier."
            )
    return "\n".join(lines)


def projection_text(report: AccountReport) -> str:
    """'Projected to reach Micro on 6 Jun 2027' at the 90-day pace, or '' when not growing.

    A date decades away says less than "more than 5 years", so that is what is said.
    """
    standing = report.standing
    projected = report.projected_next_tier
    if projected is None or standing is None or standing.next_tier is None:
        return ""
    tier = standing.next_tier.label
    if (projected - report.today).days > PROJECTION_YEARS * DAYS_PER_YEAR:
        return f"More than {PROJECTION_YEARS} years to {tier} at this pace"
    return f"Projected to reach {tier} on {day_text(projected)}"


def account_colour(theme: ChartTheme, index: int) -> str:
    """The colour of the account at `index` on its toggle and both charts.

    The series colour that the benchmark lines also use is left out, so that no account's
    line can be taken for a benchmark; the text colour takes its place, as the black of
    the Okabe–Ito palette the series come from.
    """
    colours = [colour for colour in theme.series if colour != theme.benchmark]
    colours += [theme.text] * (len(theme.series) - len(colours))
    return colours[index % len(colours)]


def account_labels(accounts: Sequence[Account]) -> dict[int, str]:
    """How charts and lists name each account: the platform, with the handle where it repeats."""
    platforms = [account.platform for account in accounts]
    return {
        account.id: (
            f"{account.platform.label} {account.shown_handle}"
            if platforms.count(account.platform) > 1
            else account.platform.label
        )
        for account in accounts
    }


def best_recent_posts(
    reports: Sequence[AccountReport], count: int = TOP_POSTS
) -> list[PostEngagement]:
    """The best posts of the last 30 days across all accounts, by engagement rate."""
    from companion.core.content import top_posts

    candidates = [item for report in reports for item in report.top_posts]
    return top_posts(candidates, key=lambda item: item.by_followers, count=count)


def columns_for(width: int, min_card_width: int, most: int, cards: int) -> int:
    """How many cards to put side by side in `width` pixels, each at least `min_card_width`.

    When they take more than one row, the rows are balanced: four cards that do not fit
    in one row go two and two, not three and one.
    """
    fitting = max(1, min(most, (width + CARD_SPACING) // (min_card_width + CARD_SPACING)))
    if cards <= fitting:
        return fitting
    rows = -(-cards // fitting)
    return -(-cards // rows)


# --- small widgets ----------------------------------------------------------------------------


def _label(text: str, object_name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    set_role(label, object_name)
    label.setWordWrap(wrap)
    return label


def _section_heading(text: str) -> QLabel:
    label = _label(text, "sectionTitle")
    label.setFont(scaled_font(label, 1.25))
    return label


def _paint_text(label: QLabel, colour: str) -> None:
    label.setStyleSheet(f"color: {colour};")


def _swatch(colour: str) -> QIcon:
    """A round dot in an account's chart colour."""
    from PySide6.QtCore import Qt  # not before the first paint (see AccountCard)

    pixmap = QPixmap(SWATCH_SIZE, SWATCH_SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, SWATCH_SIZE - 2, SWATCH_SIZE - 2)
    painter.end()
    return QIcon(pixmap)


class ElidedLabel(QLabel):
    """One line that ends in '…' when it does not fit; the whole text is its tooltip."""

    def __init__(self, text: str = "", object_name: str = "") -> None:
        super().__init__()
        set_role(self, object_name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        from PySide6.QtCore import Qt  # not before the first paint (see AccountCard)

        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width()))


class TierPill(QLabel):
    """A tier's name in a rounded outline, drawn in the palette's colours (light or dark)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("tierPill")
        self.setFont(scaled_font(self, 1.0))
        self.setContentsMargins(*PILL_PADDING)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.text():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # Stroked as a path with a pen made empty and then coloured: QPen(colour) and
            # setPen() make PySide6 build the Qt namespace (≈20 ms) to rule out their
            # Qt.PenStyle overloads, and this first paint is still part of the start-up.
            pen = QPen()
            pen.setColor(self.palette().color(QPalette.ColorRole.Mid))
            outline = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
            path = QPainterPath()
            path.addRoundedRect(outline, outline.height() / 2, outline.height() / 2)
            painter.strokePath(path, pen)
            painter.end()
        super().paintEvent(event)


class Card(CardFrame):
    """A rounded panel holding a few stacked widgets."""

    def __init__(self, margins: tuple[int, int, int, int] = (18, 16, 18, 16)) -> None:
        super().__init__()
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(*margins)
        self.body.setSpacing(4)


class AccountCard(Card):
    """One account: followers and its 90 days, 30-day change, engagement against the tier
    benchmark, and the tier with the way to the next."""

    def __init__(self, account: Account) -> None:
        super().__init__()
        self.account = account
        self.report: AccountReport | None = None
        self.health_report: QualityReport | None = None
        self.platform_label = _label(account.platform.label, "cardTitle")
        # Built before the first paint, so without PySide6's Qt namespace (94 enums, ≈20 ms to
        # build): the style sheet makes the handle selectable and the health line a link.
        self.handle_label = _label(account.shown_handle, "cardHandle")
        self.tier_label = TierPill()
        self.followers_label = _label("", "cardValue")
        self.as_of_label = _label("", "cardCaption")
        self.sparkline = Sparkline()
        # Until the report arrives (just after the first paint) its rows hold a space, so
        # that filling them in moves nothing.
        self.change_label = _label(PENDING, "change")
        self.missing_label = _label("", "cardCaption")
        self.missing_label.hide()
        self.engagement_label = _label(PENDING, "engagementValue")
        self.engagement_label.setFont(scaled_font(self.engagement_label, 1.15))
        self.engagement_caption = _label("", "cardCaption")
        self.signal_label = _label(PENDING, "engagementSignal", wrap=True)
        self.next_tier_label = _label("", "cardCaption")
        self.projection_label = _label(PENDING, "cardCaption", wrap=True)
        self.health_label = _label(PENDING, "healthLink")
        self._lay_out()

    def _lay_out(self) -> None:
        heading = QHBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(self.platform_label)
        heading.addWidget(self.handle_label, 1)
        pill = QVBoxLayout()  # the pill at the top of the row
        pill.addWidget(self.tier_label)
        pill.addStretch(1)
        heading.addLayout(pill)
        change = QHBoxLayout()
        change.setSpacing(6)
        change.addWidget(self.change_label)
        change.addWidget(self.missing_label, 1)
        # The rate and its caption share a baseline, set once they have text (show_report).
        self.rate_row = rate = QHBoxLayout()
        rate.setSpacing(8)
        rate.addWidget(self.engagement_label)
        rate.addWidget(self.engagement_caption, 1)
        self.engagement_row = QWidget()
        engagement = QVBoxLayout(self.engagement_row)
        engagement.setContentsMargins(0, 0, 0, 0)
        engagement.setSpacing(2)
        engagement.addLayout(rate)
        engagement.addWidget(self.signal_label)
        self.body.addLayout(heading)
        self.body.addSpacing(4)
        self.body.addWidget(self.followers_label)
        self.body.addWidget(self.as_of_label)
        self.body.addSpacing(8)
        self.body.addWidget(self.sparkline)
        self.body.addSpacing(2)
        self.body.addLayout(change)
        self.body.addSpacing(8)
        self.body.addWidget(self.engagement_row)
        self.body.addSpacing(6)
        self.body.addWidget(self.health_label)
        self.body.addStretch(1)
        self.body.addSpacing(8)
        self.body.addWidget(self.next_tier_label)
        self.body.addWidget(self.projection_label)

    def show_standing(self, standing: AccountStanding | None) -> None:
        """Followers, the day they were counted, and the tier: from the newest snapshot."""
        for widget in (self.sparkline, self.change_label, self.engagement_row, self.health_label):
            widget.setVisible(standing is not None)
        self.tier_label.setVisible(standing is not None)
        if standing is None:
            self.followers_label.setText(NOT_KNOWN)
            self.as_of_label.setText("no follower numbers yet")
            self.tier_label.setText("")
            self.next_tier_label.setText(NO_NUMBERS)
            return
        self.followers_label.setText(f"{standing.followers:,}")
        self.as_of_label.setText(f"followers · {as_of_text(standing.as_of)}")
        self.tier_label.setText(standing.tier.label)
        self.next_tier_label.setText(next_tier_text(standing))

    def show_recent_followers(self, history: Sequence[tuple[date, int]], today: date) -> None:
        """The sparkline: the last 90 days of the (date, followers) history."""
        self.sparkline.set_points(history, today, SPARKLINE_DAYS)

    def show_report(self, report: AccountReport) -> None:
        """The 30-day change, engagement against the benchmark, and the projection."""
        self.report = report
        change = report.changes.get(CHANGE_DAYS)
        self.change_label.setText(change_text(change))
        missing = missing_days_text(change)
        self.missing_label.setText(f"· {missing}")
        self.missing_label.setVisible(bool(missing))
        from PySide6.QtCore import Qt

        for label in (self.engagement_label, self.engagement_caption):
            self.rate_row.setAlignment(label, Qt.AlignmentFlag.AlignBaseline)
        engagement = report.engagement
        self.engagement_label.setText(percent(engagement.by_followers.mean))
        self.engagement_caption.setText(f"engagement rate · {engagement.window_days} days")
        self.signal_label.setText(engagement_signal_text(engagement))
        self.engagement_row.setToolTip(engagement_tooltip(engagement, self.account))
        self.projection_label.setText(projection_text(report))
        self.projection_label.setVisible(bool(self.projection_label.text()))

    def show_health(self, health: QualityReport, theme: ChartTheme | None = None) -> None:
        """The audience health score in a line, a link in the accent colour (the theme's, or
        the palette's link colour); its parts in the tooltip."""
        from html import escape

        from companion.ui.health_view import badge_text, health_tooltip

        self.health_report = health
        # The link's colour is set with the text, so a new palette sets the text again.
        colour = theme.line if theme else self.palette().color(QPalette.ColorRole.Link).name()
        self.health_label.setText(
            HEALTH_LINK.format(colour=colour, text=escape(badge_text(health)))
        )
        self.health_label.setToolTip(health_tooltip(health))

    def apply_colours(self, theme: ChartTheme) -> None:
        """Gains and losses, above and below the benchmark, in the theme's colours for them."""
        if self.health_report is not None:
            self.show_health(self.health_report, theme)
        report = self.report
        if report is None:
            return
        change = report.changes.get(CHANGE_DAYS)
        growth = change.absolute if change else 0
        _paint_text(
            self.change_label, theme.gain if growth > 0 else theme.loss if growth else theme.muted
        )
        above = report.engagement.above_benchmark
        _paint_text(
            self.signal_label, theme.muted if above is None else theme.gain if above else theme.loss
        )


class SummaryCard(Card):
    """A small count from the record: posts recorded, deals, caption drafts, subtitle files."""

    def __init__(self, title: str) -> None:
        super().__init__(margins=(16, 12, 16, 12))
        self.title_label = _label(title, "cardTitle")
        self.value_label = _label("0", "summaryValue")
        self.value_label.setFont(scaled_font(self.value_label, 1.35))
        self.caption_label = _label("", "cardCaption", wrap=True)
        self.body.addWidget(self.title_label)
        self.body.addWidget(self.value_label)
        self.body.addWidget(self.caption_label)
        self.body.addStretch(1)

    def show_count(self, count: int, caption: str = "") -> None:
        self.value_label.setText(f"{count:,}")
        self.caption_label.setText(caption)
        self.caption_label.setVisible(bool(caption))


class CardGrid(QWidget):
    """Cards in rows that wrap: as many columns as fit, up to `most_columns`."""

    def __init__(self, min_card_width: int, most_columns: int) -> None:
        super().__init__()
        self.min_card_width = min_card_width
        self.most_columns = most_columns
        self.cards: list[QWidget] = []
        self.columns = most_columns
        self._width = 0
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(CARD_SPACING)

    def set_cards(self, cards: Sequence[QWidget]) -> None:
        for old in self.cards:
            self.grid.removeWidget(old)
            old.deleteLater()
        self.cards = list(cards)
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._width = event.size().width()
        self._place()

    def _place(self) -> None:
        columns = columns_for(self._width, self.min_card_width, self.most_columns, len(self.cards))
        if columns == self.columns and self.grid.count() == len(self.cards):
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // self.columns, index % self.columns)
        for column in range(self.most_columns):
            self.grid.setColumnStretch(column, 1 if column < self.columns else 0)


class TopPostsList(Card):
    """The best posts of the last 30 days: date, account, kind, caption and engagement rate."""

    HEADINGS = ("Date", "Account", "Kind", "Caption", "ER")

    def __init__(self) -> None:
        super().__init__(margins=(18, 12, 18, 14))
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(3, 1)
        self.empty_label = _label(
            "No posts with an engagement rate in the last 30 days.", "cardCaption"
        )
        self.body.addLayout(self.grid)
        self.body.addWidget(self.empty_label)

    def show_posts(self, items: Sequence[PostEngagement], labels: dict[int, str]) -> None:
        self.rows = [_top_post_row(item, labels) for item in items]
        _clear(self.grid)
        self.empty_label.setVisible(not self.rows)
        if not self.rows:
            return
        for column, heading in enumerate(self.HEADINGS):
            self.grid.addWidget(_label(heading, "cardTitle"), 0, column, _cell_alignment(column))
        for row, cells in enumerate(self.rows, start=1):
            for column, text in enumerate(cells):
                cell = ElidedLabel(text) if column == 3 else QLabel(text)
                self.grid.addWidget(cell, row, column, _cell_alignment(column))


def _top_post_row(item: PostEngagement, labels: dict[int, str]) -> tuple[str, str, str, str, str]:
    post = item.post
    caption = (post.caption or "").strip().splitlines()
    return (
        f"{post.published_at.day} {post.published_at:%b}",
        labels.get(post.account_id, ""),
        post.kind.label,
        caption[0] if caption else "(no caption)",
        percent(item.by_followers),
    )


def _cell_alignment(column: int) -> Qt.AlignmentFlag:
    from PySide6.QtCore import Qt  # not before the first paint (see AccountCard)

    horizontal = Qt.AlignmentFlag.AlignRight if column == 4 else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        widget = grid.takeAt(0).widget()
        if widget is not None:
            widget.deleteLater()


class AccountToggles(QWidget):
    """A checkbox per account, in its chart colour: which accounts the charts show."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.boxes: dict[int, QCheckBox] = {}
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(16)

    def set_accounts(self, labels: dict[int, str]) -> None:
        """One box per account; accounts already shown or hidden stay so."""
        hidden = {account_id for account_id, box in self.boxes.items() if not box.isChecked()}
        _clear(self.row)
        self.boxes = {}
        for account_id, text in labels.items():
            box = QCheckBox(text)
            box.setChecked(account_id not in hidden)
            box.setToolTip(f"Show {text} on the charts")
            box.toggled.connect(self.changed)
            self.row.addWidget(box)
            self.boxes[account_id] = box

    def apply_colours(self, colours: dict[int, str]) -> None:
        """Each box's dot in its account's colour (`colours` may name more accounts)."""
        for account_id, box in self.boxes.items():
            box.setIcon(_swatch(colours[account_id]))

    def shown(self) -> set[int]:
        return {account_id for account_id, box in self.boxes.items() if box.isChecked()}


# --- the charts ----------------------------------------------------------------------------------


def made_off_screen(
    make: Callable[[], AccountsChart], shown: frozenset[int], drawing_size: tuple[int, int, float]
) -> Generator[None, None, AccountsChart]:
    """A Dashboard chart as a worker's job (see companion.ui.workers): made from numbers read
    already, its accounts shown or hidden, and drawn once off screen at the size it will be
    shown at. Only this worker touches the figure until the window shows it."""
    from companion.charts.figure import prerender

    chart = make()
    chart.show_accounts(set(shown))
    yield
    prerender(chart.figure, *drawing_size)
    return chart


class ChartsSection(QWidget):
    """Followers over time and weekly engagement, side by side, with the accounts to toggle.

    Until `start` (after the page's first paint) it is a heading and two empty cards, and
    matplotlib is not even imported.
    """

    message = Signal(str)
    drawn = Signal()
    """Both charts are built: the page's heaviest work on the GUI thread is done."""

    def __init__(self) -> None:
        super().__init__()
        self.started = False
        self.record: DashboardRecord | None = None
        self.reports: list[AccountReport] = []
        self.labels: dict[int, str] = {}
        self.followers_view: ChartView | None = None
        self.engagement_view: ChartView | None = None
        self.followers_chart: AccountsChart | None = None
        self.engagement_chart: AccountsChart | None = None
        self._awaiting: set[str] = set()
        self._engagement_waits = False
        self._jobs: dict[Worker, tuple[str, ChartTheme, frozenset[int]]] = {}
        """The charts being made: each worker's chart, colours and accounts shown."""
        self._made: dict[str, tuple[ChartTheme, frozenset[int], AccountsChart]] = {}
        self._ending: list[Worker] = []
        """Workers set aside, kept until they end: a QObject's last reference must not go
        on a worker's thread."""
        self.toggles = AccountToggles()
        self.toggles.changed.connect(self._show_accounts)
        self.chart_cards = [Card(margins=(10, 10, 12, 6)) for _ in range(2)]
        heading = QHBoxLayout()
        heading.setSpacing(24)
        heading.addWidget(_section_heading("Growth and engagement"))
        heading.addStretch(1)
        heading.addWidget(self.toggles)
        charts = QHBoxLayout()
        charts.setSpacing(CARD_SPACING)
        for card in self.chart_cards:
            card.setFixedHeight(CHART_HEIGHT)
            charts.addWidget(card, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addLayout(heading)
        column.addLayout(charts)

    @property
    def ready(self) -> bool:
        """True once both charts are drawn (or say why they are not)."""
        return self.started and not self._awaiting

    def show_record(
        self, record: DashboardRecord, reports: list[AccountReport], labels: dict[int, str]
    ) -> None:
        self.record, self.reports, self.labels = record, reports, labels
        # Only accounts with follower numbers can show on either chart.
        charted = {i: label for i, label in labels.items() if record.histories.get(i)}
        if self.toggles.boxes.keys() != charted.keys():
            self.toggles.set_accounts(charted)
        if self.started:
            self._draw()

    def start(self) -> None:
        """Draw the charts from now on (matplotlib loads in the background the first time)."""
        if self.started:
            return
        self.started = True
        self.followers_view = self._add_view(self.chart_cards[0], "followers")
        self.engagement_view = self._add_view(self.chart_cards[1], "weekly-engagement")
        # Drawn, or given up on (matplotlib missing): either way the next chart's turn.
        self.followers_view.settled.connect(self._on_followers_drawn)
        self._draw()

    def _add_view(self, card: Card, export_name: str) -> ChartView:
        from companion.ui.chart_view import ChartView

        view = ChartView(export_name=export_name)
        view.message.connect(self.message)
        card.body.addWidget(view)
        # Shown now rather than on a later turn (as a widget added to a shown one would be):
        # its chart is made for the room it has, which a hidden widget is not given.
        view.show()
        return view

    def apply_colours(self, theme: ChartTheme) -> None:
        colours = {account_id: account_colour(theme, i) for i, account_id in enumerate(self.labels)}
        self.toggles.apply_colours(colours)

    def _draw(self) -> None:
        if self.record is None or self.followers_view is None or self.engagement_view is None:
            return
        self.stop_making()
        self._awaiting = {"engagement"}
        if any(self.record.histories.values()):
            self._awaiting.add("followers")
            # One chart at a time: the engagement chart is made once the followers chart
            # has drawn, so the two never compete for the interpreter.
            self._engagement_waits = True
            self.followers_view.when_ready(self._make_followers)
        else:
            self.followers_view.show_message(NO_HISTORY)
            self._show_engagement()

    def _on_followers_drawn(self) -> None:
        if self._engagement_waits:
            self._show_engagement()

    def _show_engagement(self) -> None:
        self._engagement_waits = False
        if self.engagement_view is not None:
            self.engagement_view.when_ready(self._make_engagement)

    # Each chart is made, and drawn once off screen, on a worker thread; the window only shows
    # it (see chart_view and charts.figure.prerender). On a long record, making and first
    # drawing each chart held the window for 60–130 ms. The builders below make a chart on
    # the window's thread only when the worker's cannot be used: other colours, or a failure.

    def _make_followers(self) -> None:
        self._make("followers")

    def _make_engagement(self) -> None:
        self._make("engagement")

    def _make(self, name: str) -> None:
        from companion.ui.chart_view import chart_theme
        from companion.ui.workers import Worker, chart_thread_pool

        view = self.followers_view if name == "followers" else self.engagement_view
        assert view is not None
        theme = chart_theme(view.palette())
        shown = frozenset(self.toggles.shown())
        job = partial(made_off_screen, self._maker(name, theme), shown, view.drawing_size())
        worker = Worker(job, pool=chart_thread_pool())
        self._jobs[worker] = (name, theme, shown)
        worker.finished.connect(self._on_made)
        worker.failed.connect(self._on_make_failed)
        worker.start()

    def _maker(self, name: str, theme: ChartTheme) -> Callable[[], AccountsChart]:
        """What makes the chart `name` in `theme`'s colours, from numbers read already."""
        from companion.charts.dashboard import followers_chart, weekly_engagement_chart

        assert self.record is not None
        if name == "followers":
            return partial(followers_chart, self._followers_series(theme), theme)
        series = self._engagement_series(theme)
        record = self.record
        return partial(weekly_engagement_chart, series, record.posts_since, record.today, theme)

    def _on_made(self, chart: AccountsChart) -> None:
        job = self._jobs.pop(self.sender(), None)
        if job is None:
            return  # made for a record shown no longer
        name, theme, shown = job
        self._made[name] = (theme, shown, chart)
        self._show(name)

    def _on_make_failed(self, error: BaseException) -> None:
        job = self._jobs.pop(self.sender(), None)
        if job is not None:
            self._show(job[0])  # made on the window's thread instead, or a message saying why

    def _show(self, name: str) -> None:
        if name == "followers" and self.followers_view is not None:
            self.followers_view.show_chart(self._build_followers)
        elif name == "engagement" and self.engagement_view is not None:
            self.engagement_view.show_chart(self._build_engagement)

    def stop_making(self) -> None:
        """Set aside the charts being made; what their workers send is ignored."""
        for worker in self._jobs:
            worker.cancel()
            self._ending.append(worker)
        self._jobs.clear()
        self._made.clear()
        self._ending = [worker for worker in self._ending if worker.running]

    def wait_for_workers(self, timeout_s: float) -> None:
        for worker in [*self._jobs, *self._ending]:
            worker.wait(timeout_s)

    def _build_followers(self, theme: ChartTheme) -> Figure:
        return self._built("followers", theme).figure

    def _build_engagement(self, theme: ChartTheme) -> Figure:
        return self._built("engagement", theme).figure

    def _take_made(
        self, name: str, theme: ChartTheme
    ) -> tuple[AccountsChart | None, frozenset[int] | None]:
        """The chart a worker made, if it was made in these colours."""
        made_theme, shown, chart = self._made.pop(name, (None, None, None))
        return (chart, shown) if made_theme == theme else (None, None)

    def _followers_series(self, theme: ChartTheme) -> list[AccountSeries]:
        from companion.charts.dashboard import AccountSeries

        assert self.record is not None
        return [
            AccountSeries(
                account.id,
                self.labels[account.id],
                self.record.histories[account.id],
                account_colour(theme, i),
            )
            for i, account in enumerate(self.record.accounts)
        ]

    def _engagement_series(self, theme: ChartTheme) -> list[AccountSeries]:
        from companion.charts.dashboard import AccountSeries

        return [
            AccountSeries(
                report.account.id,
                self.labels[report.account.id],
                report.weekly_engagement,
                account_colour(theme, i),
                report.engagement.benchmark.benchmark if report.engagement.benchmark else None,
            )
            for i, report in enumerate(self.reports)
        ]

    def _built(self, name: str, theme: ChartTheme) -> AccountsChart:
        """The chart `name` to show: the worker's, or else made here (other colours, or the
        worker failed)."""
        chart, shown = self._take_made(name, theme)
        if chart is None:
            chart = self._maker(name, theme)()
        # Shown as made: touched again, it would be drawn again on the window's thread.
        if shown != self.toggles.shown():
            chart.show_accounts(self.toggles.shown())
        if name == "followers":
            self.followers_chart = chart
        else:
            self.engagement_chart = chart
        self._awaiting.discard(name)
        if not self._awaiting:
            self.drawn.emit()
        return chart

    def _show_accounts(self) -> None:
        shown = self.toggles.shown()
        for chart, view in (
            (self.followers_chart, self.followers_view),
            (self.engagement_chart, self.engagement_view),
        ):
            if chart is not None and view is not None and view.figure is chart.figure:
                chart.show_accounts(shown)
                view.redraw()


# --- the page -----------------------------------------------------------------------------------


class DashboardPage(Page):
    """Where each account stands today, how it got there, and what worked lately."""

    title = "Dashboard"

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(context, parent)
        self.today = today
        self.accounts: list[Account] = []
        self.histories: dict[int, list[tuple[date, int]]] = {}
        self.record: DashboardRecord | None = None
        self.reports: list[AccountReport] = []
        self.account_cards: list[AccountCard] = []
        self.details_shown = False
        self.health: HealthLoader | None = None
        self._health_after_charts = False
        self._empty_page: QWidget | None = None
        self._whole_histories = False
        self.creator_label = _label("", "creatorName")
        self.creator_label.setFont(scaled_font(self.creator_label, 1.15, bold=False))
        self.tiers_note = _label("", "muted", wrap=True)
        self.account_grid = CardGrid(ACCOUNT_CARD_MIN_WIDTH, MOST_ACCOUNT_COLUMNS)
        self.charts = ChartsSection()
        self.charts.message.connect(context.status_message)
        self.charts.drawn.connect(self._on_charts_drawn)
        self.top_posts: TopPostsList | None = None
        self.summary_cards: dict[str, SummaryCard] = {}
        self.details = QWidget()
        self.stack = QStackedWidget()
        self.content = self._build_content()
        self.stack.addWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        when_first_painted(self.content.widget(), self._after_first_paint)
        context.settings_changed.connect(self.retier)
        self.reload()

    def maybe_close(self) -> bool:
        """Before the window closes: stop making charts (nothing here is ever left unsaved)."""
        self.charts.stop_making()
        self.charts.wait_for_workers(CHART_STOP_WAIT_S)
        return True

    def _title_label(self) -> QLabel:
        return _label(self.title, "pageTitle")

    @property
    def empty_page(self) -> QWidget:
        """What an empty record shows, made the first time it is needed."""
        if self._empty_page is None:
            self._empty_page = self._build_empty_page()
            self.stack.addWidget(self._empty_page)
        return self._empty_page

    def _build_empty_page(self) -> QWidget:
        from PySide6.QtCore import Qt  # not before the first paint (see main_window)

        self.empty_state = EmptyState(EMPTY_TITLE, EMPTY_BODY)
        # EmptyState centres its wrapping labels at their narrow size hint but computes their
        # height for its full width, which cuts lines off; letting them take its width (text
        # still centred) and keeping that width readable avoids it.
        self.empty_state.setMaximumWidth(EMPTY_STATE_WIDTH)
        for label in (self.empty_state.title_label, self.empty_state.body_label):
            self.empty_state.layout().setAlignment(label, Qt.AlignmentFlag(0))
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.empty_state, 2)
        centred.addStretch(1)
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(32, 24, 32, 24)
        column.addWidget(self._title_label())
        column.addLayout(centred, 1)
        return page

    def _build_content(self) -> QScrollArea:
        content = QWidget()
        content.setMaximumWidth(CONTENT_MAX_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 40)
        column.setSpacing(0)
        column.addWidget(self._title_label())
        column.addSpacing(2)
        column.addWidget(self.creator_label)
        column.addSpacing(20)
        column.addWidget(self.account_grid)
        column.addSpacing(10)
        column.addWidget(self.tiers_note)
        column.addSpacing(SECTION_SPACING)
        column.addWidget(self.charts)
        column.addWidget(self.details)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    def _build_details(self) -> None:
        """The sections below the charts, which no first paint shows."""
        self.top_posts = TopPostsList()
        self.summary_cards = {
            "posts": SummaryCard("Posts recorded"),
            "deals": SummaryCard("Deals"),
            "captions": SummaryCard("Caption drafts"),
            "subtitles": SummaryCard("Subtitle files"),
        }
        summary_grid = CardGrid(SUMMARY_CARD_MIN_WIDTH, len(self.summary_cards))
        summary_grid.set_cards(list(self.summary_cards.values()))
        column = QVBoxLayout(self.details)
        column.setContentsMargins(0, SECTION_SPACING, 0, 0)
        column.setSpacing(0)
        column.addWidget(_section_heading("Top posts · last 30 days"))
        column.addSpacing(10)
        column.addWidget(self.top_posts)
        column.addSpacing(SECTION_SPACING)
        column.addWidget(_section_heading("Your record"))
        column.addSpacing(10)
        column.addWidget(summary_grid)

    @property
    def showing_empty_state(self) -> bool:
        return self._empty_page is not None and self.stack.currentWidget() is self._empty_page

    def reload(self) -> None:
        """The cards' followers, tiers and sparklines now; the rest too once the page was painted."""
        store = self.context.store
        self.accounts = list_accounts(store)
        # What the cards show first: the latest figure and the sparkline's days. The whole
        # histories (ten years of days, on a long record) are read with the details.
        self.histories = {
            account.id: follower_history(store, account.id, last=SPARKLINE_DAYS + 1)
            for account in self.accounts
        }
        self._whole_histories = False
        self.record = None
        self.reports = []
        if not self.accounts:
            self.stack.setCurrentWidget(self.empty_page)
            self.account_cards = []
            self.account_grid.set_cards([])
            return
        self.stack.setCurrentWidget(self.content)
        self.creator_label.setText(self._creator_line())
        self.account_cards = [AccountCard(account) for account in self.accounts]
        for card in self.account_cards:
            card.health_label.linkActivated.connect(
                lambda _link, account_id=card.account.id: self.open_health(account_id)
            )
        self.account_grid.set_cards(self.account_cards)
        self._show_recent_followers()
        self.retier(self.context.settings)
        if self.details_shown:
            self._load_details()

    def show_details(self) -> None:
        """Growth, engagement and projections on the cards, top posts and the record: what
        follows the first paint (the charts start then too)."""
        if not self.details_shown:
            self.details_shown = True
            self._build_details()
        self._load_details()

    def _after_first_paint(self) -> None:
        if self.context.store.closed:
            return  # the window closed before it got here
        # A step a turn, each a short hold on the window rather than one long one: the
        # details' code a module at a time (15–40 ms each, the Qt namespace with the chart
        # view), the whole histories, then the details themselves.
        steps = [partial(importlib.import_module, module) for module in DETAILS_MODULES]
        self._run_steps([*steps, self._read_whole_histories, self._show_details_after_first_paint])

    def _run_steps(self, steps: list[Callable[[], object]]) -> None:
        if self.context.store.closed or not steps:
            return  # the window closed before it got here
        step, *later = steps
        step()
        if later:
            QTimer.singleShot(NEXT_TURN_MS, self, partial(self._run_steps, later))

    def _show_details_after_first_paint(self) -> None:
        if self.context.store.closed:
            return
        self.show_details()
        # A turn later: if the app is quitting already, matplotlib need not start loading.
        QTimer.singleShot(NEXT_TURN_MS, self.charts, self.charts.start)

    def _show_recent_followers(self) -> None:
        today = self.today()
        for card in self.account_cards:
            card.show_recent_followers(self.histories[card.account.id], today)

    def _read_whole_histories(self) -> None:
        """The accounts' whole follower histories, in place of the latest days (see reload)."""
        if not self._whole_histories:
            store = self.context.store
            self.histories = {
                account.id: follower_history(store, account.id) for account in self.accounts
            }
            self._whole_histories = True

    def _load_details(self) -> None:
        from companion.store.reports import complete_dashboard

        if not self.accounts:
            return
        self._read_whole_histories()
        store = self.context.store
        self.record = complete_dashboard(store, self.today(), self.accounts, self.histories)
        self._show_reports(self.context.settings)
        self._show_counts(self.record.counts)
        self._ask_for_health()

    def retier(self, settings: Settings) -> None:
        """Tiers, benchmarks and projections under new thresholds, from what was read (no query)."""
        self.tiers_note.setText(tier_definition_text(settings))
        for card in self.account_cards:
            card.show_standing(self._standing(card.account, settings))
        if self.record is not None:
            self._show_reports(settings)
            self._ask_for_health()

    def _ask_for_health(self) -> None:
        """Audience health comes last: on screen, once the charts are drawn, so that its worker
        does not compete with them for the interpreter; off screen, now."""
        if self.isVisible():
            self._health_after_charts = True
        else:
            self._request_health()

    def _on_charts_drawn(self) -> None:
        if self._health_after_charts:
            # A turn later: after the canvases have painted what was built.
            QTimer.singleShot(0, self._request_health)

    def _request_health(self) -> None:
        """Work out the cards' audience health on a worker thread (shared with the Audience page)."""
        from companion.ui.health_view import health_loader

        self._health_after_charts = False
        if self.health is None:
            self.health = health_loader(self.context)
            self.health.loaded.connect(self._show_health)
            self.health.failed.connect(self.context.status_message)
        self.health.request(self.context.store, self.context.settings, self.today())
        if not self.health.busy:
            self._show_health()

    def _show_health(self) -> None:
        assert self.health is not None
        for card in self.account_cards:
            report = self.health.reports.get(card.account.id)
            if report is not None:
                card.show_health(report)

    @property
    def health_ready(self) -> bool:
        """True once the cards show their audience health (or there is none to work out)."""
        if not self.details_shown:
            return True
        if self._health_after_charts or self.health is None:
            return False
        return not self.health.busy

    def open_health(self, account_id: int) -> None:
        """Show the account's audience health on the Audience page (of the main window, which
        is the window that has pages)."""
        window = self.window()
        if not hasattr(window, "show_page"):
            return
        window.show_page("audience")
        audience = window.page("audience")
        if audience is not None:
            audience.show_health(account_id)

    def _standing(self, account: Account, settings: Settings) -> AccountStanding | None:
        history = self.histories.get(account.id)
        if not history:
            return None
        return standing_of(account, Snapshot(account.id, *history[-1]), settings.thresholds)

    def _show_reports(self, settings: Settings) -> None:
        from companion.store.reports import dashboard_reports

        assert self.record is not None and self.top_posts is not None
        self.reports = dashboard_reports(self.record, settings.thresholds)
        for card, report in zip(self.account_cards, self.reports, strict=True):
            card.show_report(report)
        labels = account_labels(self.record.accounts)
        self.top_posts.show_posts(best_recent_posts(self.reports), labels)
        self.charts.show_record(self.record, self.reports, labels)
        self._apply_colours()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()
        super().changeEvent(event)

    def _apply_colours(self) -> None:
        if self.record is None:
            return
        from companion.ui.chart_view import chart_theme

        theme = chart_theme(self.palette())
        for card in self.account_cards:
            card.apply_colours(theme)
        self.charts.apply_colours(theme)

    def wait_for_charts(self, timeout_ms: int = CHARTS_WAIT_MS) -> bool:
        """Run the event loop until both charts are drawn and the cards' audience health is in
        (tests, benchmarks, screenshots)."""
        from PySide6.QtCore import QEventLoop  # its class (and enums) are built on first use

        loop = QEventLoop()
        deadline = time.monotonic() + timeout_ms / 1000

        def check() -> None:
            if (self.charts.ready and self.health_ready) or time.monotonic() > deadline:
                loop.quit()

        poll = QTimer(interval=10)
        poll.timeout.connect(check)
        poll.start()
        if not (self.charts.ready and self.health_ready):
            loop.exec()
        poll.stop()
        # One more turn, for the canvases to paint what was just built.
        loop.processEvents()
        return self.charts.ready and self.health_ready

    def _creator_line(self) -> str:
        accounts = count_phrase(len(self.accounts), "account")
        name = creator_name(self.accounts)
        return f"{name}  ·  {accounts}" if name else accounts

    def _show_counts(self, counts: RecordCounts) -> None:
        accounts = count_phrase(counts.accounts, "account")
        cards = self.summary_cards
        cards["posts"].show_count(counts.posts, f"across {accounts}")
        cards["deals"].show_count(counts.deals, f"with {count_phrase(counts.brands, 'brand')}")
        cards["captions"].show_count(counts.captions)
        cards["subtitles"].show_count(counts.subtitle_files)
