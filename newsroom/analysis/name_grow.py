"""A subject phrase grown into a name: a word that says little widened or paired with another, a name
or a number people write with it added."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsroom.analysis.name_pool import KEEP_SHARE, MAX_NAME_WORDS, Pool, capitalised, written_key
from newsroom.analysis.name_tokens import MAX_LINKS, MAX_WORDS, NAME_LINKERS, Token
from newsroom.analysis.name_verbs import Span, completed, most_agreed, shortest
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.words import ARTICLES, fold

#: A one-word name gives way to a longer phrase holding it from this share of its score on.
WIDEN_SHARE = 0.5
#: A single word this long (folded) is a compound that can be a name on its own ("Kerstmarkt").
COMPOUND_LENGTH = 10
#: A single word that says little gives way to a phrase holding it that scores this share of it.
PAIR_SHARE = 0.25


def standalone(tokens: Sequence[Token], is_name: Callable[[str], bool]) -> bool:
    """Whether one word can be a name on its own: a proper name ("Kerkplein") or a compound subject
    ("Kerstmarkt", "Gsm-verbod"); "Hand", "Station", "Water" say too little."""
    word = next(t for t in tokens if t.key is not None)
    assert word.key is not None
    return is_name(word.key) or len(fold(word.text)) >= COMPOUND_LENGTH or "-" in word.text


def paired_phrase(word: tuple[str, ...], ranked: Sequence[tuple[str, ...]],
                  found: dict[tuple[str, ...], tuple[tuple[Token, ...], tuple[str, ...]]],
                  scored: dict[tuple[str, ...], float], previous: str = "") -> tuple[str, ...]:
    """A single word that says little gives way to the best phrase people wrote that holds it with another
    content word, scoring PAIR_SHARE of it ("Zwembad" -> "Lek in het zwembad"); else the word stays.
    The ``previous`` name stays while it is such a phrase and scores KEEP_SHARE of the best."""
    key = found[word][1][0]
    fit = [p for p in ranked if scored[p] >= PAIR_SHARE * scored[word]
           and len(found[p][1]) > 1 and key in found[p][1]]
    if not fit:
        return word
    kept = next((p for p in fit if previous and fold(previous) == written_key(p)), None)
    return kept if kept is not None and scored[kept] >= KEEP_SHARE * scored[fit[0]] else fit[0]


def extended(phrase: tuple[str, ...], pool: Pool, is_name: Callable[[str], bool]) -> tuple[Token, ...]:
    """The phrase with the name or capitalised article people write right before it in most of its uses
    (two at least): "Lijn schrapt" -> "De Lijn schrapt", "Verhaegen" -> "Bakkerij Verhaegen" when
    "Bakkerij" is written as part of the name; up to MAX_NAME_WORDS words of which MAX_WORDS - 1 content
    words. (Words after it were tried too: in generated posts they grew "Brand Veldstraat" into
    "Brand Veldstraat wellicht".) A phrase cut at a finite verb is completed as most uses write it
    (:func:`name_verbs.completed`): "Legt werk" -> "Legt werk neer"."""
    uses = pool.uses.get(phrase, [])
    tokens = pool.found[phrase][0]
    if len(uses) < 2:
        return _numbered(uses) or tokens
    spans = list(uses)
    for side in (-1,):
        while True:
            step = _next_word(spans, side, pool, is_name)
            if step is None:
                break
            run, i, j = step[0]
            if run[i].key is None:          # a capitalised article, whatever the length: "De Lijn schrapt
                spans = step                # bushalte Hofstraat"
                break
            if j - i > MAX_NAME_WORDS or sum(t.key is not None for t in run[i:j]) > MAX_WORDS - 1:
                break
            spans = step
    whole = completed(spans, pool, is_name)
    if whole != spans:                      # a verb's subject, object or particle: "Legt werk" -> ...
        return _numbered(whole) or shortest(whole)
    run, i, j = next(((r, a, b) for r, a, b in spans if not r[a].first), spans[0])
    return _numbered(spans) or tuple(run[i:j])


def place_name(phrase: tuple[str, ...], pool: Pool, is_name: Callable[[str], bool]) -> tuple[Token, ...]:
    """A place as people write it: with the word written with a capital right before it inside a
    sentence in most of its uses (two at least): "Kaai" -> "Lange Kaai", "Heide" -> "Rode Heide"."""
    spans = list(pool.uses.get(phrase, []))
    while True:
        step = _next_word(spans, -1, pool, is_name, capitals=True)
        if step is None:
            break
        run, i, j = step[0]
        if j - i > MAX_NAME_WORDS or sum(t.key is not None for t in run[i:j]) > MAX_WORDS - 1:
            break
        spans = step
    if not spans:
        return pool.found[phrase][0]
    run, i, j = next(((r, a, b) for r, a, b in spans if not r[a].first), spans[0])
    return tuple(run[i:j])


def _inside_capital(tok: Token) -> bool:
    """Whether a word is written with a capital inside a sentence (not a capitalised article: "De
    Lijn" grows by its own rule)."""
    return tok.text[:1].isupper() and not tok.first and fold(tok.text) not in ARTICLES


def _numbered(spans: Sequence[tuple[list[Token], int, int]]) -> tuple[Token, ...] | None:
    """The phrase with the number every use of it goes on with ("Omleiding van lijn" -> "Omleiding van
    lijn 21", "Bus" -> "Bus 47"); None when a use goes on otherwise (or there is no use)."""
    after = {run[j].text if j < len(run) and run[j].number else None for run, _, j in spans}
    if len(after) != 1 or None in after:
        return None
    run, i, j = next(((r, a, b) for r, a, b in spans if not r[a].first), spans[0])
    return tuple(run[i:j + 1])


def _next_word(spans: list[Span], side: int, pool: Pool, is_name: Callable[[str], bool],
               capitals: bool = False) -> list[Span] | None:
    """The spans grown by one word on ``side`` when AGREE_SHARE of them (two at least) agree on it;
    None when they do not. ``capitals``: a word written with a capital inside a sentence joins on the
    left as a name does (the "Lange" of "Lange Kaai")."""
    votes: dict[tuple[str, ...], list[Span]] = {}
    for run, i, j in spans:
        k, links = (j if side > 0 else i - 1), 0
        while side > 0 and k < len(run) and run[k].key is None and links < MAX_LINKS \
                and fold(run[k].text) in NAME_LINKERS:
            k += 1
            links += 1
        if not 0 <= k < len(run):
            continue
        tok = run[k]
        if tok.key is None and capitals and side < 0 and _inside_capital(tok):
            pass                            # "Lange" of "Lange Kaai": a small word inside a name
        elif tok.key is None:
            after = run[k + 1].key
            named = after is not None and is_name(after) and tok.text[:1].isupper()
            if not (fold(tok.text) in ARTICLES and (capitalised(tok, pool) or named)):
                continue
        elif tok.key in STOP_WORDS or tok.key in pool.background or (
                side < 0 and not is_name(tok.key) and not (capitals and _inside_capital(tok))):
            continue
        lo, hi = (i, k + 1) if side > 0 else (k, j)
        words = tuple(fold(t.text) for t in run[lo:i]) + tuple(fold(t.text) for t in run[j:hi])
        votes.setdefault(words, []).append((run, lo, hi))
    return most_agreed(votes, len(spans))


def widened(word: tuple[str, ...], ranked: Sequence[tuple[str, ...]],
            found: dict[tuple[str, ...], tuple[tuple[Token, ...], tuple[str, ...]]],
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
