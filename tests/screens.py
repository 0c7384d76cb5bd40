"""`python -m tests.screens OUTDIR`: PNGs of every page, the welcome and a database dialog, light and dark.

Renders offscreen over a temporary demo database (a fixed `today`), at 1280×800, into
OUTDIR/light-dashboard.png, OUTDIR/dark-dashboard.png, … It never touches the creator's
own data or settings.
"""

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from companion.demo import generate_demo
from companion.store.database import open_store
from companion.store.errors import DatabaseUnusable
from companion.ui.app import application
from companion.ui.database_dialogs import build_problem_dialog
from companion.ui.main_window import PAGES, MainWindow
from companion.ui.theme import Appearance, install_theme
from companion.ui.welcome import WelcomeDialog

TODAY = date(2026, 11, 20)
WINDOW_SIZE = (1280, 800)
SETTLE_MS = 150


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="companion-screens-") as folder:
        written = render_all(Path(folder), out)
    for path in written:
        print(path)
    return 0


def render_all(folder: Path, out: Path) -> list[Path]:
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(folder / "settings"))
    app = application()
    theme = install_theme(app)
    db_path = demo_database(folder / "demo" / "companion.sqlite")
    problem = damaged_database_error(folder / "damaged" / "companion.sqlite")
    window = MainWindow(open_store(db_path))
    window.resize(*WINDOW_SIZE)
    window.show()
    written = []
    try:
        for appearance in (Appearance.LIGHT, Appearance.DARK):
            theme.set_appearance(appearance)
            written += render_pages(window, out, appearance.value)
            written.append(render_dialog(WelcomeDialog(window), out / f"{appearance}-welcome.png"))
            dialog = build_problem_dialog(problem, window)
            written.append(render_dialog(dialog, out / f"{appearance}-database-damaged.png"))
    finally:
        window.close()
    return written


def demo_database(path: Path) -> Path:
    with open_store(path) as store:
        generate_demo(store, today=TODAY)
    return path


def damaged_database_error(path: Path) -> DatabaseUnusable:
    """The error a damaged file really gives, so the dialog shows its real message."""
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database " * 100)
    try:
        open_store(path).close()
    except DatabaseUnusable as error:
        return error
    raise RuntimeError(f"{path} opened although it is junk")


def render_pages(window: MainWindow, out: Path, prefix: str) -> list[Path]:
    written = []
    for spec in PAGES:
        window.show_page(spec.key)
        settle()
        wait_for_charts(window.page(spec.key))
        written.append(save(window, out / f"{prefix}-{spec.key}.png"))
    return written


def render_dialog(dialog: QWidget, path: Path) -> Path:
    dialog.show()
    dialog.adjustSize()
    settle()
    save(dialog, path)
    dialog.close()
    dialog.deleteLater()
    return path


def wait_for_charts(page: QWidget, timeout_s: float = 15) -> None:
    """Grab pages with charts only once matplotlib has drawn them (its first load is slow)."""
    if hasattr(page, "wait_for_charts"):
        page.wait_for_charts()
    chart_view = getattr(page, "chart_view", None)
    deadline = time.monotonic() + timeout_s
    while chart_view is not None and chart_view.figure is None and time.monotonic() < deadline:
        settle()
    settle()


def settle() -> None:
    """Let layouts, lazy loads and repaints finish before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(SETTLE_MS, loop.quit)
    loop.exec()
    QApplication.processEvents()


def save(widget: QWidget, path: Path) -> Path:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


if __name__ == "__main__":
    sys.exit(main(sys.argv))
