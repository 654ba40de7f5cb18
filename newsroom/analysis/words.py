"""Words for topics and clouds: tokens, word forms grouped by stem, and multi-word phrases.

Tokens follow nltk's TweetTokenizer (hashtags, @handles, emoticons and emoji survive): its own
patterns (``nltk.tokenize.casual.REGEXPS``), compiled with the standard ``re`` module, after URLs are
cut out with a cheap pattern first. Same tokens, about three times faster than calling the tokenizer
(its URL pattern dominates; URLs never reach a cloud anyway).

Word forms are grouped by Snowball stem (``wegenwerken`` and ``wegenwerk``) while people see the most
frequent surface form. Phrases ("Grote Markt", "De Lijn", "wegenwerken Stationsstraat") are found
from streaming bigram statistics: two words that mostly occur together.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import snowballstemmer

from newsroom.analysis.text import STOP_WORDS


def _casual_patterns() -> tuple[Any, tuple[str, ...]]:
    """nltk's ``HANG_RE`` and ``REGEXPS``, imported without scipy: importing any part of nltk runs its
    package's ``__init__``, whose ``nltk.collocations`` imports ``scipy.stats`` when scipy is installed
    (~0.65 s of CPU at every start of the import and of each pool worker, for nothing used here). nltk
    catches that ImportError itself (its Fisher test is then missing); scipy stays importable afterwards."""
    blocked = "scipy" not in sys.modules and "nltk" not in sys.modules
    if blocked:
        sys.modules["scipy"] = None  # type: ignore[assignment]  # makes ``import scipy…`` raise ImportError
    try:
        from nltk.tokenize.casual import HANG_RE, REGEXPS
    finally:
        if blocked:
            del sys.modules["scipy"]
    return HANG_RE, REGEXPS


HANG_RE, REGEXPS = _casual_patterns()

URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:be|nl|com|org|net|eu|fr|info|io|ly|co)/\S*",
                 re.IGNORECASE)
_TOKEN = re.compile(f"({'|'.join(REGEXPS[1:])})", re.VERBOSE | re.IGNORECASE | re.UNICODE)
#: a character four times in a row or more: where HANG_RE can change anything. HANG_RE is a ``regex``
#: pattern with a time limit that lets go of the GIL on every call: with any other thread in the
#: process (a pool's manager, the GUI) each call then waited for the GIL again (~1 ms a mention)
_REPEAT = re.compile(r"(.)\1{3,}", re.DOTALL)
#: a webcare signature: a caret before a name or initials at a word's start ("Dank u! ^Lien", "^KV"),
#: who answered, not what the post is about
SIGNATURE = re.compile(r"(?<!\S)\^[^\W_]\w*(?:[.-][^\W_]\w*)*", re.UNICODE)
_WORDLIKE = re.compile(r"^[#@]?\w[\w'’\-]*$", re.UNICODE)
STEMMERS = {"nl": "dutch", "en": "english", "fr": "french", "de": "german"}
ARTICLES = frozenset({"de", "het", "den", "la", "le", "les", "the", "l'", "t"})
#: small words that may sit inside a name or phrase: "Dak van de buren", "Place de la Monnaie"
LINKERS = frozenset({"van", "de", "het", "den", "der", "op", "aan", "in", "voor", "bij", "du", "des",
                     "la", "le", "of", "the", "t"})
MAX_LINKS = 2
#: nltk's patterns that match only where a text has one of some characters: a text without them is
#: tokenised by the others alone, the same tokens (an alternative that cannot match anywhere never
#: decides a match), a third faster. By pattern: HTML tags ("<"), arrows ("<", ">"), handles and
#: e-mail addresses ("@"), hashtags ("#"); emoji sequences (a joiner or a skin tone) and flags
#: (regional letters, the black flag) only in a text that is not ASCII.
_ASCII_NEEDS = (("<", (2, 3)), (">", (3,)), ("@", (4, 6)), ("#", (5,)))
_EMOJI_NEEDS = ((re.compile("[\u200d\U0001f3fb-\U0001f3ff]"), (7,)),
                (re.compile("[\U0001F1E6-\U0001F1FF\U0001F3F4]"), (8,)))
_OPTIONAL = frozenset(i for _, kept in _ASCII_NEEDS + _EMOJI_NEEDS for i in kept)


@cache
def _token_pattern(present: tuple[int, ...]) -> re.Pattern[str]:
    """nltk's patterns (URLs left out) without the optional ones not in ``present``."""
    parts = [p for i, p in enumerate(REGEXPS) if i and (i not in _OPTIONAL or i in present)]
    return re.compile(f"({'|'.join(parts)})", re.VERBOSE | re.IGNORECASE | re.UNICODE)


