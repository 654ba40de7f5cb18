"""Config file versions and the migrations from every earlier version to the current one.

Version 1 (up to this release; a file without ``version`` is version 1) → version 2:
``pipeline.snapshot_interval_s`` is now ``display.refresh_s`` (how often the wall refreshes is a
display setting; the settings dialog shows it on its Display page). Nothing else changed meaning.
Migrations work on any mutable mapping: plain dicts and tomlkit documents (which keep comments).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from newsroom.config.errors import ConfigError, NewerConfigError

CONFIG_VERSION = 2

#: keys renamed by each migration: the version it migrates from -> {old key: new key}
RENAMED: dict[int, dict[str, str]] = {
    1: {"pipeline.snapshot_interval_s": "display.refresh_s"},
}

Table = MutableMapping[str, Any]
MakeTable = Callable[[], Table]


def file_version(data: MutableMapping[str, Any]) -> int:
    """The file's ``version`` (1 when absent); ConfigError when it is not a whole number from 1."""
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ConfigError(f"version must be a whole number from 1, not {version!r}")
    return int(version)


def _pop(table: Table, parts: list[str]) -> tuple[bool, Any]:
    """Remove and return the value at ``parts``; tables left empty by it go too."""
    trail: list[tuple[Table, str]] = []
    node: Any = table
    for p in parts[:-1]:
        child = node.get(p)
        if not isinstance(child, MutableMapping):
            return False, None
        trail.append((node, p))
        node = child
    if parts[-1] not in node:
        return False, None
    value = node.pop(parts[-1])
    for parent, p in reversed(trail):
        if len(parent[p]) == 0:
            del parent[p]
    return True, value


def _put(table: Table, parts: list[str], value: Any, make_table: MakeTable) -> None:
    node: Any = table
    for p in parts[:-1]:
        if p not in node:
            node[p] = make_table()
        node = node[p]
    if parts[-1] not in node:  # the file's own value under the new name wins over a renamed old one
        node[parts[-1]] = value


def migrate(data: Table, make_table: MakeTable = dict) -> tuple[int, bool]:
    """Bring ``data`` (changed in place) to CONFIG_VERSION; returns (the file's version, whether
    anything but the version number changed). NewerConfigError for a newer file."""
    version = file_version(data)
    if version > CONFIG_VERSION:
        raise NewerConfigError(version, CONFIG_VERSION)
    changed = False
    for step in range(version, CONFIG_VERSION):
        for old, new in RENAMED.get(step, {}).items():
            found, value = _pop(data, old.split("."))
            if found:
                _put(data, new.split("."), value, make_table)
                changed = True
    if version < CONFIG_VERSION and "version" in data:
        data["version"] = CONFIG_VERSION
    return version, changed
