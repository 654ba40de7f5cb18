"""Output files named on the command line are checked before any work, so a typo costs nothing."""

from __future__ import annotations

import os
from pathlib import Path

from newsroom.errors import UsageError


def writable_output(value: str, option: str = "--out") -> Path:
    """``value`` as a path that can be written (missing folders can be made); UsageError otherwise."""
    path = Path(value).expanduser()
    if not value.strip() or path.name in ("", ".", ".."):
        raise UsageError(f"{option} needs a file name, not {value!r}")
    if path.is_dir():
        raise UsageError(f"{option} {value} is a folder; give a file name inside it")
    if path.exists():
        if not os.access(path, os.W_OK):
            raise UsageError(f"{option} {value} cannot be written (no permission)")
        return path
    folder = path.absolute().parent
    while not folder.exists():  # the nearest folder that exists must let us make the rest
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError(f"{option} {value} cannot be written: {folder} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{option} {value} cannot be written: no permission to write in {folder}")
    return path
