"""The config file a polling command needs (``collect``, ``collector``): there and readable, or a sentence."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.errors import UsageError

if TYPE_CHECKING:
    from newsroom.paths import AppPaths


def required_config(args: argparse.Namespace, paths: AppPaths, command: str) -> Path:
    """``--config`` or the user's own config file; a UsageError saying what to do when there is none or
    it cannot be read (``command`` is named in what to run again)."""
    path = Path(args.config) if args.config else paths.config_file
    again = f"then run 'newsroom {command}' again"
    if path.is_dir():
        raise UsageError(f"the config file {path} cannot be read (it is a folder, not a file); move the "
                         f"folder away and write an example config with 'newsroom init', {again}")
    if not path.exists():
        raise UsageError(f"there is no config file yet ({path}); write an example one with 'newsroom init' "
                         f"(or use 'newsroom settings'), {again}")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        reason = (exc.strerror or "an error of the system").lower()
        raise UsageError(f"the config file {path} cannot be read ({reason}); let this user read it (or name "
                         f"another with --config), {again}") from None
    return path
