"""PySide6 only here: the main window, one module per page, Qt models, undo commands, workers."""
