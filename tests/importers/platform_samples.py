"""Shared by the platform importer tests: where the real exports are, and how to read one file."""

from datetime import date
from pathlib import Path

import pytest

from companion.importers.detect import identify
from companion.importers.exports import ExportFile, Source, Unusable
from companion.importers.mapping import Note, Rejected

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "samples" / "exports"
COLLECTED = EXPORTS / "collected"
TODAY = date(2026, 11, 25)

needs_samples = pytest.mark.skipif(
    not EXPORTS.exists(), reason="shared samples are not beside this checkout"
)


def source(path: Path, made_on: date = TODAY, folder: str | None = None) -> Source:
    return Source(path, path.name, made_on, path.parent.name if folder is None else folder)


def recognised(path: Path, made_on: date = TODAY, folder: str | None = None) -> ExportFile:
    found = identify(source(path, made_on, folder))
    assert isinstance(found, ExportFile), getattr(found, "reason", found)
    return found


def unusable(path: Path, made_on: date = TODAY) -> Unusable:
    found = identify(source(path, made_on))
    assert isinstance(found, Unusable), found
    return found


def read_all(export: ExportFile, account_id: int = 1, today: date = TODAY) -> list:
    return list(export.read(account_id, today))


def records(results: list) -> list:
    return [r for r in results if not isinstance(r, Rejected | Note)]


def rejected(results: list) -> list[Rejected]:
    return [r for r in results if isinstance(r, Rejected)]


def copy(path: Path, tmp_path: Path, name: str | None = None) -> Path:
    target = tmp_path / (name or path.name)
    target.write_bytes(path.read_bytes())
    return target
