"""The benchmark runner's registry and usage errors (no timing: benchmarks are not tests)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.benchmarks import run


def test_the_startup_benchmarks_are_registered() -> None:
    names = [benchmark.name for benchmark in run.registered()]
    assert {"startup", "startup_memory"} <= set(names)
    assert len(names) == len(set(names))


def test_an_unknown_name_lists_the_known_ones_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run.main(["no-such-benchmark"]) == 2
    message = capsys.readouterr().err
    assert "no-such-benchmark" in message
    assert "startup_memory" in message


def test_the_runner_works_as_a_plain_script() -> None:
    script = Path(run.__file__)
    done = subprocess.run(
        [sys.executable, str(script), "no-such-benchmark"],
        cwd=script.parents[2],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "known: startup" in done.stderr
