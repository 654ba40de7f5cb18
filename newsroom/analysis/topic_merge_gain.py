"""What merging two of the topic model's clusters would gain: the change of the collapsed
Dirichlet-multinomial mixture's log joint probability, for one pair or for every neighbour of a cluster
at once (over the inverted index, :mod:`~newsroom.analysis.topic_index`).

Read-only: the counts are the model's (:class:`~newsroom.analysis.topic_model.DMMStream`). No I/O.
"""

from __future__ import annotations

import heapq
import math
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np

from newsroom.analysis.topic_index import shared_counts

if TYPE_CHECKING:
    from newsroom.analysis.topic_model import DMMStream

_LGAMMA = math.lgamma
_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)


def log_gamma(x: np.ndarray) -> np.ndarray:
    """log Γ(x) for positive x, elementwise (Stirling series after shifting x by 6; error < 1e-8)."""
    y = x + 6.0
    shift = np.log(x * (x + 1.0) * (x + 2.0) * (x + 3.0) * (x + 4.0) * (x + 5.0))
    r = 1.0 / y
    r2 = r * r
    series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 / 1680)))
    return (y - 0.5) * np.log(y) - y + _HALF_LOG_2PI + series - shift



def merge_gain(model: DMMStream, a: int, b: int) -> float:
    """Change of the model's log joint probability if clusters ``a`` and ``b`` became one.

    Collapsed DMM (Yin & Wang 2014) with a Chinese-restaurant prior of concentration α·D (the weight
    a new cluster gets in :func:`topic_posterior.best`): only the words both clusters hold, the two
    normalisers and the cluster sizes change, so the gain costs one pass over the smaller cluster's words.
    Positive: one cluster explains the documents better than two (a split-merge move would merge).

    The evidence is every document counted once: each cluster's counts are scaled to its number of
    documents. Decay weighs recency when a document picks a cluster; it is no evidence that two
    stories are one (on decayed, fractional counts the marginal likelihood rewards merging faded
    clusters for every word they share).
    """
    ca, cb = model.clusters[a], model.clusters[b]
    fa, fb = ca.count / ca.docs, cb.count / cb.docs
    beta, lg = model.beta, _LGAMMA
    if len(ca.words) > len(cb.words):
        ca, cb, fa, fb = cb, ca, fb, fa
    get = cb.words.get
    lg_beta = lg(beta)
    gain = 0.0
    for w, v in ca.words.items():
        x = get(w)
        if x:
            p, q = v * fa, x * fb
            gain += lg(p + q + beta) - lg(p + beta) - lg(q + beta) + lg_beta
    vb = model.vb()
    na, nb = ca.words_total * fa, cb.words_total * fb
    gain += lg(na + vb) + lg(nb + vb) - lg(na + nb + vb) - lg(vb)
    ma, mb = ca.count, cb.count
    gain += lg(ma + mb) - lg(ma) - lg(mb) - math.log(model.alpha * max(model.count_total, 1))
    return gain


def neighbour_gains(model: DMMStream, cid: int, top: int = 5) -> list[tuple[int, float]]:
    """(cluster id, :func:`merge_gain`) for every live cluster holding one of ``cid``'s ``top`` most
    frequent words, computed together over the index (one numpy pass over ``cid``'s postings)."""
    cl = model.clusters[cid]
    words = cl.words
    n = model._nslots
    mask = np.zeros(n, dtype=bool)
    items = words.items()       # the top ones as heapq.nlargest picks them (one C sort when few)
    ranked = sorted(items, key=itemgetter(1), reverse=True)[:top] if len(items) <= 64 else \
        heapq.nlargest(top, items, key=itemgetter(1))
    for w, _ in ranked:
        p = model._post.get(w)
        if p is not None:
            mask[p.held()] = True
    mask[cl.slot] = False
    cand = np.flatnonzero(mask)
    if not len(cand):
        return []
    beta = model.beta
    # every document counted once (see merge_gain): per-cluster factors from stored units
    live = model._slot_docs[:n] > 0.0
    factor = np.divide(model._slot_count[:n], model._slot_docs[:n], out=np.zeros(n), where=live)
    own = cl.count / cl.docs
    slots, a, b = shared_counts(model._post, cl.words, mask)
    a, b = a * own, b * factor[slots]
    shared = (log_gamma(a + b + beta) - log_gamma(a + beta) - log_gamma(b + beta)) + _LGAMMA(beta)
    vb = model.vb()
    na, nb = cl.words_total * own, model._slot_words[cand] * factor[cand]
    ma, mb = float(cl.count), model._slot_count[cand]
    gain: np.ndarray = (np.bincount(slots, weights=shared, minlength=n)[cand]
                        + (_LGAMMA(na + vb) - _LGAMMA(vb)) + log_gamma(nb + vb) - log_gamma(na + nb + vb)
                        + log_gamma(ma + mb) - log_gamma(mb) - _LGAMMA(ma)
                        - math.log(model.alpha * max(model.count_total, 1)))
    ids = model._slot_id[cand].tolist()
    return list(zip(ids, gain.tolist(), strict=True))
