"""The Dashboard page: each account's followers and tier, and how much of the record is kept."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account, AccountStanding, Snapshot, creator_name, standing_of
from companion.core.settings import Settings
from companion.core.tiers import preset_by_id
from companion.store.accounts import latest_snapshots, list_accounts
from companion.store.records import RecordCounts, record_counts
from companion.ui.context import AppContext
from companion.ui.pages.base import EmptyState, Page

ACCOUNT_CARD_MIN_WIDTH = 280
SUMMARY_CARD_MIN_WIDTH = 170
MOST_ACCOUNT_COLUMNS = 3
CARD_SPACING = 16
CONTENT_MAX_WIDTH = 1200
EMPTY_STATE_WIDTH = 560

EMPTY_TITLE = "No accounts yet"
EMPTY_BODY = (
    "Add your accounts and daily numbers, or import your platform exports, "
    "and your growth, engagement and tier will show here."
)


def as_of_text(day: date) -> str:
    """'as of 20 Nov 2026'."""
    return f"as of {day.day} {day:%b %Y}"


def next_tier_text(standing: AccountStanding) -> str:
    """'3,412 to Micro', or what it means to be at the top."""
    if standing.next_tier is None or standing.followers_to_next is None:
        return "the top tier"
    return f"{standing.followers_to_next:,} to {standing.next_tier.label}"


def tier_definition_text(settings: Settings) -> str:
    preset = preset_by_id(settings.tier_preset)
    name = preset.name.split(":")[0] if preset else "your custom"
    return f"Tiers follow the {name} definition (Settings ▸ Audience tiers)."


def counted(count: int, thing: str) -> str:
    """counted(1, "brand") → '1 brand'; counted(1200, "post") → '1,200 posts'."""
    return f"{count:,} {thing}{'' if count == 1 else 's'}"


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


def _label(text: str, object_name: str, *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(wrap)
    return label


def _scaled_font(widget: QWidget, factor: float, *, bold: bool = True) -> QFont:
    """A fallback size for headings and big numbers; the theme's stylesheet wins where it sets one."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class Card(QFrame):
    """A rounded panel (styled by the theme as QFrame#card) holding a few stacked labels."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(18, 16, 18, 16)
        self.body.setSpacing(4)


class AccountCard(Card):
    """One account: platform and handle, followers in large type, the date, and the tier."""

    def __init__(self, account: Account) -> None:
        super().__init__()
        self.account = account
        self.platform_label = _label(account.platform.label, "cardTitle")
        self.handle_label = _label(account.shown_handle, "muted")
        self.handle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.followers_label = _label("", "cardValue")
        self.followers_label.setFont(_scaled_font(self.followers_label, 2.2))
        self.as_of_label = _label("", "cardCaption")
        self.tier_label = _label("", "tierName")
        self.tier_label.setFont(_scaled_font(self.tier_label, 1.1))
        self.next_tier_label = _label("", "cardCaption")

        heading = QHBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(self.platform_label)
        heading.addWidget(self.handle_label, 1)
        tier_row = QHBoxLayout()
        tier_row.setSpacing(10)
        tier_row.addWidget(self.tier_label)
        tier_row.addWidget(self.next_tier_label, 1, Qt.AlignmentFlag.AlignBaseline)
        self.body.addLayout(heading)
        self.body.addSpacing(6)
        self.body.addWidget(self.followers_label)
        self.body.addWidget(self.as_of_label)
        self.body.addSpacing(10)
        self.body.addLayout(tier_row)
        self.body.addStretch(1)

    def show_standing(self, standing: AccountStanding | None) -> None:
        if standing is None:
            self.followers_label.setText("—")
            self.as_of_label.setText("no follower numbers yet")
            self.tier_label.setText("")
            self.next_tier_label.setText("Add a day's numbers or import an export.")
            return
        self.followers_label.setText(f"{standing.followers:,}")
        self.as_of_label.setText(f"followers · {as_of_text(standing.as_of)}")
        self.tier_label.setText(standing.tier.label)
        self.next_tier_label.setText(next_tier_text(standing))


class SummaryCard(Card):
    """A small count from the record: posts recorded, deals, caption drafts, subtitle files."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_label = _label(title, "cardTitle")
        self.value_label = _label("0", "cardValue")
        self.value_label.setFont(_scaled_font(self.value_label, 1.6))
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

    def set_cards(self, cards: list[QWidget]) -> None:
        for old in self.cards:
            self.grid.removeWidget(old)
            old.deleteLater()
        self.cards = cards
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


