"""The Posts table: one row per post with its engagement rates, and the filter the page shows it through."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import IntEnum
from html import escape
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from companion.core.accounts import Account
from companion.core.content import PostEngagement, post_engagement
from companion.core.posts import Post, PostKind
from companion.store.accounts import list_accounts
from companion.store.database import Store
from companion.store.posts import list_posts
from companion.store.snapshots import follower_history

UNKNOWN = "—"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The raw value a cell sorts by: a number, a datetime, folded text; None where unknown."""
POST_ID_ROLE = Qt.ItemDataRole.UserRole + 2
CAPTION_TOOLTIP_CHARS = 600

FollowerHistory = Sequence[tuple[date, int]]
_NO_PARENT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# Built once: combining flags per call is slow in Python, and the view asks for every row
# when it selects them all.
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)
_SORT_HINT = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_PARENTS = "QList<QPersistentModelIndex>"
_HINT = "QAbstractItemModel::LayoutChangeHint"


class PostColumn(IntEnum):
    """The table's columns, in order.

    The rates come right after the caption: how a post did is what this page is for, and
    on a narrow screen the raw counts are the part that scrolls.
    """

    PUBLISHED = 0
    ACCOUNT = 1
    KIND = 2
    CAPTION = 3
    ER_FOLLOWERS = 4
    ER_REACH = 5
    ER_VIEWS = 6
    LIKES = 7
    COMMENTS = 8
    SHARES = 9
    SAVES = 10
    VIEWS = 11
    REACH = 12
    IMPRESSIONS = 13

    @property
    def title(self) -> str:
        return _TITLES[self]

    @property
    def header_text(self) -> str:
        """The title as the header shows it: the rates on two lines, to keep their columns narrow."""
        return self.title.replace(" by ", " by\n") if self.is_rate else self.title

    @property
    def explanation(self) -> str:
        """The header's tooltip."""
        return _EXPLANATIONS.get(self, self.title)

    @property
    def numeric(self) -> bool:
        return self >= PostColumn.ER_FOLLOWERS

    @property
    def is_rate(self) -> bool:
        return PostColumn.ER_FOLLOWERS <= self <= PostColumn.ER_VIEWS


_TITLES = {
    PostColumn.PUBLISHED: "Published",
    PostColumn.ACCOUNT: "Account",
    PostColumn.KIND: "Kind",
    PostColumn.CAPTION: "Caption or title",
    PostColumn.LIKES: "Likes",
    PostColumn.COMMENTS: "Comments",
    PostColumn.SHARES: "Shares",
    PostColumn.SAVES: "Saves",
    PostColumn.VIEWS: "Views",
    PostColumn.REACH: "Reach",
    PostColumn.IMPRESSIONS: "Impressions",
    PostColumn.ER_FOLLOWERS: "ER by followers",
    PostColumn.ER_REACH: "ER by reach",
    PostColumn.ER_VIEWS: "ER by views",
}
_EXPLANATIONS = {
    PostColumn.PUBLISHED: "When the post went out, in this computer's time zone",
    PostColumn.REACH: "Accounts that saw the post",
    PostColumn.IMPRESSIONS: "Times the post was shown",
    PostColumn.ER_FOLLOWERS: "Engagement rate by followers: engagements ÷ followers on the day",
    PostColumn.ER_REACH: "Engagement rate by reach: engagements ÷ accounts reached",
    PostColumn.ER_VIEWS: "Engagement rate by views: engagements ÷ views",
}
_COLUMN_COUNT = len(PostColumn)
COUNT_FIELDS = {
    PostColumn.LIKES: "likes",
    PostColumn.COMMENTS: "comments",
    PostColumn.SHARES: "shares",
    PostColumn.SAVES: "saves",
    PostColumn.VIEWS: "views",
    PostColumn.REACH: "reach",
    PostColumn.IMPRESSIONS: "impressions",
}


# --- How cells read ---------------------------------------------------------------------


def count_text(count: int | None) -> str:
    """12345 → "12,345"; unknown → "—"."""
    return UNKNOWN if count is None else f"{count:,}"


