"""A quick screen before story grouping's exact similarity (:mod:`~newsroom.analysis.story_similarity`):
the cosines of one fragment with many of its neighbours in one numpy pass, so that the pairs whose
words cannot reach the lowest bar are never compared one by one.

The screen only leaves pairs out; every pair it keeps is scored exactly as before. Its cosines are
sums in another order than the exact one (:func:`~newsroom.analysis.story_similarity.cosine`), off by
far less than SLACK, so a pair is left out only when its cosine is below the bar by more than that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import chain

import numpy as np

#: A pair is left out when its screened cosine is this far below the bar (float error is ~1e-15).
SLACK = 1e-9


class CosineScreen:
    """The vectors of story grouping's fragments as rows of one flat store (word indices and
    unit-length weights, each row a range), each built from ``vector_of(id)`` (its vector and length)
    when first screened and kept until :meth:`forget`: call it whenever a fragment's vector changes."""

    def __init__(self, vector_of: Callable[[int], tuple[dict[str, float], float]]) -> None:
        self._vector_of = vector_of
        self._vocab: dict[str, int] = {}
        self._row: dict[int, int] = {}           # fragment id -> its row (none: to be built)
        self._words = np.zeros(0, dtype=np.intp)
        self._weights = np.zeros(0)
        self._start = np.zeros(0, dtype=np.intp)
        self._length = np.zeros(0, dtype=np.intp)
        self._dense = np.zeros(1024)

    def forget(self, gid: int) -> None:
        """A fragment's vector changed, or it is gone: its row is built again when next needed (its old
        one stays in the store, unused)."""
        self._row.pop(gid, None)

    def add(self, ids: Iterable[int]) -> None:
        """Build the rows of these fragments (those without one) at once."""
        ids = list(dict.fromkeys(gid for gid in ids if gid not in self._row))
        if not ids:
            return
        vectors: list[dict[str, float]] = []
        norms: list[float] = []
        for gid in ids:
            vector, norm = self._vector_of(gid)
            vectors.append(vector if norm > 0.0 else {})
            norms.append(norm if norm > 0.0 else 1.0)
        vocab = self._vocab
        for w in dict.fromkeys(chain.from_iterable(vectors)):
            if w not in vocab:
                vocab[w] = len(vocab)
        lengths = np.fromiter(map(len, vectors), dtype=np.intp, count=len(vectors))
        total = int(lengths.sum())
        words = np.fromiter(map(vocab.__getitem__, chain.from_iterable(vectors)), dtype=np.intp, count=total)
        weights = np.fromiter(chain.from_iterable(v.values() for v in vectors), dtype=np.float64, count=total)
        weights /= np.repeat(np.array(norms), lengths)
        first = len(self._length)
        self._start = np.concatenate((self._start, len(self._words) + np.cumsum(lengths) - lengths))
        self._length = np.concatenate((self._length, lengths))
        self._words = np.concatenate((self._words, words))
        self._weights = np.concatenate((self._weights, weights))
        self._row.update(zip(ids, range(first, first + len(ids)), strict=True))
        if len(self._dense) < len(vocab):
            self._dense = np.zeros(2 * len(vocab))

    def cosines(self, gid: int, others: Sequence[int]) -> list[float]:
        """The cosines of fragment ``gid``'s vector with each of ``others``' (0 for an empty one), to
        within SLACK of the exact ones."""
        if not others:
            return []
        try:
            row = self._row[gid]
            rows = np.fromiter(map(self._row.__getitem__, others), dtype=np.intp, count=len(others))
        except KeyError:                          # a fragment not screened before
            self.add(chain((gid,), others))
            row = self._row[gid]
            rows = np.fromiter(map(self._row.__getitem__, others), dtype=np.intp, count=len(others))
        mine = slice(self._start[row], self._start[row] + self._length[row])
        idx, weights = self._words[mine], self._weights[mine]
        lengths = self._length[rows]
        ends = np.cumsum(lengths)
        at = np.arange(ends[-1]) + np.repeat(self._start[rows] - ends + lengths, lengths)
        dense = self._dense
        dense[idx] = weights
        owner = np.repeat(np.arange(len(rows)), lengths)
        dots = np.bincount(owner, weights=dense[self._words[at]] * self._weights[at], minlength=len(rows))
        dense[idx] = 0.0
        out: list[float] = dots.tolist()
        return out
