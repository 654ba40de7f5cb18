"""The ``newsroom topics`` computation: a whole stream at once, the final topic and name of every post.

The stream is clustered as on the wall (:class:`TopicClusterer`), with every post kept. Then:

1. one reassignment sweep and a consolidation (the merges the wall makes every few minutes);
2. when the posts carry times that made topics fade or retire on the way: the stream's topics, retired
   ones too, are taken together over the whole stream without decay; posts move to the topic whose
   words and time fit them best, fragments of one story are grouped (first while a learned pair model
   says they tell one story, :mod:`newsroom.analysis.topic_pairs`; then by idf-weighted words, words
   used together elsewhere in the stream, time closeness, names that keep two streets apart), and small
   fragments inside a burst one story dominates join it (:mod:`newsroom.analysis.topic_stories`); the
   posts of tiny fragments move to the story that explains them, and small fragments are gathered
   into the story whose names they share (:mod:`newsroom.analysis.topic_absorb`); last, each post moves
   to the topic a learned model finds most probable to tell its story
   (:mod:`newsroom.analysis.topic_placement`);
3. every topic is named from all its posts (:mod:`newsroom.analysis.topic_names`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

import numpy as np

from newsroom.analysis import post_meaning
from newsroom.analysis.blas_threads import one_blas_thread
from newsroom.analysis.gc_pause import no_cyclic_gc
from newsroom.analysis.language import detect_language
from newsroom.analysis.reply_links import keep_threads, naming_posts, usable_links
from newsroom.analysis.story_fragment import Fragment
from newsroom.analysis.story_place_split import split_by_names
from newsroom.analysis.story_reassign import story_reassign
from newsroom.analysis.story_time_absorb import time_absorptions
from newsroom.analysis.topic_absorb import absorb_fragments, gather_fragments
from newsroom.analysis.topic_commonness import with_background
from newsroom.analysis.topic_concepts import ConceptFeatures, stream_concepts
from newsroom.analysis.topic_merges import group_stories
from newsroom.analysis.topic_names import name_topic
from newsroom.analysis.topic_pairs import PairFragment, PairModel, learned_merges, reply_like, shipped_model
from newsroom.analysis.topic_placement import Post, place_by_model
from newsroom.analysis.topic_placement import shipped_model as shipped_placement
from newsroom.analysis.topic_words import background_words
from newsroom.analysis.topics import ALPHA, BETA, Assignment, KeptPost, TopicClusterer
from newsroom.analysis.words import STEMMERS


def assign_topics(docs: Iterable[tuple[str, str, datetime, str | None]], *, sweeps: int = 1,
                  retire_after_s: float = 6 * 3600, alpha: float = ALPHA,
                  beta: float = BETA, replies: Mapping[str, str] | None = None,
                  keep_town: bool = True) -> list[Assignment]:
    """The ``newsroom topics`` computation: stream (id, text, published, lang) in order, then ``sweeps``
    reassignment sweeps and a :meth:`TopicClusterer.consolidate`; when topics retired or counts decayed
    on the way (posts spread over hours), the same again over the whole stream without decay
    (:meth:`TopicClusterer.whole_stream`, swept until it settles), so a story that went quiet and came
    back is one topic. The
    final topic and label of every document, in input order. A document without a language gets the
    detected one (its words are stemmed in it), leaning to the stream's usual language when the text
    says little. ``replies``: reply id -> the id of the post it answers (an earlier document; others
    are ignored): a reply joins its parent's topic as it arrives, and after the story steps every
    thread ends whole in its first post's topic (:mod:`newsroom.analysis.reply_links`). ``keep_town``:
    names keep a club's town ("KFC Lindeveld": :func:`~newsroom.analysis.name_places.with_town`); the
    wall's stories pass names without (its tiles show no name holding the town's)."""
    # the batch builds many long-lived acyclic objects: full passes cost ~15 %; its many small numpy
    # products go faster on one BLAS thread (blas_threads)
    with no_cyclic_gc(), one_blas_thread():
        return _assign_topics(docs, sweeps, retire_after_s, alpha, beta, replies or {}, keep_town)


def _assign_topics(docs: Iterable[tuple[str, str, datetime, str | None]], sweeps: int,
                   retire_after_s: float, alpha: float, beta: float,
                   replies: Mapping[str, str], keep_town: bool) -> list[Assignment]:
    # every document is kept anyway: no pruning of the topics' word counts (exact counts, better sweeps)
    clusterer = TopicClusterer(retire_after_s=retire_after_s, alpha=alpha, beta=beta, keep_docs=True,
                               max_tracked=None, max_words_per_topic=1 << 30)
    # read every document first: its language and words, and how many documents use each word
    # in time order (a stable sort: a stream given in order is read as given): the usual language is
    # learnt as the posts are read and counts decay with stream time; a stream that went back weeks (two
    # exports one after the other) weighed its older posts at 2^-300 and less, until the model's cosine
    # divided by zero. The answers are in input order.
    given_docs = list(docs)
    links = usable_links([doc[0] for doc in given_docs], replies) if replies else {}
    in_time = sorted(range(len(given_docs)), key=lambda n: given_docs[n][2])
    read: list[tuple[str, str, datetime, str, list[str]]] = []
    for mention_id, text, published, given in (given_docs[n] for n in in_time):
        lang = given
        if lang is None:                       # unsure posts lean to the stream's usual language
            usual = clusterer.usual_language
            lang = detect_language(text, (usual,) if usual else ())
        terms = clusterer._terms(text, clusterer._reading_language(lang), ())
        read.append((mention_id, text, published, lang, terms))
    read = one_language_keys(clusterer, read)
    words_of = [frozenset(terms) for *_, terms in read]
    background = background_words(words_of)
    clusterer.count_spread(words_of)
    clusterer.background = background
    order: list[tuple[str, int]] = [("", 0)] * len(read)
    for n, (mention_id, text, published, lang, terms) in zip(in_time, read, strict=True):
        kept = [t for t in terms if t not in background] if background else terms
        order[n] = (mention_id, clusterer.add(mention_id, text, lang, published, terms=kept,
                                              reply_to=links.get(mention_id)))
    clusterer.refine(sweeps)
    clusterer.consolidate()
    idf = _word_weights(clusterer)
    if clusterer.retired or len({d.weight for d in clusterer.kept}) > 1:
        # topics retired or counts decayed on the way: the final assignment is over the whole stream,
        # the stream's topics (retired ones too) grouped into stories, time kept in mind
        clusterer = clusterer.whole_stream()
        idf = _word_weights(clusterer)
        split_places(clusterer)
        reassign_by_story(clusterer, idf)
        concepts = stream_concepts([d.text for d in clusterer.kept])
        group_fragments(clusterer, concepts, idf)
        absorb_replies(clusterer)
        absorb_small(clusterer, concepts, idf)
        regroup_small(clusterer, concepts, idf)
        place_posts(clusterer, concepts, idf)
    keep_threads(clusterer, links)
    final = clusterer.assignments()
    labels = story_names(clusterer, idf, links, keep_town)
    out = []
    for mention_id, tid in order:
        topic = final.get(mention_id, clusterer._resolve(tid))
        out.append(Assignment(mention_id, topic, labels.get(topic, "")))
    return out


def one_language_keys(clusterer: TopicClusterer, read: list[tuple[str, str, datetime, str, list[str]]]
                      ) -> list[tuple[str, str, datetime, str, list[str]]]:
    """A word of a post in another language gets the key it has in the stream's usual language when
    that key is used there and its own is not: "Verhaegen" in an English post is the Dutch posts'
    ``verhaeg``, not ``verhaegen``, and a story told in three languages keeps its names together."""
    usual = clusterer.usual_language
    home = {t for _, _, _, lang, terms in read if lang == usual or lang not in STEMMERS for t in terms}
    out = []
    for mention_id, text, published, lang, terms in read:
        if usual is not None and terms and lang != usual and lang in STEMMERS:
            alt = clusterer._terms(text, usual, (), record=False)
            if len(alt) == len(terms):           # the same tokens (stop words are one list for all)
                alt = [a if t not in home and a in home else t for t, a in zip(terms, alt, strict=True)]
                out.append((mention_id, text, published, lang, alt))
                continue
        out.append((mention_id, text, published, lang, terms))
    return out


def reassign_by_story(clusterer: TopicClusterer, idf: Callable[[str], float] | None = None) -> int:
    """Posts move to the topic whose words and time fit them best (:func:`story_reassign`); the topics
    are rebuilt from the moved posts. Returns the number of moves."""
    docs = clusterer.kept
    topics = [clusterer.resolve(d.topic) for d in docs]
    before = list(topics)
    moved = story_reassign([d.terms for d in docs], [d.published.timestamp() for d in docs], topics,
                           idf or clusterer.idf)
    if moved:
        clusterer.move([(doc, old, new) for doc, old, new in zip(docs, before, topics, strict=True)
                        if old != new])
    return moved


def split_places(clusterer: TopicClusterer) -> int:
    """A topic whose posts name two places rarely named together is split into one topic per place
    (:func:`split_by_names`: two roadworks in two streets); returns the number of new topics."""
    members: dict[int, list[KeptPost]] = {}
    for doc in clusterer.kept:
        members.setdefault(clusterer.resolve(doc.topic), []).append(doc)
    moves: list[tuple[KeptPost, int, int]] = []
    made = 0
    for tid in sorted(members):
        docs = members[tid]
        parts = split_by_names([(frozenset(d.terms), d.published.timestamp()) for d in docs],
                               clusterer.words.is_name)
        new: dict[int, int] = {0: tid}
        for doc, part in zip(docs, parts, strict=True):
            if part not in new:
                new[part] = clusterer.new_topic(doc.published)
                made += 1
            if new[part] != tid:
                moves.append((doc, tid, new[part]))
    clusterer.move(moves)
    return made


def absorb_replies(clusterer: TopicClusterer) -> int:
    """Small topics inside a time one story dominates join it (:func:`time_absorptions`); returns the
    number of merges."""
    posts = sorted((d.published.timestamp(), clusterer.resolve(d.topic)) for d in clusterer.kept)
    return clusterer.merge_pairs(time_absorptions(posts))


#: Whether words common in general Dutch, French or English weigh less than the stream's idf says
#: (:mod:`newsroom.analysis.topic_commonness`; benchmarks/topics.py --ablate turns it off to compare)
GENERAL_FREQUENCIES = True
#: The weight of a concept beside a post's words (times its idf in the stream): in the grouping of
#: fragments, in the absorption of the posts of tiny fragments and in the gathering of small fragments
#: (chosen on the seven development streams, see docs/topics.md)
CONCEPTS_GROUP = 0.5
CONCEPTS_ABSORB = 0.6
CONCEPTS_GATHER = 1.0


def _word_weights(clusterer: TopicClusterer) -> Callable[[str], float]:
    """The words' weights in the story steps and names: the stream's idf, lowered for general words."""
    if not GENERAL_FREQUENCIES:
        return clusterer.idf
    return with_background(clusterer.idf, clusterer.words.written)


def absorb_small(clusterer: TopicClusterer, concepts: ConceptFeatures | None = None,
                 word_idf: Callable[[str], float] | None = None) -> int:
    """The posts of topics of one or two posts move to the story that explains them best
    (:func:`absorb_fragments`); the topics are rebuilt from the moved posts. Returns the moves."""
    docs = clusterer.kept
    topics = [clusterer.resolve(d.topic) for d in docs]
    before = list(topics)
    words = [frozenset(d.terms) for d in docs]
    idf = word_idf or clusterer.idf
    if concepts is not None and CONCEPTS_ABSORB > 0.0:
        # concepts beside words only: a post of no word of its own is not placed by its concepts alone
        words = [ws | ks if ws else ws for ws, ks in zip(words, concepts.keys, strict=True)]
        idf = concepts.weighted_idf(idf, CONCEPTS_ABSORB)
    moved = absorb_fragments(words, [d.published.timestamp() for d in docs],
                             topics, idf)
    if moved:
        clusterer.move([(doc, old, new) for doc, old, new in zip(docs, before, topics, strict=True)
                        if old != new])
    return moved


def regroup_small(clusterer: TopicClusterer, concepts: ConceptFeatures | None = None,
                  word_idf: Callable[[str], float] | None = None) -> int:
    """Small fragments join the story they tell by the names they share (:func:`gather_fragments`);
    returns the number of merges."""
    times: dict[int, list[float]] = {}
    ccount: dict[int, dict[str, float]] = {}
    for n, doc in enumerate(clusterer.kept):
        tid = clusterer.resolve(doc.topic)
        times.setdefault(tid, []).append(doc.published.timestamp())
        if concepts is not None:
            row = ccount.setdefault(tid, {})
            for k in concepts.keys[n]:
                row[k] = row.get(k, 0.0) + 1.0
    fragments = [clusterer.fragment(tid, times) for tid in clusterer.live_ids()
                 if clusterer.model.clusters[tid].docs > 0.0]
    idf = word_idf or clusterer.idf
    if concepts is not None and CONCEPTS_GATHER > 0.0:
        fragments = [Fragment(f.id, f.posts, {**f.words, **ccount.get(f.id, {})}, f.times, f.first)
                     if f.words else f for f in fragments]
        idf = concepts.weighted_idf(idf, CONCEPTS_GATHER)
    return clusterer.merge_pairs(gather_fragments(fragments, idf, clusterer.words.is_name))


#: The weight of a concept beside a post's words in the learned pair evidence (:mod:`topic_pairs`)
CONCEPTS_PAIRS = 1.0
#: Whether the fragments of a story are first grouped by the learned pair model (:mod:`topic_pairs`,
#: trained by benchmarks/topic_pairs.py on the seven development streams), before the hand-set
#: similarity bars of :func:`group_stories` (benchmarks/topics.py --ablate learned turns it off)
LEARNED_GROUPING = True


def group_fragments(clusterer: TopicClusterer, concepts: ConceptFeatures | None = None,
                    word_idf: Callable[[str], float] | None = None) -> int:
    """The fragments of one story join: first while the pair model says they tell one story
    (:func:`learned_gather`, LEARNED_GROUPING), then by :func:`group_stories`' similarity; returns the
    merges."""
    merged = learned_gather(clusterer, shipped_model(), concepts, word_idf) if LEARNED_GROUPING else 0
    return merged + group_stories(clusterer, concepts, CONCEPTS_GROUP, idf=word_idf)


def pair_fragments(clusterer: TopicClusterer, concepts: ConceptFeatures | None = None) -> list[PairFragment]:
    """Every live topic as the pair model sees it: its posts' words and concepts (each post counted
    once per key), times, reply-like and question posts."""
    out: dict[int, PairFragment] = {}
    vectors = kept_meanings(clusterer)
    for n, doc in enumerate(clusterer.kept):
        tid = clusterer.resolve(doc.topic)
        f = out.get(tid)
        if f is None:
            f = out[tid] = PairFragment(tid, 0, {}, [])
        if vectors is not None:
            f.meaning = vectors[n].astype(np.float64) if f.meaning is None else f.meaning + vectors[n]
        f.posts += 1
        keys = set(doc.terms)
        if concepts is not None and keys:          # concepts beside words only, never alone
            keys |= concepts.keys[n]
        for k in sorted(keys):
            f.words[k] = f.words.get(k, 0.0) + 1.0
        f.times.append(doc.published.timestamp())
        f.replies += reply_like(doc.text)
        f.questions += "?" in doc.text
    for f in out.values():
        f.times.sort()
    return [out[tid] for tid in sorted(out)]


def learned_gather(clusterer: TopicClusterer, model: PairModel, concepts: ConceptFeatures | None = None,
                   word_idf: Callable[[str], float] | None = None) -> int:
    """Fragments join while the pair model says they tell one story (:func:`learned_merges`);
    returns the number of merges."""
    idf = pair_idf(clusterer, concepts, word_idf)
    return clusterer.merge_pairs(learned_merges(pair_fragments(clusterer, concepts), idf,
                                                clusterer.words.is_name, model))


def pair_idf(clusterer: TopicClusterer, concepts: ConceptFeatures | None = None,
             word_idf: Callable[[str], float] | None = None) -> Callable[[str], float]:
    """The keys' weights in the pair evidence: the words' (``word_idf``), a concept's idf times
    CONCEPTS_PAIRS."""
    idf = word_idf or clusterer.idf
    return concepts.weighted_idf(idf, CONCEPTS_PAIRS) if concepts is not None else idf


#: Whether single posts move, at the end of the story steps, to the topic a learned model finds most
#: probable to tell their story (:mod:`topic_placement`, trained by benchmarks/topic_placement.py on the
#: seven development streams; benchmarks/topics.py --ablate placement turns it off)
LEARNED_PLACEMENT = True
#: The weight of a concept beside a post's words in the placement
CONCEPTS_PLACE = 1.0


_meanings: weakref.WeakKeyDictionary[TopicClusterer, np.ndarray | None] = weakref.WeakKeyDictionary()


def kept_meanings(clusterer: TopicClusterer) -> np.ndarray | None:
    """The sentence vector of every kept post, in ``clusterer.kept``'s order (worked out once per
    clusterer: the joins and the placement read the same), or None without the encoder."""
    kept = clusterer.kept
    if clusterer in _meanings:
        vectors = _meanings[clusterer]
        if vectors is None or len(vectors) == len(kept):
            return vectors
    vectors = _meanings[clusterer] = post_meaning.embed([doc.text for doc in kept])
    return vectors


def placement_posts(clusterer: TopicClusterer, concepts: ConceptFeatures | None = None) -> list[Post]:
    """Every kept post as the placement sees it: its words, and its concepts when it has words."""
    out = []
    vectors = kept_meanings(clusterer)
    for n, doc in enumerate(clusterer.kept):
        keys = frozenset(doc.terms)
        if concepts is not None and keys:
            keys |= concepts.keys[n]
        out.append(Post(keys, doc.published.timestamp(), reply_like(doc.text), "?" in doc.text,
                        None if vectors is None else vectors[n]))
    return out


def place_posts(clusterer: TopicClusterer, concepts: ConceptFeatures | None = None,
                word_idf: Callable[[str], float] | None = None, model: PairModel | None = None) -> int:
    """Posts move to the topic the placement model finds most probable to tell their story
    (:func:`place_by_model`; the shipped model unless ``model``); returns the moves."""
    if not LEARNED_PLACEMENT and model is None:
        return 0
    docs = clusterer.kept
    topics = [clusterer.resolve(d.topic) for d in docs]
    before = list(topics)
    idf = word_idf or clusterer.idf
    if concepts is not None:
        idf = concepts.weighted_idf(idf, CONCEPTS_PLACE)
    moved = place_by_model(placement_posts(clusterer, concepts), topics, idf, clusterer.words.is_name,
                           model or shipped_placement())
    if moved:
        clusterer.move([(doc, old, new) for doc, old, new in zip(docs, before, topics, strict=True)
                        if old != new])
    return moved


def story_names(clusterer: TopicClusterer, idf: Callable[[str], float] | None = None,
                links: Mapping[str, str] | None = None, keep_town: bool = True) -> dict[int, str]:
    """The name of every topic, from all its posts (:func:`name_topic`); with reply ``links``, from its
    posts that answer no one when it has one (:func:`naming_posts`)."""
    posts: dict[int, list[tuple[str, str, str | None]]] = {}
    for doc in clusterer.kept:
        posts.setdefault(clusterer.resolve(doc.topic), []).append((doc.id, doc.text, doc.lang))
    return {tid: name_topic(naming_posts(texts, links or {}), clusterer.words, idf or clusterer.idf,
                            clusterer.background, keep_town=keep_town)
            for tid, texts in posts.items()}
