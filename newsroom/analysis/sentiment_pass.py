"""One left-to-right pass over the tokens of a text: lexicon look-ups, negation, intensifiers and
downtoners, contrast and concession, quotes (the rules that ``newsroom.analysis.sentiment`` lists). What
is read once the pass is over, per sentence and per post, is
:class:`~newsroom.analysis.sentiment_sentences.SentenceSignals`'s, which the pass extends; quotation
marks are ``sentiment_quotes``', a token's own score ``sentiment_word_score``'s."""

from __future__ import annotations

import math

from newsroom.analysis.sentiment_lexicon import Lexicon, tokenize
from newsroom.analysis.sentiment_quotes import QUOTE_CHARS, has_scare_quotes, quoted_tokens
from newsroom.analysis.sentiment_rules import CLAUSE_END, FRENCH_NE, SENTENCE_END, Rules
from newsroom.analysis.sentiment_sentences import Contribution, SentenceSignals, SentenceState
from newsroom.analysis.sentiment_voice import Voice
from newsroom.analysis.sentiment_weights import (
    CAPS,
    CONCESSION,
    CONTRAST_AFTER,
    CONTRAST_BEFORE,
    EXCESS,
    EXCLAMATIVE,
    INDIGNATION,
    IRREALIS,
    LACK,
    LACK_WINDOW,
    NEGATED_NEGATIVE,
    NEGATED_POSITIVE,
    NEGATION_WINDOW,
    NEGATIVE_WEIGHT,
    QUOTED,
    REGRET,
)
from newsroom.analysis.sentiment_word_score import modifier_words, word_score

#: a short sentence with one of these is the writer's own statement, not a sarcastic retort
FIRST_PERSON = frozenset({"je", "j'", "ik", "i", "wij", "nous"})
#: "niet alleen", "pas seulement", "not only": no negation
NOT_ONLY = frozenset({"alleen", "enkel", "slechts", "zomaar", "seulement", "que", "only", "just"})
#: tokens whose score the scorer remembers per language (it starts over beyond this)
WORDS_REMEMBERED = 50_000
#: a token whose score the pass has not looked up yet
_UNMET = math.nan


