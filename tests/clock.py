"""A clock a test moves by hand (``clock.now += timedelta(hours=2)``), given wherever the code under
test takes a ``clock`` callable."""

from __future__ import annotations

from datetime import datetime


class Clock:
    """Returns ``now`` when called; the test sets it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
