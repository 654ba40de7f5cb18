"""When the morning briefing is due: once a day, at or after the set local time (pure: no clock); where
its senders (the collector's, newsroom.collector.morning; the in-process wall's,
newsroom.ui.briefing_service) keep the day it went out, and when a failed send is tried again."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

#: the store key that holds the local day the morning briefing last went out
MAILED_KEY = "briefing_mailed"
#: a failed morning mail is tried again after this long
RETRY = timedelta(minutes=30)

_CLOCK = re.compile(r"^\s*([01]?\d|2[0-3])[:.hu]([0-5]\d)\s*$")


def parse_clock(text: str) -> time:
    """'07:30' → 07:30; ValueError with a sentence otherwise."""
    m = _CLOCK.match(text)
    if not m:
        raise ValueError(f"briefing.email_time must look like 07:30, not {text!r}")
    return time(int(m.group(1)), int(m.group(2)))


def is_due(now_local: datetime, at: time, last_sent: date | None) -> bool:
    """True when today's briefing has not gone out yet and it is ``at`` or later (local time); a wall
    that starts after ``at`` sends that day's briefing at once, never a day it was not running."""
    return last_sent != now_local.date() and now_local.time() >= at
