"""The main window: sidebar and lazily built pages, menus, status bar, and the database it shows."""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion import APP_NAME, __version__
from companion.store.database import Store
from companion.store.errors import StoreError
from companion.store.onboarding import demo_offered, mark_demo_offered
from companion.ui.context import AppContext
from companion.ui.icons import app_icon, icon
from companion.ui.pages.base import Page
from companion.ui.status_bar import StatusBar
from companion.ui.theme import Appearance, install_theme, set_role

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMenu

    from companion.ui.incoming_files import IncomingFiles
    from companion.ui.warm_up import PageWarmUp
    from companion.ui.welcome import WelcomeDialog

# What only a menu command or a new database needs (the database dialogs, backups, CSV export,
# the welcome, Qt's dialog classes) is imported where it is used: ≈8 ms less before the
# window is on screen. PySide6 builds a Qt class's enums on its first use, ≈0.3–0.5 ms each:
# the menus' actions and keys (QAction, QActionGroup, QKeySequence) are no exception.

log = logging.getLogger(__name__)

LAST_DATABASE_KEY = "database/last"
GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
PAGE_KEY = "window/page"
SIDEBAR_KEY = "window/sidebar"
STATUS_BAR_KEY = "window/statusbar"
DEFAULT_SIZE = QSize(1200, 780)
SCREEN_SHARE = 0.9
"""The most of the screen's free area a first window takes, where DEFAULT_SIZE is more."""
SIDEBAR_WIDTH = 210
STATUS_TIMEOUT_MS = 8000
WARM_UP_AFTER_MS = 600
"""How long after the window is first shown the other pages' code starts loading."""
WARM_UP_STEP_MS = 50
WARM_UP_PAGES = ("audience", "posts")
"""The pages most opened after the Dashboard, whose code loads in 20–45 ms (on a worker
thread). The Subtitles and Media Kit pages' code (subtitle parsing, the PDF writer) takes
100 ms and more and much memory that a creator may not need today: it loads on the first
visit."""


class PageSpec(NamedTuple):
    """A sidebar entry: the page class is imported and built the first time it is shown.

    A row of the constant PAGES table: a named tuple, which costs a fifth of what a frozen
    dataclass does to define, and this one is defined on every start.
    """

    key: str
    title: str
    module: str
    class_name: str

    def build(self, context: AppContext, parent: QWidget | None = None) -> Page:
        """The page, made in `parent` (the window's stack): a finished page moved into it would
        have its style worked out again, widget by widget, and its texts measured anew (≈12M
        instructions for the Dashboard, on the way to the first paint)."""
        page_class = getattr(importlib.import_module(self.module), self.class_name)
        return page_class(context, parent)


PAGES = (
    PageSpec("dashboard", "Dashboard", "companion.ui.pages.dashboard", "DashboardPage"),
    PageSpec("audience", "Audience", "companion.ui.pages.audience", "AudiencePage"),
    PageSpec("posts", "Posts", "companion.ui.pages.posts", "PostsPage"),
    PageSpec("deals", "Deals", "companion.ui.pages.deals", "DealsPage"),
    PageSpec("captions", "Captions", "companion.ui.pages.captions", "CaptionsPage"),
    PageSpec("subtitles", "Subtitles", "companion.ui.pages.subtitles", "SubtitlesPage"),
    PageSpec("mediakit", "Media Kit", "companion.ui.pages.mediakit", "MediaKitPage"),
    PageSpec("settings", "Settings", "companion.ui.pages.settings", "SettingsPage"),
)
PAGE_KEYS = tuple(spec.key for spec in PAGES)


def remember_database(path: Path) -> None:
    """The database the next start opens when neither --db nor COMPANION_DB says otherwise."""
    QSettings().setValue(LAST_DATABASE_KEY, str(path))


def remembered_database() -> Path | None:
    value = QSettings().value(LAST_DATABASE_KEY)
    return Path(str(value)) if value else None


