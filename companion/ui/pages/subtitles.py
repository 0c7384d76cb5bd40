"""The Subtitles page: the subtitle files the record knows with their last check, and the editor to open, check, fix and re-time them."""

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion.store.accounts import list_accounts
from companion.store.errors import StoreError
from companion.store.posts import list_posts
from companion.store.subtitle_files import (
    SubtitleFile,
    add_subtitle_file,
    find_subtitle_file,
    list_subtitle_files,
    record_check,
)
from companion.ui.context import AppContext
from companion.ui.icons import icon
from companion.ui.pages.base import PAGE_MARGINS, EmptyState, Page, count_phrase, page_title_label
from companion.ui.subtitles.commands import LinkSubtitleFile, subtitle_signals
from companion.ui.subtitles.editor import SubtitleEditor
from companion.ui.subtitles.file_status import check_text
from companion.ui.subtitles.post_link import ask_for_post_link
from companion.ui.subtitles.recovery import recovery_path
from companion.ui.theme import ThemeColors, current_colors, set_role

EMPTY_TITLE = "Subtitles that are easy to read"
EMPTY_BODY = (
    "Open a WebVTT (.vtt), SubRip (.srt) or YouTube (.sbv) file: see every cue with its reading "
    "speed, fix lines that are too long, text that flashes by and cues that overlap, re-time "
    "it, and save it as .vtt or .srt. You can also drop a file onto the window."
)
FILES_WIDTH = 210
EMPTY_ICON = QSize(48, 48)
PATH_ROLE = Qt.ItemDataRole.UserRole


def file_list_style(colors: ThemeColors) -> str:
    c = colors
    return f"""
QListWidget#subtitleFiles {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 6px; outline: none;
}}
QListWidget#subtitleFiles::item {{
    padding: 6px 8px; border-bottom: 1px solid {c.border}; color: {c.text};
}}
QListWidget#subtitleFiles::item:selected {{ background: {c.accent}; color: {c.on_accent}; }}
"""


