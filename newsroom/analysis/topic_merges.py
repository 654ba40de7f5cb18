"""Merging topics: which live topics of the clusterer become one, and when.

Three moments (the clusterer makes each merge, its bookkeeping following; :meth:`drain_merges` reports
them so the store's counts and the alerts follow):

- :func:`converged_partner`: as a topic grows, a live topic whose word distribution converged to its own;
- :func:`consolidate`: every few minutes on the wall (once after a batch): pairs whose merge raises the
  model's joint probability, then pairs still similar (cosine of word counts);
- :func:`revive_returning`: on the wall, a live topic that is the return of a retired story (the learned
  pair evidence on their recent posts) goes on under the story's id;
- :func:`group_stories`: the fragments of one story (:func:`~newsroom.analysis.topic_stories.story_merges`:
  shared names and places, words used together, closeness in time; two topics that each mostly name a
  different place never merge). On the wall each fragment's recent post times stand for its posts and
  the sampled posts of the live topics tell which words are used together; the batch uses every post.

Deterministic: loops run over sorted ids or insertion order; ties go to the lower id.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from newsroom.analysis import post_meaning
from newsroom.analysis.story_fragment import Fragment, apart
from newsroom.analysis.story_words import memo, top_items, word_links
from newsroom.analysis.topic_absorb import GATHER_LARGEST, gather_on_wall, settled_fragments
from newsroom.analysis.topic_concepts import ConceptFeatures
from newsroom.analysis.topic_pairs import PairFragment, pair_features, prepare, reply_like, shipped_model
from newsroom.analysis.topic_stories import story_merges

if TYPE_CHECKING:
    from newsroom.analysis.topic_records import RecentPost
    from newsroom.analysis.topics import TopicClusterer

#: After a batch stream, topics this similar (cosine of word counts) are one story (the stream's own
#: merges wait for 0.7, being unable to undo one).
CONSOLIDATE_SIMILARITY = 0.5
#: On the wall, fragments join at a higher similarity than in the batch (a story merge there is final:
#: the merged topic keeps drawing the stream's posts; 0.25/0.15 measured worse on the development towns).
WALL_SIMILARITY = 0.35
#: On the wall: a fragment's most used words that count (a few hundred words per topic cost time, not
#: evidence).
WALL_WORDS = 40
#: On the wall, fragments born within this many seconds of each other (a story breaking: the storm's
#: damage, its shelter and its power cut all start in one quarter of an hour), or one of two posts at
#: most, join at WALL_ONSET_SIMILARITY.
WALL_ONSET_S = 1800.0
WALL_ONSET_SIMILARITY = 0.15
#: On the wall: a word among the strongest of more fragments than this does not make them neighbours.
WALL_HOLDERS = 25
#: On the wall two fragments join only while the smaller has at most this many posts: two topics of
#: more each are stories of their own size, and a wall merge is final (joined, the merged topic went on
#: drawing the stream's posts: 259 posts of 15 stories in one tile on Vlietrode; see docs/topics.md)
WALL_LARGEST: float | None = 8.0
#: On the wall, after the story grouping, fragments of at most GATHER_LARGEST posts are gathered into the
#: story whose words and names they share, as the batch's last step does
#: (:func:`~newsroom.analysis.topic_absorb.gather_on_wall`).
WALL_GATHER = True
#: On the wall, after the gathering, a live topic born after a retired story's last post goes on under
#: the story's id when the learned pair model says they tell one story (its own level, the batch's):
#: the store's topic of the story's posts is one again (:func:`revive_returning`).
WALL_RETURN = True
#: revive_returning: each fresh topic is compared with the retired stories holding one of its
#: RETURN_WORDS strongest words, when at most WALL_HOLDERS of them hold it
RETURN_WORDS = 10
#: On the wall: sampled posts per live topic (the most recent) that tell which words go together.
LINK_POSTS = 8


def converged_partner(clusterer: TopicClusterer, tid: int, threshold: float) -> int | None:
    """A live topic of at least ``clusterer.min_size`` posts whose word distribution is ``threshold``
    similar to ``tid``'s (None when there is none)."""

    def grown(other: int) -> bool:
        return clusterer.size_of(other) >= clusterer.min_size

    found = clusterer.model.similar(tid, threshold, accept=grown)
    return None if found is None else found[0]


