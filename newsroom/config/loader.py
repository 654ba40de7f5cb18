"""Load, validate and save the TOML configuration against the declarative schema."""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import tomli_w

from newsroom.config.schema import Setting, all_settings
from newsroom.domain import Search
from newsroom.errors import UsageError
from newsroom.query import QueryError, parse_query

log = logging.getLogger("newsroom.config")

CONFIG_VERSION = 1


class ConfigError(ValueError):
    """A configuration problem, as a sentence."""


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


def _check(setting: Setting, value: Any) -> Any:
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
    """Validate a parsed TOML document; raises ConfigError on the first real error."""
    settings = all_settings()
    notices: list[tuple[str, str]] = []
    body = dict(data)
    version = body.pop("version", CONFIG_VERSION)
    if not isinstance(version, int) or version > CONFIG_VERSION:
        raise ConfigError(
            f"the config file has version {version!r}; this Newsroom Wall reads up to {CONFIG_VERSION}")
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
        values[key] = _check(setting, value)
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


def load_config(path: Path | None, *, strict: bool) -> LoadedConfig:
    """Read ``path``; no file means defaults. Invalid: UsageError (strict) or backup + defaults."""
    if path is None or not path.exists():
        if strict and path is not None:
            raise UsageError(f"the config file {path} does not exist")
        return LoadedConfig(Config(), (), path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        config, notices = parse_config(data)
    except (tomllib.TOMLDecodeError, ConfigError, UnicodeDecodeError, OSError) as exc:
        detail = toml_problem(exc) if isinstance(exc, tomllib.TOMLDecodeError) else str(exc)
        if isinstance(exc, UnicodeDecodeError):
            detail = "the file is not UTF-8 text; save it as UTF-8"
        if strict:
            raise BadConfigFile(path, detail) from exc
        backup = path.with_name(f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}")
        try:
            shutil.copy2(path, backup)
        except OSError:
            log.exception("could not back up the broken config file")
        log.error("config %s is invalid (%s); continuing on defaults, copy kept at %s", path, detail, backup)
        return LoadedConfig(Config(), (("config_invalid", f"{detail} — {backup.name}"),), path)
    return LoadedConfig(config, tuple(notices), path)


def _nest(values: Mapping[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for key, value in sorted(values.items()):
        *parents, leaf = key.split(".")
        node = doc
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return doc


def save_config(config: Config, path: Path) -> None:
    """Write atomically (temp file + rename): ``version`` and only values that differ from defaults."""
    settings = all_settings()
    changed = {k: v for k, v in config.values.items() if k in settings and v != settings[k].default}
    doc: dict[str, Any] = {"version": CONFIG_VERSION, **_nest(changed)}
    if config.searches:
        doc["searches"] = [
            {k: v for k, v in (("name", s.name), ("query", s.query), ("sources", list(s.sources)),
                               ("languages", list(s.languages)), ("colour", s.colour)) if v is not None}
            for s in config.searches
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            tomli_w.dump(doc, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
