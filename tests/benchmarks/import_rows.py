"""Import benchmark: a generated 100,000-row YouTube Studio "Table data.csv" imported the way
`companion import FILE --yes` does it (detection, conversion, merge-upsert in one
transaction) against a bare sqlite-utils `insert_all` of the same file's rows (read with
`csv.DictReader`) into a fresh table, in the same run. Peak memory of the import is
measured in child processes for 10,000 and 100,000 rows: it must not grow with the file."""

import csv
import gc
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from tests.benchmarks.harness import (
    CHILD_TIMEOUT_S,
    Benchmark,
    BenchmarkError,
    Result,
    peak_rss_kib,
)

ROWS = 100_000
SMALL_ROWS = 10_000
RUNS = 5
REPO_ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 20)
HEADER = (
    "Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,"
    "Impressions,Impressions click-through rate (%),Likes,Comments added,Shares"
)
_WORDS = [
    "how",
    "I",
    "plan",
    "a",
    "week",
    "of",
    "meals",
    "on",
    "a",
    "budget",
    "lisbon",
    "vlog",
    "shorts",
    "🍝",
    '"quoted"',
    "recipe",
]
_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"


def write_table(path: Path, rows: int, seed: int = 4) -> None:
    """A per-video table as Studio writes it: a Total row first, quoted titles with commas."""
    chance = random.Random(seed)
    start = date(2015, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        out.write(HEADER + "\n")
        writer.writerow(["Total", "", "", "", 123456, 999.5, 120, 4567890, 5.1, 9999, 99, 12])
        for number in range(rows):
            video_id = "".join(chance.choices(_ID_CHARS, k=10)) + _ID_CHARS[number % 62]
            published = start + timedelta(days=number % 4000)
            views = chance.randint(0, 500_000)
            writer.writerow(
                [
                    f" {video_id}" if video_id.startswith("-") else video_id,
                    " ".join(chance.choices(_WORDS, k=6)) + f", part {number}",
                    f"{published:%b} {published.day}, {published.year}",
                    chance.randint(8, 1800),
                    views,
                    round(views * 0.02, 4),
                    chance.randint(-3, 200),
                    views * 6,
                    round(chance.uniform(0, 12), 2),
                    views // 20,
                    views // 400,
                    views // 900,
                ]
            )


def import_file(path: Path, db_path: Path) -> int:
    """The whole platform import of one file into a new database; returns the rows written."""
    from companion.cli_import import run_import
    from companion.importers.detect import propose_targets, scan
    from companion.store.database import open_store

    with open_store(db_path) as store, scan([path], TODAY) as found:
        targets = propose_targets([f.export for f in found.found], [], "youtube:bench")
        _tally, counts = run_import(store, found, targets, TODAY, check_only=False)
        return counts.new


def bare_insert(path: Path, db_path: Path) -> int:
    """The baseline: the file's rows read with csv.DictReader and inserted with insert_all."""
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    with db.atomic(), path.open(encoding="utf-8", newline="") as text:
        db["export"].insert_all(csv.DictReader(text), batch_size=2000)
    count = db["export"].count
    db.close()
    return count


def timed(work, *args) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call. Both sides are single-threaded, so CPU time
    is what the ratio uses: other work on the shared machine does not land on one side."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    work(*args)
    return time.process_time() - cpu, time.perf_counter() - wall


def peak_rss_mib(rows: int, folder: Path) -> float:
    """Peak resident memory of a child process that imports a file of `rows` rows."""
    command = [
        sys.executable,
        "-m",
        "tests.benchmarks.import_rows",
        "--child",
        str(rows),
        str(folder),
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
        cwd=REPO_ROOT,
    )
    if done.returncode != 0:
        raise BenchmarkError(f"the {rows:,}-row child failed:\n{done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def run() -> Result:
    with tempfile.TemporaryDirectory(prefix="import-rows-") as name:
        folder = Path(name)
        table = folder / "Table data.csv"
        write_table(table, ROWS)
        ours, bare = [], []
        for run_number in range(RUNS):
            ours.append(timed(import_file, table, folder / f"ours-{run_number}.sqlite"))
            bare.append(timed(bare_insert, table, folder / f"bare-{run_number}.sqlite"))
        written = import_file(table, folder / "check.sqlite")
        if written != ROWS:
            raise BenchmarkError(f"the import wrote {written:,} rows, expected {ROWS:,}")
        small_rss = peak_rss_mib(SMALL_ROWS, folder)
        large_rss = peak_rss_mib(ROWS, folder)
        size_mib = table.stat().st_size / 1024**2
    ours_s, bare_s = (statistics.median(cpu for cpu, _wall in runs) for runs in (ours, bare))
    ours_wall = statistics.median(wall for _cpu, wall in ours)
    return Result(
        ours_s / bare_s,
        {
            "rows": ROWS,
            "file_mib": size_mib,
            "import_cpu_s": ours_s,
            "insert_all_cpu_s": bare_s,
            "import_wall_s": ours_wall,
            "rss_10k_mib": small_rss,
            "rss_100k_mib": large_rss,
        },
    )


def _child(rows: int, folder: Path) -> None:
    table = folder / f"child-{rows}.csv"
    write_table(table, rows)
    import_file(table, folder / f"child-{rows}.sqlite")
    print(f"{peak_rss_kib() / 1024:.1f}")


BENCHMARKS = [Benchmark("import_rows", 2.0, run)]

if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(int(sys.argv[2]), Path(sys.argv[3]))
