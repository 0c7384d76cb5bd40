"""UI fixtures: fresh QSettings per test, no modal dialog that could block, and window factories."""

import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from companion.store.database import Store, open_store
from companion.ui.app import configure_application, run_app
from companion.ui.main_window import MainWindow
from companion.ui.theme import Appearance, install_theme

WATCHDOG_MS = 20_000


@pytest.fixture(autouse=True)
def fresh_qsettings(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """Each test starts with empty QSettings in its own folder, and the system appearance."""
    configure_application(qapp)
    folder = str(tmp_path / "qsettings")
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, folder)
    QSettings().clear()
    # The theme in place before the test makes its widgets: a theme set up later changes
    # the palette under them (a chart view, for one, then draws its chart again).
    install_theme(qapp)
    yield
    install_theme(qapp).set_appearance(Appearance.SYSTEM)


@pytest.fixture(autouse=True)
def collect_widgets_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """Free each test's widgets here, on the GUI thread.

    Left to chance, Python's cycle collector may run on a worker thread (the chart loader's)
    and delete a Qt widget there while the GUI thread is drawing it: a crash, not an error.
    """
    yield
    gc.collect()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal exec() or file chooser the test did not replace fails the test instead of hanging."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a test reached a blocking dialog: {args!r}")

    for owner, name in (
        (QDialog, "exec"),
        (QMessageBox, "exec"),
        (QMessageBox, "about"),
        (QFileDialog, "exec"),
        (QFileDialog, "getOpenFileName"),
        (QFileDialog, "getOpenFileNames"),
        (QFileDialog, "getSaveFileName"),
        (QFileDialog, "getExistingDirectory"),
    ):
        monkeypatch.setattr(owner, name, refuse)


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """The test database, open for a page under test; closed afterwards."""
    opened = open_store(db_path)
    yield opened
    opened.close()


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot, db_path: Path) -> WindowFactory:
    """`make_window(path=db_path, read_only=False)`: a shown main window over an open store."""

    def make(path: Path = db_path, *, read_only: bool = False) -> MainWindow:
        window = MainWindow(open_store(path, read_only=read_only))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def add_account(store: Store, handle: str) -> None:
    """A minimal record for tests that need a database with something in it."""
    with store.transaction():
        store.db["account"].insert(
            {"platform": "instagram", "handle": handle, "created": "2026-01-01T00:00:00+00:00"}
        )


def account_handles(store: Store) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT handle FROM account ORDER BY handle")]


def make_database(path: Path, *handles: str) -> Path:
    with open_store(path) as store:
        for handle in handles:
            add_account(store, handle)
    return path


class AppRun:
    """The outcome of `run_app` in a test: its exit code and the window on_ready was given."""

    def __init__(self) -> None:
        self.exit_code: int | None = None
        self.windows: list[MainWindow] = []
        self.read_only: bool | None = None
        self.db_path: Path | None = None


@pytest.fixture
def start_app(qapp: QApplication) -> Callable[..., AppRun]:
    """`start_app(path, read_only=False, then=None)`: run_app until the window is ready, then
    close it.

    The window stays open for a moment after on_ready so the daily backup and the welcome
    offer run; `then(window)` is called once what on_ready left to do has run. A watchdog
    closes everything if the window never gets ready.
    """

    def start(
        path: Path | None,
        *,
        read_only: bool = False,
        then: Callable[[MainWindow], None] | None = None,
    ) -> AppRun:
        outcome = AppRun()

        def on_ready(window: MainWindow) -> None:
            outcome.windows.append(window)
            outcome.read_only = window.context.read_only
            outcome.db_path = window.context.store.path
            if then is not None:
                # Posted now, it runs before what run_app posts after on_ready; posted again
                # from there, after it.
                QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: then(window)))
            QTimer.singleShot(50, window.close)

        watchdog = QTimer()
        watchdog.setSingleShot(True)
        watchdog.timeout.connect(QApplication.closeAllWindows)
        watchdog.start(WATCHDOG_MS)
        try:
            outcome.exit_code = run_app(path, read_only=read_only, on_ready=on_ready)
        finally:
            watchdog.stop()
        for window in outcome.windows:
            window.deleteLater()
        _reset_quit_request(qapp)
        return outcome

    return start


def _reset_quit_request(qapp: QApplication) -> None:
    """Run the application loop once more, briefly.

    Windows that close after run_app's loop has ended make Qt ask the application to quit
    with no loop running; Qt keeps that request, and every later event loop in the test
    process (qtbot.wait, timers) would return at once. Only QApplication.exec() clears it.
    """
    QApplication.sendPostedEvents(None, 0)
    QTimer.singleShot(0, qapp.quit)
    qapp.exec()
