"""Load and validate the TOML configuration against the declarative schema (saving: ``writer``).

Loading migrates a file of an earlier version (``migrate``); when that changes the file's keys, the
old file is kept as ``<name>.v<N>-backup`` (once) and the migrated one written in its place, comments
kept. A broken or newer-version file is copied once (``backup``) and, unless strict, the caller runs on
defaults with a notice naming the copy.
"""

from __future__ import annotations

import copy
import logging
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from newsroom.config.backup import backup_once
from newsroom.config.errors import ConfigError, NewerConfigError
from newsroom.config.migrate import CONFIG_VERSION, migrate
from newsroom.config.schema import Setting, all_settings
from newsroom.domain import Search
from newsroom.errors import UsageError
from newsroom.query import QueryError, parse_query

log = logging.getLogger("newsroom.config")

__all__ = ["CONFIG_VERSION", "Config", "ConfigError", "LoadedConfig", "NewerConfigError", "load_config",
           "parse_config", "save_config"]


class BadConfigFile(UsageError):
    """A config file that cannot be used: ``detail`` says where and why, the message also what to do."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"bad config {path}: {detail}; correct the file (every key is in "
                         "docs/configuration.md)")
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class Config:
    """Validated configuration: values by dotted key, and the searches."""

    values: Mapping[str, Any] = field(default_factory=dict)
    searches: tuple[Search, ...] = ()

    def get(self, key: str) -> Any:
        """The configured value of ``key``, or its declared default."""
        if key in self.values:
            return self.values[key]
        settings = all_settings()
        if key not in settings:
            raise KeyError(f"unknown setting {key}")
        return settings[key].default

    @property
    def wall_name(self) -> str:
        """The town's name shown on the wall."""
        return str(self.get("wall.name"))


@dataclass(frozen=True)
class LoadedConfig:
    """A configuration and what the user should be told about loading it (codes + details)."""

    config: Config
    notices: tuple[tuple[str, str], ...] = ()
    path: Path | None = None


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in table.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and not _is_leaf_table(key):
            out.update(_flatten(v, key + "."))
        else:
            out[key] = v
    return out


def _is_leaf_table(key: str) -> bool:
    setting = all_settings().get(key)
    return setting is not None and setting.type == "dict"


def check_value(setting: Setting, value: Any) -> Any:
    """The value converted to the setting's type, or ConfigError with a sentence."""
    key, kind = setting.key, setting.type
    if kind in ("str", "url", "choice"):
        if not isinstance(value, str):
            raise ConfigError(f"{key} must be text, not {value!r}")
        if kind == "choice" and value not in setting.choices:
            raise ConfigError(f"{key} must be one of {', '.join(setting.choices)}, not {value!r}")
        if kind == "url" and value and urlparse(value).scheme not in ("http", "https"):
            raise ConfigError(f"{key} must be a web address starting with http:// or https://, not {value!r}")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{key} must be true or false, not {value!r}")
        return value
    if kind in ("int", "float"):
        wrong = not isinstance(value, int | float) or (kind == "int" and isinstance(value, float))
        if isinstance(value, bool) or wrong:
            raise ConfigError(f"{key} must be a {'whole ' if kind == 'int' else ''}number, not {value!r}")
        lo, hi = setting.minimum, setting.maximum
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise ConfigError(f"{key} must be between {lo:g} and {hi:g}, not {value:g}")
        return float(value) if kind == "float" else int(value)
    if kind == "list[str]":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{key} must be a list of texts, not {value!r}")
        return list(value)
    if kind == "dict":
        if not isinstance(value, dict):
            raise ConfigError(f"{key} must be a table, not {value!r}")
        return value
    raise ConfigError(f"{key} has an unknown type {kind}")  # pragma: no cover - schema bug


