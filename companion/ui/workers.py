"""Long work off the window's thread: a job that yields progress, run on the thread pool, cancelled between steps."""

import contextlib
import logging
import threading
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal

log = logging.getLogger(__name__)

CHART_POOL_ATTRIBUTE = "_chart_thread_pool"

Job = Callable[[], Generator[Any, None, Any]]
"""A generator function: each `yield` is a step's progress, its `return` value the result.

It runs entirely on the worker thread, so whatever it opens (a database connection) it opens
there. Cancelling closes it at its current `yield`: its `with` blocks unwind (a transaction
rolls back) before `cancelled` is emitted.
"""


class Worker(QObject):
    """Runs one job on the global thread pool and reports through signals; it never touches widgets.

    Signals are queued to the receivers' (GUI) thread. Exactly one of `finished`, `failed` or
    `cancelled` is emitted at the end.
    """

    progressed = Signal(object)
    """Carries what the job yielded."""
    finished = Signal(object)
    """Carries what the job returned."""
    failed = Signal(object)
    """Carries the exception that stopped the job; the log has its traceback."""
    cancelled = Signal()

    def __init__(
        self, job: Job, parent: QObject | None = None, *, pool: QThreadPool | None = None
    ) -> None:
        super().__init__(parent)
        self._job = job
        self._pool = pool
        self._stop = threading.Event()
        self._done = threading.Event()
        self._started = False

    def start(self) -> None:
        if self._started:
            raise RuntimeError("a worker runs its job once")
        self._started = True
        (self._pool or QThreadPool.globalInstance()).start(self._run)

    def cancel(self) -> None:
        """Ask the job to stop at its next step; safe from any thread."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    @property
    def running(self) -> bool:
        return self._started and not self._done.is_set()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the job has ended (True) or the timeout passed (False)."""
        return not self._started or self._done.wait(timeout_s)

    def _run(self) -> None:
        try:
            ended, result = self._drive()
        except Exception as error:
            log.warning("background job failed", exc_info=error)
            self._done.set()
            self._emit(self.failed, error)
            return
        self._done.set()
        if ended:
            self._emit(self.finished, result)
        else:
            self._emit(self.cancelled)

    def _emit(self, signal: Any, *args: Any) -> None:
        """Emit from the worker thread; if the window (and this worker with it) was deleted
        meanwhile, there is no one left to tell."""
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

    def _drive(self) -> tuple[bool, Any]:
        """(True, result) when the job ran to its end; (False, None) when it was cancelled."""
        steps = self._job()
        with contextlib.closing(steps):
            while not self._stop.is_set():
                try:
                    progress = next(steps)
                except StopIteration as end:
                    return True, end.value
                self._emit(self.progressed, progress)
        return False, None


def chart_thread_pool() -> QThreadPool:
    """The one thread that does matplotlib's work off the window's thread: loading it, then
    making and drawing charts off screen, one job at a time.

    One thread, kept for the app's life: matplotlib keeps its fonts per thread, and loading a
    font holds the interpreter for tens of milliseconds, during which the window's thread
    cannot run its Python either. Loaded once, on this thread, while matplotlib loads, they
    are never loaded again. (And matplotlib, which is not made for threads, only ever runs on
    this one besides the window's.)
    """
    app = QCoreApplication.instance()
    pool = getattr(app, CHART_POOL_ATTRIBUTE, None)
    if pool is None:
        pool = QThreadPool(app)  # ends with the app, its thread with it
        pool.setMaxThreadCount(1)
        pool.setExpiryTimeout(-1)
        setattr(app, CHART_POOL_ATTRIBUTE, pool)
    return pool
