"""Choosing the post a subtitle file belongs to: by account, and by a word of the caption or the date."""

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account
from companion.core.posts import Post
from companion.ui.post_model import account_label, as_utc, first_line, published_text
from companion.ui.theme import set_role

CAPTION_CHARS = 60
DIALOG_WIDTH = 760


@dataclass(frozen=True)
class LinkChoice:
    """The post chosen; None to unlink the file."""

    post_id: int | None


def post_search_text(post: Post, account: str) -> str:
    """What a search matches: the caption, the account and the date as shown and as 2026-11-20."""
    day = as_utc(post.published_at).astimezone()
    return " ".join(
        (post.caption or "", account, published_text(post.published_at), day.date().isoformat())
    ).casefold()


class LinkPostDialog(QDialog):
    """The posts newest first; the account list and the search narrow them."""

    def __init__(
        self,
        file_name: str,
        accounts: Sequence[Account],
        posts: Sequence[Post],
        linked_post_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Link {file_name} to a post")
        self.accounts = {account.id: account for account in accounts}
        self.posts = list(posts)
        self.labels = {
            account_id: account_label(account) for account_id, account in self.accounts.items()
        }
        self.unlink = False
        self.account_combo = QComboBox()
        self.account_combo.addItem("All accounts", None)
        for account in accounts:
            self.account_combo.addItem(account_label(account), account.id)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search captions, or a date such as 2026-11-20")
        self.search_field.setClearButtonEnabled(True)
        self.post_list = QListWidget()
        self.post_list.setMinimumHeight(260)
        self.post_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.post_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        self.unlink_button = QPushButton("Unlink")
        self.buttons.addButton(self.unlink_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlink_button.setVisible(linked_post_id is not None)
        note = QLabel(
            "Which post does this file subtitle? The Posts page then shows that it has subtitles."
        )
        set_role(note, "muted")
        note.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.account_combo)
        filters.addWidget(self.search_field, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(filters)
        layout.addWidget(self.post_list, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(DIALOG_WIDTH)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.unlink_button.clicked.connect(self._unlink)
        self.account_combo.currentIndexChanged.connect(self.show_posts)
        self.search_field.textChanged.connect(self.show_posts)
        self.post_list.currentRowChanged.connect(self._update_ok)
        self.post_list.itemDoubleClicked.connect(self.accept)
        self.show_posts()
        self._select(linked_post_id)

    def show_posts(self) -> None:
        account_id = self.account_combo.currentData()
        needle = self.search_field.text().strip().casefold()
        self.post_list.clear()
        for post in self.posts:
            if account_id is not None and post.account_id != account_id:
                continue
            label = self.labels.get(post.account_id, "")
            if needle and needle not in post_search_text(post, label):
                continue
            caption = first_line(post.caption) or "(no caption)"
            if len(caption) > CAPTION_CHARS:
                caption = caption[: CAPTION_CHARS - 1] + "…"
            item = QListWidgetItem(f"{published_text(post.published_at)} · {label} · {caption}")
            item.setData(Qt.ItemDataRole.UserRole, post.id)
            self.post_list.addItem(item)
        self._update_ok()

    def choice(self) -> LinkChoice:
        if self.unlink:
            return LinkChoice(None)
        item = self.post_list.currentItem()
        return LinkChoice(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def _select(self, post_id: int | None) -> None:
        for row in range(self.post_list.count()):
            if self.post_list.item(row).data(Qt.ItemDataRole.UserRole) == post_id:
                self.post_list.setCurrentRow(row)
                return

    def _unlink(self) -> None:
        self.unlink = True
        self.accept()

    def _update_ok(self) -> None:
        chosen = self.post_list.currentItem() is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(chosen)


def ask_for_post_link(
    parent: QWidget,
    file_name: str,
    accounts: Sequence[Account],
    posts: Sequence[Post],
    linked_post_id: int | None,
) -> LinkChoice | None:
    """The post to link the file to (or None in the choice to unlink it); None when cancelled."""
    dialog = LinkPostDialog(file_name, accounts, posts, linked_post_id, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()
