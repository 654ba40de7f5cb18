"""Swear words, which a topic's name and its word cloud never show: the wall hangs where the mayor, the
newsroom and their visitors see it from across the room. Only what the wall writes for a topic leaves
them out; the clustering and the sentiment still read them (a post that swears is angry). Plain Python
of its own (the wall imports it, never the analysis' word tools): the list holds accented words both
ways ("enculé", "encule")."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_LIST = Path(__file__).resolve().parent / "lexicons" / "swear_words.txt"


def _read() -> tuple[frozenset[str], tuple[str, ...]]:
    """The whole words and the starts (``kut*``) of the list, in lower case."""
    words: set[str] = set()
    starts: set[str] = set()
    for line in _LIST.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.endswith("*"):
            starts.add(entry[:-1].lower())
        else:
            words.add(entry.lower())
    return frozenset(words), tuple(sorted(starts))


_WORDS, _STARTS = _read()
#: a word as :func:`masked` reads it (a hashtag with its "#")
_WORD = re.compile(r"#?[\w'’-]+", re.UNICODE)


@lru_cache(maxsize=20_000)
def is_swear_word(word: str) -> bool:
    """``word`` (any case, a hashtag too) is a swear word or starts like one: "Kut", "#kutweer",
    "Fucking", "godverdomme"; not "kleren", "eikels", "kankeronderzoek"."""
    w = word.lstrip("#").lower().replace("’", "'")
    return w in _WORDS or w.startswith(_STARTS)


def holds_swear_word(phrase: str) -> bool:
    """Some word of ``phrase`` (split at spaces) is a swear word."""
    return any(is_swear_word(w) for w in phrase.split())


def masked(text: str) -> str:
    """``text`` with every swear word kept to its first letter ("Kut!" -> "K**!", "#kutweer" ->
    "#k*****"): for the few places that must show a post's own words as a label."""
    return _WORD.sub(lambda m: _mask(m.group(0)), text)


def _mask(word: str) -> str:
    if not is_swear_word(word):
        return word
    lead = 2 if word.startswith("#") else 1
    return word[:lead] + "*" * (len(word) - lead)
