"""Following the replies under posts a search found (the conversation), bounded and polite.

A keyword or hashtag search rarely finds the replies under a matched post (they seldom repeat the
keyword), yet that is where residents answer. For each (source, search) pair this module keeps a small
book of the matched posts of the last 48 hours: their reply count as last seen and the count at which
their thread was fetched. Each poll it refreshes the counts of the newest ones (one request),
then fetches the threads whose count has grown, the most new replies first, a few per poll. The book
lives in the pair's ``SourceState`` (a JSON object), bounded in size and age, so a wall that runs for
months does not grow it.

A failed thread fetch never fails the poll: a post that is gone (404, 410) is not asked again at that
count; a server error or a broken answer is logged once per post and tried again after ``RETRY``; a
refusal (401, 403: a closed instance) stops following for ``RETRY``, said once; a 429 stops following
for the pair until the service's reset time; a transport failure (timeout, no connection) ends this
poll's following. Source modules supply the requests (``mastodon_replies``, ``bluesky_replies``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from newsroom.domain import FetchError, Mention
from newsroom.sources.normalize import iso_time

log = logging.getLogger("newsroom.sources.threads")

#: only posts this young are followed
MAX_AGE = timedelta(hours=48)
#: threads fetched per poll at most (the ones with the most new replies first)
MAX_THREADS = 8
#: replies taken from one thread at most
MAX_REPLIES = 200
#: reply levels below the post at most
MAX_DEPTH = 6
#: posts whose reply counts are refreshed per poll at most, in one request (newest first; Mastodon
#: reads 20 statuses per request, Bluesky 25 posts)
RECOUNT = 20
#: posts remembered per (source, search) pair at most (newest first)
MAX_BOOK = 200
#: how long a refused or broken thread waits before it is asked again
RETRY = timedelta(minutes=30)
#: how long following waits after a 429 that named no reset time
RATE_WAIT = timedelta(minutes=15)
#: the keys in a pair's state values
BOOK_KEY = "threads"
WAIT_KEY = "threads_wait_until"
NO_RECOUNT_KEY = "threads_no_recount_until"
REFUSED_KEY = "threads_refused"
#: how long a service without the recount request (an older Mastodon) is not asked for it again
NO_RECOUNT = timedelta(days=1)
#: transport failures: the host is unwell, ask it nothing more this poll
_TRANSPORT = {"timeout", "connect", "network"}


@dataclass(frozen=True, slots=True)
class Followed:
    """A matched post whose thread may be followed."""

    #: what the thread request names: a Mastodon status's local id, a Bluesky post's at:// URI
    key: str
    #: our id of the post (its direct replies' ``reply_to``)
    mention_id: str
    published: datetime
    #: the reply count the source gave now
    replies: int


class ThreadRequests(Protocol):
    """What a source supplies: reply counts of known posts, and one post's replies as mentions."""

    def recount(self, keys: Sequence[str]) -> dict[str, int] | FetchError:
        """The current reply counts of ``keys`` (posts that are gone are missing)."""
        ...

    def replies(self, post: Followed, now: datetime) -> list[Mention] | FetchError:
        """The replies under ``post`` (each with ``reply_to``), at most MAX_REPLIES, MAX_DEPTH deep."""
        ...


def with_replies(kept: Sequence[Mention], replies: Iterable[Mention], search: str,
                 allows: Callable[[str], bool]) -> list[Mention]:
    """The poll's mentions, then the replies not among them (once each: two followed threads can share
    replies) that the search's exclusions ``allows`` (``-voetbal`` holds for replies too), each with the
    search in ``searches`` (found through it)."""
    out = list(kept)
    known = {m.id for m in kept}
    for r in replies:
        if r.id not in known and allows(r.text):
            known.add(r.id)
            out.append(replace(r, searches=(search,)))
    return out


def known_ids(values: dict[str, Any]) -> dict[str, str]:
    """The posts in a pair's book: what a thread request names (a Mastodon local id) -> our id. Posts
    the same service gave us, so a later reply's local parent id can be resolved through them."""
    return {key: str(e["id"]) for key, e in _read_book(values).items() if e.get("id")}


