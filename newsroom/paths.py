"""Where config, data, cache and logs live: the user's dirs, or all under ``--basedir``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from newsroom import APP_NAME

CONFIG_FILE = "config.toml"
STORE_FILE = "newsroom.sqlite3"
LOG_FILE = "newsroom.log"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """The four folders the app writes to."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def for_user(cls) -> AppPaths:
        """The platform's per-user folders."""
        return cls(
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @classmethod
    def under(cls, basedir: Path) -> AppPaths:
        """Everything below one folder (``--basedir``)."""
        base = basedir.expanduser().resolve()
        return cls(base / "config", base / "data", base / "cache", base / "logs")

    @classmethod
    def resolve(cls, basedir: str | Path | None) -> AppPaths:
        """``under(basedir)`` when given, else the user's folders."""
        return cls.under(Path(basedir)) if basedir else cls.for_user()

    @property
    def config_file(self) -> Path:
        """The user's TOML config file."""
        return self.config_dir / CONFIG_FILE

    @property
    def store_file(self) -> Path:
        """The SQLite store."""
        return self.data_dir / STORE_FILE

    @property
    def log_file(self) -> Path:
        """The rotating log file."""
        return self.log_dir / LOG_FILE

    def ensure(self) -> None:
        """Create the folders if missing."""
        for folder in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
