"""What every page shares: the open store, the creator's settings, the undo stack, and change signals."""

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from companion.core.settings import Settings
from companion.store.database import Store
from companion.store.settings import load_settings, save_settings


class AppContext(QObject):
    """The one object pages get; they change data only through it (or undo commands that use it)."""

    data_changed = Signal()
    """The whole record may have changed (demo added, backup restored, database switched)."""

    settings_changed = Signal(object)
    """Carries the new `Settings`."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = load_settings(store)
        self.undo_stack = QUndoStack(self)

    @property
    def store(self) -> Store:
        return self._store

    @property
    def read_only(self) -> bool:
        return self._store.read_only

    @property
    def settings(self) -> Settings:
        return self._settings

    def replace_store(self, store: Store) -> None:
        """Switch to another database (File ▸ Open, restore); the caller closes the old one."""
        self._store = store
        self._settings = load_settings(store)
        self.undo_stack.clear()
        self.settings_changed.emit(self._settings)
        self.data_changed.emit()

    def update_settings(self, settings: Settings) -> None:
        if settings == self._settings:
            return
        save_settings(self._store, settings)
        self._settings = settings
        self.settings_changed.emit(settings)

    def notify_data_changed(self) -> None:
        self.data_changed.emit()
