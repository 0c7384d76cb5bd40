"""The Media Kit page's forms: the creator's profile, rate card, testimonials and chosen top posts.

Each form reads a KitProfile and gives back an edited one; the page saves it and redraws
the preview. Nothing here writes to the database.
"""

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.core.content import PostEngagement
from companion.core.mediakit import percent_text, short_caption
from companion.core.mediakit_profile import (
    BIO_MOST,
    MOST_RATES,
    MOST_TESTIMONIALS,
    MOST_TOP_POSTS,
    ChosenPost,
    KitProfile,
    RateCardItem,
    Testimonial,
)
from companion.ui.post_dialog import note_label

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.webp *.bmp)"
THUMBNAIL = 72
RATE_COLUMNS = ("What you offer", "Price", "Currency", "Note")


def choose_image(parent: QWidget, title: str) -> str | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), IMAGE_FILTER)
    return name or None


class ProfileForm(QWidget):
    """Name, photo, niche, place, bio and contact."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo_path: str | None = None
        self.name_field = QLineEdit()
        self.name_field.setPlaceholderText("The name brands know you by")
        self.niche_field = QLineEdit()
        self.niche_field.setPlaceholderText("Food & travel")
        self.location_field = QLineEdit()
        self.location_field.setPlaceholderText("Lisbon, Portugal")
        self.bio_field = QPlainTextEdit()
        self.bio_field.setPlaceholderText("Two or three lines: what you make and for whom.")
        self.bio_field.setFixedHeight(84)
        self.bio_count = note_label()
        self.email_field = QLineEdit()
        self.email_field.setPlaceholderText("hello@example.com")
        self.website_field = QLineEdit()
        self.website_field.setPlaceholderText("example.com")
        self.photo_label = QLabel()
        self.photo_label.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_button = QPushButton("Choose photo…")
        self.remove_photo_button = QPushButton("Remove")
        self._build()
        for field in (
            self.name_field,
            self.niche_field,
            self.location_field,
            self.email_field,
            self.website_field,
        ):
            field.textEdited.connect(self.edited)
        self.bio_field.textChanged.connect(self._bio_changed)
        self.photo_button.clicked.connect(self._choose_photo)
        self.remove_photo_button.clicked.connect(self._remove_photo)

    def _build(self) -> None:
        photo_buttons = QVBoxLayout()
        photo_buttons.addWidget(self.photo_button)
        photo_buttons.addWidget(self.remove_photo_button)
        photo_buttons.addStretch(1)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_label)
        photo_row.addLayout(photo_buttons)
        photo_row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.addRow("Photo", photo_row)
        form.addRow("Name", self.name_field)
        form.addRow("Niche", self.niche_field)
        form.addRow("Location", self.location_field)
        form.addRow("Bio", self.bio_field)
        form.addRow("", self.bio_count)
        form.addRow("Email", self.email_field)
        form.addRow("Website", self.website_field)

    def show_profile(self, profile: KitProfile) -> None:
        for field, text in (
            (self.name_field, profile.name),
            (self.niche_field, profile.niche),
            (self.location_field, profile.location),
            (self.email_field, profile.email),
            (self.website_field, profile.website),
        ):
            field.setText(text)
        self.bio_field.blockSignals(True)
        self.bio_field.setPlainText(profile.bio)
        self.bio_field.blockSignals(False)
        self._count_bio()
        self._show_photo(profile.photo_path)

    def apply_to(self, profile: KitProfile) -> KitProfile:
        return replace(
            profile,
            name=self.name_field.text().strip(),
            niche=self.niche_field.text().strip(),
            location=self.location_field.text().strip(),
            bio=self.bio_field.toPlainText().strip(),
            email=self.email_field.text().strip(),
            website=self.website_field.text().strip(),
            photo_path=self.photo_path,
        )

    def _bio_changed(self) -> None:
        self._count_bio()
        self.edited.emit()

    def _count_bio(self) -> None:
        used = len(self.bio_field.toPlainText().strip())
        self.bio_count.setText(f"{used} of {BIO_MOST} characters")

    def _choose_photo(self) -> None:
        path = choose_image(self, "Choose your photo")
        if path:
            self._show_photo(path)
            self.edited.emit()

    def _remove_photo(self) -> None:
        self._show_photo(None)
        self.edited.emit()

    def _show_photo(self, path: str | None) -> None:
        self.photo_path = path
        picture = QPixmap(path) if path else QPixmap()
        if picture.isNull():
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText("No photo" if not path else "Cannot\nread")
        else:
            self.photo_label.setPixmap(
                picture.scaled(
                    THUMBNAIL,
                    THUMBNAIL,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.remove_photo_button.setEnabled(path is not None)


class RatesForm(QWidget):
    """The rate card (a row per offer) and up to two testimonials."""

    edited = Signal()

    def __init__(self, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = currency
        self.problems: list[str] = []
        self.table = QTableWidget(0, len(RATE_COLUMNS))
        self.table.setHorizontalHeaderLabels(RATE_COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(150)
        self.add_button = QPushButton("Add rate")
        self.remove_button = QPushButton("Remove rate")
        self.quotes = [QPlainTextEdit() for _ in range(MOST_TESTIMONIALS)]
        self.attributions = [QLineEdit() for _ in range(MOST_TESTIMONIALS)]
        self._build()
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_row)
        for quote, attribution in zip(self.quotes, self.attributions, strict=True):
            quote.textChanged.connect(self.edited)
            attribution.textEdited.connect(self.edited)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(note_label("Rate card (optional): what you offer and from what price."))
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addSpacing(10)
        layout.addWidget(
            note_label("Testimonials (optional): what brands said, as you may quote it.")
        )
        for number, (quote, attribution) in enumerate(
            zip(self.quotes, self.attributions, strict=True), start=1
        ):
            quote.setPlaceholderText(f"Quote {number}")
            quote.setFixedHeight(60)
            attribution.setPlaceholderText("Who said it, e.g. Marketing lead, Brand name")
            layout.addWidget(quote)
            layout.addWidget(attribution)
        layout.addStretch(1)

    def show_profile(self, profile: KitProfile) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for item in profile.rate_card:
            self._append(item.deliverable, str(item.price), item.currency, item.note)
        self.table.blockSignals(False)
        self.add_button.setEnabled(self.table.rowCount() < MOST_RATES)
        for index, (quote, attribution) in enumerate(
            zip(self.quotes, self.attributions, strict=True)
        ):
            words = profile.testimonials[index] if index < len(profile.testimonials) else None
            quote.blockSignals(True)
            quote.setPlainText(words.quote if words else "")
            quote.blockSignals(False)
            attribution.setText(words.attribution if words else "")

    def apply_to(self, profile: KitProfile) -> KitProfile:
        """The profile with these rates and words; rows that cannot be read are listed in `problems`."""
        self.problems = []
        rates = []
        for row in range(self.table.rowCount()):
            what, price, currency, note = (self._cell(row, column) for column in range(4))
            if not (what or price):
                continue
            try:
                amount = Decimal(price.replace(",", "").lstrip("$€£"))
            except InvalidOperation:
                self.problems.append(
                    f"Rate card, row {row + 1}: the price {price!r} is not a number."
                )
                continue
            rates.append(RateCardItem(what, amount, (currency or self.currency).upper(), note))
        words = tuple(
            Testimonial(quote.toPlainText().strip(), attribution.text().strip())
            for quote, attribution in zip(self.quotes, self.attributions, strict=True)
            if quote.toPlainText().strip()
        )
        return replace(profile, rate_card=tuple(rates), testimonials=words)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def _append(self, *texts: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def _add_row(self) -> None:
        self.table.blockSignals(True)
        self._append("", "", self.currency, "")
        self.table.blockSignals(False)
        self.add_button.setEnabled(self.table.rowCount() < MOST_RATES)
        self.table.setCurrentCell(self.table.rowCount() - 1, 0)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, 0))

    def _remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.add_button.setEnabled(True)
            self.edited.emit()


class PostsForm(QWidget):
    """Pick up to three posts to show, each with a picture if the creator adds one."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: dict[int, str] = {}
        self._rated: dict[int, PostEngagement] = {}
        self.platforms: dict[int, str] = {}
        self.list = QListWidget()
        self.note = note_label(
            f"Tick up to {MOST_TOP_POSTS} posts of the last 90 days, best first. "
            "With none ticked, the kit shows the three with the highest engagement."
        )
        self.picture_button = QPushButton("Add picture…")
        self.remove_picture_button = QPushButton("Remove picture")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.picture_button)
        buttons.addWidget(self.remove_picture_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.list.itemChanged.connect(self._ticked)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        self.picture_button.clicked.connect(self._add_picture)
        self.remove_picture_button.clicked.connect(self._remove_picture)
        self._enable()

    def show_posts(
        self, rated: list[PostEngagement], profile: KitProfile, platforms: dict[int, str]
    ) -> None:
        """List the posts to pick from; `platforms` names each account's platform."""
        self.platforms = platforms
        chosen = {pick.post_id for pick in profile.top_posts}
        self.images = {p.post_id: p.image_path for p in profile.top_posts if p.image_path}
        self.list.blockSignals(True)
        self.list.clear()
        for item in rated:
            post = item.post
            if post.id is None:
                continue
            row = QListWidgetItem()
            row.setData(Qt.ItemDataRole.UserRole, post.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(
                Qt.CheckState.Checked if post.id in chosen else Qt.CheckState.Unchecked
            )
            self._label(row, item)
            self.list.addItem(row)
        self.list.blockSignals(False)
        self._rated = {item.post.id: item for item in rated if item.post.id is not None}
        self._enable()

    def apply_to(self, profile: KitProfile) -> KitProfile:
        """The picks in the creator's order; picks not listed here (older posts, or posts of
        accounts left out for now) are kept as they were."""
        checked = self.checked_ids()
        kept = [
            pick.post_id
            for pick in profile.top_posts
            if pick.post_id not in self._rated or pick.post_id in checked
        ]
        ids = kept + [post_id for post_id in checked if post_id not in kept]
        return replace(profile, top_posts=tuple(ChosenPost(i, self.images.get(i)) for i in ids))

    def checked_ids(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _label(self, row: QListWidgetItem, item: PostEngagement) -> None:
        post = item.post
        picture = "   [picture]" if post.id in self.images else ""
        caption = short_caption(post.caption or "", 70) or post.kind.label
        platform = self.platforms.get(post.account_id, "")
        rate = percent_text(item.by_followers)
        row.setText(f"{rate}   {platform} · {post.published_at:%d %b}   {caption}{picture}")

    def _ticked(self, row: QListWidgetItem) -> None:
        if len(self.checked_ids()) > MOST_TOP_POSTS and row.checkState() == Qt.CheckState.Checked:
            self.list.blockSignals(True)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.list.blockSignals(False)
            self.note.setText(f"A kit shows {MOST_TOP_POSTS} posts at most; untick one first.")
            return
        self._enable()
        self.edited.emit()

    def _current_id(self) -> int | None:
        row = self.list.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row else None

    def _enable(self) -> None:
        post_id = self._current_id()
        self.picture_button.setEnabled(post_id is not None)
        self.remove_picture_button.setEnabled(post_id in self.images)

    def _add_picture(self) -> None:
        post_id = self._current_id()
        path = choose_image(self, "Choose a picture of this post") if post_id else None
        if post_id is None or not path:
            return
        self.images[post_id] = path
        row = self.list.currentItem()
        if len(self.checked_ids()) < MOST_TOP_POSTS:
            self.list.blockSignals(True)
            row.setCheckState(Qt.CheckState.Checked)
            self.list.blockSignals(False)
        self._relabel(row)
        self._enable()
        self.edited.emit()

    def _remove_picture(self) -> None:
        post_id = self._current_id()
        if post_id in self.images:
            del self.images[post_id]
            self._relabel(self.list.currentItem())
            self._enable()
            self.edited.emit()

    def _relabel(self, row: QListWidgetItem) -> None:
        rated = self._rated.get(row.data(Qt.ItemDataRole.UserRole))
        if rated is not None:
            self.list.blockSignals(True)
            self._label(row, rated)
            self.list.blockSignals(False)