class SubtitlesPage(Page):
    title = "Subtitles"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.known: list[SubtitleFile] = []
        self.editor = SubtitleEditor(context)
        self._build()
        self._connect()
        self.reload()

    # --- building ---

    def _build(self) -> None:
        self.count_label = QLabel()
        set_role(self.count_label, "muted")
        self.file_list = QListWidget()
        self.file_list.setObjectName("subtitleFiles")
        # One line each, elided: wrapped items were measured before the list had its width,
        # which cut their last lines off. The tooltip holds everything.
        self.file_list.setWordWrap(False)
        self.file_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.file_list.setUniformItemSizes(False)
        self.file_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.file_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        files_title = QLabel("Your subtitle files")
        set_role(files_title, "cardTitle")
        self.files_panel = QWidget()
        files_layout = QVBoxLayout(self.files_panel)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(files_title)
        files_layout.addWidget(self.file_list, 1)
        self.empty_state = EmptyState(EMPTY_TITLE, EMPTY_BODY)
        self.open_button = QPushButton("Open subtitle file…")
        set_role(self.open_button, "primaryButton")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addStretch(1)
        self.empty_state.layout().insertSpacing(2, 12)
        self.empty_state.layout().insertLayout(3, row)
        self._show_icon()
        self._follow_theme()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self.editor)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.files_panel)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([FILES_WIDTH, 1000])
        self.splitter.setChildrenCollapsible(False)
        heading = QHBoxLayout()
        heading.addWidget(page_title_label(self.title))
        heading.addSpacing(12)
        heading.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        layout = QVBoxLayout(self)
        left, top, right, bottom = PAGE_MARGINS
        layout.setContentsMargins(left - 8, top, right - 8, bottom - 8)
        layout.setSpacing(12)
        layout.addLayout(heading)
        layout.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        self.open_button.clicked.connect(self.editor.choose_and_open)
        self.file_list.itemActivated.connect(self._file_chosen)
        self.file_list.itemClicked.connect(self._file_chosen)
        self.editor.file_opened.connect(self._opened)
        self.editor.file_saved.connect(self._remember)
        self.editor.link_asked.connect(self.link_to_post)
        self.editor.state_changed.connect(self._show_state)
        subtitle_signals(self.context).files_changed.connect(self.reload)

    # --- what the main window calls ---

    def open_file(self, path: Path) -> bool:
        """Open a subtitle file in the editor (from the list, the button, or a file dropped
        on the window); asks first if the open file has unsaved edits."""
        return self.editor.open_file(Path(path))

    def maybe_close(self) -> bool:
        """Before the window closes: ask about unsaved edits. False when the creator cancels."""
        return self.editor.maybe_close()

    def can_find(self) -> bool:
        # Always: the window asks when the page is shown, before a file may be opened.
        return True

    def find(self) -> None:
        if self.editor.session is None:
            self.context.status_message.emit("Open a subtitle file to find and replace in it.")
        else:
            self.editor.open_find()

    # --- the list of files ---

    def reload(self) -> None:
        self.editor.follow_record()
        self.known = list_subtitle_files(self.context.store)
        self.file_list.clear()
        open_path = self.editor.session.path if self.editor.session else None
        for file in self.known:
            item = QListWidgetItem(self._item_text(file))
            item.setData(PATH_ROLE, str(file.path))
            item.setToolTip(f"{file.path}\n{item.text()}")
            self.file_list.addItem(item)
            if file.path == open_path:
                item.setSelected(True)
        self._show_state()

    def _item_text(self, file: SubtitleFile) -> str:
        lines = [file.name]
        if file.video_title:
            lines.append(file.video_title)
        lines.append(check_text(file))
        if file.post_id is not None:
            lines.append("linked to a post")
        if recovery_path(file.path).exists():
            lines.append("unsaved edits kept from last time")
        return "\n".join(lines)

    def _file_chosen(self, item: QListWidgetItem) -> None:
        self.open_file(Path(item.data(PATH_ROLE)))

    def _show_state(self) -> None:
        has_file = self.editor.session is not None
        self.files_panel.setVisible(bool(self.known))
        self.stack.setCurrentWidget(self.editor if has_file else self.empty_state)
        self.count_label.setText(count_phrase(len(self.known), "file") if self.known else "")

    # --- the record ---

    def _opened(self, path: Path) -> None:
        self._remember(path)
        self._show_state()

    def _remember(self, path: Path) -> None:
        """Add the file to the record's list and keep the result of its check."""
        if self.context.read_only:
            return
        try:
            file = add_subtitle_file(self.context.store, path)
            record_check(self.context.store, file.id, self.editor.findings.summary)
        except StoreError as error:
            self.context.status_message.emit(f"Not remembered: {error.message}")
            return
        self.reload()

    def link_to_post(self) -> None:
        session = self.editor.session
        if session is None or self.context.read_only:
            return
        store = self.context.store
        file = find_subtitle_file(store, session.path) or add_subtitle_file(store, session.path)
        choice = ask_for_post_link(
            self, file.name, list_accounts(store), list_posts(store), file.post_id
        )
        if choice is None or choice.post_id == file.post_id:
            return
        text = f"Link {file.name} to a post" if choice.post_id else f"Unlink {file.name}"
        LinkSubtitleFile(self.context, file.id, choice.post_id, text).push()

    # --- keys: Ctrl+O and Ctrl+S mean the subtitle file while this page has the focus ---

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _own_key(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Open):
            self.editor.choose_and_open()
        elif event.matches(QKeySequence.StandardKey.Save):
            self.editor.save()
        else:
            super().keyPressEvent(event)

    # --- looks ---

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._show_icon()
            self._follow_theme()
        super().changeEvent(event)

    def _follow_theme(self) -> None:
        style = file_list_style(current_colors())
        if style != self.file_list.styleSheet():
            self.file_list.setStyleSheet(style)

    def _show_icon(self) -> None:
        picture = icon("subtitles").pixmap(EMPTY_ICON, QIcon.Mode.Disabled)
        self.empty_state.set_icon(picture)


def _own_key(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Open) or event.matches(
        QKeySequence.StandardKey.Save
    )
