"""Language and sentiment of a batch of mentions, ahead of the pipeline, in a pool of worker processes.

Both are pure functions of a mention's text, its given language and its searches' languages, so they can
run on the second core while this process clusters, stores and alerts on the batch before. The results
are exactly what :meth:`Pipeline.analyse` would compute itself (same function, same inputs), keyed by
mention id, and handed to :meth:`Pipeline.ingest` with the batch:

    with Preparer(pipeline, workers=preparer_workers(count)) as prepare:
        for batch, prepared in prepare.batches(batches):
            pipeline.ingest(batch, prepared=prepared)

With ``workers=0`` everything runs in this process (small imports: a pool costs a second to start).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

from newsroom.analysis.language import detect_language
from newsroom.analysis.sentiment import SentimentScorer
from newsroom.domain import Mention, Sentiment

if TYPE_CHECKING:
    from newsroom.pipeline.runner import Pipeline

#: below this many mentions an import scores them in its own process
POOL_FROM = 5000
#: mentions per job sent to a worker (big enough that pickling is a small part of the work)
CHUNK = 250


@dataclass(frozen=True, slots=True)
class Prepared:
    """A mention's language and sentiment, as :meth:`Pipeline.analyse` would find them."""

    lang: str
    sentiment: Sentiment


#: what a worker needs of one mention: its text, given language, the prior languages, its given sentiment
Job = tuple[str, str | None, tuple[str, ...], Sentiment | None]


def analysed_text(m: Mention) -> str:
    """What is analysed of a mention: its title and text."""
    return f"{m.title}. {m.text}" if m.title and m.title != m.text else m.text


def prior_languages(m: Mention, languages: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The languages of the searches that found ``m``, in their order (the language detector's prior)."""
    prior: tuple[str, ...] = ()
    for name in m.searches:
        prior += languages.get(name, ())
    return prior


def prepare_one(scorer: SentimentScorer, job: Job) -> Prepared:
    """Language (given, else detected with the prior) and sentiment (given, else scored) of one job."""
    text, lang, prior, sentiment = job
    lang = lang or detect_language(text, prior)
    return Prepared(lang, sentiment or scorer.score(text, lang))


def prepare_many(scorer: SentimentScorer, jobs: Iterable[Job], memo: dict[Job, Prepared]) -> list[Prepared]:
    """:func:`prepare_one` of each job; ``memo`` remembers recent jobs (retweets and syndicated copies
    repeat a text word for word: in a crisis most posts), bounded by starting over beyond MEMO."""
    out: list[Prepared] = []
    for job in jobs:
        done = memo.get(job)
        if done is None:
            if len(memo) >= MEMO:
                memo.clear()
            done = memo[job] = prepare_one(scorer, job)
        out.append(done)
    return out


#: jobs remembered (per worker, per Preparer)
MEMO = 20_000
_worker_scorer: SentimentScorer | None = None
_worker_memo: dict[Job, Prepared] = {}


def _init_worker(user_lexicon: Mapping[str, Mapping[str, float]] | None) -> None:
    global _worker_scorer  # noqa: PLW0603 (one scorer per worker process, made once)
    _worker_scorer = SentimentScorer(user_lexicon)


def _prepare_chunk(jobs: Sequence[Job]) -> list[Prepared]:
    scorer = _worker_scorer if _worker_scorer is not None else SentimentScorer()
    return prepare_many(scorer, jobs, _worker_memo)


def preparer_workers(count: int) -> int:
    """Worker processes for an import of ``count`` mentions: none for small ones, else one per core
    but this process's own (at least one, at most four). ``NEWSROOM_IMPORT_WORKERS`` (a whole number,
    0 for none) decides instead when set."""
    chosen = os.environ.get("NEWSROOM_IMPORT_WORKERS", "").strip()
    if chosen.isdigit():
        return min(int(chosen), 8)
    if count < POOL_FROM:
        return 0
    return max(1, min(4, (os.cpu_count() or 1) - 1))


class Preparer:
    """Prepares batches of mentions for one pipeline, in ``workers`` processes (0: in this one)."""

    def __init__(self, pipeline: Pipeline, workers: int = 0) -> None:
        self._languages = pipeline.search_languages
        self._scorer = pipeline.scorer
        self.workers = workers
        self._memo: dict[Job, Prepared] = {}
        self._pool: ProcessPoolExecutor | None = None
        if workers > 0:
            self._pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=(pipeline.user_lexicon,))

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
        for m in batch:
            if m.id in seen:  # the pipeline keeps the first of in-batch copies of an id
                continue
            seen.add(m.id)
            if m.lang and m.sentiment:
                continue
            ids.append(m.id)
            jobs.append((analysed_text(m), m.lang, prior_languages(m, self._languages), m.sentiment))
        return ids, jobs

    def prepare(self, batch: Sequence[Mention]) -> dict[str, Prepared]:
        """Language and sentiment of a batch's mentions by id, now."""
        return next(self.batches([batch]))[1]

    def batches(self, batches: Iterable[Sequence[Mention]]) -> Iterator[tuple[Sequence[Mention],
                                                                             dict[str, Prepared]]]:
        """Each batch with its prepared mentions, in input order; the pool works a few batches ahead
        while the caller ingests the one it was given."""
        if self._pool is None:
            for batch in batches:
                ids, jobs = self._jobs(batch)
                yield batch, dict(zip(ids, prepare_many(self._scorer, jobs, self._memo), strict=True))
            return
        pending: deque[tuple[Sequence[Mention], list[str], list[Future[list[Prepared]]]]] = deque()
        ahead = self.workers + 1
        for batch in batches:
            ids, jobs = self._jobs(batch)
            futures = [self._pool.submit(_prepare_chunk, jobs[i:i + CHUNK])
                       for i in range(0, len(jobs), CHUNK)]
            pending.append((batch, ids, futures))
            if len(pending) > ahead:
                yield self._collect(*pending.popleft())
        while pending:
            yield self._collect(*pending.popleft())

    @staticmethod
    def _collect(batch: Sequence[Mention], ids: list[str], futures: list[Future[list[Prepared]]]
                 ) -> tuple[Sequence[Mention], dict[str, Prepared]]:
        results = [p for f in futures for p in f.result()]
        return batch, dict(zip(ids, results, strict=True))
