"""Which cluster a document joins: the argmax of the Dirichlet-multinomial mixture's posterior.

A document joins the existing cluster ``z`` with the highest posterior (Yin et al., KDD 2018)::

    p(z | d) ∝ m_z · Π_w Π_j (n_zw + β + j) / Π_i (n_z + Vβ + i)

or a new cluster with weight ``α·D`` (``D`` documents live, ``V`` words live). Only clusters sharing a
word with the document are scored, through the inverted index (:mod:`~newsroom.analysis.topic_index`),
so the cost of one document does not grow with the number of clusters: its log posterior for every
candidate is one ``bincount`` over its words' postings plus a few vector operations over the live
clusters, so a long document with frequent words (hundreds of posting entries) costs about as much as a
short one. A document already counted can be scored as if it had been taken out (``own``), which makes
a reassignment sweep touch the counts only for the documents that move. No I/O; the counts are the
model's (:class:`~newsroom.analysis.topic_model.DMMStream`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple, cast

import numpy as np

from newsroom.analysis.topic_index import Posting

if TYPE_CHECKING:
    from newsroom.analysis.topic_model import Cluster, DMMStream, Items

_LGAMMA = math.lgamma
#: Up to this length the cluster's normaliser uses (n + Vβ + (L-1)/2)^L; longer documents use lgamma.
_APPROX_MAX = 40


def best(model: DMMStream, items: Items, length: int, *, own: int | None = None,
         weight: float = 0.0) -> int | None:
    """The cluster with the highest posterior for the document, or None when a new one wins.

    ``own``/``weight``: the document is already counted (stored ``weight``) in cluster ``own``; it is
    scored as if it had been removed first (a Gibbs reassignment step without touching the counts).
    """
    acc = _word_scores(model, items, length)
    if acc is None:
        return None
    u = model._unit
    own_cl = model.clusters.get(own) if own is not None else None
    if own_cl is None:
        mine = None
        docs_total = model.docs_total
        vocabulary = len(model._post)
    else:
        acc[own_cl.slot] = 0.0                  # the own cluster is scored apart (_own_wins)
        mine = _without_document(model, items, length, own_cl, weight)
        docs_total = model.docs_total - weight
        vocabulary = mine.vocabulary
    vb = (max(vocabulary, model.min_vocabulary) + 1) * model.beta
    new_score = (math.log(model.alpha * max(docs_total * u, 1.0))
                 - (_LGAMMA(vb + length) - _LGAMMA(vb)))
    log_u = math.log(u)
    if length <= _APPROX_MAX:
        best_z, new_score = _best_short(model, acc, length, vb, log_u, new_score)
    else:
        best_z, new_score = _best_long(model, acc, length, vb, log_u, new_score)
    if mine is not None and _own_wins(mine, length, weight, u, vb, log_u, new_score):
        best_z = mine.cluster.id
    return best_z


def _word_scores(model: DMMStream, items: Items, length: int) -> np.ndarray | None:
    """Per cluster slot, the log of the document's words' factor Π_w Π_j (1 + n_zw / (β + j)) over the
    clusters holding one of its words (0 elsewhere); None when no cluster holds any of them."""
    beta = model.beta
    u = model._unit
    get = model._post.get
    raw = [get(w) for w, _ in items]
    found = [p for p in raw if p is not None] if None in raw else cast(list[Posting], raw)
    if not found:
        return None
    parts = [p.data for p in found]
    if length == len(items):
        joined = parts[0] if len(parts) == 1 else np.concatenate(parts, axis=1)
        weights = np.log1p(joined[1] * (u / beta))
    else:                            # repeated words: Π_j (n + β + j) / (β + j) = Π_j (1 + n / (β + j))
        scale = [u / beta] * len(parts)
        for w, c in items:
            if c > 1 and (q := get(w)) is not None:
                for j in range(1, c):
                    parts.append(q.data)
                    scale.append(u / (beta + j))
        joined = np.concatenate(parts, axis=1)
        # the scales as an array first: np.repeat on a list goes through numpy's _wrapit (~10 µs)
        weights = np.log1p(joined[1] * np.array(scale).repeat([x.shape[1] for x in parts]))
    return np.bincount(joined[0].astype(np.intp), weights=weights, minlength=model._nslots)


class _OwnCluster(NamedTuple):
    """The document's own cluster as if the document had been taken out of it."""

    cluster: Cluster
    #: its documents without this one
    docs: float
    #: nothing (or rounding dust) is left of it without this one
    alone: bool
    #: the log of the document's words' factor in it, without this one's own counts
    word_factor: float
    #: the live vocabulary without the document (words only it held leave)
    vocabulary: int


