"""The Media Kit page: choose accounts, sections and look, edit the profile, see the pages, export the PDF."""

import logging
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion.core.accounts import Account
from companion.core.mediakit import MediaKit, kit_date
from companion.core.mediakit_profile import (
    KitChoices,
    KitProfile,
    KitSection,
    Paper,
    kit_themes,
    profile_problems,
    theme_by_id,
)
from companion.exporters.mediakit_pdf import export_media_kit, kit_page_image, lay_out_kit
from companion.exporters.pdf_layout import ensure_gui_application
from companion.store.accounts import list_accounts
from companion.store.mediakit import (
    chosen_accounts,
    load_choices,
    load_media_kit,
    load_profile,
    posts_to_choose,
    save_choices,
    save_profile,
)
from companion.ui.account_dialog import InlineMessage
from companion.ui.context import AppContext
from companion.ui.mediakit_editor import PostsForm, ProfileForm, RatesForm
from companion.ui.pages.base import PAGE_MARGINS, EmptyState, Page, page_title_label
from companion.ui.post_dialog import note_label
from companion.ui.theme import set_role
from companion.ui.workers import Worker

log = logging.getLogger(__name__)

REFRESH_MS = 350
PREVIEW_WAIT_MS = 15_000
EDITOR_WIDTH = 420
PAGE_GAP = 18
LEAST_PREVIEW_WIDTH = 320
MOST_PREVIEW_WIDTH = 860
NO_ACCOUNTS_BODY = (
    "A media kit is made from your own numbers: who follows you, how they engage, and the "
    "brands you have worked with. Add your accounts on the Audience page, or import your "
    "numbers, and your kit appears here, ready to export as a PDF."
)
READ_ONLY_NOTE = "This database is open read-only: the kit can be exported, but edits are not kept."


def today() -> date:
    return date.today()


def fit_to_rows(rows: QListWidget) -> None:
    """A short list as tall as its rows, so the form below it stays in view."""
    height = rows.sizeHintForRow(0) * rows.count() if rows.count() else 0
    rows.setFixedHeight(height + 2 * rows.frameWidth() + 6)


