"""Shared fixtures. Tests never touch the creator's real data or settings, and Qt runs offscreen."""

import gc
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
):
    """Point the user data folder, QSettings and COMPANION_DB away from the real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("COMPANION_DB", raising=False)
    yield home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a new database, in its own folder so its backups folder is fresh."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "companion.sqlite"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Tests run with Python's automatic cycle collection, as the command line does.

    Collecting the UI tests imported companion.ui, which turns it off for a GUI process; the
    UI fixtures install the GUI's own collector (companion.ui.garbage) and collect after each
    test.
    """
    gc.enable()
