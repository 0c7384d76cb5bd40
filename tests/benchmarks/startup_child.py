"""A start-up benchmark's child: `startup_child.py app DATABASE` or `startup_child.py baseline`.

It prints `ready MAX_RSS_KIB CPU_SECONDS` once its main window is shown and the event loop
is idle, then quits. Imports happen inside the functions so each child loads only what it needs.
"""

import resource
import sys


def report_ready() -> None:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"ready {peak_rss_kib(usage)} {usage.ru_utime + usage.ru_stime:.4f}", flush=True)


def peak_rss_kib(usage: resource.struct_rusage) -> int:
    """Peak resident memory: /proc's high-water mark, since Linux's ru_maxrss carries the
    parent's peak over fork and exec (see harness.peak_rss_kib; not imported, to keep this
    child's start-up its own)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return usage.ru_maxrss


def run_baseline() -> int:
    """The bare PySide6 start-up the app is compared with: an empty QMainWindow.

    Ready means what it means for the app: first painted, then the event loop idle.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                app.removeEventFilter(self)
                QTimer.singleShot(0, ready)
            return False

    def ready() -> None:
        report_ready()
        app.quit()

    app = QApplication(sys.argv)
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    window = QMainWindow()
    window.show()
    return app.exec()


def run_companion(db_path: str) -> int:
    """Creator Companion's own start-up, on the given database."""
    from pathlib import Path

    from companion.ui.app import run_app

    def on_ready(window: object) -> None:
        from PySide6.QtWidgets import QApplication

        report_ready()
        QApplication.quit()

    return run_app(Path(db_path), on_ready=on_ready)


def main(argv: list[str]) -> int:
    if argv[1:] == ["baseline"]:
        return run_baseline()
    if len(argv) == 3 and argv[1] == "app":
        return run_companion(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
