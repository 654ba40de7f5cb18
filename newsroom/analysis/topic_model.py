"""Streaming Dirichlet-multinomial mixture (MStream-style) over bags of words: the maths of topics.

A document joins the existing cluster ``z`` with the highest posterior (Yin et al., KDD 2018)::

    p(z | d) ∝ m_z · Π_w Π_j (n_zw + β + j) / Π_i (n_z + Vβ + i)

or a new cluster with weight ``α·D`` (``D`` documents live, ``V`` words live). Only clusters sharing a
word with the document are scored (an inverted index word → cluster counts), so the cost of one
document does not grow with the number of clusters. Counts decay exponentially with stream time
through one global scale factor (O(1) per document): stale clusters weigh less and fade.

Pure Python, no I/O; :mod:`newsroom.analysis.topics` adds ids, labels, retirement and merges.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: A document as the model sees it: (word, count) pairs and the total number of words.
Items = Sequence[tuple[str, int]]

_LOG = math.log
_LGAMMA = math.lgamma
#: Rebase the decay scale once stored weights grow by e**_REBASE (keeps floats well conditioned).
_REBASE = 40.0
#: Longer documents are scored in log space (the linear products could overflow).
_LINEAR_MAX = 40


@dataclass(slots=True)
class Cluster:
    """Sufficient statistics of one cluster, in stored (undecayed) units."""

    id: int
    docs: float = 0.0
    words_total: float = 0.0
    words: dict[str, float] = field(default_factory=dict)
    #: sum of squared word counts (for cosine similarity), kept up to date incrementally
    square: float = 0.0


def bag(words: Iterable[str]) -> tuple[list[tuple[str, int]], int]:
    """(word, count) pairs in first-seen order and the number of words."""
    counts: dict[str, int] = {}
    n = 0
    for w in words:
        counts[w] = counts.get(w, 0) + 1
        n += 1
    return list(counts.items()), n


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
        #: word -> {cluster id: stored count}; a word is listed while some live cluster holds it.
        self.index: dict[str, dict[int, float]] = {}
        self.docs_total = 0.0          # stored units
        self._next_id = 1
        self._rate = math.log(2) / half_life_s if half_life_s else 0.0
        self._t_ref: float | None = None
        self._now: float | None = None
        self._unit = 1.0               # actual = stored * _unit

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
        self.index = {}
        for c in self.clusters.values():
            for w, v in c.words.items():
                self.index.setdefault(w, {})[c.id] = v
        self.docs_total *= f
        assert self._now is not None
        self._t_ref = self._now
        self._unit = 1.0

    # --------------------------------------------------------------- scoring
    def best(self, items: Items, length: int) -> int | None:
        """The cluster with the highest posterior for the document, or None when a new one wins."""
        if length > _LINEAR_MAX:
            return self._best_log(items, length)
        beta = self.beta
        u = self._unit
        ub = u / beta
        index = self.index
        # acc[z] = Π_w Π_j (n_zw + β + j) / (β + j): the posterior ratio of the words the cluster holds
        acc: dict[int, float] = {}
        get = acc.get
        for w, c in items:
            post = index.get(w)
            if not post:
                continue
            if c == 1:
                for z, s in post.items():
                    acc[z] = get(z, 1.0) * (1.0 + s * ub)
            else:
                for z, s in post.items():
                    n = s * u
                    f = 1.0
                    for j in range(c):
                        f *= (n + beta + j) / (beta + j)
                    acc[z] = get(z, 1.0) * f
        vb = (max(len(index), self.min_vocabulary) + 1) * beta
        half = (length - 1) / 2
        # Π_i (n + Vβ + i) ≈ (n + Vβ + (L-1)/2)^L (relative error O(L³/n²); Vβ ≫ L in practice)
        best_z: int | None = None
        best_value = self.alpha * max(self.docs_total * u, 1.0) * math.exp(
            _LGAMMA(vb) - _LGAMMA(vb + length))
        clusters = self.clusters
        neg = -length
        for z, ratio in acc.items():
            cl = clusters[z]
            value = ratio * cl.docs * u * (cl.words_total * u + vb + half) ** neg
            if value > best_value:
                best_z, best_value = z, value
        return best_z

    def _best_log(self, items: Items, length: int) -> int | None:
        """:meth:`best` in log space, for long documents (no overflow)."""
        beta = self.beta
        u = self._unit
        index = self.index
        log = _LOG
        acc: dict[int, float] = {}
        get = acc.get
        for w, c in items:
            post = index.get(w)
            if not post:
                continue
            base = _LGAMMA(beta + c) - _LGAMMA(beta)
            for z, s in post.items():
                n = s * u + beta
                acc[z] = get(z, 0.0) + _LGAMMA(n + c) - _LGAMMA(n) - base
        vb = (max(len(index), self.min_vocabulary) + 1) * beta
        best_z: int | None = None
        best_score = log(self.alpha * max(self.docs_total * u, 1.0)) - (_LGAMMA(vb + length) - _LGAMMA(vb))
        clusters = self.clusters
        for z, bonus in acc.items():
            cl = clusters[z]
            n = cl.words_total * u + vb
            score = log(cl.docs * u) + bonus - (_LGAMMA(n + length) - _LGAMMA(n))
            if score > best_score:
                best_z, best_score = z, score
        return best_z

    # -------------------------------------------------------------- updating
    def new_cluster(self, cid: int | None = None) -> int:
        """An empty cluster (a fresh id unless ``cid`` is given and free); returns its id."""
        if cid is None or cid in self.clusters:
            cid = self._next_id
        self._next_id = max(self._next_id, cid + 1)
        self.clusters[cid] = Cluster(cid)
        return cid

    def add(self, cid: int, items: Items, length: int, weight: float) -> None:
        """Count a document (stored ``weight``) in cluster ``cid``."""
        cl = self.clusters[cid]
        cl.docs += weight
        cl.words_total += weight * length
        self.docs_total += weight
        words = cl.words
        index = self.index
        square = cl.square
        for w, c in items:
            old = words.get(w, 0.0)
            v = old + weight * c
            square += v * v - old * old
            words[w] = v
            post = index.get(w)
            if post is None:
                index[w] = {cid: v}
            else:
                post[cid] = v
        cl.square = square

    def remove(self, cid: int, items: Items, length: int, weight: float) -> bool:
        """Uncount a document; drops the cluster when it is empty and returns True then."""
        cl = self.clusters[cid]
        cl.docs -= weight
        cl.words_total -= weight * length
        self.docs_total -= weight
        floor = weight * 1e-9
        words = cl.words
        square = cl.square
        for w, c in items:
            old = words.get(w, 0.0)
            v = old - weight * c
            square -= old * old
            post = self.index.get(w)
            if v > floor:
                square += v * v
                words[w] = v
                if post is not None:
                    post[cid] = v
            else:
                words.pop(w, None)
                if post is not None:
                    post.pop(cid, None)
                    if not post:
                        del self.index[w]
        cl.square = max(square, 0.0)
        if cl.docs <= floor:
            self.drop(cid)
            return True
        return False

    def drop(self, cid: int) -> Cluster | None:
        """Forget a cluster (retired, evicted or empty)."""
        cl = self.clusters.pop(cid, None)
        if cl is None:
            return None
        self.docs_total = max(self.docs_total - cl.docs, 0.0)
        for w in cl.words:
            post = self.index.get(w)
            if post is not None:
                post.pop(cid, None)
                if not post:
                    del self.index[w]
        return cl

    def merge(self, src: int, dst: int) -> None:
        """Add cluster ``src``'s counts to ``dst`` and drop ``src``."""
        a = self.drop(src)
        if a is None:
            return
        b = self.clusters[dst]
        b.docs += a.docs
        b.words_total += a.words_total
        self.docs_total += a.docs
        for w, v in a.words.items():
            old = b.words.get(w, 0.0)
            nv = old + v
            b.square += nv * nv - old * old
            b.words[w] = nv
            self.index.setdefault(w, {})[dst] = nv

    def prune(self, cid: int, keep: int) -> None:
        """Keep only the ``keep`` biggest word counts of a cluster (bounded memory); totals stay."""
        cl = self.clusters[cid]
        if len(cl.words) <= keep:
            return
        ranked = sorted(cl.words.items(), key=lambda kv: -kv[1])
        for w, _ in ranked[keep:]:
            post = self.index.get(w)
            if post is not None:
                post.pop(cid, None)
                if not post:
                    del self.index[w]
        cl.words = dict(ranked[:keep])
        cl.square = sum(v * v for v in cl.words.values())

    def cosine(self, a: int, b: int) -> float:
        """Cosine similarity of two clusters' word counts."""
        ca, cb = self.clusters[a], self.clusters[b]
        wa, wb = ca.words, cb.words
        if len(wa) > len(wb):
            wa, wb = wb, wa
        get = wb.get
        dot = 0.0
        for w, v in wa.items():
            dot += v * get(w, 0.0)
        if dot <= 0 or ca.square <= 0 or cb.square <= 0:
            return 0.0
        return min(dot / math.sqrt(ca.square * cb.square), 1.0)
