"""Python's cycle collector, run on the GUI thread only.

Left automatic, the collector runs on whichever thread happens to allocate when a
threshold is crossed: a worker loading matplotlib or reading an import. If the cycle it
frees holds a Qt widget, the widget is deleted on that thread while the GUI thread may be
drawing it: a crash, not an error. So automatic collection is off (from the moment
companion.ui is imported), and a timer on the GUI thread collects each generation once the
collector would have (the pattern pyqtgraph and others use for the same reason).
"""

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500
COLLECTOR_ATTRIBUTE = "_gui_thread_collector"


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects on the GUI thread's timer instead."""

    def __init__(self, parent: QObject, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)

    def collect_due(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as gc would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector once per application; later calls return the same one.

    The collector is kept on the app's Python object rather than looked up with findChild:
    that would give each of the app's children a Python wrapper, among them the style,
    whose wrapper type alone takes ≈8 ms to build at start-up.
    """
    collector = getattr(app, COLLECTOR_ATTRIBUTE, None)
    if collector is None:
        collector = GuiThreadCollector(app)
        setattr(app, COLLECTOR_ATTRIBUTE, collector)
    return collector
