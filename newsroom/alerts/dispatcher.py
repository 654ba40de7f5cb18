"""Sends alerts to the channels on a thread of its own: the pipeline only drops them in a bounded
queue and never waits. Decides what is worth telling (new alerts, rising severity, optionally the
all-clear), keeps quiet hours for external channels, caps the rate per channel and retries failed
deliveries with back-off without holding up the others. With a delivery log (the store's
``deliveries`` table) what each channel was told survives a restart: no channel hears the same alert
state twice and the hourly cap carries on. The log is asked again before each message, so what
another process told a channel (a collector that worked before this one took over) counts too.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import queue
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from newsroom.alerts.channels import Channel, ChannelError
from newsroom.alerts.explain import Explanation, explain
from newsroom.domain import AlertState, SpikeAlert, utcnow
from newsroom.localtime import to_local
from newsroom.store.deliveries import DeliveryLog, DeliveryRecord, Outcome

log = logging.getLogger("newsroom.alerts.dispatcher")

RETRY_DELAYS_S = (5.0, 30.0, 120.0, 600.0)
#: how far back the delivery log is read at start (an alert lasting longer is told again at most once)
REMEMBER = timedelta(days=30)
#: alerts remembered per channel in memory
MAX_REMEMBERED = 1000
#: outcomes after which a channel is not told the same again (SENDING: cut short by a kill or power
#: cut; it may have arrived, and a channel must never hear the same message twice)
_TOLD = (Outcome.SENT, Outcome.SENDING, Outcome.QUIET, Outcome.CAPPED)


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A local-time span such as 22:00-07:00 (may cross midnight) when external channels are silent."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours | None:
        """'22:00-07:00' -> QuietHours; '' -> None; anything else -> ValueError with a sentence."""
        text = text.strip()
        if not text:
            return None
        try:
            a, b = (part.strip() for part in text.split("-"))
            return cls(time.fromisoformat(a), time.fromisoformat(b))
        except ValueError:
            raise ValueError(f"quiet hours {text!r} must look like 22:00-07:00") from None

    def contains(self, moment: datetime) -> bool:
        """True when ``moment`` (UTC) falls inside the span in wall time."""
        t = to_local(moment).time()
        if self.start <= self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end


@dataclass(frozen=True, slots=True)
class Delivery:
    """The outcome of one attempt, kept for health displays and tests."""

    channel: str
    alert_id: str
    at: datetime
    ok: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Policy:
    """What gets sent where and when."""

    min_severity: int = 2
    notify_resolved: bool = False
    quiet: QuietHours | None = None
    #: from this severity on, external channels speak even in quiet hours
    quiet_override_severity: int = 5
    max_per_hour: int = 6


class AlertDispatcher:
    """A worker thread between the pipeline and the channels."""

    def __init__(self, channels: Sequence[Channel], policy: Policy = Policy(), *, lang: str = "nl",
                 clock: Callable[[], datetime] = utcnow, retry_delays: Sequence[float] = RETRY_DELAYS_S,
                 queue_size: int = 100, delivery_log: DeliveryLog | None = None) -> None:
        self.channels = list(channels)
        self.policy = policy
        self.lang = lang
        self.clock = clock
        self.retry_delays = tuple(retry_delays)
        self._queue: queue.Queue[SpikeAlert | None] = queue.Queue(maxsize=queue_size)
        self._retries: list[tuple[datetime, int, int, int, SpikeAlert]] = []
        self._order = itertools.count()
        #: (alert id, channel) -> (severity, state) last told or held back on purpose
        self._told: dict[tuple[str, str], tuple[int, AlertState]] = {}
        self._sent: dict[str, deque[datetime]] = {c.name: deque() for c in self.channels}
        self.deliveries: deque[Delivery] = deque(maxlen=200)
        self._log = delivery_log
        if delivery_log is not None:
            self._load(delivery_log)
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None

    def _load(self, delivery_log: DeliveryLog) -> None:
        """What each channel was told before a restart, and what counts against its hourly cap."""
        now = self.clock()
        names = set(self._sent)
        for r in delivery_log.since(now - REMEMBER):
            if r.channel not in names or r.outcome not in _TOLD:
                continue
            key = (r.alert_id, r.channel)
            before = self._told.get(key)
            self._told[key] = (max(r.severity, before[0]) if before else r.severity, AlertState(r.state))
            if r.outcome in (Outcome.SENT, Outcome.SENDING) and now - r.at <= timedelta(hours=1):
                self._sent[r.channel].append(r.at)
            if r.outcome is Outcome.SENDING:
                log.warning("alert %s (severity %d) may not have reached %s: the app stopped while "
                            "sending it; it is not sent again", r.alert_id, r.severity, r.channel)
        if self._told:
            log.info("delivery log: %d alert deliveries remembered", len(self._told))

    # --- called from the pipeline thread ---------------------------------------------------------

    def submit(self, alert: SpikeAlert) -> bool:
        """Hand over an alert whose state changed; never blocks. False when the queue is full."""
        if not self.channels:
            return False
        try:
            self._idle.clear()
            self._queue.put_nowait(alert)
            return True
        except queue.Full:
            log.warning("alert queue full; %s not sent", alert.id)
            return False

    def start(self) -> None:
        """Start the sending thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="alert-dispatcher", daemon=True)
            self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Finish what is queued (not the pending retries), end the thread and close the delivery log."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout_s)
            self._thread = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def wait_idle(self, timeout_s: float = 10.0) -> bool:
        """For tests and shutdown: True once the queue is empty and no retry is pending."""
        return self._idle.wait(timeout_s)

    # --- the sending thread ----------------------------------------------------------------------

    def worth_telling(self, alert: SpikeAlert, channel: str | None = None) -> bool:
        """New alerts from the minimum severity, a rise in severity, and optionally the all-clear, for
        ``channel`` (None: for any channel)."""
        if channel is None:
            return any(self.worth_telling(alert, c.name) for c in self.channels)
        told = self._told.get((alert.id, channel))
        if alert.state is AlertState.RESOLVED:
            return self.policy.notify_resolved and told is not None and told[1] is not AlertState.RESOLVED
        if alert.severity < self.policy.min_severity:
            return False
        return told is None or alert.severity > told[0]

    def _run(self) -> None:
        while True:
            wait = None
            if self._retries:
                wait = max(0.0, (self._retries[0][0] - self.clock()).total_seconds())
            try:
                item = self._queue.get(timeout=wait)
            except queue.Empty:
                pass  # a retry is due
            else:
                if item is None:
                    return
                self._handle(item)
            self._due_retries()
            if self._queue.empty() and not self._retries:
                self._idle.set()

    def _recall(self, alert: SpikeAlert, channel: str) -> None:
        """What the store's delivery log says ``channel`` was told of ``alert``, by this process or
        another (a collector that died, one that ran before this one took over), joins what this
        process remembers: asked before every message, so that no channel hears the same twice."""
        if self._log is None:
            return
        told = self._log.told(alert.id, channel, _TOLD)
        if told is None:
            return
        severity, resolved = told
        key = (alert.id, channel)
        mine = self._told.get(key)
        state = AlertState.RESOLVED if resolved else (mine[1] if mine else alert.state)
        self._told[key] = (max(severity, mine[0]) if mine else severity, state)

    def _handle(self, alert: SpikeAlert) -> None:
        for i, channel in enumerate(self.channels):
            self._recall(alert, channel.name)
            if not self.worth_telling(alert, channel.name):
                continue
            key = (alert.id, channel.name)
            before = self._told.pop(key, None)  # re-inserted last: the oldest are forgotten first
            self._told[key] = (max(alert.severity, before[0]) if before else alert.severity, alert.state)
            if len(self._told) > MAX_REMEMBERED * max(len(self.channels), 1):
                self._told.pop(next(iter(self._told)))
            self._attempt(i, channel, alert, 0)

    def _due_retries(self) -> None:
        now = self.clock()
        while self._retries and self._retries[0][0] <= now:
            _, _, attempt, index, alert = heapq.heappop(self._retries)
            self._attempt(index, self.channels[index], alert, attempt)

    def _attempt(self, index: int, channel: Channel, alert: SpikeAlert, attempt: int) -> None:
        now = self.clock()
        if attempt == 0 and channel.external and self.policy.quiet and self.policy.quiet.contains(now) \
                and alert.severity < self.policy.quiet_override_severity:
            self._record(channel, alert, now, False, "quiet hours", Outcome.QUIET)
            return
        sent = self._sent[channel.name]
        while sent and now - sent[0] > timedelta(hours=1):
            sent.popleft()
        if attempt == 0 and len(sent) >= self.policy.max_per_hour:
            cap = self.policy.max_per_hour
            self._record(channel, alert, now, False, f"rate cap of {cap} per hour reached", Outcome.CAPPED)
            return
        text: Explanation = explain(alert, self.lang)
        pending = None  # written down before sending: a kill while sending is not sent again
        if self._log is not None:
            pending = self._log.record(DeliveryRecord(alert.id, channel.name, alert.severity,
                                                      alert.state.value, now, Outcome.SENDING))
        try:
            channel.send(text, alert)
        except ChannelError as exc:
            retry = exc.retry and attempt < len(self.retry_delays)
            self._record(channel, alert, now, False, str(exc) + ("; will retry" if retry else ""),
                         pending=pending)
            if retry:
                due = now + timedelta(seconds=self.retry_delays[attempt])
                heapq.heappush(self._retries, (due, next(self._order), attempt + 1, index, alert))
            return
        except Exception as exc:  # a channel bug must not end the thread
            log.exception("channel %s crashed", channel.name)
            self._record(channel, alert, now, False, f"unexpected failure: {exc}", pending=pending)
            return
        sent.append(now)
        self._record(channel, alert, now, True, pending=pending)

    def _record(self, channel: Channel, alert: SpikeAlert, at: datetime, ok: bool, detail: str = "",
                outcome: Outcome | None = None, *, pending: int | None = None) -> None:
        self.deliveries.append(Delivery(channel.name, alert.id, at, ok, detail))
        if self._log is not None:
            outcome = outcome or (Outcome.SENT if ok else Outcome.FAILED)
            if pending is not None:
                self._log.settle(pending, outcome, detail)
            else:
                self._log.record(DeliveryRecord(alert.id, channel.name, alert.severity, alert.state.value,
                                                at, outcome, detail))
        if ok:
            log.info("alert %s sent via %s", alert.id, channel.name)
        else:
            log.warning("alert %s not sent via %s: %s", alert.id, channel.name, detail)
