"""Small streaming statistics for the spike detector: rolling order statistics, a sliding maximum,
a moving mean and a time-of-day memory. Plain Python, O(window) or better per update."""

from __future__ import annotations

import bisect
import statistics
from collections import deque
from datetime import datetime


class RollingSorted:
    """The last ``size`` values, kept sorted, for medians and quantiles in O(size) per push."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._fifo: deque[float] = deque()
        self._sorted: list[float] = []

    def __len__(self) -> int:
        return len(self._fifo)

    def push(self, value: float) -> None:
        """Add ``value``; the oldest value leaves once the window is full."""
        self._fifo.append(value)
        bisect.insort(self._sorted, value)
        if len(self._fifo) > self.size:
            old = self._fifo.popleft()
            del self._sorted[bisect.bisect_left(self._sorted, old)]

    def quantile(self, q: float) -> float:
        """Linear-interpolated quantile ``q`` in [0, 1] (0.0 when empty)."""
        data = self._sorted
        if not data:
            return 0.0
        pos = q * (len(data) - 1)
        lo = int(pos)
        hi = min(lo + 1, len(data) - 1)
        return data[lo] + (data[hi] - data[lo]) * (pos - lo)

    def median(self) -> float:
        """The median (0.0 when empty)."""
        return self.quantile(0.5)


class SlidingMax:
    """Maximum of the values pushed during the last ``size`` steps (monotonic deque, O(1) amortised)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._step = 0
        self._items: deque[tuple[int, float]] = deque()

    def push(self, value: float) -> None:
        """Add ``value`` as the newest step."""
        while self._items and self._items[-1][1] <= value:
            self._items.pop()
        self._items.append((self._step, value))
        self._step += 1
        while self._items[0][0] <= self._step - 1 - self.size:
            self._items.popleft()

    def max(self, default: float) -> float:
        """The maximum of the window, or ``default`` when nothing was pushed."""
        return self._items[0][1] if self._items else default


class MovingMean:
    """Mean of the last ``size`` values (running sum)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._fifo: deque[float] = deque()
        self._sum = 0.0

    def push(self, value: float) -> float:
        """Add ``value`` and return the mean including it."""
        self._fifo.append(value)
        self._sum += value
        if len(self._fifo) > self.size:
            self._sum -= self._fifo.popleft()
        return self._sum / len(self._fifo)


class TimeOfDayMemory:
    """Values seen around each time of day on the last ``days`` days (bucket numbers are absolute:
    ``int(timestamp) // bucket_s``)."""

    def __init__(self, bucket_s: int, days: int) -> None:
        self.bucket_s = max(1, bucket_s)
        self.days = max(1, days)
        self.per_day = max(1, 86400 // self.bucket_s)
        self._slots: dict[int, deque[tuple[int, float]]] = {}

    def add(self, bucket: int, value: float) -> None:
        """Remember ``value`` for absolute bucket number ``bucket`` (the oldest day is forgotten)."""
        slot = bucket % self.per_day
        memory = self._slots.get(slot)
        if memory is None:
            memory = self._slots[slot] = deque(maxlen=self.days)
        memory.append((bucket, value))

    def median(self, bucket: int, half: int) -> tuple[float, int]:
        """(median, count) of the values stored within ``half`` buckets of the same time of day on
        earlier days (at least a day before ``bucket``, so today's rise never hides itself)."""
        values: list[float] = []
        newest = bucket - self.per_day + half
        for offset in range(-half, half + 1):
            memory = self._slots.get((bucket + offset) % self.per_day)
            if memory:
                values.extend(v for b, v in memory if b <= newest)
        if not values:
            return 0.0, 0
        return statistics.median(values), len(values)


class DayTypeFactor:
    """How much busier weekend days are than weekdays, learned from complete past days.

    Each calendar day (in the timestamps' own time zone) is summarised by its mean of ``value + 1``.
    Every complete weekend day is compared with the median of the complete weekdays of the seven days
    before it; the factor is the median of those ratios over the last ``days`` days, once ``min_days``
    weekend days have such a reference (before that, and for weekdays, it is 1).
    """

    def __init__(self, bucket_s: int, days: int = 35, min_days: int = 2) -> None:
        self.min_count = max(1, 86400 // max(1, bucket_s) // 2)  # a day needs half its buckets
        self.min_days = max(1, min_days)
        self._days: deque[tuple[int, bool, float]] = deque(maxlen=max(7, days))  # (ordinal, weekend, mean)
        self._current: tuple[int, bool] | None = None
        self._sum = 0.0
        self._count = 0
        self.weekend = 1.0

    @staticmethod
    def is_weekend(ts: datetime) -> bool:
        """Saturday or Sunday in the timestamp's own time zone."""
        return ts.weekday() >= 5

    def factor(self, ts: datetime) -> float:
        """The multiplicative factor of the day type of ``ts`` (weekdays are the reference, 1)."""
        return self.weekend if self.is_weekend(ts) else 1.0

    def add(self, ts: datetime, value: float) -> None:
        """Count ``value`` for the day of ``ts``; a new day closes the previous one."""
        day = (ts.toordinal(), self.is_weekend(ts))
        if day != self._current:
            if self._current is not None and self._count >= self.min_count:
                self._days.append((self._current[0], self._current[1], self._sum / self._count))
                self._relearn()
            self._current, self._sum, self._count = day, 0.0, 0
        self._sum += max(value, 0.0) + 1.0
        self._count += 1

    def _relearn(self) -> None:
        ratios: list[float] = []
        days = list(self._days)
        for i, (ordinal, weekend, mean) in enumerate(days):
            if not weekend:
                continue
            ref = [m for o, w, m in days[:i] if not w and ordinal - 7 <= o < ordinal]
            if len(ref) >= 3:
                ratios.append(mean / statistics.median(ref))
        if len(ratios) >= self.min_days:
            self.weekend = statistics.median(ratios)