class DashboardPage(Page):
    """What the record can honestly answer today: followers, tiers, and what has been kept."""

    title = "Dashboard"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.accounts: list[Account] = []
        self.latest: dict[int, Snapshot] = {}
        self.account_cards: list[AccountCard] = []
        self.empty_state = EmptyState(EMPTY_TITLE, EMPTY_BODY)
        self.creator_label = _label("", "creatorName")
        self.creator_label.setFont(_scaled_font(self.creator_label, 1.15, bold=False))
        self.tiers_note = _label("", "muted", wrap=True)
        self.account_grid = CardGrid(ACCOUNT_CARD_MIN_WIDTH, MOST_ACCOUNT_COLUMNS)
        self.summary_cards = {
            "posts": SummaryCard("Posts recorded"),
            "deals": SummaryCard("Deals"),
            "captions": SummaryCard("Caption drafts"),
            "subtitles": SummaryCard("Subtitle files"),
        }
        self.summary_grid = CardGrid(SUMMARY_CARD_MIN_WIDTH, len(self.summary_cards))
        self.summary_grid.set_cards(list(self.summary_cards.values()))
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_content())
        self.empty_page = self._build_empty_page()
        self.stack.addWidget(self.empty_page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        context.settings_changed.connect(self.retier)
        self.reload()

    def _title_label(self) -> QLabel:
        title = _label(self.title, "pageTitle")
        title.setFont(_scaled_font(title, 1.8))
        return title

    def _build_empty_page(self) -> QWidget:
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
        title = self._title_label()
        content = QWidget()
        content.setMaximumWidth(CONTENT_MAX_WIDTH)
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 40)
        column.setSpacing(0)
        column.addWidget(title)
        column.addSpacing(2)
        column.addWidget(self.creator_label)
        column.addSpacing(24)
        column.addWidget(self.account_grid)
        column.addSpacing(10)
        column.addWidget(self.tiers_note)
        column.addSpacing(28)
        column.addWidget(_section_heading("Your record"))
        column.addSpacing(10)
        column.addWidget(self.summary_grid)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    @property
    def showing_empty_state(self) -> bool:
        return self.stack.currentWidget() is self.empty_page

    def reload(self) -> None:
        store = self.context.store
        self.accounts = list_accounts(store)
        self.latest = latest_snapshots(store)
        if not self.accounts:
            self.stack.setCurrentWidget(self.empty_page)
            self.account_cards = []
            self.account_grid.set_cards([])
            return
        self.stack.setCurrentIndex(0)
        self.creator_label.setText(self._creator_line())
        self.account_cards = [AccountCard(account) for account in self.accounts]
        self.account_grid.set_cards(list(self.account_cards))
        self.retier(self.context.settings)
        self._show_counts(record_counts(store))

    def retier(self, settings: Settings) -> None:
        """Tiers depend only on the thresholds, so a settings change needs no new query."""
        for card in self.account_cards:
            latest = self.latest.get(card.account.id)
            card.show_standing(
                standing_of(card.account, latest, settings.thresholds) if latest else None
            )
        self.tiers_note.setText(tier_definition_text(settings))

    def _creator_line(self) -> str:
        accounts = counted(len(self.accounts), "account")
        name = creator_name(self.accounts)
        return f"{name}  ·  {accounts}" if name else accounts

    def _show_counts(self, counts: RecordCounts) -> None:
        cards = self.summary_cards
        cards["posts"].show_count(counts.posts, f"across {counted(len(self.accounts), 'account')}")
        cards["deals"].show_count(counts.deals, f"with {counted(counts.brands, 'brand')}")
        cards["captions"].show_count(counts.captions)
        cards["subtitles"].show_count(counts.subtitle_files)


def _section_heading(text: str) -> QLabel:
    label = _label(text, "sectionTitle")
    label.setFont(_scaled_font(label, 1.25))
    return label