def choose_export_folder(parent: QWidget | None, start: Path) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, "Choose a folder for the CSV files", str(start))
    return Path(name) if name else None


def about_text(db_path: Path) -> str:
    """Help ▸ About: the name, the version, and where the data lives."""
    from html import escape

    from companion.store.backup import backup_folder

    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Your own record of audience, brand deals, captions and subtitles, "
        "and a media kit made from it. It works offline; nothing leaves this computer.</p>"
        f"<p><b>Your data:</b> {escape(str(db_path))}<br>"
        f"<b>Backups:</b> {escape(str(backup_folder(db_path)))}</p>"
    )


def _shortcuts(standard: QKeySequence.StandardKey, *fallbacks: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, plus the ones the creator expects everywhere."""
    from PySide6.QtGui import QKeySequence

    keys = list(QKeySequence.keyBindings(standard))
    for text in fallbacks:
        key = QKeySequence(text)
        if key not in keys:
            keys.append(key)
    return keys


class MainWindow(QMainWindow):
    """One database at a time, shown through the sidebar's pages."""

    closed = Signal()
    page_changed = Signal(str)
    """Carries the key of the page now shown (see PAGES)."""

    def __init__(
        self, store: Store, parent: QWidget | None = None, *, actions_later: bool = False
    ) -> None:
        """A window on `store`. With `actions_later`, its menus stay empty until
        `add_menu_actions` (run_app calls it once the window is first on screen)."""
        super().__init__(parent)
        self.context = AppContext(store, self)
        self.theme = install_theme(QApplication.instance())
        self.welcome_dialog: WelcomeDialog | None = None
        self._pages: dict[str, Page] = {}
        self._store_closed = False
        self._shut_down = False
        self._closing_without_asking = False
        self._actions_added = False
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build_body()
        self._build_status_bar()
        self._build_menus()
        self.context.status_message.connect(self.show_status)
        self.context.data_changed.connect(self._update_find)
        self._restore_window_settings()
        self._apply_store_state()
        if not actions_later:
            self.add_menu_actions()
        self._modules_to_warm = [spec.module for spec in PAGES if spec.key in WARM_UP_PAGES]
        self.warm_up: PageWarmUp | None = None
        self._warm_up_timer = QTimer(self, singleShot=True, interval=WARM_UP_AFTER_MS)
        self._warm_up_timer.timeout.connect(self._warm_up_next)

    # --- building -------------------------------------------------------------------------

    def _build_body(self) -> None:
        body = QWidget(self)
        self.setCentralWidget(body)
        self.sidebar_panel = QFrame(body)
        set_role(self.sidebar_panel, "sidebarPanel")
        self.sidebar_panel.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar = QListWidget(self.sidebar_panel)
        self.sidebar.setObjectName("sidebar")
        # Polished before its rows exist: rows laid out before the style sheet applies keep
        # their unstyled height as spacing, and overlap once styled.
        self.sidebar.ensurePolished()
        self.sidebar.setIconSize(QSize(20, 20))
        # Row i is PAGES[i]. (Nothing here uses PySide6's Qt namespace, whose 94 enums take
        # ≈20 ms to build: the panel's style sheet turns the sidebar's scroll bar off, and a
        # QFrame draws the panel's background without being asked to.)
        for spec in PAGES:
            QListWidgetItem(icon(spec.key), spec.title, self.sidebar)
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)
        panel_layout = QVBoxLayout(self.sidebar_panel)
        panel_layout.setContentsMargins(0, 8, 0, 8)
        panel_layout.addWidget(self.sidebar)
        self.stack = QStackedWidget(body)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar_panel)
        layout.addWidget(self.stack, 1)

    def _build_menus(self) -> None:
        """The menu bar's menus, empty until add_menu_actions fills them."""
        bar = self.menuBar()
        self._menus = [bar.addMenu(title) for title in ("&File", "&Edit", "&View", "&Help")]

    def add_menu_actions(self) -> None:
        """The menus' commands and their shortcuts, once, in step with the window as it is.

        Not needed for the first frame, they come after it when run_app starts the window:
        with the Qt classes they need (QAction, QKeySequence and their enums), ≈11M
        instructions, ≈3 ms.
        """
        if self._actions_added:
            return
        self._actions_added = True
        file_menu, edit_menu, view_menu, help_menu = self._menus
        self._build_file_menu(file_menu)
        self._build_edit_menu(edit_menu)
        self._build_view_menu(view_menu)
        self._build_help_menu(help_menu)
        self._update_actions()

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[..., object] | None = None,
        shortcuts: list[QKeySequence] | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        if slot is not None:
            action.triggered.connect(slot)
        if shortcuts:
            action.setShortcuts(shortcuts)
        return action

    def _build_file_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        menu.setToolTipsVisible(True)
        self.action_new_database = self._action(
            menu, "&New database…", self.new_database, [QKeySequence("Ctrl+Shift+N")]
        )
        self.action_open_database = self._action(
            menu,
            "&Open database…",
            self.open_database,
            _shortcuts(QKeySequence.StandardKey.Open, "Ctrl+O"),
        )
        menu.addSeparator()
        self.action_import = self._action(
            menu, "&Import…", self.import_file, [QKeySequence("Ctrl+I")]
        )
        self.action_import.setStatusTip(
            "Add a platform's analytics export (a file or its ZIP), any CSV of daily numbers "
            "or posts, or open a subtitle file. You can also drop files on the window."
        )
        self.action_import_folder = self._action(menu, "Import export &folder…", self.import_folder)
        self.action_import_folder.setStatusTip(
            "Add every analytics file in a folder, such as an unpacked platform export."
        )
        self.action_export = self._action(menu, "&Export…", self.export_csv)
        self.action_export.setStatusTip("Write every table of your record as a CSV file.")
        menu.addSeparator()
        self.action_back_up = self._action(
            menu, "&Back up now", self.back_up_now, [QKeySequence("Ctrl+B")]
        )
        self.action_restore = self._action(menu, "&Restore from backup…", self.restore_from_backup)
        menu.addSeparator()
        self.action_quit = self._action(
            menu, "&Quit", self.close, _shortcuts(QKeySequence.StandardKey.Quit, "Ctrl+Q")
        )
        self.action_quit.setMenuRole(QAction.MenuRole.QuitRole)

    def _build_edit_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QKeySequence

        stack = self.context.undo_stack
        self.action_undo = stack.createUndoAction(self, "&Undo")
        self.action_undo.setShortcuts(_shortcuts(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        self.action_redo = stack.createRedoAction(self, "&Redo")
        self.action_redo.setShortcuts(
            _shortcuts(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")
        )
        stack.canUndoChanged.connect(self._guard_read_only_undo)
        stack.canRedoChanged.connect(self._guard_read_only_undo)
        menu.addAction(self.action_undo)
        menu.addAction(self.action_redo)
        menu.addSeparator()
        self.action_find = self._action(
            menu, "&Find", self.find, _shortcuts(QKeySequence.StandardKey.Find, "Ctrl+F")
        )
        menu.aboutToShow.connect(self._update_find)

    def _build_view_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QActionGroup, QKeySequence

        self.action_show_sidebar = self._action(menu, "Show &sidebar")
        self.action_show_sidebar.setCheckable(True)
        self.action_show_sidebar.setChecked(self.sidebar_panel.isVisibleTo(self))
        self.action_show_sidebar.toggled.connect(self.sidebar_panel.setVisible)
        self.action_show_status_bar = self._action(menu, "Show status &bar")
        self.action_show_status_bar.setCheckable(True)
        self.action_show_status_bar.setChecked(self.statusBar().isVisibleTo(self))
        self.action_show_status_bar.toggled.connect(self.statusBar().setVisible)
        menu.addSeparator()
        self._page_group = QActionGroup(self)
        self.page_actions: dict[str, QAction] = {}
        for number, spec in enumerate(PAGES, start=1):
            action = self._action(
                menu,
                spec.title,
                lambda _=False, k=spec.key: self.show_page(k),
                [QKeySequence(f"Ctrl+{number}")],
            )
            action.setCheckable(True)
            self._page_group.addAction(action)
            self.page_actions[spec.key] = action
        menu.addSeparator()
        self._build_appearance_menu(menu.addMenu("&Appearance"))
        self.action_full_screen = self._action(
            menu, "&Full screen", shortcuts=_shortcuts(QKeySequence.StandardKey.FullScreen, "F11")
        )
        self.action_full_screen.setCheckable(True)
        self.action_full_screen.setChecked(self.isFullScreen())
        self.action_full_screen.toggled.connect(self._set_full_screen)

    def _build_appearance_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QActionGroup

        group = QActionGroup(self)
        self.appearance_actions: dict[Appearance, QAction] = {}
        for appearance, text in (
            (Appearance.SYSTEM, "&System"),
            (Appearance.LIGHT, "&Light"),
            (Appearance.DARK, "&Dark"),
        ):
            action = self._action(menu, text, lambda _=False, a=appearance: self.set_appearance(a))
            action.setCheckable(True)
            action.setChecked(appearance is self.theme.appearance)
            group.addAction(action)
            self.appearance_actions[appearance] = action

    def _build_help_menu(self, menu: QMenu) -> None:
        from PySide6.QtGui import QAction

        self.action_about = self._action(menu, f"&About {APP_NAME}", self.show_about)
        self.action_about.setMenuRole(QAction.MenuRole.AboutRole)
        self.action_about_qt = self._action(menu, "About &Qt", QApplication.aboutQt)
        self.action_about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _build_status_bar(self) -> None:
        status_bar = StatusBar(self)
        self.setStatusBar(status_bar)
        self.database_label = status_bar.database_label
        self.read_only_label = status_bar.read_only_badge

    # --- pages ------------------------------------------------------------------------------

    def show_page(self, key: str) -> None:
        """Show a page by key (see PAGES), building it on its first visit."""
        self.sidebar.setCurrentRow(PAGE_KEYS.index(key))

    def current_page_key(self) -> str:
        row = self.sidebar.currentRow()
        return PAGE_KEYS[row] if row >= 0 else PAGE_KEYS[0]

    def current_page(self) -> Page | None:
        return self._pages.get(self.current_page_key())

    def page(self, key: str) -> Page | None:
        """The page widget if it has been built; pages are built on their first visit."""
        return self._pages.get(key)

    def built_pages(self) -> list[str]:
        return list(self._pages)

    def _on_sidebar_row(self, row: int) -> None:
        if row < 0:
            return
        spec = PAGES[row]
        page = self._pages.get(spec.key)
        if page is None:
            page = spec.build(self.context, self.stack)
            self._pages[spec.key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self._tick_current_page()
        self.page_changed.emit(spec.key)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._modules_to_warm and not self._warm_up_timer.isActive():
            self._warm_up_timer.start(WARM_UP_AFTER_MS)

    def _warm_up_next(self) -> None:
        """Load the code of the pages opened most after the Dashboard (WARM_UP_PAGES) while
        the window is idle after start-up, so that a first visit only builds the page (see
        companion.ui.warm_up). In one go on the window's thread, each page's import held it
        40–70 ms. Not while matplotlib loads: the two would take turns on the interpreter."""
        chart_view = sys.modules.get("companion.ui.chart_view")
        if chart_view is not None and chart_view.matplotlib_loading():
            self._warm_up_timer.start(WARM_UP_STEP_MS)
            return
        modules = [module for module in self._modules_to_warm if module not in sys.modules]
        self._modules_to_warm = []
        if modules:
            from companion.ui.warm_up import PageWarmUp

            self.warm_up = PageWarmUp(modules, self)
            self.warm_up.start()

    def find(self) -> None:
        page = self.current_page()
        if page is not None and page.can_find():
            page.find()

    def _update_find(self) -> None:
        if not self._actions_added:
            return
        page = self.current_page()
        self.action_find.setEnabled(page is not None and page.can_find())

    # --- the database -----------------------------------------------------------------------

    def _apply_store_state(self) -> None:
        """Title, status bar and which actions can write, for the database now open."""
        store = self.context.store
        self.setWindowTitle(f"{APP_NAME} — {store.path.name}")
        self.database_label.setText(store.path.name)
        self.database_label.setToolTip(str(store.path))
        self.read_only_label.setVisible(store.read_only)
        self._update_actions()

    def _update_actions(self) -> None:
        """Which commands can run and which are ticked, for the database and page shown."""
        if not self._actions_added:
            return
        writable = not self.context.store.read_only
        for action in (self.action_restore, self.action_import, self.action_import_folder):
            action.setEnabled(writable)
        self._guard_read_only_undo()
        self._tick_current_page()

    def _tick_current_page(self) -> None:
        """The View menu ticks the page shown; Find follows what that page can find."""
        if not self._actions_added:
            return
        self.page_actions[self.current_page_key()].setChecked(True)
        self._update_find()

    def _guard_read_only_undo(self) -> None:
        if self.context.read_only:
            self.action_undo.setEnabled(False)
            self.action_redo.setEnabled(False)

    def _folder(self) -> Path:
        return self.context.store.path.parent

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def new_database(self) -> None:
        from companion.ui import database_dialogs as dialogs

        path = dialogs.choose_new_database(self, self._folder())
        if path is None:
            return
        if path.exists():
            dialogs.show_error(
                self,
                f"{path.name} already exists",
                "Choose a new name for the new database, or open this one with "
                "File ▸ Open database….",
            )
            return
        self.switch_to(path)

    def open_database(self) -> None:
        from companion.ui import database_dialogs as dialogs

        path = dialogs.choose_existing_database(self, self._folder())
        if path is not None:
            self.switch_to(path)

    def switch_to(self, path: Path) -> bool:
        """Open another database in this window; the current one stays open if that fails."""
        from companion.ui import database_dialogs as dialogs

        if path.absolute() == self.context.store.path.absolute():
            self.show_status(f"{path.name} is already open.")
            return False
        store = dialogs.open_database(path, parent=self, quit_text="Cancel")
        if store is None:
            return False
        self._replace_store(store)
        remember_database(store.path)
        self.show_status(f"Opened {store.path}.")
        self.offer_demo_if_new()
        return True

    def _replace_store(self, store: Store) -> None:
        previous = self.context.store
        self.context.replace_store(store)
        if previous is not store:
            previous.close()
        self._apply_store_state()

    def import_file(self) -> None:
        """File ▸ Import…: choose files; each goes to the part of the app that reads it."""
        from companion.ui import incoming_files

        self.take_files(incoming_files.choose_import_files(self, Path.home()))

    def import_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(self, "Import an export folder", str(Path.home()))
        if name:
            self.take_files([Path(name)])

    def take_files(self, paths: list[Path]) -> None:
        """Files chosen or dropped: subtitles open on the Subtitles page, platform exports
        (files, ZIPs, folders) go to the platform import, any other table to the CSV import
        with its column mapping."""
        from companion.ui.incoming_files import sort_incoming

        if not paths:
            return
        incoming = sort_incoming(paths)
        if incoming.subtitles:
            self.show_page("subtitles")
            page = self.current_page()
            if page is not None:
                page.open_file(incoming.subtitles[0])
        if incoming.exports:
            from companion.ui.platform_import import start_platform_import

            start_platform_import(self, self.context, incoming.exports)
        elif incoming.tables:
            from companion.ui.import_dialog import open_import_dialog

            open_import_dialog(self, self.context, incoming.tables[0])
        self._say_what_was_left(incoming)

    def _say_what_was_left(self, incoming: IncomingFiles) -> None:
        # One subtitle file opens, and one table when no platform export took the import.
        tables_opened = 0 if incoming.exports else 1
        left = incoming.unknown + incoming.subtitles[1:] + incoming.tables[tables_opened:]
        if left:
            names = ", ".join(path.name for path in left)
            self.show_status(
                f"Not opened: {names}. Open one subtitle file or one CSV table at a time; "
                "platform exports can come together."
            )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from companion.ui.incoming_files import local_paths

        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        from companion.ui.incoming_files import local_paths

        paths = local_paths(event.mimeData())
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.take_files(paths)

    def export_csv(self) -> None:
        from companion.exporters.csv_export import ExportFailed, export_tables
        from companion.ui import database_dialogs as dialogs

        folder = choose_export_folder(self, Path.home())
        if folder is None:
            return
        _show_busy()
        try:
            files = export_tables(self.context.store, folder)
        except ExportFailed as error:
            dialogs.show_error(self, "The export did not finish", error.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.show_status(f"Exported {len(files)} tables as CSV files to {folder}.")

    def back_up_now(self) -> None:
        from companion.store.backup import take_backup
        from companion.ui import database_dialogs as dialogs

        try:
            path = take_backup(self.context.store, reason="manual")
        except (StoreError, OSError) as error:
            dialogs.show_error(self, "The backup was not made", _error_text(error))
            return
        self.show_status(f"Backed up to {path}.")

    def restore_from_backup(self) -> None:
        from companion.store.backup import backup_folder, restore_backup
        from companion.ui import database_dialogs as dialogs

        store = self.context.store
        file = dialogs.choose_backup_file(self, backup_folder(store.path))
        if file is None or not dialogs.confirm_restore(self, file, store.path):
            return
        try:
            # This window's store holds the instance lock, which is what restoring needs.
            kept = restore_backup(store.path, file)
        except (StoreError, OSError) as error:
            dialogs.show_error(self, "The backup was not restored", _error_text(error))
            return
        if self._reopen_after_restore(store.path):
            kept_text = f" Your previous data is kept as {kept.name}." if kept else ""
            self.show_status(f"Restored {file.name}.{kept_text}")

    def _reopen_after_restore(self, path: Path) -> bool:
        """Open the restored database again; if the creator chooses Quit instead, close."""
        from companion.ui import database_dialogs as dialogs

        self.context.store.close()
        self._store_closed = True
        store = dialogs.open_database(path, parent=self)
        if store is None:
            # Without a database there is nothing left to keep open: no page may refuse.
            self._closing_without_asking = True
            self.close()
            return False
        self._store_closed = False
        self._replace_store(store)
        if store.path != path:
            remember_database(store.path)
        return True

    def take_daily_backup(self) -> None:
        """The first backup of the day, taken after the window is on screen."""
        from companion.store.backup import backup_if_due

        if self._store_closed or self.context.read_only:
            return
        try:
            path = backup_if_due(self.context.store)
        except (StoreError, OSError) as error:
            log.warning("daily backup failed: %s", error)
            self.show_status(f"Today's backup could not be made: {_error_text(error)}")
            return
        if path is not None:
            log.info("daily backup: %s", path)

    # --- first start ------------------------------------------------------------------------

    def offer_demo_if_new(self) -> bool:
        """On an empty database never offered the demo, open the welcome dialog (not modal-blocking)."""
        from companion.store.records import has_records

        store = self.context.store
        if self._store_closed or store.read_only or has_records(store) or demo_offered(store):
            return False
        from companion.ui.welcome import WelcomeDialog

        self.welcome_dialog = WelcomeDialog(self)
        self.welcome_dialog.finished.connect(self._on_welcome_finished)
        self.welcome_dialog.open()
        return True

    def _dismiss_welcome(self) -> None:
        """Closing the window before answering is no answer: the next start asks again."""
        if self.welcome_dialog is not None:
            self.welcome_dialog.finished.disconnect(self._on_welcome_finished)
            self.welcome_dialog.close()
            self.welcome_dialog.deleteLater()
            self.welcome_dialog = None

    def _on_welcome_finished(self, result: int) -> None:
        from companion.ui.welcome import WelcomeDialog

        if self.welcome_dialog is not None:
            self.welcome_dialog.deleteLater()
            self.welcome_dialog = None
        try:
            mark_demo_offered(self.context.store)
        except StoreError as error:
            log.warning("could not remember that the demo was offered: %s", error)
        if result == WelcomeDialog.DialogCode.Accepted:
            self.load_demo()

    def load_demo(self) -> None:
        from companion.demo import generate_demo
        from companion.ui import database_dialogs as dialogs

        _show_busy()
        try:
            summary = generate_demo(self.context.store)
        except StoreError as error:
            dialogs.show_error(self, "The demo data could not be added", error.message)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.context.notify_data_changed()
        self.show_status(f"Demo data added: {summary.describe()}.")

    # --- view ---------------------------------------------------------------------------------

    def set_appearance(self, appearance: Appearance) -> None:
        self.theme.set_appearance(appearance)
        if self._actions_added:
            self.appearance_actions[appearance].setChecked(True)

    def _set_full_screen(self, on: bool) -> None:
        if on and not self.isFullScreen():
            self.showFullScreen()
        elif not on and self.isFullScreen():
            self.showNormal()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, f"About {APP_NAME}", about_text(self.context.store.path))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_icons()
        elif event.type() == QEvent.Type.WindowStateChange and self._actions_added:
            self.action_full_screen.setChecked(self.isFullScreen())
        super().changeEvent(event)

    def _refresh_icons(self) -> None:
        for row, spec in enumerate(PAGES):
            self.sidebar.item(row).setIcon(icon(spec.key))

    # --- remembering the window ---------------------------------------------------------------

    def _restore_window_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            state = settings.value(STATE_KEY)
            if isinstance(state, QByteArray):
                self.restoreState(state)
        else:
            self.resize(first_window_size(self.screen().availableGeometry().size()))
        self.sidebar_panel.setVisible(_as_bool(settings.value(SIDEBAR_KEY, True)))
        self.statusBar().setVisible(_as_bool(settings.value(STATUS_BAR_KEY, True)))
        page = str(settings.value(PAGE_KEY, PAGE_KEYS[0]))
        self.show_page(page if page in PAGE_KEYS else PAGE_KEYS[0])

    def _save_window_settings(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(PAGE_KEY, self.current_page_key())
        settings.setValue(SIDEBAR_KEY, self.sidebar_panel.isVisibleTo(self))
        settings.setValue(STATUS_BAR_KEY, self.statusBar().isVisibleTo(self))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._shut_down:
            super().closeEvent(event)
            return
        asking = not self._closing_without_asking
        if asking and not all(page.maybe_close() for page in self._pages.values()):
            event.ignore()
            return
        self._shut_down = True
        self._dismiss_welcome()
        if self.warm_up is not None:
            self.warm_up.stop()
        super().closeEvent(event)
        self._save_window_settings()
        self.close_store()
        self.closed.emit()

    def close_store(self) -> None:
        """Close the database (once); the window is of no further use afterwards."""
        if not self._store_closed:
            self._store_closed = True
            self.context.store.close()


def first_window_size(available: QSize) -> QSize:
    """The window's size on a first start: DEFAULT_SIZE where the screen's free area (less
    its panels) has room for it, else nine tenths of that area, so that a 1366×768 laptop
    sees the status bar and the window's edges."""
    share = QSize(int(available.width() * SCREEN_SHARE), int(available.height() * SCREEN_SHARE))
    return DEFAULT_SIZE.boundedTo(share)


def _show_busy() -> None:
    """The wait cursor, until QApplication.restoreOverrideCursor()."""
    from PySide6.QtCore import Qt  # see _build_body

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def _as_bool(value: object) -> bool:
    return value is True or str(value).lower() == "true"


def _error_text(error: Exception) -> str:
    if isinstance(error, StoreError):
        return error.message
    if isinstance(error, OSError):
        return f"{error.strerror or error}."
    return str(error)
