"""The pages' code loads ahead of their first visit, and nothing with Qt loads off the window's thread."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from companion.demo import generate_demo
from companion.store.database import open_store
from companion.ui.warm_up import QT_MARKS, _imports_at_load, load_order, module_file
from tests.screens import TODAY

PAGES = ["companion.ui.pages.audience", "companion.ui.pages.posts"]
MATPLOTLIB_QT = ("matplotlib.backends.backend_qt", "matplotlib.backends.qt_")
"""matplotlib's Qt backend and its helpers, which define Qt classes when they load."""


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    with open_store(db_path) as store:
        generate_demo(store, today=TODAY)
    return db_path


def test_imports_that_run_at_load_are_found_and_the_others_left_out():
    source = textwrap.dedent(
        """
        import json
        from typing import TYPE_CHECKING
        from companion.core import growth
        from companion.store.posts import list_posts

        try:
            import numpy
        except ImportError:
            import array

        if TYPE_CHECKING:
            from companion.ui.chart_view import ChartView

        def later():
            import matplotlib
        """
    ).encode()
    found = set(_imports_at_load(source))
    assert {"json", "typing", "numpy", "array"} <= found
    assert {"companion.core", "companion.core.growth", "companion.store.posts"} <= found
    assert "companion.ui.chart_view" not in found
    assert "matplotlib" not in found


def test_the_pages_modules_are_split_into_those_without_qt_and_those_with_it():
    # In this process most modules are loaded already; the order is worked out on a fresh
    # interpreter by the next test. Here: the split itself, from the sources.
    without_qt, with_qt = load_order(PAGES)
    for name in without_qt:
        source = module_file(name).read_bytes()
        assert not any(mark in source for mark in QT_MARKS), name
    for name in with_qt:
        assert name.startswith("companion.ui"), name


def test_no_module_with_qt_loads_off_the_windows_thread(tmp_path: Path, demo_db: Path):
    """Start, let the charts draw and the warm-up finish, on a fresh interpreter; every
    import statement is recorded with its thread (importlib.import_module raises no audit
    event: the modules the warm-up imports by name are checked by load_order's tests)."""
    script = textwrap.dedent(
        f"""
        import json, sys, threading
        imports = []
        def audit(event, args):
            if event == "import":
                imports.append((args[0], threading.current_thread() is threading.main_thread()))
        sys.addaudithook(audit)
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from companion.ui.app import run_app

        def on_ready(window):
            def check():
                dashboard = window.page("dashboard")
                warm = window.warm_up
                if dashboard.charts.ready and warm is not None and warm.finished:
                    loaded = [name for name in {PAGES!r} if name in sys.modules]
                    print(json.dumps([loaded, imports]), flush=True)
                    window.close()
                else:
                    QTimer.singleShot(50, check)
            check()

        sys.exit(run_app(Path({str(demo_db)!r}), on_ready=on_ready))
        """
    )
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    loaded, imports = json.loads(done.stdout.splitlines()[-1])
    assert loaded == PAGES  # warmed up before any visit
    off_thread = {name for name, on_main in imports if not on_main}
    assert "matplotlib.figure" in off_thread  # the heavy parts did load on workers
    assert any(name.startswith("companion.") for name in off_thread)
    app_modules_with_qt = [
        name
        for name in off_thread
        if (path := module_file(name)) is not None and any(m in path.read_bytes() for m in QT_MARKS)
    ]
    qt_backend = [name for name in off_thread if name.startswith(MATPLOTLIB_QT)]
    assert app_modules_with_qt == [] and qt_backend == []


def test_the_order_puts_each_module_after_what_it_imports():
    without_qt, with_qt = load_order(PAGES)
    order = without_qt + with_qt  # without-Qt modules never import ones with Qt
    position = {name: index for index, name in enumerate(order)}
    for name in order:
        tree_imports = set(_imports_at_load(module_file(name).read_bytes()))
        for imported in tree_imports & position.keys():
            if imported in with_qt and name in without_qt:
                raise AssertionError(f"{name} (without Qt) imports {imported} (with Qt)")
            if (imported in without_qt) == (name in without_qt):
                assert position[imported] < position[name], (imported, name)