def merge_pairs(clusterer: TopicClusterer, pairs: Iterable[tuple[int, int]]) -> int:
    """Merge topic pairs in order (ids followed through earlier merges); returns the merges made."""
    merges = 0
    for first, second in pairs:
        a, b = clusterer.resolve(first), clusterer.resolve(second)
        if a != b and clusterer.is_live(a) and clusterer.is_live(b):
            clusterer.merge(a, b)
            merges += 1
    return merges


def consolidate(clusterer: TopicClusterer, similarity: float = CONSOLIDATE_SIMILARITY) -> int:
    """Merge topics that are one story told two ways; returns the number of merges.

    Two passes over the live topics. First every pair of topics sharing a frequent word is merged, best
    first, while that raises the model's joint probability (:meth:`DMMStream.merge_gain`: the block move
    the one-document reassignments cannot make). Then topics whose word counts are still this
    ``similarity`` apart (cosine) are merged, biggest first, as the stream does at its stricter threshold
    when a topic grows.
    """
    model = clusterer.model
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

    for tid in clusterer.live_ids():
        push(tid, True)
    seen.clear()
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not clusterer.is_live(a) or not clusterer.is_live(b):
            continue
        gain = model.merge_gain(a, b)    # unchanged unless a neighbour merged meanwhile
        if gain <= 0.0 or clusterer.named_apart(a, b):
            continue
        if gain < -neg * (1.0 - 1e-9):
            heapq.heappush(heap, (-gain, a, b))
            continue
        keep = clusterer.merge(a, b)
        merges += 1
        push(keep, False)
    current = [0]

    def live(other: int) -> bool:
        return clusterer.is_live(other) and not clusterer.named_apart(current[0], other)

    for biggest in sorted(clusterer.live_ids(), key=lambda t: (-clusterer.size_of(t), t)):
        tid = biggest
        while clusterer.is_live(tid):
            current[0] = tid
            found = model.similar(tid, similarity, accept=live)
            if found is None:
                break
            tid = clusterer.merge(tid, found[0])
            merges += 1
    return merges


def group_stories(clusterer: TopicClusterer, concepts: ConceptFeatures | None = None,
                  concept_weight: float = 0.0, idf: Callable[[str], float] | None = None) -> int:
    """Merge the fragments of one story (:func:`story_merges`); returns the number of merges. In batch
    mode every post's time and words count; on the wall each topic's recent post times and the words
    its sampled posts use together. ``idf``: the words' weights (the clusterer's idf unless given).
    Batch mode with ``concepts`` (one per kept post): each post's
    concepts are features beside its words, their idf times ``concept_weight``, in the fragments' words
    and in the words used together (:mod:`~newsroom.analysis.topic_concepts`)."""
    times: dict[int, list[float]] | None = None
    if clusterer.keep_docs and clusterer.kept:
        times = {}
        for doc in clusterer.kept:
            times.setdefault(clusterer.resolve(doc.topic), []).append(doc.published.timestamp())
        posts = [d.terms for d in clusterer.kept]
    else:
        posts = clusterer.sampled_posts(LINK_POSTS)
    idf = idf or clusterer.idf
    ccount: dict[int, dict[str, float]] = {}
    if concepts is not None and concept_weight > 0.0 and clusterer.kept:
        idf = concepts.weighted_idf(idf, concept_weight)
        posts = [list(d.terms) + sorted(ks) for d, ks in zip(clusterer.kept, concepts.keys, strict=True)]
        for doc, ks in zip(clusterer.kept, concepts.keys, strict=True):
            row = ccount.setdefault(clusterer.resolve(doc.topic), {})
            for k in ks:
                row[k] = row.get(k, 0.0) + 1.0
    links = word_links(posts, idf) if posts else None
    wall = not clusterer.keep_docs
    fragments = _fragments(clusterer, clusterer.live_ids(), times, ccount)
    fresh = _fresh(clusterer, fragments, clusterer.grouped) if wall else None
    merges = story_merges(fragments, idf, clusterer.words.is_name, links=links,
                          similarity=WALL_SIMILARITY if wall else None,
                          small_similarity=WALL_ONSET_SIMILARITY if wall else None,
                          max_holders=WALL_HOLDERS if wall else None,
                          onset_s=WALL_ONSET_S if wall else None, subject=wall, fresh=fresh,
                          largest=WALL_LARGEST if wall else None)
    made = merge_pairs(clusterer, merges)
    if wall:
        if WALL_GATHER:    # then the small fragments left join the story whose names they share
            made += gather_small(clusterer, idf)
        if WALL_RETURN:      # and a story that came back after hours of silence takes its old id
            made += revive_returning(clusterer, idf)
        clusterer.grouped = {tid: clusterer.version_of(tid) for tid in clusterer.live_ids()}
    return made


