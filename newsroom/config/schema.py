"""Declarative settings schema: one ``Setting`` per key, with type, default, bounds and help.

Areas declare their settings in ``newsroom/config/keys/<area>.py`` as a module-level
``SETTINGS: list[Setting]``; ``all_settings()`` collects them from the modules it imports by name
(static imports, so that PyInstaller's analysis bundles every one of them). Titles and help exist in Dutch
and English so the settings dialog and the docs come from the same source.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    """One configuration key such as ``"sources.gnews.base_url"``."""

    key: str
    type: str  # "str", "int", "float", "bool", "list[str]", "choice", "url", "dict"
    default: Any
    title_nl: str
    title_en: str
    help_nl: str = ""
    help_en: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    #: secret values never go into the config file; they live in the OS keyring.
    secret: bool = False


def all_settings() -> dict[str, Setting]:
    """Every declared setting, by key (a new dict each call: callers may keep or change it)."""
    return dict(_collect())


@functools.cache
def _collect() -> dict[str, Setting]:
    # Imported here, not at the top: the key modules import Setting from this module.
    from newsroom.config.keys import alerts, briefing, core, crisis, kiosk, sources, store, theme

    found: dict[str, Setting] = {}
    for module in (alerts, core, sources, briefing, kiosk, crisis, store, theme):
        for setting in module.SETTINGS:
            if setting.key in found:
                raise RuntimeError(f"setting {setting.key} is declared twice")
            found[setting.key] = setting
    return found
