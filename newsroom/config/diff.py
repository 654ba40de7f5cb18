"""What changed between two configurations, and what of it needs a restart to take effect."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsroom.config.loader import Config
from newsroom.config.schema import all_settings

#: keys read only when the wall starts: Apply saves them, they take effect at the next start
RESTART_KEYS = frozenset({"wall.language", "wall.timezone", "log.level", "display.screen",
                          "display.night_dimming", "display.night_hours", "display.rotation",
                          "display.rotation_s"})


@dataclass(frozen=True, slots=True)
class Change:
    """One setting whose effective value (configured or default) differs."""

    key: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class ConfigDiff:
    """Changed settings (by key, sorted), and searches added, removed and changed (by name)."""

    values: tuple[Change, ...] = ()
    searches_added: tuple[str, ...] = ()
    searches_removed: tuple[str, ...] = ()
    searches_changed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.values or self.searches_added or self.searches_removed or self.searches_changed)

    @property
    def keys(self) -> frozenset[str]:
        """The changed setting keys."""
        return frozenset(c.key for c in self.values)

    @property
    def restart_needed(self) -> tuple[str, ...]:
        """Changed keys that take effect only after a restart (sorted)."""
        return tuple(sorted(self.keys & RESTART_KEYS))

    def touches(self, prefix: str) -> bool:
        """True when a changed key starts with ``prefix`` (e.g. ``"alerts."``)."""
        return any(c.key.startswith(prefix) for c in self.values)


def config_diff(old: Config, new: Config) -> ConfigDiff:
    """Differences in effective values (a value set to its default is no change) and in searches; the
    order of searches alone is no change."""
    changes = [Change(key, old.get(key), new.get(key)) for key in sorted(all_settings())
               if old.get(key) != new.get(key)]
    before = {s.name: s for s in old.searches}
    after = {s.name: s for s in new.searches}
    return ConfigDiff(
        tuple(changes),
        tuple(s.name for s in new.searches if s.name not in before),
        tuple(s.name for s in old.searches if s.name not in after),
        tuple(s.name for s in new.searches if s.name in before and before[s.name] != s),
    )
