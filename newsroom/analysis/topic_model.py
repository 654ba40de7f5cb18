"""Streaming Dirichlet-multinomial mixture (MStream-style) over bags of words: the model's counts.

Each cluster's sufficient statistics (documents, words, each word's count), kept in stored units and
mirrored in per-slot numpy arrays and an inverted index word → cluster counts
(:mod:`~newsroom.analysis.topic_index`): a document counted in or out, clusters made, renamed, merged,
pruned and dropped. Counts decay exponentially with stream time through one global scale factor (O(1)
per document): stale clusters weigh less and fade.

The maths over these counts lives beside it: which cluster a document joins
(:mod:`~newsroom.analysis.topic_posterior`), how alike two clusters are
(:mod:`~newsroom.analysis.topic_similarity`) and what merging two would gain
(:mod:`~newsroom.analysis.topic_merge_gain`); :class:`DMMStream` is their one interface.

No I/O; :mod:`newsroom.analysis.topics` adds ids, labels, retirement and merges.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsroom.analysis import topic_merge_gain, topic_posterior, topic_similarity
from newsroom.analysis.topic_index import Posting, set_count

#: A document as the model sees it: (word, count) pairs and the total number of words.
Items = Sequence[tuple[str, int]]

#: Rebase the decay scale once stored weights grow by e**_REBASE (keeps floats well conditioned).
_REBASE = 40.0


@dataclass(slots=True)
class Cluster:
    """Sufficient statistics of one cluster, in stored (undecayed) units."""

    id: int
    #: position in the model's per-cluster arrays (reused after the cluster dies)
    slot: int = 0
    docs: float = 0.0
    words_total: float = 0.0
    words: dict[str, float] = field(default_factory=dict)
    #: sum of squared word counts (for cosine similarity), kept up to date incrementally
    square: float = 0.0
    #: documents counted, each as one whatever its decay weight (the evidence a merge weighs)
    count: int = 0


def bag(words: Iterable[str]) -> tuple[list[tuple[str, int]], int]:
    """(word, count) pairs in first-seen order and the number of words."""
    counts = Counter(words)
    return list(counts.items()), counts.total()


class DMMStream:
    """Clusters and their counts; chooses the cluster of a document (argmax of the DMM posterior)."""

    def __init__(self, *, alpha: float = 0.03, beta: float = 0.03, half_life_s: float | None = None,
                 min_vocabulary: int = 0) -> None:
        if alpha <= 0 or beta <= 0:
            raise ValueError("alpha and beta must be positive")
        self.alpha = alpha
        self.beta = beta
        #: V is at least this: a young stream has seen few words, but its language has many.
        self.min_vocabulary = min_vocabulary
        self.half_life_s = half_life_s
        self.clusters: dict[int, Cluster] = {}
        self.docs_total = 0.0          # stored units
        self.count_total = 0           # documents, each as one
        self._next_id = 1
        self._rate = math.log(2) / half_life_s if half_life_s else 0.0
        self._t_ref: float | None = None
        self._now: float | None = None
        self._unit = 1.0               # actual = stored * _unit
        # numpy side: word -> posting over slots; per-slot documents and words (stored units)
        self._post: dict[str, Posting] = {}
        self._free: list[int] = []
        self._nslots = 0
        self._slot_docs = np.zeros(16, dtype=np.float64)
        self._slot_words = np.zeros(16, dtype=np.float64)
        self._slot_id = np.zeros(16, dtype=np.int64)
        self._slot_square = np.zeros(16, dtype=np.float64)
        self._slot_logdocs = np.full(16, -np.inf)
        self._slot_count = np.zeros(16, dtype=np.float64)

    # ------------------------------------------------------------------ time
    @property
    def now(self) -> float | None:
        """Stream time (seconds): the latest time seen."""
        return self._now

    def advance(self, t: float) -> None:
        """Move stream time forward to ``t`` (never backwards)."""
        if self._t_ref is None:
            self._t_ref = t
        if self._now is not None and t <= self._now:
            return
        self._now = t
        if not self._rate:
            return
        exponent = self._rate * (t - self._t_ref)
        if exponent > _REBASE:
            self._rebase(exponent)
            exponent = 0.0
        self._unit = math.exp(-exponent)

    def weight_at(self, t: float) -> float:
        """Stored weight of one document published at ``t`` (1.0 at the reference time)."""
        if not self._rate or self._t_ref is None:
            return 1.0
        return math.exp(min(self._rate * (t - self._t_ref), _REBASE + 30.0))

    @property
    def unit(self) -> float:
        """Multiply stored counts by this to get decayed counts at stream time."""
        return self._unit

    def _rebase(self, exponent: float) -> None:
        """Fold the decay into the stored counts (rare) and drop counts that faded to nothing."""
        f = math.exp(-exponent)
        tiny = 1e-6
        for c in self.clusters.values():
            c.docs *= f
            c.words_total *= f
            c.words = {w: v * f for w, v in c.words.items() if v * f > tiny}
            c.square = sum(v * v for v in c.words.values())
        self.docs_total *= f
        assert self._now is not None
        self._t_ref = self._now
        self._unit = 1.0
        self._reindex()

    def _reindex(self) -> None:
        """Rebuild the index and the per-slot arrays from the clusters."""
        self._post = {}
        for c in self.clusters.values():
            self._set_docs(c.slot, c.docs)
            self._slot_words[c.slot] = c.words_total
            self._slot_square[c.slot] = c.square
            self._slot_count[c.slot] = c.count
            for w, v in c.words.items():
                set_count(self._post, w, c.slot, v, False)

    def _set_docs(self, slot: int, docs: float) -> None:
        self._slot_docs[slot] = docs
        self._slot_logdocs[slot] = math.log(docs) if docs > 0.0 else -math.inf

    def _new_slot(self, cid: int) -> int:
        if self._free:
            slot = self._free.pop()
        else:
            slot = self._nslots
            self._nslots += 1
            if slot == len(self._slot_docs):
                grow = len(self._slot_docs)
                self._slot_docs = np.concatenate((self._slot_docs, np.zeros(grow)))
                self._slot_words = np.concatenate((self._slot_words, np.zeros(grow)))
                self._slot_id = np.concatenate((self._slot_id, np.zeros(grow, dtype=np.int64)))
                self._slot_square = np.concatenate((self._slot_square, np.zeros(grow)))
                self._slot_logdocs = np.concatenate((self._slot_logdocs, np.full(grow, -np.inf)))
                self._slot_count = np.concatenate((self._slot_count, np.zeros(grow)))
        self._set_docs(slot, 0.0)
        self._slot_words[slot] = 0.0
        self._slot_square[slot] = 0.0
        self._slot_count[slot] = 0.0
        self._slot_id[slot] = cid
        return slot

    @property
    def vocabulary(self) -> int:
        """Words held by some live cluster."""
        return len(self._post)

    def holding(self, word: str) -> dict[int, float]:
        """{cluster id: stored count} of the clusters holding ``word`` (from the index)."""
        p = self._post.get(word)
        if p is None:
            return {}
        return {int(self._slot_id[int(s)]): float(c)
                for s, c in zip(p.slots[:p.n].tolist(), p.counts[:p.n].tolist(), strict=True) if c > 0.0}

    # --------------------------------------------------------------- scoring
    def vb(self) -> float:
        """Vβ with V the live vocabulary (at least ``min_vocabulary``) plus one unseen word."""
        return (max(len(self._post), self.min_vocabulary) + 1) * self.beta

    def best(self, items: Items, length: int, *, own: int | None = None, weight: float = 0.0) -> int | None:
        """The cluster with the highest posterior for the document, or None when a new one wins
        (:func:`topic_posterior.best`; ``own``/``weight``: the document is already counted, stored
        ``weight``, in cluster ``own`` and is scored as if it had been removed first)."""
        return topic_posterior.best(self, items, length, own=own, weight=weight)

    # -------------------------------------------------------------- updating
    def new_cluster(self, cid: int | None = None) -> int:
        """An empty cluster (a fresh id unless ``cid`` is given and free); returns its id."""
        if cid is None or cid in self.clusters:
            cid = self._next_id
        self._next_id = max(self._next_id, cid + 1)
        self.clusters[cid] = Cluster(cid, self._new_slot(cid))
        return cid

    def rename(self, mapping: dict[int, int]) -> None:
        """Give clusters new ids (``old -> new``; ids not named keep theirs). The new ids must not clash
        with each other or with a cluster that keeps its id."""
        if not mapping:
            return
        renamed = {mapping.get(cid, cid): cl for cid, cl in self.clusters.items()}
        if len(renamed) != len(self.clusters):
            raise ValueError("renaming would give two clusters one id")
        for cid, cl in renamed.items():
            cl.id = cid
            self._slot_id[cl.slot] = cid
        self.clusters = renamed
        self._next_id = max(self._next_id, max(renamed, default=0) + 1)

    def add(self, cid: int, items: Items, length: int, weight: float) -> None:
        """Count a document (stored ``weight``) in cluster ``cid``."""
        cl = self.clusters[cid]
        cl.docs += weight
        cl.words_total += weight * length
        cl.count += 1
        slot = cl.slot
        self._set_docs(slot, cl.docs)
        self._slot_words[slot] = cl.words_total
        self._slot_count[slot] = cl.count
        self.docs_total += weight
        self.count_total += 1
        words = cl.words
        square = cl.square
        postings = self._post
        for w, c in items:
            old = words.get(w, 0.0)
            v = old + weight * c
            square += v * v - old * old
            words[w] = v
            p = postings.get(w)
            if p is None:
                p = postings[w] = Posting()
            i = p.pos.get(slot)
            if i is not None:           # the slot has an entry for the word (zeroed if it had lost it)
                p.counts[i] = v
                if old <= 0.0:
                    p.zeros -= 1
                continue
            i = p.n                     # a new entry (what set_count does, without looking up twice)
            if i == len(p.slots):
                p.grow((i >> 2) + 2)
            p.pos[slot] = i
            p.slots[i] = slot
            p.counts[i] = v
            p.n = i + 1
        cl.square = square
        self._slot_square[slot] = square

    def remove(self, cid: int, items: Items, length: int, weight: float) -> bool:
        """Uncount a document; drops the cluster when it is empty and returns True then."""
        cl = self.clusters[cid]
        cl.docs -= weight
        cl.words_total -= weight * length
        cl.count -= 1
        slot = cl.slot
        self._set_docs(slot, cl.docs)
        self._slot_words[slot] = cl.words_total
        self._slot_count[slot] = cl.count
        self.docs_total -= weight
        self.count_total -= 1
        floor = weight * 1e-9
        words = cl.words
        square = cl.square
        postings = self._post
        put = set_count
        for w, c in items:
            old = words.get(w, 0.0)
            v = old - weight * c
            square -= old * old
            if v > floor:
                square += v * v
                words[w] = v
                put(postings, w, slot, v, True)
            else:
                words.pop(w, None)
                put(postings, w, slot, 0.0, old > 0.0)
        cl.square = max(square, 0.0)
        self._slot_square[slot] = cl.square
        if cl.docs <= floor:
            self.drop(cid)
            return True
        return False

    def _unindex(self, cl: Cluster, words: Iterable[str]) -> None:
        postings = self._post
        slot = cl.slot
        for w in words:
            set_count(postings, w, slot, 0.0, True)

    def drop(self, cid: int) -> Cluster | None:
        """Forget a cluster (retired, evicted or empty)."""
        cl = self.clusters.pop(cid, None)
        if cl is None:
            return None
        self.docs_total = max(self.docs_total - cl.docs, 0.0)
        self.count_total -= cl.count
        self._unindex(cl, cl.words)
        self._set_docs(cl.slot, 0.0)
        self._slot_count[cl.slot] = 0.0
        self._slot_words[cl.slot] = 0.0
        self._slot_square[cl.slot] = 0.0
        self._free.append(cl.slot)
        return cl

    def merge(self, src: int, dst: int) -> None:
        """Add cluster ``src``'s counts to ``dst`` and drop ``src``."""
        a = self.drop(src)
        if a is None:
            return
        b = self.clusters[dst]
        b.docs += a.docs
        b.words_total += a.words_total
        b.count += a.count
        self._set_docs(b.slot, b.docs)
        self._slot_words[b.slot] = b.words_total
        self._slot_count[b.slot] = b.count
        self.docs_total += a.docs
        self.count_total += a.count
        for w, v in a.words.items():
            old = b.words.get(w, 0.0)
            nv = old + v
            b.square += nv * nv - old * old
            b.words[w] = nv
            set_count(self._post, w, b.slot, nv, old > 0.0)
        self._slot_square[b.slot] = b.square

    def prune(self, cid: int, keep: int) -> None:
        """Keep only the ``keep`` biggest word counts of a cluster (bounded memory); totals stay."""
        cl = self.clusters[cid]
        if len(cl.words) <= keep:
            return
        ranked = sorted(cl.words.items(), key=lambda kv: -kv[1])
        self._unindex(cl, [w for w, _ in ranked[keep:]])
        cl.words = dict(ranked[:keep])
        cl.square = sum(v * v for v in cl.words.values())
        self._slot_square[cl.slot] = cl.square

    def cosine(self, a: int, b: int) -> float:
        """Cosine similarity of two clusters' word counts (:func:`topic_similarity.cosine`)."""
        return topic_similarity.cosine(self, a, b)

    def merge_gain(self, a: int, b: int) -> float:
        """Change of the model's log joint probability if clusters ``a`` and ``b`` became one, every
        document counted once (:func:`topic_merge_gain.merge_gain`); positive: one explains them better."""
        return topic_merge_gain.merge_gain(self, a, b)

    def neighbour_gains(self, cid: int, top: int = 5) -> list[tuple[int, float]]:
        """(cluster id, :meth:`merge_gain`) for every live cluster holding one of ``cid``'s ``top`` most
        frequent words (:func:`topic_merge_gain.neighbour_gains`)."""
        return topic_merge_gain.neighbour_gains(self, cid, top)

    def similar(self, cid: int, threshold: float, *, top: int = 8, need: int = 2,
                accept: Callable[[int], bool] | None = None) -> tuple[int, float] | None:
        """The live cluster most similar to ``cid`` (cosine ≥ ``threshold``, ``accept``-ed), or None;
        candidates share at least ``need`` of ``cid``'s ``top`` words (:func:`topic_similarity.similar`)."""
        return topic_similarity.similar(self, cid, threshold, top=top, need=need, accept=accept)
