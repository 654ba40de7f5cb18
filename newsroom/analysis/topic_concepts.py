"""What a post is about beyond the words it shares: the municipal concepts its words belong to.

About a quarter of a story's posts share no word with any other post of it ("Onze kelder staat onder
water, iemand een pomp te leen?" beside "De rivier staat hoog, zandzakjes aan de sporthal"). Their
words do share a meaning: kelder, pomp, zandzak and hoogwater all belong to *flood*. The concepts of
``lexicons/concepts.tsv`` (what towns talk about: floods, storms, fires, roadworks, waste collection,
burglaries, schools, the council, …; Dutch, Flemish, French and English members) give a post a few
extra, weaker features beside its words. They never decide alone: two road closures or two school
stories share their concepts, and their names, places and time keep them apart.

Matching (on folded words, no accents, lower case; see the lexicon's header): a member matches the
word itself or with a usual ending; ``word*`` any word it starts; ``*word`` any word it ends (a Dutch
compound's head: "kelderoverstroming"); ``a_b`` two words in a row. A word that ends like a street or
place name ("Schoolstraat", "Kerkplein") takes no concept from a wildcard.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsroom.analysis.words import URL, fold

#: A concept's feature key: no word the model reads starts with it.
PREFIX = "~"
#: Endings a member may carry (plural, diminutive, inflection; Dutch, French, English).
ENDINGS = ("", "s", "e", "n", "en", "es", "x", "je", "jes", "tje", "tjes", "pje", "pjes", "etje", "etjes",
           "d", "ed", "t", "te", "ten", "de", "den", "er", "ers", "ing", "ingen")
#: A word with one of these endings is a street or place's name: no wildcard concept.
PLACE_ENDINGS = ("straat", "straatje", "laan", "plein", "pleintje", "steenweg", "weg", "dreef", "wijk",
                 "lei", "singel", "kaai", "dijk", "veld", "berg")
#: A wildcard member matches only words (and word stems) of at least this many letters.
MIN_WORD = 3
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The concepts by member: exact words (and their endings), starts, ends and phrases."""

    exact: dict[str, tuple[str, ...]]
    starts: dict[str, tuple[str, ...]]
    ends: dict[str, tuple[str, ...]]
    phrases: dict[str, tuple[str, ...]]

    @property
    def concepts(self) -> frozenset[str]:
        """Every concept id."""
        out: set[str] = set()
        for table in (self.exact, self.starts, self.ends, self.phrases):
            for ids in table.values():
                out.update(ids)
        return frozenset(out)


def parse_lexicon(lines: Iterable[str]) -> Lexicon:
    """A lexicon from its lines: ``concept<TAB>member member …``; ``#`` starts a comment line."""
    tables: dict[str, dict[str, list[str]]] = {"exact": {}, "starts": {}, "ends": {}, "phrases": {}}
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        concept, _, members = line.partition("\t")
        for member in members.split():
            word = fold(member.strip("*"))
            if not word:
                continue
            if "_" in word:
                kind = "phrases"
            elif member.endswith("*"):
                kind = "starts"
            elif member.startswith("*"):
                kind = "ends"
            else:
                kind = "exact"
            ids = tables[kind].setdefault(word, [])
            if concept not in ids:
                ids.append(concept)
    frozen = {kind: {w: tuple(sorted(ids)) for w, ids in table.items()} for kind, table in tables.items()}
    return Lexicon(frozen["exact"], frozen["starts"], frozen["ends"], frozen["phrases"])


@lru_cache(maxsize=1)
def municipal_lexicon() -> Lexicon:
    """The shipped lexicon (``lexicons/concepts.tsv``)."""
    text = resources.files("newsroom.analysis").joinpath("lexicons/concepts.tsv").read_text(encoding="utf-8")
    return parse_lexicon(text.splitlines())


def _stems(word: str) -> list[str]:
    """The word without each usual ending it has (the word itself first)."""
    return [word[: len(word) - len(e)] if e else word for e in ENDINGS
            if word.endswith(e) and len(word) - len(e) >= MIN_WORD]


class ConceptReader:
    """A post's concepts (cached per word; a bounded cache, so memory stays flat on a long stream)."""

    def __init__(self, lexicon: Lexicon | None = None, cache: int = 50_000) -> None:
        self.lexicon = lexicon or municipal_lexicon()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._limit = cache

    def word(self, word: str) -> tuple[str, ...]:
        """The concepts of one folded word (sorted)."""
        got = self._cache.get(word)
        if got is not None:
            return got
        if len(self._cache) >= self._limit:
            self._cache.clear()
        got = self._cache[word] = self._match(word)
        return got

    def _match(self, word: str) -> tuple[str, ...]:
        lex = self.lexicon
        found: set[str] = set()
        stems = _stems(word)
        for stem in stems:
            found.update(lex.exact.get(stem, ()))
        if found or len(word) < MIN_WORD + 1:
            return tuple(sorted(found))
        if any(word.endswith(p) and len(word) > len(p) + 2 for p in PLACE_ENDINGS):
            return ()
        for k in range(MIN_WORD, len(word) + 1):
            found.update(lex.starts.get(word[:k], ()))
        for stem in stems:
            for k in range(len(stem) - MIN_WORD):
                found.update(lex.ends.get(stem[k:], ()))
        return tuple(sorted(found))

    def post(self, text: str) -> dict[str, int]:
        """The concepts of a post and how many of its words belong to each."""
        if "/" in text or "www" in text:
            text = URL.sub(" ", text)
        words = [w for w in _WORD.findall(fold(text)) if not w.isdigit()]
        counts: dict[str, int] = {}
        for w in words:
            for c in self.word(w):
                counts[c] = counts.get(c, 0) + 1
        phrases = self.lexicon.phrases
        if phrases:
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    for c in phrases.get("_".join(words[i:i + n]), ()):
                        counts[c] = counts.get(c, 0) + 1
        return counts


def concept_key(concept: str) -> str:
    """The feature key of a concept beside a post's words."""
    return PREFIX + concept


def is_concept(key: str) -> bool:
    """Whether a feature key is a concept's (not a word's)."""
    return key.startswith(PREFIX)


@dataclass(frozen=True, slots=True)
class ConceptFeatures:
    """Every post's concept keys, and how rare each concept is in the stream (its idf)."""

    keys: tuple[frozenset[str], ...]
    idf: dict[str, float]

    def weighted_idf(self, words_idf: Callable[[str], float], weight: float) -> Callable[[str], float]:
        """An idf over words and concepts: a word's own, a concept's times ``weight`` (concepts are
        weaker evidence than the words a post shares)."""
        concept_idf = self.idf

        def idf(key: str) -> float:
            return weight * concept_idf.get(key, 0.0) if key.startswith(PREFIX) else words_idf(key)

        return idf


#: A concept in more than this share of a stream's posts (from BACKGROUND_MIN_POSTS posts on) is its
#: background, as a word would be: it tells no story from another (roadworks in every post of a stream
#: about one roadworks) and would tie every post together.
BACKGROUND_SHARE = 0.2
BACKGROUND_MIN_POSTS = 20


def stream_concepts(texts: Sequence[str], reader: ConceptReader | None = None) -> ConceptFeatures:
    """The concept keys of every post of a stream (its background concepts left out, see
    BACKGROUND_SHARE), and each concept's idf over the stream."""
    reader = reader or ConceptReader()
    keys = tuple(frozenset(concept_key(c) for c in reader.post(t)) for t in texts)
    spread: dict[str, int] = {}
    for ks in keys:
        for k in ks:
            spread[k] = spread.get(k, 0) + 1
    n = float(len(texts))
    if n >= BACKGROUND_MIN_POSTS:
        background = {k for k, df in spread.items() if df > BACKGROUND_SHARE * n}
        if background:
            keys = tuple(ks - background for ks in keys)
            spread = {k: df for k, df in spread.items() if k not in background}
    idf = {k: math.log((n + 1.0) / (df + 0.5)) for k, df in sorted(spread.items())}
    return ConceptFeatures(keys, idf)
