"""The Posts page: every post and how it did, sorted and filtered as the creator likes, edited in place."""

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion import APP_NAME
from companion.core.accounts import Account
from companion.core.posts import Post, PostKind
from companion.ui import post_dialog
from companion.ui.context import AppContext
from companion.ui.pages.base import PAGE_MARGINS, EmptyState, Page, count_phrase, page_title_label
from companion.ui.post_commands import AddPost, DeletePosts, EditPost, post_changes
from companion.ui.post_dialog import note_label
from companion.ui.post_model import (
    PostColumn,
    PostFilter,
    PostRow,
    PostTableModel,
    RowMaker,
    account_label,
    load_posts,
)
from companion.ui.snapshot_commands import audience_signals
from companion.ui.subtitles.post_links import SubtitleBadges, subtitle_menu
from companion.ui.tables import CELL_SIDE_PADDING, ThemedTable
from companion.ui.theme import set_role

HIDDEN_COLUMNS_KEY = "posts/hidden columns"
"""What the style adds inside a cell before its text; the header lines its titles up with it."""
CELL_PADDING = 2 * CELL_SIDE_PADDING + 14
SORT_ARROW_ROOM = 14
ACCOUNT_COLUMN_MOST = 220
ROW_PADDING = 10
CAPTION_LEAST = 240
COLUMN_SAMPLES = {
    PostColumn.PUBLISHED: "28 Sep 2026, 23:59",
    PostColumn.KIND: "Reel / Short",
    PostColumn.VIEWS: "9,999,999",
    PostColumn.REACH: "9,999,999",
    PostColumn.IMPRESSIONS: "9,999,999",
}
COUNT_SAMPLE = "999,999"
RATE_SAMPLE = "100.0 %"

NO_ACCOUNTS_BODY = (
    "Posts belong to one of your accounts. Once your accounts are in your record, add each "
    "post with its likes, comments, shares and saves, and see how each one did."
)
NO_POSTS_BODY = (
    "Add a post and its numbers, and see its engagement rate by followers, by reach and by "
    "views. Update the numbers as they grow; every change can be undone."
)
READ_ONLY_NOTE = "This database is open read-only, so posts are shown but cannot be changed."


