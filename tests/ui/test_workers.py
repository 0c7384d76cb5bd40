"""Background jobs: charts are made on one thread of their own, kept for the app's life."""

import sys
import threading

import shiboken6
from PySide6.QtCore import QObject, QThreadPool

from companion.ui.workers import Worker, chart_thread_pool


def test_chart_jobs_share_one_lasting_thread(qtbot, qapp):
    pool = chart_thread_pool()
    assert chart_thread_pool() is pool
    assert pool.maxThreadCount() == 1 and pool.expiryTimeout() < 0
    threads: list[int] = []

    def job():
        threads.append(threading.get_ident())
        yield
        return len(threads)

    for _ in range(3):
        worker = Worker(job, pool=pool)
        with qtbot.waitSignal(worker.finished, timeout=5_000):
            worker.start()
    assert len(set(threads)) == 1 and threads[0] != threading.get_ident()


def test_a_worker_whose_owner_was_deleted_ends_quietly(qapp, monkeypatch):
    reported: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: reported.append(error))
    go = threading.Event()

    def job():
        go.wait(5)
        yield 1
        return "done"

    owner = QObject()
    worker = Worker(job, owner)
    worker.start()
    shiboken6.delete(owner)  # the window closed, and the worker with it, while the job ran
    go.set()
    assert worker.wait(5)
    QThreadPool.globalInstance().waitForDone(5_000)
    assert reported == []
