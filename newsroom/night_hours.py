"""Night hours for dimming the wall: ``"22:00-07:00"`` parsed once, asked with a local time of day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

_SPAN = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


class NightHoursError(ValueError):
    """The schedule text cannot be read; the message is a sentence."""


@dataclass(frozen=True, slots=True)
class NightHours:
    """From ``start`` to ``end`` local time; spans midnight when ``end`` is not after ``start``."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> NightHours:
        """``"22:00-07:00"`` (also ``22.00–7.00``); NightHoursError with a sentence otherwise."""
        m = _SPAN.match(text)
        if not m:
            raise NightHoursError(f"night hours must look like 22:00-07:00, not {text!r}")
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
            raise NightHoursError(f"night hours {text!r} hold a time that does not exist")
        return cls(time(h1, m1), time(0, 0) if h2 == 24 else time(h2, m2))

    def contains(self, t: time) -> bool:
        """True when the local time of day ``t`` falls in the night (start included, end not)."""
        t = t.replace(tzinfo=None)
        if self.start == self.end:
            return False  # an empty span: never night
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end
