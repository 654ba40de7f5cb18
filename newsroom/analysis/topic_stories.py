"""Topics into stories: which fragments of the word model tell one story, and which topic two.

The word model splits a story told in many voices (a headline, a resident's complaint, the city's
notice, replies without the keyword) into fragments that share few words each, and may glue two stories
that share their words (roadworks in two streets). Four steps, each a pure function over small
dictionaries (the clusterer applies what they return), in the order the batch runs them:

- :func:`~newsroom.analysis.story_place_split.split_by_names`: a topic whose posts mostly name two
  places rarely named together is two;
- :func:`~newsroom.analysis.story_reassign.story_reassign`: posts move to the topic whose idf-weighted
  words and time fit them best;
- :func:`story_merges` (here): fragments are joined, most similar first (average linkage), on
  idf-weighted words widened with the words they are used with elsewhere in the stream
  (:mod:`~newsroom.analysis.story_words`), times their closeness in time
  (:mod:`~newsroom.analysis.story_similarity`); two fragments that each mostly name a different place
  never are (:func:`~newsroom.analysis.story_fragment.apart`);
- :func:`~newsroom.analysis.story_time_absorb.time_absorptions`: a small fragment inside a burst one
  story dominates joins it.

Deterministic: every loop runs over sorted ids or in input order; ties go to the lower id.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Sequence

from newsroom.analysis.best_first import join_best_first
from newsroom.analysis.story_fragment import Fragment
from newsroom.analysis.story_group import Group, names_of, new_group, subjects_of
from newsroom.analysis.story_screen import SLACK, CosineScreen
from newsroom.analysis.story_similarity import SUBJECT_POSTS, join_score, lowest_threshold, threshold, too_big
from newsroom.analysis.story_words import Links, fragment_vector, heaviest, memo

#: Fragments at least this similar are one story.
STORY_SIMILARITY = 0.25
#: A fragment of at most SMALL posts joins a story from this similarity on.
SMALL_SIMILARITY = 0.15
#: With an onset window: each fragment of SUBJECT_POSTS posts or more is compared with at most this many
#: such fragments born after it.
ONSET_NEIGHBOURS = 30
#: Each fragment is compared with the fragments holding one of its TOP_WORDS strongest words.
TOP_WORDS = 10
#: A fragment compared with at least this many others at once screens them first
#: (:class:`~newsroom.analysis.story_screen.CosineScreen`: one numpy pass instead of one cosine each).
SCREEN_FROM = 8


def story_merges(fragments: Sequence[Fragment], idf: Callable[[str], float],
                 is_name: Callable[[str], bool], *, links: Links | None = None,
                 similarity: float | None = None,
                 small_similarity: float | None = None,
                 max_holders: int | None = None,
                 onset_s: float | None = None, subject: bool = False,
                 largest: float | None = None, fresh: Collection[int] | None = None,
                 into: float | None = None) -> list[tuple[int, int]]:
    """(fragment, fragment) pairs to merge, in order, so that each story is one topic.

    ``max_holders``: a word among the strongest of more fragments than this does not make them
    neighbours (the wall: a word half its topics use is background, and comparing them all costs).
    ``onset_s``: fragments that began this close in time need only ``small_similarity``. ``subject``:
    fragments join only when they share a subject word in their own posts (:func:`shares_subject`).
    ``largest``: two fragments join only while the smaller one has at most this many posts. ``fresh``:
    only pairs holding one of these fragments (or a merged one) are compared (the wall: two fragments
    that did not change since the last grouping were compared then). ``into``: two fragments join only
    while the bigger one has at least this many posts (small fragments join stories, not each other).

    Most similar pair first; a merged pair is one fragment from then on (its words summed, its vector
    recomputed), compared again with the neighbours of both. Deterministic: ties go to the lower ids.
    """
    idf = memo(idf)
    similarity = STORY_SIMILARITY if similarity is None else similarity
    small_similarity = SMALL_SIMILARITY if small_similarity is None else small_similarity
    groups = {f.id: new_group(f, idf, is_name, links) for f in fragments if f.posts > 0}
    holders: dict[str, list[int]] = {}
    for gid in sorted(groups):
        g = groups[gid]
        for w in heaviest(g.vector, TOP_WORDS):
            holders.setdefault(w, []).append(gid)
    neighbours: dict[int, set[int]] = {gid: set() for gid in groups}
    for ids in holders.values():
        if 1 < len(ids) <= (max_holders or len(ids)):
            for gid in ids:
                neighbours[gid].update(ids)
    if onset_s is not None:                   # fragments born together are compared too
        born = sorted((gid for gid in groups if groups[gid].posts >= SUBJECT_POSTS),
                      key=lambda gid: (groups[gid].first, gid))
        for i, gid in enumerate(born):
            for other in born[i + 1:i + 1 + ONSET_NEIGHBOURS]:
                if groups[other].first - groups[gid].first > onset_s:
                    break
                neighbours[gid].add(other)
                neighbours[other].add(gid)
    heap: list[tuple[float, int, int]] = []
    lowest = lowest_threshold(similarity, small_similarity, onset_s)
    screen = CosineScreen(lambda gid: (groups[gid].vector, groups[gid].norm))
    screen.add(sorted(groups))

    def push(a: int, others: Sequence[int]) -> None:
        ga = groups[a]
        others = [b for b in others if b != a and b in groups]
        if lowest > 0.0 and len(others) >= SCREEN_FROM:    # words below every bar: never joined
            cosines = screen.cosines(a, others)
            others = [b for b, c in zip(others, cosines, strict=True) if c >= lowest - SLACK]
        for b in others:
            gb = groups[b]
            if too_big(ga, gb, largest, onset_s) or (into is not None and max(ga.posts, gb.posts) < into):
                continue
            least = threshold(ga, gb, similarity, small_similarity, onset_s)
            s = join_score(ga, gb, least, subject, onset_s)
            if s >= least:
                heapq.heappush(heap, (-s, min(a, b), max(a, b)))

    for gid in sorted(groups):
        if fresh is None or gid in fresh:
            push(gid, sorted(n for n in neighbours[gid] if n > gid))
        else:
            push(gid, sorted(n for n in neighbours[gid] if n > gid and n in fresh))
    def score(ga: Group, gb: Group) -> float | None:
        return None if too_big(ga, gb, largest, onset_s) else join_score(ga, gb, 0.0, subject, onset_s)

    def bar(ga: Group, gb: Group) -> float:
        return threshold(ga, gb, similarity, small_similarity, onset_s)

    def join(kept: Group, gone: Group) -> None:
        for w, c in gone.words.items():
            kept.words[w] = kept.words.get(w, 0.0) + c
        kept.posts += gone.posts
        kept.times = sorted(kept.times + gone.times)
        kept.first = min(kept.first, gone.first)
        kept.vector, kept.norm = fragment_vector(kept.words, kept.posts, idf, links)
        screen.forget(kept.id)
        screen.forget(gone.id)
        kept.names = names_of(kept.words, kept.posts, is_name)
        kept.subjects = subjects_of(kept.words, kept.posts)

    return join_best_first(heap, groups, neighbours, score, bar, join, push)
