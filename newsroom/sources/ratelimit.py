"""Per-host politeness: a minimum spacing between requests to one host (pure, no sleeping).

The poller asks ``ready_at(host)``; a pair whose host is not ready is deferred, never slept on, so
one slow-to-allow service (GDELT asks for one request every 5 s) never holds up the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass
class HostSpacing:
    """Remembers when each host was last asked and how far apart requests must be."""

    spacing_s: dict[str, float] = field(default_factory=dict)
    _last: dict[str, datetime] = field(default_factory=dict)

    def set_spacing(self, host: str, seconds: float) -> None:
        """Require ``seconds`` between two requests to ``host`` (the largest wish wins)."""
        if host and seconds > 0:
            self.spacing_s[host] = max(seconds, self.spacing_s.get(host, 0.0))

    def ready_at(self, host: str, now: datetime) -> datetime:
        """The earliest time a request to ``host`` may start (``now`` when it may start at once)."""
        last = self._last.get(host)
        gap = self.spacing_s.get(host, 0.0)
        if last is None or gap <= 0:
            return now
        return max(now, last + timedelta(seconds=gap))

    def claim(self, host: str, now: datetime, requests: int = 1) -> None:
        """Record that ``requests`` requests to ``host`` were made ending at ``now``.

        A poll that made several requests (paging) pushes the next one further out.
        """
        gap = self.spacing_s.get(host, 0.0)
        self._last[host] = now + timedelta(seconds=gap * max(0, requests - 1))