def _read_book(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    raw = values.get(BOOK_KEY)
    if not isinstance(raw, dict):
        return {}
    return {str(k): dict(v) for k, v in raw.items() if isinstance(v, dict) and iso_time(v.get("t"))}


def _published(entry: dict[str, Any]) -> datetime:
    when = iso_time(entry.get("t"))
    assert when is not None  # _read_book keeps only entries with a time
    return when


def _trimmed(book: dict[str, dict[str, Any]], now: datetime) -> dict[str, dict[str, Any]]:
    """The book without posts too old to follow, at most MAX_BOOK of the newest (sorted: same state,
    same JSON)."""
    young = [(k, e) for k, e in book.items() if _published(e) >= now - MAX_AGE]
    young.sort(key=lambda ke: (_published(ke[1]), ke[0]), reverse=True)
    return dict(sorted(young[:MAX_BOOK]))


def note(book: dict[str, dict[str, Any]], posts: Iterable[Followed], now: datetime) -> None:
    """Remember the matched posts young enough to follow, with the reply count just seen."""
    for p in posts:
        if p.published < now - MAX_AGE:
            continue
        entry = book.setdefault(p.key, {"id": p.mention_id, "t": p.published.isoformat(), "done": 0})
        entry["n"] = max(int(entry.get("n") or 0), p.replies)


def due(book: dict[str, dict[str, Any]], now: datetime) -> list[Followed]:
    """The posts whose thread is worth a request now: young, more replies than when last fetched, not
    waiting after a failure; the most new replies first (then the newest), at most MAX_THREADS."""
    out = []
    for key, e in book.items():
        published, seen, done = _published(e), int(e.get("n") or 0), int(e.get("done") or 0)
        retry = iso_time(e.get("retry"))
        if seen > done and published >= now - MAX_AGE and (retry is None or retry <= now):
            out.append((seen - done, published, key, Followed(key, str(e.get("id")), published, seen)))
    out.sort(key=lambda x: (-x[0], -x[1].timestamp(), x[2]))
    return [f for *_, f in out[:MAX_THREADS]]


def _recount(book: dict[str, dict[str, Any]], requests: ThreadRequests, now: datetime) -> FetchError | None:
    young = [k for k in book if _published(book[k]) >= now - MAX_AGE]
    newest = sorted(young, key=lambda k: (_published(book[k]), k), reverse=True)[:RECOUNT]
    if not newest:
        return None
    counts = requests.recount(newest)
    if isinstance(counts, FetchError):
        return counts
    for key, n in counts.items():
        if key in book:
            book[key]["n"] = max(int(book[key].get("n") or 0), n)
    return None


def follow(source: str, posts: Iterable[Followed], values: dict[str, Any], now: datetime,
           requests: ThreadRequests, *, pause_s: float = 0.0) -> list[Mention]:
    """Note ``posts``, refresh the newest counts, fetch the threads that grew; returns their replies.
    ``values`` (the pair's state values) is updated in place."""
    book = _read_book(values)
    note(book, posts, now)
    wait = iso_time(values.get(WAIT_KEY))
    found: list[Mention] = []
    if wait is None or wait <= now:
        values.pop(WAIT_KEY, None)
        made, found = _follow(source, book, values, now, requests, pause_s)
        log.debug("%s: %d replies from %d follow-up requests", source, len(found), made)
    values[BOOK_KEY] = _trimmed(book, now)
    return found


def _follow(source: str, book: dict[str, dict[str, Any]], values: dict[str, Any], now: datetime,
            requests: ThreadRequests, pause_s: float) -> tuple[int, list[Mention]]:
    made = 0
    found: list[Mention] = []

    def pace() -> None:
        nonlocal made
        if pause_s > 0:
            time.sleep(pause_s)  # the source's own spacing between two requests (on a fetch thread)
        made += 1

    off = iso_time(values.get(NO_RECOUNT_KEY))
    if book and (off is None or off <= now):
        values.pop(NO_RECOUNT_KEY, None)
        pace()
        problem = _recount(book, requests, now)
        if problem is not None and _stops(source, problem, values, now):
            return made, found
        if problem is not None and problem.status in (401, 403, 404, 405, 501):  # not here, or not for us
            values[NO_RECOUNT_KEY] = (now + NO_RECOUNT).isoformat()
            log.info("%s: reply counts cannot be refreshed (%s); only the counts searches give are used "
                     "until %s", source, problem.reason, values[NO_RECOUNT_KEY])
    for post in due(book, now):
        pace()
        got = requests.replies(post, now)
        entry = book[post.key]
        if not isinstance(got, FetchError):
            entry["done"] = post.replies
            entry.pop("retry", None)
            values.pop(REFUSED_KEY, None)
            found += got
        elif got.status in (404, 410):  # deleted or not public: simply not there
            entry["done"] = post.replies
        elif _stops(source, got, values, now) or _refused(source, got, values, now):
            break
        else:
            if "retry" not in entry:
                log.warning("%s: the replies under %s could not be read (%s); tried again later",
                            source, post.key, got.reason)
            entry["retry"] = (now + RETRY).isoformat()
    return made, found


def _refused(source: str, error: FetchError, values: dict[str, Any], now: datetime) -> bool:
    """True for a 401/403 (an instance closed to anonymous readers, a token without the right): no thread
    is asked for ``RETRY``; said once, until a thread is read again."""
    if error.status not in (401, 403):
        return False
    values[WAIT_KEY] = (now + RETRY).isoformat()
    if not values.get(REFUSED_KEY):
        log.warning("%s: the server refuses to show replies (%s); asked again every %d minutes", source,
                    error.reason, RETRY.total_seconds() // 60)
    values[REFUSED_KEY] = True
    return True


def _stops(source: str, error: FetchError, values: dict[str, Any], now: datetime) -> bool:
    """True when ``error`` ends this poll's following (a 429: also until its reset time)."""
    if error.code == "rate_limited":
        wait = timedelta(seconds=error.retry_after_s) if error.retry_after_s else RATE_WAIT
        values[WAIT_KEY] = (now + wait).isoformat()
        log.warning("%s: asked to slow down; replies are followed again after %s", source, values[WAIT_KEY])
        return True
    if error.code in _TRANSPORT:
        log.info("%s: replies not followed this poll (%s)", source, error.reason)
        return True
    return False
