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

The jobs, each in its module: the candidates read (:mod:`name_pool`), judged with the weights of the
topic's words (:mod:`name_judge`), the subject chosen (:mod:`name_subject`), the name written around it
with its place or as a headline (:mod:`name_glue`); here, the main language and the name kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from newsroom.analysis.name_glue import write_name
from newsroom.analysis.name_grow import COMPOUND_LENGTH
from newsroom.analysis.name_judge import PhraseJudge, same_head
from newsroom.analysis.name_lines import most_written
from newsroom.analysis.name_places import with_town
from newsroom.analysis.name_pool import KEEP_SHARE, Pool, read_pool, written_in
from newsroom.analysis.name_subject import choose_subject
from newsroom.analysis.name_tokens import NAME_LINKERS, WORD, Token
from newsroom.analysis.set_phrases import cut_set_phrases
from newsroom.analysis.swear_words import masked
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.time_words import is_time_word
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import ARTICLES, fold

__all__ = ["first_words", "in_main_language", "name_topic", "same_head"]

#: At most this many posts are read for a name (spread evenly over the topic's posts).
MAX_TEXTS = 200
#: A name nobody wrote as such (a subject and its place glued) fits this much less when the wall weighs
#: keeping it against a new one (the new one too, when it is glued).
GLUED_FIT = 0.5
#: A topic is named from its posts in its main language when they are this share of its posts (and
#: MAIN_LANGUAGE_POSTS at least): a Dutch story with a few English posts is named in Dutch.
MAIN_LANGUAGE_SHARE = 0.5
MAIN_LANGUAGE_POSTS = 3
#: A last-resort name (:func:`first_words`) holds at most this many words.
FALLBACK_WORDS = 6


def first_words(texts: Iterable[str]) -> str:
    """The last resort for a topic the namer leaves without a name (its posts hold no word it names by:
    "Hoe lang nog?", "Kut!!!"): the first words of its first post that has any, swear words masked
    ("K**!!!"); "" when none has."""
    for text in texts:
        words = masked(text).split()
        if words:
            return " ".join(words[:FALLBACK_WORDS]) + (" …" if len(words) > FALLBACK_WORDS else "")
    return ""


def in_main_language(texts: Sequence[tuple[str, str | None]]) -> Sequence[tuple[str, str | None]]:
    """The posts of ``texts`` ((text, language) pairs) in the topic's main language (and those of no
    known language), when that language holds MAIN_LANGUAGE_SHARE of them; else all of them."""
    counts = Counter(lang for _, lang in texts if lang)
    if not counts:
        return texts
    main, k = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if k < MAIN_LANGUAGE_POSTS or k < MAIN_LANGUAGE_SHARE * len(texts) or k == len(texts):
        return texts
    return [(text, lang) for text, lang in texts if lang in (main, None)]


def name_topic(texts: Sequence[tuple[str, str | None]], reader: WordReader, idf: Callable[[str], float],
               background: frozenset[str] = frozenset(), previous: str = "", *,
               keep_town: bool = True) -> str:
    """A short name for the topic whose posts are ``texts`` ((text, language) pairs).

    ``previous``: the name it had; kept while it still scores KEEP_SHARE of the best (a name does not
    flicker while the story is the same). A phrase only the posts of another language than the topic's
    main one wrote gives way to the name its main language's posts give (a Dutch story with a few
    English posts is not called "Storm damage"); a name its main language wrote too stays.
    ``keep_town``: a club named after the town keeps the town's name in the name (:func:`with_town`);
    the wall's names leave it out (False: its tiles show no name holding the town's).
    """
    name = _name_topic(texts, reader, idf, background, previous, keep_town)
    main = in_main_language(texts)
    if len(main) == len(texts) or not name or not _written_only_outside(name, texts, main):
        return _without_end_marks(name)
    return _without_end_marks(_name_topic(main, reader, idf, background, previous, keep_town) or name)


#: a quote that ends a word: "Status: 'in behandeling'" is read with the word "behandeling'"
_END_MARKS = re.compile(r"(?<=\w\w)['’‘]+(?=\s|$)")


def _without_end_marks(name: str) -> str:
    """The name without a quote at a word's end ("Behandeling'" is "Behandeling"; "'s nachts" keeps its
    quote, which starts a word, and "m'" or "d'" theirs, which elide one)."""
    return _END_MARKS.sub("", name)


