"""Where the creator's database lives: `--db`, then `COMPANION_DB`, then the OS's user data folder."""

import os
from pathlib import Path

from companion import APP_ID

DATABASE_ENV = "COMPANION_DB"
DATABASE_FILENAME = "companion.sqlite"


def user_data_folder() -> Path:
    """The OS's folder for the app's data (e.g. ~/.local/share/creator-companion)."""
    # Imported here: a start with --db or COMPANION_DB never needs it (≈2 ms of imports).
    import platformdirs

    return platformdirs.user_data_path(APP_ID, appauthor=False)


def default_database_path() -> Path:
    return user_data_folder() / DATABASE_FILENAME


def demo_database_path() -> Path:
    """Where `companion --demo` keeps the demo creator, apart from the creator's own data."""
    return user_data_folder() / "demo.sqlite"


def resolve_database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database to use: the command line wins over the environment over the default."""
    chosen = cli_value or os.environ.get(DATABASE_ENV) or default_database_path()
    return Path(chosen).expanduser().absolute()
