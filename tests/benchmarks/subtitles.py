"""Subtitle benchmarks on a generated 10,000-cue WebVTT file: open + check + save against webvtt-py's
bare read + write, and opening against the peers pysubs2 and aeidon (the library behind Gaupol)."""

import functools
import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from companion.core.subtitles.cues import clock
from tests.benchmarks.harness import Benchmark, BenchmarkError, Result

CUES = 10_000
RUNS = 7
MS_PER_S = 1000
_SPOKEN = (
    "so today we are trying the new spring recipe and honestly it is way easier than it "
    "looks you just need three things a pan some patience and good music"
)
_WORDS = _SPOKEN.split()


def generated_vtt(cues: int = CUES, seed: int = 5) -> str:
    """A WebVTT file as creators' tools write them: a STYLE block, numbered cues, some with
    settings and italics, a NOTE now and then, one or two lines, small gaps and a few slips."""
    chance = random.Random(seed)
    blocks = [
        "WEBVTT\nKind: captions\nLanguage: en",
        "STYLE\n::cue(.yellow) {\n  color: yellow;\n}",
    ]
    start = 1_000
    for number in range(1, cues + 1):
        duration = chance.randint(700, 6_500)
        lines = [
            " ".join(chance.choices(_WORDS, k=chance.randint(3, 8)))
            for _ in range(chance.choice((1, 2, 2, 3)))
        ]
        if number % 7 == 0:
            lines[0] = f"<i>{lines[0]}</i>"
        timing = f"{clock(start)} --> {clock(start + duration)}"
        if number % 5 == 0:
            timing += " align:start position:10%"
        if number % 500 == 0:
            blocks.append(f"NOTE part {number // 500}")
        blocks.append("\n".join([str(number), timing, *lines]))
        start += duration + chance.choice((0, 40, 120, 250, 600, -200))
    return "\n\n".join(blocks) + "\n"


@functools.cache
def sample_file() -> Path:
    """The generated file, written once per run in a folder that lives as long as the process."""
    folder = Path(tempfile.mkdtemp(prefix="companion-subs-"))
    path = folder / "generated.vtt"
    path.write_text(generated_vtt(), encoding="utf-8")
    return path


def companion_open_check_save(path: Path, output: Path) -> int:
    from companion.core.subtitles.checks import check_document
    from companion.exporters.subtitles import write_subtitles
    from companion.importers.subtitles import read_subtitles

    document = read_subtitles(path)
    check_document(document)
    write_subtitles(document, output)
    return len(document.cues)


def webvtt_read_write(path: Path, output: Path) -> int:
    import webvtt

    captions = webvtt.read(str(path))
    captions.save(str(output))
    return len(captions)


def companion_open(path: Path) -> int:
    from companion.importers.subtitles import read_subtitles

    return len(read_subtitles(path).cues)


def pysubs2_open(path: Path) -> int:
    import pysubs2

    return len(pysubs2.load(str(path), encoding="utf-8"))


def aeidon_open(path: Path) -> int:
    import aeidon

    project = aeidon.Project()
    project.open_main(str(path), "utf_8")
    return len(project.subtitles)


def subs_open_save() -> Result:
    path = sample_file()
    ours, bare = _median_ms(
        {
            "companion": functools.partial(
                companion_open_check_save, path, path.with_name("c.vtt")
            ),
            "webvtt": functools.partial(webvtt_read_write, path, path.with_name("w.vtt")),
        }
    ).values()
    figures: dict[str, float | int] = {"ms": ours, "webvtt_ms": bare, "cues": CUES, "runs": RUNS}
    return Result(ours / bare, figures)


def subs_vs_peers() -> Result:
    path = sample_file()
    openers = {"companion": functools.partial(companion_open, path)}
    missing = []
    for name, opener in (("pysubs2", pysubs2_open), ("aeidon", aeidon_open)):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
        else:
            openers[name] = functools.partial(opener, path)
    if len(openers) == 1:
        raise BenchmarkError("neither pysubs2 nor aeidon is installed: pip install -e '.[test]'")
    timings = _median_ms(openers)
    ours = timings.pop("companion")
    figures: dict[str, float | int] = {f"ratio_{name}": ours / ms for name, ms in timings.items()}
    figures["ms"] = ours
    figures |= {f"{name}_ms": ms for name, ms in timings.items()}
    # The harness prints numbers only: a peer that could not be installed shows as 0.
    figures |= {f"{name}_installed": 0 for name in missing}
    figures |= {"cues": CUES, "runs": RUNS}
    return Result(max(ours / ms for ms in timings.values()), figures)


def _median_ms(contenders: dict[str, Callable[[], int]]) -> dict[str, float]:
    """Median milliseconds of each, after a warm-up, runs interleaved; each must see every cue."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for run in range(RUNS + 1):
        for name, work in contenders.items():
            gc.collect()
            started = time.perf_counter()
            cues = work()
            elapsed = (time.perf_counter() - started) * MS_PER_S
            if cues != CUES:
                raise BenchmarkError(f"{name} read {cues} cues of {CUES}")
            if run:
                samples[name].append(elapsed)
    return {name: statistics.median(values) for name, values in samples.items()}


BENCHMARKS = [
    Benchmark("subs_open_save", 1.5, subs_open_save),
    Benchmark("subs_vs_peers", 1.0, subs_vs_peers),
]
