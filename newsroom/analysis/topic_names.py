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
from collections import Counter
from collections.abc import Callable, Sequence

from newsroom.analysis.name_grow import (
    COMPOUND_LENGTH,
    extended,
    paired_phrase,
    place_name,
    standalone,
    widened,
)
from newsroom.analysis.name_lines import clause_with, headline, most_written
from newsroom.analysis.name_places import around_place, with_place, with_town
from newsroom.analysis.name_pool import BARE_SHARE, KEEP_SHARE, Pool, read_pool, written_in, written_key
from newsroom.analysis.name_tokens import NAME_LINKERS, WORD, Token
from newsroom.analysis.name_verbs import verb_clause
from newsroom.analysis.name_writing import write_phrase
from newsroom.analysis.set_phrases import cut_set_phrases
from newsroom.analysis.subject_words import says_what_happened
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.time_words import is_time_word
from newsroom.analysis.topic_words import WordReader
from newsroom.analysis.words import ARTICLES, fold

#: A place named in this share of the topic's posts joins a one-word name.
PLACE_SHARE = 0.25
#: At most this many posts are read for a name (spread evenly over the topic's posts).
MAX_TEXTS = 200
#: A word that says what happened (:mod:`subject_words`: "brand", "wegenwerken") weighs this much more.
SUBJECT_BOOST = 2.0
#: A name nobody wrote as such (a subject and its place glued) fits this much less when the wall weighs
#: keeping it against a new one (the new one too, when it is glued).
GLUED_FIT = 0.5
#: A place the topic names less often than PLACE_SHARE joins the name from this share of its posts on
#: when it scores above the subject (the most telling thing about the topic is where it happens).
LEAD_PLACE_SHARE = 0.1
#: A single word that says little and has no phrase or line to give way to gives way to a word that can
#: stand alone (a name, a compound, an acronym) scoring this share of it; a word that says what happened
#: only to one that does too, a name or an acronym ("Petitie", not "Handtekeningen").
SINGLE_SHARE = 0.5
#: A topic is named from its posts in its main language when they are this share of its posts (and
#: MAIN_LANGUAGE_POSTS at least): a Dutch story with a few English posts is named in Dutch.
MAIN_LANGUAGE_SHARE = 0.5
MAIN_LANGUAGE_POSTS = 3
#: A subject holding a name none of whose other words says what happened (a place, who acts: "Wijk
#: Hoogveld", "Handelaars in de Stationsstraat") gives way to the best scored noun without a name that
#: says what happened, used in LEAD_POSTS posts at least (its compounds' and plurals' posts count); its
#: place joins it as it joins any subject.
LEAD_POSTS = 2
#: A word's compounds and plurals support it from this length on (:func:`same_head`).
HEAD_LENGTH = 5
PLURAL_LETTERS = 3


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
               background: frozenset[str] = frozenset(), previous: str = "", keep_town: bool = False) -> str:
    """A short name for the topic whose posts are ``texts`` ((text, language) pairs).

    ``previous``: the name it had; kept while it still scores KEEP_SHARE of the best (a name does not
    flicker while the story is the same). A phrase only the posts of another language than the topic's
    main one wrote gives way to the name its main language's posts give (a Dutch story with a few
    English posts is not called "Storm damage"); a name its main language wrote too stays.
    ``keep_town``: a club named after the town keeps the town's name in the name (:func:`with_town`; the
    batch's names: the wall shows no name holding the town's).
    """
    name = _name_topic(texts, reader, idf, background, previous, keep_town)
    main = in_main_language(texts)
    if len(main) == len(texts) or not name or not _written_only_outside(name, texts, main):
        return name
    return _name_topic(main, reader, idf, background, previous, keep_town) or name


def _written_only_outside(name: str, texts: Sequence[tuple[str, str | None]],
                          main: Sequence[tuple[str, str | None]]) -> bool:
    """Whether ``name`` is written in some post of ``texts`` but in none of ``main``."""
    key = fold(name)
    return (not any(key in fold(text) for text, _ in main)
            and any(key in fold(text) for text, _ in texts))


