"""The main window: lazy pages, menus and shortcuts, remembered state, backups, restore, export, start-up."""

import csv
import itertools
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from companion import __version__
from companion.store.backup import list_backups, take_backup
from companion.store.database import open_store
from companion.store.location import default_database_path
from companion.ui import database_dialogs, incoming_files, main_window, theme
from companion.ui.app import SERIAL_FILLS_VARIABLE
from companion.ui.main_window import (
    LAST_DATABASE_KEY,
    PAGE_KEYS,
    PAGES,
    SIDEBAR_KEY,
    MainWindow,
    about_text,
)
from companion.ui.pages.base import Page
from companion.ui.theme import DARK, LIGHT, Appearance, build_palette, set_role
from tests.ui.conftest import account_handles, add_account, make_database

MENU_ITEMS = {
    "File": [
        "New database…",
        "Open database…",
        "Import…",
        "Import export folder…",
        "Export…",
        "Back up now",
        "Restore from backup…",
        "Quit",
    ],
    "Edit": ["Undo", "Redo", "Find"],
    "View": [
        "Show sidebar",
        "Show status bar",
        *(spec.title for spec in PAGES),
        "Appearance",
        "Full screen",
    ],
    "Help": ["About Creator Companion", "About Qt"],
}


def menu_texts(window) -> dict[str, list[str]]:
    menus = {}
    for action in window.menuBar().actions():
        texts = [a.text().replace("&", "") for a in action.menu().actions() if not a.isSeparator()]
        menus[action.text().replace("&", "")] = texts
    return menus


def all_shortcuts(window) -> list[str]:
    return [key.toString() for action in window.findChildren(QAction) for key in action.shortcuts()]


def keys(action) -> list[str]:
    return [key.toString() for key in action.shortcuts()]


def test_the_sidebar_lists_eight_pages_built_on_first_visit(make_window):
    window = make_window()
    titles = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert titles == [
        "Dashboard",
        "Audience",
        "Posts",
        "Deals",
        "Captions",
        "Subtitles",
        "Media Kit",
        "Settings",
    ]
    assert window.built_pages() == ["dashboard"]
    for key in PAGE_KEYS:
        assert window.page(key) is None or key in window.built_pages()
        window.show_page(key)
        page = window.page(key)
        assert isinstance(page, Page)
        assert window.stack.currentWidget() is page
        assert window.current_page_key() == key
        assert window.page_actions[key].isChecked()
    assert sorted(window.built_pages()) == sorted(PAGE_KEYS)
    assert window.stack.count() == len(PAGES)


def test_sidebar_rows_are_comfortable_and_do_not_overlap(make_window):
    window = make_window()
    model = window.sidebar.model()
    rects = [window.sidebar.visualRect(model.index(row, 0)) for row in range(len(PAGES))]
    assert all(rect.height() >= 32 for rect in rects)
    assert all(a.bottom() < b.top() for a, b in itertools.pairwise(rects))


def test_hidden_pages_are_not_built_at_start(make_window):
    window = make_window()
    assert [window.page(key) for key in PAGE_KEYS[1:]] == [None] * (len(PAGES) - 1)
    assert window.stack.count() == 1


def test_menus_hold_the_usual_items(make_window):
    window = make_window()
    menus = menu_texts(window)
    assert list(menus) == list(MENU_ITEMS)
    for menu, items in MENU_ITEMS.items():
        assert menus[menu] == items, menu
    appearance = [a.text().replace("&", "") for a in window.appearance_actions.values()]
    assert appearance == ["System", "Light", "Dark"]


