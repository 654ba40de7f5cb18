"""Language of short, noisy posts: py3langid restricted to nl/en/fr/de, with the search's languages
as a prior (a resident's three-word post in a Dutch search is Dutch unless clearly not)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsroom.analysis.language_batch import BatchRanker

LANGUAGES = ("nl", "en", "fr", "de")
PRIOR_WEIGHT = 4.0
MIN_CONFIDENCE = 0.5
MAX_CHARS = 1000

_NOISE = re.compile(r"https?://\S+|www\.\S+|[@#]\w+", re.UNICODE)
#: four letters anywhere (what a text needs before the identifier is asked); stops at the fourth
_FOUR_LETTERS = re.compile(r"[^\W\d_](?:[\W\d_]*[^\W\d_]){3}", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def _scores(clean: str) -> dict[str, float]:
    """Probability per supported language for a text already cut and cleaned (URLs, handles and hashtags
    removed)."""
    return {lang: float(p) for lang, p in _identifier().rank(clean)}


def detect_language(text: str, prior: Sequence[str] = ()) -> str:
    """Return "nl", "en", "fr", "de" or "other"; ``prior`` lists the search's languages."""
    clean = _NOISE.sub(" ", text[:MAX_CHARS])
    wanted = [p for p in prior if p in LANGUAGES]
    if _FOUR_LETTERS.search(clean) is None:
        return wanted[0] if wanted else "other"
    return _choose(_scores(clean), wanted)


def detect_languages(texts: Sequence[str], priors: Sequence[Sequence[str]]) -> list[str]:
    """:func:`detect_language` of each text with its prior, the identifier's work done for all at once
    (:mod:`newsroom.analysis.language_batch`: the same numbers, a few times faster for a batch)."""
    out: list[str] = []
    asked: list[tuple[int, str, list[str]]] = []  # place in out, cleaned text, wanted languages
    for text, prior in zip(texts, priors, strict=True):
        clean = _NOISE.sub(" ", text[:MAX_CHARS])
        wanted = [p for p in prior if p in LANGUAGES]
        if _FOUR_LETTERS.search(clean) is None:
            out.append(wanted[0] if wanted else "other")
        else:
            asked.append((len(out), clean, wanted))
            out.append("")
    ranked = _ranker().rank([clean for _, clean, _ in asked])
    for (at, _, wanted), ranks in zip(asked, ranked, strict=True):
        out[at] = _choose({lang: float(p) for lang, p in ranks}, wanted)
    return out


@lru_cache(maxsize=1)
def _ranker() -> BatchRanker:
    from newsroom.analysis.language_batch import BatchRanker

    return BatchRanker(_identifier())


def _choose(scores: dict[str, float], wanted: list[str]) -> str:
    """The language of a text from the identifier's probabilities and the prior's languages."""
    if wanted:
        for lang in wanted:
            scores[lang] = scores.get(lang, 0.0) * PRIOR_WEIGHT
        total = sum(scores.values()) or 1.0
        scores = {k: v / total for k, v in scores.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < MIN_CONFIDENCE:
        return wanted[0] if wanted else "other"
    return best
