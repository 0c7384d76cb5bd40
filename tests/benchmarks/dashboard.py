"""Dashboard benchmarks: its figures against a bare read of the same rows, and opening pages on a big record.

`python tests/benchmarks/dashboard.py open DATABASE` is the child that `dashboard_open` times:
it prints `open DASHBOARD_S AUDIENCE_S MAX_BLOCK_MS` and exits.
"""

import atexit
import functools
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from companion.store.records import RECORD_TABLES  # noqa: E402
from tests.benchmarks.harness import (  # noqa: E402
    Benchmark,
    BenchmarkError,
    Result,
    isolated_env,
    time_to_line,
)

BIG_SCALE = 50
COMPUTE_RUNS = 21
OPEN_RUNS = 3
TICK_MS = 5
"""The watchdog's tick: the GUI thread was blocked for as long as a tick came late."""
BUSY_GAP_MS = 25
CALM_MS = 400
"""Idle: no tick later than BUSY_GAP_MS for this long."""
OPEN_TIMEOUT_S = 60.0

# --- dashboard_compute --------------------------------------------------------------------

# The statements the Dashboard runs, as companion.store runs them: before the first paint
# the accounts and each one's follower history, then each one's recent posts and the counts.
_ACCOUNTS = "SELECT id, platform, handle, display_name FROM account ORDER BY id"
_HISTORY = "SELECT date, followers FROM snapshot WHERE account_id = ? ORDER BY date"
_COUNTS = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in RECORD_TABLES)


def bare_read(conn: sqlite3.Connection, today: date) -> None:
    """The same rows the Dashboard reads, fetched as tuples and left alone."""
    from companion.store.reports import POSTS_FROM_QUERY, dashboard_posts_since

    posts_since = datetime.combine(dashboard_posts_since(today), datetime.min.time(), UTC)
    accounts = conn.execute(_ACCOUNTS).fetchall()
    for account_id, *_ in accounts:
        conn.execute(_HISTORY, (account_id,)).fetchall()
    for account_id, *_ in accounts:
        conn.execute(POSTS_FROM_QUERY, (account_id, posts_since.isoformat())).fetchall()
    conn.execute(_COUNTS).fetchone()


def dashboard_figures(db_path: Path, today: date) -> Callable[[], object]:
    """What the Dashboard reads and works out (DashboardPage.reload, then show_details)."""
    from companion.core.accounts import Snapshot, standing_of
    from companion.store.database import open_store
    from companion.store.reports import dashboard_reports, load_dashboard
    from companion.store.settings import load_settings

    store = open_store(db_path, read_only=True)
    thresholds = load_settings(store).thresholds

    def figures() -> object:
        record = load_dashboard(store, today)
        standings = [
            standing_of(account, Snapshot(account.id, *history[-1]), thresholds)
            for account in record.accounts
            if (history := record.histories[account.id])
        ]
        return standings, dashboard_reports(record, thresholds)

    return figures


def interleaved_ms(first: Callable[[], object], second: Callable[[], object], runs: int):
    """Median milliseconds of each, run in turns (after a warm-up each) so load hits both alike."""
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for run, kept in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            run()
            kept.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def dashboard_compute() -> Result:
    path = big_database()
    today = date.today()
    figures = dashboard_figures(path, today)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        figures_ms, bare_ms = interleaved_ms(figures, lambda: bare_read(conn, today), COMPUTE_RUNS)
    finally:
        conn.close()
    return Result(
        figures_ms / bare_ms, {"figures_ms": figures_ms, "bare_ms": bare_ms, "runs": COMPUTE_RUNS}
    )


# --- dashboard_open -----------------------------------------------------------------------


@functools.cache
def _folder() -> Path:
    """One folder per run for the databases and the children's home, removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="companion-dashboard-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _demo(scale: int) -> Path:
    path = _folder() / f"scale-{scale}" / "companion.sqlite"
    if not path.exists():
        env = isolated_env(_folder() / "home")
        command = [sys.executable, "-m", "companion", "demo", "--db", str(path)]
        command += ["--scale", str(scale)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BenchmarkError(f"{' '.join(command)} failed:\n{done.stderr}")
    return path


def big_database() -> Path:
    """6 accounts × 10 years of daily snapshots and 20,000 posts, made once per run."""
    return _demo(BIG_SCALE)


@dataclass(frozen=True)
class Opening:
    """One child's times to idle for each page, and its longest block of the GUI thread."""

    dashboard_s: float
    audience_s: float
    max_block_ms: float

    @property
    def total_s(self) -> float:
        return self.dashboard_s + self.audience_s