def rate_text(rate: float | None) -> str:
    """0.0423 → "4.2 %"; unknown → "—" (never 0); a rate too small for one decimal → "< 0.1 %"."""
    if rate is None:
        return UNKNOWN
    if 0 < rate < 0.0005:
        return "< 0.1 %"
    return f"{rate * 100:,.1f} %"


def published_text(moment: datetime) -> str:
    """When a post went out, in this computer's time zone: "20 Nov 2026, 18:05"."""
    local = as_utc(moment).astimezone()
    return f"{local.day} {local:%b %Y, %H:%M}"


def as_utc(moment: datetime) -> datetime:
    """A time without a zone (written by hand into the database) is taken as UTC, as imports do."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def account_label(account: Account | None) -> str:
    """ "Instagram @nina.eats.abroad"."""
    if account is None:
        return "Unknown account"
    return f"{account.platform.label} {account.shown_handle}"


def first_line(text: str | None) -> str:
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()
    return ""


def rate_explanation(rated: PostEngagement, column: PostColumn) -> str:
    """Why an ER cell shows what it shows: the sum behind the rate, or what is missing."""
    engagements = rated.post.engagements
    base_name, base = _rate_base(rated, column)
    if engagements is None:
        return "No likes, comments, shares or saves recorded for this post."
    if base is None and column is PostColumn.ER_FOLLOWERS:
        day = as_utc(rated.post.published_at).astimezone().date()
        return f"No follower count from around {day.day} {day:%b %Y} for this account yet."
    if base is None:
        return f"The post's {base_name} is not recorded."
    if base <= 0:
        return f"The post's {base_name} is 0, so there is no rate."
    counted = ", ".join(rated.post.interactions.counted())
    return f"{engagements:,} engagements ({counted}) ÷ {base:,} {base_name}"


def _rate_base(rated: PostEngagement, column: PostColumn) -> tuple[str, int | None]:
    if column is PostColumn.ER_FOLLOWERS:
        return "followers", rated.followers
    if column is PostColumn.ER_REACH:
        return "reach", rated.post.reach
    return "views", rated.post.views


# --- Rows ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PostRow:
    """A post with its engagement rates, how its account reads, and what each column sorts by."""

    post_id: int
    rated: PostEngagement
    account_label: str
    search_text: str
    """The caption, case-folded: what the search field looks in."""
    sort_keys: tuple[Any, ...]
    """One value per PostColumn, in column order; None where unknown."""

    @property
    def post(self) -> Post:
        return self.rated.post

    def cell_text(self, column: PostColumn) -> str:
        post = self.post
        if column is PostColumn.PUBLISHED:
            return published_text(post.published_at)
        if column is PostColumn.ACCOUNT:
            return self.account_label
        if column is PostColumn.KIND:
            return PostKind(post.kind).label
        if column is PostColumn.CAPTION:
            return first_line(post.caption)
        if column.is_rate:
            return rate_text(self.sort_keys[column])
        return count_text(self.sort_keys[column])

    def tooltip(self, column: PostColumn) -> str | None:
        if column is PostColumn.CAPTION and self.post.caption:
            return f"<p>{escape(self.post.caption[:CAPTION_TOOLTIP_CHARS])}</p>"
        if column.is_rate:
            return rate_explanation(self.rated, column)
        if column is PostColumn.ACCOUNT:
            return self.account_label
        return None


@dataclass(frozen=True)
class RowMaker:
    """Everything a row needs besides its post: the accounts and their follower counts by day."""

    accounts: Mapping[int, Account]
    histories: Mapping[int, FollowerHistory]

    def row(self, post: Post) -> PostRow:
        rated = post_engagement(post, self.histories.get(post.account_id, ()))
        label = account_label(self.accounts.get(post.account_id))
        search_text = (post.caption or "").casefold()
        keys = _sort_keys(rated, label, search_text)
        # Rows are made of stored posts, which always have an id.
        return PostRow(cast(int, post.id), rated, label, search_text, keys)

    def rows(self, posts: Iterable[Post]) -> list[PostRow]:
        return [self.row(post) for post in posts]


def _sort_keys(rated: PostEngagement, label: str, search_text: str) -> tuple[Any, ...]:
    post = rated.post
    return (
        as_utc(post.published_at),
        label.casefold(),
        PostKind(post.kind).label.casefold(),
        search_text,
        rated.by_followers,
        rated.by_reach,
        rated.by_views,
        post.likes,
        post.comments,
        post.shares,
        post.saves,
        post.views,
        post.reach,
        post.impressions,
    )


def load_posts(store: Store) -> tuple[RowMaker, list[PostRow]]:
    """Every post with its rates, newest first: a few queries, whatever the number of posts."""
    accounts = list_accounts(store)
    maker = RowMaker(
        {account.id: account for account in accounts},
        {account.id: follower_history(store, account.id) for account in accounts},
    )
    return maker, maker.rows(list_posts(store))


def sorted_rows(rows: Sequence[PostRow], column: PostColumn, order: Qt.SortOrder) -> list[PostRow]:
    """Rows by a column's values, unknown values last in either direction; ties keep their order."""
    known = [row for row in rows if row.sort_keys[column] is not None]
    unknown = [row for row in rows if row.sort_keys[column] is None]
    known.sort(key=lambda row: row.sort_keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
    return known + unknown


# --- The model ------------------------------------------------------------------------------


class PostTableModel(QAbstractTableModel):
    """The posts that pass the filter, as rows in the order last asked for (newest first to
    begin with). `all_rows` holds every post in that order, shown or not."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.all_rows: list[PostRow] = []
        self.rows: list[PostRow] = []
        self.passes: Callable[[PostRow], bool] | None = None
        """Which posts are shown; None shows them all."""
        self._known_positions: dict[int, int] | None = {}
        self.order = (PostColumn.PUBLISHED, Qt.SortOrder.DescendingOrder)

    @property
    def total(self) -> int:
        """How many posts there are, shown or not."""
        return len(self.all_rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else _COLUMN_COUNT

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        row = self.rows[index.row()]
        column = PostColumn(index.column())
        if role == _DISPLAY:
            return row.cell_text(column)
        if role == SORT_ROLE:
            return row.sort_keys[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER_ALIGNMENT if column.numeric else _TEXT_ALIGNMENT
        if role == Qt.ItemDataRole.ForegroundRole and column.numeric:
            return _muted_brush() if row.sort_keys[column] is None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip(column)
        if role == POST_ID_ROLE:
            return row.post_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PostColumn):
            return None
        column = PostColumn(section)
        if role == _DISPLAY:
            return column.header_text
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.explanation
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMBER_ALIGNMENT if column.numeric else _TEXT_ALIGNMENT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS

    # --- changing what is shown ---

    def show_rows(self, rows: Iterable[PostRow]) -> None:
        """Show these rows instead of the ones shown, in the current order and filter."""
        self.beginResetModel()
        self.all_rows = sorted_rows(list(rows), *self.order)
        self.rows = self._passing(self.all_rows)
        self._forget_positions()
        self.endResetModel()

    def order_by(self, column: PostColumn, order: Qt.SortOrder) -> None:
        """Sort by a column; selections and the current row follow their posts."""
        self.order = (PostColumn(column), order)
        self.all_rows = sorted_rows(self.all_rows, *self.order)
        self._rearrange(self._passing(self.all_rows))

    def show_only(self, passes: Callable[[PostRow], bool] | None) -> None:
        """Show the posts `passes` accepts (None: all); selected posts still shown stay selected."""
        self.passes = passes
        self._rearrange(self._passing(self.all_rows))

    def put_rows(self, rows: Sequence[PostRow]) -> None:
        """Show added, edited or restored posts, each in its place in the current order."""
        changed = {row.post_id: row for row in rows}
        kept = [changed.pop(row.post_id, row) for row in self.all_rows]
        self.all_rows = sorted_rows(kept + list(changed.values()), *self.order)
        self._rearrange(self._passing(self.all_rows))

    def drop_posts(self, post_ids: Iterable[int]) -> None:
        """Stop showing these posts (deleted)."""
        dropped = set(post_ids)
        positions = sorted(
            (self._positions[post_id] for post_id in dropped if post_id in self._positions),
            reverse=True,
        )
        for first, last in _runs_from_the_end(positions):
            self.beginRemoveRows(_NO_PARENT, first, last)
            del self.rows[first : last + 1]
            self.endRemoveRows()
        self.all_rows = [row for row in self.all_rows if row.post_id not in dropped]
        self._forget_positions()

    def position_of(self, post_id: int) -> int | None:
        return self._positions.get(post_id)

    def row_at(self, position: int) -> PostRow:
        return self.rows[position]

    def _passing(self, rows: list[PostRow]) -> list[PostRow]:
        passes = self.passes
        return list(rows) if passes is None else [row for row in rows if passes(row)]

    def _rearrange(self, rows: list[PostRow]) -> None:
        """Show `rows` (any number) as one layout change: persistent indexes (selection, the
        current row) follow their posts, or become invalid where a post is no longer shown."""
        self.layoutAboutToBeChanged[_PARENTS, _HINT].emit([], _SORT_HINT)
        before = self.persistentIndexList()
        followed = [self.rows[index.row()].post_id for index in before]
        self.rows = rows
        self._forget_positions()
        positions = self._positions
        after = [
            self.index(positions[post_id], index.column())
            if post_id in positions
            else QModelIndex()
            for post_id, index in zip(followed, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged[_PARENTS, _HINT].emit([], _SORT_HINT)

    @property
    def _positions(self) -> dict[int, int]:
        """Where each shown post is, by id; worked out when first needed after a change."""
        if self._known_positions is None:
            self._known_positions = {row.post_id: index for index, row in enumerate(self.rows)}
        return self._known_positions

    def _forget_positions(self) -> None:
        self._known_positions = None


def _runs_from_the_end(positions: Sequence[int]) -> list[tuple[int, int]]:
    """Descending positions → (first, last) runs of neighbours, the last run first."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and position == runs[-1][0] - 1:
            runs[-1][0] = position
        else:
            runs.append([position, position])
    return [(first, last) for first, last in runs]


def _muted_brush() -> Any:
    return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)


