"""Judging a topic's candidate names: what its words weigh and what each candidate phrase is.

:class:`WordWeights` reads the topic's words: how much each sets the topic apart (its share of the
topic's posts times its rarity in the stream, more for a word that says what happened). :class:`PhraseJudge`
judges the candidate phrases of :class:`~newsroom.analysis.name_pool.Pool` with them: each one's score,
its kind (a name, another word, or both), whether it says what happened, whether it stands alone, and
how many posts back it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsroom.analysis.name_grow import standalone
from newsroom.analysis.name_pool import BARE_SHARE, Pool
from newsroom.analysis.name_tokens import Token
from newsroom.analysis.name_writing import write_phrase
from newsroom.analysis.subject_words import says_what_happened
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.topic_words import WordReader

#: A candidate phrase: its folded words.
Phrase = tuple[str, ...]

#: A word that says what happened (:mod:`subject_words`: "brand", "wegenwerken") weighs this much more.
SUBJECT_BOOST = 2.0
#: A word's compounds and plurals support it from this length on (:func:`same_head`).
HEAD_LENGTH = 5
PLURAL_LETTERS = 3


def same_head(word: str, head: str) -> bool:
    """Whether ``word`` (folded) is another form of ``head`` that says the same: a compound ending in it
    ("woninginbraken", "inbraken") or it with a plural's ending ("fietsendiefstallen", "fietsendiefstal");
    HEAD_LENGTH letters at least."""
    if word == head or len(head) < HEAD_LENGTH:
        return False
    return word.endswith(head) or (word.startswith(head) and len(word) - len(head) <= PLURAL_LETTERS)


@dataclass(frozen=True)
class WordWeights:
    """The weights of one topic's words (content keys), read from its pool of ``n`` posts."""

    pool: Pool
    reader: WordReader
    idf: Callable[[str], float]
    n: int

    def happened(self, key: str) -> bool:
        """Whether the word says what happened (:func:`says_what_happened`)."""
        return says_what_happened(self.reader.written(key))

    def weight(self, key: str) -> float:
        """The word's share of the topic's posts times its rarity; SUBJECT_BOOST more when it is no name
        and says what happened."""
        boost = SUBJECT_BOOST if not self.reader.is_name(key) and self.happened(key) else 1.0
        return boost * self.pool.share.get(key, 0) / self.n * max(self.idf(key), 0.0)

    def family_weight(self, key: str) -> float:
        """The weight of a word as the lead of its family (:meth:`Pool.family_share`)."""
        return self.weight(key) * self.pool.family_share(key) / max(self.pool.share.get(key, 0), 1)


class PhraseJudge:
    """The topic's candidate phrases judged: scored once, then asked what each one is."""

    def __init__(self, pool: Pool, reader: WordReader, idf: Callable[[str], float], n: int) -> None:
        self.pool = pool
        self.reader = reader
        self.weights = WordWeights(pool, reader, idf, n)
        self.n = n
        self.found = pool.found
        self.is_name = reader.is_name
        #: phrase -> its score (:meth:`score`)
        self.scored = {p: self.score(p) for p in pool.found}

    def ranked(self) -> list[Phrase]:
        """The phrases scoring above zero, best first (then the shorter, then by their words); all of
        them, shortest first, when none does."""
        ranked = sorted((p for p in self.found if self.scored[p] > 0.0),
                        key=lambda p: (-self.scored[p], len(p), p))
        return ranked or sorted(self.found, key=lambda p: (len(p), p))

    def bare(self, phrase: Phrase) -> bool:
        """Whether the phrase ends on a word the posts never use as a noun (:meth:`Pool.bare_edge`)."""
        return self.pool.bare_edge(self.found[phrase][0], self.is_name)

    def score(self, phrase: Phrase) -> float:
        """How many posts use the phrase (their share) times how much its words set the topic apart;
        zero for a phrase of several words used once, or holding a stop word or a word twice; BARE_SHARE
        of it when it ends on a bare word."""
        content = self.found[phrase][1]
        k = self.pool.post_count[phrase]
        if len(content) > 1 and k < 2 and self.n > 1:
            return 0.0
        if any(c in STOP_WORDS for c in content) or len(set(content)) < len(content):
            return 0.0
        edge = BARE_SHARE if self.bare(phrase) else 1.0
        if len(content) == 1:
            return edge * k / self.n * self.weights.family_weight(content[0])
        return edge * k / self.n * sum(self.weights.weight(c) for c in content) / math.sqrt(len(content))

    def kind(self, phrase: Phrase) -> tuple[bool, bool]:
        """(holds a name, holds another content word)"""
        names = [self.is_name(k) for k in self.found[phrase][1]]
        return any(names), not all(names)

    def names_of(self, phrase: Phrase) -> set[str]:
        """The names the phrase holds."""
        return {k for k in self.found[phrase][1] if self.is_name(k)}

    def stands_alone(self, phrase: Phrase) -> bool:
        """Whether the phrase can be a name on its own: a name, a compound, an acronym
        (:func:`standalone`)."""
        return standalone(self.found[phrase][0], self.is_name) or self.pool.acronym(phrase)

    def says(self, phrase: Phrase) -> bool:
        """Whether a word of the phrase other than a name says what happened."""
        return any(self.weights.happened(k) for k in self.found[phrase][1] if not self.is_name(k))

    def says_as_written(self, phrase: Phrase) -> bool:
        """:meth:`says`, or a word of it other than a name says what happened as the phrase writes it."""
        return self.says(phrase) or any(says_what_happened(tok.text) for tok in self.found[phrase][0]
                                        if tok.key is not None and not self.is_name(tok.key))

    def noun(self, phrase: Phrase) -> bool:
        """Whether the phrase is a noun's: its words written after an article, a determiner or a
        preposition, or one word that heads a compound of the posts ("inbraken" in "woninginbraken"),
        not a participle ("verdwenen")."""
        if all(k in self.pool.nominal for k in self.found[phrase][1]):
            return True
        return len(phrase) == 1 and len(phrase[0]) >= HEAD_LENGTH and any(
            len(q) == 1 and q[0] != phrase[0] and q[0].endswith(phrase[0]) for q in self.found)

    def clause_like(self, phrase: Phrase) -> bool:
        """Whether a word of the phrase is used as no noun (:meth:`Pool.bare`): a name and what it does
        or is ("Kanaalbrug dicht", "De Lijn schrapt") already say what happened."""
        return any(self.pool.bare(tok, self.is_name) for tok in self.found[phrase][0] if tok.key is not None)

    def support(self, phrase: Phrase) -> int:
        """Posts using the phrase; for one word, its family's (:meth:`Pool.family_share`) and the
        posts of its compounds and plurals (:func:`same_head`: "woninginbraken" for "inbraken")."""
        content = self.found[phrase][1]
        post_count = self.pool.post_count
        if len(content) > 1:
            return post_count[phrase]
        return self.pool.family_share(content[0]) + sum(post_count[q] for q in self.found
                                                        if len(q) == 1 and same_head(q[0], phrase[0]))

    def write(self, tokens: Sequence[Token]) -> str:
        """The words as people wrote them (:func:`write_phrase`)."""
        return write_phrase(tokens, self.reader, self.pool.forms, self.pool.shapes)
