"""Importing the same or overlapping exports again changes nothing already there."""

from pathlib import Path

import pytest

from companion.core.platforms import Platform
from companion.importers.detect import Target, propose_targets, scan
from companion.importers.platform_plan import accounts_to_add, run_plan, summary
from companion.store.accounts import add_account, list_accounts
from companion.store.database import open_store
from companion.store.imports import import_with_accounts, run_steps
from tests.importers.platform_samples import COLLECTED, EXPORTS, TODAY, needs_samples

pytestmark = needs_samples
HAILEY = COLLECTED / "tiktok" / "htupycollabs-spec__Analytics"


@pytest.fixture
def store(db_path):
    with open_store(db_path) as opened:
        for platform in Platform:
            add_account(opened, platform, "mine")
        yield opened


def import_paths(store, paths: list[Path]):
    with scan(paths, TODAY) as found:
        accounts = list_accounts(store)
        mine = {a.platform: a for a in accounts if a.handle == "mine"}
        targets = [  # the creator's choice where a file names no account
            Target(t.platform, "mine", mine[t.platform]) if t.problem else t
            for t in propose_targets([f.export for f in found.found], accounts)
        ]
        steps = import_with_accounts(
            store,
            accounts_to_add(targets),
            lambda added, write: run_plan(found, targets, added, write, TODAY),
        )
        tally, counts, _added = run_steps(steps)
        return tally, counts


def table_sizes(store) -> dict[str, int]:
    return {
        table: store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("account", "snapshot", "post", "audience")
    }


SAMPLE_FILES = sorted(
    p
    for p in EXPORTS.rglob("*")
    if p.suffix in (".csv", ".json", ".xlsx") and not p.name.startswith("_")
)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: str(p.relative_to(EXPORTS)))
def test_every_sample_imported_again_changes_nothing(db_path, path):
    """Files that disagree with each other (two exports of one page's posts over different
    ranges) each win in turn, so this holds file by file, as a creator re-imports."""
    with open_store(db_path) as store:
        for platform in Platform:
            add_account(store, platform, "mine")
        _tally, first = import_paths(store, [path])
        sizes = table_sizes(store)
        contents = store.query("SELECT * FROM post ORDER BY id")
        _tally, second = import_paths(store, [path])
        assert (second.new, second.updated) == (0, 0)
        assert second.unchanged == first.new + first.updated
        assert table_sizes(store) == sizes
        assert store.query("SELECT * FROM post ORDER BY id") == contents


def ids(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8-sig")
    return {line.split("video/")[1].split('"')[0] for line in text.splitlines() if "video/" in line}


def test_overlapping_files_count_what_they_share_as_unchanged(store):
    import_paths(store, [HAILEY / "Content.csv"])
    _tally, overlap = import_paths(store, [HAILEY / "Content 4.csv"])
    shared = ids(HAILEY / "Content.csv") & ids(HAILEY / "Content 4.csv")
    assert shared
    assert overlap.unchanged == len(shared)
    assert overlap.new == len(ids(HAILEY / "Content 4.csv") - shared)


def test_a_changed_count_is_one_update_and_the_summary_says_so(store, tmp_path):
    import_paths(store, [HAILEY / "Content.csv"])
    changed = tmp_path / "Content.csv"
    changed.write_text(
        (HAILEY / "Content.csv").read_text(encoding="utf-8-sig").replace('"533"', '"534"', 1),
        encoding="utf-8-sig",
    )
    tally, counts = import_paths(store, [changed])
    assert (counts.new, counts.updated) == (0, 1)
    assert summary(tally, counts).startswith("0 new, 1 updated, 12 unchanged, 0 rejected.")
