"""Times as other people's files write them, for ``topics``' ``published`` and ``spikes``' ``timestamp``:
ISO-8601 (``Z``, an offset, ``UTC``, or no zone: UTC; ``T`` or a space; also ``2026/11/23``), Unix epoch
seconds or milliseconds (a number or its digits), and the e-mail/RSS form
``Tue, 17 Nov 2026 05:38:16 +0000``."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from newsroom.domain import parse_time

#: an epoch number: digits, an optional fraction
_EPOCH = re.compile(r"[+-]?\d+(\.\d*)?")
#: a date written with slashes, year first: 2026/11/23 (day-first dates are ambiguous and not read)
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
#: a zone written as a name after the time: ``2026-11-23 10:15:00 UTC`` (BigQuery's form), ``… GMT``
_UTC_NAME = re.compile(r"(?<=\d)\s*(UTC|GMT)$", re.IGNORECASE)
#: above this an epoch number is not seconds (year 5138) but milliseconds, then microseconds, nanoseconds
_SECONDS_UP_TO = 1e11


def from_epoch(value: float) -> datetime:
    """Unix epoch seconds, or milliseconds, microseconds or nanoseconds by the number's size, as UTC."""
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a time")
    while abs(value) >= _SECONDS_UP_TO:
        value /= 1000.0
    return datetime.fromtimestamp(value, UTC)


def given_time(text: str) -> datetime:
    """``text`` as an aware UTC time (see the module); ValueError when it is none of those forms."""
    text = text.strip()
    if not text:
        raise ValueError("no time")
    if _EPOCH.fullmatch(text) and (len(text) > 8 or "." in text):  # 20261123 is a date, not an epoch
        return from_epoch(float(text))
    iso = _UTC_NAME.sub("Z", text)
    slashed = _SLASHED.match(iso)
    if slashed:
        year, month, day = slashed.groups()
        iso = f"{year}-{int(month):02d}-{int(day):02d}{iso[slashed.end():]}"
    for form in (iso, iso.replace(" ", "T", 1)):
        try:
            return parse_time(form)
        except ValueError:
            pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"{text!r} is not a time") from exc
    return (when if when.tzinfo is not None else when.replace(tzinfo=UTC)).astimezone(UTC)