def _searches(raw: Any) -> tuple[Search, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError("searches must be a list of [[searches]] tables")
    out: list[Search] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise ConfigError(f"search {i} must be a table with a name and a query")
        name = str(item.get("name", "")).strip()
        query = str(item.get("query", "")).strip()
        if not name:
            raise ConfigError(f"search {i} has no name")
        if name in seen:
            raise ConfigError(f"two searches are called {name!r}; names must be unique")
        if not query:
            raise ConfigError(f"search {name!r} has no query")
        try:
            parse_query(query)
        except QueryError as exc:
            raise ConfigError(f"search {name!r} has a query that cannot be read: {exc}") from exc
        seen.add(name)
        sources = item.get("sources", [])
        languages = item.get("languages", ["nl"])
        if not isinstance(sources, list) or not isinstance(languages, list):
            raise ConfigError(f"search {name!r}: sources and languages must be lists")
        colour = item.get("colour")
        out.append(Search(name, query, tuple(map(str, sources)), tuple(map(str, languages)),
                          str(colour) if colour else None))
    return tuple(out)


def parse_config(data: Mapping[str, Any]) -> tuple[Config, list[tuple[str, str]]]:
    """Validate a parsed TOML document of any version up to CONFIG_VERSION (migrated on a copy);
    raises ConfigError on the first real error, NewerConfigError for a newer file."""
    settings = all_settings()
    notices: list[tuple[str, str]] = []
    body = copy.deepcopy(dict(data))
    migrate(body)
    body.pop("version", None)
    searches = _searches(body.pop("searches", None))
    values: dict[str, Any] = {}
    for key, value in _flatten(body).items():
        setting = settings.get(key)
        if setting is None:
            notices.append(("config_unknown_key", key))
            log.warning("config: unknown key %s ignored", key)
            continue
        if setting.secret:
            raise ConfigError(f"{key} is a secret: store it in the system keyring, not in the config file")
        values[key] = check_value(setting, value)
    return Config(values, searches), notices


#: tomllib's messages (their start), in plain words
_TOML_MESSAGES = (
    ("Illegal character '\\n'", "a text in quotes is not closed before the end of the line"),
    ("Illegal character", "a text in quotes holds a control character TOML does not allow"),
    ("Unterminated string", "a text in quotes is not closed"),
    ("Invalid statement", "this is not a key = value line, a [table] header or a # comment"),
    ("Expected '=' after a key", "a key must be followed by = and a value"),
    ("Expected ']]' at the end", "a [[list]] header must end with ]]"),
    ("Expected ']' at the end", "a [table] header must end with ]"),
    ("Cannot declare", "the same [table] is declared twice"),
    ("Cannot overwrite a value", "the same key is given twice"),
    ("Cannot mutate immutable namespace", "a table written inline { ... } cannot be added to later"),
    ("Cannot redefine namespace", "the same [table] is declared twice"),
    ("Duplicate inline table key", "the same key is given twice inside { ... }"),
    ("Invalid initial character for a key part",
     "a key must start with a letter, a digit, _ or -, or be written in quotes"),
    ("Unclosed array", "a list [ ... ] is not closed with ]"),
    ("Unclosed inline table", "a table { ... } is not closed with } on the same line"),
    ("Unescaped '\\' in a string",
     "a backslash in \"double quotes\" must be written \\\\ (or use 'single quotes')"),
    ("Invalid hex value", "a \\u escape in a text is not valid"),
    ("Escaped character is not a Unicode scalar value", "a \\u escape in a text is not valid"),
    ("Invalid date or datetime", "a date or time is not valid (write it like 2026-11-23T10:15:00Z)"),
    ("Invalid value", "a value is missing or not valid (text goes in quotes: name = \"Lindeveld\")"),
)
_TOML_WHERE = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*$")


def toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    """``line 2, column 18: a text in quotes is not closed before the end of the line``."""
    message = str(exc)
    where = _TOML_WHERE.search(message)
    bare = message[:where.start()] if where else message
    plain = next((words for start, words in _TOML_MESSAGES if bare.startswith(start)), bare)
    if where is None:
        return plain
    if where.group(1) is None:
        return f"at the end of the file: {plain}"
    return f"line {where.group(1)}, column {where.group(2)}: {plain}"


def load_config(path: Path | None, *, strict: bool, migrate_file: bool = True) -> LoadedConfig:
    """Read ``path``; no file means defaults. An earlier version is migrated (and, when its keys change
    and ``migrate_file``, written back after a backup). Invalid or newer: UsageError (strict), or a
    backup made once + defaults + a ``config_invalid`` (``config_newer``) notice naming the backup."""
    if path is None or not path.exists():
        if strict and path is not None:
            raise UsageError(f"the config file {path} does not exist")
        return LoadedConfig(Config(), (), path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        config, notices = parse_config(data)
    except NewerConfigError as exc:
        if strict:
            raise BadConfigFile(path, str(exc)) from exc
        return _on_defaults(path, exc, "config_newer", f"v{exc.version}-backup", stamped=False)
    except (tomllib.TOMLDecodeError, ConfigError, UnicodeDecodeError, OSError) as exc:
        detail = toml_problem(exc) if isinstance(exc, tomllib.TOMLDecodeError) else str(exc)
        if isinstance(exc, UnicodeDecodeError):
            detail = "the file is not UTF-8 text; save it as UTF-8"
        if strict:
            raise BadConfigFile(path, detail) from exc
        return _on_defaults(path, exc, "config_invalid", "corrupt", stamped=True)
    if migrate_file:
        _write_migrated(path, data)
    return LoadedConfig(config, tuple(notices), path)


def _on_defaults(path: Path, exc: Exception, code: str, prefix: str, *, stamped: bool) -> LoadedConfig:
    """Keep a copy of the unreadable file (once for the same bytes) and run on defaults, saying so: the
    notice ``code`` carries the copy's name (the reason is in the log)."""
    try:
        kept = backup_once(path, prefix, stamped=stamped).name
    except OSError:
        log.exception("could not back up the config file %s", path)
        kept = "no copy could be made"
    log.error("config %s cannot be used (%s); continuing on defaults, copy kept as %s", path, exc, kept)
    return LoadedConfig(Config(), ((code, kept),), path)


def _write_migrated(path: Path, data: Mapping[str, Any]) -> None:
    """Rewrite an earlier-version file whose keys changed (after keeping it as ``.v<N>-backup``)."""
    probe = copy.deepcopy(dict(data))
    _version, changed = migrate(probe)
    if not changed:
        return  # same meaning under this version: the file is left as it is until it is saved
    from newsroom.config.writer import migrate_file

    try:
        migrate_file(path)
    except Exception as exc:  # a read-only file, a layout tomlkit cannot update: used migrated in memory
        log.warning("could not write the migrated config %s (%s); using it migrated in memory", path, exc)


def save_config(config: Config, path: Path, *, replace_newer: bool = False) -> None:
    """Write ``config`` to ``path``: see :func:`newsroom.config.writer.save_config`."""
    from newsroom.config.writer import save_config as save

    save(config, path, replace_newer=replace_newer)