def revive_returning(clusterer: TopicClusterer, idf: Callable[[str], float]) -> int:
    """On the wall: a live topic that is the return of a retired story goes on under the story's id
    (:meth:`TopicClusterer.take_up`; the store, the tiles and the alerts follow as in a merge).

    The wall retires a topic after hours of silence; a story told over days ("the flood" on Monday
    morning, Monday night and Tuesday) came back as a new topic each time, and the store kept its
    posts apart. Both are built from the kept recent posts (:meth:`TopicClusterer.recent_posts`: each
    post's words counted once, its time, whether it reads as a reply or a question) and compared by the
    batch's learned pair model (:mod:`~newsroom.analysis.topic_pairs`) at its level; two topics that
    each mostly name another place never. Only live topics that changed since they were last compared,
    born after the story's last post, are compared, each with the retired stories holding one of its
    strongest words; most probable first, one live topic per story. Returns how many came back."""
    recent = clusterer.recent_posts()
    versions = {tid: clusterer.version_of(tid) for tid in clusterer.live_ids()}
    seen, clusterer.returned = clusterer.returned, versions
    changed = {tid for tid, version in versions.items() if seen.get(tid) != version}
    wanted = changed | {tid for _, tid in recent if tid not in versions}
    if not changed or len(wanted) == len(changed):     # nothing new, or no retired story to come back
        return 0
    frags, texts = _recent_fragments(recent, wanted)
    fresh = [tid for tid in sorted(frags) if tid in changed]
    retired = [tid for tid in sorted(frags) if tid not in versions]
    if not fresh or not retired:
        return 0
    found = _likely_returns(frags, texts, fresh, retired, memo(idf), clusterer.words.is_name)
    made = _take_up(clusterer, found)
    if made:
        clusterer.returned = {tid: clusterer.version_of(tid) for tid in clusterer.live_ids()}
    return made


def _recent_fragments(recent: Iterable[tuple[RecentPost, int]],
                      wanted: set[int]) -> tuple[dict[int, PairFragment], dict[int, list[str]]]:
    """The ``wanted`` topics built from their kept recent posts (each post's words counted once, its
    time), and the texts of those posts, per topic."""
    texts: dict[int, list[str]] = {}
    frags: dict[int, PairFragment] = {}
    for post, tid in recent:
        if tid not in wanted:
            continue
        f = frags.get(tid)
        if f is None:
            f = frags[tid] = PairFragment(tid, 0, {}, [])
            texts[tid] = []
        f.posts += 1
        for w in post.words:
            f.words[w] = f.words.get(w, 0.0) + 1.0
        f.times.append(post.time)
        texts[tid].append(post.text)
    return frags, texts


def _prepared(f: PairFragment, texts: list[str], weight: Callable[[str], float],
              is_name: Callable[[str], bool]) -> PairFragment:
    """``f`` ready for the pair model (once): its replies, questions, vector and names."""
    if not f.vector and f.words:
        f.replies = sum(reply_like(t) for t in texts)
        f.questions = sum("?" in t for t in texts)
        f.meaning = post_meaning.summed(texts)
        prepare(f, weight, is_name)      # times are in post order: sorted already
    return f


