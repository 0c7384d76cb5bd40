"""Media kit benchmark: exporting the demo kit (read, lay out, charts as vectors, PDF) against
matplotlib alone drawing the same charts into one PDF, in the same run; and the kit's size."""

import functools
import io
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from tests.benchmarks.harness import Benchmark, Result

RUNS = 7
MS_PER_S = 1000
SIZE_GOAL = 1024 * 1024
"""A kit without photos stays under a megabyte: small enough for any inbox."""


@functools.cache
def demo_database() -> Path:
    from companion.demo import generate_demo
    from companion.store.database import open_store

    path = Path(tempfile.mkdtemp(prefix="companion-mediakit-")) / "companion.sqlite"
    with open_store(path) as store:
        generate_demo(store)
    return path


def export_kit(db_path: Path, today: date) -> bytes:
    """What Export PDF… and `companion mediakit` do: read the record, lay out, write."""
    from companion.core.mediakit_profile import theme_by_id
    from companion.exporters.mediakit_pdf import export_media_kit
    from companion.store.database import open_store
    from companion.store.mediakit import load_choices, load_media_kit

    with open_store(db_path, exclusive=False) as store:
        choices = load_choices(store)
        kit = load_media_kit(store, choices, today)
    buffer = io.BytesIO()
    export_media_kit(kit, theme_by_id(choices.theme), choices.paper, buffer)
    return buffer.getvalue()


def matplotlib_alone(db_path: Path, today: date) -> bytes:
    """The same charts, built and saved by matplotlib into one PDF, nothing else."""
    from matplotlib.backends.backend_pdf import PdfPages

    from companion.core.mediakit_profile import theme_by_id
    from companion.exporters.mediakit_charts import kit_chart_figures
    from companion.store.database import open_store
    from companion.store.mediakit import load_choices, load_media_kit

    with open_store(db_path, exclusive=False) as store:
        choices = load_choices(store)
        kit = load_media_kit(store, choices, today)
    buffer = io.BytesIO()
    with PdfPages(buffer) as pdf:
        for figure in kit_chart_figures(kit, theme_by_id(choices.theme), choices.paper):
            pdf.savefig(figure)
    return buffer.getvalue()


def mediakit_export() -> Result:
    from companion.exporters.pdf_layout import ensure_gui_application

    ensure_gui_application()
    path, today = demo_database(), date.today()
    export_kit(path, today)
    matplotlib_alone(path, today)
    kit_s, baseline_s = [], []
    size = 0
    for _ in range(RUNS):
        started = time.perf_counter()
        size = len(export_kit(path, today))
        kit_s.append(time.perf_counter() - started)
        started = time.perf_counter()
        matplotlib_alone(path, today)
        baseline_s.append(time.perf_counter() - started)
    kit_ms = statistics.median(kit_s) * MS_PER_S
    baseline_ms = statistics.median(baseline_s) * MS_PER_S
    figures: dict[str, float | int] = {
        "size": size,
        "size_goal": SIZE_GOAL,
        "kit_ms": kit_ms,
        "matplotlib_ms": baseline_ms,
        "runs": RUNS,
    }
    return Result(kit_ms / baseline_ms, figures)


BENCHMARKS = [Benchmark("mediakit_export", 3.0, mediakit_export)]