def _without_document(model: DMMStream, items: Items, length: int, own_cl: Cluster,
                      weight: float) -> _OwnCluster:
    """``own_cl`` without the document (counted there with ``weight``): its documents, its word factor
    for the document, and the vocabulary the model would have left."""
    beta = model.beta
    u = model._unit
    vocabulary = len(model._post)
    floor = weight * 1e-9
    own_docs = own_cl.docs - weight
    own_get = own_cl.words.get
    k = u / beta
    log1p = math.log1p
    rest = [own_get(w, 0.0) - weight * c for w, c in items]
    own_acc = sum([log1p(r * k) for r in rest if r > floor])
    if length != len(items):
        for (_, c), r in zip(items, rest, strict=True):
            for j in range(1, c if r > floor else 0):
                own_acc += log1p(r * u / (beta + j))
    if min(rest) <= floor:
        post = model._post
        for w in [w for (w, _), r in zip(items, rest, strict=True) if r <= floor]:
            # a word would leave the vocabulary with the document
            if own_get(w, 0.0) > 0.0 and w in post and post[w].holders() <= 1:
                vocabulary -= 1
    return _OwnCluster(own_cl, own_docs, own_docs <= floor, own_acc, vocabulary)


def _best_short(model: DMMStream, acc: np.ndarray, length: int, vb: float, log_u: float,
                new_score: float) -> tuple[int | None, float]:
    """The best cluster sharing a word with a short document and its score, when it beats ``new_score``
    (else None and ``new_score``): the normaliser Π_i (n + Vβ + i) ≈ (n + Vβ + (L-1)/2)^L (relative
    error O(L³/n²); Vβ ≫ L in practice)."""
    ns = model._nslots
    score = acc - length * np.log(model._slot_words[:ns] * model._unit + (vb + (length - 1) / 2))
    score += model._slot_logdocs[:ns]
    score[acc == 0.0] = -np.inf        # clusters sharing no word with the document
    k = int(score.argmax())
    top = float(score[k]) + log_u
    if top > new_score:
        return int(model._slot_id[k]), top
    return None, new_score


def _best_long(model: DMMStream, acc: np.ndarray, length: int, vb: float, log_u: float,
               new_score: float) -> tuple[int | None, float]:
    """As :func:`_best_short` for a long document: the normaliser exactly, with lgamma."""
    cand = np.flatnonzero(acc)
    if len(cand):
        n = model._slot_words[cand] * model._unit + vb
        norm = np.array([_LGAMMA(x + length) - _LGAMMA(x) for x in n.tolist()])
        score = model._slot_logdocs[cand] + acc[cand] - norm
        k = int(np.argmax(score))
        if float(score[k]) + log_u > new_score:
            return int(model._slot_id[cand[k]]), float(score[k]) + log_u
    return None, new_score


def _own_wins(mine: _OwnCluster, length: int, weight: float, u: float, vb: float, log_u: float,
              best_score: float) -> bool:
    """Whether the document's own cluster (without it) scores at least ``best_score``."""
    if mine.alone or mine.word_factor <= 0.0:
        return False
    n_own = (mine.cluster.words_total - weight * length) * u + vb
    norm_own = (length * math.log(n_own + (length - 1) / 2) if length <= _APPROX_MAX
                else _LGAMMA(n_own + length) - _LGAMMA(n_own))
    return math.log(mine.docs) + log_u + mine.word_factor - norm_own >= best_score
