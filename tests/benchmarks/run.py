"""Run the performance benchmarks: `python tests/benchmarks/run.py [NAME ...]` from the repo root.

Prints one line per benchmark, `NAME ratio=R goal=G` and the raw figures, where R is
measured against a baseline in the same run (lower is better) and MISSED marks a missed
goal. Exits 0 when everything was measured (goals met or not), 1 when a benchmark could
not run, 2 for an unknown name. A new benchmark module exposes BENCHMARKS and is added
to MODULES below.
"""

import sys
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.benchmarks import (  # noqa: E402
    dashboard,
    import_rows,
    mediakit,
    posts_sort_filter,
    startup,
    subs_shift,
    subtitles,
)
from tests.benchmarks.harness import Benchmark, BenchmarkError, format_line  # noqa: E402

MODULES = (startup, posts_sort_filter, subtitles, dashboard, subs_shift, mediakit, import_rows)


def registered() -> list[Benchmark]:
    return [benchmark for module in MODULES for benchmark in module.BENCHMARKS]


def main(argv: Sequence[str] | None = None) -> int:
    names = list(sys.argv[1:] if argv is None else argv)
    known = {benchmark.name: benchmark for benchmark in registered()}
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"Unknown benchmark {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    failed = False
    for benchmark in [known[name] for name in names] or list(known.values()):
        try:
            print(format_line(benchmark, benchmark.run()), flush=True)
        except BenchmarkError as error:
            print(f"{benchmark.name} ERROR {error}", flush=True)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