def _pattern_for(text: str) -> re.Pattern[str]:
    """The token pattern for ``text``: nltk's, less what cannot match in it."""
    present: tuple[int, ...] = ()
    for char, kept in _ASCII_NEEDS:
        if char in text:
            present += kept
    if not text.isascii():
        for chars, kept in _EMOJI_NEEDS:
            if chars.search(text) is not None:
                present += kept
    return _token_pattern(tuple(sorted(set(present))) if present else present)


def without_signatures(text: str, gap: str = " ") -> str:
    """``text`` without webcare signatures ("^Lien"): who answered is no word of the story."""
    return SIGNATURE.sub(gap, text) if "^" in text else text


def tokens(text: str) -> list[str]:
    """TweetTokenizer tokens of ``text`` (case kept), URLs and webcare signatures removed."""
    if "/" in text or "www" in text:  # the URL pattern only where a URL can be
        text = URL.sub(" ", text)
    text = without_signatures(text)
    if _REPEAT.search(text):  # nltk's HANG_RE shortens "!!!!!" to "!!!": only where a run can be
        text = HANG_RE.sub(r"\1\1\1", text)
    return list(_pattern_for(text).findall(text))


@lru_cache(maxsize=50_000)
def fold(word: str) -> str:
    """Lower case without accents: 'Wéér' -> 'weer'."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=50_000)
def _stem(word: str, lang: str) -> str:
    return str(snowballstemmer.stemmer(STEMMERS.get(lang, "dutch")).stemWord(word))


@lru_cache(maxsize=50_000)
def word_key(token: str, lang: str | None) -> str:
    """The grouping key of a word: folded and stemmed; hashtags join their bare word, handles stay."""
    if token.startswith("@"):
        return token.lower()
    bare = fold(token.lstrip("#"))
    if len(bare) <= 3 or any(c.isdigit() for c in bare):
        return bare
    return _stem(bare, lang or "nl")


@dataclass(frozen=True, slots=True)
class Word:
    """One content word: its grouping key and the form it was written in."""

    key: str
    surface: str

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        """Pickled as its two strings, rebuilt from a cache (an import's pool sends thousands a
        second; a word repeated in one pickle is then sent and rebuilt once: pickle's memo)."""
        return _word, (self.key, self.surface)


@dataclass(frozen=True, slots=True)
class Link:
    """A small word that may sit inside a phrase ("van" in "Dak van de buren")."""

    surface: str

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Pickled as its string, rebuilt from a cache (see :meth:`Word.__reduce__`)."""
        return _link, (self.surface,)


@lru_cache(maxsize=50_000)
def _word(key: str, surface: str) -> Word:
    """The unpickled Word (equal words are equal whether shared or not)."""
    return Word(key, surface)


@lru_cache(maxsize=256)
def _link(surface: str) -> Link:
    return Link(surface)


def content_words(text: str, lang: str | None = None,
                  exclude: Iterable[str] = ()) -> list[Word | Link | None]:
    """Content words in order; a Link for small linking words; ``None`` where a stop word,
    punctuation or emoji breaks a phrase.

    ``exclude`` (the searches' own terms) is compared folded, with or without '#'.
    """
    skip = folded_terms(tuple(exclude)) if exclude else frozenset()
    known = _KNOWN.get((lang, skip))
    if known is None or len(known) > KNOWN_TOKENS:
        if len(_KNOWN) > 16:
            _KNOWN.clear()
        known = _KNOWN[(lang, skip)] = _Known(lang, skip)
    return [known[tok] for tok in tokens(text)]


def _content_word(tok: str, lang: str | None, skip: frozenset[str]) -> Word | Link | None:
    """What :func:`content_words` makes of one token."""
    word = _classify(tok, lang)
    if word is not None and fold(tok.lstrip("#")) in skip:
        return None
    if word is None and fold(tok) in LINKERS:
        return Link(tok)
    return word


class _Known(dict[str, "Word | Link | None"]):
    """:func:`_content_word` of the tokens met, for one language and one set of searched terms."""

    def __init__(self, lang: str | None, skip: frozenset[str]) -> None:
        super().__init__()
        self.lang = lang
        self.skip = skip

    def __missing__(self, tok: str) -> Word | Link | None:
        word = self[tok] = _content_word(tok, self.lang, self.skip)
        return word


#: tokens remembered per language and searched terms (the table starts over beyond this)
KNOWN_TOKENS = 50_000
_KNOWN: dict[tuple[str | None, frozenset[str]], _Known] = {}


@lru_cache(maxsize=64)
def folded_terms(terms: tuple[str, ...]) -> frozenset[str]:
    """Terms as words are compared with them: folded, without '#'."""
    return frozenset(fold(e.lstrip("#")) for e in terms)


@lru_cache(maxsize=50_000)
def _classify(tok: str, lang: str | None) -> Word | None:
    """The Word of a token, or None for stop words, punctuation, emoji and numbers (cached: tokens repeat)."""
    if not _WORDLIKE.match(tok):
        return None
    bare = fold(tok.lstrip("#"))
    if (len(bare) <= 2 or bare in STOP_WORDS or bare.replace("-", "").isdigit()) \
            and not (tok[:1].isupper() and bare in ARTICLES):
        return None
    surface = tok.lstrip("#") if not tok.startswith("@") else tok
    return Word(word_key(tok, lang), surface)


def article_word(tok: str) -> bool:
    """A capitalised article that may start a name ("De Lijn", "Het Nieuwsblad")."""
    return tok[:1].isupper() and fold(tok) in ARTICLES


@dataclass
class SurfaceForms:
    """The most frequent written form per key (bounded)."""

    limit: int = 100_000
    _forms: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, key: str, surface: str) -> None:
        """Count one occurrence."""
        forms = self._forms.get(key)
        if forms is None:
            if len(self._forms) >= self.limit:
                self._forms.pop(next(iter(self._forms)))
            forms = self._forms[key] = Counter()
        forms[surface] = forms.get(surface, 0) + 1

    def best(self, key: str) -> str:
        """The form people should see: the most frequent; a capitalised form wins ties (names)."""
        forms = self._forms.get(key)
        if not forms:
            return key
        return max(forms.items(), key=lambda kv: (kv[1], kv[0][:1].isupper(), -len(kv[0])))[0]


@dataclass
class PhraseFinder:
    """Streaming bigram statistics over content words; finds pairs that mostly occur together."""

    min_count: int = 3
    #: share of the rarer word's occurrences that must be inside the pair
    min_cohesion: float = 0.5
    limit: int = 100_000
    unigrams: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: pairs joined by one or two linking words ("dak ~ buren" for "Dak van de buren")
    linked: Counter[tuple[str, str]] = field(default_factory=Counter)
    forms: SurfaceForms = field(default_factory=SurfaceForms)

    def observe(self, words: Sequence[Word | Link | None]) -> None:
        """Count the words of one text (each pair once per text, so a repeated post does not count twice)."""
        seen_pairs: set[tuple[str, str]] = set()
        seen_links: set[tuple[str, str]] = set()
        seen: set[str] = set()
        prev: Word | None = None
        before_links: Word | None = None
        links: list[str] = []
        # counted as ``counter[k] += 1`` would (the same counts, the same order), without a Counter's
        # __missing__ call for every new key; a word's written form counted inline (``forms.add``)
        unigrams, bigrams, linked, form = self.unigrams, self.bigrams, self.linked, self.forms.add
        known_forms = self.forms._forms
        for w in words:
            if w is None:
                prev, before_links, links = None, None, []
                continue
            if isinstance(w, Link):
                if prev is not None:
                    before_links, links = prev, []
                prev = None
                links.append(w.surface)
                if len(links) > MAX_LINKS:
                    before_links, links = None, []
                continue
            key = w.key
            if before_links is not None and links and before_links.key != key:
                pair = (before_links.key, key)
                if pair not in seen_links:
                    seen_links.add(pair)
                    linked[pair] = linked.get(pair, 0) + 1
                    written = " ".join([before_links.surface, *links, w.surface])
                    form(f"{pair[0]} ~ {pair[1]}", written)
            before_links, links = None, []
            if key not in seen:
                seen.add(key)
                unigrams[key] = unigrams.get(key, 0) + 1
            forms = known_forms.get(key)
            if forms is None:
                form(key, w.surface)
            else:
                surface = w.surface
                forms[surface] = forms.get(surface, 0) + 1
            if prev is not None and prev.key != key and (pair := (prev.key, key)) not in seen_pairs:
                seen_pairs.add(pair)
                bigrams[pair] = bigrams.get(pair, 0) + 1
                form(f"{prev.key} {key}", f"{prev.surface} {w.surface}")
            prev = w
        if max(len(self.bigrams), len(self.linked), len(self.unigrams)) > self.limit:
            self._prune()

    def _prune(self) -> None:
        """Forget the rarest half (counts of one are almost all noise)."""
        keep = self.bigrams.most_common(self.limit // 2)
        self.bigrams = Counter(dict(keep))
        self.linked = Counter(dict(self.linked.most_common(self.limit // 2)))
        if len(self.unigrams) > self.limit:
            self.unigrams = Counter(dict(self.unigrams.most_common(self.limit // 2)))

    def is_phrase(self, a: str, b: str) -> bool:
        """True when 'a b' is frequent and its words mostly occur together."""
        return self._cohesive(self.bigrams.get((a, b), 0), a, b)

    def is_linked(self, a: str, b: str) -> bool:
        """True when 'a … b' (one or two linking words between) is frequent and cohesive."""
        return self._cohesive(self.linked.get((a, b), 0), a, b)

    def phrase_key(self, a: str, b: str) -> str | None:
        """The key of the phrase made of a then b, direct or linked, if there is one."""
        if self.is_phrase(a, b):
            return f"{a} {b}"
        if self.is_linked(a, b):
            return f"{a} ~ {b}"
        return None

    def _cohesive(self, n: int, a: str, b: str) -> bool:
        if n < self.min_count:
            return False
        rarer = min(self.unigrams.get(a, n), self.unigrams.get(b, n))
        return n / max(rarer, 1) >= self.min_cohesion

    def join(self, words: Sequence[Word | Link | None]) -> list[Word]:
        """Content words with known phrases merged into one Word ('grote markt')."""
        out: list[Word] = []
        i = 0
        while i < len(words):
            w = words[i]
            if not isinstance(w, Word):
                i += 1
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            if isinstance(nxt, Word) and self.is_phrase(w.key, nxt.key):
                key = f"{w.key} {nxt.key}"
                out.append(Word(key, f"{w.surface} {nxt.surface}"))
                i += 2
                continue
            if not article_word(w.surface):
                out.append(w)
            i += 1
        return out

    def surface(self, key: str) -> str:
        """How to show a key (word or phrase)."""
        return self.forms.best(key)