def _written_only_outside(name: str, texts: Sequence[tuple[str, str | None]],
                          main: Sequence[tuple[str, str | None]]) -> bool:
    """Whether ``name`` is written in some post of ``texts`` but in none of ``main``."""
    key = fold(name)
    return (not any(key in fold(text) for text, _ in main)
            and any(key in fold(text) for text, _ in texts))


def _name_topic(texts: Sequence[tuple[str, str | None]], reader: WordReader, idf: Callable[[str], float],
                background: frozenset[str], previous: str, keep_town: bool) -> str:
    """:func:`name_topic` from ``texts`` as given: the candidates read (:func:`read_pool`) and judged
    (:class:`PhraseJudge`), the subject chosen (:func:`choose_subject`), the name written around it
    (:func:`write_name`); the ``previous`` name while it still fits (:func:`_still_fits`)."""
    texts = _spread(texts)
    if not texts:
        return ""
    pool = read_pool(texts, reader, background)
    if not pool.found:
        return most_written(pool, reader)
    judge = PhraseJudge(pool, reader, idf, len(texts))
    ranked = judge.ranked()
    subject, led = choose_subject(judge, ranked, previous)
    if subject is None:
        name = judge.write(judge.found[ranked[0]][0])
    else:
        name = write_name(judge, ranked, subject, led, previous)
    if previous and fold(previous) != fold(name) and _still_fits(previous, name, pool, judge.weights.weight,
                                                                 reader.is_name):
        return previous
    return with_town(name, pool.town_named) if keep_town else name


def _spread(texts: Sequence[tuple[str, str | None]]) -> Sequence[tuple[str, str | None]]:
    """At most MAX_TEXTS of ``texts``, spread evenly over them."""
    if len(texts) <= MAX_TEXTS:
        return texts
    step = len(texts) / MAX_TEXTS
    return [texts[int(i * step)] for i in range(MAX_TEXTS)]


def _still_fits(previous: str, name: str, pool: Pool, weight: Callable[[str], float],
                is_name: Callable[[str], bool]) -> bool:
    """Whether the name the topic had still says what it is about as well as KEEP_SHARE of the new
    one, by how many of its posts use the names' words and how telling those are (:func:`_fit`); a
    name holding a set phrase, a time word or a background word, a single word that says little, a
    name ending on a word the posts never use as a noun (:meth:`Pool.bare_edge`: "Vlot verlopen",
    chosen from the topic's first four posts), or a name the new one holds and says more than ("Ter
    Beke" -> "Bus in Ter Beke"), never stays."""
    if cut_set_phrases(previous) != previous or any(is_time_word(w) for w in previous.split()):
        return False
    words, grown = WORD.findall(fold(previous)), WORD.findall(fold(name))
    if len(grown) > len(words) and any(grown[i:i + len(words)] == words for i in range(len(grown))):
        return False
    tokens = [Token(w, pool.key_of.get(fold(w)), False) for w in WORD.findall(previous)
              if not (fold(w) in NAME_LINKERS or fold(w) in ARTICLES or fold(w) in STOP_WORDS or w.isdigit())]
    if pool.bare_edge(tokens, is_name):
        return False
    before, now = _fit(previous, pool, weight), _fit(name, pool, weight)
    return before is not None and now is not None and before >= KEEP_SHARE * now


def _fit(name: str, pool: Pool, weight: Callable[[str], float]) -> float | None:
    """Σ weight of the name's content words / √(their number), None when one of them is background,
    unknown in the topic's posts, or the name is one word that cannot stand alone."""
    keys = []
    for word in WORD.findall(name):
        folded = fold(word)
        if folded in NAME_LINKERS or folded in ARTICLES or folded in STOP_WORDS or folded.isdigit():
            continue                 # small words, and a word's number ("lijn 21")
        key = pool.key_of.get(folded)
        if key is None or key in pool.background:
            return None
        keys.append(key)
    if not keys or (len(keys) == 1 and len(fold(name)) < COMPOUND_LENGTH and "-" not in name
                    and not any(c.isupper() for c in name[1:])):
        return None
    written = 1.0 if written_in(tuple(fold(w) for w in WORD.findall(name)), pool) else GLUED_FIT
    return written * sum(weight(k) for k in sorted(set(keys))) / math.sqrt(len(keys))
