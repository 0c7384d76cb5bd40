"""PySide6 only here: the main window, one module per page, Qt models, undo commands, workers.

Importing the package first turns Python's automatic cycle collection off: a GUI process
collects on its window's thread only (see garbage), and off from the start, the collector no
longer walks PySide's and the window's objects again and again while they load (≈16M
instructions, ≈4 ms of a start). It also makes PySide's check of every later import cheap
(pyside_hook).
"""

import gc

gc.disable()

from companion.ui.pyside_hook import make_import_hook_cheap  # noqa: E402  (after the collector is off)

make_import_hook_cheap()
