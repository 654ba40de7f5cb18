"""Copies of a config file kept before anything replaces it, made once per distinct content."""

from __future__ import annotations

import logging
import shutil
from datetime import datetime
from pathlib import Path

log = logging.getLogger("newsroom.config")


def find_backup(path: Path, prefix: str) -> Path | None:
    """An existing backup ``<name>.<prefix>*`` beside ``path`` with the same bytes as ``path``, if any."""
    try:
        content = path.read_bytes()
    except OSError:
        return None
    for candidate in sorted(path.parent.glob(f"{path.name}.{prefix}*")):
        try:
            if candidate.is_file() and candidate.read_bytes() == content:
                return candidate
        except OSError:
            continue
    return None


def backup_once(path: Path, prefix: str, *, stamped: bool) -> Path:
    """Copy ``path`` to ``<name>.<prefix>`` (``stamped``: ``<name>.<prefix>-<time>``) unless a backup of
    the same bytes is already there; returns the backup's path. An older backup of other bytes is never
    replaced: the new one gets the time added to its name. Raises OSError when the copy fails."""
    found = find_backup(path, prefix)
    if found is not None:
        return found
    stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
    target = path.with_name(f"{path.name}.{prefix}-{stamp}" if stamped else f"{path.name}.{prefix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{prefix}-{stamp}" + (f"-{n}" if n > 1 else ""))
    shutil.copy2(path, target)
    log.info("config: kept a copy of %s as %s", path, target.name)
    return target
