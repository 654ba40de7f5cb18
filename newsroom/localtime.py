"""The wall's local time zone: clocks, "since 14:05" and weekday/hour context use it.

Stored times are UTC; people read local time. The zone is a process-wide display setting
(``wall.timezone``, default Europe/Brussels) set once at start-up; daylight saving is handled by
``zoneinfo`` (system data, or the ``tzdata`` package where the system has none, e.g. Windows).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger("newsroom.localtime")

DEFAULT_ZONE = "Europe/Brussels"

_current: list[tzinfo] = [UTC]  # one slot: the zone in use


def load_zone(name: str) -> tzinfo:
    """The zone called ``name``; UTC with a warning when it is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r; showing UTC", name)
        return UTC


def set_zone(name: str) -> None:
    """Use ``name`` (e.g. "Europe/Brussels") for every local time shown from now on."""
    _current[0] = load_zone(name)


def zone() -> tzinfo:
    """The zone in use."""
    return _current[0]


def to_local(dt: datetime, tz: tzinfo | None = None) -> datetime:
    """``dt`` (UTC or naive UTC) as local time in ``tz`` or the configured zone."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(tz or _current[0])


set_zone(DEFAULT_ZONE)
