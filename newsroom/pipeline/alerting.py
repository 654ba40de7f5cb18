"""Feeds closed minutes of negative volume per topic, search and wall to spike detectors and keeps
the resulting alerts (raised → ongoing → resolved) in the store.

The detector (``newsroom.analysis.spikes``, the same decision ``newsroom spikes`` makes) sees each
minute's negative count, in the wall's time zone; it measures excesses over 10 min to 5 h itself
and its safety net (:func:`obvious`) catches a flood right after a start. The alert shows the
negative count of a rolling window (default 30 min) against its normal; hysteresis (resolve after a
calm window) and a cooldown keep one event to one alert.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsroom.analysis.spikes import OBVIOUS, SpikeDetector, obvious
from newsroom.domain import AlertScope, AlertState, Search, SpikeAlert, TopicState
from newsroom.localtime import to_local
from newsroom.store import Store

log = logging.getLogger("newsroom.pipeline.alerting")

#: a topic alerts only when at least this share of its window is negative (a new topic's own volume
#: always rises, so the share of all talk cannot tell a festival from a flood there)
NEGATIVE_SHARE = 0.4

#: history a detector learns from when the wall starts (its warm-up: two days)
REPLAY_HOURS = 48

__all__ = ["NEGATIVE_SHARE", "OBVIOUS", "WallAlerts", "obvious"]


def _resolved(alert: SpikeAlert, at: datetime) -> SpikeAlert:
    return replace(alert, state=AlertState.RESOLVED, updated=at, resolved_at=at)


def _severity(observed: float, expected: float) -> int:
    ratio = observed / max(expected, 1.0)
    return 1 + sum(ratio >= r for r in (4, 8, 16, 32))


@dataclass
class _Scope:
    scope: AlertScope
    key: str
    title: str
    detector: SpikeDetector
    window: deque[float]
    totals: deque[float]
    expected: deque[float]
    last_minute: datetime | None = None
    calm_minutes: int = 0
    fire_until: datetime | None = None  # the detector's alert holds until the window shows it
    cooldown_until: datetime | None = None
    alert: SpikeAlert | None = None
    top_terms: tuple[str, ...] = ()
    mention_ids: tuple[str, ...] = field(default_factory=tuple)
    #: after a restart, history up to the resumed alert's last update only warms the detector up
    replay_until: datetime | None = None


class WallAlerts:
    """Spike detection over the store's per-minute counts, for every scope on the wall."""

    def __init__(self, store: Store, sensitivity: str = "balanced", *, window_min: int = 30,
                 min_negative: int = 10, cooldown_min: int = 60) -> None:
        self.store = store
        self.sensitivity = sensitivity
        self.window_min = window_min
        self.min_negative = min_negative
        self.cooldown = timedelta(minutes=cooldown_min)
        self._scopes: dict[tuple[AlertScope, str], _Scope] = {}
        self._resume = {(a.scope, a.key): a for a in store.active_alerts()}

    def _get(self, scope: AlertScope, key: str, title: str) -> _Scope:
        s = self._scopes.get((scope, key))
        if s is None:
            # a topic did not exist before: its detector starts from a silent history
            detector = SpikeDetector(self.sensitivity, bucket_s=60, quiet_before=scope is AlertScope.TOPIC)
            window = self.window_min
            s = _Scope(scope, key, title, detector, deque(maxlen=window), deque(maxlen=window),
                       deque(maxlen=window))
            s.alert = self._resume.pop((scope, key), None)
            s.replay_until = s.alert.updated if s.alert else None
            self._scopes[(scope, key)] = s
        s.title = title
        return s

    def update(self, now: datetime, topics: Sequence[TopicState], searches: Sequence[Search],
               wall_title: str = "wall") -> list[SpikeAlert]:
        """Process every minute closed since the last call; returns alerts whose state changed."""
        closed = now.replace(second=0, microsecond=0)
        changed: list[SpikeAlert] = []
        for t in topics:
            s = self._get(AlertScope.TOPIC, str(t.id), t.label)
            s.top_terms = tuple(w.term for w in t.terms[:5])
            s.mention_ids = t.representative_ids
            changed += self._feed(s, closed, t.first_seen)
        topic_alert = any(s.alert and s.scope is AlertScope.TOPIC and s.alert.state is not AlertState.RESOLVED
                          for s in self._scopes.values())
        for search in searches:
            s = self._get(AlertScope.SEARCH, search.name, search.name)
            changed += self._feed(s, closed, None, may_raise=not topic_alert)
        other_alert = topic_alert or any(
            s.alert and s.scope is AlertScope.SEARCH and s.alert.state is not AlertState.RESOLVED
            for s in self._scopes.values())
        s = self._get(AlertScope.WALL, "wall", wall_title)
        changed += self._feed(s, closed, None, may_raise=not other_alert)
        changed += self._sweep(closed, {str(t.id) for t in topics})
        for alert in changed:
            self.store.save_alert(alert)
            log.info("alert %s %s: %s (%d negative in %d min, normally %.1f)", alert.state.value,
                     alert.scope.value, alert.title, alert.observed, alert.window_min, alert.expected)
        return changed

    def merge_topics(self, src: int, dst: int) -> None:
        """Topic ``src`` was merged into ``dst``. An active alert of ``src`` carries on as ``dst``'s
        (same id, so an acknowledgement stays and nobody is told "over" in the middle of the event)
        unless ``dst`` has an active alert of its own; then ``src``'s is resolved by the sweep as before."""
        key = (AlertScope.TOPIC, str(src))
        gone = self._scopes.get(key)
        alert = gone.alert if gone is not None else self._resume.get(key)
        if alert is None or alert.state is AlertState.RESOLVED:
            return
        target = (AlertScope.TOPIC, str(dst))
        keep = self._scopes.get(target)
        own = keep.alert if keep is not None else self._resume.get(target)
        if own is not None and own.state is not AlertState.RESOLVED:
            return
        self._scopes.pop(key, None)
        self._resume.pop(key, None)
        moved = replace(alert, key=str(dst))
        if keep is None:                 # dst's scope starts with it, like an alert resumed at start
            self._resume[target] = moved
        else:
            keep.alert = moved
            keep.calm_minutes = gone.calm_minutes if gone is not None else 0
        self.store.save_alert(moved)

    def _sweep(self, now: datetime, live_topics: set[str]) -> list[SpikeAlert]:
        """Resolve alerts nobody feeds any more: a topic that retired or merged away, or an alert
        resumed after a restart whose subject no longer exists. Otherwise they would stay forever."""
        stale = now - timedelta(minutes=2 * self.window_min)
        out: list[SpikeAlert] = []
        for s in self._scopes.values():
            a = s.alert
            if (a is not None and a.state is not AlertState.RESOLVED and s.scope is AlertScope.TOPIC
                    and s.key not in live_topics and a.updated < stale):
                s.alert = _resolved(a, now)
                out.append(s.alert)
        for key, a in list(self._resume.items()):
            if a.updated < stale:
                del self._resume[key]
                out.append(_resolved(a, now))
        # a topic that retired or merged away takes its detector with it (the soak: one detector per
        # topic ever seen, never dropped, was the collector's growth over a week); one that comes back
        # starts a new detector from its stored counts, as a new topic does
        for key, s in list(self._scopes.items()):
            if (s.scope is AlertScope.TOPIC and s.key not in live_topics
                    and (s.alert is None or s.alert.state is AlertState.RESOLVED)
                    and (s.last_minute is None or s.last_minute < stale)):
                del self._scopes[key]
        return out

    @property
    def watched(self) -> int:
        """Scopes with a detector now (the wall, each search, each live or recently alerted topic)."""
        return len(self._scopes)

    def _feed(self, s: _Scope, closed: datetime, first_seen: datetime | None,
              may_raise: bool = True) -> list[SpikeAlert]:
        start = s.last_minute or closed - timedelta(hours=REPLAY_HOURS)
        if first_seen is not None and s.last_minute is None:  # a topic: from an hour before it began
            start = max(start, first_seen.replace(second=0, microsecond=0) - timedelta(hours=1))
        if start >= closed:
            return []
        total, negative = self.store.counts(s.scope.value, s.key, start, closed, 60)
        changed: list[SpikeAlert] = []
        for i, (tot, neg) in enumerate(zip(total.values, negative.values, strict=True)):
            minute = total.start + timedelta(minutes=i)
            # a topic's total is its own volume: the share of all talk only explains searches and the wall
            step = s.detector.update(minute, neg, None if s.scope is AlertScope.TOPIC else tot)
            s.window.append(neg)
            s.totals.append(tot)
            s.expected.append(step.expected)
            if s.replay_until is not None and minute <= s.replay_until:
                continue  # already decided before the restart; the stored alert carries on
            observed = sum(s.window)
            expected = sum(s.expected)
            spread = math.sqrt(expected + 1.0) * step.spread / math.sqrt(step.expected + 1.0)
            if step.alert:  # the detector decides at the onset; the window may still be filling up
                s.fire_until = minute + timedelta(minutes=self.window_min)
            pending = s.fire_until is not None and minute <= s.fire_until
            fire = pending and self._mostly_negative(s, observed)
            change = self._decide(s, minute, observed, expected, spread, step.score, fire and may_raise)
            if change is not None:
                changed.append(change)
        s.last_minute = closed
        return changed

    def _same_event(self, s: _Scope, minute: datetime) -> bool:
        """True when another topic's alert is active and started less than two windows before: a new
        spike in a related topic joins that event instead of raising an alert of its own."""
        near = timedelta(minutes=2 * self.window_min)
        return any(
            o is not s and o.scope is AlertScope.TOPIC and o.alert is not None
            and o.alert.state is not AlertState.RESOLVED and abs(minute - o.alert.started) <= near
            for o in self._scopes.values())

    @staticmethod
    def _mostly_negative(s: _Scope, observed: float) -> bool:
        """A topic alerts only when its window is mostly negative (searches and the wall: the detector
        already discounts a rise of all talk, a festival)."""
        return s.scope is not AlertScope.TOPIC or observed >= NEGATIVE_SHARE * max(sum(s.totals), 1.0)

    def _decide(self, s: _Scope, minute: datetime, observed: float, expected: float, spread: float,
                score: float, fire: bool) -> SpikeAlert | None:
        active = s.alert if s.alert and s.alert.state is not AlertState.RESOLVED else None
        if active is None:
            if not fire or observed < self.min_negative:
                return None
            if s.cooldown_until and minute < s.cooldown_until:
                return None
            if s.scope is AlertScope.TOPIC and self._same_event(s, minute):
                return None  # one event, one alert: the storm split over six topics is one storm
            local = to_local(minute)  # weekday and hour for the explanation, in wall time
            digest = hashlib.sha1(f"{s.scope}:{s.key}:{minute.isoformat()}".encode()).hexdigest()[:12]
            s.alert = SpikeAlert(
                id=f"alert:{digest}", scope=s.scope, key=s.key, title=s.title, state=AlertState.RAISED,
                severity=_severity(observed, expected), started=minute, updated=minute,
                window_min=self.window_min, observed=int(observed), expected=expected, spread=spread,
                score=score, top_terms=s.top_terms, mention_ids=s.mention_ids[:5],
                first_seen=minute - timedelta(minutes=self.window_min), weekday=local.weekday(),
                hour=local.hour,
            )
            s.calm_minutes = 0
            s.fire_until = None
            return s.alert
        calm = observed <= max(self.min_negative / 2, active.expected + 2 * max(active.spread, 1.0))
        s.calm_minutes = s.calm_minutes + 1 if calm else 0
        if s.calm_minutes >= self.window_min:
            s.alert = _resolved(active, minute)
            s.cooldown_until = minute + self.cooldown
            return s.alert
        if observed > active.observed or (minute - active.updated) >= timedelta(minutes=5):
            s.alert = replace(active, state=AlertState.ONGOING, updated=minute,
                              observed=max(active.observed, int(observed)),
                              severity=max(active.severity, _severity(observed, active.expected)),
                              top_terms=s.top_terms or active.top_terms,
                              mention_ids=s.mention_ids[:5] or active.mention_ids, title=s.title)
            return s.alert
        return None
