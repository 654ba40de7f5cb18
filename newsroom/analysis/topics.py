"""Streaming topic clustering: mentions form topics by themselves as they arrive.

Method: an MStream-style Dirichlet-multinomial mixture (:mod:`~.topic_model`); each mention joins the live
topic with the highest posterior or starts a new one, in one pass. Words are folded and stemmed in the
mention's language, so "overstroming" and "overstromingen" are one feature; a post too short to tell its
language is read in the stream's usual one. Counts decay with stream time (stale topics fade); a topic
retires after ``retire_after_s`` of silence; the number of live topics, the words kept per topic and the ids
kept per topic are capped. Two topics whose word distributions converge are merged as they grow (the bigger,
or on a tie the older, id survives; reported by :meth:`TopicClusterer.drain_merges`), and
:meth:`TopicClusterer.consolidate` (every few minutes on the wall, once after a batch) merges topics that
tell one story: pairs whose merge raises the model's joint probability, then pairs still similar. The batch
command line (:mod:`newsroom.analysis.topic_batch`) keeps every document, so it keeps every topic's full
word counts (no pruning), may add reassignment sweeps after the stream (:meth:`TopicClusterer.refine`: Gibbs
steps against the counts without the document itself) and groups the fragments of one story
(:mod:`newsroom.analysis.topic_stories`).

This module holds the clusterer's state and is the one interface the rest of the app uses; each job lives in
a small module its methods hand over to: assigning a post (:mod:`~.topic_assign`) and counting it in its
topic (:mod:`~.topic_counting`), topics born and retired (:mod:`~.topic_lifecycle`), reading words
(:mod:`~.topic_words`) and the stream's words (:mod:`~.topic_stream_words`), the model
(:mod:`~.topic_model`), ids (:mod:`~.topic_ids`), the records of posts and topics (:mod:`~.topic_records`)
and what merges do to them (:mod:`~.topic_merge_records`; which topics merge: :mod:`~.topic_merges`), the
wall's recent posts (:mod:`~.topic_recent`), the batch's moves, sweeps and whole-stream copy
(:mod:`~.topic_whole_stream`), a topic as the story steps see it (:mod:`~.topic_story_view`), stories
(:mod:`~.topic_stories`), names (:mod:`~.topic_names`; on the wall: :mod:`~.topic_wall_label`) and what a
tile shows (:mod:`~.topic_summary`).
Names are phrases people wrote, with the story's subject and place ("Wegenwerken Kanaalweg").
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime

from newsroom.analysis import (
    topic_assign,
    topic_counting,
    topic_lifecycle,
    topic_merge_records,
    topic_merges,
    topic_recent,
    topic_story_view,
    topic_stream_words,
    topic_summary,
    topic_wall_label,
    topic_whole_stream,
    wall_stories,
)
from newsroom.analysis.gc_pause import no_cyclic_gc
from newsroom.analysis.story_fragment import Fragment
from newsroom.analysis.topic_ids import TopicIds
from newsroom.analysis.topic_merges import CONSOLIDATE_SIMILARITY
from newsroom.analysis.topic_model import DMMStream
from newsroom.analysis.topic_records import (
    STAMPS_KEPT,
    Assignment,
    Counts,
    KeptPost,
    RecentPost,
    TopicMeta,
)
from newsroom.analysis.topic_stream_words import BACKGROUND_DOCS
from newsroom.analysis.topic_words import Scan, WordReader
from newsroom.analysis.words import STEMMERS
from newsroom.domain import TopicState

__all__ = ["ALPHA", "BETA", "RECENT_POSTS", "STAMPS_KEPT", "Assignment", "KeptPost", "RecentPost",
           "TopicClusterer"]

#: Default model parameters, tuned once on the public short-text benchmarks (same for every set).
ALPHA = 0.3
BETA = 0.01
MIN_VOCABULARY = 1000
#: On the wall: the words, time and text of this many recent posts (not copies, with words) are kept,
#: with the topic each is in (live or retired), so that a story that comes back after hours of silence
#: is recognised post by post (:func:`topic_merges.revive_returning`); bounded memory at crisis volume
#: (a few MB), where it holds minutes and no retired topic.
RECENT_POSTS = 4000
#: On the wall: the consolidation runs the batch's story steps over the kept recent posts every so often
#: (:mod:`~newsroom.analysis.wall_stories`)
WALL_STORIES = True


class TopicClusterer:
    """Assigns each mention to a topic as it arrives; ids are stable while a topic lives."""

    def __init__(self, *, retire_after_s: float = 6 * 3600, half_life_s: float | None = None,
                 alpha: float = ALPHA, beta: float = BETA, max_topics: int = 2000,
                 max_ids_per_topic: int = 200, max_words_per_topic: int = 400,
                 max_tracked: int | None = 200_000, keep_docs: bool = False,
                 merge_threshold: float = 0.7, min_size: int = 3,
                 min_vocabulary: int = MIN_VOCABULARY, ids: TopicIds | None = None,
                 new_id: Callable[[], int] | None = None) -> None:
        """``ids``: the allocator of this clusterer's ids; ``new_id``: where new topics get their id
        first (the wall: ids kept in the store, never reused across restarts)."""
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
        self._start_topics(ids)
        self._start_words()
        self._start_wall()

    def _start_topics(self, ids: TopicIds | None) -> None:
        """The live topics, the posts' assignments and merges, the word reader and the ids' allocator."""
        self._meta: dict[int, TopicMeta] = {}
        self._lru: dict[int, None] = {}              # live topics, least recently updated first
        self._assign: dict[str, int] = {}
        self._tracked: deque[str] = deque()
        self._alias: dict[int, int] = {}             # merged id -> surviving id
        self._merges: list[tuple[int, int]] = []
        self.words = WordReader()
        #: the one place new topic ids come from (injectable: a restarted wall continues its numbering)
        self.ids = ids if ids is not None else TopicIds()

    def _start_words(self) -> None:
        """What is known of the words: the background, the languages, how widely each word is used,
        what observe read ahead, the kept posts, the searches' own terms."""
        #: words every story uses (batch mode: from the whole input), never in a name
        self.background: frozenset[str] = frozenset()
        self._common: tuple[int, frozenset[str]] = (-1, frozenset())
        #: on the wall: the words of recently observed mentions, and when their background was worked out
        self._window: deque[frozenset[str]] = deque(maxlen=BACKGROUND_DOCS)
        self._background_at = -1
        self._wall_words: frozenset[str] = frozenset()
        self._languages: Counter[str] = Counter()
        #: documents (recent window) that used each word, from observe(); and how many were observed
        self._spread: dict[str, float] = {}
        self._seen = 0.0
        #: what observe read of the coming mentions, for add (text, language) -> (exclude, scan)
        self._scans: dict[tuple[str, str | None], tuple[Iterable[str], Scan]] = {}
        self._docs: list[KeptPost] = []
        #: the searches' own terms (``exclude_terms``) as model keys in every language: never in a name
        self._searched: tuple[tuple[str, ...], frozenset[str]] = ((), frozenset())

    def _start_wall(self) -> None:
        """What the wall keeps between its steps (recent posts, returns, moves, the stories pass, ended
        stories' names, the versions last grouped and gathered) and the count of retired topics."""
        #: on the wall: the most recent posts (:data:`RECENT_POSTS`), and each live topic's version when
        #: it was last compared with the retired stories (:func:`topic_merges.revive_returning`)
        self._recent: deque[RecentPost] = deque(maxlen=RECENT_POSTS)
        #: on the wall: the most recent replies of no words ("Echt waar?"), apart: no step reads them, they
        #: follow their parents (:func:`topic_recent.follow_parents`)
        self._wordless: deque[RecentPost] = deque(maxlen=RECENT_POSTS)
        self.returned: dict[int, int] = {}
        #: on the wall: single posts moved to another topic since the last :meth:`drain_moves`, and the
        #: stream time of the last pass of the batch's story steps (:mod:`wall_stories`)
        self._moves: dict[str, int] = {}
        self.stories_at: float | None = None
        self.stories_seen = 0
        #: on the wall: the names the stories pass gave retired topics (a story that ended before a pass
        #: regrouped it), the stream time a pass last mapped a story onto each (forgotten a window later:
        #: :func:`topic_wall_label.forget_ended`), and those changed since the last
        #: :meth:`drain_ended_names` (for the store)
        self.ended_names: dict[int, str] = {}
        self.ended_seen: dict[int, float] = {}
        self.ended_new: dict[int, str] = {}
        #: on the wall: how many posts were ever kept as recent posts, and in which topic's model counts
        #: each kept one is (a retired topic's are gone: its posts are not counted anywhere)
        self.recent_count = 0
        self._counted: dict[str, Counts] = {}
        #: topics retired so far (silent too long, or evicted)
        self.retired = 0
        #: on the wall: each live topic's version when the fragments of stories were last grouped
        self.grouped: dict[int, int] = {}
        #: on the wall: each story's and settled small fragment's version when small fragments were last
        #: gathered (:func:`topic_merges.gather_small`)
        self.gathered: dict[int, int] = {}

    # ---------------------------------------------------------------- input
    def _terms(self, text: str, lang: str | None, exclude: Iterable[str], *,
               record: bool = True) -> list[str]:
        """The document's model keys (see :class:`WordReader`)."""
        return self.words.read(text, lang, exclude, record=record)

    def observe(self, text: str, lang: str | None, exclude_terms: Iterable[str] = ()) -> None:
        """Count which words a coming mention uses, before it is added: words that most recent
        mentions use (the town, "gemeente") are background and left out of the topics' words. Call it
        for a whole batch first, so the first mentions of a fresh wall do not glue into one topic
        (:func:`topic_stream_words.observe`)."""
        topic_stream_words.observe(self, text, lang, exclude_terms)

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

    @property
    def kept(self) -> list[KeptPost]:
        """Batch mode: every post added, in order, with its current topic (follow merges with
        :meth:`resolve`)."""
        return self._docs

    def resolve(self, tid: int) -> int:
        """The topic a (possibly merged) topic id lives on as."""
        return self._resolve(tid)

    def new_topic(self, published: datetime) -> int:
        """A new empty topic (batch mode: posts are then moved into it with :meth:`move`)."""
        return topic_lifecycle.new_topic(self, published)

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
            exclude_terms: Iterable[str] = (), terms: list[str] | None = None,
            reply_to: str | None = None) -> int:
        """Assign one mention; returns its topic id. ``terms``: its model words, when already read;
        ``reply_to``: the post it answers, whose live topic it joins (:func:`topic_assign.add`)."""
        return topic_assign.add(self, mention_id, text, lang, published, sentiment=sentiment,
                                negative=negative, duplicate_of=duplicate_of, exclude_terms=exclude_terms,
                                terms=terms, reply_to=reply_to)

    def _new_topic(self, published: datetime, tid: int | None = None) -> int:
        """A new empty topic; its id comes from ``new_id`` or the allocator (``tid``: a wanted id, if
        free; :func:`topic_lifecycle.new_topic`)."""
        return topic_lifecycle.new_topic(self, published, tid)

    def _count(self, tid: int, mention_id: str, terms: Sequence[str], items: list[tuple[str, int]],
               length: int, weight: float, published: datetime, sentiment: float, negative: bool,
               written: Sequence[str] | None = None, post: tuple[str, str | None] | None = None) -> None:
        """Count a mention in a topic (:func:`topic_counting.count`); ``written``: all its words when
        background words were left out of ``terms``."""
        topic_counting.count(self, tid, mention_id, terms, items, length, weight, published, sentiment,
                             negative, written, post)

    # --------------------------------------------------------------- merges
    def merge(self, a: int, b: int) -> int:
        """Merge two live topics; the bigger (on a tie the older) id survives and is returned
        (:func:`topic_merge_records.merge`)."""
        return topic_merge_records.merge(self, a, b)

    def consolidate(self, *, similarity: float = CONSOLIDATE_SIMILARITY) -> int:
        """Merge topics that are one story told two ways (:func:`topic_merges.consolidate`; the cyclic
        garbage collector paused meanwhile, :mod:`gc_pause`); returns the number of merges."""
        with no_cyclic_gc():
            return topic_merges.consolidate(self, similarity)

    def consolidate_stories(self, *, held: bool = False, most_new: int | None = None) -> int:
        """The wall's consolidation every few minutes: :meth:`consolidate`, then the fragments of one
        story grouped (:func:`topic_merges.group_stories`), and when due the batch's story steps over
        the kept recent posts (:func:`wall_stories.run_pass`, ``held`` and ``most_new`` as there);
        returns the number of merges (the cyclic garbage collector paused meanwhile, :mod:`gc_pause`)."""
        with no_cyclic_gc():
            merges = self.consolidate() + self.group_stories()
            done = wall_stories.run_pass(self, held=held, most_new=most_new) if WALL_STORIES else None
        return merges + (done.merges if done is not None else 0)

    def live_ids(self) -> list[int]:
        """Ids of the live topics, least recently updated first."""
        return list(self._lru)

    def retire(self, tid: int) -> bool:
        """Drop a live topic now (its searches were removed); False when ``tid`` is not live."""
        tid = self._resolve(tid)
        if tid not in self._meta:
            return False
        topic_lifecycle.retire(self, tid)
        return True

    def is_live(self, tid: int) -> bool:
        """Whether ``tid`` is a live topic (not merged away, not retired)."""
        return tid in self._meta

    def size_of(self, tid: int) -> int:
        """Posts counted in a live topic (0 for any other id)."""
        meta = self._meta.get(tid)
        return 0 if meta is None else meta.size

    def version_of(self, tid: int) -> int:
        """How often a live topic changed (a post, a merge; -1 for any other id)."""
        meta = self._meta.get(tid)
        return -1 if meta is None else meta.version

    def sampled_posts(self, per_topic: int) -> list[list[str]]:
        """The model words of the most recent sampled posts of every live topic (oldest topics first)."""
        out: list[list[str]] = []
        for tid in self._lru:
            sample = self._meta[tid].sample
            for _, items in list(sample)[-per_topic:]:
                out.append([w for w, _ in items])
        return out

    def fragment(self, tid: int, times: dict[int, list[float]] | None = None) -> Fragment:
        """A live topic as story grouping sees it; its post times from ``times`` (batch: every post) or
        its recent posts' times (:func:`topic_story_view.fragment`)."""
        return topic_story_view.fragment(self, tid, times)

    def named_apart(self, a: int, b: int) -> bool:
        """Whether two topics each mostly name a different street or place that the other never names
        (:func:`topic_story_view.named_apart`)."""
        return topic_story_view.named_apart(self, a, b)

    def move(self, moves: list[tuple[KeptPost, int, int]]) -> None:
        """Move kept documents between topics (batch mode), counts, posts and times following them
        (:func:`topic_whole_stream.move`)."""
        topic_whole_stream.move(self, moves)

    def recent_posts(self) -> list[tuple[RecentPost, int]]:
        """On the wall: the kept recent posts, oldest first, each with the topic it is in now
        (:func:`topic_recent.recent_posts`)."""
        return topic_recent.recent_posts(self)

    def take_up(self, live: int, retired: int) -> bool:
        """On the wall: a live topic is the return of a retired story and goes on under the story's id
        (its mentions, counts and alert follow as in a merge: :meth:`drain_merges` reports
        ``(live, retired)``); False (nothing done) when it cannot (:func:`topic_merge_records.take_up`)."""
        return topic_merge_records.take_up(self, live, retired)

    def fold(self, gone: int, into: int) -> bool:
        """On the wall: a retired topic's posts are the topic ``into``'s (the store's mentions, counts
        and an alert follow as in a merge: :meth:`drain_merges` reports ``(gone, into)``); False when it
        cannot (:func:`topic_merge_records.fold`)."""
        return topic_merge_records.fold(self, gone, into)

    def move_posts(self, moves: Sequence[tuple[RecentPost, int, int]]) -> list[int]:
        """On the wall: recent posts move from one topic to another, the counts following; a live topic
        left without posts is folded into where most of them went; returns those
        (:func:`topic_recent.move_posts`)."""
        return topic_recent.move_posts(self, moves)

    def fresh_id(self) -> int:
        """A new topic id that no topic has (on the wall from ``new_id``: never reused)."""
        return self.ids.take(self._new_id() if self._new_id is not None else None)

    def drain_moves(self) -> dict[str, int]:
        """On the wall: mention id -> its topic now, for every post moved on its own since the last
        call (after the merges :meth:`drain_merges` reports)."""
        out, self._moves = self._moves, {}
        return {mid: self._resolve(tid) for mid, tid in out.items()}

    def name_as(self, tid: int, label: str, *, steady: bool = False) -> bool:
        """On the wall: a live topic takes ``label`` as its name (kept while it fits, see
        :func:`topic_summary.name_of`), unless the label holds a word the wall never names with
        (:func:`topic_wall_label.name_as`; ``steady``: a pass's name, see there); returns whether it did."""
        return topic_wall_label.name_as(self, tid, label, steady=steady)

    def name_ended(self, tid: int, label: str, posts: Sequence[Sequence[str]] = ()) -> bool:
        """On the wall: a topic no tile shows (retired, or hidden) a story maps onto takes ``label`` as
        its name, under the live tiles' rule (``posts``: the model words of the story's kept posts; see
        :func:`topic_wall_label.name_ended`); returns whether its name changed."""
        return topic_wall_label.name_ended(self, tid, label, posts)

    def drain_ended_names(self) -> dict[int, str]:
        """On the wall: id -> its new name of every topic no tile shows (ended, or hidden) that was named
        since the last call (a tile's title is the wall's own)."""
        out, self.ended_new = self.ended_new, {}
        return {tid: label for tid, label in sorted(out.items()) if not topic_summary.is_shown(self, tid)}

    def forget_ended_names(self) -> None:
        """Drop every ended topic's name, those waiting for the store with them (after a replay: its
        fresh ids are renumbered to the stored ones, and the store keeps its own names)."""
        self.ended_new, self.ended_names, self.ended_seen = {}, {}, {}

    def merge_pairs(self, pairs: Iterable[tuple[int, int]]) -> int:
        """Merge topic pairs in order (ids followed through earlier merges); returns the merges made."""
        return topic_merges.merge_pairs(self, pairs)

    def idf(self, word: str) -> float:
        """How rare a word is in the recently observed mentions (log inverse document frequency)."""
        return math.log((self._seen + 1.0) / (self._spread.get(word, 0.0) + 0.5))

    def count_spread(self, documents: Sequence[frozenset[str]]) -> None:
        """Batch mode: how many documents use each word, from the whole input at once."""
        topic_stream_words.count_spread(self, documents)

    def group_stories(self) -> int:
        """Merge the fragments of one story (:func:`topic_merges.group_stories`; the cyclic garbage
        collector paused meanwhile, :mod:`gc_pause`); returns the merges."""
        with no_cyclic_gc():
            return topic_merges.group_stories(self)

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
        topic_merge_records.renumber(self, mapping)

    # ---------------------------------------------------------------- batch
    def refine(self, sweeps: int = 1) -> int:
        """Reassignment sweeps over the kept documents of live topics (batch mode); returns moves
        (:func:`topic_whole_stream.refine`)."""
        return topic_whole_stream.refine(self, sweeps)

    def whole_stream(self) -> TopicClusterer:
        """Batch mode: every kept document in its topic, retired topics included, counted once without
        decay (:func:`topic_whole_stream.whole_stream`)."""
        return topic_whole_stream.whole_stream(self)

    # --------------------------------------------------------------- output
    def assignments(self) -> dict[str, int]:
        """mention id -> topic id, for every mention added (the most recent ``max_tracked``)."""
        return {m: self._resolve(t) for m, t in self._assign.items()}

    def label(self, tid: int) -> str:
        """The name of a live topic ("" for a retired one; the batch names every topic at the end)."""
        tid = self._resolve(tid)
        return topic_summary.summary(self, tid)[1] if tid in self._meta else ""

    def _common_words(self, tid: int | None = None) -> frozenset[str]:
        """On the wall: the words never in a topic's name (:func:`topic_summary.common_words`)."""
        return topic_summary.common_words(self, tid)

    def topics(self, now: datetime, *, min_size: int | None = None) -> list[TopicState]:
        """Live topics, biggest first (topics below ``min_size`` mentions or silent too long hidden)."""
        return topic_summary.topic_states(self, now, min_size)
