"""The store's exceptions: each says, in a creator's words, what is wrong and what can be done."""

from enum import StrEnum
from pathlib import Path


class Remedy(StrEnum):
    """What the app can offer when a database cannot be used."""

    OPEN_BACKUP = "open a backup"
    OPEN_READ_ONLY = "open read-only"
    QUIT = "quit"


class StoreError(Exception):
    """Something went wrong with the creator's database; `str()` is a message for them."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class DatabaseUnusable(StoreError):
    """The database cannot be opened for normal use."""

    title = "The database cannot be used"
    remedies: tuple[Remedy, ...] = (Remedy.OPEN_BACKUP, Remedy.QUIT)


class DatabaseCorrupt(DatabaseUnusable):
    title = "The database is damaged"


class DatabaseTooNew(DatabaseUnusable):
    title = "The database is from a newer version"

    def __init__(self, message: str, path: Path, found: int, supported: int) -> None:
        super().__init__(message, path)
        self.found = found
        self.supported = supported


class DatabaseReadOnly(DatabaseUnusable):
    title = "The database is read-only"
    remedies = (Remedy.OPEN_READ_ONLY, Remedy.OPEN_BACKUP, Remedy.QUIT)


class DatabaseInUse(DatabaseUnusable):
    title = "The database is already open"
    remedies = (Remedy.OPEN_READ_ONLY, Remedy.QUIT)


class BackupFailed(StoreError):
    """A backup could not be written, or a file offered for restore is not a usable backup."""
