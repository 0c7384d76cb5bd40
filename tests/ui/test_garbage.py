"""The cycle collector runs on the GUI thread only, so no worker ever deletes a Qt object."""

import gc
import subprocess
import sys
import threading
import weakref

from PySide6.QtWidgets import QApplication

from companion.ui.garbage import GuiThreadCollector, collect_on_gui_thread


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_the_application_collects_on_its_own_thread_only(qapp: QApplication):
    collector = collect_on_gui_thread(qapp)
    assert collect_on_gui_thread(qapp) is collector
    assert not gc.isenabled()


def test_importing_the_interface_stops_automatic_collection_before_qt_loads():
    """A fresh process: no collection starts once PySide6 begins to load, nor after."""
    probe = (
        "import gc, sys\n"
        "qt_loading = []\n"
        "def note(phase, info):\n"
        "    if phase == 'start':\n"
        "        qt_loading.append('shiboken6' in sys.modules or 'PySide6' in sys.modules)\n"
        "gc.callbacks.append(note)\n"
        "import companion.ui.main_window\n"
        "print(gc.isenabled(), any(qt_loading))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False"]


def test_a_worker_allocating_cycles_never_sets_off_a_collection(qapp: QApplication):
    collect_on_gui_thread(qapp)
    threads_collecting: list[int] = []

    def note(phase: str, info: dict) -> None:
        if phase == "start":
            threads_collecting.append(threading.get_ident())

    def allocate_cycles() -> None:
        for _ in range(50_000):
            one, two = Node(), Node()
            one.other, two.other = two, one

    gc.callbacks.append(note)
    try:
        worker = threading.Thread(target=allocate_cycles)
        worker.start()
        worker.join()
    finally:
        gc.callbacks.remove(note)
    assert worker.ident not in threads_collecting


def test_the_timer_frees_cycles_once_the_collector_would_have(qapp: QApplication):
    collector = GuiThreadCollector(qapp, interval_ms=10_000)
    try:
        collector.thresholds = (0, 10**9, 10**9)
        one, two = Node(), Node()
        one.other, two.other = two, one
        gone = weakref.ref(one)
        del one, two
        collector.collect_due()
        assert gone() is None
    finally:
        collector.timer.stop()
        collector.setParent(None)
        collector.deleteLater()