def test_commands_added_after_the_first_frame_follow_the_window_as_it_is(qtbot, db_path):
    """run_app's window fills its menus once it is on screen; by then the creator may have
    a read-only database, a hidden sidebar and another page."""
    make_database(db_path, "maya")
    QSettings().setValue(SIDEBAR_KEY, False)
    window = MainWindow(open_store(db_path, read_only=True), actions_later=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert menu_texts(window) == {menu: [] for menu in MENU_ITEMS}
    window.show_page("posts")
    window.showFullScreen()
    window.add_menu_actions()
    window.add_menu_actions()
    assert window.action_full_screen.isChecked()
    assert menu_texts(window) == MENU_ITEMS
    assert window.page_actions["posts"].isChecked()
    assert not window.action_show_sidebar.isChecked()
    assert window.action_show_status_bar.isChecked()
    assert not window.action_import.isEnabled()
    assert not window.action_undo.isEnabled()
    assert window.appearance_actions[Appearance.SYSTEM].isChecked()
    window.action_show_sidebar.setChecked(True)
    assert window.sidebar_panel.isVisible()


def test_the_started_window_has_its_commands_once_it_is_on_screen(start_app, db_path):
    found: dict[str, list[str]] = {}
    start_app(db_path, then=lambda window: found.update(quit=keys(window.action_quit)))
    assert "Ctrl+Q" in found["quit"]


def test_shortcuts(make_window):
    window = make_window()
    assert "Ctrl+O" in keys(window.action_open_database)
    assert keys(window.action_new_database) == ["Ctrl+Shift+N"]
    assert "Ctrl+Q" in keys(window.action_quit)
    assert "Ctrl+Z" in keys(window.action_undo)
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(keys(window.action_redo))
    assert "Ctrl+F" in keys(window.action_find)
    assert keys(window.action_full_screen)
    assert "Ctrl+B" in keys(window.action_back_up)
    for number, key in enumerate(PAGE_KEYS, start=1):
        assert keys(window.page_actions[key]) == [f"Ctrl+{number}"]
    assert "Ctrl+N" not in all_shortcuts(window), "Ctrl+N belongs to 'Add today's numbers'"
    assert QKeySequence("Ctrl+N").toString() not in all_shortcuts(window)


SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
YOUTUBE_TABLE = SAMPLES / "exports" / "youtube" / "studio-table-per-video-a.csv"
SUBTITLE = SAMPLES / "subtitles" / "webvtt-py" / "sample.vtt"


@pytest.fixture
def opened(monkeypatch) -> dict[str, list]:
    """What each importer was asked to open, instead of opening it."""
    calls: dict[str, list] = {"csv": [], "platform": []}
    monkeypatch.setattr(
        "companion.ui.import_dialog.open_import_dialog",
        lambda parent, context, path=None: calls["csv"].append(path),
    )
    monkeypatch.setattr(
        "companion.ui.platform_import.start_platform_import",
        lambda parent, context, paths: calls["platform"].append(paths),
    )
    return calls


def choose_files(monkeypatch, *paths: Path) -> None:
    monkeypatch.setattr(incoming_files, "choose_import_files", lambda parent, start: list(paths))


def drop(window, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    position = QPointF(window.rect().center())
    enter = QDragEnterEvent(
        position.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(
        position,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_import_sends_a_platform_export_to_the_platform_import(make_window, monkeypatch, opened):
    window = make_window()
    choose_files(monkeypatch, YOUTUBE_TABLE)
    assert window.action_import.isEnabled()
    window.action_import.trigger()
    assert opened == {"csv": [], "platform": [[YOUTUBE_TABLE]]}


def test_import_sends_another_csv_to_the_column_mapping(make_window, monkeypatch, opened, tmp_path):
    table = tmp_path / "my numbers.csv"
    table.write_text("day,fans\n2024-01-01,1200\n", encoding="utf-8")
    window = make_window()
    choose_files(monkeypatch, table)
    window.action_import.trigger()
    assert opened == {"csv": [table], "platform": []}


def test_import_chosen_and_cancelled_opens_nothing(make_window, monkeypatch, opened):
    window = make_window()
    choose_files(monkeypatch)
    window.action_import.trigger()
    assert opened == {"csv": [], "platform": []}


def test_a_dropped_export_folder_goes_to_the_platform_import(make_window, opened):
    window = make_window()
    folder = YOUTUBE_TABLE.parent
    drop(window, folder)
    assert opened["platform"] == [[folder]]


def test_a_dropped_subtitle_file_opens_on_the_subtitles_page(make_window, opened, qtbot):
    window = make_window()
    window.show_page("subtitles")
    with qtbot.waitSignal(window.current_page().editor.file_opened, timeout=10_000):
        window.show_page("dashboard")
        drop(window, SUBTITLE)
    assert window.current_page_key() == "subtitles"
    assert window.current_page().editor.session.path == SUBTITLE
    assert opened == {"csv": [], "platform": []}


def test_a_table_dropped_with_a_platform_export_is_named_not_lost(make_window, opened, tmp_path):
    table = tmp_path / "my numbers.csv"
    table.write_text("day,fans\n2024-01-01,1200\n", encoding="utf-8")
    window = make_window()
    drop(window, YOUTUBE_TABLE, table)
    assert opened == {"csv": [], "platform": [[YOUTUBE_TABLE]]}
    assert "my numbers.csv" in window.statusBar().currentMessage()


def test_a_dropped_file_of_no_known_kind_is_named_in_the_status_bar(make_window, opened, tmp_path):
    junk = tmp_path / "holiday.png"
    junk.write_bytes(b"\x89PNG\r\n")
    window = make_window()
    drop(window, junk)
    assert opened == {"csv": [], "platform": []}
    assert "holiday.png" in window.statusBar().currentMessage()


def test_a_drag_without_files_is_refused(make_window):
    window = make_window()
    mime = QMimeData()
    mime.setText("just words")
    enter = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_closing_asks_each_page_and_a_no_keeps_the_window_open(make_window, monkeypatch):
    window = make_window()
    window.show_page("subtitles")
    page = window.current_page()
    monkeypatch.setattr(page, "maybe_close", lambda: False)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(page, "maybe_close", lambda: True)
    assert window.close()
    assert not window.isVisible()


def test_go_to_page_actions_show_the_page(make_window):
    window = make_window()
    window.page_actions["deals"].trigger()
    assert window.current_page_key() == "deals"
    assert window.sidebar.currentItem().text() == "Deals"


def test_find_follows_the_current_page(make_window, monkeypatch):
    window = make_window()
    window.show_page("posts")
    posts = window.page("posts")
    found = []
    monkeypatch.setattr(posts, "can_find", lambda: True)
    monkeypatch.setattr(posts, "find", lambda: found.append("posts"))
    window.show_page("audience")
    assert not window.action_find.isEnabled()
    window.show_page("posts")
    assert window.action_find.isEnabled()
    window.action_find.trigger()
    assert found == ["posts"]


def test_a_first_window_fits_the_screen():
    assert main_window.first_window_size(QSize(1920, 1040)) == main_window.DEFAULT_SIZE
    assert main_window.first_window_size(QSize(1366, 728)) == QSize(1200, 655)
    assert main_window.first_window_size(QSize(1024, 600)) == QSize(921, 540)


def test_the_first_window_takes_no_more_than_the_screen_has(make_window):
    window = make_window()
    free = window.screen().availableGeometry().size()
    assert window.width() <= free.width() and window.height() <= free.height()
    assert window.size() == main_window.first_window_size(free)


def test_last_page_and_geometry_come_back_in_a_new_window(make_window):
    first = make_window()
    first.show_page("captions")
    first.resize(QSize(700, 500))
    first.action_show_status_bar.setChecked(False)
    first.close()
    second = make_window()
    assert second.current_page_key() == "captions"
    assert second.built_pages() == ["captions"]
    assert second.size() == QSize(700, 500)
    assert not second.action_show_status_bar.isChecked()
    assert not second.statusBar().isVisible()


def test_status_bar_and_title_name_the_database(make_window, db_path):
    window = make_window()
    assert window.windowTitle() == f"Creator Companion — {db_path.name}"
    assert window.database_label.text() == db_path.name
    assert window.database_label.toolTip() == str(db_path)
    assert not window.read_only_label.isVisible()
    window.context.status_message.emit("Hello")
    assert window.statusBar().currentMessage() == "Hello"


def test_read_only_disables_what_writes(make_window, db_path):
    make_database(db_path, "maya")
    window = make_window(read_only=True)
    assert window.read_only_label.isVisible()
    assert window.read_only_label.text() == "read-only"
    assert not window.action_restore.isEnabled()
    assert not window.action_import.isEnabled()
    assert not window.action_undo.isEnabled()
    assert not window.action_redo.isEnabled()
    assert window.action_back_up.isEnabled()
    assert window.action_export.isEnabled()
    assert not window.offer_demo_if_new()


def test_back_up_now_makes_a_backup_and_says_where(make_window, db_path):
    window = make_window()
    window.action_back_up.trigger()
    backups = list_backups(db_path)
    assert [b.reason for b in backups] == ["manual"]
    assert str(backups[0].path) in window.statusBar().currentMessage()


def test_back_up_now_works_read_only(make_window, db_path):
    make_database(db_path, "maya")
    window = make_window(read_only=True)
    window.action_back_up.trigger()
    assert [b.reason for b in list_backups(db_path)] == ["manual"]


def test_restore_from_backup_brings_the_data_back(make_window, db_path, monkeypatch):
    window = make_window()
    add_account(window.context.store, "before")
    backup = take_backup(window.context.store)
    add_account(window.context.store, "after")
    offered = {}

    def choose(parent, folder):
        offered["folder"] = folder
        return backup

    monkeypatch.setattr(database_dialogs, "choose_backup_file", choose)
    monkeypatch.setattr(database_dialogs, "confirm_restore", lambda parent, file, db: True)
    old_store = window.context.store
    reloads = []
    window.context.data_changed.connect(lambda: reloads.append(True))
    window.action_restore.trigger()
    assert offered["folder"] == db_path.parent / "backups"
    assert window.context.store is not old_store
    assert account_handles(window.context.store) == ["before"]
    assert not window.context.read_only
    assert reloads
    assert "before-restore" in [b.reason for b in list_backups(db_path)]
    assert "Restored" in window.statusBar().currentMessage()
    add_account(window.context.store, "later")


def test_a_restore_that_cannot_reopen_closes_the_window_whatever_the_pages_say(
    make_window, monkeypatch
):
    window = make_window()
    backup = take_backup(window.context.store)
    window.show_page("subtitles")
    monkeypatch.setattr(window.current_page(), "maybe_close", lambda: False)
    monkeypatch.setattr(database_dialogs, "choose_backup_file", lambda parent, folder: backup)
    monkeypatch.setattr(database_dialogs, "confirm_restore", lambda parent, file, db: True)
    monkeypatch.setattr(database_dialogs, "open_database", lambda path, **kwargs: None)
    window.action_restore.trigger()
    assert not window.isVisible()


def test_restore_cancelled_at_the_question_changes_nothing(make_window, monkeypatch):
    window = make_window()
    add_account(window.context.store, "before")
    backup = take_backup(window.context.store)
    add_account(window.context.store, "after")
    monkeypatch.setattr(database_dialogs, "choose_backup_file", lambda parent, folder: backup)
    monkeypatch.setattr(database_dialogs, "confirm_restore", lambda parent, file, db: False)
    window.action_restore.trigger()
    assert account_handles(window.context.store) == ["after", "before"]


def test_restore_of_a_bad_file_says_why(make_window, tmp_path, monkeypatch):
    window = make_window()
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    errors = []
    monkeypatch.setattr(database_dialogs, "choose_backup_file", lambda parent, folder: junk)
    monkeypatch.setattr(database_dialogs, "confirm_restore", lambda parent, file, db: True)
    monkeypatch.setattr(database_dialogs, "show_error", lambda *args: errors.append(args))
    window.action_restore.trigger()
    assert errors and errors[0][1] == "The backup was not restored"
    add_account(window.context.store, "still-works")


def test_export_writes_every_table_as_csv(make_window, tmp_path, monkeypatch):
    window = make_window()
    add_account(window.context.store, "maya")
    folder = tmp_path / "export"
    folder.mkdir()
    monkeypatch.setattr(main_window, "choose_export_folder", lambda parent, start: folder)
    window.action_export.trigger()
    names = {path.name for path in folder.iterdir()}
    assert {"account.csv", "post.csv", "deal.csv", "setting.csv"} <= names
    with (folder / "account.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["handle"] for row in rows] == ["maya"]
    assert "Exported" in window.statusBar().currentMessage()


def test_open_database_switches_and_is_remembered(make_window, db_path, tmp_path, monkeypatch):
    other = make_database(tmp_path / "other" / "second.sqlite", "other-creator")
    window = make_window()
    monkeypatch.setattr(database_dialogs, "choose_existing_database", lambda parent, start: other)
    window.action_open_database.trigger()
    assert window.context.store.path == other
    assert account_handles(window.context.store) == ["other-creator"]
    assert window.windowTitle() == "Creator Companion — second.sqlite"
    assert QSettings().value(LAST_DATABASE_KEY) == str(other)
    open_store(db_path).close()


def test_opening_the_open_database_again_is_harmless(make_window, db_path, monkeypatch):
    window = make_window()
    store = window.context.store
    monkeypatch.setattr(database_dialogs, "choose_existing_database", lambda parent, start: db_path)
    window.action_open_database.trigger()
    assert window.context.store is store
    assert "already open" in window.statusBar().currentMessage()


def test_new_database_is_offered_the_demo(make_window, tmp_path, monkeypatch):
    window = make_window()
    new = tmp_path / "fresh" / "mine.sqlite"
    monkeypatch.setattr(database_dialogs, "choose_new_database", lambda parent, start: new)
    window.action_new_database.trigger()
    assert window.context.store.path == new
    assert new.exists()
    assert window.welcome_dialog is not None
    window.welcome_dialog.reject()


def test_new_database_refuses_an_existing_file(make_window, tmp_path, monkeypatch):
    existing = make_database(tmp_path / "other.sqlite", "someone")
    window = make_window()
    store = window.context.store
    errors = []
    monkeypatch.setattr(database_dialogs, "choose_new_database", lambda parent, start: existing)
    monkeypatch.setattr(database_dialogs, "show_error", lambda *args: errors.append(args))
    window.action_new_database.trigger()
    assert window.context.store is store
    assert errors and "already exists" in errors[0][1]


def test_appearance_choice_changes_the_palette_and_is_saved(make_window, qapp):
    window = make_window()
    window.appearance_actions[Appearance.DARK].trigger()
    assert qapp.palette().window().color().name().upper() == DARK.window
    assert QSettings().value("appearance") == "dark"
    window.appearance_actions[Appearance.LIGHT].trigger()
    assert qapp.palette().window().color().name().upper() == LIGHT.window


def test_a_new_application_is_made_in_fusion():
    script = "from companion.ui.app import application; print(application().style().name())"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().lower() == "fusion"


def test_the_system_scheme_is_followed_until_a_choice_is_made(make_window, qapp):
    window = make_window()
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert qapp.palette().window().color().name().upper() == DARK.window
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert qapp.palette().window().color().name().upper() == LIGHT.window
    window.set_appearance(Appearance.LIGHT)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    try:
        assert qapp.palette().window().color().name().upper() == LIGHT.window
    finally:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)  # the next tests' system is light


def test_a_dark_system_palette_is_read_as_a_dark_scheme():
    assert theme.palette_is_dark(build_palette(DARK))
    assert not theme.palette_is_dark(build_palette(LIGHT))
    assert theme.colors_for(Appearance.SYSTEM, system_dark=True) is DARK
    assert theme.colors_for(Appearance.LIGHT, system_dark=True) is LIGHT


def start_demo_and_report(tmp_path: Path, report: str, **env: str) -> str:
    """Start the app on a demo database in a fresh interpreter; once it is ready (first
    painted, the event loop idle), `report` (an expression) is printed and the app quits."""
    from companion.demo import generate_demo

    db_path = tmp_path / "demo.sqlite"
    with open_store(db_path) as store:
        generate_demo(store, today=date.today())
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from companion.ui.app import run_app\n"
        "def ready(window):\n"
        f"    print({report}, flush=True)\n"
        "    QApplication.quit()\n"
        "run_app(Path(sys.argv[1]), on_ready=ready)\n"
    )
    home = tmp_path / "home"
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    environment.pop(SERIAL_FILLS_VARIABLE, None)  # the app's own choice, unless a test sets it
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-c", script, str(db_path)],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.splitlines()[0]


def test_the_start_up_never_builds_the_qt_namespace(tmp_path):
    """PySide6 builds the Qt namespace's 94 enums (≈20 ms) on its first use: the start-up,
    first paint included, does without it."""
    report = "'built' if 'Qt' in vars(sys.modules['PySide6.QtCore']) else 'not built'"
    assert start_demo_and_report(tmp_path, report) == "not built"


THREAD_NAMES = (
    "sorted(open(p).read().strip() for p in __import__('glob').glob('/proc/self/task/*/comm'))"
)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="threads are listed from /proc")
def test_the_first_paint_starts_no_threads(tmp_path):
    """Qt's fills stay on the window's thread: handed to Qt's pool, the first paint of the
    Dashboard's scroll bar started two threads and waited on them ≈250 times."""
    names = start_demo_and_report(tmp_path, THREAD_NAMES)
    assert "Thread (pooled)" not in names


def test_a_fill_setting_in_the_environment_is_kept(tmp_path):
    report = f"__import__('os').environ[{SERIAL_FILLS_VARIABLE!r}]"
    assert start_demo_and_report(tmp_path, report, **{SERIAL_FILLS_VARIABLE: "0"}) == "0"


def test_sidebar_icons_follow_the_palette(make_window, qtbot):
    window = make_window()

    def icon_color(row: int) -> str:
        image = window.sidebar.item(row).icon().pixmap(QSize(20, 20)).toImage()
        pixels = (image.pixelColor(x, y) for x in range(20) for y in range(20))
        return max(pixels, key=lambda color: color.alpha()).name().upper()

    window.set_appearance(Appearance.DARK)
    qtbot.waitUntil(lambda: icon_color(1) == DARK.text)
    window.set_appearance(Appearance.LIGHT)
    qtbot.waitUntil(lambda: icon_color(1) == LIGHT.text)


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_text_is_readable_on_every_background(colors):
    backgrounds = (colors.window, colors.surface, colors.sidebar)
    for foreground in (colors.text, colors.muted):
        for background in backgrounds:
            assert contrast(foreground, background) >= 4.5, (foreground, background)
    assert contrast(colors.on_accent, colors.accent) >= 4.5
    assert contrast(colors.link, colors.surface) >= 4.5


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""

    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_closing_the_window_closes_the_store(make_window, db_path):
    window = make_window()
    store = window.context.store
    window.action_quit.trigger()
    with pytest.raises(sqlite3.ProgrammingError):
        store.conn.execute("SELECT 1")
    open_store(db_path).close()


def test_about_says_version_and_where_the_data_lives(db_path):
    text = about_text(db_path)
    assert __version__ in text
    assert str(db_path) in text
    assert str(db_path.parent / "backups") in text


def test_run_app_calls_on_ready_once_then_backs_up(start_app, db_path):
    run = start_app(db_path)
    assert run.exit_code == 0
    assert len(run.windows) == 1
    assert run.db_path == db_path
    assert [b.reason for b in list_backups(db_path)] == ["daily"]
    open_store(db_path).close()


def test_run_app_without_a_path_reopens_the_last_database(start_app, tmp_path):
    last = make_database(tmp_path / "last" / "mine.sqlite", "maya")
    QSettings().setValue(LAST_DATABASE_KEY, str(last))
    assert start_app(None).db_path == last


def test_run_app_without_a_path_falls_back_to_the_default(start_app, tmp_path):
    QSettings().setValue(LAST_DATABASE_KEY, str(tmp_path / "gone.sqlite"))
    assert start_app(None).db_path == default_database_path()


def test_run_app_read_only(start_app, db_path):
    make_database(db_path, "maya")
    run = start_app(db_path, read_only=True)
    assert run.exit_code == 0
    assert run.read_only is True
    assert list_backups(db_path) == []


def test_application_has_its_names(qapp):
    assert QApplication.organizationName() == "Creator Companion"
    assert QApplication.applicationName() == "Creator Companion"


def test_pages_for_later_features_say_what_the_record_holds(make_window, db_path):
    make_database(db_path, "maya", "theo")
    window = make_window()
    window.show_page("deals")
    body = window.page("deals").empty_state.body_label.text()
    assert "collaboration" in body.lower()
    assert "0 deals" not in body  # an empty record is not counted out loud
    window.show_page("audience")
    assert "daily follower count" not in window.page("audience").empty_state.body_label.text()


def test_the_posts_page_counts_the_posts(make_window, db_path):
    with open_store(db_path) as store:
        add_account(store, "maya")
        with store.transaction():
            store.db["post"].insert_all(
                {"account_id": 1, "published_at": f"2026-01-{day:02d}", "kind": "photo"}
                for day in range(1, 4)
            )
    window = make_window()
    window.show_page("posts")
    assert window.page("posts").count_label.text() == "3 posts"


def test_a_disabled_primary_button_does_not_look_pressable(make_window, qtbot):
    from PySide6.QtWidgets import QPushButton

    window = make_window()
    window.set_appearance(Appearance.LIGHT)
    button = QPushButton("Add today's numbers")
    set_role(button, "primaryButton")
    qtbot.addWidget(button)
    button.resize(200, 32)
    button.show()

    def fill() -> str:
        return button.grab().toImage().pixelColor(6, 16).name().upper()

    assert fill() == LIGHT.accent
    button.setEnabled(False)
    assert fill() != LIGHT.accent
