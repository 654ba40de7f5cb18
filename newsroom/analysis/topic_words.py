"""Reading a mention's words for topics: model keys, the forms people wrote, names, background words.

A word's model key is folded and stemmed in the mention's language (the keys the clouds group by:
"overstroming" and "overstromingen" are one word); stop words, numbers, URLs and the searches' own terms
are left out. The reader remembers how people wrote each key ("Gete", "wegenwerken") and how often a key
is written with a capital inside a sentence: such a key is a name (a street, a place, an organisation),
the strongest evidence of which story a post tells.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.words import URL, fold, folded_terms, without_signatures, word_key

SURFACE = re.compile(r"[#@]?\w[\w'-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;\n]")
#: Tokens remembered per language with their model key (the cache starts over beyond this).
KEY_CACHE = 50_000
#: Keys whose written forms are remembered (the rarest are forgotten beyond this).
MAX_SURFACE = 50_000
#: A key is a name when at least this share of its mid-sentence uses start with a capital.
NAME_SHARE = 0.6
#: In a batch (the whole input is known): candidates in more than this share of the documents, from
#: BACKGROUND_MIN_DOCS documents on, are background when spread over this share of the frequent words.
BACKGROUND_SPREAD_SHARE = 0.2
BACKGROUND_MIN_DOCS = 20
BACKGROUND_SPREAD = 0.8
#: Less common words (the town's account, its news site's name: in 5-20 % of the posts) are background
#: when used with at least BACKGROUND_MET of the frequent words, and spread over BACKGROUND_MET_SPREAD,
#: in a stream of BACKGROUND_MET_DOCS posts or more (a few stories: one story's words meet most others).
BACKGROUND_MET_DOCS = 100
BACKGROUND_MIN_SHARE = 0.05
BACKGROUND_MET = 0.7
BACKGROUND_MET_SPREAD = 0.5
#: ... and whatever their spread when used with nearly all of them: a crisis that takes a third of the
#: posts names its quarter, not the town, and lowers the town's spread, yet the town meets every story
BACKGROUND_MET_ALL = 0.9
#: a scanned word inside a sentence, written with a capital or without (see WordReader.scan)
CAPITAL = 2
LOWER = 1
#: what :meth:`WordReader.scan` finds: the model keys, and per key its written form and casing mark
Scan = tuple[list[str], list[tuple[str, int]]]


def key_and_form(tok: str, lang: str | None) -> tuple[str, str, str] | None:
    """(model key, written form, folded form) of a token, or None for stop words, numbers and short words."""
    low = tok.lower()
    bare = low[1:] if low[0] == "#" and len(low) > 1 else low
    if len(bare) <= 2 or bare in STOP_WORDS or bare.isdigit():
        return None
    return word_key(low, lang), tok[1:] if tok[0] == "#" else tok, fold(bare)


class WordReader:
    """Turns a text into model keys and keeps what labels need: written forms and which keys are names."""

    def __init__(self) -> None:
        #: key -> {written form: uses}
        self.surface: dict[str, dict[str, int]] = {}
        #: key -> [mid-sentence uses with a capital, mid-sentence uses]
        self.casing: dict[str, list[int]] = {}
        #: per language: token as written -> (key, form, folded) or None (a stop word...); bounded
        self._keys: dict[str | None, dict[str, tuple[str, str, str] | None]] = {}

    def read(self, text: str, lang: str | None, exclude: Iterable[str] = (), *,
             record: bool = True) -> list[str]:
        """The text's model keys in order; remembers written forms and casing unless ``record`` is false."""
        keys, marks = self.scan(text, lang, exclude)
        if record:
            self.record(keys, marks)
        return keys

    def scan(self, text: str, lang: str | None, exclude: Iterable[str] = ()) -> Scan:
        """The text's model keys in order and, for each, what :meth:`record` remembers of it (the form
        written, and whether it stands inside a sentence with or without a capital): a pure function
        of the text, the language and ``exclude``, so one scan can serve a mention's two reads."""
        skip = folded_terms(tuple(exclude)) if exclude else frozenset()
        keys = self._keys.get(lang)
        if keys is None or len(keys) > KEY_CACHE:
            keys = self._keys[lang] = {}
        if "/" in text or "www" in text:
            text = URL.sub(" . ", text)
        text = without_signatures(text, " . ")
        terms: list[str] = []
        marks: list[tuple[str, int]] = []
        # a token starts a sentence when it is the text's first or a sentence's end stands between it
        # and the token before: the first token of each part between ends (no token holds an end)
        for part in _SENTENCE_END.split(text):
            start_of_sentence = True
            for tok in SURFACE.findall(part):
                try:
                    hit = keys[tok]
                except KeyError:
                    hit = keys[tok] = key_and_form(tok, lang)
                if hit is not None:
                    key, form, folded = hit
                    if not (skip and folded in skip):
                        terms.append(key)
                        marks.append((form, 0 if start_of_sentence or tok[0] in "#@" or tok.isupper()
                                      else CAPITAL if tok[0].isupper() else LOWER))
                start_of_sentence = False
        return terms, marks

    def record(self, terms: Sequence[str], marks: Sequence[tuple[str, int]]) -> None:
        """Remember the written forms and casing of a :meth:`scan`'s keys (what ``read`` does)."""
        surface, casing = self.surface, self.casing
        for key, (form, mark) in zip(terms, marks, strict=True):
            forms = surface.get(key)
            if forms is None:
                surface[key] = {form: 1}
            else:
                forms[form] = forms.get(form, 0) + 1
            if mark:
                case = casing.get(key)
                if case is None:
                    case = casing[key] = [0, 0]
                case[0] += mark == CAPITAL
                case[1] += 1
        if len(surface) > MAX_SURFACE:
            self._forget_rare_forms()

    def _forget_rare_forms(self) -> None:
        """Forget the keys used twice or less; when most keys are used more (a long crisis with a large
        vocabulary), keep the MAX_SURFACE // 2 most used, the newest first among equals, so the bound
        always holds."""
        kept = {k: v for k, v in self.surface.items() if sum(v.values()) > 2}
        if len(kept) > MAX_SURFACE:
            uses = [(sum(v.values()), i, k) for i, (k, v) in enumerate(kept.items())]  # i: first met
            top = {k for _, _, k in sorted(uses, reverse=True)[:MAX_SURFACE // 2]}
            kept = {k: v for k, v in kept.items() if k in top}
        self.surface = kept
        self.casing = {k: v for k, v in self.casing.items() if k in kept}

    def key_of(self, tok: str, lang: str | None) -> tuple[str, str, str] | None:
        """(model key, written form, folded form) of one token, or None for a stop word (cached)."""
        keys = self._keys.get(lang)
        if keys is None or len(keys) > KEY_CACHE:
            keys = self._keys[lang] = {}
        try:
            return keys[tok]
        except KeyError:
            hit = keys[tok] = key_and_form(tok, lang)
            return hit

    def is_name(self, key: str) -> bool:
        """Whether people write ``key`` with a capital inside a sentence: a street, place or organisation."""
        case = self.casing.get(key)
        return case is not None and case[1] >= 1 and case[0] >= NAME_SHARE * case[1]

    def written(self, key: str) -> str:
        """The form people wrote ``key`` in most (a name keeps its capital)."""
        forms = self.surface.get(key)
        if not forms:
            return key
        best = max(forms.items(), key=lambda kv: (kv[1], kv[0]))[0]
        if self.is_name(key) and not best[:1].isupper():
            capital = [f for f in forms if f[:1].isupper() and not f.isupper()]
            if capital:
                best = max(capital, key=lambda f: (forms[f], f))
        if best.isupper() and len(best) > 1:
            lower = [f for f in forms if not f.isupper()]
            best = max(lower, key=lambda f: (forms[f], f)) if lower else best.lower()
        return best


def background_words(documents: Sequence[frozenset[str]]) -> frozenset[str]:
    """Words every story uses: the town's name, "gemeente". Left in, they glue unrelated stories into
    one topic (a town name in 90 % of the posts took the benchmark sets from NMI 0.89 to 0.13).

    A background word is in more than BACKGROUND_SPREAD_SHARE of the documents *and* spread over them:
    for nearly every other frequent word, it is in at least half as many of that word's documents as
    of all documents. A big story's own word is not: "storm" in 40 % of the posts is absent from the
    posts about the festival. In a stream of BACKGROUND_MET_DOCS posts or more a less common word is
    background when it meets most frequent words and is spread over half of them, or meets nearly all
    (BACKGROUND_MET_ALL): the demo's crisis takes a third of the posts and names its quarter, so the
    town's spread is low, but no story goes without it.
    """
    n = len(documents)
    if n < BACKGROUND_MIN_DOCS:
        return frozenset()
    df: Counter[str] = Counter()
    for doc in documents:
        df.update(sorted(doc))
    frequent = {w: k for w, k in df.items() if k >= max(3, 0.02 * n)}
    out = set()
    for w, k in df.items():
        if k <= (BACKGROUND_MIN_SHARE if n >= BACKGROUND_MET_DOCS else BACKGROUND_SPREAD_SHARE) * n:
            continue
        together: Counter[str] = Counter()
        for doc in documents:
            if w in doc:
                together.update(v for v in doc if v in frequent)
        others = [v for v in frequent if v != w]
        if not others:
            out.add(w)
            continue
        rate = k / n
        spread = sum(1 for v in others if together[v] >= 0.5 * rate * frequent[v]) / len(others)
        met = sum(1 for v in others if together[v]) / len(others)
        if ((k > BACKGROUND_SPREAD_SHARE * n and spread >= BACKGROUND_SPREAD)
                or (n >= BACKGROUND_MET_DOCS and met >= BACKGROUND_MET
                    and (spread >= BACKGROUND_MET_SPREAD or met >= BACKGROUND_MET_ALL))):
            out.add(w)
    return frozenset(out)
