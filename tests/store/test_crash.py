"""Crash test: a writer killed at random moments never damages the database nor halves a commit."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from companion.store.database import open_store
from companion.store.migrations import LATEST_VERSION, apply_migrations
from tests.store import crash_writer

pytestmark = pytest.mark.slow

WRITER = Path(crash_writer.__file__)
KILLS = 50
MAX_DELAY_S = 0.3
EARLY_KILLS = 10
LINE_TIMEOUT_S = 30.0
# Set CRASH_TEST_SEED to replay a failing run's sequence of delays.
SEED = int(os.environ.get("CRASH_TEST_SEED", "20261125"))


def start_writer(db_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db_path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_line(proc: subprocess.Popen[str], prefix: str, context: str) -> str:
    """The writer's next line, which must start with `prefix`; a stuck writer is killed."""
    assert proc.stdout is not None
    watchdog = threading.Timer(LINE_TIMEOUT_S, proc.kill)
    watchdog.start()
    try:
        line = proc.stdout.readline()
    finally:
        watchdog.cancel()
    if not line.startswith(prefix):
        proc.kill()
        _, errors = proc.communicate()
        pytest.fail(f"{context}: the writer printed {line!r}, expected {prefix!r}.\n{errors}")
    return line


def kill_writer(proc: subprocess.Popen[str], context: str) -> int:
    """SIGKILL the writer; returns the last transaction count it reported as committed."""
    if proc.poll() is not None:
        _, errors = proc.communicate()
        pytest.fail(f"{context}: the writer stopped by itself ({proc.returncode}).\n{errors}")
    proc.send_signal(signal.SIGKILL)
    output, errors = proc.communicate(timeout=LINE_TIMEOUT_S)
    assert proc.returncode == -signal.SIGKILL, f"{context}: exit {proc.returncode}\n{errors}"
    reported = [int(line) for line in output.split() if line.isdigit()]
    return max(reported, default=0)


def check_database(path: Path, context: str) -> int:
    """Integrity and whole transactions only; returns how many transactions are in the database."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        assert problems == ["ok"], f"{context}: integrity_check says {problems[:5]}"
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        assert orphans == [], f"{context}: rows without their account: {orphans[:5]}"
        found = conn.execute(
            """SELECT a.handle,
                      (SELECT count(*) FROM snapshot s WHERE s.account_id = a.id),
                      (SELECT count(*) FROM post p WHERE p.account_id = a.id)
               FROM account a ORDER BY a.id"""
        ).fetchall()
        counter = crash_writer.completed_transactions(conn)
    finally:
        conn.close()
    for index, row in enumerate(found):
        whole = (
            crash_writer.handle(index),
            crash_writer.snapshot_count(index),
            crash_writer.post_count(index),
        )
        assert row == whole, f"{context}: transaction {index} is {row}, expected {whole}"
    assert counter == len(found), f"{context}: counter {counter} but {len(found)} accounts"
    return len(found)


def test_killed_writer_never_loses_or_halves_a_transaction(db_path: Path) -> None:
    rng = random.Random(SEED)
    in_database = 0
    for kill in range(1, KILLS + 1):
        context = f"seed {SEED}, kill {kill}/{KILLS}"
        proc = start_writer(db_path)
        read_line(proc, "opening", context)
        started = int(read_line(proc, "writing", context).split()[1])
        assert started == in_database, f"{context}: writer resumed at {started}, not {in_database}"
        time.sleep(rng.uniform(0, MAX_DELAY_S))
        reported = kill_writer(proc, context)
        found = check_database(db_path, context)
        assert found >= max(reported, in_database), (
            f"{context}: {found} transactions in the database, but {reported} were committed "
            f"(and {in_database} were there before)"
        )
        in_database = found
    assert in_database > 0, f"seed {SEED}: the writer never committed anything"


def migrated_tables() -> set[str]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        apply_migrations(conn)
        return table_names(conn)
    finally:
        conn.close()


def table_names(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in rows}


def schema_state(path: Path, expected_tables: set[str], context: str) -> str:
    """'absent', 'empty' (version 0, no tables) or 'migrated'; anything in between fails."""
    if not path.exists():
        return "absent"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = table_names(conn)
    finally:
        conn.close()
    assert problems == ["ok"], f"{context}: integrity_check says {problems[:5]}"
    if version == 0:
        assert tables == set(), f"{context}: version 0 but tables {sorted(tables)}"
        return "empty"
    assert version == LATEST_VERSION, f"{context}: stopped at version {version}"
    assert tables == expected_tables, f"{context}: tables {sorted(tables)}"
    return "migrated"


def opening_time(path: Path) -> float:
    """Seconds from the writer's `opening` line to its `writing` line on a new database."""
    proc = start_writer(path)
    read_line(proc, "opening", "calibration")
    started = time.perf_counter()
    read_line(proc, "writing", "calibration")
    elapsed = time.perf_counter() - started
    kill_writer(proc, "calibration")
    return elapsed


def test_killed_while_creating_the_database_leaves_it_empty_or_fully_migrated(
    tmp_path: Path,
) -> None:
    rng = random.Random(SEED)
    window = 1.5 * opening_time(tmp_path / "calibration.sqlite")
    expected_tables = migrated_tables()
    states = []
    for attempt in range(1, EARLY_KILLS + 1):
        context = f"seed {SEED}, early kill {attempt}/{EARLY_KILLS} (window {window * 1000:.0f} ms)"
        path = tmp_path / f"early-{attempt}" / "companion.sqlite"
        path.parent.mkdir()
        proc = start_writer(path)
        read_line(proc, "opening", context)
        time.sleep(rng.uniform(0, window))
        kill_writer(proc, context)
        states.append(schema_state(path, expected_tables, f"{context}, states so far {states}"))
        with open_store(path) as store:
            assert store.version == LATEST_VERSION, f"{context}: reopened at {store.version}"
