"""PySide6 only here: the main window, one module per page, Qt models, undo commands, workers.

Importing the package first makes PySide's check of every later import cheap (pyside_hook).
"""

from companion.ui.pyside_hook import make_import_hook_cheap

make_import_hook_cheap()
