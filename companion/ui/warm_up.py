"""Loading the code of the pages a creator opens next, before their first visit.

The app's modules without Qt load on a worker thread, so that the window's thread never
waits for them. The ones with Qt (the pages and their widgets) load on the window's thread,
one a turn, leaves first, so that each turn is short. PySide cannot define a class of Qt's
on one thread while another thread runs Qt: the first warm-up imported the pages on a
worker and crashed the window about one start in fifty (in PySide's
MetaObjectBuilder::update, on the window's thread).
"""

import ast
import importlib
import logging
import sys
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from companion.ui.workers import Worker

log = logging.getLogger(__name__)

PACKAGE = "companion"
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
QT_MARKS = (b"PySide6", b"backend_qt")
"""A module whose source names one of these uses Qt (PySide6 itself, or matplotlib's Qt
backend, which defines Qt classes when imported)."""


STEP_MS = 20
"""The wait between two imports on the window's thread, for what else it has to do."""


class PageWarmUp(QObject):
    """Loads the modules `roots` need: those without Qt on a worker thread, then the rest on
    this (the window's) thread, one a turn. `finished` once all are loaded (or failed to)."""

    def __init__(self, roots: Iterable[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.roots = list(roots)
        self.worker: Worker | None = None
        self.finished = False
        self._with_qt: list[str] = []
        self._timer = QTimer(self, singleShot=True, interval=STEP_MS)
        self._timer.timeout.connect(self._load_next)

    def start(self) -> None:
        self.worker = Worker(lambda: _without_qt(self.roots), self)
        self.worker.finished.connect(self._on_worker_finished)
        self.worker.failed.connect(self._finish)
        self.worker.start()

    def stop(self) -> None:
        """Load nothing more (the window is closing); a running worker ends on its own."""
        self._with_qt = []
        self._timer.stop()
        if self.worker is not None:
            self.worker.cancel()

    def _on_worker_finished(self, with_qt: list[str]) -> None:
        self._with_qt = with_qt
        self._load_next()

    def _load_next(self) -> None:
        while self._with_qt and self._with_qt[0] in sys.modules:
            self._with_qt.pop(0)
        if not self._with_qt:
            self._finish()
            return
        import_all([self._with_qt.pop(0)])
        self._timer.start()

    def _finish(self, *_failure: object) -> None:
        self.finished = True


def _without_qt(roots: list[str]) -> Generator[None, None, list[str]]:
    """The worker's part: loads the modules without Qt; returns those with Qt, in order."""
    yield
    without_qt, with_qt = load_order(roots)
    import_all(without_qt)
    return with_qt


def load_order(roots: Iterable[str]) -> tuple[list[str], list[str]]:
    """The app's modules, not loaded yet, that importing `roots` runs, each after the ones it
    imports, split into (without Qt, with Qt).

    A module is with Qt when its source names Qt or a module it imports is with Qt. Imports
    inside functions and under TYPE_CHECKING do not count: they do not run when the module
    loads. A module already loaded is neither parsed nor listed; it counts as with Qt when its
    own source names Qt (the app's modules without Qt import none with it, see DESIGN.md).
    """
    order: list[str] = []
    with_qt: dict[str, bool] = {}
    for root in roots:
        _visit(root, order, with_qt, set())
    return (
        [name for name in order if not with_qt[name]],
        [name for name in order if with_qt[name]],
    )


def import_all(names: Iterable[str]) -> None:
    """Import each module; one that fails is left for its page's visit to report."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            log.warning("could not load %s ahead of its page", name, exc_info=True)


def _visit(name: str, order: list[str], with_qt: dict[str, bool], path: set[str]) -> bool:
    if name in with_qt:
        return with_qt[name]
    source_file = module_file(name)
    if source_file is None or name in path:
        return False  # not one of the app's modules (or an import cycle, already counted)
    source = source_file.read_bytes()
    uses_qt = any(mark in source for mark in QT_MARKS)
    if name in sys.modules:
        with_qt[name] = uses_qt
        return uses_qt
    path.add(name)
    for imported in sorted(set(_imports_at_load(source))):
        uses_qt = _visit(imported, order, with_qt, path) or uses_qt
    path.discard(name)
    with_qt[name] = uses_qt
    order.append(name)
    return uses_qt


def module_file(name: str) -> Path | None:
    """The source file of one of the app's modules, found without importing anything."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = PACKAGE_ROOT.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports_at_load(source: bytes) -> Iterator[str]:
    """The modules (the app's or not) that a module's source imports when it loads, with the
    packages they are in."""
    for node in _load_time_statements(ast.parse(source).body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _with_packages(alias.name)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield from _with_packages(node.module)
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if module_file(submodule) is not None:
                    yield submodule


def _with_packages(module: str) -> Iterator[str]:
    parts = module.split(".")
    for end in range(1, len(parts) + 1):
        yield ".".join(parts[:end])


def _load_time_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements that run when a module loads: the top level, and what is nested in its
    `if`, `try` and `with` blocks, except `if TYPE_CHECKING:`."""
    for node in body:
        yield node
        if isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _load_time_statements(node.body)
            yield from _load_time_statements(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _load_time_statements(block)
            for handler in node.handlers:
                yield from _load_time_statements(handler.body)
        elif isinstance(node, ast.With):
            yield from _load_time_statements(node.body)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )
