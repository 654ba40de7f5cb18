"""What can be found of a mention ahead of the pipeline, in a pool of worker processes: its language,
sentiment, the content words its phrases are counted from and the words copies are compared on.

All four are pure functions of a mention's text, title, given language and sentiment, its searches'
languages and the searches' own terms, so they can run on the second core while this process clusters,
stores and alerts on the batch before. The results are exactly what :meth:`Pipeline.analyse` finds
itself (it calls the same :func:`prepare_one`), keyed by mention id, and handed to
:meth:`Pipeline.ingest` with the batch:

    with Preparer(pipeline, workers=preparer_workers(count)) as prepare:
        for batch, prepared in prepare.batches(batches):
            pipeline.ingest(batch, prepared=prepared)

With ``workers=0`` everything runs in this process (small imports: a pool costs a second to start).
With a pool, this process takes back the chunks of a batch that no worker has started by the time it
needs them, so both cores stay busy whichever side is faster.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, fields
from types import TracebackType
from typing import TYPE_CHECKING

from newsroom.analysis.language import detect_language, detect_languages
from newsroom.analysis.neardup import copy_text, word_set
from newsroom.analysis.sentiment import SentimentScorer
from newsroom.analysis.words import Link, Word, content_words
from newsroom.domain import Mention, Polarity, Sentiment
from newsroom.pipeline.heap import settle
from newsroom.pipeline.pool import POOL_FROM, preparer_workers, start_pool

if TYPE_CHECKING:
    from newsroom.pipeline.runner import Pipeline

__all__ = ["CHUNK", "MEMO", "POOL_FROM", "Prepared", "Preparer", "prepare_many", "prepare_one",
           "preparer_workers", "start_pool"]

#: mentions per job sent to a worker (big enough that pickling is a small part of the work, small
#: enough that this process can take back the part of a batch no worker has started). Each result
#: wakes the pool's thread in this process, which then takes the GIL from the pipeline: 500 rather
#: than 100 took this process's CPU for a 30,000-mention import from 6.0 to 5.3 s
CHUNK = 500


@dataclass(frozen=True, slots=True)
class Prepared:
    """A mention's language and sentiment, the content words its phrases are counted from
    (:func:`~newsroom.analysis.words.content_words`) and the words its copies are found by
    (:func:`~newsroom.analysis.neardup.word_set`), as :meth:`Pipeline.analyse` uses them."""

    lang: str
    sentiment: Sentiment
    phrase_words: tuple[Word | Link | None, ...] = ()
    copy_words: frozenset[str] = frozenset()

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled as plain strings and numbers (a pool worker sends thousands a second): the
        sentiment's dataclass and enum cost the receiving process more than the rest of its work on
        the mention; the words are pickled as their strings (``Word.__reduce__``), each distinct word
        once per chunk (pickle's memo: the worker's words are shared objects); :func:`_unpickle`
        builds the same objects again."""
        s = self.sentiment
        return _unpickle, (self.lang, s.label.value, s.score, s.confidence, self.phrase_words,
                           self.copy_words)


_POLARITY = {p.value: p for p in Polarity}
#: the slots' setters: a frozen dataclass's __init__ sets each field through object.__setattr__,
#: most of the cost of building one
_PREPARED_SLOTS = tuple(getattr(Prepared, f.name).__set__ for f in fields(Prepared))
_SENTIMENT_SLOTS = (None if hasattr(Sentiment, "__post_init__")
                    else tuple(getattr(Sentiment, f.name).__set__ for f in fields(Sentiment)))
_NEW = object.__new__


def _unpickle(lang: str, label: str, score: float, confidence: float,
              words: tuple[Word | Link | None, ...], copy_words: frozenset[str]) -> Prepared:
    """A :class:`Prepared` from what its ``__reduce__`` gave."""
    if _SENTIMENT_SLOTS is None:
        sentiment = Sentiment(_POLARITY[label], score, confidence)
    else:
        sentiment = _NEW(Sentiment)
        put_label, put_score, put_confidence = _SENTIMENT_SLOTS
        put_label(sentiment, _POLARITY[label])
        put_score(sentiment, score)
        put_confidence(sentiment, confidence)
    prepared = _NEW(Prepared)
    put_lang, put_sentiment, put_words, put_copies = _PREPARED_SLOTS
    put_lang(prepared, lang)
    put_sentiment(prepared, sentiment)
    put_words(prepared, words)
    put_copies(prepared, copy_words)
    return prepared