class PostTable(ThemedTable):
    """The table of posts, with room around its cells and keys to edit and delete.

    The caption takes the width the other columns leave, but never so little that it
    cannot be read; then the table scrolls sideways instead.
    """

    edit_asked = Signal()
    """Return or Enter: edit the selected post."""

    delete_asked = Signal()
    """Delete (or Backspace, the Mac's delete key): delete the selected posts."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_asked.emit()
        elif event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Backspace:
            self.delete_asked.emit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_caption()

    def fit_caption(self) -> None:
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(column)
            for column in PostColumn
            if column is not PostColumn.CAPTION and not header.isSectionHidden(column)
        )
        room = self.viewport().width() - others
        header.resizeSection(PostColumn.CAPTION, max(CAPTION_LEAST, room))


def confirm_delete(parent: QWidget, count: int) -> bool:
    """Ask before deleting several posts at once; True to go ahead."""
    box = QMessageBox(
        QMessageBox.Icon.Question, APP_NAME, f"Delete {count:,} posts?", parent=parent
    )
    box.setInformativeText("You can undo this.")
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    return box.clickedButton() is delete


class PostsPage(Page):
    """Every post with its ER columns; read when first shown, then kept up to date by the commands."""

    title = "Posts"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.changes = post_changes(context)
        self.model = PostTableModel(self)
        self.proxy = PostFilter(self.model, self)
        self.maker = RowMaker({}, {})
        self.stale = True
        self._fitted_accounts: list[str] = []
        self._build_widgets()
        self._build_layout()
        self._build_table()
        self._connect()

    # --- building ---

    def _build_widgets(self) -> None:
        self.count_label = note_label()
        self.add_button = QPushButton("Add post…")
        set_role(self.add_button, "primaryButton")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search captions")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(240)
        self.account_combo = QComboBox()
        self.account_combo.addItem("All accounts", None)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("All kinds", None)
        for kind in PostKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.read_only_note = note_label(READ_ONLY_NOTE)
        self.table = PostTable()
        self.empty_state = EmptyState("No posts yet", NO_POSTS_BODY)
        self.empty_add_button = QPushButton("Add post…")
        set_role(self.empty_add_button, "primaryButton")
        self.no_match_label = note_label("No posts match the search and filters.", "emptyStateBody")
        self.no_match_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_filters_button = QPushButton("Show all posts")

    def _build_layout(self) -> None:
        heading = QHBoxLayout()
        heading.addWidget(page_title_label(self.title))
        heading.addSpacing(12)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        heading.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search_field, 2)
        filters.addWidget(self.account_combo, 1)
        filters.addWidget(self.kind_combo)
        filters.addStretch(1)
        filters.addWidget(self.edit_button)
        filters.addWidget(self.delete_button)
        self.filter_bar = QWidget()
        self.filter_bar.setLayout(filters)
        filters.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self._empty_page())
        self.no_match_page = self._no_match_page()
        self.stack.addWidget(self.no_match_page)
        layout = QVBoxLayout(self)
        left, top, right, bottom = PAGE_MARGINS
        layout.setContentsMargins(left - 8, top, right - 8, bottom - 8)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.stack, 1)

    def _empty_page(self) -> QWidget:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.empty_add_button)
        row.addStretch(1)
        # Below the empty state's text, before the stretch that keeps it centred.
        self.empty_state.layout().insertSpacing(2, 12)
        self.empty_state.layout().insertLayout(3, row)
        return self.empty_state

    def _no_match_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(self.no_match_label)
        column.addSpacing(8)
        column.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return page

    def _build_table(self) -> None:
        table = self.table
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setCornerButtonEnabled(False)
        rows = table.verticalHeader()
        rows.hide()
        # One fixed height for every row: the view never measures 20,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + ROW_PADDING)
        columns = table.horizontalHeader()
        columns.setHighlightSections(False)
        columns.setStretchLastSection(False)
        columns.setMinimumSectionSize(48)
        columns.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # A "CC" badge on the caption of posts with a linked subtitle file; the menu opens it.
        self.subtitle_badges = SubtitleBadges(self.context, table)
        table.setItemDelegateForColumn(PostColumn.CAPTION, self.subtitle_badges)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._fit_columns()
        columns.setSortIndicator(PostColumn.PUBLISHED, Qt.SortOrder.DescendingOrder)
        self._restore_hidden_columns()
        table.setSortingEnabled(True)

    def _connect(self) -> None:
        self.changes.saved.connect(self._show_saved)
        self.changes.removed.connect(self._show_removed)
        # New follower counts change ER by followers: read again (when next shown).
        audience_signals(self.context).days_changed.connect(self.reload)
        self.search_field.textChanged.connect(self.proxy.set_search)
        self.account_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_account(self.account_combo.currentData())
        )
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        for signal in (
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
        ):
            signal.connect(self._show_state)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.edit_asked.connect(self.edit_selected)
        self.table.delete_asked.connect(self.delete_selected)
        self.table.horizontalHeader().customContextMenuRequested.connect(self._column_menu)
        self.table.customContextMenuRequested.connect(self._subtitles_menu)
        self.add_button.clicked.connect(self.add_post)
        self.empty_add_button.clicked.connect(self.add_post)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.clear_filters_button.clicked.connect(self.clear_filters)

    # --- reading the record ---

    def reload(self) -> None:
        """The record may have changed: read it again now if shown, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.load()

    def load(self) -> None:
        """Read every post and the accounts' follower counts once; build the rows once."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.maker, rows = load_posts(self.context.store)
            self.stale = False
            self._show_accounts()
            self.model.show_rows(rows)
            self.subtitle_badges.reload()
            self._fit_account_column()
        finally:
            QApplication.restoreOverrideCursor()
        self._show_state()

    @property
    def accounts(self) -> list[Account]:
        return list(self.maker.accounts.values())

    @property
    def editable(self) -> bool:
        return not self.context.read_only and bool(self.maker.accounts)

    # --- Edit ▸ Find ---

    def can_find(self) -> bool:
        return self.stale or self.model.total > 0

    def find(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # --- adding, editing, deleting ---

    def selected_count(self) -> int:
        """How many posts are selected, counted from the selection's ranges, not row by row."""
        ranges = self.table.selectionModel().selection()
        return sum(selected.bottom() - selected.top() + 1 for selected in ranges)

    def selected_rows(self) -> list[PostRow]:
        """The selected posts, top to bottom."""
        picked = self.table.selectionModel().selectedRows()
        positions = sorted(self.proxy.mapToSource(index).row() for index in picked)
        return [self.model.row_at(position) for position in positions]

    def add_post(self) -> None:
        if not self.editable:
            return
        post = post_dialog.ask_for_post(
            self, self.accounts, self.maker, account_id=self.proxy.account_id
        )
        if post is None:
            return
        command = AddPost(self.context, post)
        if command.push() and command.post.id is not None:
            self.select_post(command.post.id)

    def edit_selected(self) -> None:
        chosen = self.selected_rows()
        if len(chosen) == 1:
            self.edit_post(chosen[0].post)

    def edit_post(self, post: Post) -> None:
        if not self.editable:
            return
        edited = post_dialog.ask_for_post(self, self.accounts, self.maker, post)
        if edited is not None and edited != post:
            EditPost(self.context, edited).push()

    def delete_selected(self) -> None:
        posts = [row.post for row in self.selected_rows()]
        if not posts or not self.editable:
            return
        if len(posts) > 1 and not confirm_delete(self, len(posts)):
            return
        DeletePosts(self.context, posts).push()

    def select_post(self, post_id: int) -> None:
        """Select a post and scroll to it; if the filters hide it, say so."""
        position = self.model.position_of(post_id)
        shown = (
            self.proxy.mapFromSource(self.model.index(position, 0))
            if position is not None
            else QModelIndex()
        )
        if not shown.isValid():
            self.context.status_message.emit("Saved. The search or filters hide this post.")
            return
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(shown, flags)
        self.table.scrollTo(shown)

    def clear_filters(self) -> None:
        self.search_field.clear()
        self.account_combo.setCurrentIndex(0)
        self.kind_combo.setCurrentIndex(0)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.edit_post(self.model.row_at(self.proxy.mapToSource(index).row()).post)

    def _subtitles_menu(self, point: QPoint) -> None:
        files = self.subtitle_badges.files_of(self.table.indexAt(point))
        if files:
            subtitle_menu(self, files, self.table.viewport().mapToGlobal(point))

    def _kind_chosen(self) -> None:
        value = self.kind_combo.currentData()
        self.proxy.set_kind(PostKind(value) if value else None)

    # --- following the commands ---

    def _show_saved(self, posts: list[Post]) -> None:
        self.model.put_rows(self.maker.rows(posts))
        self._show_state()

    def _show_removed(self, post_ids: list[int]) -> None:
        self.model.drop_posts(post_ids)
        self._show_state()

    # --- showing ---

    def _show_accounts(self) -> None:
        chosen = self.account_combo.currentData()
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        self.account_combo.addItem("All accounts", None)
        for account in self.accounts:
            self.account_combo.addItem(account_label(account), account.id)
        index = self.account_combo.findData(chosen) if chosen is not None else 0
        self.account_combo.setCurrentIndex(max(index, 0))
        self.account_combo.blockSignals(False)
        self.proxy.set_account(self.account_combo.currentData())

    def _show_state(self) -> None:
        """The count, the buttons, and the table, the empty state, or the "no match" note."""
        total = self.model.total
        shown = self.proxy.rowCount()
        self._show_count(total, shown)
        self._show_controls(total > 0)
        if shown:
            self.stack.setCurrentWidget(self.table)
        elif total:
            self.stack.setCurrentWidget(self.no_match_page)
        else:
            self._show_empty_state()
            self.stack.setCurrentWidget(self.empty_state)

    def _show_count(self, total: int, shown: int) -> None:
        if shown == total:
            self.count_label.setText(count_phrase(total, "post"))
        else:
            self.count_label.setText(f"{shown:,} of {count_phrase(total, 'post')}")

    def _show_controls(self, has_posts: bool) -> None:
        """Read-only: no buttons that could change anything; the note says why."""
        writable = not self.context.read_only
        self.filter_bar.setVisible(has_posts)
        self.count_label.setVisible(has_posts)
        self.add_button.setVisible(has_posts and writable)
        self.edit_button.setVisible(writable)
        self.delete_button.setVisible(writable)
        self.read_only_note.setVisible(not writable)
        self._update_buttons()

    def _show_empty_state(self) -> None:
        has_accounts = bool(self.maker.accounts)
        self.empty_state.set_body(NO_POSTS_BODY if has_accounts else NO_ACCOUNTS_BODY)
        self.empty_add_button.setVisible(has_accounts and not self.context.read_only)

    def _update_buttons(self) -> None:
        chosen = self.selected_count()
        for button in (self.add_button, self.empty_add_button):
            button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and chosen == 1)
        self.delete_button.setEnabled(self.editable and chosen > 0)

    # --- columns ---

    def _fit_columns(self) -> None:
        """Widths from the font, so numbers never elide; the caption takes what is left."""
        for column in PostColumn:
            if column is not PostColumn.CAPTION:
                self._fit_column(column, [_sample(column)])
        self.table.fit_caption()

    def _fit_account_column(self) -> None:
        """Wide enough for the accounts' names, up to a point; refitted only when they change."""
        labels = [account_label(account) for account in self.accounts]
        if labels != self._fitted_accounts:
            self._fitted_accounts = labels
            self._fit_column(PostColumn.ACCOUNT, [_sample(PostColumn.ACCOUNT), *labels])
            self.table.fit_caption()

    def _fit_column(self, column: PostColumn, samples: list[str]) -> None:
        bold = QFont(self.table.horizontalHeader().font())
        bold.setBold(True)
        lines = column.header_text.splitlines()
        title = max(QFontMetrics(bold).horizontalAdvance(line) for line in lines)
        widest = max(self.table.fontMetrics().horizontalAdvance(text) for text in samples)
        width = max(widest, title + SORT_ARROW_ROOM) + CELL_PADDING
        if column is PostColumn.ACCOUNT:
            width = min(width, ACCOUNT_COLUMN_MOST)
        self.table.horizontalHeader().resizeSection(column, width)

    def _restore_hidden_columns(self) -> None:
        names = QSettings().value(HIDDEN_COLUMNS_KEY) or []
        for column in PostColumn:
            hidden = column.name in names and column is not PostColumn.CAPTION
            self.table.horizontalHeader().setSectionHidden(column, hidden)

    def _column_menu(self, point: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in PostColumn:
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column is not PostColumn.CAPTION)
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
        menu.popup(header.mapToGlobal(point))

    def _show_column(self, column: PostColumn, shown: bool) -> None:
        header = self.table.horizontalHeader()
        header.setSectionHidden(column, not shown)
        hidden = [c.name for c in PostColumn if header.isSectionHidden(c)]
        QSettings().setValue(HIDDEN_COLUMNS_KEY, hidden)
        self.table.fit_caption()


def _sample(column: PostColumn) -> str:
    if column.is_rate:
        return RATE_SAMPLE
    return COLUMN_SAMPLES.get(column, COUNT_SAMPLE if column.numeric else column.title)
