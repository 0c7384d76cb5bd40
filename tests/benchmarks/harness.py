"""What a benchmark is, how it reports, and the helpers for timing child processes."""

import gc
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

CHILD_TIMEOUT_S = 120.0


class BenchmarkError(RuntimeError):
    """A benchmark could not be measured (its child failed); the message says why."""


@dataclass(frozen=True)
class Result:
    """A measured ratio (lower is better) and the raw figures behind it, printed in order."""

    ratio: float
    figures: dict[str, float | int]


@dataclass(frozen=True)
class Benchmark:
    """`run` measures; the goal is met when its ratio is at most `goal`."""

    name: str
    goal: float
    run: Callable[[], Result]


def timed(work: Callable[[], object]) -> float:
    """Seconds `work` takes, with the garbage collector held off as timeit does."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        work()
        return time.perf_counter() - started
    finally:
        gc.enable()


def peak_rss_kib() -> int:
    """This process's peak resident memory. Linux's ru_maxrss carries the parent's peak over
    fork and exec, so a child started by a large parent would report the parent's size:
    /proc's high-water mark belongs to this process's own memory map."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def format_line(benchmark: Benchmark, result: Result) -> str:
    """`NAME ratio=R goal=G key=value ...`, ending in MISSED when the goal is missed."""
    parts = [benchmark.name, f"ratio={result.ratio:.2f}", f"goal={benchmark.goal:g}"]
    parts += [f"{key}={_figure(value)}" for key, value in result.figures.items()]
    if result.ratio > benchmark.goal:
        parts.append("MISSED")
    return " ".join(parts)


def _figure(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for a child: offscreen Qt, and a fresh home instead of the user's."""
    env = dict(os.environ)
    env.pop("COMPANION_DB", None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    return env


def time_to_line(command: Sequence[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from starting `command` to its first line of output, and that line.

    The child must then exit with 0; stderr goes to a file so a chatty child cannot block.
    """
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        line = _first_line(proc)
        elapsed = time.perf_counter() - started
        proc.communicate(timeout=CHILD_TIMEOUT_S)
        if not line or proc.returncode != 0:
            errors.seek(0)
            raise BenchmarkError(
                f"{' '.join(command)} exited with {proc.returncode} after printing {line!r}:\n"
                + errors.read()[-3000:]
            )
    return elapsed, line.strip()


def _first_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    watchdog = threading.Timer(CHILD_TIMEOUT_S, proc.kill)
    watchdog.start()
    try:
        return proc.stdout.readline()
    finally:
        watchdog.cancel()
