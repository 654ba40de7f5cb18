"""A name cut where a Dutch sentence is not finished: a finite verb without the subject, the object or
the separable particle the posts write with it ("Legt werk" -> "Legt werk neer", "De Lijn schrapt" ->
"De Lijn schrapt ritten")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from newsroom.analysis.name_pool import MAX_NAME_WORDS, Pool
from newsroom.analysis.name_tokens import NAME_LINKERS, Token
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.words import ARTICLES, fold

#: Dutch separable particles: a verb's part written after its object ("legt werk neer", "doet open").
PARTICLES = frozenset(("neer", "op", "af", "uit", "aan", "in", "mee", "terug", "dicht", "open", "toe", "weg",
                       "door", "over", "om"))
#: A phrase grows by a word when this share of its uses (two at least) write that word there.
AGREE_SHARE = 0.6

Span = tuple[list[Token], int, int]
K = TypeVar("K", str, tuple[str, ...])
Step = Callable[[Span, Pool, Callable[[str], bool]], tuple[str, Span] | None]


def finite_verb(tok: Token, pool: Pool, is_name: Callable[[str], bool]) -> bool:
    """Whether a word reads as a Dutch finite verb here: a content word the posts never use as a noun
    (:meth:`Pool.bare`) ending in -t ("schrapt", "legt", "sluit"), written in a Dutch post ("Lovely
    sunset" holds none); no contraction ("is't")."""
    text = fold(tok.text)
    return (tok.key is not None and tok.key in pool.dutch and len(text) > 2 and text.endswith("t")
            and text.isalpha() and pool.bare(tok, is_name))


def completed(spans: Sequence[Span], pool: Pool, is_name: Callable[[str], bool]) -> list[Span]:
    """The uses of a phrase grown, where most of them agree, by the subject written before a verb it
    starts on, the object written after a verb it ends on, and the particle written after its verb; a
    phrase of two content words at least (a single word is paired by other steps: on the wall "Blaft"
    grew into "Hond blaft" and lost "Hond Bobby" of a lost dog's topic, not written in its posts)."""
    out = list(spans)
    if not out or sum(t.key is not None for t in out[0][0][out[0][1]:out[0][2]]) < 2:
        return out                  # a single word is named by the steps that pair it ("Blaft" stays)
    for step in (_subject, _object, _particle):
        out = _agreed(out, pool, is_name, step)
    return out


def verb_clause(phrase: tuple[str, ...], pool: Pool,
                is_name: Callable[[str], bool]) -> tuple[Token, ...] | None:
    """The phrase completed where it is cut at a finite verb (:func:`completed`), None when it is not."""
    uses = pool.uses.get(phrase, [])
    whole = completed(uses, pool, is_name)
    return None if whole == uses else shortest(whole)


def shortest(spans: Sequence[Span]) -> tuple[Token, ...]:
    """The shortest of the uses, the first one of that length ("De Lijn schrapt ritten" rather than "De
    Lijn schrapt weer ritten"), as written."""
    return min((tuple(run[i:j]) for run, i, j in spans), key=len)


def _agreed(spans: list[Span], pool: Pool, is_name: Callable[[str], bool], step: Step) -> list[Span]:
    votes: dict[str, list[Span]] = {}
    for span in spans:
        grown = step(span, pool, is_name)
        if grown is not None:
            votes.setdefault(grown[0], []).append(grown[1])
    best = most_agreed(votes, len(spans))
    return spans if best is None else best


def most_agreed(votes: dict[K, list[Span]], uses: int) -> list[Span] | None:
    """The spans of the growth most of a phrase's ``uses`` vote for, when AGREE_SHARE of them (two at
    least) do; None when none does. Ties go to the greater key, so the choice never rests on order."""
    if not votes:
        return None
    _, best = max(votes.items(), key=lambda kv: (len(kv[1]), kv[0]))
    return best if len(best) >= 2 and len(best) >= AGREE_SHARE * uses else None


def _plain(tok: Token, pool: Pool) -> bool:
    """Whether a word is a content word of the topic's own (no small word, no background word)."""
    return tok.key is not None and tok.key not in STOP_WORDS and tok.key not in pool.background


def _fits(run: list[Token], i: int, j: int) -> bool:
    return j - i <= MAX_NAME_WORDS


def _subject(span: Span, pool: Pool, is_name: Callable[[str], bool]) -> tuple[str, Span] | None:
    """A phrase starting on a finite verb grows by the content word written right before it ("Hond
    blaft"); not over the town's name: "Stadspersoneel Vlietrode legt werk neer" is a name the wall
    never shows (it names without the town), and without the town it is no phrase anyone wrote."""
    run, i, j = span
    if not finite_verb(run[i], pool, is_name):
        return None
    k = i - 1
    if k < 0:
        return None
    tok = run[k]
    if not _plain(tok, pool) or finite_verb(tok, pool, is_name) or not _fits(run, k, j):
        return None
    return fold(tok.text), (run, k, j)


def _object(span: Span, pool: Pool, is_name: Callable[[str], bool]) -> tuple[str, Span] | None:
    """A phrase ending on a finite verb grows to the content word written after it, over one small word
    that is no preposition ("De Lijn schrapt (weer) ritten")."""
    run, i, j = span
    if not finite_verb(run[j - 1], pool, is_name):
        return None
    k = j
    if k < len(run) and (run[k].key is None or run[k].key in STOP_WORDS) \
            and fold(run[k].text) not in NAME_LINKERS | PARTICLES:
        k += 1
    if k >= len(run):
        return None
    tok = run[k]
    if not _plain(tok, pool) or finite_verb(tok, pool, is_name) or fold(tok.text) in PARTICLES \
            or not _fits(run, i, k + 1):
        return None
    return str(tok.key), (run, i, k + 1)


def _particle(span: Span, pool: Pool, is_name: Callable[[str], bool]) -> tuple[str, Span] | None:
    """A phrase holding a finite verb and ending on no particle grows by the separable particle written
    right after it, when no article and no content word follows (then it is a preposition: "legt het
    op de stoep", "neer in Bergdonk"): "Legt werk neer"."""
    run, i, j = span
    if j >= len(run) or fold(run[j].text) not in PARTICLES or fold(run[j - 1].text) in PARTICLES \
            or not _fits(run, i, j + 1) \
            or not any(finite_verb(t, pool, is_name) for t in run[i:j]):
        return None
    after = run[j + 1] if j + 1 < len(run) else None
    if after is None and id(run) in pool.cut_short:     # "Hoe laat begint de markt op | vrijdag"
        return None
    content = after is not None and after.key is not None and after.key not in STOP_WORDS
    if after is not None and (fold(after.text) in ARTICLES or content):
        return None
    return fold(run[j].text), (run, i, j + 1)