class SentimentPass(SentenceSignals):
    """One left-to-right pass over the tokens of a text."""

    def __init__(self, lex: Lexicon, rules: Rules, text: str, voice: Voice,
                 known: dict[str, float | None] | None = None,
                 modifiers: frozenset[str] | None = None) -> None:
        self.lex = lex
        self.modifiers = modifier_words(rules, lex) if modifiers is None else modifiers
        #: :func:`word_score` of tokens met before (kept by the scorer across texts)
        self.known: dict[str, float | None] = {} if known is None else known
        self.rules = rules
        self.voice = voice
        self.bare_negations = 0  # negators that found nothing to negate ("niet gekomen")
        self.quoted: list[bool] | None = None
        self.scare_quotes = False  # 'zo'n nieuwe "fietsstraat"': one word in quotes, said with irony
        if QUOTE_CHARS.intersection(text):
            self.original, self.quoted = quoted_tokens(text)
            self.scare_quotes = has_scare_quotes(text)
        else:
            self.original = tokenize(text)
        self.tokens = [t.lower() for t in self.original]
        self.shouting = text.isupper()
        self.values: list[float] = []
        self.terms: list[str] = []
        self.sentence_of: list[int] = []
        self.sentences: list[SentenceState] = [SentenceState(0)]
        # the running state of the current clause, which the pass's steps read and change
        self.negator: str | None = None  # the running negation's word
        self.negate_left = 0  # words it still reaches
        self.negated_something = False
        self.french_ne = False  # "ne" met, its "pas" / "rien" / "personne" not yet
        self.ne_mark: int | None = None  # first contribution after "ne" in this clause ("je n'aime pas")
        self.modifier = 1.0  # the running intensifier/downtoner's factor
        self.modifier_left = 0  # words it still reaches
        self.weight = 1.0  # contrast / concession weight of the current clause
        self.concession = False
        self.scored = (-1, -1)  # token span of the last scored term

    # --- lookups ---------------------------------------------------------------------------------

    def lookup(self, i: int) -> tuple[float | None, int]:
        """Score and width of the longest lexicon entry starting at token ``i``."""
        tokens = self.tokens
        tok = tokens[i]
        lex = self.lex
        if tok in lex.starts:
            for n in range(min(lex.longest, len(tokens) - i), 1, -1):
                score = lex.phrases.get(tuple(tokens[i:i + n]))
                if score is not None:
                    return score, n
        known = self.known
        try:
            return known[tok], 1
        except KeyError:
            if len(known) >= WORDS_REMEMBERED:
                known.clear()
            score = known[tok] = word_score(lex, tok)
            return score, 1

    # --- the pass --------------------------------------------------------------------------------

    def run(self) -> list[Contribution]:
        """Read the tokens left to right, each step one token or one lexicon phrase; then the sentences
        and the post (``SentenceSignals._finish``)."""
        tokens = self.tokens
        turns = self.rules.turns
        n = len(tokens)  # the pass never changes its tokens
        i = 0
        while i < n:
            tok = tokens[i]
            if tok in SENTENCE_END or tok[:1] in "!?":
                i = self._sentence_end(i, tok)
            elif tok in CLAUSE_END:
                self._clause_end()
                i += 1
            elif tok in turns and (turned := self._clause_turn(i, tok)):
                i += turned
            else:
                i += self._word(i, tok)
        self._close_negation()
        return self._finish()

    def _sentence_end(self, i: int, tok: str) -> int:
        """A sentence's end (".", "!", "?" or a run of them): its exclamation marks, its question ("??" is
        indignation), the clause's state reset and a new sentence; returns where the next step starts."""
        sentence = self.sentences[-1]
        first = tok[:1]
        if first == "!":
            sentence.exclaim += len(tok)
        elif first == "?":
            sentence.question = True
            if len(tok) > 1:
                self.add(tok, INDIGNATION / NEGATIVE_WEIGHT)
        self._end_negation_and_modifier()
        self.weight = 1.0
        self.french_ne = self.concession = False
        self.ne_mark = None
        # "Super!!! Top" — the "!" group belongs to the sentence it closes
        tokens = self.tokens
        if i + 1 < len(tokens) and tokens[i + 1][:1] not in "!?.…":
            self.sentences.append(SentenceState(len(self.values), i + 1))
        return i + 1

    def _clause_end(self) -> None:
        """A clause's end ("," ";" ":" and brackets): negation and modifier end there, and so does a
        concession's weight."""
        self._end_negation_and_modifier()
        self.ne_mark, self.french_ne = None, False
        if self.concession:
            self.weight, self.concession = 1.0, False

    def _end_negation_and_modifier(self) -> None:
        """Close the running negation (``_close_negation``) and drop the running modifier."""
        self._close_negation()
        self.negate_left, self.negator, self.modifier, self.modifier_left = 0, None, 1.0, 0

    def _clause_turn(self, i: int, tok: str) -> int:
        """A word that turns the clause: contrast ("maar", "mais", "but", "en revanche"), a regret
        ("j'aurais aimé"), a concession ("hoewel") or the irrealis ("zou"); returns how many tokens it
        covers, 0 when it turns nothing here (any word not in ``Rules.turns`` turns nothing)."""
        tokens = self.tokens
        rules = self.rules
        has_next = i + 1 < len(tokens)
        pair = has_next and (tok, tokens[i + 1]) in rules.contrast_pairs
        if pair or (tok in rules.contrast and self._is_contrast(i)):
            self._contrast()
            return 2 if pair else 1
        if tok in rules.regret_aux and has_next and tokens[i + 1] in rules.regret_verbs:
            # "j'aurais aimé plus de suspense": the wish is a complaint, its object is not asserted
            self.add(f"{tok} {tokens[i + 1]}", REGRET / NEGATIVE_WEIGHT)
            self.weight, self.concession = IRREALIS, True
            return 2
        if has_next and (tok, tokens[i + 1]) in rules.concessive_pairs:
            self.weight, self.concession = CONCESSION, True
            return 2
        if tok in rules.concessive or tok in rules.irrealis:
            self.weight, self.concession = (CONCESSION if tok in rules.concessive else IRREALIS), True
            return 1
        return 0

    def _contrast(self) -> None:
        """What came before a contrast weighs less (the sentence so far, or the sentence before when
        the contrast opens one), what follows more; negation and modifier end there."""
        values = self.values
        sentence = self.sentences[-1]
        for k in range(sentence.first, len(values)):
            values[k] *= CONTRAST_BEFORE
        if sentence.first == len(values) and len(self.sentences) > 1:
            prev = self.sentences[-2]
            for k in range(prev.first, sentence.first):
                values[k] *= CONTRAST_BEFORE
        self._end_negation_and_modifier()
        self.weight, self.concession, self.ne_mark = CONTRAST_AFTER, False, None

    def _word(self, i: int, tok: str) -> int:
        """A word or lexicon phrase at ``i``, counted in its sentence: a negator, a modifier, a term to
        score or a word without sentiment; returns how many tokens it covers."""
        # self.lookup(i), its common case here: a word starting no phrase, met before
        if tok in self.lex.starts or (score := self.known.get(tok, _UNMET)) is _UNMET:
            score, width = self.lookup(i)
        else:
            width = 1
        sentence = self.sentences[-1]
        sentence.words += width
        if tok in FIRST_PERSON:
            sentence.first_person = True
        if width == 1:
            if self._negator(i, tok):
                return 1
            rules = self.rules
            tokens = self.tokens
            if tok in rules.excess and i + 1 < len(tokens) and tokens[i + 1] in rules.dimensions:
                score, width = EXCESS / NEGATIVE_WEIGHT, 2  # "te duur", "trop cher"
            elif self._modifier_word(i, tok):
                return 1
        if score is None:
            if self.negate_left or self.modifier_left:
                self._unscored_word()
            return 1
        if score:  # zero: a fixed expression without sentiment ("sans doute", "niet alleen")
            self._score(i, score, width)
        return width

    def _negator(self, i: int, tok: str) -> bool:
        """French "ne" marks where a negation after its verb reaches back to; a negator ("niet", "geen",
        "pas", "never", "personne ne") opens a negation window, or negates back ("je n'aime pas").
        False for any other word."""
        rules = self.rules
        tokens = self.tokens
        has_next = i + 1 < len(tokens)
        if tok in FRENCH_NE:
            self.french_ne = True
            self.ne_mark = len(self.values)
        # "personne ne répond", "rien n'a bougé": the subject negates, before its "ne"
        subject = tok in rules.weak_negators and has_next and tokens[i + 1] in FRENCH_NE
        if not (tok in rules.negators or (self.french_ne and tok in rules.weak_negators) or subject) or (
                has_next and tokens[i + 1] in NOT_ONLY) or (i and tokens[i - 1] in rules.downtoning_prefix):
            return False
        self._close_negation()
        self.french_ne = False  # "ne" is spent: "qu'on ne lâche pas, … plus libre"
        if tok in rules.post_verbal and self._negate_back(i):
            self.negate_left, self.negator, self.ne_mark = 0, None, None
            return True
        self.ne_mark = None
        # "Nobody answers our complaints": a subject-like negator reaches less far
        reach = LACK_WINDOW if tok in rules.lack else NEGATION_WINDOW
        self.negate_left, self.negator, self.negated_something = reach, tok, False
        return True

    def _modifier_word(self, i: int, tok: str) -> bool:
        """An exclamative ("amai", "quel") or an intensifier/downtoner ("zeer", "un peu") before the
        next terms: it multiplies them. False for any other word."""
        rules = self.rules
        if tok in rules.exclamative and i + 1 < len(self.tokens):
            self.modifier *= EXCLAMATIVE
            self.modifier_left = 3
            return True
        if tok in self.modifiers:
            boost = self._modifier(tok, i)
            if boost is not None:
                self.modifier *= boost
                self.modifier_left = 2
                return True
        return False

    def _unscored_word(self) -> None:
        """A word without sentiment: one word less in the negation's window and the modifier's reach."""
        if self.negate_left:
            self.negate_left -= 1
        if self.modifier_left:
            self.modifier_left -= 1
            if not self.modifier_left:
                self.modifier = 1.0

    def _score(self, i: int, score: float, width: int) -> None:
        """Record the term at ``i``: its score times the running modifier, quotes, capitals (not when
        the whole text shouts), the running negation and the clause's weight."""
        value = score * self.modifier
        if self.quoted is not None and self.quoted[i]:
            value *= QUOTED
        word = self.original[i]
        if len(word) > 2 and word.isupper() and not self.shouting:
            value *= CAPS
        if self.negate_left:
            value *= NEGATED_POSITIVE if value > 0 else NEGATED_NEGATIVE
            self.negate_left, self.negated_something = 0, True
        self.add(" ".join(self.tokens[i:i + width]), value * self.weight)
        self.modifier, self.modifier_left = 1.0, 0
        self.scored = (i, i + width)

    def _negate_back(self, i: int) -> bool:
        """French negation after its verb: "je n'aime pas", "ça ne vaut rien", colloquial "j'aime pas"
        (a clitic right before the verb); negates what was scored since "ne". False: nothing to negate."""
        values = self.values
        ne_mark, scored = self.ne_mark, self.scored
        if ne_mark is not None and ne_mark < len(values):
            first = ne_mark
        elif scored[1] == i and scored[0] and self.tokens[scored[0] - 1] in self.rules.clitics and values:
            first = len(values) - 1
        else:
            return False
        for k in range(first, len(values)):
            v = values[k]
            # stored values carry NEGATIVE_WEIGHT when negative: re-apply it to the flipped value
            values[k] = (v * NEGATED_POSITIVE * NEGATIVE_WEIGHT if v > 0
                         else v / NEGATIVE_WEIGHT * NEGATED_NEGATIVE)
            self.terms[k] = f"{self.terms[k]} {self.tokens[i]}"
        return True

    def _is_contrast(self, i: int) -> bool:
        """"maar" as a conjunction, not the particle of "alleen maar", "maar een", "kom maar"."""
        tokens = self.tokens
        prev = tokens[i - 1] if i else "."
        nxt = tokens[i + 1] if i + 1 < len(tokens) else "."
        if prev in ("alleen", "slechts", "nog", "ook", "toch", "gewoon"):
            return False
        return nxt not in ("een", "één", "eens", "even", "goed", "liefst", "ook", ".", "!", "?")

    def _modifier(self, tok: str, i: int) -> float | None:
        """Multiplier of an intensifier/downtoner at ``i``; a sentiment word that can also intensify
        ("zot", "super", "verschrikkelijk") does so only right before another sentiment word."""
        rules = self.rules
        if tok == "wat":
            nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else ""
            return EXCLAMATIVE if nxt in ("een", "n") else rules.downtoners.get(tok)
        factor = rules.intensifiers.get(tok) or rules.downtoners.get(tok)
        if factor is not None:
            return factor
        factor = rules.flex.get(tok) or self.lex.boosts.get(tok)
        if factor is not None and i + 1 < len(self.tokens) and self.lookup(i + 1)[0]:
            return factor
        return None

    def _close_negation(self) -> None:
        """A lack-negator that negated nothing is a small complaint ("Niemand die reageert"); any other
        negator that negated nothing is counted, a complaint only in a resident's voice."""
        negator = self.negator
        if negator is not None and not self.negated_something:
            if negator in self.rules.lack:
                self.add(negator, LACK / NEGATIVE_WEIGHT)
            else:
                self.bare_negations += 1

    def add(self, term: str, value: float) -> None:
        """Record one scored term of the current sentence (negative values weigh more)."""
        if value < 0:
            value *= NEGATIVE_WEIGHT
        self.values.append(value)
        self.terms.append(term)
        self.sentence_of.append(len(self.sentences) - 1)
