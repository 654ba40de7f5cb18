"""Secrets (app passwords, bearer tokens, SMTP passwords) live in the OS keyring, never in the config.

An environment variable ``NEWSROOM_SECRET_<NAME>`` overrides the keyring, for headless machines and
service accounts without a keyring daemon (name upper-cased, every other character an underscore).
"""

from __future__ import annotations

import logging
import os
import re

log = logging.getLogger("newsroom.secrets")

SERVICE = "newsroom-wall"


def env_name(name: str) -> str:
    """'bluesky:wall.bsky.social' -> 'NEWSROOM_SECRET_BLUESKY_WALL_BSKY_SOCIAL'."""
    return "NEWSROOM_SECRET_" + re.sub(r"[^A-Z0-9]", "_", name.upper())


def get_secret(name: str) -> str | None:
    """The secret called ``name``, or None when neither the environment nor the keyring has it."""
    value = os.environ.get(env_name(name))
    if value:
        return value
    try:
        import keyring

        found = keyring.get_password(SERVICE, name)
    except Exception as exc:  # no backend, locked keyring, D-Bus trouble: all mean "not available"
        log.info("keyring not available for %s: %s", name, exc)
        return None
    return found or None


def set_secret(name: str, value: str) -> None:
    """Store ``value`` in the keyring (raises RuntimeError with a sentence when it cannot)."""
    try:
        import keyring

        if value:
            keyring.set_password(SERVICE, name, value)
        else:
            keyring.delete_password(SERVICE, name)
    except Exception as exc:
        raise RuntimeError(f"the system keyring cannot store {name}: {exc}") from exc
