"""PySide6's import hook, made cheap.

Once shiboken6 is loaded, PySide6 replaces `__import__` and asks of every module imported
after it whether its source mentions "PySide6" (only such modules may switch on its
`__feature__`s, which this app does not use). It answers with `inspect.getsource`, which
decodes, splits and caches in `linecache` the lines of each module: ≈9 ms and the text of
≈70 modules kept in memory on every start (the cost is described in napari/napari#8584).

`make_import_hook_cheap` answers the same question by searching the file's bytes; modules
that are not plain source files still get PySide's own answer. PySide's hook is internal,
so where it is not found (a future PySide) nothing is changed.
"""

import sys
from collections.abc import Callable
from types import ModuleType

import shiboken6  # noqa: F401  (loads PySide's feature module, whose check is replaced)

FEATURE_MODULE = "shibokensupport.feature"
CHECK_NAME = "_mod_uses_pyside"
NEEDLE = b"PySide6"


def make_import_hook_cheap() -> bool:
    """Replace PySide's check of each new module; True when it was found and replaced."""
    feature = sys.modules.get(FEATURE_MODULE)
    upstream = getattr(feature, CHECK_NAME, None)
    if upstream is None or getattr(upstream, "searches_bytes", False):
        return upstream is not None
    setattr(feature, CHECK_NAME, bytes_check(upstream))
    return True


def bytes_check(upstream: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return upstream(module)
        try:
            with open(path, "rb") as source:
                return NEEDLE in source.read()
        except OSError:
            return upstream(module)

    mod_uses_pyside.searches_bytes = True  # type: ignore[attr-defined]
    return mod_uses_pyside
