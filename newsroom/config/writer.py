"""Save the configuration: TOML updated in place with tomlkit (the operator's comments stay where they
were written), only values that differ from the defaults, ``version`` first, written atomically.

A file that cannot be read (broken, or keys this version refuses) is kept as ``<name>.corrupt-<time>``
before it is replaced; a newer-version file is not replaced unless asked (``replace_newer``), and then
only after it is kept as ``<name>.v<N>-backup``. Secrets are never written (they live in the keyring).
"""

from __future__ import annotations

import logging
import os
import tempfile
import tomllib
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.container import Container
from tomlkit.items import AoT, Comment, Null, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from newsroom.config.backup import backup_once
from newsroom.config.errors import ConfigError, NewerConfigError
from newsroom.config.loader import Config, parse_config
from newsroom.config.migrate import CONFIG_VERSION, file_version, migrate
from newsroom.config.schema import all_settings
from newsroom.domain import Search

log = logging.getLogger("newsroom.config")

#: what a search's fields are when the file does not say (the loader's defaults)
SEARCH_DEFAULTS: dict[str, Any] = {"sources": [], "languages": ["nl"], "colour": None}


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, fsync and rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _body(table: MutableMapping[str, Any]) -> Container | None:
    if isinstance(table, Container):
        return table
    if isinstance(table, Table):
        return table.value
    return None


def _remove(table: MutableMapping[str, Any], key: str) -> None:
    """Delete ``key`` and the comment lines written directly above it (they were about it)."""
    body = _body(table)
    if body is not None:
        entries = body.body
        keys = [k.key if k is not None else None for k, _ in entries]
        if key in keys:
            i = keys.index(key)
            while i > 0 and entries[i - 1][0] is None and isinstance(entries[i - 1][1], Comment | Null):
                entries[i - 1] = (None, Null())  # what tomlkit itself leaves for a removed item
                i -= 1
    del table[key]


def _item(value: Any) -> Any:
    """A text with double quotes and no single quote is written 'like this', as operators write queries."""
    if isinstance(value, str) and '"' in value and "'" not in value and "\n" not in value:
        return tomlkit.string(value, literal=True)
    return value


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def _set_path(doc: MutableMapping[str, Any], key: str, value: Any) -> None:
    *parents, leaf = key.split(".")
    node: MutableMapping[str, Any] = doc
    for depth, part in enumerate(parents):
        child = node.get(part)
        if not isinstance(child, MutableMapping):
            if child is not None:
                _remove(node, part)
            # a table holding only tables is written as [a.b] headers, not an empty [a]
            child = tomlkit.table(is_super_table=depth < len(parents) - 1)
            node[part] = child
        node = child
    if leaf in node and _plain(node[leaf]) == value:
        return  # unchanged: keep the line exactly as the operator wrote it
    node[leaf] = _item(value)


def _remove_path(doc: MutableMapping[str, Any], key: str) -> None:
    *parents, leaf = key.split(".")
    trail: list[tuple[MutableMapping[str, Any], str]] = []
    node: MutableMapping[str, Any] = doc
    for part in parents:
        child = node.get(part)
        if not isinstance(child, MutableMapping):
            return
        trail.append((node, part))
        node = child
    if leaf not in node:
        return
    _remove(node, leaf)
    for parent, part in reversed(trail):  # tables left without any key go too
        if len(parent[part]) == 0:
            _remove(parent, part)
        else:
            break


def _update_values(doc: MutableMapping[str, Any], config: Config) -> None:
    for key, setting in sorted(all_settings().items()):
        value = config.values.get(key, setting.default)
        if setting.secret or value == setting.default:
            _remove_path(doc, key)
        else:
            _set_path(doc, key, value)


def _search_fields(search: Search) -> dict[str, Any]:
    return {"name": search.name, "query": search.query, "sources": list(search.sources),
            "languages": list(search.languages), "colour": search.colour}


def _update_searches(old: Any, searches: tuple[Search, ...]) -> AoT | None:
    """The ``[[searches]]`` tables for ``searches``, reusing the old table of a search of the same name
    (its comments and field order stay)."""
    by_name: dict[str, Table] = {}
    if isinstance(old, AoT):
        for table in old:
            if isinstance(table, Table) and isinstance(_plain(table.get("name")), str):
                by_name.setdefault(str(_plain(table["name"])), table)
    if not searches:
        return None
    tables = tomlkit.aot()
    for search in searches:
        table = by_name.pop(search.name, None)
        if table is None:
            table = tomlkit.table()
        else:  # the blank lines after it: tomlkit separates the tables again (else they pile up)
            entries = table.value.body
            while entries and entries[-1][0] is None and isinstance(entries[-1][1], Whitespace | Null):
                entries.pop()
        for field, value in _search_fields(search).items():
            if field in SEARCH_DEFAULTS and value == SEARCH_DEFAULTS[field]:
                if field in table:
                    _remove(table, field)
            elif field not in table or _plain(table[field]) != value:
                table[field] = _item(value)
        tables.append(table)
    return tables


