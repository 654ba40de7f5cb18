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
from dataclasses import dataclass

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
    bars = _JoinBars(STORY_SIMILARITY if similarity is None else similarity,
                    SMALL_SIMILARITY if small_similarity is None else small_similarity,
                    onset_s, subject, largest, into)
    groups = {f.id: new_group(f, idf, is_name, links) for f in fragments if f.posts > 0}
    neighbours = _word_neighbours(groups, max_holders)
    if onset_s is not None:                   # fragments born together are compared too
        _add_onset_neighbours(groups, neighbours, onset_s)
    joiner = _Joiner(groups, bars, idf, is_name, links)
    for gid in sorted(groups):
        if fresh is None or gid in fresh:
            joiner.push(gid, sorted(n for n in neighbours[gid] if n > gid))
        else:
            joiner.push(gid, sorted(n for n in neighbours[gid] if n > gid and n in fresh))
    return join_best_first(joiner.heap, groups, neighbours, bars.score, bars.bar, joiner.join, joiner.push)


def _word_neighbours(groups: dict[int, Group], max_holders: int | None) -> dict[int, set[int]]:
    """Each fragment's neighbours: the fragments sharing one of its TOP_WORDS strongest words, unless more
    than ``max_holders`` fragments hold that word."""
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
    return neighbours


def _add_onset_neighbours(groups: dict[int, Group], neighbours: dict[int, set[int]], onset_s: float) -> None:
    """Make fragments of SUBJECT_POSTS posts or more that began within ``onset_s`` of each other neighbours
    (each with at most ONSET_NEIGHBOURS born after it)."""
    born = sorted((gid for gid in groups if groups[gid].posts >= SUBJECT_POSTS),
                  key=lambda gid: (groups[gid].first, gid))
    for i, gid in enumerate(born):
        for other in born[i + 1:i + 1 + ONSET_NEIGHBOURS]:
            if groups[other].first - groups[gid].first > onset_s:
                break
            neighbours[gid].add(other)
            neighbours[other].add(gid)


@dataclass(frozen=True)
class _JoinBars:
    """What two fragments must clear to join: the similarity bars, a shared subject, their sizes."""

    similarity: float
    small_similarity: float
    onset_s: float | None
    subject: bool
    largest: float | None
    into: float | None

    def bar(self, ga: Group, gb: Group) -> float:
        """The similarity the pair needs."""
        return threshold(ga, gb, self.similarity, self.small_similarity, self.onset_s)

    def score(self, ga: Group, gb: Group) -> float | None:
        """The pair's similarity now; None when one of them has grown too big to join."""
        if too_big(ga, gb, self.largest, self.onset_s):
            return None
        return join_score(ga, gb, 0.0, self.subject, self.onset_s)

    def queued_score(self, ga: Group, gb: Group) -> float | None:
        """The pair's similarity when it clears its bar and both sizes allow the join, else None."""
        if too_big(ga, gb, self.largest, self.onset_s) or (
                self.into is not None and max(ga.posts, gb.posts) < self.into):
            return None
        least = threshold(ga, gb, self.similarity, self.small_similarity, self.onset_s)
        s = join_score(ga, gb, least, self.subject, self.onset_s)
        return s if s >= least else None


class _Joiner:
    """The fragments being joined: queues the pairs worth joining and adds a joined fragment into its
    partner (words, posts, times, vector, names, subjects)."""

    def __init__(self, groups: dict[int, Group], bars: _JoinBars, idf: Callable[[str], float],
                 is_name: Callable[[str], bool], links: Links | None) -> None:
        self.groups = groups
        self.bars = bars
        self.idf = idf
        self.is_name = is_name
        self.links = links
        self.heap: list[tuple[float, int, int]] = []
        self.lowest = lowest_threshold(bars.similarity, bars.small_similarity, bars.onset_s)
        self.screen = CosineScreen(lambda gid: (groups[gid].vector, groups[gid].norm))
        self.screen.add(sorted(groups))

    def push(self, a: int, others: Sequence[int]) -> None:
        """Queue ``a`` with each of ``others`` that clears the bars (words below every bar screened out
        first when there are many)."""
        groups = self.groups
        ga = groups[a]
        others = [b for b in others if b != a and b in groups]
        if self.lowest > 0.0 and len(others) >= SCREEN_FROM:    # words below every bar: never joined
            cosines = self.screen.cosines(a, others)
            others = [b for b, c in zip(others, cosines, strict=True) if c >= self.lowest - SLACK]
        queued_score, heap = self.bars.queued_score, self.heap
        for b in others:
            s = queued_score(ga, groups[b])
            if s is not None:
                heapq.heappush(heap, (-s, min(a, b), max(a, b)))

    def join(self, kept: Group, gone: Group) -> None:
        """Add ``gone`` into ``kept`` and recompute what ``kept``'s joins are judged on."""
        for w, c in gone.words.items():
            kept.words[w] = kept.words.get(w, 0.0) + c
        kept.posts += gone.posts
        kept.times = sorted(kept.times + gone.times)
        kept.first = min(kept.first, gone.first)
        kept.vector, kept.norm = fragment_vector(kept.words, kept.posts, self.idf, self.links)
        self.screen.forget(kept.id)
        self.screen.forget(gone.id)
        kept.names = names_of(kept.words, kept.posts, self.is_name)
        kept.subjects = subjects_of(kept.words, kept.posts)
