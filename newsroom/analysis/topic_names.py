"""Naming a topic: a phrase people wrote, with the story's subject and its place, properly capitalised.

The candidates are the word sequences of the topic's posts (one to four words, never across punctuation,
starting and ending with a content word, small linking words inside: "Dak van de buren", "Wegenwerken
in de Stationsstraat"). A candidate scores by how many posts use it times how much its words set the
topic apart (their share of the topic's posts times their rarity in the stream). The winner is written
as people wrote it: a name keeps its capital ("Kanaalweg", "Ter Heide"), other words are lower case,
the first letter is a capital. When the winner lacks the place the topic mostly names, the phrase people
wrote with both is taken ("Wegenwerken in de Kanaalweg"), else a phrase people wrote around the place
with a word that weighs like the subject ("Bomenkap op het Kerkplein", not "Ziek Kerkplein"), and only
when there is none the place is added: "Stormschade Lindeveld-Noord".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import LINKERS, URL, fold

_TOKEN = re.compile(r"[#@]?\w[\w'’-]*|[^\w\s]", re.UNICODE)
#: Words that date a post but never say what the story is ("zondag", "jaar").
TIME_WORDS = frozenset((
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "vandaag", "morgen",
    "gisteren", "vanavond", "vannacht", "vanmorgen", "jaar", "jaren", "week", "weken", "dag", "dagen",
    "uur", "uren", "maand", "maanden", "avond", "nacht", "morning", "evening", "today", "tomorrow",
    "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "year",
    "day", "night", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "demain",
    "hier", "soir", "nuit", "jour", "semaine",
))
#: Longest phrase, in words.
MAX_WORDS = 4
#: Small words allowed inside a phrase.
MAX_LINKS = 2
#: A place named in this share of the topic's posts joins a one-word name.
PLACE_SHARE = 0.25
#: At most this many posts are read for a name (spread evenly over the topic's posts).
MAX_TEXTS = 200
#: A one-word name gives way to a longer phrase holding it from this share of its score on.
WIDEN_SHARE = 0.5
#: A subject never written with the topic's place gives way to a phrase people wrote around the place
#: (written once will do) that scores AROUND_SHARE of the subject and holds a word weighing AROUND_WORD of
#: the subject's ("Bomenkap op Kerkplein" rather than "Ziek Kerkplein"; chosen on the development streams)
AROUND_SHARE = 0.3
AROUND_WORD = 0.5
#: On the wall, the name stays while it scores at least this share of the best candidate.
KEEP_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    key: str | None          # model key of a content word, None for a small word
    first: bool              # starts a sentence (its capital says nothing)


def _segments(text: str, lang: str | None, reader: WordReader) -> list[list[_Token]]:
    """Runs of words between punctuation, handles and emoji; URLs removed."""
    if "/" in text or "www" in text:
        text = URL.sub(" | ", text)
    out: list[list[_Token]] = []
    run: list[_Token] = []
    first = True
    for tok in _TOKEN.findall(text):
        if not (tok[0].isalnum() or (tok[0] == "#" and len(tok) > 1)):
            if run:
                out.append(run)
            run = []
            first = first or tok in ".!?:;|"
            continue
        word = tok[1:] if tok[0] == "#" else tok
        if word.isdigit() or tok[0] == "@":
            if run:
                out.append(run)
            run, first = [], False
            continue
        hit = reader.key_of(word, lang)
        key = hit[0] if hit and hit[2] not in TIME_WORDS else None
        run.append(_Token(word, key, first))
        first = False
    if run:
        out.append(run)
    return out


def _phrases(run: list[_Token]) -> list[tuple[int, int]]:
    """(start, end) of every candidate phrase in a run of words."""
    out = []
    for i, tok in enumerate(run):
        if tok.key is None:
            continue
        links = 0
        for j in range(i, min(len(run), i + MAX_WORDS + MAX_LINKS)):
            if run[j].key is None:
                if fold(run[j].text) not in LINKERS or links == MAX_LINKS:
                    break
                links += 1
                continue
            if j - i + 1 - links > MAX_WORDS:
                break
            out.append((i, j + 1))
    return out


def _write(tokens: Sequence[_Token], reader: WordReader, forms: dict[str, dict[str, int]]) -> str:
    """The phrase as people write it: names capitalised, other words lower case, a capital first."""
    words = []
    for tok in tokens:
        if tok.key is not None and reader.is_name(tok.key):
            words.append(reader.written(tok.key))
            continue
        seen = forms.get(fold(tok.text), {})
        capital = sum(n for f, n in seen.items() if f[:1].isupper() and not f.isupper())
        upper = sum(n for f, n in seen.items() if f.isupper() and len(f) > 1)
        total = sum(seen.values()) or 1
        low = tok.text.lower()
        if 2 * upper > total >= 2 and len(low) <= 5 and tok.key is not None:   # OCMW, PMD, KFC
            words.append(tok.text.upper())
        elif tok.key is None and capital >= 0.6 * total:   # "De" in "De Lijn", "Ter" in "Ter Heide"
            words.append(low[:1].upper() + low[1:])
        else:
            words.append(low)
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def name_topic(texts: Sequence[tuple[str, str | None]], reader: WordReader, idf: Callable[[str], float],
               background: frozenset[str] = frozenset(), previous: str = "") -> str:
    """A short name for the topic whose posts are ``texts`` ((text, language) pairs).

    ``previous``: the name it had; kept while it still scores KEEP_SHARE of the best (a name does not
    flicker while the story is the same).
    """
    if len(texts) > MAX_TEXTS:
        step = len(texts) / MAX_TEXTS
        texts = [texts[int(i * step)] for i in range(MAX_TEXTS)]
    n = len(texts)
    if not n:
        return ""
    share: dict[str, int] = {}
    #: phrase (folded words) -> (its first use not at a sentence start, else its first use; content keys)
    found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]] = {}
    post_count: dict[tuple[str, ...], int] = {}
    forms: dict[str, dict[str, int]] = {}
    for text, lang in texts:
        keys_here: set[str] = set()
        phrases_here: set[tuple[str, ...]] = set()
        for run in _segments(text, lang, reader):
            for tok in run:
                if tok.key is not None:
                    keys_here.add(tok.key)
                if not tok.first:
                    f = forms.setdefault(fold(tok.text), {})
                    f[tok.text] = f.get(tok.text, 0) + 1
            for i, j in _phrases(run):
                toks = tuple(run[i:j])
                key = tuple(fold(t.text) for t in toks)
                seen = found.get(key)
                if seen is None:
                    content = tuple(t.key for t in toks if t.key is not None)
                    if any(k in background for k in content):
                        continue
                    found[key] = (toks, content)
                elif seen[0][0].first and not toks[0].first:
                    found[key] = (toks, seen[1])
                phrases_here.add(key)
        for k in keys_here:
            share[k] = share.get(k, 0) + 1
        for key in phrases_here:
            post_count[key] = post_count.get(key, 0) + 1

    def weight(key: str) -> float:
        return share.get(key, 0) / n * max(idf(key), 0.0)

    def score(phrase: tuple[str, ...]) -> float:
        content = found[phrase][1]
        k = post_count[phrase]
        if len(content) > 1 and k < 2 and n > 1:
            return 0.0
        if any(c in STOP_WORDS for c in content) or len(set(content)) < len(content):
            return 0.0
        return k / n * sum(weight(c) for c in content) / math.sqrt(len(content))

    if not found:
        return ""
    scored = {p: score(p) for p in found}
    is_name = reader.is_name

    def kind(phrase: tuple[str, ...]) -> tuple[bool, bool]:
        """(holds a name, holds another content word)"""
        names = [is_name(k) for k in found[phrase][1]]
        return any(names), not all(names)

    ranked = sorted((p for p in found if scored[p] > 0.0), key=lambda p: (-scored[p], len(p), p))
    if not ranked:
        ranked = sorted(found, key=lambda p: (len(p), p))
    subjects = [p for p in ranked if kind(p)[1]]
    places = [p for p in ranked if kind(p) == (True, False) and post_count[p] >= PLACE_SHARE * n]
    subject = subjects[0] if subjects else None
    if subject is not None and previous:
        for phrase in subjects:
            if scored[phrase] < KEEP_SHARE * scored[subject]:
                break
            if fold(previous).startswith(_written_key(phrase)):
                subject = phrase
                break
    if subject is not None and len(found[subject][1]) == 1:
        subject = _widened(subject, ranked, found, scored, is_name, weight)
    if subject is None:
        return _write(found[ranked[0]][0], reader, forms)
    if places and not kind(subject)[0] and len(subject) <= 3:
        written = _with_place(subject, places[0], found, post_count) if len(found[subject][1]) <= 2 else None
        glued = f"{_write(found[subject][0], reader, forms)} {_write(found[places[0]][0], reader, forms)}"
        if written is None and fold(previous) != fold(glued):   # a kept name stays as it was written
            written = _around_place(places[0], subject, found, scored, post_count, is_name, weight, n,
                                    previous)
        return glued if written is None else _write(found[written][0], reader, forms)
    return _write(found[subject][0], reader, forms)


def _with_place(subject: tuple[str, ...], place: tuple[str, ...],
                found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]],
                post_count: dict[tuple[str, ...], int]) -> tuple[str, ...] | None:
    """The phrase people wrote that holds the subject and the place and nothing more than small linking
    words ("Wegenwerken in de Kanaalweg", "Bakker aan de Markt"), the most used; None when nobody wrote
    them together."""
    wanted = set(found[subject][1]) | set(found[place][1])
    both = [p for p, (_, content) in found.items() if set(content) == wanted and len(content) == len(wanted)]
    return max(both, key=lambda p: (post_count[p], -len(p), p)) if both else None


def _around_place(place: tuple[str, ...], subject: tuple[str, ...],
                  found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]],
                  scored: dict[tuple[str, ...], float], post_count: dict[tuple[str, ...], int],
                  is_name: Callable[[str], bool], weight: Callable[[str], float],
                  n: int, previous: str = "") -> tuple[str, ...] | None:
    """The phrase people wrote around the place with a word that says what happened there ("Bomenkap
    op Kerkplein", "Speeltuin in het Weverspark"), even when written once, when it scores AROUND_SHARE
    of the subject; None when there is none. The ``previous`` name stays while it scores KEEP_SHARE of
    the best."""
    keys = set(found[place][1])
    strongest = max(weight(c) for c in found[subject][1])
    floor = AROUND_SHARE * scored[subject]
    scores: dict[tuple[str, ...], float] = {}
    for phrase, (_, content) in found.items():
        if (not keys <= set(content) or len(set(content)) < len(content)
                or any(c in STOP_WORDS for c in content)
                or not any(not is_name(c) and weight(c) >= AROUND_WORD * strongest for c in content)):
            continue
        scores[phrase] = post_count[phrase] / n * sum(weight(c) for c in content) / math.sqrt(len(content))
    fit = [p for p, s in scores.items() if s >= floor]
    if not fit:
        return None
    best = max(fit, key=lambda p: (scores[p], -len(p), p))
    kept = next((p for p in fit if previous and fold(previous) == _written_key(p)), None)
    return kept if kept is not None and scores[kept] >= KEEP_SHARE * scores[best] else best


def _widened(word: tuple[str, ...], ranked: Sequence[tuple[str, ...]],
             found: dict[tuple[str, ...], tuple[tuple[_Token, ...], tuple[str, ...]]],
             scored: dict[tuple[str, ...], float], is_name: Callable[[str], bool],
             weight: Callable[[str], float]) -> tuple[str, ...]:
    """A one-word name gives way to the best phrase of more content words, none a name (the place is
    added after), each weighing WIDEN_SHARE of the word, that holds it and scores WIDEN_SHARE of it
    ("Station" -> "Fiets gestolen aan het station"; not "Leidingbreuk zet"): a word alone rarely says
    what happened."""
    key = found[word][1][0]
    for phrase in ranked:
        if scored[phrase] < WIDEN_SHARE * scored[word]:
            break
        content = found[phrase][1]
        if (len(content) > 1 and key in content and not any(is_name(c) for c in content)
                and all(weight(c) >= WIDEN_SHARE * weight(key) for c in content)):
            return phrase
    return word


def _written_key(phrase: tuple[str, ...]) -> str:
    return " ".join(phrase)
