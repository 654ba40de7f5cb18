"""Cloud terms and labels with phrases: two top terms of a topic that people write together become
one phrase in the form people wrote most often: "Grote Markt", "De Lijn" in clouds; labels may also
keep small linking words ("Dak van de buren"). A cloud phrase names a thing, never half a sentence: a
subject with its verb ("Stationsstraat duren", "Lijn wachtte") or a verb's particle ("zwembad terug")
stays two words."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.analysis.name_verbs import PARTICLES
from newsroom.analysis.words import PhraseFinder, fold, word_key
from newsroom.domain import TermWeight

#: endings of Dutch verb forms after their subject or before their object ("duren", "wachtte", "opengaat",
#: "afgesloten", "schrapt"); two Dutch nouns side by side are rare (compounds are written as one word:
#: "Kanaalwegbrug"), a noun after its adjective is not read here
_VERB_ENDINGS = ("t", "te", "de", "en")
#: endings of a Dutch adjective before its noun ("zware", "lekkerste", "betalend"): the capital is the
#: sentence's, what follows is a thing ("Zieke essen"); a few subjects end so too ("Politie pakt")
_ADJECTIVE_ENDINGS = ("e", "end")


def half_sentence(phrase: str) -> bool:
    """``phrase`` (two written words) is a subject and its verb, a verb and its object or a verb's particle,
    not a thing's name: its second word is a separable particle ("zwembad terug"), or a lower-case word on
    a Dutch verb form's ending after a word that is no adjective ("Stationsstraat duren", "Storm legt",
    "dochter zoekt", "schrapt bushalte"; "Kanaalweg bridge", "Grote Markt", "Zware stormschade", "nieuwe
    parkeerzone" are things)."""
    words = phrase.split()
    if len(words) != 2:
        return False
    first, second = words
    if fold(second) in PARTICLES:
        return True
    if fold(first).endswith(_ADJECTIVE_ENDINGS):  # "Zware stormschade", "Betalend parkeren": a thing
        return False
    return second[:1].islower() and fold(second).endswith(_VERB_ENDINGS)


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
            # clouds take direct phrases only; a linked one ("damage in Lindeveld-Noord") is too long
            # for a cloud word and often an accident of word order
            if finder.is_phrase(a, keys[j]):
                key = f"{a} {keys[j]}"
            elif finder.is_phrase(keys[j], a):
                key = f"{keys[j]} {a}"
            else:
                continue
            phrase = finder.surface(key)
            if half_sentence(phrase):
                continue
            ti, tj = terms[i], terms[j]
            mood = (ti.sentiment + tj.sentiment) / 2
            share = None if ti.negative_share is None or tj.negative_share is None else \
                (ti.negative_share + tj.negative_share) / 2
            merged[min(i, j)] = TermWeight(phrase, max(ti.weight, tj.weight), mood, share)
            used.update((i, j))
            break
    out: list[TermWeight] = []
    for i, t in enumerate(terms):
        if i in merged:
            out.append(merged[i])
        elif i not in used:
            out.append(t)
    return tuple(out)


def phrase_label(label: str, finder: PhraseFinder, lang: str = "nl") -> str:
    """A two-word label ("Dak buren") as the phrase people wrote ("Dak van de buren"), if there is one."""
    words = label.split()
    if len(words) != 2:
        return label
    a, b = (word_key(w, lang) for w in words)
    key = finder.phrase_key(a, b) or finder.phrase_key(b, a)
    if not key:
        return label
    surface = finder.surface(key)  # as people wrote it in the middle of a sentence ("repair café")
    return surface[:1].upper() + surface[1:]  # a name on the wall starts with a capital, as the label did