# --- The filter -----------------------------------------------------------------------------


class PostFilter(QSortFilterProxyModel):
    """Keeps the posts whose caption holds the search text, of the chosen account and kind.

    Both sorting and filtering are handed to the model, which works on its plain list of
    rows: QSortFilterProxyModel's own sort calls Python `data()` twice per comparison
    (≈ 2.6 s for 20,000 posts), and a Python `filterAcceptsRow` is a call from Qt into
    Python per row every time the proxy maps its rows again (≈ 20 ms for 20,000). The proxy
    keeps the model's order and rows, mapping them in C++ only.
    """

    def __init__(self, model: PostTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.posts = model
        self.search = ""
        self.account_id: int | None = None
        self.kind: PostKind | None = None
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(PostColumn):
            self.posts.order_by(PostColumn(column), order)

    def set_search(self, text: str) -> None:
        """Match captions holding `text`, whatever its case."""
        needle = text.strip().casefold()
        if needle != self.search:
            self.search = needle
            self._filter_again()

    def set_account(self, account_id: int | None) -> None:
        if account_id != self.account_id:
            self.account_id = account_id
            self._filter_again()

    def set_kind(self, kind: PostKind | None) -> None:
        if kind != self.kind:
            self.kind = kind
            self._filter_again()

    @property
    def filtering(self) -> bool:
        return bool(self.search) or self.account_id is not None or self.kind is not None

    def post_ids(self) -> list[int]:
        """The ids of the posts shown, top to bottom."""
        rows = self.posts.rows
        return [
            rows[self.mapToSource(self.index(position, 0)).row()].post_id
            for position in range(self.rowCount())
        ]

    def _filter_again(self) -> None:
        self.posts.show_only(self._test() if self.filtering else None)

    def _test(self) -> Callable[[PostRow], bool]:
        search, account_id, kind = self.search, self.account_id, self.kind
        if account_id is None and kind is None:
            return lambda row: search in row.search_text
        return lambda row: (
            search in row.search_text
            and (account_id is None or row.rated.post.account_id == account_id)
            and (kind is None or row.rated.post.kind == kind)
        )
