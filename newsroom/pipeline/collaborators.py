"""What the pipeline needs from its poller and its notifier (injected: tests and the demo bring their
own)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from newsroom.domain import FetchResult, SourceHealth, SpikeAlert


class Notifier(Protocol):
    """Where changed alerts go beyond the wall (newsroom.alerts.dispatcher.AlertDispatcher)."""

    def submit(self, alert: SpikeAlert) -> bool: ...
    def stop(self, timeout_s: float = 5.0) -> None: ...


class PollerLike(Protocol):
    """What the pipeline needs from a poller (newsroom.sources.poller.Poller)."""

    def poll_due(self, now: datetime | None = None) -> list[FetchResult]: ...
    def health(self, now: datetime | None = None) -> list[SourceHealth]: ...
    def close(self) -> None: ...
