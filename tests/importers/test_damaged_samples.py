"""Every real sample, damaged at random (cut off, bytes changed, a line lost, columns
swapped), is read or refused with a message: never a traceback."""

from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from companion.importers.detect import scan
from companion.importers.errors import ImportFailed
from tests.importers.platform_samples import EXPORTS, TODAY, needs_samples

pytestmark = needs_samples
SAMPLES = sorted(
    p
    for p in EXPORTS.rglob("*")
    if p.suffix in (".csv", ".json", ".xlsx", ".html") and p.stat().st_size < 300_000
)


def cut(data: bytes, at: float) -> bytes:
    return data[: int(len(data) * at)]


def changed(data: bytes, at: float, junk: bytes) -> bytes:
    place = int(len(data) * at)
    return data[:place] + junk + data[place + len(junk) :]


def line_lost(data: bytes, at: float) -> bytes:
    lines = data.split(b"\n")
    del lines[int(len(lines) * at) % len(lines)]
    return b"\n".join(lines)


def columns_swapped(data: bytes, _at: float) -> bytes:
    first, _, rest = data.partition(b"\n")
    cells = first.split(b",")
    return b",".join(reversed(cells)) + b"\n" + rest


damage = st.one_of(
    st.builds(lambda at: lambda d: cut(d, at), st.floats(0.0, 1.0)),
    st.builds(
        lambda at, junk: lambda d: changed(d, at, junk),
        st.floats(0.0, 1.0),
        st.binary(min_size=1, max_size=16),
    ),
    st.builds(lambda at: lambda d: line_lost(d, at), st.floats(0.0, 1.0)),
    st.just(lambda d: columns_swapped(d, 0.0)),
)


def read_everything(paths: list[Path]) -> None:
    """Look at the files and read every record of what was found, as an import would."""
    with scan(paths, TODAY) as found:
        for unusable in found.unusable:
            assert unusable.reason.strip()
        for item in found.found:
            try:
                for _result in item.export.read(1, TODAY):
                    pass
            except ImportFailed as failure:
                assert failure.message.strip()


@settings(
    max_examples=120,
    deadline=None,
    # The sample and the damage are named when it fails; shrinking a workbook takes minutes.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sample=st.sampled_from(SAMPLES), damaged=damage)
def test_a_damaged_sample_is_read_or_refused_never_a_traceback(tmp_path_factory, sample, damaged):
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / sample.name
    path.write_bytes(damaged(sample.read_bytes()))
    read_everything([path])
