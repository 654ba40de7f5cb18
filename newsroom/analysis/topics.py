"""Streaming topic clustering: mentions form topics by themselves as they arrive.

Method (see :mod:`newsroom.analysis.topic_model`): an MStream-style Dirichlet-multinomial mixture. Each
mention joins the live topic with the highest posterior or starts a new one (one pass, cost independent
of the number of topics through an inverted index). Words are folded and stemmed in the mention's
language (the keys the clouds group by), so "overstroming" and "overstromingen" are one feature; a post
too short to tell its language is read in the stream's usual one. Counts decay with stream time (stale
topics fade); a topic retires after ``retire_after_s`` of silence; the number of live topics, the words
kept per topic and the ids kept per topic are capped. Two topics whose word distributions converge are
merged as they grow (the bigger, or on a tie the older, id survives; reported by
:meth:`TopicClusterer.drain_merges`), and :meth:`TopicClusterer.consolidate` (every few minutes on the
wall, once after a batch) merges topics that tell one story: pairs whose merge raises the model's
joint probability, then pairs still similar.
The batch command line (:func:`assign_topics`) keeps every document, so it keeps every topic's full word
counts (no pruning) and may add reassignment sweeps after the stream (:meth:`TopicClusterer.refine`:
Gibbs steps against the counts without the document itself).

Labels are readable: the most frequent word pair of the topic when it is frequent enough, otherwise the
two top terms, in the spelling people used most ("wegenwerken Stationsstraat").
"""

from __future__ import annotations

import gc
import heapq
import math
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, pairwise
from operator import itemgetter

from newsroom.analysis.language import detect_language
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.topic_model import DMMStream, bag
from newsroom.analysis.words import STEMMERS, fold, folded_terms, word_key
from newsroom.domain import TermWeight

_SURFACE = re.compile(r"[#@]?\w[\w'-]*", re.UNICODE)
#: Default model parameters, tuned once on the public short-text benchmarks (same for every set).
ALPHA = 0.3
BETA = 0.01
MIN_VOCABULARY = 1000
TOP_TERMS = 12
#: A topic is compared with its neighbours for a merge each time it has grown by this factor.
MERGE_CHECK_GROWTH = 1.25
#: After a batch stream, topics this similar (cosine of word counts) are one story (the stream's own
#: merges wait for 0.7, being unable to undo one).
CONSOLIDATE_SIMILARITY = 0.5
#: The whole-stream pass of a timestamped batch sweeps up to this often, until fewer than SETTLED of
#: the documents move in a sweep.
WHOLE_SWEEPS = 4
SETTLED = 0.005
#: On the wall, words used by more than this share of the recently observed mentions are background,
#: not topic words (no co-occurrence test there: it would cost a pass over the window per word).
BACKGROUND_SHARE = 0.4
#: In a batch (the whole input is known): candidates in more than this share of the documents, from
#: BACKGROUND_MIN_DOCS documents on, are background when spread over this share of the frequent words.
BACKGROUND_SPREAD_SHARE = 0.2
BACKGROUND_MIN_DOCS = 20
BACKGROUND_SPREAD = 0.8
#: On the wall: from this many observed mentions on, over a window of about BACKGROUND_WINDOW.
BACKGROUND_MIN_LIVE = 50
BACKGROUND_WINDOW = 5000
#: Tokens remembered per language with their model key (the cache starts over beyond this).
KEY_CACHE = 50_000


def _key_and_form(tok: str, lang: str | None) -> tuple[str, str, str] | None:
    """(model key, written form, folded form) of a token, or None for stop words, numbers and short words."""
    low = tok.lower()
    bare = low[1:] if low[0] == "#" and len(low) > 1 else low
    if len(bare) <= 2 or bare in STOP_WORDS or bare.isdigit():
        return None
    return word_key(low, lang), tok[1:] if tok[0] == "#" else tok, fold(bare)


@dataclass(frozen=True, slots=True)
class TopicState:
    """A live topic as the clusterer sees it (series come from the store)."""

    id: int
    label: str
    terms: tuple[TermWeight, ...]
    size: int
    negative: int
    first_seen: datetime
    last_seen: datetime
    representative_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Assignment:
    """The final topic of one input document (the ``newsroom topics`` output line)."""

    id: str
    topic: int
    label: str


