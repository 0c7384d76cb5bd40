"""The importers' exception: what went wrong, in which file and on which line, in a creator's words."""

from pathlib import Path


class ImportFailed(Exception):
    """A file that cannot be imported as it is; nothing was written."""

    def __init__(self, message: str, file: Path | None = None, line: int | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file.name + (f", line {self.line}" if self.line else "") + ": "
        return where + self.message
