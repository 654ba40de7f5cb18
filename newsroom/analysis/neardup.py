"""Near-duplicate stories: the same article syndicated by many outlets, or found by several sources,
counts once. Items are compared on their sets of words (Jaccard similarity ≥ 0.7), found through an
inverted index of recent items; a copy points to the first one seen.

Only articles (items with a headline) and posts by the same author are grouped: two residents who
write the same words are two voices, not one story.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections import deque
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from newsroom.domain import Mention
from newsroom.query import fold

SIMILARITY = 0.7
WINDOW = timedelta(hours=48)
MAX_ITEMS = 100_000
MAX_POSTINGS = 300  # recent items remembered per word: bounds the work per check
RARE_WORDS = 3
CANDIDATES_PER_WORD = 40  # copies are recent: compare with the newest items of each rare word

_WORD = re.compile(r"\w{3,}", re.UNICODE)
_URL = re.compile(r"https?://\S+")


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding one character at a time, filled as characters are met.

    The same as :func:`newsroom.query.fold` on the whole text: NFKD decomposes each character on its
    own (its only cross-character step, reordering combining marks, moves only marks, which fold drops)
    and casefold maps each character on its own."""

    def __missing__(self, code: int) -> str:
        if len(self) > MAX_FOLDED_CHARS:
            self.clear()
        folded = self[code] = fold(chr(code))
        return folded


MAX_FOLDED_CHARS = 20_000
_FOLD = _FoldTable()


_NOT_ASCII = re.compile(r"([^\x00-\x7f]+)")


def fast_fold(text: str) -> str:
    """:func:`newsroom.query.fold`, character by character from a table (a few times faster); the
    ASCII parts of a text lower-cased at once (what the table does to each of their characters)."""
    if text.isascii():
        return text.casefold()
    return "".join([part.translate(_FOLD) if i & 1 else part.lower()
                    for i, part in enumerate(_NOT_ASCII.split(text))])


def word_set(text: str) -> frozenset[str]:
    """Folded words of three letters or more, URLs left out; each word one shared string (as
    :meth:`NearDupIndex.check` keeps them; an import's pool then pickles a word repeated in a chunk
    once)."""
    folded = fast_fold(_URL.sub(" ", text) if "http" in text else text)
    return frozenset(map(sys.intern, _WORD.findall(folded)))


def copy_text(text: str, title: str) -> str:
    """What copies of a mention are compared on: its title (unless the text says it) and its text."""
    return f"{title} {text}" if title and title not in text else text


@dataclass(frozen=True, slots=True)
class _Entry:
    """A remembered item. ``words`` (shared strings) say which postings hold it and its size; ``match``,
    the set compared with later items, only where one may be its copy (an article, a post with an
    author): anonymous posts keep their place in the postings, which decides the candidates, at a
    fifth of the memory."""

    id: str
    words: tuple[str, ...]
    match: frozenset[str] | None
    published: datetime
    author: str
    article: bool


_ENTRY_SLOTS = tuple(getattr(_Entry, f.name).__set__ for f in fields(_Entry))


def _entry(*values: object) -> _Entry:
    """``_Entry(*values)`` without the frozen dataclass's object.__setattr__ per field (one per item)."""
    entry = object.__new__(_Entry)
    for put, value in zip(_ENTRY_SLOTS, values, strict=True):
        put(entry, value)
    return entry


class NearDupIndex:
    """Remembers recent first copies; ``check`` returns the id of the first copy or None."""

    def __init__(self, *, window: timedelta = WINDOW, max_items: int = MAX_ITEMS) -> None:
        self.window = window
        self.max_items = max_items
        self._order: deque[_Entry] = deque()
        self._postings: dict[str, deque[_Entry]] = {}

    def check(self, m: Mention, words: frozenset[str] | None = None) -> str | None:
        """The id of an earlier copy of the same story, or None (and remember this one as first).
        ``words``: the mention's :func:`word_set` of its :func:`copy_text`, when already found."""
        if words is None:
            words = word_set(copy_text(m.text, m.title))
        if len(words) < 4:
            return None
        self._expire(m.published)
        article = bool(m.title)
        # candidates come from the item's rarest words: copies share them, and common words
        # ("storm", the town's name) would make every check scan long postings
        # (ties by the word itself: a set's order changes with PYTHONHASHSEED, the result must not)
        postings = self._postings
        author = m.author
        if article or author:  # a post without a headline or an author is nobody's copy
            rare = [w for _, w in sorted([(len(postings.get(w, ())), w) for w in words])[:RARE_WORDS]]
            size = len(words)
            low = SIMILARITY * size  # sizes a Jaccard of 0.7 allows: SIMILARITY * large <= small
            seen: set[int] = set()
            for w in rare:
                posting = postings.get(w, ())
                for other in itertools.islice(reversed(posting), CANDIDATES_PER_WORD):
                    # cheap tests first (a candidate that failed them once fails again): who may be
                    # grouped, and the sizes; then each candidate's words are compared once
                    if not ((article and other.article) or (author and author == other.author)):
                        continue
                    n = len(other.words)
                    if (n < low if n < size else size < SIMILARITY * n) or id(other) in seen:
                        continue
                    seen.add(id(other))
                    match = other.match
                    if match is not None and len(words & match) / len(words | match) >= SIMILARITY:
                        return other.id
        kept = tuple(map(sys.intern, words))  # one string per word, not one per word per item
        entry = _entry(m.id, kept, frozenset(kept) if article or author else None, m.published, author,
                       article)
        self._order.append(entry)
        for w in kept:
            try:
                postings[w].append(entry)
            except KeyError:
                postings[w] = deque((entry,), maxlen=MAX_POSTINGS)
        if len(self._order) > self.max_items:  # what the next check would forget first, forgotten now
            self._forget_oldest()
        return None

    def __len__(self) -> int:
        """Items remembered (at most ``max_items``, none older than ``window`` before the newest check)."""
        return len(self._order)

    def _expire(self, now: datetime) -> None:
        while self._order and (
            len(self._order) > self.max_items or now - self._order[0].published > self.window
        ):
            self._forget_oldest()

    def _forget_oldest(self) -> None:
        old = self._order.popleft()
        for w in old.words:
            posting = self._postings.get(w)
            if posting and posting[0] is old:
                posting.popleft()
                if not posting:
                    del self._postings[w]
