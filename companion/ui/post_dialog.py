"""The form for adding or editing a post: when, on which account, what, and its numbers, checked as typed."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account
from companion.core.content import post_engagement
from companion.core.engagement import followers_on
from companion.core.posts import Post, PostKind
from companion.importers.values import BadValue, parse_count
from companion.ui.post_model import (
    COUNT_FIELDS,
    FollowerHistory,
    RowMaker,
    account_label,
    rate_text,
)
from companion.ui.theme import current_colors, set_role

PUBLISHED_FORMAT = "d MMM yyyy  HH:mm"
COUNT_FIELD_WIDTH = 120
CAPTION_HEIGHT = 84
FIELD_WIDTH = 420
CHOICE_WIDTH = 240
ERROR_COLORS = {False: "#B42318", True: "#FF8A80"}
"""Inline error text on the light and the dark palette (both at least 4.5:1 on the window)."""

NOT_A_COUNT = "Enter a whole number, like 1,234."
NEGATIVE_COUNT = "Can't be negative."
FUTURE_POST = "That's in the future: a published post has a time up to now."
NOT_A_LINK = "Start the link with https:// (or leave it empty)."


def count_problem(text: str) -> str | None:
    """Why `text` is not a count a creator can enter, or None when it is one (empty is fine)."""
    try:
        parse_count(text)
    except BadValue:
        return NEGATIVE_COUNT if text.strip().startswith("-") else NOT_A_COUNT
    return None


def link_problem(text: str) -> str | None:
    link = text.strip()
    if not link or (link.startswith(("https://", "http://")) and " " not in link):
        return None
    return NOT_A_LINK


def follower_note(published: datetime, history: FollowerHistory) -> str:
    """What to say when ER by followers cannot be worked out for a post published then."""
    if followers_on(published.date(), history) is not None:
        return ""
    if not history:
        return (
            "This account has no follower counts yet, so the post's ER by followers will "
            "show “—” until you add some."
        )
    first = history[0][0]
    return (
        f"This is before the account's first follower count ({first.day} {first:%b %Y}), so "
        "the post's ER by followers will show “—” until follower counts from that time exist."
    )


class FieldError(QLabel):
    """What is wrong with a field's value, shown by the field; hidden while there is nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("fieldError")
        self.setStyleSheet(f"color: {ERROR_COLORS[current_colors().dark]};")
        self.hide()

    def show_problem(self, problem: str | None) -> None:
        self.setText(f"⚠ {problem}" if problem else "")
        self.setVisible(bool(problem))


