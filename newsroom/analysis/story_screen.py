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

_NO_WORDS = (np.zeros(0, dtype=np.intp), np.zeros(0))


class CosineScreen:
    """The vectors of story grouping's fragments as numpy rows (word indices and unit-length weights),
    each built when first screened from ``vector_of(id)`` (its vector and length) and kept until
    :meth:`forget`: call it whenever a fragment's vector changes."""

    def __init__(self, vector_of: Callable[[int], tuple[dict[str, float], float]]) -> None:
        self._vector_of = vector_of
        self._rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._vocab: dict[str, int] = {}
        self._dense = np.zeros(1024)

    def forget(self, gid: int) -> None:
        """A fragment's vector changed, or it is gone: its row is built again when next needed."""
        self._rows.pop(gid, None)

    def know(self, vectors: Iterable[dict[str, float]]) -> None:
        """Give every word of these vectors its index at once (a row is then a lookup per word in C)."""
        vocab = self._vocab
        for w in dict.fromkeys(chain.from_iterable(vectors)):
            if w not in vocab:
                vocab[w] = len(vocab)

    def _row(self, gid: int) -> tuple[np.ndarray, np.ndarray]:
        row = self._rows.get(gid)
        if row is None:
            vector, norm = self._vector_of(gid)
            if norm <= 0.0 or not vector:
                row = _NO_WORDS
            else:
                if not self._vocab.keys() >= vector.keys():
                    self.know([vector])
                idx = np.fromiter(map(self._vocab.__getitem__, vector), dtype=np.intp, count=len(vector))
                row = (idx, np.fromiter(vector.values(), dtype=np.float64, count=len(vector)) / norm)
            self._rows[gid] = row
        return row

    def cosines(self, gid: int, others: Sequence[int]) -> list[float]:
        """The cosines of fragment ``gid``'s vector with each of ``others``' (0 for an empty one), to
        within SLACK of the exact ones."""
        idx, weights = self._row(gid)
        rows = [self._row(b) for b in others]
        if not len(idx) or not rows:
            return [0.0] * len(others)
        if len(self._dense) < len(self._vocab):
            self._dense = np.zeros(2 * len(self._vocab))
        dense = self._dense
        dense[idx] = weights
        lengths = [len(i) for i, _ in rows]
        at = np.concatenate([i for i, _ in rows])
        theirs = np.concatenate([w for _, w in rows])
        owner = np.repeat(np.arange(len(rows)), lengths)
        dots = np.bincount(owner, weights=dense[at] * theirs, minlength=len(rows))
        dense[idx] = 0.0
        out: list[float] = dots.tolist()
        return out
