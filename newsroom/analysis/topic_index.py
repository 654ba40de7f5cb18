"""The topic model's inverted index: one numpy posting per word (the clusters holding it, by slot).

A posting holds cluster slots and stored counts, updated in place, so that scoring a document
(:mod:`~newsroom.analysis.topic_posterior`) and comparing clusters
(:mod:`~newsroom.analysis.topic_similarity`, :mod:`~newsroom.analysis.topic_merge_gain`) are a few
numpy operations over the postings of the words involved. No I/O, no model state of its own: the
postings live in :class:`~newsroom.analysis.topic_model.DMMStream`.
"""

from __future__ import annotations

import numpy as np


class Posting:
    """One word's numpy posting: cluster slots and stored counts, updated in place.

    One 2 × capacity array (``data``): row 0 the slots (as floats: exact far beyond any slot count),
    row 1 the counts, so a document's postings are joined with one ``concatenate``; ``slots`` and
    ``counts`` are views of the rows. Entries of clusters that lost the word are zeroed (not removed)
    and compacted once they are a third of the posting; unused capacity holds slot 0 with count 0, so
    whole arrays can be summed as they are.
    """

    __slots__ = ("counts", "data", "n", "pos", "slots", "zeros")

    def __init__(self, capacity: int = 4) -> None:
        self.pos: dict[int, int] = {}
        self._use(np.zeros((2, capacity), dtype=np.float64))
        self.n = 0
        self.zeros = 0

    def _use(self, data: np.ndarray) -> None:
        self.data = data
        self.slots = data[0]
        self.counts = data[1]

    def grow(self, extra: int) -> None:
        """Add ``extra`` entries of capacity."""
        self._use(np.concatenate((self.data, np.zeros((2, extra), dtype=np.float64)), axis=1))

    def held(self) -> np.ndarray:
        """Slots (integers) of the clusters holding the word."""
        n = self.n
        held: np.ndarray = self.slots[:n][self.counts[:n] > 0.0].astype(np.intp)
        return held

    def holders(self) -> int:
        """How many clusters hold the word."""
        return self.n - self.zeros

    def compact(self) -> None:
        """Drop the zeroed entries."""
        n = self.n
        kept = self.data[:, :n][:, self.counts[:n] > 0.0]
        size = max(4, kept.shape[1] + (kept.shape[1] >> 2) + 1)
        data = np.zeros((2, size), dtype=np.float64)
        data[:, :kept.shape[1]] = kept
        self._use(data)
        self.pos = {int(s): i for i, s in enumerate(kept[0].tolist())}
        self.n = kept.shape[1]
        self.zeros = 0


def set_count(postings: dict[str, Posting], w: str, slot: int, v: float, had: bool) -> None:
    """Set the count of ``w`` in ``slot`` to ``v`` (0 = gone); ``had``: the slot's cluster held ``w``.
    A posting whose entries are all zero leaves ``postings``."""
    p = postings.get(w)
    if p is None:
        if v <= 0.0:
            return
        p = postings[w] = Posting()
    i = p.pos.get(slot)
    if i is None:
        if v <= 0.0:
            return
        i = p.n
        if i == len(p.slots):
            p.grow((i >> 2) + 2)         # +25 %: little padding for the scorer to sum over
        p.pos[slot] = i
        p.slots[i] = slot
        p.n = i + 1
        p.counts[i] = v
        return
    if v > 0.0:
        p.counts[i] = v
        if not had:
            p.zeros -= 1
        return
    if not had:
        return
    p.counts[i] = 0.0
    p.zeros += 1
    if p.zeros == p.n:
        del postings[w]
    elif p.zeros > 8 and 3 * p.zeros > p.n:
        p.compact()


def shared_counts(postings: dict[str, Posting], words: dict[str, float],
                  mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(slot, count in ``words``, count in the slot's cluster) of every word of a cluster's ``words``
    that a cluster whose slot is set in ``mask`` holds too (stored units)."""
    get = postings.get
    # words only this cluster holds share nothing
    posts = [(p, v) for w, v in words.items() if (p := get(w)) is not None and p.n - p.zeros > 1]
    if not posts:
        empty = np.zeros(0)
        return empty.astype(np.intp), empty, empty
    joined = np.concatenate([p.data[:, :p.n] for p, _ in posts], axis=1)
    slots, theirs = joined[0].astype(np.intp), joined[1]
    mine = np.repeat(np.array([v for _, v in posts]), [p.n for p, _ in posts])
    keep = mask[slots] & (theirs > 0.0)
    return slots[keep], mine[keep], theirs[keep]