def render(config: Config, base: str | None = None) -> str:
    """``config`` as TOML text, written into ``base`` (an existing readable file's text, whose
    comments, order and unknown keys are kept) or, when that cannot be done, into a new document."""
    if base:
        text = _render_in_place(config, base)
        if text is not None:
            return text
    return _render_into(tomlkit.document(), config)


def _render_in_place(config: Config, base: str) -> str | None:
    try:
        return _render_into(tomlkit.parse(base), config)
    except (ValueError, TypeError, tomlkit.exceptions.TOMLKitError) as exc:
        # e.g. a new [sources.gnews] where the file has sources = { rss = … } as one inline table
        log.warning("config: could not update the file in place (%s); writing it anew", exc)
        return None


def _render_into(doc: TOMLDocument, config: Config) -> str:
    migrate(doc, tomlkit.table)
    doc["version"] = CONFIG_VERSION
    old = doc.get("searches")
    if "searches" in doc:  # taken out and put back last: new tables never land after a [[searches]]
        _remove(doc, "searches")
    _update_values(doc, config)
    tables = _update_searches(old, config.searches)
    if tables is not None:
        doc["searches"] = tables
    return tomlkit.dumps(doc)


def _readable_base(path: Path, *, replace_newer: bool) -> str | None:
    """The text of the file at ``path`` if it can be updated in place; otherwise None, after keeping
    a copy of it (a newer-version file: NewerConfigError unless ``replace_newer``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, OSError) and not path.is_file():
            raise ConfigError(f"{path} is not a file; the settings cannot be saved there") from exc
        backup_once(path, "corrupt", stamped=True)
        return None
    try:
        parse_config(tomllib.loads(text))
        tomlkit.parse(text)
        return text
    except NewerConfigError as exc:
        kept = backup_once(path, f"v{exc.version}-backup", stamped=False)
        if not replace_newer:
            raise ConfigError(f"{path.name} was written by a newer Newsroom Wall (version {exc.version}; "
                              f"this one writes {CONFIG_VERSION}); it is kept as {kept.name} and was not "
                              "replaced") from exc
        return None
    except (tomllib.TOMLDecodeError, ConfigError, tomlkit.exceptions.TOMLKitError):
        kept = backup_once(path, "corrupt", stamped=True)
        log.warning("config %s could not be read; kept as %s before saving over it", path, kept.name)
        return None


def save_config(config: Config, path: Path, *, replace_newer: bool = False) -> None:
    """Write ``config`` to ``path`` atomically: ``version`` and only values that differ from the
    defaults, in place of what the file said (comments and unknown keys kept). An unreadable file is
    backed up first; a newer-version file raises ConfigError (a sentence) unless ``replace_newer``.
    An earlier-version file is kept as ``<name>.v<N>-backup`` before it becomes the current version."""
    base = _readable_base(path, replace_newer=replace_newer)
    if base is not None:
        version = file_version(tomllib.loads(base))
        if version < CONFIG_VERSION:
            backup_once(path, f"v{version}-backup", stamped=False)
    text = _render_in_place(config, base) if base is not None else None
    if text is None:
        if base is not None:  # its comments cannot be kept: the file as it was stays beside it
            backup_once(path, "before-rewrite", stamped=True)
        text = render(config)
    elif text == base:
        return  # nothing changed: the file is not touched
    atomic_write(path, text)
    log.info("config saved to %s", path)


def migrate_file(path: Path) -> Path | None:
    """Rewrite an earlier-version file as the current version, comments kept, after keeping it as
    ``<name>.v<N>-backup`` (once). Returns the backup, or None when the file was already current."""
    text = path.read_text(encoding="utf-8")
    doc = tomlkit.parse(text)
    version, _ = migrate(doc, tomlkit.table)
    if version >= CONFIG_VERSION:
        return None
    doc["version"] = CONFIG_VERSION
    kept = backup_once(path, f"v{version}-backup", stamped=False)
    atomic_write(path, tomlkit.dumps(doc))
    log.info("config %s migrated from version %d to %d; the old file is kept as %s",
             path, version, CONFIG_VERSION, kept.name)
    return kept
