"""Absorbing small fragments into the stories that explain them (the batch's last step).

On hand-written posts a story leaves many topics of one or two posts behind: replies that say little
("Bij ons ook, al 3 dagen"), posts that use one of the story's words with words of their own. Each post
of such a fragment moves to the bigger topic that best explains it, when the evidence is strong enough;
chatter (no story's words, or far from every story in time) stays where it is.

The evidence of a story for a post: the share of the post's word weight (idf) that the story's own
posts use, each word weighted by how common it is among them, times how close in time the post is
to the story's posts (a reply comes minutes to hours after what it answers).

Then the fragments that are left (of at most GATHER_LARGEST posts) are gathered into the stories whose
words they share, names weighing double: a street, a shop's or a school's name that people write with
a capital is the thread that ties "Camera gekocht na wat er in Hoogveld gebeurt" to the burglaries there
(:func:`gather_fragments`, average linkage as in :func:`~newsroom.analysis.topic_stories.story_merges`;
two fragments that each name another street stay apart).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Collection, Sequence

from newsroom.analysis.story_fragment import Fragment
from newsroom.analysis.topic_stories import story_merges

#: topics of at most this many posts are fragments whose posts may move
FRAGMENT = 2
#: a post moves only into a topic of at least this many posts (never big into small)
STORY = 4
#: time closeness halves every this many seconds between the post and the story's nearest post
HALF_LIFE_S = 3 * 3600.0
#: the least evidence that moves a post (chosen on the development streams)
ABSORB_EVIDENCE = 0.06
#: rounds: posts absorbed in one round make their story's words count in the next
ROUNDS = 3


def _closeness(times: list[float], t: float) -> float:
    i = bisect.bisect_left(times, t)
    near = min((abs(times[j] - t) for j in (i - 1, i) if 0 <= j < len(times)), default=math.inf)
    return float(0.5 ** (near / HALF_LIFE_S))


def absorb_fragments(words: Sequence[frozenset[str]], times: Sequence[float], topics: list[int],
                     idf: Callable[[str], float], *, fragment: int = FRAGMENT, story: int = STORY,
                     evidence: float | None = None, rounds: int = ROUNDS) -> int:
    """Move the posts of small topics (``topics`` is changed in place) to the topic of at least
    ``story`` posts with the best evidence, when it is at least ``evidence``; returns the moves.
    Deterministic: candidates are scanned in id order, ties go to the bigger, then lower-id topic."""
    evidence = ABSORB_EVIDENCE if evidence is None else evidence
    weight = {w: max(idf(w), 0.0) for ws in words for w in ws}
    moved = 0
    for _ in range(rounds):
        members: dict[int, list[int]] = {}
        for i, tid in enumerate(topics):
            members.setdefault(tid, []).append(i)
        stories = {tid: docs for tid, docs in members.items() if len(docs) >= story}
        share: dict[int, dict[str, float]] = {}
        when: dict[int, list[float]] = {}
        holders: dict[str, list[int]] = {}
        for tid in sorted(stories):
            docs = stories[tid]
            counts: dict[str, float] = {}
            for i in docs:
                for w in words[i]:
                    counts[w] = counts.get(w, 0.0) + 1.0
            share[tid] = {w: c / len(docs) for w, c in counts.items()}
            when[tid] = sorted(times[i] for i in docs)
            for w in counts:
                holders.setdefault(w, []).append(tid)
        moves: list[tuple[int, int]] = []
        for tid in sorted(members):
            docs = members[tid]
            if len(docs) > fragment:
                continue
            for i in docs:
                total = sum(weight[w] for w in words[i])
                if total <= 0.0:
                    continue
                candidates = sorted({t for w in words[i] for t in holders.get(w, ()) if t != tid})
                best, best_score = tid, evidence
                for t in candidates:
                    explained = sum(weight[w] * share[t].get(w, 0.0) for w in words[i]) / total
                    score = explained * _closeness(when[t], times[i])
                    if score > best_score or (score == best_score and best != tid
                                              and len(stories[t]) > len(stories[best])):
                        best, best_score = t, score
                if best != tid:
                    moves.append((i, best))
        if not moves:
            break
        for i, t in moves:
            topics[i] = t
        moved += len(moves)
    return moved


#: gather_fragments: a name (street, place, organisation: written with a capital mid-sentence) weighs
#: NAME_WEIGHT times its idf; fragments join from GATHER_SIMILARITY (words times time closeness) while
#: the smaller of the two has at most GATHER_LARGEST posts (chosen on the four development streams:
#: hand-written +0.02..+0.06 AMI, generated -0.01..-0.02)
NAME_WEIGHT = 2.0
GATHER_SIMILARITY = 0.1
GATHER_LARGEST = 5.0


def names_weigh_more(idf: Callable[[str], float], is_name: Callable[[str], bool]) -> Callable[[str], float]:
    """``idf`` with names weighing NAME_WEIGHT times as much: the thread between a story's fragments."""
    def weight(w: str) -> float:
        return idf(w) * (NAME_WEIGHT if is_name(w) else 1.0)

    return weight