def open_pages(db_path: Path) -> Opening:
    env = isolated_env(_folder() / "home")
    command = [sys.executable, str(Path(__file__)), "open", str(db_path)]
    _, line = time_to_line(command, env)
    try:
        word, dashboard_s, audience_s, block_ms = line.split()
        if word != "open":
            raise ValueError(word)
        return Opening(float(dashboard_s), float(audience_s), float(block_ms))
    except ValueError:
        raise BenchmarkError(f"{' '.join(command)} printed {line!r}") from None


def dashboard_open() -> Result:
    """Each database opened once first, untimed, as a creator's first start after installing:
    matplotlib then builds its list of the system's fonts (≈1 s, on its loading thread) and
    fontconfig its cache, once. Its longest block is reported as first_max_block_ms."""
    big, demo = big_database(), _demo(1)
    first = [open_pages(big), open_pages(demo)]
    openings: dict[str, list[Opening]] = {"big": [], "demo": []}
    for _ in range(OPEN_RUNS):
        openings["big"].append(open_pages(big))
        openings["demo"].append(open_pages(demo))
    figures: dict[str, float | int] = {}
    for name, runs in openings.items():
        figures[f"{name}_dashboard_s"] = statistics.median(o.dashboard_s for o in runs)
        figures[f"{name}_audience_s"] = statistics.median(o.audience_s for o in runs)
        figures[f"{name}_max_block_ms"] = max(o.max_block_ms for o in runs)
    figures["max_block_ms"] = max(figures["big_max_block_ms"], figures["demo_max_block_ms"])
    figures["first_max_block_ms"] = max(o.max_block_ms for o in first)
    figures["runs"] = OPEN_RUNS
    big_s = statistics.median(o.total_s for o in openings["big"])
    demo_s = statistics.median(o.total_s for o in openings["demo"])
    return Result(big_s / demo_s, figures)


BENCHMARKS = [
    Benchmark("dashboard_compute", 2.0, dashboard_compute),
    Benchmark("dashboard_open", 3.0, dashboard_open),
]


# --- the child ------------------------------------------------------------------------------


class EventLoopWatch:
    """A timer that ticks every TICK_MS: a late tick means the GUI thread was blocked that long."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.clock.start()
        self.gaps: list[tuple[int, int]] = []
        """(ms since the start, ms since the tick before)."""
        self.ready: Callable[[], bool] = lambda: True
        self.ready_at: int | None = None
        self.timer = QTimer(interval=TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    @property
    def max_block_ms(self) -> int:
        return max(gap for _, gap in self.gaps)

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append((now, now - (self.gaps[-1][0] if self.gaps else 0)))
        if self.ready_at is None and self.ready():
            self.ready_at = now

    def now(self) -> int:
        return self.clock.elapsed()

    def until_idle(self, started: int, ready: Callable[[], bool]) -> float:
        """Seconds from `started` (see `now`) until `ready` and the end of the last busy
        stretch after it, once CALM_MS have passed without one."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.ready, self.ready_at = ready, None
        loop = QEventLoop()

        def check() -> None:
            if self._idle_since(started) is not None:
                loop.quit()

        poll = QTimer(interval=20)
        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()
        return (self._idle_since(started) - started) / 1000

    def _idle_since(self, started: int) -> int | None:
        """When the loop went idle, if it has stayed so for CALM_MS (or time ran out)."""
        now = self.clock.elapsed()
        if now - started > OPEN_TIMEOUT_S * 1000:
            return now
        if self.ready_at is None:
            return None
        busy = [at for at, gap in self.gaps if at >= started and gap > BUSY_GAP_MS]
        idle_since = max([self.ready_at, *busy])
        return idle_since if now - idle_since >= CALM_MS else None


def run_open(db_path: Path) -> int:
    """Open the window on the Dashboard, wait for idle with its charts drawn, then the same for
    the Audience page and its chart; print the times and the longest the GUI thread was
    blocked."""
    from PySide6.QtCore import QSettings

    from companion.store.database import open_store
    from companion.ui.app import application
    from companion.ui.main_window import MainWindow
    from companion.ui.theme import install_theme

    install_theme(application())
    QSettings().clear()  # the window opens on the Dashboard, whatever the last run left
    watch = EventLoopWatch()
    opened = watch.now()
    window = MainWindow(open_store(db_path, read_only=True))
    window.show()
    dashboard = window.page("dashboard")
    dashboard_s = watch.until_idle(opened, lambda: dashboard.charts.ready)
    switched = watch.now()
    window.show_page("audience")
    audience = window.page("audience")
    audience_s = watch.until_idle(switched, lambda: audience.chart_drawn)
    print(f"open {dashboard_s:.4f} {audience_s:.4f} {watch.max_block_ms}", flush=True)
    window.close()
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "open":
        sys.exit(run_open(Path(sys.argv[2])))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
