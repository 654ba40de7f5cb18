"""The order of the wall's tiles, with hysteresis: a tile moves only when the difference is real.

Staff glance at the wall from 5 m; tiles that swap places on noise make them read the wall again. So:
- alerted topics come first (a new alert is a reason to move at once);
- otherwise a topic passes the one above it only when its negative mentions per hour exceed that one's
  by a clear margin (a quarter more and at least :data:`ABSOLUTE_MARGIN` more), or, when both have about
  the same negative volume, its total volume does by the same margin;
- and within :data:`HOLD` of the last change the order does not change at all without such a reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsroom.domain import Topic

#: a topic passes another only with this much more (relative) ...
RELATIVE_MARGIN = 1.25
#: ... and at least this many more mentions per hour
ABSOLUTE_MARGIN = 2.0
#: after an order change the order holds this long unless a new alert comes
HOLD = timedelta(seconds=60)


def urgency(t: Topic) -> float:
    """Negative mentions per hour: what decides the order."""
    return t.per_hour * t.share_negative


def _clearly_more(a: float, b: float) -> bool:
    """``a`` beats ``b`` by the margin."""
    return a > b * RELATIVE_MARGIN and a > b + ABSOLUTE_MARGIN


def passes(lower: Topic, upper: Topic, alerted: frozenset[str]) -> bool:
    """True when ``lower`` should move above ``upper``."""
    la, ua = str(lower.id) in alerted, str(upper.id) in alerted
    if la != ua:
        return la
    nl, nu = urgency(lower), urgency(upper)
    if _clearly_more(nl, nu):
        return True
    if _clearly_more(nu, nl):
        return False
    return _clearly_more(lower.per_hour, upper.per_hour)


def first_order(topics: Sequence[Topic], alerted: frozenset[str]) -> list[Topic]:
    """The order without history: alerted first, then negative per hour, per hour, size, id."""
    return sorted(topics, key=lambda t: (str(t.id) not in alerted, -urgency(t), -t.per_hour, -t.size, t.id))


@dataclass
class TileOrder:
    """Remembers the last order it gave and keeps it until a difference is real."""

    hold: timedelta = HOLD
    _order: list[int] = field(default_factory=list)
    _alerted: frozenset[str] = frozenset()
    _changed: datetime | None = None

    def shown(self) -> frozenset[int]:
        """Ids of the topics in the last order given."""
        return frozenset(self._order)

    def arrange(self, topics: Sequence[Topic], alerted: frozenset[str], now: datetime,
                limit: int) -> tuple[Topic, ...]:
        """The ``limit`` topics to show, in order."""
        by_id = {t.id: t for t in topics}
        fresh = first_order(topics, alerted)
        if not self._order:
            order = fresh
        else:
            kept = [by_id[i] for i in self._order if i in by_id]
            shown = {t.id for t in kept}
            order = kept + [t for t in fresh if t.id not in shown]
            new_alert = bool(alerted - self._alerted)
            held = self._changed is not None and now - self._changed < self.hold
            if new_alert or not held:
                order = self._settle(order, alerted)
            else:  # hold: only fill places a topic left empty
                order = kept[:limit] + [t for t in fresh if t.id not in shown]
        chosen = order[:limit]
        ids = [t.id for t in chosen]
        if ids != self._order:
            self._order = ids
            self._changed = now
        self._alerted = alerted
        return tuple(chosen)

    @staticmethod
    def _settle(order: list[Topic], alerted: frozenset[str]) -> list[Topic]:
        """Move topics up past the ones they clearly beat (stable insertion with a margin)."""
        out: list[Topic] = []
        for t in order:
            pos = len(out)
            while pos > 0 and passes(t, out[pos - 1], alerted):
                pos -= 1
            out.insert(pos, t)
        return out
