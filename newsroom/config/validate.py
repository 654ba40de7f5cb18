"""Every problem of a set of values at once, each tied to its key, for the settings dialog (which shows
the first one where it is); and a Config built from values that have none."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsroom.config.errors import ConfigError
from newsroom.config.loader import Config, check_value
from newsroom.config.schema import Setting, all_settings
from newsroom.domain import Search
from newsroom.query import QueryError, parse_query

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_QUIET = re.compile(r"^\s*([01]?\d|2[0-3]):[0-5]\d\s*-\s*([01]?\d|2[0-3]):[0-5]\d\s*$")


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one value: its key (``"alerts.window_min"``, ``"searches[2].query"``) and a
    sentence in English (as in every config error, naming the key) and in Dutch (naming the setting's
    Dutch title, as the settings dialog shows it)."""

    key: str
    message: str
    message_nl: str = ""

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` ('nl' or 'en')."""
        return self.message_nl if lang == "nl" and self.message_nl else self.message


def _nl_number(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _dutch(setting: Setting, value: Any) -> str:
    """The Dutch sentence for a value that check_value refused (the same checks, in the same order)."""
    title, kind = setting.title_nl, setting.type
    if kind in ("str", "url", "choice"):
        if not isinstance(value, str):
            return f"{title} moet tekst zijn, niet {value!r}"
        if kind == "choice":
            return f"{title} moet een van deze zijn: {', '.join(setting.choices)} (niet {value!r})"
        return f"{title} moet een webadres zijn dat begint met http:// of https:// (niet {value!r})"
    if kind == "bool":
        return f"{title} moet aan of uit staan, niet {value!r}"
    if kind in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, int | float) or (
                kind == "int" and isinstance(value, float)):
            return f"{title} moet een {'geheel ' if kind == 'int' else ''}getal zijn, niet {value!r}"
        lo, hi = setting.minimum, setting.maximum
        return (f"{title} moet tussen {_nl_number(lo or 0)} en {_nl_number(hi or 0)} liggen, "
                f"niet {_nl_number(value)}")
    if kind == "list[str]":
        return f"{title} moet een lijst van teksten zijn, niet {value!r}"
    return f"{title} moet een tabel zijn, niet {value!r}"


def _extra(setting: Setting, value: Any) -> tuple[str, str] | None:
    """Checks beyond type and bounds, for keys whose text has a form: (English, Dutch)."""
    key, title = setting.key, setting.title_nl
    if key == "wall.timezone":
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            return (f"{key} must be a time zone such as Europe/Brussels, not {value!r}",
                    f"{title} moet een tijdzone zijn zoals Europe/Brussels, niet {value!r}")
    if key == "alerts.quiet_hours" and str(value).strip() and not _QUIET.match(str(value)):
        return (f"{key} must look like 22:00-07:00 (or be empty), not {value!r}",
                f"{title} moeten eruitzien als 22:00-07:00 (of leeg zijn), niet {value!r}")
    if key == "sources.rss.feeds":
        for feed in value:
            if urlparse(feed).scheme not in ("http", "https") or not urlparse(feed).netloc:
                return (f"{key}: every feed must be a web address starting with http:// or https://, "
                        f"not {feed!r}",
                        f"{title}: elke feed moet een webadres zijn dat begint met http:// of https://, "
                        f"niet {feed!r}")
    if key == "store.url" and str(value).strip():
        url = urlparse(str(value))
        if url.scheme not in ("postgresql", "postgres", "sqlite"):
            return (f"{key} must be empty (the embedded store) or start with postgresql://, not {value!r}",
                    f"{title} moet leeg zijn (de ingebouwde databank) of beginnen met postgresql://, "
                    f"niet {value!r}")
        if url.password:
            return (f"{key} holds a password; remove it from the address and keep it in the keyring "
                    "('newsroom secret set store.password')",
                    f"{title} bevat een wachtwoord; haal het uit het adres en bewaar het in de sleutelbos "
                    "('newsroom secret set store.password')")
    if key == "alerts.email.recipients":
        for address in value:
            if not _EMAIL.match(address):
                return (f"{key}: {address!r} is not an e-mail address",
                        f"{title}: {address!r} is geen e-mailadres")
    return None


def _search_problems(searches: Sequence[Search]) -> Iterable[Problem]:
    seen: set[str] = set()
    for i, s in enumerate(searches):
        where = f"searches[{i}]"
        name = s.name.strip()
        if not name:
            yield Problem(f"{where}.name", f"search {i + 1} has no name",
                          f"zoekopdracht {i + 1} heeft geen naam")
        elif name in seen:
            yield Problem(f"{where}.name", f"two searches are called {name!r}; names must be unique",
                          f"twee zoekopdrachten heten {name!r}; elke naam mag maar één keer voorkomen")
        seen.add(name)
        if not s.query.strip():
            label = repr(name) if name else str(i + 1)
            yield Problem(f"{where}.query", f"search {label} has no query",
                          f"zoekopdracht {label} heeft geen zoekvraag")
            continue
        try:
            parse_query(s.query)
        except QueryError as exc:
            yield Problem(f"{where}.query", f"search {name!r} has a query that cannot be read: {exc}",
                          f"de zoekvraag van {name!r} kan niet gelezen worden: {exc}")


def validate_all(values: Mapping[str, Any], searches: Sequence[Search] = ()) -> list[Problem]:
    """Every problem in ``values`` (dotted key -> value, in the caller's order) and ``searches``:
    searches first, then values in the order given. Empty list: all good. Secret keys are checked as
    text only (they are stored in the keyring, never in the file); unknown keys are a problem."""
    settings = all_settings()
    problems = list(_search_problems(searches))
    for key, value in values.items():
        setting = settings.get(key)
        if setting is None:
            problems.append(Problem(key, f"{key} is not a setting of this Newsroom Wall",
                                    f"{key} is geen instelling van deze Newsroom Wall"))
            continue
        try:
            checked = check_value(setting, value)
        except ConfigError as exc:
            problems.append(Problem(key, str(exc), _dutch(setting, value)))
            continue
        extra = _extra(setting, checked)
        if extra:
            problems.append(Problem(key, *extra))
    return problems


def build_config(values: Mapping[str, Any], searches: Sequence[Search] = ()) -> Config:
    """A Config of ``values`` (secrets left out: they belong in the keyring) and ``searches``;
    ConfigError with the first problem's sentence when there is one."""
    problems = validate_all(values, searches)
    if problems:
        raise ConfigError(problems[0].message)
    settings = all_settings()
    clean = {key: check_value(settings[key], value) for key, value in values.items()
             if not settings[key].secret}
    return Config(clean, tuple(Search(s.name.strip(), s.query.strip(), s.sources, s.languages, s.colour)
                               for s in searches))
