"""Small streaming statistics for the spike detector: rolling order statistics, a sliding maximum,
block maxima with their Gumbel return level, and a moving mean. Plain Python, O(window) or better
per update."""

from __future__ import annotations

import bisect
import math
from collections import deque
from functools import lru_cache

EULER_GAMMA = 0.5772156649015329


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
        last = len(data) - 1
        pos = q * last
        lo = int(pos)
        hi = lo + 1 if lo < last else last
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


class BlockMaxima:
    """Maxima of consecutive blocks of ``block`` steps (the last ``count`` complete ones), and the
    level a Gumbel fit of them (by moments) expects to be exceeded once in ``period`` blocks."""

    def __init__(self, block: int, count: int) -> None:
        self.block = max(1, block)
        self._maxima: deque[float] = deque(maxlen=max(1, count))
        self._current = -math.inf  # the maximum of the block going on (-inf: nothing counted yet)
        self._left = self.block  # steps left in the block going on

    def __len__(self) -> int:
        return len(self._maxima)

    def push(self, value: float | None) -> bool:
        """One step with ``value`` (None: a step that does not count, time still passes); True
        when it completed a block."""
        if value is not None and value > self._current:
            self._current = value
        self._left -= 1
        if self._left:
            return False
        self._left = self.block
        if self._current > -math.inf:  # a block without counted steps has no maximum
            self._maxima.append(self._current)
            self._current = -math.inf
        return True

    def return_level(self, period: float, minimum: int = 3) -> float:
        """The Gumbel fit's level exceeded once in ``period`` blocks (0.0 with fewer than ``minimum``
        maxima, or ``period`` <= 1)."""
        n = len(self._maxima)
        if n < max(2, minimum) or period <= 1.0:
            return 0.0
        mean = sum(self._maxima) / n
        sd = math.sqrt(sum((m - mean) ** 2 for m in self._maxima) / (n - 1))
        beta = sd * math.sqrt(6.0) / math.pi
        return mean - EULER_GAMMA * beta - beta * math.log(-math.log(1.0 - 1.0 / period))


class MovingMean:
    """Mean of the last ``size`` values (running sum)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._fifo: deque[float] = deque()
        self._sum = 0.0

    def push(self, value: float) -> float:
        """Add ``value`` and return the mean including it."""
        fifo = self._fifo
        fifo.append(value)
        total = self._sum + value
        if len(fifo) > self.size:
            total -= fifo.popleft()
        self._sum = total
        return total / len(fifo)


@lru_cache(maxsize=4096)
def _poisson_table(key: int) -> tuple[tuple[float, ...], float]:
    """Poisson(key / PIT_GRID): the mid-p of every count up to where the tail is negligible, and the
    variance of the mid-p under it."""
    mean = key / PIT_GRID
    top = int(mean + 8.0 * math.sqrt(mean) + 10.0)
    p = math.exp(-mean)
    below, mids, cubes = 0.0, [], 0.0
    for k in range(top + 1):
        mids.append(below + 0.5 * p)
        cubes += p * p * p
        below += p
        p *= mean / (k + 1)
    return tuple(mids), (1.0 - cubes) / 12.0


PIT_GRID = 50  # expected counts below PIT_EXACT are rounded to 1/PIT_GRID for the table
PIT_EXACT = 30.0  # above this expected count, the normal approximation


def poisson_mid_p(count: float, mean: float) -> tuple[float, float]:
    """Where ``count`` falls in Poisson(``mean``): the mid-p ``P(X < count) + P(X = count) / 2`` (0.5
    on average under that Poisson whatever its mean, 1 far above it) and its variance under it
    (``(1 - sum p^3) / 12``, below 1/12 for small means where most counts are equal)."""
    if mean <= 0.0:
        return (0.5 if count <= 0 else 1.0), 0.0
    if mean >= PIT_EXACT:
        return 0.5 * (1.0 + math.erf((count - mean) / math.sqrt(2.0 * mean))), 1.0 / 12.0
    mids, var = _poisson_table(round(mean * PIT_GRID))
    k = max(0, round(count))
    return (mids[k] if k < len(mids) else 1.0), var
