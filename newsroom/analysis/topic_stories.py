"""Topics into stories: which fragments of the word model tell one story, and which topic two.

The word model splits a story told in many voices (a headline, a resident's complaint, the city's
notice, replies without the keyword) into fragments that share few words each, and may glue two stories
that share their words (roadworks in two streets). Four steps, each a pure function over small
dictionaries (the clusterer applies what they return):

- :func:`split_by_names`: a topic whose posts mostly name two places rarely named together is two;
- :func:`story_reassign`: posts move to the topic whose idf-weighted words and time fit them best;
- :func:`story_merges`: fragments are joined, most similar first (average linkage), on idf-weighted
  words widened with the words they are used with elsewhere in the stream (:func:`word_links`), times
  their closeness in time; two fragments that each mostly name a different place never are
  (:func:`apart`);
- :func:`time_absorptions`: a small fragment inside a burst one story dominates joins it.

Deterministic: every loop runs over sorted ids or in input order; ties go to the lower id.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, insort
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from newsroom.analysis.best_first import join_best_first
from newsroom.analysis.topic_ids import most_held

#: Fragments at least this similar are one story.
STORY_SIMILARITY = 0.25
#: A fragment of at most SMALL posts joins a story from this similarity on.
SMALL_SIMILARITY = 0.15
SMALL = 2
#: A name in this share of a fragment's posts is what the fragment is about; a fragment with less than
#: ABSENT of it does not mention it.
NAME_SHARE = 0.3
ABSENT = 0.05
#: Similarity is weighed by time closeness: (1 - CLOSE_WEIGHT) + CLOSE_WEIGHT * closeness, where
#: closeness is the mean exp(-gap / CLOSE_SCALE_S) of a post to the other fragment's nearest post.
CLOSE_WEIGHT = 0.7
CLOSE_SCALE_S = 3 * 3600.0
CLOSE_SAMPLE = 40
#: With an onset window: two fragments born together that each use one word in SUBJECT_SHARE of their
#: posts (SUBJECT_POSTS posts at least: "storm" in the storm's damage, its alert and its English posts)
#: tell one story from this similarity on.
SUBJECT_SHARE = 0.2
SUBJECT_POSTS = 5
ONSET_SUBJECT = 0.05
#: With an onset window: each fragment of SUBJECT_POSTS posts or more is compared with at most this many
#: such fragments born after it.
ONSET_NEIGHBOURS = 30
#: Weight of the words a fragment's words are used with elsewhere in the stream ("zandzakjes" and
#: "wateroverlast" in one post of the city's tie the fragments that use only one of them).
LINK_WEIGHT = 1.0
#: Each fragment is compared with the fragments holding one of its TOP_WORDS strongest words.
TOP_WORDS = 10
#: Words kept per word in the links, and per fragment in its vector (bounded cost on big streams).
LINKS_KEPT = 20
VECTOR_KEPT = 60


@dataclass(frozen=True, slots=True)
class Fragment:
    """A topic as story grouping sees it: word counts (posts counted once), posts, post times (sorted;
    on the wall just the first and the last)."""

    id: int
    posts: float
    words: dict[str, float]
    times: tuple[float, ...]
    #: when its first post was published (POSIX seconds; None: the first of ``times``)
    first: float | None = None


@dataclass(slots=True)
class _Group:
    id: int
    posts: float
    words: dict[str, float]
    times: list[float]
    vector: dict[str, float]
    norm: float
    names: frozenset[str]
    first: float
    #: words in SUBJECT_SHARE of its posts
    subjects: frozenset[str] = frozenset()


Links = dict[str, dict[str, float]]


def top_items(weights: dict[str, float], n: int) -> list[tuple[str, float]]:
    """The ``n`` heaviest (word, weight) pairs, heaviest first, ties by the word (highest first): as
    ``heapq.nlargest(n, items, key=(weight, word))``, compared as tuples without a key function."""
    if len(weights) <= n:
        return [(w, v) for v, w in sorted(zip(weights.values(), weights.keys(), strict=True), reverse=True)]
    return [(w, v) for v, w in heapq.nlargest(n, zip(weights.values(), weights.keys(), strict=True))]


def memo(idf: Callable[[str], float]) -> Callable[[str], float]:
    """``idf`` looked up once per word (a pure function for the length of one grouping)."""
    cache: dict[str, float] = {}

    def weight(w: str) -> float:
        v = cache.get(w)
        if v is None:
            v = cache[w] = idf(w)
        return v

    return weight


def word_links(posts: Sequence[Sequence[str]], idf: Callable[[str], float], *,
               max_words: int = 30) -> Links:
    """For every word, the words used in the same posts (idf-weighted, unit length): what a story's
    other words are. Posts of more than ``max_words`` distinct words (long articles) are left out."""
    idf = memo(idf)
    raw: dict[str, dict[str, float]] = {}
    for ws in posts:
        distinct = sorted(set(ws))
        if len(distinct) < 2 or len(distinct) > max_words:
            continue
        pairs = [(w, idf(w)) for w in distinct]
        for i, w in enumerate(distinct):
            row = raw.setdefault(w, {})
            get = row.get
            for j, (v, x) in enumerate(pairs):
                if j != i:
                    row[v] = get(v, 0.0) + x
    out: Links = {}
    for w, row in raw.items():
        top = top_items(row, LINKS_KEPT)
        norm = math.sqrt(sum(x * x for _, x in top))
        out[w] = {v: x / norm for v, x in top}
    return out


def _vector(words: dict[str, float], posts: float, idf: Callable[[str], float],
            links: Links | None) -> tuple[dict[str, float], float]:
    vec = {w: c / posts * idf(w) for w, c in words.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if links and norm > 0.0:
        spread: dict[str, float] = {}
        for w, v in vec.items():
            for u, x in links.get(w, {}).items():
                spread[u] = spread.get(u, 0.0) + v * x
        s_norm = math.sqrt(sum(v * v for v in spread.values()))
        if s_norm > 0.0:
            k = LINK_WEIGHT / s_norm
            vec = {w: v / norm for w, v in vec.items()}
            for u, x in spread.items():
                vec[u] = vec.get(u, 0.0) + k * x
    if len(vec) > VECTOR_KEPT:
        vec = dict(top_items(vec, VECTOR_KEPT))
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return vec, norm


def _names(words: dict[str, float], posts: float, is_name: Callable[[str], bool]) -> frozenset[str]:
    return frozenset(w for w, c in words.items() if c >= NAME_SHARE * posts and is_name(w))


def _group(f: Fragment, idf: Callable[[str], float], is_name: Callable[[str], bool],
           links: Links | None) -> _Group:
    vec, norm = _vector(f.words, f.posts, idf, links)
    times = sorted(f.times)
    first = f.first if f.first is not None else (times[0] if times else 0.0)
    return _Group(f.id, f.posts, dict(f.words), times, vec, norm, _names(f.words, f.posts, is_name), first,
                  _subjects(f.words, f.posts))


def _subjects(words: dict[str, float], posts: float) -> frozenset[str]:
    return frozenset(w for w, c in words.items() if c >= SUBJECT_SHARE * posts)


def _cosine(a: _Group, b: _Group) -> float:
    if a.norm <= 0.0 or b.norm <= 0.0:
        return 0.0
    x, y = a.vector, b.vector
    shared = x.keys() & y.keys()
    if not shared:
        return 0.0
    dot = math.fsum([x[w] * y[w] for w in shared])   # exactly rounded: the same whatever the hash seed
    return dot / (a.norm * b.norm)


def _near(times: list[float], t: float) -> float:
    i = bisect_left(times, t)
    gap = min((abs(times[j] - t) for j in (i - 1, i) if 0 <= j < len(times)), default=math.inf)
    return math.exp(-gap / CLOSE_SCALE_S) if gap < math.inf else 0.0


def closeness(a: Sequence[float], b: list[float]) -> float:
    """Mean time closeness of the posts at times ``a`` to the nearest of the sorted times ``b`` (over
    at most CLOSE_SAMPLE of ``a``, evenly spread)."""
    if len(a) > CLOSE_SAMPLE:
        step = len(a) / CLOSE_SAMPLE
        a = [a[int(i * step)] for i in range(CLOSE_SAMPLE)]
    return sum(_near(b, t) for t in a) / len(a) if a else 0.0


def apart(a_words: dict[str, float], a_posts: float, a_names: frozenset[str], b_words: dict[str, float],
          b_posts: float, b_names: frozenset[str]) -> bool:
    """Each of two topics mostly names a street or place (``*_names``) that the other never names: two
    stories (two streets, two places), whatever else they share. ``*_words``: word counts; ``*_posts``:
    posts counted."""
    if not a_names or not b_names or a_names & b_names:
        return False
    return (not any(b_words.get(w, 0.0) >= ABSENT * b_posts for w in a_names)
            and not any(a_words.get(w, 0.0) >= ABSENT * a_posts for w in b_names))


def _score(a: _Group, b: _Group, floor: float = 0.0, subject: bool = False,
           onset_s: float | None = None) -> float:
    """The similarity that must pass the threshold (0 when names keep the fragments apart, unless
    they were born within ``onset_s`` and share a subject word: one story breaking names many things;
    0 as well when the words alone stay below ``floor``: time closeness can only lower them; with
    ``subject``, 0 unless the smaller one's subject is in the other's own posts, see
    :func:`_shares_subject`)."""
    if apart(a.words, a.posts, a.names, b.words, b.posts, b.names) and not (
            onset_s is not None and abs(a.first - b.first) <= onset_s and _same_subject(a, b)):
        return 0.0
    if subject and not _shares_subject(a, b):   # the cheaper test first
        return 0.0
    sim = _cosine(a, b)
    if sim <= 0.0 or sim < floor:
        return 0.0
    small, big = (a, b) if len(a.times) <= len(b.times) else (b, a)
    return sim * (1.0 - CLOSE_WEIGHT + CLOSE_WEIGHT * closeness(small.times, big.times))


def _too_big(a: _Group, b: _Group, largest: float | None, onset_s: float | None) -> bool:
    """Whether two fragments are each too big to join (``largest``: the smaller one holds more posts),
    unless they began within ``onset_s`` of each other and share their subject word: a crisis breaks in
    many fragments at once, each soon big, and they are one story (the demo's storm: split, its alert
    came 11 minutes later)."""
    if largest is None or min(a.posts, b.posts) <= largest:
        return False
    return onset_s is None or abs(a.first - b.first) > onset_s or not _same_subject(a, b)


def _threshold(a: _Group, b: _Group, similarity: float, small_similarity: float,
               onset_s: float | None = None) -> float:
    """The similarity two fragments need: less for a small one, and (``onset_s``) for two that began
    within ``onset_s`` of each other (the fragments of a story that breaks are born together)."""
    if min(a.posts, b.posts) <= SMALL:
        return small_similarity
    if onset_s is not None and abs(a.first - b.first) <= onset_s:
        return ONSET_SUBJECT if _same_subject(a, b) else small_similarity
    return similarity


def _shares_subject(a: _Group, b: _Group) -> bool:
    """A word in SUBJECT_SHARE of the smaller fragment's posts is in ABSENT of the bigger one's own
    posts (not only among the words its words are used with): a story grown from many fragments does
    not take in every new story whose words its vocabulary happens to be linked to."""
    small, big = (a, b) if (a.posts, a.id) <= (b.posts, b.id) else (b, a)
    floor, get = ABSENT * big.posts, big.words.get
    return any(get(w, 0.0) >= floor for w in small.subjects)


def _same_subject(a: _Group, b: _Group) -> bool:
    """Both fragments (of SUBJECT_POSTS posts at least) use one word in SUBJECT_SHARE of their posts."""
    if min(a.posts, b.posts) < SUBJECT_POSTS:
        return False
    return not a.subjects.isdisjoint(b.subjects)


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
    fragments join only when they share a subject word in their own posts (:func:`_shares_subject`).
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
    groups = {f.id: _group(f, idf, is_name, links) for f in fragments if f.posts > 0}
    holders: dict[str, list[int]] = {}
    for gid in sorted(groups):
        g = groups[gid]
        for w, _ in top_items(g.vector, TOP_WORDS):
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

    def push(a: int, others: Sequence[int]) -> None:
        ga = groups[a]
        for b in others:
            if b == a or b not in groups:
                continue
            gb = groups[b]
            if _too_big(ga, gb, largest, onset_s) or (into is not None and max(ga.posts, gb.posts) < into):
                continue
            least = _threshold(ga, gb, similarity, small_similarity, onset_s)
            s = _score(ga, gb, least, subject, onset_s)
            if s >= least:
                heapq.heappush(heap, (-s, min(a, b), max(a, b)))

    for gid in sorted(groups):
        if fresh is None or gid in fresh:
            push(gid, sorted(n for n in neighbours[gid] if n > gid))
        else:
            push(gid, sorted(n for n in neighbours[gid] if n > gid and n in fresh))
    def score(ga: _Group, gb: _Group) -> float | None:
        return None if _too_big(ga, gb, largest, onset_s) else _score(ga, gb, 0.0, subject, onset_s)

    def bar(ga: _Group, gb: _Group) -> float:
        return _threshold(ga, gb, similarity, small_similarity, onset_s)

    def join(kept: _Group, gone: _Group) -> None:
        for w, c in gone.words.items():
            kept.words[w] = kept.words.get(w, 0.0) + c
        kept.posts += gone.posts
        kept.times = sorted(kept.times + gone.times)
        kept.first = min(kept.first, gone.first)
        kept.vector, kept.norm = _vector(kept.words, kept.posts, idf, links)
        kept.names = _names(kept.words, kept.posts, is_name)
        kept.subjects = _subjects(kept.words, kept.posts)

    return join_best_first(heap, groups, neighbours, score, bar, join, push)


#: A fragment of at most ABSORB_MAX posts that no story's words claim joins the story that dominates
#: the time around its posts: at least ABSORB_SHARE of the other posts within ABSORB_WINDOW_S, in a
#: story of at least ABSORB_STORY posts ("Wie weet hoe lang nog?" in the middle of a flood).
ABSORB_MAX = 5
ABSORB_SHARE = 0.5
ABSORB_WINDOW_S = 2 * 3600.0
ABSORB_STORY = 8


def time_absorptions(posts: Sequence[tuple[float, int]], *, max_posts: int = ABSORB_MAX,
                     share: float = ABSORB_SHARE, window_s: float = ABSORB_WINDOW_S,
                     story_posts: int = ABSORB_STORY) -> list[tuple[int, int]]:
    """(fragment, story) merges for small fragments inside a time where one story dominates.

    ``posts``: (time, topic) of every post, in time order. A fragment's posts vote with the topics of
    the other posts within ``window_s``; the winner takes it when it holds ``share`` of those votes.
    """
    sizes: dict[int, int] = {}
    for _, tid in posts:
        sizes[tid] = sizes.get(tid, 0) + 1
    times = [t for t, _ in posts]
    votes: dict[int, dict[int, int]] = {}
    lo = hi = 0
    for i, (t, tid) in enumerate(posts):
        if sizes[tid] > max_posts:
            continue
        while times[lo] < t - window_s:
            lo += 1
        hi = max(hi, i)
        while hi + 1 < len(posts) and times[hi + 1] <= t + window_s:
            hi += 1
        mine = votes.setdefault(tid, {})
        for _, other in posts[lo:hi + 1]:
            if other != tid and sizes[other] >= story_posts:
                mine[other] = mine.get(other, 0) + 1
        mine[-1] = mine.get(-1, 0) + sum(1 for _, o in posts[lo:hi + 1] if o != tid)
    out = []
    for tid in sorted(votes):
        mine = votes[tid]
        total = mine.pop(-1, 0)
        if not mine or not total:
            continue
        best = most_held(mine)
        if mine[best] >= share * total:
            out.append((tid, best))
    return out


#: Reassignment by story: a post's similarity to a topic is weighed by how close in time the topic's
#: nearest other post is: (1 - TIME_WEIGHT) + TIME_WEIGHT * exp(-gap / TIME_SCALE_S).
TIME_WEIGHT = 0.7
TIME_SCALE_S = 6 * 3600.0
STORY_SWEEPS = 3
#: A post moves only to a topic it fits at least this well (one shared word a day away is no evidence).
MIN_MOVE = 0.15
#: A post is compared with the topics holding one of its CANDIDATE_WORDS rarest words.
CANDIDATE_WORDS = 3
#: Sweeps stop once fewer than this share of the posts moved.
SETTLED = 0.005


def _kernel(times: list[float], t: float, own: bool) -> float:
    """Time closeness of ``t`` to the nearest time in sorted ``times`` (``own``: ``t`` itself is one
    of them and does not count)."""
    i = bisect_left(times, t)
    best = math.inf
    skip = own
    for j in (i - 1, i, i + 1):
        if 0 <= j < len(times):
            if skip and times[j] == t:
                skip = False
                continue
            best = min(best, abs(times[j] - t))
    if best == math.inf:
        return 0.0
    return math.exp(-best / TIME_SCALE_S)


def story_reassign(words: Sequence[Sequence[str]], times: Sequence[float], topics: list[int],
                   idf: Callable[[str], float], *, sweeps: int = STORY_SWEEPS) -> int:
    """Move posts to the topic whose words (idf-weighted) and time fit them best; returns moves.

    ``topics`` is updated in place. A post compares itself with every topic sharing one of its words,
    its own topic counted without it; the similarity is weighed by time closeness, so two fires on two
    days stay two stories and a post near a story's burst joins that burst. Posts that share no word
    with any other topic stay where they are.
    """
    vectors: list[dict[str, float]] = []
    for ws in words:
        vec = {w: idf(w) for w in dict.fromkeys(ws)}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        vectors.append({w: v / norm for w, v in vec.items()} if norm > 0 else {})
    centroid: dict[int, dict[str, float]] = {}
    square: dict[int, float] = {}
    holders: dict[str, dict[int, int]] = {}
    stamps: dict[int, list[float]] = {}
    for vec, t, tid in zip(vectors, times, topics, strict=True):
        c = centroid.setdefault(tid, {})
        for w, v in vec.items():
            c[w] = c.get(w, 0.0) + v
            h = holders.setdefault(w, {})
            h[tid] = h.get(tid, 0) + 1
        insort(stamps.setdefault(tid, []), t)
    for tid, c in centroid.items():
        square[tid] = sum(v * v for v in c.values())

    def move(vec: dict[str, float], t: float, src: int, dst: int) -> None:
        cs, cd = centroid[src], centroid.setdefault(dst, {})
        for w, v in vec.items():
            old = cs[w]
            square[src] += (old - v) ** 2 - old * old
            if old - v > 1e-12:
                cs[w] = old - v
            else:
                del cs[w]
            old = cd.get(w, 0.0)
            square[dst] = square.get(dst, 0.0) + (old + v) ** 2 - old * old
            cd[w] = old + v
            h = holders[w]
            h[src] -= 1
            if not h[src]:
                del h[src]
            h[dst] = h.get(dst, 0) + 1
        times_src = stamps[src]
        del times_src[bisect_left(times_src, t)]
        insort(stamps.setdefault(dst, []), t)

    moved = 0
    for _ in range(sweeps):
        moves = 0
        for i, vec in enumerate(vectors):
            if not vec:
                continue
            t, own = times[i], topics[i]
            rare = heapq.nlargest(CANDIDATE_WORDS, vec.items(), key=lambda kv: (kv[1], kv[0]))
            candidates = sorted({tid for w, _ in rare for tid in holders[w]} | {own})
            # cosine first; the time factor (at most 1) only for topics that can still win
            fits: list[tuple[float, int]] = []
            for tid in candidates:
                c = centroid[tid]
                dot = sum(v * c.get(w, 0.0) for w, v in vec.items())
                sq = square[tid]
                if tid == own:
                    dot -= 1.0
                    sq = sq - 2.0 * (dot + 1.0) + 1.0
                fits.append((dot / math.sqrt(sq) if dot > 1e-12 and sq > 1e-12 else 0.0, tid))
            fits.sort(key=lambda f: (-f[0], f[1] != own, f[1]))
            best, best_score = own, -1.0
            for cos, tid in fits:
                if cos <= best_score or cos <= 0.0:
                    break
                score = cos * (1.0 - TIME_WEIGHT + TIME_WEIGHT * _kernel(stamps[tid], t, tid == own))
                if score > best_score + 1e-12 or (tid == own and score >= best_score - 1e-12):
                    best, best_score = tid, score
            if best_score < 0.0:
                best = own
            if best != own and best_score >= MIN_MOVE:
                move(vec, t, own, best)
                topics[i] = best
                moves += 1
        moved += moves
        if moves <= SETTLED * len(vectors):
            break
    return moved


#: A topic whose posts name two or more places (each in SPLIT_SHARE of its posts, and SPLIT_POSTS posts
#: at least) that are rarely named together (in less than SPLIT_TOGETHER of the smaller one's posts) is
#: that many stories ("wegenwerken" in two streets).
SPLIT_SHARE = 0.3
SPLIT_POSTS = 3
SPLIT_TOGETHER = 0.1


def split_by_names(posts: Sequence[tuple[frozenset[str], float]],
                   is_name: Callable[[str], bool]) -> list[int]:
    """The part of every post of one topic when it tells stories in different places, else all 0.

    ``posts``: (words, time) of the topic's posts. Each name in SPLIT_SHARE of the posts, rarely named
    with the others, makes a part (the most used first); a post joins the part it names, a post that
    names none of them joins the part of its nearest post in time that does.
    """
    n = len(posts)
    counts: dict[str, int] = {}
    for words, _ in posts:
        for w in words:
            if is_name(w):
                counts[w] = counts.get(w, 0) + 1
    floor = max(SPLIT_SHARE * n, SPLIT_POSTS)
    names = sorted((w for w, k in counts.items() if k >= floor), key=lambda w: (-counts[w], w))
    parts: list[str] = []
    for w in names:
        if all(sum(1 for words, _ in posts if w in words and p in words)
               < SPLIT_TOGETHER * min(counts[w], counts[p]) for p in parts):
            parts.append(w)
    if len(parts) < 2:
        return [0] * n
    out = [-1] * n
    for i, (words, _) in enumerate(posts):
        named = [k for k, p in enumerate(parts) if p in words]
        if len(named) == 1:
            out[i] = named[0]
    anchored = sorted((t, out[i]) for i, (_, t) in enumerate(posts) if out[i] >= 0)
    times = [t for t, _ in anchored]
    for i, (_, t) in enumerate(posts):
        if out[i] < 0:
            j = bisect_left(times, t)
            near = [k for k in (j - 1, j) if 0 <= k < len(times)]
            out[i] = anchored[min(near, key=lambda k: (abs(times[k] - t), k))][1]
    return out
