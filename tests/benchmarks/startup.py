"""Start-up benchmarks: the app on the demo database against a bare PySide6 window."""

import compileall
import functools
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.harness import Benchmark, BenchmarkError, Result, isolated_env, time_to_line

CHILD = Path(__file__).with_name("startup_child.py")
RUNS = 15
KIB_PER_MIB = 1024


@dataclass(frozen=True)
class Sample:
    """One start: seconds from process start to ready, and peak RSS and CPU seconds by then."""

    seconds: float
    max_rss_kib: int
    cpu_seconds: float


@dataclass(frozen=True)
class Samples:
    app: list[Sample]
    baseline: list[Sample]


@functools.cache
def measure() -> Samples:
    """Both starts, a warm-up each, then RUNS of each alternating; shared by both benchmarks."""
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="companion-startup-") as folder:
        root = Path(folder)
        env = isolated_env(root / "home")
        app = [sys.executable, str(CHILD), "app", str(demo_database(root, env))]
        baseline = [sys.executable, str(CHILD), "baseline"]
        start(app, env)
        start(baseline, env)
        samples = Samples([], [])
        for _ in range(RUNS):
            samples.app.append(start(app, env))
            samples.baseline.append(start(baseline, env))
    return samples


def compile_bytecode() -> None:
    """Compile the app's modules, as `pip install` does and as PySide6's already are.

    Where PYTHONDONTWRITEBYTECODE is set, nothing else would, and every start would
    compile the app's source again (≈17 ms here) while the baseline's is compiled.
    """
    import companion

    compileall.compile_dir(Path(companion.__file__).parent, quiet=1)


def demo_database(root: Path, env: dict[str, str]) -> Path:
    path = root / "demo" / "companion.sqlite"
    command = [sys.executable, "-m", "companion", "demo", "--db", str(path)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchmarkError(f"{' '.join(command)} failed:\n{done.stderr}")
    return path


def start(command: list[str], env: dict[str, str]) -> Sample:
    seconds, line = time_to_line(command, env)
    try:
        word, rss, cpu = line.split()
        if word != "ready":
            raise ValueError(word)
        return Sample(seconds, int(rss), float(cpu))
    except ValueError:
        raise BenchmarkError(
            f"{' '.join(command)} printed {line!r}, expected 'ready KIB CPU_SECONDS'"
        ) from None


def startup_time() -> Result:
    samples = measure()
    app = statistics.median(s.seconds for s in samples.app)
    baseline = statistics.median(s.seconds for s in samples.baseline)
    figures: dict[str, float | int] = {
        "app_s": app,
        "baseline_s": baseline,
        "app_cpu_s": statistics.median(s.cpu_seconds for s in samples.app),
        "baseline_cpu_s": statistics.median(s.cpu_seconds for s in samples.baseline),
        "runs": RUNS,
    }
    return Result(app / baseline, figures)


def startup_memory() -> Result:
    samples = measure()
    app = statistics.median(s.max_rss_kib for s in samples.app) / KIB_PER_MIB
    baseline = statistics.median(s.max_rss_kib for s in samples.baseline) / KIB_PER_MIB
    return Result(app / baseline, {"app_mib": app, "baseline_mib": baseline, "runs": RUNS})


BENCHMARKS = [
    Benchmark("startup", 1.5, startup_time),
    Benchmark("startup_memory", 2.0, startup_memory),
]