def gather_fragments(fragments: Sequence[Fragment], idf: Callable[[str], float],
                     is_name: Callable[[str], bool]) -> list[tuple[int, int]]:
    """(fragment, fragment) merges that gather small fragments into the story whose names they share."""
    return story_merges(fragments, names_weigh_more(idf, is_name), is_name, similarity=GATHER_SIMILARITY,
                        small_similarity=GATHER_SIMILARITY, largest=GATHER_LARGEST)


#: On the wall (:func:`gather_on_wall`): a fragment of at most GATHER_LARGEST posts joins a story of at
#: least WALL_STORY posts from WALL_SIMILARITY on, once no post came to it for WALL_QUIET_S: a young
#: fragment may be a story's start, and a wall merge is final (the merged topic goes on drawing the
#: stream's posts). Chosen on the seven development streams (docs/topics.md, twelfth pass): at the
#: batch's 0.1, or without the quiet hours, the generated towns lost 0.02-0.18 AMI.
WALL_STORY = 6.0
WALL_SIMILARITY = 0.2
WALL_QUIET_S = 2 * 3600.0


def settled_fragments(fragments: Sequence[Fragment], now: float | None) -> list[Fragment]:
    """What the wall's gathering compares: the stories (more than GATHER_LARGEST posts) and the small
    fragments that had no post for WALL_QUIET_S before ``now`` (``times`` sorted, the most recent last)."""
    if now is None:
        return [f for f in fragments if f.posts > GATHER_LARGEST]
    return [f for f in fragments
            if f.posts > GATHER_LARGEST or (f.times and now - f.times[-1] >= WALL_QUIET_S)]


def gather_on_wall(fragments: Sequence[Fragment], idf: Callable[[str], float],
                   is_name: Callable[[str], bool], *, max_holders: int,
                   fresh: Collection[int] | None = None) -> list[tuple[int, int]]:
    """The wall's :func:`gather_fragments` over :func:`settled_fragments` (each one's words as the word
    model counts them, its recent post times): names weigh double, two fragments that each mostly name
    another street never join, closeness in time counts; a small fragment joins a story of at least
    WALL_STORY posts, never another small one. Bounded as the wall's story grouping is: a word among the
    strongest of more than ``max_holders`` fragments makes no neighbours, and only pairs holding one of
    the ``fresh`` fragments (changed or settled since the last gathering) are compared."""
    return story_merges(fragments, names_weigh_more(idf, is_name), is_name, similarity=WALL_SIMILARITY,
                        small_similarity=WALL_SIMILARITY, largest=GATHER_LARGEST,
                        max_holders=max_holders, fresh=fresh, into=WALL_STORY)