def _likely_returns(frags: dict[int, PairFragment], texts: dict[int, list[str]], fresh: list[int],
                    retired: list[int], weight: Callable[[str], float],
                    is_name: Callable[[str], bool]) -> list[tuple[float, int, int]]:
    """(-probability, live topic, retired story) of each pair the learned model puts at its level or
    above: each fresh topic against the retired stories holding one of its strongest words (no word
    more than WALL_HOLDERS hold), which ended before it began and do not mostly name another place."""
    model = shipped_model()
    holders: dict[str, list[int]] = {}
    for tid in retired:
        for w in frags[tid].words:
            holders.setdefault(w, []).append(tid)
    top = max((weight(w) for f in frags.values() for w in f.words), default=1.0)
    found: list[tuple[float, int, int]] = []
    for tid in fresh:
        f = _prepared(frags[tid], texts[tid], weight, is_name)
        if not f.vector:
            continue
        near = {r for w, _ in top_items(f.vector, RETURN_WORDS)
                if len(holders.get(w, ())) <= WALL_HOLDERS for r in holders.get(w, ())}
        for r in sorted(near):
            g = _prepared(frags[r], texts[r], weight, is_name)
            if g.times[-1] >= f.times[0] or apart(f.words, f.posts, f.names, g.words, g.posts, g.names):
                continue
            p = model.probability(pair_features(f, g, weight, top))
            if p >= model.level:
                found.append((-p, tid, r))
    return found


def _take_up(clusterer: TopicClusterer, found: list[tuple[float, int, int]]) -> int:
    """Let the live topics take up their stories, most probable first, one live topic per story; how
    many did."""
    made = 0
    used: set[int] = set()
    for _, tid, r in sorted(found):
        if tid in used or r in used or not clusterer.take_up(tid, r):
            continue
        used.update((tid, r))
        made += 1
    return made


def gather_small(clusterer: TopicClusterer, idf: Callable[[str], float]) -> int:
    """On the wall: the small fragments that went quiet join the story whose words and names they share
    (:func:`~newsroom.analysis.topic_absorb.gather_on_wall`); returns the merges. Only the stories that
    use one of their words are built, and only pairs holding a fragment that changed or went quiet since
    the last gathering are compared."""
    clusters = clusterer.model.clusters
    live = [tid for tid in clusterer.live_ids() if clusters[tid].docs > 0.0 and clusters[tid].words]
    small = settled_fragments(_fragments(clusterer, [t for t in live if clusters[t].count <= GATHER_LARGEST]),
                              clusterer.model.now)
    if not small:
        return 0
    used = {w for f in small for w in f.words}
    stories = _fragments(clusterer, [t for t in live if clusters[t].count > GATHER_LARGEST
                                     and not used.isdisjoint(clusters[t].words)])
    settled = small + stories
    fresh = _fresh(clusterer, settled, clusterer.gathered)
    made = merge_pairs(clusterer, gather_on_wall(settled, idf, clusterer.words.is_name,
                                                 max_holders=WALL_HOLDERS, fresh=fresh))
    clusterer.gathered = {f.id: clusterer.version_of(f.id) for f in settled if clusterer.is_live(f.id)}
    return made


def _fragments(clusterer: TopicClusterer, ids: list[int], times: dict[int, list[float]] | None = None,
               ccount: dict[int, dict[str, float]] | None = None) -> list[Fragment]:
    """Live topics as story grouping sees them (on the wall each one's WALL_WORDS strongest words)."""
    wall = not clusterer.keep_docs
    ccount = ccount or {}
    fragments: list[Fragment] = []
    for tid in ids:
        cluster = clusterer.model.clusters[tid]
        if cluster.docs > 0.0 and cluster.words:
            f = clusterer.fragment(tid, times)
            if tid in ccount:
                f = Fragment(f.id, f.posts, {**f.words, **ccount[tid]}, f.times, f.first)
            if wall and len(f.words) > WALL_WORDS:   # bounded cost per fragment on the wall
                f = Fragment(f.id, f.posts, dict(heapq.nlargest(WALL_WORDS, f.words.items(),
                                                                key=lambda kv: (kv[1], kv[0]))), f.times,
                             f.first)
            fragments.append(f)
    return fragments


def _fresh(clusterer: TopicClusterer, fragments: list[Fragment], seen: dict[int, int]) -> set[int]:
    """The fragments whose version is not the one ``seen`` at the last pass (the others were compared
    with each other then)."""
    return {f.id for f in fragments if seen.get(f.id) != clusterer.version_of(f.id)}
