"""How alike two of the topic model's clusters are: the cosine of their word counts, and the most
similar live cluster to one (through the inverted index, :mod:`~newsroom.analysis.topic_index`).

Read-only: the counts are the model's (:class:`~newsroom.analysis.topic_model.DMMStream`). No I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np

from newsroom.analysis.topic_index import shared_counts

if TYPE_CHECKING:
    from newsroom.analysis.topic_model import Cluster, DMMStream


def cosine(model: DMMStream, a: int, b: int) -> float:
    """Cosine similarity of two clusters' word counts."""
    ca, cb = model.clusters[a], model.clusters[b]
    wa, wb = ca.words, cb.words
    if len(wa) > len(wb):
        wa, wb = wb, wa
    get = wb.get
    dot = 0.0
    for w, v in wa.items():
        dot += v * get(w, 0.0)
    if dot <= 0 or ca.square <= 0 or cb.square <= 0:
        return 0.0
    norms = ca.square * cb.square
    if norms <= 0.0:                  # both counts faded far (posts weeks older): the product underflows
        return min(dot / (math.sqrt(ca.square) * math.sqrt(cb.square)), 1.0)
    return min(dot / math.sqrt(norms), 1.0)


def similar(model: DMMStream, cid: int, threshold: float, *, top: int = 8, need: int = 2,
            accept: Callable[[int], bool] | None = None) -> tuple[int, float] | None:
    """The live cluster most similar to ``cid`` (cosine ≥ ``threshold``, ``accept``-ed), or None.

    Candidates share at least ``need`` of ``cid``'s ``top`` words; a Cauchy-Schwarz bound on the
    cosine from those words alone skips most candidates before the full comparison.
    """
    cl = model.clusters[cid]
    if cl.square <= 0:
        return None
    cand = _candidates(model, cl, _top_words(cl.words, top), threshold, need)
    if cand is None:
        return None
    if accept is not None:
        cand = np.array([c for c in cand.tolist() if accept(int(model._slot_id[c]))], dtype=np.intp)
    if not len(cand):
        return None
    sims = _cosines(model, cid, cand)
    k = int(np.argmax(sims))
    if sims[k] < threshold:
        return None
    return int(model._slot_id[cand[k]]), float(sims[k])


def _top_words(words: dict[str, float], top: int) -> list[tuple[str, float]]:
    """The ``top`` words with the highest counts, highest first."""
    if len(words) > 4 * top:
        values = np.fromiter(words.values(), dtype=np.float64, count=len(words))
        keys = list(words)
        picked = np.argpartition(values, len(words) - top)[-top:].tolist()
        return sorted(((keys[i], float(values[i])) for i in picked), key=itemgetter(1), reverse=True)
    return sorted(words.items(), key=itemgetter(1), reverse=True)[:top]   # as heapq.nlargest, faster


def _candidates(model: DMMStream, cl: Cluster, ranked: list[tuple[str, float]], threshold: float,
                need: int) -> np.ndarray | None:
    """The slots of the other clusters holding at least ``need`` of the ``ranked`` top words whose
    cosine with ``cl`` can still reach ``threshold``; None when no other cluster holds enough of them."""
    parts: list[np.ndarray] = []
    mine: list[float] = []
    for w, v in ranked:
        p = model._post.get(w)
        if p is not None:
            parts.append(p.data)
            mine.append(v)
    if not parts:
        return None
    joined = np.concatenate(parts, axis=1)
    s, b = joined[0].astype(np.intp), joined[1]
    a = np.repeat(np.array(mine), [x.shape[1] for x in parts])
    n = model._nslots
    shared = np.bincount(s, weights=(b > 0.0).astype(np.float64), minlength=n)
    shared[cl.slot] = 0.0
    square = model._slot_square[:n]
    near = np.flatnonzero((shared >= min(need, len(ranked))) & (square > 0.0))
    if not len(near):                      # no other cluster holds enough of those words
        return None
    dots = np.bincount(s, weights=a * b, minlength=n)[near]
    b_top_sq = np.bincount(s, weights=b * b, minlength=n)[near]
    b_top = np.bincount(s, weights=b, minlength=n)[near]
    square = square[near]
    rest = max(cl.square - sum(v * v for _, v in ranked), 0.0)
    # the rest of the dot product (words outside cid's top ones) is at most both
    # |rest of cid| · |rest of other| (Cauchy-Schwarz) and (smallest top count) · (other's remaining mass)
    rest_dot = np.minimum(np.sqrt(rest * np.maximum(square - b_top_sq, 0.0)),
                          ranked[-1][1] * np.maximum(model._slot_words[near] - b_top, 0.0))
    reach = (dots + rest_dot) >= threshold * np.sqrt(cl.square * square) * (1.0 - 1e-9)
    return near[reach]


def _cosines(model: DMMStream, cid: int, cand: np.ndarray) -> np.ndarray:
    """The exact cosines of ``cid`` with the clusters in slots ``cand``: one by one when few, else all
    dot products in one pass over the index."""
    if len(cand) <= 4:
        return np.array([cosine(model, cid, int(model._slot_id[c])) for c in cand.tolist()])
    cl = model.clusters[cid]
    n = model._nslots
    mask = np.zeros(n, dtype=bool)
    mask[cand] = True
    at, ours, theirs = shared_counts(model._post, cl.words, mask)
    dot = np.bincount(at, weights=ours * theirs, minlength=n)[cand]
    other = model._slot_square[cand]
    norms = cl.square * other             # underflows when both faded far (weeks-old posts)
    sims: np.ndarray = np.minimum(dot / np.where(norms > 0.0, np.sqrt(norms),
                                                np.sqrt(cl.square) * np.sqrt(other)), 1.0)
    return sims
