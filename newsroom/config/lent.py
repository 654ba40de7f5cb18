"""The user's config as the demo borrows it (its wall and display settings), without the pipeline's
imports: a wall that only reads loads no analysis."""

from __future__ import annotations

from pathlib import Path

from newsroom.config.loader import Config, load_config
from newsroom.errors import UsageError
from newsroom.paths import AppPaths


def lent_config(paths: AppPaths, config_file: Path | None) -> Config | None:
    """The user's config when it exists and is valid (the demo borrows its wall and display settings);
    None otherwise: a broken file is reported by the commands that run on it, never touched here."""
    if not has_user_config(paths, config_file):
        return None
    try:
        return load_config(config_file or paths.config_file, strict=True).config
    except UsageError:
        return None


def has_user_config(paths: AppPaths, config_file: Path | None) -> bool:
    """True when there is a config file to run from."""
    return (config_file or paths.config_file).exists()
