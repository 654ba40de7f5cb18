"""Cloud terms with phrases: two top terms of a topic that people write together ("Grote Markt",
"De Lijn") become one phrase in the cloud, in the form people wrote most often."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.words import PhraseFinder, word_key
from newsroom.domain import TermWeight


def with_phrases(terms: Sequence[TermWeight], finder: PhraseFinder,
                 lang: str = "nl") -> tuple[TermWeight, ...]:
    """``terms`` with pairs that form a known phrase merged (weight of the stronger word, mean sentiment).

    Order and the rest of the terms are kept; each word joins at most one phrase.
    """
    keys = [word_key(t.term, lang) for t in terms]
    used: set[int] = set()
    merged: dict[int, TermWeight] = {}
    for i, a in enumerate(keys):
        if i in used:
            continue
        for j in range(len(keys)):
            if j == i or j in used:
                continue
            if finder.is_phrase(a, keys[j]):
                first, second = i, j
            elif finder.is_phrase(keys[j], a):
                first, second = j, i
            else:
                continue
            phrase = finder.surface(f"{keys[first]} {keys[second]}")
            ti, tj = terms[i], terms[j]
            mood = (ti.sentiment + tj.sentiment) / 2
            merged[min(i, j)] = TermWeight(phrase, max(ti.weight, tj.weight), mood)
            used.update((i, j))
            break
    out: list[TermWeight] = []
    for i, t in enumerate(terms):
        if i in merged:
            out.append(merged[i])
        elif i not in used:
            out.append(t)
    return tuple(out)