#: what a worker needs of one mention: its text, title, given language, the prior languages (its
#: searches' languages) and its given sentiment
Job = tuple[str, str, str | None, tuple[str, ...], Sentiment | None]


def analysed_text(m: Mention) -> str:
    """What is analysed of a mention: its title and text."""
    return f"{m.title}. {m.text}" if m.title and m.title != m.text else m.text


def prior_languages(m: Mention, languages: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The languages of the searches that found ``m``, in their order (the language detector's prior)."""
    prior: tuple[str, ...] = ()
    for name in m.searches:
        prior += languages.get(name, ())
    return prior


def job_of(m: Mention, languages: Mapping[str, tuple[str, ...]]) -> Job:
    """What :func:`prepare_one` needs of ``m``."""
    return m.text, m.title, m.lang, prior_languages(m, languages), m.sentiment


def prepare_one(scorer: SentimentScorer, job: Job, exclude: Iterable[str] = (),
                detected: str | None = None) -> Prepared:
    """Language (given, else ``detected``, else detected here with the prior), sentiment (given, else
    scored), content words (the searches' own terms ``exclude`` left out) and copy words of one job."""
    text, title, lang, prior, sentiment = job
    analysed = _analysed(job)
    lang = lang or detected or detect_language(analysed, prior)
    return Prepared(lang, sentiment or scorer.score(analysed, lang),
                    tuple(content_words(analysed, lang, exclude)), word_set(copy_text(text, title)))


def _analysed(job: Job) -> str:
    """:func:`analysed_text` of a job."""
    text, title = job[0], job[1]
    return f"{title}. {text}" if title and title != text else text


def prepare_many(scorer: SentimentScorer, jobs: Sequence[Job], memo: dict[Job, Prepared],
                 exclude: Iterable[str] = ()) -> list[Prepared]:
    """:func:`prepare_one` of each job, the languages to detect detected together
    (:func:`~newsroom.analysis.language.detect_languages`); ``memo`` remembers recent jobs (retweets
    and syndicated copies repeat a text word for word: in a crisis most posts), bounded by starting
    over beyond MEMO."""
    if len(memo) >= MEMO:
        memo.clear()
    todo = [job for job in dict.fromkeys(jobs) if job not in memo]
    unknown = [job for job in todo if not job[2]]
    found = detect_languages([_analysed(job) for job in unknown], [job[3] for job in unknown])
    detected = dict(zip(unknown, found, strict=True))
    for job in todo:
        memo[job] = prepare_one(scorer, job, exclude, detected.get(job))
    return [memo[job] for job in jobs]


#: jobs remembered (per worker, per Preparer: about 2 kB each; copies follow their first closely)
MEMO = 5_000
#: what the jobs of one pipeline are prepared with: the operator's sentiment terms, the searches' terms
Settings = tuple[Mapping[str, Mapping[str, float]] | None, frozenset[str]]


#: a pool worker's settings, scorer and memo, made again when the settings change
_worker_settings: Settings | None = None
_worker_scorer: SentimentScorer | None = None
_worker_memo: dict[Job, Prepared] = {}


def _prepare_chunk(jobs: Sequence[Job], settings: Settings) -> list[Prepared]:
    global _worker_settings, _worker_scorer, _worker_memo  # one of each per worker process
    if _worker_scorer is None or settings != _worker_settings:
        _worker_settings, _worker_scorer, _worker_memo = settings, SentimentScorer(settings[0]), {}
    done = prepare_many(_worker_scorer, jobs, _worker_memo, settings[1])
    settle()  # a worker lives for one import: its memo and caches out of the collector's way
    return done


class Preparer:
    """Prepares batches of mentions for one pipeline, in ``workers`` processes (0: in this one)."""

    def __init__(self, pipeline: Pipeline, workers: int = 0, *, pool: ProcessPoolExecutor | None = None
                 ) -> None:
        """``pool``: the ``workers`` processes started ahead (:func:`start_pool`), closed with this
        Preparer; else they are started here."""
        self._languages = pipeline.search_languages
        self._scorer = pipeline.scorer
        self._exclude = pipeline.exclude_terms
        self._settings: Settings = (pipeline.user_lexicon, self._exclude)
        self._memo: dict[Job, Prepared] = {}
        self._pool = pool if pool is not None else start_pool(workers)
        self.workers = workers if self._pool is not None else 0
        #: chunks this process prepared itself because no worker had started them (for benchmarks)
        self.taken_back = 0

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers (jobs not started are cancelled)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _jobs(self, batch: Sequence[Mention]) -> tuple[list[str], list[Job]]:
        ids: list[str] = []
        jobs: list[Job] = []
        seen: set[str] = set()
        languages = self._languages
        for m in batch:
            if m.id in seen:  # the pipeline keeps the first of in-batch copies of an id
                continue
            seen.add(m.id)
            ids.append(m.id)
            jobs.append(job_of(m, languages))
        return ids, jobs

    def _here(self, jobs: Sequence[Job]) -> list[Prepared]:
        return prepare_many(self._scorer, jobs, self._memo, self._exclude)

    def prepare(self, batch: Sequence[Mention]) -> dict[str, Prepared]:
        """What is found ahead of a batch's mentions, by id, now."""
        return next(self.batches([batch]))[1]

    def batches(self, batches: Iterable[Sequence[Mention]]) -> Iterator[tuple[Sequence[Mention],
                                                                             dict[str, Prepared]]]:
        """Each batch with its prepared mentions, in input order; the pool works a few batches ahead
        while the caller ingests the one it was given."""
        if self._pool is None:
            for batch in batches:
                ids, jobs = self._jobs(batch)
                yield batch, dict(zip(ids, self._here(jobs), strict=True))
            return
        pending: deque[tuple[Sequence[Mention], list[str], list[_Chunk]]] = deque()
        ahead = self.workers + AHEAD
        for batch in batches:
            ids, jobs = self._jobs(batch)
            chunks = [_Chunk(jobs[i:i + CHUNK], self._pool.submit(_prepare_chunk, jobs[i:i + CHUNK],
                                                                       self._settings))
                      for i in range(0, len(jobs), CHUNK)]
            pending.append((batch, ids, chunks))
            if len(pending) > ahead:
                yield self._collect(*pending.popleft(), later=pending)
        while pending:
            yield self._collect(*pending.popleft(), later=pending)

    def _collect(self, batch: Sequence[Mention], ids: list[str], chunks: list[_Chunk], *,
                 later: Sequence[tuple[Sequence[Mention], list[str], list[_Chunk]]] = ()
                 ) -> tuple[Sequence[Mention], dict[str, Prepared]]:
        """The batch's results: a chunk no worker has started yet is prepared here (the same
        function; the workers are busier than this process); while a worker is still on one of the
        batch's chunks, this process prepares chunks of the ``later`` batches that no worker has
        started (the last first) instead of waiting."""
        results: list[Prepared] = []
        for chunk in reversed(chunks):  # the last ones are the least likely to have started
            self._take_back(chunk)
        for chunk in chunks:
            while chunk.done is None and not chunk.future.done() and self._take_back_later(later):
                pass
            results += chunk.done if chunk.done is not None else chunk.future.result()
        return batch, dict(zip(ids, results, strict=True))

    def _take_back(self, chunk: _Chunk) -> bool:
        """Prepare ``chunk`` here if no worker has started it; True when it was."""
        if chunk.done is None and chunk.future.cancel():
            chunk.done = self._here(chunk.jobs)
            self.taken_back += 1
            return True
        return False

    def _take_back_later(self, later: Sequence[tuple[Sequence[Mention], list[str], list[_Chunk]]]) -> bool:
        """Prepare here the last chunk of the ``later`` batches that no worker has started; False when
        there is none."""
        for _, _, chunks in reversed(later):
            for chunk in reversed(chunks):
                if self._take_back(chunk):
                    return True
        return False


#: batches sent to the pool ahead of the one ingested, beyond one per worker (the chunks no worker has
#: started yet are what this process takes back while it would otherwise wait)
AHEAD = 2


class _Chunk:
    """Jobs sent to the pool, and their results when this process prepared them itself."""

    __slots__ = ("done", "future", "jobs")

    def __init__(self, jobs: list[Job], future: Future[list[Prepared]]) -> None:
        self.jobs = jobs
        self.future = future
        self.done: list[Prepared] | None = None