class MediaKitPage(Page):
    """The kit's choices and profile on the left, its pages on the right; every change redraws them."""

    title = "Media Kit"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        ensure_gui_application()
        self.accounts: list[Account] = []
        self.profile = KitProfile()
        self.choices = KitChoices()
        self.kit: MediaKit | None = None
        self.page_images: list[QImage] = []
        self.preview_worker: Worker | None = None
        self.export_worker: Worker | None = None
        self._export_path = Path()
        self._generation = 0
        self._shown_generation = 0
        self._redraw_when_done = False
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._build()
        self.reload()

    # --- building ---

    def _build(self) -> None:
        self.export_button = QPushButton("Export PDF…")
        set_role(self.export_button, "primaryButton")
        self.export_button.clicked.connect(self.export_pdf)
        heading = QHBoxLayout()
        heading.addWidget(page_title_label(self.title))
        heading.addStretch(1)
        heading.addWidget(self.export_button)
        self.empty_state = EmptyState("No accounts yet", NO_ACCOUNTS_BODY)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self._build_body())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addLayout(heading)
        layout.addWidget(self.stack, 1)

    def _build_body(self) -> QWidget:
        self.account_list = QListWidget()
        self.section_list = QListWidget()
        for section in KitSection:
            item = QListWidgetItem(section.label)
            item.setData(Qt.ItemDataRole.UserRole, section.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.section_list.addItem(item)
        self.theme_combo = QComboBox()
        for theme in kit_themes():
            self.theme_combo.addItem(theme.name, theme.id)
        self.paper_combo = QComboBox()
        for paper in Paper:
            self.paper_combo.addItem(paper.label, paper.value)
        kit_tab = QWidget()
        column = QVBoxLayout(kit_tab)
        column.setContentsMargins(0, 8, 0, 0)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.addRow("Accounts", self.account_list)
        form.addRow("Sections", self.section_list)
        form.addRow("Theme", self.theme_combo)
        form.addRow("Paper", self.paper_combo)
        self.read_only_note = note_label(READ_ONLY_NOTE)
        form.addRow(self.read_only_note)
        self.profile_form = ProfileForm()
        self.rates_form = RatesForm(self.context.settings.currency)
        self.posts_form = PostsForm()
        self.tabs = QTabWidget()
        self.tabs.addTab(kit_tab, "Kit")
        self.tabs.addTab(self.profile_form, "Profile")
        self.tabs.addTab(self.rates_form, "Rates && words")
        self.tabs.addTab(self.posts_form, "Top posts")
        self.message = InlineMessage()
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 12, 0)
        editor_layout.addWidget(self.tabs, 1)
        editor_layout.addWidget(self.message)
        editor.setMinimumWidth(EDITOR_WIDTH)
        splitter = QSplitter()
        splitter.addWidget(editor)
        splitter.addWidget(self._build_preview())
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        for signal in (
            self.account_list.itemChanged,
            self.section_list.itemChanged,
            self.theme_combo.activated,
            self.paper_combo.activated,
            self.profile_form.edited,
            self.rates_form.edited,
            self.posts_form.edited,
        ):
            signal.connect(self.schedule_refresh)
        return splitter

    def _build_preview(self) -> QWidget:
        self.pages_column = QWidget()
        self.pages_column.setObjectName("kitPreview")
        self.pages_column.setStyleSheet("QWidget#kitPreview { background: palette(mid); }")
        self.pages_layout = QVBoxLayout(self.pages_column)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview = QScrollArea()
        self.preview.setWidgetResizable(True)
        # Room for the scroll bar is kept from the start: pages drawn to fit the viewport
        # would otherwise be cut by the bar that their own height brings up.
        self.preview.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.preview.setWidget(self.pages_column)
        self.preview.viewport().installEventFilter(self)
        self.preview_status = note_label()
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.preview_status)
        return panel

    # --- reading and remembering ---

    def reload(self) -> None:
        store = self.context.store
        self.accounts = list_accounts(store)
        has_accounts = bool(self.accounts)
        self.stack.setCurrentIndex(1 if has_accounts else 0)
        self.export_button.setVisible(has_accounts)
        self.read_only_note.setVisible(self.context.read_only)
        if not has_accounts:
            self.kit = None
            return
        self.profile = load_profile(store)
        self.choices = load_choices(store)
        self._show_choices()
        self.profile_form.show_profile(self.profile)
        self.rates_form.show_profile(self.profile)
        self._show_posts()
        self.refresh()

    def _show_choices(self) -> None:
        self.account_list.blockSignals(True)
        self.account_list.clear()
        chosen = {a.id for a in chosen_accounts(self.context.store, self.choices)}
        for account in self.accounts:
            item = QListWidgetItem(account.platform_and_handle)
            item.setData(Qt.ItemDataRole.UserRole, account.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if account.id in chosen else Qt.CheckState.Unchecked
            )
            self.account_list.addItem(item)
        self.account_list.blockSignals(False)
        fit_to_rows(self.account_list)
        fit_to_rows(self.section_list)
        self.section_list.blockSignals(True)
        for row in range(self.section_list.count()):
            item = self.section_list.item(row)
            shown = KitSection(item.data(Qt.ItemDataRole.UserRole)) in self.choices.sections
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
        self.section_list.blockSignals(False)
        self.theme_combo.setCurrentIndex(max(self.theme_combo.findData(self.choices.theme), 0))
        self.paper_combo.setCurrentIndex(
            max(self.paper_combo.findData(self.choices.paper.value), 0)
        )

    def _show_posts(self) -> None:
        accounts = chosen_accounts(self.context.store, self.choices)
        rated = posts_to_choose(self.context.store, accounts, today())
        labels = {a.id: a.platform.label for a in accounts}
        self.posts_form.show_posts(rated, self.profile, labels)

    def chosen(self) -> KitChoices:
        """The choices as the Kit tab shows them."""
        ticked = [
            self.account_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.account_list.count())
            if self.account_list.item(row).checkState() == Qt.CheckState.Checked
        ]
        sections = tuple(
            KitSection(self.section_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.section_list.count())
            if self.section_list.item(row).checkState() == Qt.CheckState.Checked
        )
        return KitChoices(
            accounts=None if len(ticked) == len(self.accounts) else tuple(ticked),
            sections=sections,
            theme=self.theme_combo.currentData(),
            paper=Paper(self.paper_combo.currentData()),
        )

    def edited_profile(self) -> KitProfile:
        profile = self.profile_form.apply_to(self.profile)
        profile = self.rates_form.apply_to(profile)
        return self.posts_form.apply_to(profile)

    def schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Keep what was edited (unless read-only), then redraw the preview off the GUI thread."""
        self._refresh_timer.stop()
        if not self.accounts:
            return
        choices, profile = self.chosen(), self.edited_profile()
        problems = self.rates_form.problems + profile_problems(profile)
        if not self.context.read_only:
            if profile != self.profile:
                save_profile(self.context.store, profile)
            if choices != self.choices:
                save_choices(self.context.store, choices)
        accounts_changed = choices.accounts != self.choices.accounts
        self.profile, self.choices = profile, choices
        if accounts_changed:
            self._show_posts()
        if problems:
            self.message.show_problem("\n".join(problems))
        elif not choices.accounts and choices.accounts is not None:
            self.message.show_note("Tick at least one account: the kit is made from its numbers.")
        else:
            self.message.clear_message()
        self.kit = load_media_kit(self.context.store, choices, today())
        self.export_button.setEnabled(bool(self.kit.platforms) and self.export_worker is None)
        self._render_preview()

    # --- preview ---

    def _render_preview(self) -> None:
        if self.kit is None:
            return
        if self.preview_worker is not None and self.preview_worker.running:
            # One drawing at a time: the newest choices are drawn when this one ends.
            self._redraw_when_done = True
            return
        self._redraw_when_done = False
        self._generation += 1
        generation = self._generation
        kit, choices = self.kit, self.choices
        width = self._preview_width()

        def job():
            yield generation
            layout = lay_out_kit(kit, theme_by_id(choices.theme), choices.paper)
            return generation, [kit_page_image(layout, i, width) for i in range(layout.page_count)]

        worker = Worker(job)
        worker.finished.connect(self._show_pages)
        worker.failed.connect(self._preview_failed)
        self.preview_worker = worker
        self.preview_status.setText("Drawing the pages…")
        worker.start()

    def _preview_width(self) -> int:
        margins = self.pages_layout.contentsMargins()
        room = self.preview.viewport().width() - margins.left() - margins.right() - 2
        ratio = self.devicePixelRatioF()
        return round(max(LEAST_PREVIEW_WIDTH, min(MOST_PREVIEW_WIDTH, room)) * ratio)

    def _show_pages(self, result: tuple[int, list[QImage]]) -> None:
        generation, images = result
        if self._redraw_when_done:
            self._render_preview()
        if generation != self._generation:
            return
        self._shown_generation = generation
        self.page_images = images
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        ratio = self.devicePixelRatioF()
        for image in images:
            picture = QPixmap.fromImage(image)
            picture.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(picture)
            label.setStyleSheet("border: 1px solid rgba(0, 0, 0, 40);")
            self.pages_layout.addWidget(label)
        kit = self.kit
        count = len(images)
        dated = f" · figures as of {kit_date(kit.as_of)}" if kit else ""
        self.preview_status.setText(
            f"{count} page{'s' if count != 1 else ''} · {self.choices.paper.label}{dated}"
        )

    @property
    def preview_ready(self) -> bool:
        """The pages shown are those of the latest choices: nothing waits to be drawn."""
        drawn = self._shown_generation == self._generation
        return drawn and not (self._redraw_when_done or self._refresh_timer.isActive())

    def wait_for_charts(self, timeout_ms: int = PREVIEW_WAIT_MS) -> bool:
        """Run the event loop until the preview shows the latest choices (tests, screenshots)."""
        loop = QEventLoop()
        deadline = time.monotonic() + timeout_ms / 1000

        def check() -> None:
            if self.preview_ready or time.monotonic() > deadline:
                loop.quit()

        poll = QTimer(interval=10)
        poll.timeout.connect(check)
        poll.start()
        if not self.preview_ready:
            loop.exec()
        poll.stop()
        # One more turn, for the labels to paint the pages just drawn.
        loop.processEvents()
        return self.preview_ready

    def _preview_failed(self, error: Exception) -> None:
        self._shown_generation = self._generation
        if self._redraw_when_done:
            self._render_preview()
        self.preview_status.setText(f"The preview could not be drawn: {error}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Pages are redrawn to the preview's new width once the resizing settles."""
        if (
            watched is self.preview.viewport()
            and event.type() == QEvent.Type.Resize
            and self.kit is not None
            and self.page_images
            and abs(self.page_images[0].width() - self._preview_width()) > 24
        ):
            self._refresh_timer.start()
        return super().eventFilter(watched, event)

    # --- export ---

    def export_pdf(self) -> None:
        """Export PDF…: ask where, then write the kit on a worker thread."""
        if self.kit is None:
            return
        name = f"{self.kit.name} media kit.pdf" if self.kit.name else "Media kit.pdf"
        start = str(Path.home() / name)
        path, _ = QFileDialog.getSaveFileName(self, "Export the media kit", start, "PDF (*.pdf)")
        if path:
            target = Path(path)
            self.export_to(
                target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")
            )

    def export_to(self, path: Path) -> None:
        """Write the kit, as the choices and profile now stand, to `path`."""
        self.refresh()
        kit, choices = self.kit, self.choices
        if kit is None:
            return

        def job():
            yield 0
            return export_media_kit(kit, theme_by_id(choices.theme), choices.paper, path)

        worker = Worker(job)
        self._export_path = path
        worker.finished.connect(self._exported)
        worker.failed.connect(self._export_failed)
        self.export_worker = worker
        self.export_button.setEnabled(False)
        self.export_button.setText("Exporting…")
        worker.start()

    def _exported(self, pages: int) -> None:
        path = self._export_path
        self._export_done()
        self.message.show_note(f"Saved {path} ({pages} page{'s' if pages != 1 else ''}).")
        self.context.status_message.emit(f"Media kit saved to {path}")

    def _export_failed(self, error: Exception) -> None:
        self._export_done()
        self.message.show_problem(f"The kit was not saved: {error}")

    def _export_done(self) -> None:
        self.export_worker = None
        self.export_button.setText("Export PDF…")
        self.export_button.setEnabled(self.kit is not None and bool(self.kit.platforms))
