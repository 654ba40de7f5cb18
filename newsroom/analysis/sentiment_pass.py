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
        tokens = self.tokens
        rules = self.rules
        negate_left = 0
        negator: str | None = None
        negated_something = False
        french_ne = False
        modifier = 1.0
        modifier_left = 0
        weight = 1.0  # contrast / concession weight of the current clause
        concession = False
        ne_mark: int | None = None  # first contribution after "ne" in this clause ("je n'aime pas")
        scored = (-1, -1)  # token span of the last scored term
        starts, known = self.lex.starts, self.known
        n = len(tokens)  # the pass never changes its tokens
        i = 0
        while i < n:
            tok = tokens[i]
            sentence = self.sentences[-1]
            first = tok[:1]
            if tok in SENTENCE_END or first in "!?":
                if first == "!":
                    sentence.exclaim += len(tok)
                elif first == "?":
                    sentence.question = True
                    if len(tok) > 1:
                        self.add(tok, INDIGNATION / NEGATIVE_WEIGHT)
                self._close_negation(negator, negated_something)
                negate_left, negator, modifier, modifier_left, weight = 0, None, 1.0, 0, 1.0
                french_ne = concession = False
                ne_mark = None
                # "Super!!! Top" — the "!" group belongs to the sentence it closes
                if i + 1 < n and tokens[i + 1][:1] not in "!?.…":
                    self.sentences.append(SentenceState(len(self.values), i + 1))
                i += 1
                continue
            if tok in CLAUSE_END:
                self._close_negation(negator, negated_something)
                negate_left, negator, modifier, modifier_left = 0, None, 1.0, 0
                ne_mark, french_ne = None, False
                if concession:
                    weight, concession = 1.0, False
                i += 1
                continue
            pair = i + 1 < n and (tok, tokens[i + 1]) in rules.contrast_pairs
            if pair or (tok in rules.contrast and self._is_contrast(i)):
                for k in range(sentence.first, len(self.values)):
                    self.values[k] *= CONTRAST_BEFORE
                if sentence.first == len(self.values) and len(self.sentences) > 1:
                    prev = self.sentences[-2]
                    for k in range(prev.first, sentence.first):
                        self.values[k] *= CONTRAST_BEFORE
                self._close_negation(negator, negated_something)
                negate_left, negator, modifier, modifier_left = 0, None, 1.0, 0
                weight, concession, ne_mark = CONTRAST_AFTER, False, None
                i += 2 if pair else 1
                continue
            if tok in rules.regret_aux and i + 1 < n and tokens[i + 1] in rules.regret_verbs:
                # "j'aurais aimé plus de suspense": the wish is a complaint, its object is not asserted
                self.add(f"{tok} {tokens[i + 1]}", REGRET / NEGATIVE_WEIGHT)
                weight, concession = IRREALIS, True
                i += 2
                continue
            if i + 1 < n and (tok, tokens[i + 1]) in rules.concessive_pairs:
                weight, concession = CONCESSION, True
                i += 2
                continue
            if tok in rules.concessive or tok in rules.irrealis:
                weight, concession = (CONCESSION if tok in rules.concessive else IRREALIS), True
                i += 1
                continue
            # self.lookup(i), its common case here: a word starting no phrase, met before
            if tok in starts or (score := known.get(tok, _UNMET)) is _UNMET:
                score, width = self.lookup(i)
            else:
                width = 1
            sentence.words += width
            if tok in FIRST_PERSON:
                sentence.first_person = True
            if width == 1:
                if tok in FRENCH_NE:
                    french_ne = True
                    ne_mark = len(self.values)
                # "personne ne répond", "rien n'a bougé": the subject negates, before its "ne"
                subject = tok in rules.weak_negators and i + 1 < n and tokens[i + 1] in FRENCH_NE
                if (tok in rules.negators or (french_ne and tok in rules.weak_negators) or subject) and not (
                        i + 1 < n and tokens[i + 1] in NOT_ONLY) and not (
                        i and tokens[i - 1] in rules.downtoning_prefix):
                    self._close_negation(negator, negated_something)
                    french_ne = False  # "ne" is spent: "qu'on ne lâche pas, … plus libre"
                    if tok in rules.post_verbal and self._negate_back(i, ne_mark, scored):
                        negate_left, negator, ne_mark = 0, None, None
                        i += 1
                        continue
                    ne_mark = None
                    # "Nobody answers our complaints": a subject-like negator reaches less far
                    reach = LACK_WINDOW if tok in rules.lack else NEGATION_WINDOW
                    negate_left, negator, negated_something = reach, tok, False
                    i += 1
                    continue
                if tok in rules.excess and i + 1 < n and tokens[i + 1] in rules.dimensions:
                    score, width = EXCESS / NEGATIVE_WEIGHT, 2
                elif tok in rules.exclamative and i + 1 < n:
                    modifier *= EXCLAMATIVE
                    modifier_left = 3
                    i += 1
                    continue
                elif tok in self.modifiers:
                    boost = self._modifier(tok, i)
                    if boost is not None:
                        modifier *= boost
                        modifier_left = 2
                        i += 1
                        continue
            if score is None:
                if negate_left:
                    negate_left -= 1
                if modifier_left:
                    modifier_left -= 1
                    if not modifier_left:
                        modifier = 1.0
                i += 1
                continue
            if not score:  # a fixed expression without sentiment ("sans doute", "niet alleen")
                i += width
                continue
            value = score * modifier
            if self.quoted is not None and self.quoted[i]:
                value *= QUOTED
            word = self.original[i]
            if len(word) > 2 and word.isupper() and not self.shouting:
                value *= CAPS
            if negate_left:
                value *= NEGATED_POSITIVE if value > 0 else NEGATED_NEGATIVE
                negate_left, negated_something = 0, True
            self.add(" ".join(tokens[i:i + width]), value * weight)
            modifier, modifier_left = 1.0, 0
            scored = (i, i + width)
            i += width
        self._close_negation(negator, negated_something)
        return self._finish()

    def _negate_back(self, i: int, ne_mark: int | None, scored: tuple[int, int]) -> bool:
        """French negation after its verb: "je n'aime pas", "ça ne vaut rien", colloquial "j'aime pas"
        (a clitic right before the verb); negates what was scored since "ne". False: nothing to negate."""
        values = self.values
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

    def _close_negation(self, negator: str | None, negated: bool) -> None:
        """A lack-negator that negated nothing is a small complaint ("Niemand die reageert"); any other
        negator that negated nothing is counted, a complaint only in a resident's voice."""
        if negator is not None and not negated:
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
