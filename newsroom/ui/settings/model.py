"""The one adapter between the settings dialog and the config layer (load, check, save, secrets).

Every call the dialog makes into ``newsroom.config`` and ``newsroom.secrets`` goes through here, so that
a change of the config API touches this file only. The dialog works on a ``Draft``: plain values by
dotted key plus the searches, checked and saved as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom.config import (
    Config,
    ConfigError,
    Problem,
    build_config,
    export_settings,
    import_settings,
    load_config,
    save_config,
    validate_all,
)
from newsroom.config.schema import Setting, all_settings
from newsroom.domain import Search
from newsroom.secrets import get_secret, set_secret


@dataclass
class Draft:
    """What the dialog edits: values by dotted key (non-secret), the searches, new secret values."""

    values: dict[str, Any] = field(default_factory=dict)
    searches: list[Search] = field(default_factory=list)
    #: secrets typed in this session: key -> new value ("" clears it); written on save only
    secrets: dict[str, str] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        """The draft's value of ``key``, or its default."""
        if key in self.values:
            return self.values[key]
        return all_settings()[key].default


@dataclass(frozen=True)
class Loaded:
    """A config file read for the dialog, and what to tell the operator about it (codes + details)."""

    draft: Draft
    notices: tuple[tuple[str, str], ...]
    exists: bool


def settings() -> dict[str, Setting]:
    """Every declared setting, by key."""
    return all_settings()


def load(path: Path) -> Loaded:
    """Read ``path`` without failing: a broken file gives the defaults and a notice."""
    loaded = load_config(path, strict=False)
    config = loaded.config
    draft = Draft(dict(config.values), list(config.searches))
    return Loaded(draft, tuple(loaded.notices), path.exists())


def load_strict(path: Path) -> Draft:
    """Read a settings file to import; raises ValueError with a sentence when it cannot be used."""
    from newsroom.errors import NewsroomError

    try:
        config = import_settings(path)
    except (NewsroomError, ValueError) as exc:
        raise ValueError(str(exc)) from exc
    return Draft(dict(config.values), list(config.searches))


def check_value(key: str, value: Any, lang: str = "nl") -> str | None:
    """Why ``value`` cannot be stored under ``key`` (a sentence in ``lang``), or None when it can."""
    found = validate_all({key: value})
    return found[0].text(lang) if found else None


def _file_values(draft: Draft) -> dict[str, Any]:
    """The draft's values that go into the file (secrets go to the keyring), in key order."""
    declared = all_settings()
    return {k: v for k, v in sorted(draft.values.items()) if not (k in declared and declared[k].secret)}


def problems(draft: Draft) -> list[Problem]:
    """Every problem of the draft as a whole (searches first, then values by key), each tied to its key
    (``"searches[1].query"``, ``"alerts.window_min"``); empty when it can be saved."""
    return validate_all(_file_values(draft), draft.searches)


def to_config(draft: Draft, lang: str = "en") -> Config:
    """The draft as a validated Config; raises ValueError with the first problem's sentence in ``lang``."""
    found = problems(draft)
    if found:
        raise ValueError(found[0].text(lang))
    try:
        return build_config(_file_values(draft), draft.searches)
    except ConfigError as exc:
        raise ValueError(str(exc)) from exc


def save(draft: Draft, path: Path, lang: str = "en") -> Config:
    """Store the new secrets in the keyring, then write the file atomically; returns the Config.

    Raises ValueError (bad value) or RuntimeError/OSError (keyring or disk) with a sentence."""
    config = to_config(draft, lang)
    for key, value in sorted(draft.secrets.items()):
        set_secret(key, value)
    draft.secrets.clear()
    save_config(config, path)
    return config


def export(draft: Draft, path: Path, lang: str = "en") -> None:
    """Write the settings (never the secrets) to another file, to set up a second wall."""
    export_settings(to_config(draft, lang), path)


def has_secret(key: str) -> bool:
    """True when the keyring (or the environment) holds a value for ``key``."""
    return bool(get_secret(key))


def secret_value(key: str) -> str | None:
    """The stored secret (the PIN check needs it)."""
    return get_secret(key)


def as_config(values: Mapping[str, Any], searches: list[Search]) -> Config:
    """A Config for background tests (sources, channels) from unchecked draft values."""
    return Config(dict(values), tuple(searches))
