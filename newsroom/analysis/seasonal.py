"""A town's weekly rhythm, learnt causally: the normal count per bucket by local time of day and
day type (weekday, or weekend), shrunk toward broader estimates while history is short.

The day is cut in slots (30 min by default). Each (day type, slot) keeps a running mean of the counts
of its buckets that turns into an exponential mean once a week's worth was seen, so the profile
follows slow change. The estimate of a slot is built in three layers, each shrunk toward the one
above it by how much it has seen:

* the global mean of every bucket (no rhythm yet);
* the slot's mean over all days, smoothed with its neighbours (1-2-1), times the day type's factor;
* the slot's mean on that day type only.

So after one day the daily rhythm exists, after a weekend the weekend's own shape takes over, and a
slot with little history leans on its neighbours and the global level.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class _Mean:
    """Running mean that becomes an exponential mean after ``horizon`` values."""

    mean: float = 0.0
    count: float = 0.0

    def add(self, value: float, horizon: float) -> None:
        self.count = min(self.count + 1.0, horizon)
        self.mean += (value - self.mean) / self.count


class SeasonalProfile:
    """Normal count per bucket by (day type, local time-of-day slot)."""

    def __init__(self, bucket_s: int, slot_s: int = 1800, days: float = 7.0) -> None:
        self.slot_s = max(slot_s, bucket_s)
        self.slots = max(1, 86400 // self.slot_s)
        self.per_slot = max(1.0, self.slot_s / bucket_s)  # buckets in one slot on one day
        self.horizon = days * self.per_slot
        self._all = [_Mean() for _ in range(self.slots)]
        self._typed = [[_Mean() for _ in range(self.slots)] for _ in range(2)]
        self._type_total = [_Mean(), _Mean()]  # per day type: mean of counts / all-days slot mean
        self._global = _Mean()

    def slot(self, seconds_of_day: int) -> int:
        """The slot of a local time of day given in seconds since midnight."""
        return min(self.slots - 1, seconds_of_day // self.slot_s)

    @property
    def seen(self) -> float:
        """How many buckets the global mean holds (capped at its horizon)."""
        return self._global.count

    def _smoothed_all(self, slot: int) -> tuple[float, float]:
        n = self.slots
        parts = ((self._all[(slot - 1) % n], 1.0), (self._all[slot], 2.0), (self._all[(slot + 1) % n], 1.0))
        weight = sum(m.count * w for m, w in parts)
        if weight <= 0:
            return 0.0, 0.0
        return sum(m.mean * m.count * w for m, w in parts) / weight, weight / 2.0

    def expected(self, weekend: bool, slot: int) -> float | None:
        """Normal count of one bucket in ``slot`` on that day type (None before anything was seen)."""
        g = self._global
        if g.count <= 0:
            return None
        prior = self.per_slot  # a day's worth of the slot weighs as much as the layer above
        mean_all, count_all = self._smoothed_all(slot)
        layer = (count_all * mean_all + prior * g.mean) / (count_all + prior)
        kind = self._type_total[int(weekend)]
        factor = (kind.count * kind.mean + 4 * prior) / (kind.count + 4 * prior)
        layer *= factor
        typed = self._typed[int(weekend)][slot]
        return (typed.count * typed.mean + prior * layer) / (typed.count + prior)

    def support(self, weekend: bool, slot: int) -> float:
        """How many buckets the estimate of that slot rests on (its own, its neighbours', its day type's)."""
        return self._smoothed_all(slot)[1] + self._typed[int(weekend)][slot].count + 1.0

    def assume_quiet(self, days: float) -> None:
        """Start as if the last ``days`` days had been silent (zeros): a series that did not exist
        before, like a new topic, whose first hour is news rather than its normal."""
        self._global = _Mean(0.0, min(self.horizon * self.slots, days * self.per_slot * self.slots))
        self._all = [_Mean(0.0, min(self.horizon, days * self.per_slot)) for _ in range(self.slots)]

    def add(self, weekend: bool, slot: int, value: float) -> None:
        """Learn ``value`` (already cleared of anything abnormal) for that day type and slot."""
        all_mean = self._all[slot]
        if all_mean.count >= self.per_slot:
            self._type_total[int(weekend)].add((value + 0.1) / (all_mean.mean + 0.1), 3 * self.horizon)
        all_mean.add(value, self.horizon)
        self._typed[int(weekend)][slot].add(value, self.horizon / 3)
        self._global.add(value, self.horizon * self.slots)
