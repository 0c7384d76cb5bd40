"""Background jobs: charts are made on one thread of their own, kept for the app's life."""

import threading

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
