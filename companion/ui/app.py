"""Starting the window: the QApplication, the database it opens, and what happens once it is on screen."""

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from companion import APP_ID, APP_NAME
from companion.exit_codes import EXIT_DATABASE_UNUSABLE
from companion.store.database import Store, open_store
from companion.store.errors import StoreError
from companion.store.location import default_database_path
from companion.ui.garbage import collect_on_gui_thread
from companion.ui.icons import app_icon
from companion.ui.main_window import MainWindow, remember_database, remembered_database
from companion.ui.theme import install_theme, new_application

ORGANIZATION_NAME = APP_NAME
SERIAL_FILLS_VARIABLE = "QT_NO_GUI_THREADPOOL"
"""Set, Qt's raster engine fills on the thread that paints (Qt reads it once, at its first fill)."""


def run_app(
    db_path: Path | None,
    *,
    read_only: bool = False,
    on_ready: Callable[[MainWindow], None] | None = None,
) -> int:
    """Open the window on `db_path` and run until it closes; returns the exit code.

    `db_path` None means neither --db nor COMPANION_DB was given: the database last opened
    from the File menu, if it still exists, else the default one. `on_ready` is called once,
    after the window's first paint, when the event loop is idle; the menus' commands are
    added in the turn after it.
    """
    app = application()
    install_theme(app)
    path = db_path or start_path()
    store = open_start_database(path, read_only=read_only)
    if store is None:
        return EXIT_DATABASE_UNUSABLE
    if store.path != path:
        remember_database(store.path)
    window = MainWindow(store, actions_later=True)
    window.closed.connect(app.quit)
    window.show()
    when_first_painted(window, lambda: _after_first_paint(window, on_ready))
    try:
        return app.exec()
    finally:
        window.close()


def application() -> QApplication:
    """The QApplication, created once, in the app's style and with its names and icon.

    High-DPI screens get Qt 6's own policy: the system's scale factor as it is, fractions
    included (QT_SCALE_FACTOR_ROUNDING_POLICY still changes it).
    """
    app = QApplication.instance()
    if app is None:
        fill_on_the_painting_thread()
        app = new_application(sys.argv[:1])
    configure_application(app)
    return app


def fill_on_the_painting_thread() -> None:
    """Keep Qt's fills off its pool of threads, unless the environment says otherwise.

    Qt's raster engine hands every fill 96 or more rows tall to a thread pool, in pieces,
    and waits for them. For the app's fills, thin and small, the hand-offs cost more than the
    filling: the first paint of the Dashboard's scroll bar alone made ≈250 of them, two
    threads started for it, and the start took ≈20 ms longer on two cores. The app's large
    pictures are drawn elsewhere (the charts by matplotlib, the media kit by Qt's PDF
    writer): Qt only copies the charts to the window.
    """
    os.environ.setdefault(SERIAL_FILLS_VARIABLE, "1")


def configure_application(app: QApplication) -> None:
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    collect_on_gui_thread(app)


def start_path() -> Path:
    last = remembered_database()
    if last is not None and last.is_file():
        return last
    return default_database_path()


def open_start_database(path: Path, *, read_only: bool = False) -> Store | None:
    """The store to start on, or None when the creator chose Quit over an unusable database.

    The dialogs for a database that cannot be used, and the backups they offer, load only
    when it cannot be used: ≈5 ms of imports a normal start does without.
    """
    try:
        return open_store(path, read_only=read_only)
    except StoreError as error:
        from companion.ui.database_dialogs import recover_database

        return recover_database(error, path, read_only=read_only)


def _after_first_paint(window: MainWindow, on_ready: Callable[[MainWindow], None] | None) -> None:
    if on_ready is not None:
        on_ready(window)
    QTimer.singleShot(0, window.add_menu_actions)
    QTimer.singleShot(0, window.take_daily_backup)
    QTimer.singleShot(0, window.offer_demo_if_new)


class _FirstPaintWatcher(QObject):
    """Calls back once, when the event loop is idle after `window` first painted.

    A window is painted before its children, in the same pass. Only the window's own events
    are watched: an application-wide filter would run Python for each of the ≈650 events
    the widgets get before the first paint (≈8 ms).
    """

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def when_first_painted(window: QWidget, callback: Callable[[], None]) -> None:
    _FirstPaintWatcher(window, callback)


class AfterPainting(QObject):
    """Emits `settled` once `widget` has not painted for `quiet_ms` since `arm()`, or
    `latest_ms` after it, whatever is painted meanwhile; arming again starts the wait anew.

    For work on a worker thread that should not start while the window paints something
    drawn by Python calls (a table's cells): the two would take turns on the interpreter,
    and each of the paint's calls would wait up to 5 ms for its turn.

    It belongs to `owner`, an object made in Python that holds `widget`: `widget` may be one
    Qt made (a view's viewport), whose Python wrapper comes and goes.
    """

    settled = Signal()

    def __init__(self, widget: QWidget, owner: QObject, *, quiet_ms: int, latest_ms: int) -> None:
        super().__init__(owner)
        self._widget = widget
        self._armed = False
        self._quiet = QTimer(self, singleShot=True, interval=quiet_ms)
        self._latest = QTimer(self, singleShot=True, interval=latest_ms)
        self._quiet.timeout.connect(self._settle)
        self._latest.timeout.connect(self._settle)

    def arm(self) -> None:
        if not self._armed:
            self._armed = True
            self._widget.installEventFilter(self)
        self._quiet.start()
        self._latest.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._quiet.start()
        return False

    def _settle(self) -> None:
        if not self._armed:
            return
        self._armed = False
        self._quiet.stop()
        self._latest.stop()
        self._widget.removeEventFilter(self)
        self.settled.emit()
