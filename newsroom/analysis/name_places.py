"""The topic's place in its name: the phrase people wrote with the subject and the place, or around
the place with a word that weighs like the subject."""

from __future__ import annotations

import math
from collections.abc import Callable

from newsroom.analysis.name_pool import BARE_SHARE, KEEP_SHARE, written_key
from newsroom.analysis.name_tokens import Token
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.words import fold

#: A subject never written with the topic's place gives way to a phrase people wrote around the place
#: (written once will do) that scores AROUND_SHARE of the subject and holds a word weighing AROUND_WORD of
#: the subject's ("Bomenkap op Kerkplein" rather than "Ziek Kerkplein"; chosen on the development streams)
AROUND_SHARE = 0.3
AROUND_WORD = 0.5


def with_place(subject: tuple[str, ...], place: tuple[str, ...],
               found: dict[tuple[str, ...], tuple[tuple[Token, ...], tuple[str, ...]]],
               post_count: dict[tuple[str, ...], int]) -> tuple[str, ...] | None:
    """The phrase people wrote that holds the subject and the place and nothing more than small linking
    words ("Wegenwerken in de Kanaalweg", "Bakker aan de Markt"), the most used; None when nobody wrote
    them together."""
    wanted = set(found[subject][1]) | set(found[place][1])
    both = [p for p, (_, content) in found.items() if set(content) == wanted and len(content) == len(wanted)]
    return max(both, key=lambda p: (post_count[p], -len(p), p)) if both else None


def around_place(place: tuple[str, ...], subject: tuple[str, ...],
                 found: dict[tuple[str, ...], tuple[tuple[Token, ...], tuple[str, ...]]],
                 scored: dict[tuple[str, ...], float], post_count: dict[tuple[str, ...], int],
                 is_name: Callable[[str], bool], weight: Callable[[str], float],
                 n: int, previous: str = "",
                 bare: Callable[[tuple[str, ...]], bool] | None = None) -> tuple[str, ...] | None:
    """The phrase people wrote around the place with a word that says what happened there ("Bomenkap
    op Kerkplein", "Speeltuin in het Weverspark"), even when written once, when it scores AROUND_SHARE
    of the subject; None when there is none. The ``previous`` name stays while it scores KEEP_SHARE of
    the best. A phrase ending on a ``bare`` word scores BARE_SHARE."""
    keys = set(found[place][1])
    strongest = max(weight(c) for c in found[subject][1])
    floor = AROUND_SHARE * scored[subject]
    scores: dict[tuple[str, ...], float] = {}
    for phrase, (_, content) in found.items():
        if (not keys <= set(content) or len(set(content)) < len(content)
                or any(c in STOP_WORDS for c in content)
                or not any(not is_name(c) and weight(c) >= AROUND_WORD * strongest for c in content)):
            continue
        edge = BARE_SHARE if bare is not None and bare(phrase) else 1.0
        use = edge * post_count[phrase] / n
        scores[phrase] = use * sum(weight(c) for c in content) / math.sqrt(len(content))
    fit = [p for p, s in scores.items() if s >= floor]
    if not fit:
        return None
    best = max(fit, key=lambda p: (scores[p], -len(p), p))
    kept = next((p for p in fit if previous and fold(previous) == written_key(p)), None)
    return kept if kept is not None and scores[kept] >= KEEP_SHARE * scores[best] else best


def with_town(name: str, town_named: dict[str, tuple[str, str]]) -> str:
    """The name with a club's or a school's whole name where it holds only its first word: a name people
    write with the town's in it ("KFC Lindeveld", "Sporting Oosterbeke": :attr:`Pool.town_named`) keeps
    the town ("Huldiging van Sporting" -> "Huldiging van Sporting Oosterbeke")."""
    if not town_named:
        return name
    words = name.split(" ")
    out: list[str] = []
    for at, word in enumerate(words):
        out.append(word)
        whole = town_named.get(fold(word))
        after = fold(words[at + 1]) if at + 1 < len(words) else ""
        if whole is not None and after != fold(whole[1]):
            out.append(whole[1])
    return " ".join(out)