class PostDialog(QDialog):
    """Add a post, or edit one as its numbers grow; nothing is saved while a field is wrong."""

    def __init__(
        self,
        accounts: Sequence[Account],
        maker: RowMaker,
        post: Post | None = None,
        parent: QWidget | None = None,
        *,
        account_id: int | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.maker = maker
        self.original = post
        self._now = now
        self.setWindowTitle("Edit post" if post else "Add post")
        self._build_fields(accounts)
        self._build_layout()
        self._show_post(post, account_id)
        self._connect()
        self._refresh()

    # --- building ---

    def _build_fields(self, accounts: Sequence[Account]) -> None:
        self.published_edit = QDateTimeEdit()
        self.published_edit.setCalendarPopup(True)
        self.published_edit.setDisplayFormat(PUBLISHED_FORMAT)
        self.published_edit.setMinimumWidth(CHOICE_WIDTH)
        self.account_combo = QComboBox()
        self.account_combo.setMinimumWidth(CHOICE_WIDTH)
        for account in accounts:
            self.account_combo.addItem(account_label(account), account.id)
        self.kind_combo = QComboBox()
        self.kind_combo.setMinimumWidth(CHOICE_WIDTH)
        for kind in PostKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.caption_edit = QPlainTextEdit()
        self.caption_edit.setPlaceholderText("What the post said, or the video's title")
        self.caption_edit.setTabChangesFocus(True)
        self.caption_edit.setFixedHeight(CAPTION_HEIGHT)
        self.caption_edit.setMinimumWidth(FIELD_WIDTH)
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("https://…")
        self.count_edits: dict[str, QLineEdit] = {}
        for name in COUNT_FIELDS.values():
            edit = QLineEdit()
            edit.setPlaceholderText("—")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setFixedWidth(COUNT_FIELD_WIDTH)
            self.count_edits[name] = edit
        self.errors = {name: FieldError() for name in ("published", "link", *self.count_edits)}
        self.follower_label = note_label()
        self.rates_label = note_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        set_role(self.save_button, "primaryButton")

    def _build_layout(self) -> None:
        # Rows of boxes rather than a QFormLayout, which gives wrapping notes the wrong height.
        title = QLabel(self.windowTitle())
        set_role(title, "dialogTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addSpacing(6)
        for caption, field in (
            ("Published", self.published_edit),
            ("", self.errors["published"]),
            ("Account", self.account_combo),
            ("", self.follower_label),
            ("Kind", self.kind_combo),
            ("Caption or title", self.caption_edit),
            ("Link", self.link_edit),
            ("", self.errors["link"]),
        ):
            layout.addLayout(self._row(caption, field))
        layout.addSpacing(10)
        layout.addWidget(note_label("Numbers", "cardTitle"))
        layout.addWidget(
            note_label(
                "Leave a number empty when the platform does not show it; come back and "
                "update them as they grow."
            )
        )
        layout.addLayout(self._counts_grid())
        layout.addSpacing(4)
        layout.addWidget(self.rates_label)
        layout.addStretch(1)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)

    def _row(self, caption: str, field: QWidget) -> QHBoxLayout:
        """A caption and its field; a row without a caption lines its note up with the fields.

        A row whose note is hidden takes no room: spacing items and hidden widgets count
        as empty, and the dialog's layout skips empty rows.
        """
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        if caption:
            label = QLabel(caption)
            label.setFixedWidth(self._caption_width())
            label.setBuddy(field)
            tall = field is self.caption_edit
            align = Qt.AlignmentFlag.AlignTop if tall else Qt.AlignmentFlag.AlignVCenter
            row.addWidget(label, 0, align)
        else:
            row.addSpacing(self._caption_width())
        grows = isinstance(field, (QPlainTextEdit, QLineEdit, QLabel))
        row.addWidget(field, 1 if grows else 0)
        if not grows:
            row.addStretch(1)
        return row

    def _caption_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("Caption or title") + 8

    def _counts_grid(self) -> QGridLayout:
        """Two counts a row, each with its error on the line below it."""
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for position, (column, name) in enumerate(COUNT_FIELDS.items()):
            row, pair = divmod(position, 2)
            label = QLabel(column.title)
            label.setFixedWidth(self._caption_width() if pair == 0 else label.sizeHint().width())
            label.setBuddy(self.count_edits[name])
            grid.addWidget(label, row * 2, pair * 2)
            grid.addWidget(self.count_edits[name], row * 2, pair * 2 + 1)
            grid.addWidget(self.errors[name], row * 2 + 1, pair * 2 + 1)
            grid.setRowMinimumHeight(row * 2 + 1, 6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _show_post(self, post: Post | None, account_id: int | None) -> None:
        published = post.published_at if post else self.now().replace(second=0, microsecond=0)
        self.published_edit.setDateTime(_qt_time(published))
        chosen = post.account_id if post else account_id
        if chosen is not None and (index := self.account_combo.findData(chosen)) >= 0:
            self.account_combo.setCurrentIndex(index)
        kind = PostKind(post.kind) if post else PostKind.POST
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        if post is None:
            return
        self.caption_edit.setPlainText(post.caption or "")
        self.link_edit.setText(post.url or "")
        for name, edit in self.count_edits.items():
            value = getattr(post, name)
            edit.setText("" if value is None else f"{value:,}")

    def _connect(self) -> None:
        self.published_edit.dateTimeChanged.connect(self._refresh)
        self.account_combo.currentIndexChanged.connect(self._refresh)
        self.link_edit.textChanged.connect(self._refresh)
        for edit in self.count_edits.values():
            edit.textChanged.connect(self._refresh)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # --- reading and checking ---

    def now(self) -> datetime:
        return self._now or datetime.now(UTC)

    def published_at(self) -> datetime:
        """The time entered, as stored (UTC); an untouched time stays exactly as it was."""
        entered = self.published_edit.dateTime()
        if self.original and entered == _qt_time(self.original.published_at):
            return self.original.published_at
        return datetime.fromtimestamp(entered.toMSecsSinceEpoch() / 1000, tz=UTC)

    def account_id(self) -> int | None:
        return self.account_combo.currentData()

    def problems(self) -> dict[str, str]:
        """What is wrong, by field; empty when the post can be saved."""
        found = {name: count_problem(edit.text()) for name, edit in self.count_edits.items()}
        found["link"] = link_problem(self.link_edit.text())
        found["published"] = FUTURE_POST if self.published_at() > self.now() else None
        return {name: problem for name, problem in found.items() if problem}

    def post(self) -> Post | None:
        """The post as entered, or None while a field is wrong or there is no account."""
        account_id = self.account_id()
        if self.problems() or account_id is None:
            return None
        counts = {name: parse_count(edit.text()) for name, edit in self.count_edits.items()}
        fields = dict(
            account_id=account_id,
            published_at=self.published_at(),
            kind=PostKind(self.kind_combo.currentData()),
            caption=self.caption_edit.toPlainText().strip() or None,
            url=self.link_edit.text().strip() or None,
            **counts,
        )
        return replace(self.original, **fields) if self.original else Post(**fields)

    def accept(self) -> None:
        problems = self.problems()
        self._show_problems(problems)
        if problems or self.post() is None:
            self._focus_first(problems)
            return
        super().accept()

    # --- showing ---

    def _refresh(self) -> None:
        self._show_problems(self.problems())
        history = self.maker.histories.get(self.account_id() or 0, ())
        note = follower_note(self.published_at(), history)
        self.follower_label.setText(note)
        self.follower_label.setVisible(bool(note))
        post = self.post()
        self.rates_label.setText(_rates_line(post, history) if post else "")
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Taller when an error or note appears, so nothing is squeezed; never narrower."""
        layout = self.layout()
        width = self.width()
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.sizeHint().height())
        if self.isVisible() and needed > self.height():
            self.resize(width, needed)

    def _show_problems(self, problems: dict[str, str]) -> None:
        for name, error in self.errors.items():
            error.show_problem(problems.get(name))

    def _focus_first(self, problems: dict[str, str]) -> None:
        fields = {"published": self.published_edit, "link": self.link_edit, **self.count_edits}
        for name, field in fields.items():
            if name in problems:
                field.setFocus()
                return


def _rates_line(post: Post, history: FollowerHistory) -> str:
    rated = post_engagement(post, history)
    return (
        f"ER by followers {rate_text(rated.by_followers)}  ·  by reach "
        f"{rate_text(rated.by_reach)}  ·  by views {rate_text(rated.by_views)}"
    )


def _qt_time(moment: datetime) -> QDateTime:
    return QDateTime.fromMSecsSinceEpoch(round(moment.timestamp() * 1000))


def note_label(text: str = "", object_name: str = "muted") -> QLabel:
    """A wrapping line of text styled by the theme through its object name."""
    label = QLabel(text)
    set_role(label, object_name)
    label.setWordWrap(True)
    return label


def ask_for_post(
    parent: QWidget,
    accounts: Sequence[Account],
    maker: RowMaker,
    post: Post | None = None,
    account_id: int | None = None,
) -> Post | None:
    """Open the form; the post as entered when saved, None when cancelled."""
    dialog = PostDialog(accounts, maker, post, parent, account_id=account_id)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.post()
    finally:
        dialog.deleteLater()
