"""Secrets (app passwords, bearer tokens, SMTP passwords) live in the OS keyring, never in the config.

An environment variable ``NEWSROOM_SECRET_<NAME>`` overrides the keyring, for headless machines and
service accounts without a keyring daemon (name upper-cased, every other character an underscore).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

log = logging.getLogger("newsroom.secrets")

SERVICE = "newsroom-wall"
ENV_PREFIX = "NEWSROOM_SECRET_"
#: Shorter values are not taken out of log lines (they would blank out ordinary words).
MIN_REDACTED_LENGTH = 4

_seen: set[str] = set()
#: values typed in the settings dialog but not saved, for its tests (this thread's context only)
_typed: ContextVar[Mapping[str, str] | None] = ContextVar("newsroom_typed_secrets", default=None)
_seen_lock = threading.Lock()


def _remember(value: str) -> str:
    """Note a secret value so that the log filter (newsroom.log) takes it out of every line."""
    if len(value) >= MIN_REDACTED_LENGTH:
        with _seen_lock:
            _seen.add(value)
    return value


def known_values() -> tuple[str, ...]:
    """Every secret value this process has read or stored, and every ``NEWSROOM_SECRET_*`` value in
    the environment; longest first, so that a secret containing another is taken out whole."""
    with _seen_lock:
        values = set(_seen)
    values.update(v for k, v in os.environ.items()
                  if k.startswith(ENV_PREFIX) and len(v) >= MIN_REDACTED_LENGTH)
    return tuple(sorted(values, key=lambda v: (-len(v), v)))


def env_name(name: str) -> str:
    """'bluesky:wall.bsky.social' -> 'NEWSROOM_SECRET_BLUESKY_WALL_BSKY_SOCIAL'."""
    return ENV_PREFIX + re.sub(r"[^A-Z0-9]", "_", name.upper())


def get_secret(name: str) -> str | None:
    """The secret called ``name``, or None when neither the environment nor the keyring has it."""
    typed = _typed.get()
    if typed is not None and name in typed:
        return _remember(typed[name]) if typed[name] else None
    value = os.environ.get(env_name(name))
    if value:
        return _remember(value)
    try:
        import keyring

        found = keyring.get_password(SERVICE, name)
    except Exception as exc:  # no backend, locked keyring, D-Bus trouble: all mean "not available"
        log.info("keyring not available for %s: %s", name, exc)
        return None
    return _remember(found) if found else None


@contextmanager
def typed_secrets(values: Mapping[str, str]) -> Iterator[None]:
    """Within this block, on this thread, ``get_secret`` answers with ``values`` first (the settings
    dialog tests a source or a channel with a key typed but not saved; "" means removed). Nothing is
    stored."""
    token = _typed.set(dict(values))
    try:
        yield
    finally:
        _typed.reset(token)


def set_secret(name: str, value: str) -> None:
    """Store ``value`` in the keyring (raises RuntimeError with a sentence when it cannot)."""
    if value:
        _remember(value)
    try:
        import keyring

        if value:
            keyring.set_password(SERVICE, name, value)
        else:
            keyring.delete_password(SERVICE, name)
    except Exception as exc:
        raise RuntimeError(f"the system keyring cannot store {name}: {exc}") from exc
