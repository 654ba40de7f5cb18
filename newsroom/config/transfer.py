"""Export and import of the settings, to set up a second wall like the first (secrets never included)."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

from newsroom.config.errors import ConfigError
from newsroom.config.loader import Config, parse_config
from newsroom.config.schema import all_settings
from newsroom.config.writer import atomic_write, render
from newsroom.secrets import get_secret


def _header(config: Config) -> str:
    lines = [f"# Newsroom Wall settings of {config.wall_name}, exported {datetime.now():%Y-%m-%d %H:%M}.",
             "# Import them on another wall in its settings (Data and about → Import).",
             "# Passwords and keys are not in this file; set them on the other wall:"]
    secrets = [key for key, s in sorted(all_settings().items()) if s.secret and get_secret(key)]
    lines += [f"#   newsroom secret set {key}" for key in secrets] or ["#   (none are set on this wall)"]
    return "\n".join(lines) + "\n"


def export_settings(config: Config, path: Path, *, comments_from: Path | None = None) -> None:
    """Write ``config`` to ``path`` (atomically) as a settings file another wall can import: only
    non-default values and the searches, no secrets; the comments of ``comments_from`` (this wall's
    own config file) are kept when it can be read, and a header says which secrets to set."""
    base = None
    if comments_from is not None and comments_from.is_file():
        try:
            text = comments_from.read_text(encoding="utf-8")
            parse_config(tomllib.loads(text))
            base = text
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ConfigError):
            base = None
    atomic_write(path, _header(config) + render(config, base))


def import_settings(path: Path) -> Config:
    """The settings in ``path`` (an export, or any config file of this or an earlier version),
    validated; ConfigError with a sentence when the file cannot be used. Nothing is written: save the
    result with ``save_config`` to make it this wall's configuration."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path.name} cannot be read: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path.name} is not a settings file: {exc}") from exc
    config, _unknown = parse_config(data)
    return config