@dataclass(slots=True)
class _Doc:
    """A mention kept for reassignment sweeps (batch mode only)."""

    id: str
    terms: list[str]
    items: list[tuple[str, int]]
    length: int
    weight: float
    topic: int
    published: datetime
    sentiment: float
    negative: bool


@dataclass(slots=True)
class _Meta:
    """What a topic needs beyond the model counts: ids, times, phrases, sentiment."""

    id: int
    first: datetime
    last: datetime
    size: int = 0
    duplicates: int = 0
    negative: int = 0
    ids: deque[str] = field(default_factory=deque)
    sample: deque[tuple[str, list[tuple[str, int]]]] = field(default_factory=deque)
    bigrams: dict[tuple[str, str], float] = field(default_factory=dict)
    #: background words (left out of the model's counts) with their counts, for clouds and labels
    shown: dict[str, float] = field(default_factory=dict)
    sentiment: dict[str, float] = field(default_factory=dict)
    version: int = 0
    adds: int = 0
    checked: int = 0
    cached: tuple[int, str, list[tuple[str, float]], tuple[str, ...]] | None = None


class TopicClusterer:
    """Assigns each mention to a topic as it arrives; ids are stable while a topic lives."""

    def __init__(self, *, retire_after_s: float = 6 * 3600, half_life_s: float | None = None,
                 alpha: float = ALPHA, beta: float = BETA, max_topics: int = 2000,
                 max_ids_per_topic: int = 200, max_words_per_topic: int = 400,
                 max_tracked: int | None = 200_000, keep_docs: bool = False,
                 merge_threshold: float = 0.7, min_size: int = 3,
                 min_vocabulary: int = MIN_VOCABULARY, new_id: Callable[[], int] | None = None) -> None:
        """``new_id``: where new topics get their id (the wall: ids kept in the store, never reused
        across restarts); by default a counter from 1."""
        self.retire_after_s = retire_after_s
        self._new_id = new_id
        self.max_topics = max_topics
        self.max_ids = max_ids_per_topic
        self.max_words = max_words_per_topic
        self.max_tracked = max_tracked
        self.keep_docs = keep_docs
        self.merge_threshold = merge_threshold
        self.min_size = min_size
        half_life = half_life_s if half_life_s is not None else retire_after_s / 2
        self.model = DMMStream(alpha=alpha, beta=beta, half_life_s=half_life if half_life > 0 else None,
                               min_vocabulary=min_vocabulary)
        self._meta: dict[int, _Meta] = {}
        self._lru: dict[int, None] = {}              # live topics, least recently updated first
        self._assign: dict[str, int] = {}
        self._tracked: deque[str] = deque()
        self._alias: dict[int, int] = {}             # merged id -> surviving id
        self._merges: list[tuple[int, int]] = []
        self._surface: dict[str, dict[str, int]] = {}
        self._languages: Counter[str] = Counter()
        #: documents (recent window) that used each word, from observe(); and how many were observed
        self._spread: dict[str, float] = {}
        self._seen = 0.0
        #: per language: token as written -> (key, form, folded) or None (a stop word...); bounded
        self._keys: dict[str | None, dict[str, tuple[str, str, str] | None]] = {}
        self._docs: list[_Doc] = []
        self._final_labels: dict[int, str] = {}       # labels of retired topics (batch mode)

    # ---------------------------------------------------------------- input
    def _terms(self, text: str, lang: str | None, exclude: Iterable[str], *,
               record: bool = True) -> list[str]:
        """The document's words as the model sees them: folded and stemmed in its language (the keys the
        clouds group by: "overstroming" and "overstromingen" are one word), without stop words, numbers
        and the searches' own terms; remembers the forms people wrote for labels (unless ``record`` is
        false: a mention only observed is counted when it is added)."""
        skip = folded_terms(tuple(exclude)) if exclude else frozenset()
        surface = self._surface
        keys = self._keys.get(lang)
        if keys is None or len(keys) > KEY_CACHE:
            keys = self._keys[lang] = {}
        terms: list[str] = []
        for tok in _SURFACE.findall(text):
            try:
                hit = keys[tok]
            except KeyError:
                hit = keys[tok] = _key_and_form(tok, lang)
            if hit is None:
                continue
            key, form, folded = hit
            if skip and folded in skip:
                continue
            terms.append(key)
            if not record:
                continue
            forms = surface.get(key)
            if forms is None:
                surface[key] = {form: 1}
            else:
                forms[form] = forms.get(form, 0) + 1
        if len(surface) > 50_000:
            self._surface = {k: v for k, v in surface.items() if sum(v.values()) > 2}
        return terms

    def observe(self, text: str, lang: str | None, exclude_terms: Iterable[str] = ()) -> None:
        """Count which words a coming mention uses, before it is added: words that most recent
        mentions use (the town, "gemeente") are background and left out of the topics' words. Call it
        for a whole batch first, so the first mentions of a fresh wall do not glue into one topic."""
        if lang not in STEMMERS:
            lang = self.usual_language
        spread = self._spread
        for t in set(self._terms(text, lang, exclude_terms, record=False)):
            spread[t] = spread.get(t, 0.0) + 1.0
        self._seen += 1.0
        if self._seen > 2 * BACKGROUND_WINDOW:  # a window of recent mentions: halve the old counts
            self._seen /= 2
            self._spread = {w: n / 2 for w, n in spread.items() if n >= 2.0}

    def _reading_language(self, lang: str | None) -> str | None:
        """The language a mention's words are read in: its own, counted, or when unsure or unknown the
        stream's usual one."""
        if lang in STEMMERS:
            self._languages[lang] += 1
            return lang
        return self.usual_language

    @property
    def usual_language(self) -> str | None:
        """The language most mentions so far were written in (None before the first)."""
        top = self._languages.most_common(1)
        return top[0][0] if top else None

    def _resolve(self, tid: int) -> int:
        alias = self._alias
        root = tid
        while root in alias:
            root = alias[root]
        while tid in alias and alias[tid] != root:  # path compression
            alias[tid], tid = root, alias[tid]
        return root

    def _track(self, mention_id: str, tid: int) -> None:
        if mention_id not in self._assign and self.max_tracked is not None:
            self._tracked.append(mention_id)
            if len(self._tracked) > self.max_tracked:
                self._assign.pop(self._tracked.popleft(), None)
        self._assign[mention_id] = tid

    # ----------------------------------------------------------------- add
    def add(self, mention_id: str, text: str, lang: str | None, published: datetime, *,
            sentiment: float = 0.0, negative: bool = False, duplicate_of: str | None = None,
            exclude_terms: Iterable[str] = (), terms: list[str] | None = None) -> int:
        """Assign one mention; returns its topic id. ``terms``: its model words, when already read."""
        self._advance(published)
        if duplicate_of is not None and duplicate_of in self._assign:
            tid = self._resolve(self._assign[duplicate_of])
            meta = self._meta.get(tid)
            if meta is not None:
                meta.duplicates += 1
                meta.last = max(meta.last, published)
                self._track(mention_id, tid)
                return tid
        written: list[str] | None = None
        if terms is None:
            terms = self._terms(text, self._reading_language(lang), exclude_terms)
            if self._seen >= BACKGROUND_MIN_LIVE:
                limit = BACKGROUND_SHARE * self._seen
                spread = self._spread
                kept = [t for t in terms if spread.get(t, 0.0) <= limit]
                if len(kept) < len(terms):   # background words: shown in clouds, not topic evidence
                    written, terms = terms, kept
        items, length = bag(terms)
        weight = self.model.weight_at(published.timestamp())
        best = self.model.best(items, length) if length else None
        tid = self._new_topic(published) if best is None else best
        self._count(tid, mention_id, terms, items, length, weight, published, sentiment, negative, written)
        if self.keep_docs:
            self._docs.append(_Doc(mention_id, terms, items, length, weight, tid, published, sentiment,
                                   negative))
        self._track(mention_id, tid)
        tid = self._maybe_merge(tid)
        self._evict()
        return tid

    def _advance(self, published: datetime) -> None:
        self.model.advance(published.timestamp())
        now = self.model.now
        if now is None:
            return
        horizon = now - self.retire_after_s
        while self._lru:
            oldest = next(iter(self._lru))
            if self._meta[oldest].last.timestamp() >= horizon:
                break
            self._retire(oldest)

    def _evict(self) -> None:
        while len(self._lru) > self.max_topics:
            self._retire(next(iter(self._lru)))

    def _retire(self, tid: int) -> None:
        if self.keep_docs:
            self._final_labels[tid] = self._summary(tid)[1]
        self._lru.pop(tid, None)
        self._meta.pop(tid, None)
        self.model.drop(tid)

    def _new_topic(self, published: datetime, tid: int | None = None) -> int:
        if tid is None and self._new_id is not None:
            tid = self._new_id()
        tid = self.model.new_cluster(tid)
        self._meta[tid] = _Meta(tid, published, published)
        return tid

    def _count(self, tid: int, mention_id: str, terms: Sequence[str], items: list[tuple[str, int]],
               length: int, weight: float, published: datetime, sentiment: float, negative: bool,
               written: Sequence[str] | None = None) -> None:
        """Count a mention in a topic; ``written``: all its words when background words were left out
        of ``terms`` (they still count for the topic's phrases, cloud and label)."""
        model = self.model
        model.add(tid, items, length, weight)
        meta = self._meta[tid]
        meta.size += 1
        meta.adds += 1
        meta.version += 1
        meta.negative += int(negative)
        meta.first = min(meta.first, published)
        meta.last = max(meta.last, published)
        meta.ids.append(mention_id)
        if len(meta.ids) > self.max_ids:
            meta.ids.popleft()
        if length:
            meta.sample.append((mention_id, items))
            if len(meta.sample) > 32:
                meta.sample.popleft()
        bigrams = meta.bigrams
        for pair in set(pairwise(terms if written is None else written)):
            if pair[0] != pair[1]:
                bigrams[pair] = bigrams.get(pair, 0.0) + weight
        extra: list[tuple[str, int]] = []
        if written is not None:
            modelled = set(terms)
            extra = bag([w for w in written if w not in modelled])[0]
            shown = meta.shown
            for w, c in extra:
                shown[w] = shown.get(w, 0.0) + weight * c
        if sentiment:
            sent = meta.sentiment
            for w, c in (items + extra if extra else items):
                sent[w] = sent.get(w, 0.0) + weight * c * sentiment
        self._lru.pop(tid, None)
        self._lru[tid] = None
        words = model.clusters[tid].words
        if len(words) > 2 * self.max_words:
            model.prune(tid, self.max_words)
            kept = model.clusters[tid].words
            meta.sentiment = {w: v for w, v in meta.sentiment.items() if w in kept or w in meta.shown}
        if len(bigrams) > 2 * self.max_words:
            top = heapq.nlargest(self.max_words, bigrams.items(), key=itemgetter(1))
            meta.bigrams = dict(top)

    # --------------------------------------------------------------- merges
    def _maybe_merge(self, tid: int) -> int:
        """Merge ``tid`` with a live topic whose word distribution has converged to its own."""
        meta = self._meta.get(tid)
        if meta is None or meta.adds < self.min_size or meta.adds < meta.checked * MERGE_CHECK_GROWTH:
            return tid
        meta.checked = meta.adds

        def grown(other: int) -> bool:
            om = self._meta.get(other)
            return om is not None and om.size >= self.min_size

        found = self.model.similar(tid, self.merge_threshold, accept=grown)
        best = None if found is None else found[0]
        if best is None:
            return tid
        return self.merge(tid, best)

    def merge(self, a: int, b: int) -> int:
        """Merge two live topics; the bigger (on a tie the older) id survives and is returned."""
        ma, mb = self._meta[a], self._meta[b]
        keep, gone = (a, b) if (ma.size, -a) > (mb.size, -b) else (b, a)
        mk, mg = self._meta[keep], self._meta.pop(gone)
        self.model.merge(gone, keep)
        mk.size += mg.size
        mk.duplicates += mg.duplicates
        mk.negative += mg.negative
        mk.first = min(mk.first, mg.first)
        mk.last = max(mk.last, mg.last)
        mk.ids.extend(mg.ids)
        while len(mk.ids) > self.max_ids:
            mk.ids.popleft()
        mk.sample.extend(mg.sample)
        while len(mk.sample) > 32:
            mk.sample.popleft()
        for k, v in mg.bigrams.items():
            mk.bigrams[k] = mk.bigrams.get(k, 0.0) + v
        for w, v in mg.sentiment.items():
            mk.sentiment[w] = mk.sentiment.get(w, 0.0) + v
        for w, v in mg.shown.items():
            mk.shown[w] = mk.shown.get(w, 0.0) + v
        mk.version += 1
        self._lru.pop(gone, None)
        self._alias[gone] = keep
        self._merges.append((gone, keep))
        return keep

    def consolidate(self, *, similarity: float = CONSOLIDATE_SIMILARITY) -> int:
        """Merge topics that are one story told two ways; returns the number of merges.

        Two passes over the live topics. First every pair of topics sharing a frequent word is merged,
        best first, while that raises the model's joint probability (:meth:`DMMStream.merge_gain`: the
        block move the one-document reassignments cannot make). Then topics whose word counts are still
        this ``similarity`` apart (cosine) are merged, biggest first, as the stream does at its stricter
        threshold when a topic grows.
        """
        model = self.model
        merges = 0
        heap: list[tuple[float, int, int]] = []
        seen: set[tuple[int, int]] = set()

        def push(a: int, first: bool) -> None:
            for b, gain in model.neighbour_gains(a):
                if gain <= 0.0:
                    continue
                pair = (a, b) if a < b else (b, a)
                if first:                      # the first pass queues each pair once
                    if pair in seen:
                        continue
                    seen.add(pair)
                heapq.heappush(heap, (-gain, *pair))

        for tid in list(self._meta):
            push(tid, True)
        seen.clear()
        while heap:
            neg, a, b = heapq.heappop(heap)
            if a not in self._meta or b not in self._meta:
                continue
            gain = model.merge_gain(a, b)    # unchanged unless a neighbour merged meanwhile
            if gain <= 0.0:
                continue
            if gain < -neg * (1.0 - 1e-9):
                heapq.heappush(heap, (-gain, a, b))
                continue
            keep = self.merge(a, b)
            merges += 1
            push(keep, False)
        live = self._meta.__contains__
        for biggest in sorted(self._meta, key=lambda t: (-self._meta[t].size, t)):
            tid = biggest
            while tid in self._meta:
                found = model.similar(tid, similarity, accept=live)
                if found is None:
                    break
                tid = self.merge(tid, found[0])
                merges += 1
        return merges

    def drain_merges(self) -> list[tuple[int, int]]:
        """(from, into) topic merges since the last call."""
        out, self._merges = self._merges, []
        return out

    # ------------------------------------------------------------- identity
    def renumber(self, mapping: Mapping[int, int]) -> None:
        """Give topics other ids (``old -> new``; topics not named keep theirs), e.g. the ids their
        mentions had before a restart. Live topics are renamed; for retired ones only the assignments
        of their mentions follow. Assignments, pending merges and aliases follow; the new ids must not
        clash with each other or with a live topic that keeps its id (ValueError)."""
        ren = {old: new for old, new in mapping.items() if old != new}
        if not ren:
            return
        targets = set(ren.values())
        if len(targets) != len(ren) or targets & (set(self._meta) - set(ren)):
            raise ValueError("renumbering would give two topics one id")
        self.model.rename({old: new for old, new in ren.items() if old in self._meta})
        self._meta = {ren.get(t, t): m for t, m in self._meta.items()}
        for tid, meta in self._meta.items():
            meta.id = tid
        self._lru = {ren.get(t, t): None for t in self._lru}
        resolve = self._resolve
        self._assign = {m: ren.get(resolve(t), resolve(t)) for m, t in self._assign.items()}
        self._alias = {a: ren.get(resolve(t), resolve(t)) for a, t in self._alias.items() if a not in targets}
        self._merges = [(ren.get(a, a), ren.get(b, b)) for a, b in self._merges]
        for doc in self._docs:
            doc.topic = ren.get(resolve(doc.topic), resolve(doc.topic))

    # ---------------------------------------------------------------- batch
    def refine(self, sweeps: int = 1) -> int:
        """Reassignment sweeps over the kept documents of live topics (batch mode); returns moves.

        Each document is scored against the counts without itself (a Gibbs step, the counts are only
        touched when it moves); the topics' ids, phrases and sentiment follow the moved documents.
        """
        if not self.keep_docs or sweeps <= 0:
            return 0
        model = self.model
        moved = 0
        touched: set[int] = set()
        for _ in range(sweeps):
            for doc in self._docs:
                tid = doc.topic = self._resolve(doc.topic)
                if tid not in self._meta or not doc.length:
                    continue
                new = model.best(doc.items, doc.length, own=tid, weight=doc.weight)
                if new == tid:
                    continue
                if new is None and model.clusters[tid].docs - doc.weight <= doc.weight * 1e-9:
                    continue                   # alone in its cluster: a new cluster is the same one
                emptied = model.remove(tid, doc.items, doc.length, doc.weight)
                if new is None:
                    new = model.new_cluster()
                    self._meta[new] = _Meta(new, doc.published, doc.published)
                model.add(new, doc.items, doc.length, doc.weight)
                if emptied:
                    self._meta.pop(tid, None)
                    self._lru.pop(tid, None)
                else:
                    self._meta_remove(self._meta[tid], doc)
                    touched.add(tid)
                self._meta_add(self._meta[new], doc)
                self._lru.pop(new, None)
                self._lru[new] = None
                moved += 1
                doc.topic = new
                self._assign[doc.id] = new
        if touched:                            # first/last seen of topics that lost documents
            times: dict[int, tuple[datetime, datetime]] = {}
            for doc in self._docs:
                if doc.topic in touched:
                    lo, hi = times.get(doc.topic, (doc.published, doc.published))
                    times[doc.topic] = (min(lo, doc.published), max(hi, doc.published))
            for tid, (lo, hi) in times.items():
                if tid in self._meta:
                    self._meta[tid].first, self._meta[tid].last = lo, hi
        return moved

    def whole_stream(self) -> TopicClusterer:
        """Batch mode: every kept document in its topic, retired topics included, counted once
        without decay, so that :meth:`consolidate` can join a story that went quiet and came back
        (the wall shows it as a new topic; the final assignment of a whole stream should not)."""
        whole = TopicClusterer(retire_after_s=math.inf, half_life_s=0.0, alpha=self.model.alpha,
                               beta=self.model.beta, keep_docs=True, max_tracked=None,
                               max_words_per_topic=1 << 30, merge_threshold=self.merge_threshold,
                               min_size=self.min_size, min_vocabulary=self.model.min_vocabulary)
        whole._surface = self._surface
        for doc in self._docs:
            tid = self._resolve(doc.topic)
            if tid not in whole._meta:
                whole._new_topic(doc.published, tid)
            whole._count(tid, doc.id, doc.terms, doc.items, doc.length, 1.0, doc.published,
                         doc.sentiment, doc.negative)
            whole._docs.append(_Doc(doc.id, doc.terms, doc.items, doc.length, 1.0, tid, doc.published,
                                    doc.sentiment, doc.negative))
            whole._track(doc.id, tid)
        return whole

    def _meta_add(self, meta: _Meta, doc: _Doc) -> None:
        meta.size += 1
        meta.negative += int(doc.negative)
        meta.first = min(meta.first, doc.published)
        meta.last = max(meta.last, doc.published)
        meta.ids.append(doc.id)
        if len(meta.ids) > self.max_ids:
            meta.ids.popleft()
        meta.sample.append((doc.id, doc.items))
        if len(meta.sample) > 32:
            meta.sample.popleft()
        for pair in set(pairwise(doc.terms)):
            if pair[0] != pair[1]:
                meta.bigrams[pair] = meta.bigrams.get(pair, 0.0) + doc.weight
        if doc.sentiment:
            for w, c in doc.items:
                meta.sentiment[w] = meta.sentiment.get(w, 0.0) + doc.weight * c * doc.sentiment
        meta.version += 1

    def _meta_remove(self, meta: _Meta, doc: _Doc) -> None:
        meta.size -= 1
        meta.negative -= int(doc.negative)
        if doc.id in meta.ids:
            meta.ids.remove(doc.id)
        meta.sample = deque(s for s in meta.sample if s[0] != doc.id)
        for pair in set(pairwise(doc.terms)):
            if pair in meta.bigrams:
                left = meta.bigrams[pair] - doc.weight
                if left > doc.weight * 1e-9:
                    meta.bigrams[pair] = left
                else:
                    del meta.bigrams[pair]
        if doc.sentiment:
            for w, c in doc.items:
                if w in meta.sentiment:
                    meta.sentiment[w] -= doc.weight * c * doc.sentiment
        meta.version += 1

    # --------------------------------------------------------------- output
    def assignments(self) -> dict[str, int]:
        """mention id -> topic id, for every mention added (the most recent ``max_tracked``)."""
        return {m: self._resolve(t) for m, t in self._assign.items()}

    def label(self, tid: int) -> str:
        """The label of a topic (live or, in batch mode, retired)."""
        tid = self._resolve(tid)
        if tid in self._meta:
            return self._summary(tid)[1]
        return self._final_labels.get(tid, "")

    def _surface_of(self, word: str) -> str:
        forms = self._surface.get(word)
        if not forms:
            return word
        return max(forms.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def _summary(self, tid: int) -> tuple[int, str, list[tuple[str, float]], tuple[str, ...]]:
        """(version, label, top terms in stored units, representative ids), cached per topic version."""
        meta = self._meta[tid]
        if meta.cached is not None and meta.cached[0] == meta.version:
            return meta.cached
        cluster = self.model.clusters[tid]
        shown = meta.shown
        counted = chain(cluster.words.items(), shown.items()) if shown else cluster.words.items()
        top = heapq.nlargest(TOP_TERMS, counted, key=itemgetter(1))  # ties: first seen
        # the label names what sets the topic apart: background words are in its cloud, not its name
        own = [(w, v) for w, v in top if w not in shown] if shown else top
        if shown and len(own) < 2:
            own = heapq.nlargest(2, cluster.words.items(), key=itemgetter(1))
        pairs = ([(k, v) for k, v in meta.bigrams.items() if k[0] not in shown and k[1] not in shown]
                 if shown else meta.bigrams.items())
        label = ""
        if pairs:
            (a, b), n = max(pairs, key=itemgetter(1))
            top_n = own[0][1] if own else 0.0
            if meta.size >= 2 and n >= 0.3 * cluster.docs and n >= 0.5 * top_n:
                label = f"{self._surface_of(a)} {self._surface_of(b)}"
        if not label:
            pair = [w for w, _ in own[:2]]
            if len(pair) == 2 and (meta.bigrams.get((pair[1], pair[0]), 0.0)
                                   > meta.bigrams.get((pair[0], pair[1]), 0.0)):
                pair.reverse()                 # the order people write them in
            label = " ".join(self._surface_of(w) for w in pair)
        reps = self._representatives(tid)
        meta.cached = (meta.version, label, top, reps)
        return meta.cached

    def _representatives(self, tid: int, k: int = 3) -> tuple[str, ...]:
        """Ids of the kept sample mentions most typical of the topic (highest mean word probability)."""
        cluster = self.model.clusters[tid]
        total = cluster.words_total + self.model.beta * max(len(cluster.words), 1)
        scored = []
        for mid, items in self._meta[tid].sample:
            n = sum(c for _, c in items)
            score = sum(c * math.log((cluster.words.get(w, 0.0) + self.model.beta) / total)
                        for w, c in items) / n
            scored.append((score, mid))
        scored.sort(key=lambda s: -s[0])
        out: list[str] = []
        for _, mid in scored:
            if mid not in out:
                out.append(mid)
            if len(out) == k:
                break
        return tuple(out)

    def topics(self, now: datetime, *, min_size: int | None = None) -> list[TopicState]:
        """Live topics, biggest first (topics below ``min_size`` mentions or silent too long hidden)."""
        floor = self.min_size if min_size is None else min_size
        unit = self.model.unit
        out = []
        for tid, meta in self._meta.items():
            if meta.size < floor or (now - meta.last).total_seconds() > self.retire_after_s:
                continue
            _, label, top, reps = self._summary(tid)
            terms = tuple(TermWeight(self._surface_of(w), v * unit,
                                     meta.sentiment.get(w, 0.0) / v if v else 0.0) for w, v in top)
            out.append(TopicState(tid, label, terms, meta.size, meta.negative, meta.first, meta.last, reps))
        return sorted(out, key=lambda t: (-t.size, t.id))


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: the batch builds many long-lived acyclic objects, and
    repeated full collections over them cost ~15 % of the run; reference counting still frees memory."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def background_words(documents: Sequence[frozenset[str]]) -> frozenset[str]:
    """Words every story uses: the town's name, "gemeente". Left in, they glue unrelated stories into
    one topic (a town name in 90 % of the posts took the benchmark sets from NMI 0.89 to 0.13).

    A background word is in more than BACKGROUND_SPREAD_SHARE of the documents *and* spread over them:
    for nearly every other frequent word, it is in at least half as many of that word's documents as
    of all documents. A big story's own word is not: "storm" in 40 % of the posts is absent from the
    posts about the festival.
    """
    n = len(documents)
    if n < BACKGROUND_MIN_DOCS:
        return frozenset()
    df: Counter[str] = Counter()
    for doc in documents:
        df.update(doc)
    frequent = {w: k for w, k in df.items() if k >= max(3, 0.02 * n)}
    out = set()
    for w, k in df.items():
        if k <= BACKGROUND_SPREAD_SHARE * n:
            continue
        together: Counter[str] = Counter()
        for doc in documents:
            if w in doc:
                together.update(v for v in doc if v in frequent)
        others = [v for v in frequent if v != w]
        rate = k / n
        spread = sum(1 for v in others if together[v] >= 0.5 * rate * frequent[v])
        if not others or spread >= BACKGROUND_SPREAD * len(others):
            out.add(w)
    return frozenset(out)


def assign_topics(docs: Iterable[tuple[str, str, datetime, str | None]], *, sweeps: int = 1,
                  retire_after_s: float = 6 * 3600, alpha: float = ALPHA,
                  beta: float = BETA) -> list[Assignment]:
    """The ``newsroom topics`` computation: stream (id, text, published, lang) in order, then ``sweeps``
    reassignment sweeps and a :meth:`TopicClusterer.consolidate`; when topics retired or counts decayed
    on the way (posts spread over hours), the same again over the whole stream without decay
    (:meth:`TopicClusterer.whole_stream`, swept until it settles), so a story that went quiet and came
    back is one topic. The
    final topic and label of every document, in input order. A document without a language gets the
    detected one (its words are stemmed in it), leaning to the stream's usual language when the text
    says little."""
    with _no_cyclic_gc():
        return _assign_topics(docs, sweeps, retire_after_s, alpha, beta)


def _assign_topics(docs: Iterable[tuple[str, str, datetime, str | None]], sweeps: int,
                   retire_after_s: float, alpha: float, beta: float) -> list[Assignment]:
    # every document is kept anyway: no pruning of the topics' word counts (exact counts, better sweeps)
    clusterer = TopicClusterer(retire_after_s=retire_after_s, alpha=alpha, beta=beta, keep_docs=True,
                               max_tracked=None, max_words_per_topic=1 << 30)
    # read every document first: its language and words, and how many documents use each word
    read: list[tuple[str, str, datetime, str, list[str]]] = []
    words_of: list[frozenset[str]] = []
    for mention_id, text, published, given in docs:
        lang = given
        if lang is None:                       # unsure posts lean to the stream's usual language
            usual = clusterer.usual_language
            lang = detect_language(text, (usual,) if usual else ())
        terms = clusterer._terms(text, clusterer._reading_language(lang), ())
        words_of.append(frozenset(terms))
        read.append((mention_id, text, published, lang, terms))
    background = background_words(words_of)
    order: list[tuple[str, int]] = []
    for mention_id, text, published, lang, terms in read:
        kept = [t for t in terms if t not in background] if background else terms
        order.append((mention_id, clusterer.add(mention_id, text, lang, published, terms=kept)))
    clusterer.refine(sweeps)
    clusterer.consolidate()
    if clusterer._final_labels or len({d.weight for d in clusterer._docs}) > 1:
        # topics retired or counts decayed on the way: the final assignment is over the whole stream
        clusterer = clusterer.whole_stream()
        if sweeps:                             # the decayed stream left more to settle: sweep until it has
            for _ in range(WHOLE_SWEEPS):
                if clusterer.refine(1) <= SETTLED * len(clusterer._docs):
                    break
        clusterer.consolidate()
    final = clusterer.assignments()
    labels: dict[int, str] = {}
    out = []
    for mention_id, tid in order:
        topic = final.get(mention_id, clusterer._resolve(tid))
        if topic not in labels:
            labels[topic] = clusterer.label(topic)
        out.append(Assignment(mention_id, topic, labels[topic]))
    return out
