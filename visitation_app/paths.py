"""Where the app keeps its files: the user's data, log and settings folders.

The folders follow each platform's convention (via platformdirs). Importing this module
creates nothing; a folder is made only when an `ensure_...` function asks for it.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

from visitation_app import APP_AUTHOR, APP_NAME

DATABASE_FILE_NAME = "visitation.db"


def data_dir() -> Path:
    """The folder of the default database (e.g. ~/.local/share/visitation_app on Linux)."""
    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    """The folder of the log files (e.g. ~/.local/state/visitation_app/log on Linux)."""
    return Path(user_log_dir(APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    """The folder of the settings (e.g. ~/.config/visitation_app on Linux)."""
    return Path(user_config_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    """The database the app opens when no --db is given."""
    return data_dir() / DATABASE_FILE_NAME


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ensure_data_dir() -> Path:
    return _ensure(data_dir())


def ensure_log_dir() -> Path:
    return _ensure(log_dir())


def ensure_config_dir() -> Path:
    return _ensure(config_dir())