def _name_topic(texts: Sequence[tuple[str, str | None]], reader: WordReader, idf: Callable[[str], float],
                background: frozenset[str], previous: str, keep_town: bool = False) -> str:
    """:func:`name_topic` from ``texts`` as given."""
    if len(texts) > MAX_TEXTS:
        step = len(texts) / MAX_TEXTS
        texts = [texts[int(i * step)] for i in range(MAX_TEXTS)]
    n = len(texts)
    if not n:
        return ""
    pool = read_pool(texts, reader, background)
    found, post_count, share, forms = pool.found, pool.post_count, pool.share, pool.forms
    if not found:
        return most_written(pool, reader)

    is_name = reader.is_name

    def happened(key: str) -> bool:
        return says_what_happened(reader.written(key))

    def weight(key: str) -> float:
        boost = SUBJECT_BOOST if not is_name(key) and happened(key) else 1.0
        return boost * share.get(key, 0) / n * max(idf(key), 0.0)

    def family_weight(key: str) -> float:
        """The weight of a word as the lead of its family (:meth:`Pool.family_share`)."""
        return weight(key) * pool.family_share(key) / max(share.get(key, 0), 1)

    def bare(phrase: tuple[str, ...]) -> bool:
        return pool.bare_edge(found[phrase][0], is_name)

    def score(phrase: tuple[str, ...]) -> float:
        content = found[phrase][1]
        k = post_count[phrase]
        if len(content) > 1 and k < 2 and n > 1:
            return 0.0
        if any(c in STOP_WORDS for c in content) or len(set(content)) < len(content):
            return 0.0
        edge = BARE_SHARE if bare(phrase) else 1.0
        if len(content) == 1:
            return edge * k / n * family_weight(content[0])
        return edge * k / n * sum(weight(c) for c in content) / math.sqrt(len(content))

    scored = {p: score(p) for p in found}

    def kind(phrase: tuple[str, ...]) -> tuple[bool, bool]:
        """(holds a name, holds another content word)"""
        names = [is_name(k) for k in found[phrase][1]]
        return any(names), not all(names)

    def stands_alone(phrase: tuple[str, ...]) -> bool:
        return standalone(found[phrase][0], is_name) or pool.acronym(phrase)

    def says(phrase: tuple[str, ...]) -> bool:
        """Whether a word of the phrase other than a name says what happened."""
        return any(happened(k) for k in found[phrase][1] if not is_name(k))

    def says_as_written(phrase: tuple[str, ...]) -> bool:
        """:func:`says`, or a word of it other than a name says what happened as the phrase writes it."""
        return says(phrase) or any(says_what_happened(tok.text) for tok in found[phrase][0]
                                   if tok.key is not None and not is_name(tok.key))

    def noun(phrase: tuple[str, ...]) -> bool:
        """Whether the phrase is a noun's: its words written after an article, a determiner or a
        preposition, or one word that heads a compound of the posts ("inbraken" in "woninginbraken"),
        not a participle ("verdwenen")."""
        if all(k in pool.nominal for k in found[phrase][1]):
            return True
        return len(phrase) == 1 and len(phrase[0]) >= HEAD_LENGTH and any(
            len(q) == 1 and q[0] != phrase[0] and q[0].endswith(phrase[0]) for q in found)

    def clause_like(phrase: tuple[str, ...]) -> bool:
        """Whether a word of the phrase is used as no noun (:meth:`Pool.bare`): a name and what it does
        or is ("Kanaalbrug dicht", "De Lijn schrapt") already say what happened."""
        return any(pool.bare(tok, is_name) for tok in found[phrase][0] if tok.key is not None)

    def support(phrase: tuple[str, ...]) -> int:
        """Posts using the phrase; for one word, its family's (:meth:`Pool.family_share`) and the
        posts of its compounds and plurals (:func:`same_head`: "woninginbraken" for "inbraken")."""
        content = found[phrase][1]
        if len(content) > 1:
            return post_count[phrase]
        return pool.family_share(content[0]) + sum(post_count[q] for q in found
                                                   if len(q) == 1 and same_head(q[0], phrase[0]))

    def names_of(phrase: tuple[str, ...]) -> set[str]:
        return {k for k in found[phrase][1] if is_name(k)}

    def choose() -> str:
        ranked = sorted((p for p in found if scored[p] > 0.0), key=lambda p: (-scored[p], len(p), p))
        if not ranked:
            ranked = sorted(found, key=lambda p: (len(p), p))
        subjects = [p for p in ranked if kind(p)[1]]
        subject = subjects[0] if subjects else None
        if subject is not None and previous:
            for phrase in subjects:
                if scored[phrase] < KEEP_SHARE * scored[subject]:
                    break
                if fold(previous).startswith(written_key(phrase)):
                    subject = phrase
                    break
        if subject is not None and kind(subject)[0] and not says(subject):
            subject = next((p for p in subjects if scored[p] >= KEEP_SHARE * scored[subject] and says(p)
                            and names_of(subject) <= names_of(p)), subject)
        led = False        # the subject said nothing of what happened and gave way to one that does
        if subject is not None and kind(subject)[0] and not says_as_written(subject) \
                and not clause_like(subject):
            lead = next((p for p in subjects if says(p) and not kind(p)[0] and noun(p)
                         and support(p) >= LEAD_POSTS), None)      # the best scored: ``subjects`` is ranked
            if lead is not None:
                led, subject = True, lead
        if subject is not None and len(found[subject][1]) == 1:
            subject = widened(subject, ranked, found, scored, is_name, weight)
        if subject is None:
            return write_phrase(found[ranked[0]][0], reader, forms, pool.shapes)
        floor = scored[subject]
        places = [p for p in ranked if kind(p) == (True, False)
                  and (post_count[p] >= PLACE_SHARE * n or (post_count[p] >= max(2.0, LEAD_PLACE_SHARE * n)
                                                            and scored[p] >= floor))]
        written = None
        if places and not kind(subject)[0] and len(found[subject][1]) <= 2:
            written = with_place(subject, places[0], found, post_count)
        if places and not kind(subject)[0] and len(subject) <= 3 and (written or not pool.acronym(subject)):
            glued = " ".join(write_phrase(tokens, reader, forms, pool.shapes)
                             for tokens in (found[subject][0], place_name(places[0], pool, is_name)))
            if written is None and fold(previous) != fold(glued):   # a kept name stays as it was written
                written = around_place(places[0], subject, found, scored, post_count, is_name, weight, n,
                                       previous, bare)
                if led and written is not None and not says(written):
                    written = None   # a subject that took the lead stays: not "Wijk Hoogveld" for "Inbraken"
            if written is None:
                line = headline(found[subject][1][0], pool, weight, is_name, previous, found[places[0]][1])
                if line is None:        # a clause reads as a headline: no place glued after it
                    line = verb_clause(subject, pool, is_name)
                return glued if line is None else write_phrase(line, reader, forms, pool.shapes)
            subject = written
        elif len(found[subject][1]) == 1 and not standalone(found[subject][0], is_name):
            paired = paired_phrase(subject, [p for p in ranked if not bare(p)], found, scored, previous)
            if paired == subject:
                line = headline(found[subject][1][0], pool, weight, is_name, previous)
                if line is not None:
                    return write_phrase(line, reader, forms, pool.shapes)
                paired = next((p for p in ranked if scored[p] >= SINGLE_SHARE * scored[subject]
                               and len(found[p][1]) == 1 and stands_alone(p)
                               and (says(p) or not says(subject) or kind(p)[0] or pool.acronym(p))), subject)
                if paired == subject:
                    clause = clause_with(found[subject][1][0], pool)
                    if clause is not None:
                        return write_phrase(clause, reader, forms, pool.shapes)
            subject = paired
        return write_phrase(extended(subject, pool, is_name), reader, forms, pool.shapes)

    name = choose()
    if previous and fold(previous) != fold(name) and _still_fits(previous, name, pool, weight, is_name):
        return previous
    return with_town(name, pool.town_named) if keep_town else name


def same_head(word: str, head: str) -> bool:
    """Whether ``word`` (folded) is another form of ``head`` that says the same: a compound ending in it
    ("woninginbraken", "inbraken") or it with a plural's ending ("fietsendiefstallen", "fietsendiefstal");
    HEAD_LENGTH letters at least."""
    if word == head or len(head) < HEAD_LENGTH:
        return False
    return word.endswith(head) or (word.startswith(head) and len(word) - len(head) <= PLURAL_LETTERS)


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
