"""Sentiment of short texts in Dutch, French and English: lexicons plus rules.

Lexicons (``sentiment_lexicon``): Pattern's Dutch and French adjective lexicons with derived Dutch
word forms, VADER's English lexicon, and our own lists of what residents write online, emoji and
emoticons included. Rules (function words in ``sentiment_rules``), in one left-to-right pass:

* multi-word expressions before single words ("goed bezig", "geen probleem", "n'importe quoi");
  unknown Dutch compounds by their head ("geldverspilling");
* negation within a short window flips the next sentiment word: praise turns into clear criticism
  ("niet goed"), criticism into mild praise ("niet slecht"); a negator with nothing to negate is a
  small complaint of its own ("Niemand reageert"); French "ne … pas/plus/jamais/rien" also negates
  the verb between them ("je n'aime pas", colloquial "j'aime pas"), "peu"/"moins" negate
  ("peu convaincant") but "un peu"/"au moins" do not;
* French counterfactual wishes are complaints ("j'aurais aimé…", "il aurait fallu…");
* quoted titles and citations weigh less ("« Les Misérables »"); French typed without accents
  finds the accented word ("decevant");
* intensifiers and downtoners ("heel", "amai", "een beetje"), strong adverbial adjectives
  ("verschrikkelijk mooi"), "te" + a dimension ("te duur", "veel te laat");
* contrast ("…, maar …", "par contre": after weighs more, before less) and concession ("hoewel …",
  "même si …", the pluperfect of an earlier experience "j'avais adoré…" weighs less);
* per sentence: exclamation marks amplify, a question asserts less praise, "??" is indignation;
  ALL CAPS words amplify;
* irony: markers such as 🙄 turn praise into its opposite, and a short positive sentence after a
  complaint is read as sarcasm ("Bus weer niet gekomen. Fijn."), unless it is the writer's own
  statement ("Je le recommande.");
* negative evidence weighs more than positive (people praise politely and complain plainly; the
  lexicon-wide positivity bias that Pattern counters with its 0.1 threshold).

A town's posts (at most ``POST_MAX_WORDS`` words; ``sentiment_voice`` has the words): a post without
the writer's own voice is a report whose event words are news, not anger ("Brand in loods, brandweer
ter plaatse"); complaint questions ("Wanneer eindelijk …?"), recurrence ("alweer", "al drie weken"),
a lack in the writer's voice ("bus niet gekomen"), hindsight ("had moeten") and praise of the past
("vroeger was het hier proper") are complaints; applause 👏, scare quotes and praise said through
clenched teeth after a complaint are sarcasm; thanks after a bad event stay thanks.

The sum is squashed into [-1, 1]; weak or thin evidence gives a neutral label (the score keeps its
sign), and the confidence grows with the number of sentiment terms and the size of the score.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from newsroom.analysis.language import detect_language
from newsroom.analysis.sentiment_lexicon import Lexicon, base_lexicon, compound_score, tokenize
from newsroom.analysis.sentiment_model import MAX_WORDS as MODEL_MAX_WORDS
from newsroom.analysis.sentiment_model import model_sentiment
from newsroom.analysis.sentiment_rules import CLAUSE_END, FRENCH_NE, IRONY, RULES, SENTENCE_END, Rules
from newsroom.analysis.sentiment_voice import (
    APPROVES,
    COMPARISON,
    MONTHS,
    NUMBERS,
    SINCE_YEAR,
    VOICES,
    Voice,
)
from newsroom.domain import Polarity, Sentiment

__all__ = ["NEUTRAL_BAND", "Contribution", "SentimentScorer", "base_lexicon"]

MAX_CHARS = 5000
NEUTRAL_BAND = 0.2
MIN_CONFIDENCE = 0.3
ALPHA = 1.0  # squash: s / sqrt(s^2 + ALPHA)
LACK_WINDOW = 2  # "niets bijzonders", "manque d'originalité"
NEGATION_WINDOW = 3  # tokens after a negator that it may reach ("niet zo'n goed")
NEGATED_POSITIVE = -0.9  # "niet goed": clearly negative
NEGATED_NEGATIVE = -0.5  # "niet slecht": mildly positive
LACK = -0.25  # "Niemand die reageert", "Politie deed niks"
NEGATIVE_WEIGHT = 1.4  # negative evidence counts more (positivity bias of lexicons and of language)
EXCESS = -0.5  # "te duur"
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
CONCESSION = 0.5
IRREALIS = 0.3  # "het zou mooi zijn als…": wished, not asserted
REGRET = -0.4  # "j'aurais aimé…", "il aurait fallu…": an unfulfilled wish
EXCLAIM_STEP = 0.15  # per "!" (at most three) on the sentence's terms
QUESTION_PRAISE = 0.5  # praise inside a question counts half ("Is het zwembad weer open?")
INDIGNATION = -0.3  # "??" or "?!"
CAPS = 1.3
EXCLAMATIVE = 1.3
SARCASM_MAX_WORDS = 3
SARCASM_AFTER = -0.25  # the sentence before must be a complaint
SARCASM_MAX_TEXT = 40
POST_MAX_WORDS = 120  # longer texts (articles, long reviews) are weighed on their words alone
SARCASTIC_PRAISE_MAX_TEXT = 30  # words
SARCASTIC_PRAISE_MAX_TERMS = 2  # more praise than this is meant
SARCASTIC_COMPLAINT_SHARE = 0.35  # the complaint must weigh at least this share of the praise
TIMES = frozenset({"keer", "time", "fois"})  # "derde keer", "third time"
MIN_EVENT_COMPOUND = 8  # "woningbrand", "stroompanne"
REPORT = 0.5  # a post without the writer's own voice (a headline, a press line) weighs its words less
REPORT_NEGATIVE = 0.65  # ... and its criticism a little less
REPORT_VERDICT = 0.85  # ... unless one of them is a strong verdict (weighted value)
REPORT_EVENT = 0.0  # ... and a word that only names a bad event ("brand", "gewond") is news, not anger
QUESTION_COMPLAINT = -0.7  # "Wanneer gaat iemand eindelijk die put maken?"
RECURRENCE = -0.45  # "Weeral geen plaats", "al drie weken", "zoveelste keer"
HINDSIGHT = -0.45  # "Dat hadden ze jaren geleden moeten doen"
HINDSIGHT_REACH = 8  # tokens from "hadden" to its "moeten"
WEAK_PRAISE = 0.3  # "een nieuw zwembad": hardly praise
RECURRENCE_PRAISE = 1.0  # ... in a post whose complaint weighs at least this share of its praise
BARE_NEGATION = -0.3  # "Bus gewoon niet gekomen", "De gemeente luistert niet": a lack, in a resident's voice
COMPLAINT_EVIDENCE = -0.25  # what sarcasm needs to be read as sarcasm
VERDICT_WORDS = 2  # "Fijn.", "Zonde.": a sentence of a word or two with a sentiment word
SCARE_QUOTES = 0.3  # the complaint that one word in quotes carries ('een "tijdelijke" omleiding')
SARCASM_WORDED = 0.6  # ... when the complaint is only in words
QUOTED = 0.3  # a quoted title or citation ("« Les Misérables »") is not the writer's own verdict
_QUOTE_CHARS = frozenset('"«“‘\'')
#: single quotes only around words ("noemt het plan 'rampzalig'"), never an apostrophe ("'t", "da's")
_QUOTED = re.compile(r'"[^"\n]{1,300}"|«[^»]{1,300}»|“[^”]{1,300}”|‘[^’\n]{1,300}’'
                     r"|(?<![\w'])'(?![tkns]\b)\w[^'\n]{0,300}?(?<=\w)'(?![\w'])")
#: a short sentence with one of these is the writer's own statement, not a sarcastic retort
FIRST_PERSON = frozenset({"je", "j'", "ik", "i", "wij", "nous"})
#: "niet alleen", "pas seulement", "not only": no negation
#: tokens whose score the scorer remembers per language (it starts over beyond this)
WORDS_REMEMBERED = 50_000
NOT_ONLY = frozenset({"alleen", "enkel", "slechts", "zomaar", "seulement", "que", "only", "just"})


@dataclass(frozen=True, slots=True)
class Contribution:
    """One scored term: the tokens it covers and its weighted value."""

    term: str
    value: float
    sentence: int


class _Sentence:
    """Running state of one sentence during the pass."""

    __slots__ = ("exclaim", "first", "first_person", "question", "start", "words")

    def __init__(self, first: int, start: int = 0) -> None:
        self.first = first  # index of its first contribution
        self.start = start  # index of its first token
        self.words = 0
        self.exclaim = 0
        self.question = False
        self.first_person = False  # "Je le recommande.": a statement of the writer, not a retort


class SentimentScorer:
    """Scores text in [-1, 1] with a label and a confidence; ``user_lexicon``: lang -> term -> score
    (lang ``"*"`` applies to every language without its own entry; score 0 removes a term)."""

    def __init__(self, user_lexicon: Mapping[str, Mapping[str, float]] | None = None, *,
                 neutral_band: float = NEUTRAL_BAND, use_model: bool = True) -> None:
        self.neutral_band = neutral_band
        #: a town's posts are labelled by the learned layer over the rules (``sentiment_model``)
        self.use_model = use_model
        self._lexicons: dict[str, Lexicon] = {}
        #: per language, the score of each token met on its own (see :func:`word_score`)
        self._known: dict[str, dict[str, float | None]] = {}
        #: per language, :func:`modifier_words`
        self._modifiers: dict[str, frozenset[str]] = {}
        self._user = {lang: {str(k): float(v) for k, v in terms.items()}
                      for lang, terms in (user_lexicon or {}).items()}

    def lexicon(self, lang: str) -> Lexicon:
        """Shipped lexicon plus the user's terms for ``lang`` (user terms win)."""
        lex = self._lexicons.get(lang)
        if lex is None:
            lex = base_lexicon(lang if lang in RULES else "en")
            user = self._user.get(lang) or self._user.get("*")
            if user:
                lex = lex.merged(user)
            self._lexicons[lang] = lex
        return lex

    def score(self, text: str, lang: str | None = None) -> Sentiment:
        """Label, score and confidence of ``text`` (language detected when not given)."""
        text = text[:MAX_CHARS]
        if lang is None or lang not in RULES:
            detected = detect_language(text)
            lang = detected if detected in RULES else "nl"
        parts = self.explain(text, lang)
        rules = self._rules(parts)
        if self.use_model and text.count(" ") < MODEL_MAX_WORDS and not self._operator_word(lang, parts):
            return model_sentiment(text, lang, rules)
        return rules

    def _operator_word(self, lang: str, parts: list[Contribution]) -> bool:
        """True when a term of the operator's own lexicon was scored: their word is final."""
        user = self._user.get(lang) or self._user.get("*")
        return user is not None and any(c.term in user for c in parts)

    def _rules(self, parts: list[Contribution]) -> Sentiment:
        total = sum(c.value for c in parts)
        value = total / math.sqrt(total * total + ALPHA) if total else 0.0
        hits = len(parts)
        confidence = min(1.0, 0.5 + 0.2 * (hits - 1)) * min(1.0, abs(value) / 0.35) if hits else 0.0
        label = Polarity.NEUTRAL
        if abs(value) >= self.neutral_band and confidence >= MIN_CONFIDENCE:
            label = Polarity.NEGATIVE if value < 0 else Polarity.POSITIVE
        return Sentiment(label, round(value, 4), round(confidence, 3))

    def explain(self, text: str, lang: str) -> list[Contribution]:
        """Every scored term of ``text`` with its final weighted value (what ``score`` sums)."""
        lang = lang if lang in RULES else "en"
        known = self._known.get(lang)
        if known is None:
            known = self._known[lang] = {}
        lex = self.lexicon(lang)
        modifiers = self._modifiers.get(lang)
        if modifiers is None:
            modifiers = self._modifiers[lang] = modifier_words(RULES[lang], lex)
        return _Pass(lex, RULES[lang], text[:MAX_CHARS], VOICES[lang], known, modifiers).run()


def _quoted_tokens(text: str) -> tuple[list[str], list[bool]]:
    """Tokens of ``text`` and whether each stands inside quotation marks (a title, a citation)."""
    tokens: list[str] = []
    quoted: list[bool] = []
    at = 0
    for match in _QUOTED.finditer(text):
        before = tokenize(text[at:match.start()])
        inside = tokenize(match.group())
        tokens += before + inside
        quoted += [False] * len(before) + [True] * len(inside)
        at = match.end()
    rest = tokenize(text[at:])
    return tokens + rest, quoted + [False] * len(rest)


def word_score(lex: Lexicon, tok: str) -> float | None:
    """Score of one lower-cased token on its own: the word, a hashtag's word, the last part of a
    hyphenated word, a Dutch compound's head, or the accented word typed without accents."""
    score = lex.words.get(tok)
    if score is None and tok[:1] == "#":
        score = lex.words.get(tok[1:])
    if score is None and "-" in tok:  # "gas-boete", "bijna-ongelukken": the last part
        score = lex.words.get(tok.rsplit("-", 1)[1])
    if score is None and tok.isalpha():
        score = compound_score(lex, tok)
        if score is None and tok.isascii():
            score = lex.plain.get(tok)
    return score


#: a token whose score the pass has not looked up yet
_UNMET = math.nan


def modifier_words(rules: Rules, lex: Lexicon) -> frozenset[str]:
    """The tokens that may be an intensifier or a downtoner (``_Pass._modifier`` finds None for any
    other, so the pass asks only about these)."""
    return frozenset({"wat", *rules.intensifiers, *rules.downtoners, *rules.flex, *lex.boosts})


class _Pass:
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
        if _QUOTE_CHARS.intersection(text):
            self.original, self.quoted = _quoted_tokens(text)
            self.scare_quotes = any(len(tokenize(m.group())) == 1 for m in _QUOTED.finditer(text))
        else:
            self.original = tokenize(text)
        self.tokens = [t.lower() for t in self.original]
        self.shouting = text.isupper()
        self.values: list[float] = []
        self.terms: list[str] = []
        self.sentence_of: list[int] = []
        self.sentences: list[_Sentence] = [_Sentence(0)]

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
                    self.sentences.append(_Sentence(len(self.values), i + 1))
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

    def _finish(self) -> list[Contribution]:
        values = self.values
        sentences = self.sentences
        bounds = [s.first for s in sentences] + [len(values)]
        starts = [s.start for s in sentences] + [len(self.tokens)]
        # the signals of a town's posts; a review or an article is weighed on its words
        post = sum(s.words for s in sentences) <= POST_MAX_WORDS
        # "Waarom staat er zoveel politie? Weet iemand wat er gebeurt?": asking, not complaining
        asking = post and not self.voice.asking.isdisjoint(itertools.pairwise(self.tokens))
        complaint_questions = 0
        for k, sentence in enumerate(sentences):
            lo, hi = bounds[k], bounds[k + 1]
            if sentence.exclaim:
                factor = 1.0 + EXCLAIM_STEP * min(sentence.exclaim, 3)
                for j in range(lo, hi):
                    values[j] *= factor
            if sentence.question:
                complaint = post and not asking and self._complaint_question(starts[k], starts[k + 1])
                complaint_questions += complaint
                for j in range(lo, hi):
                    if values[j] > 0:
                        # what a complaint asks for is what is missing ("wanneer eindelijk veilig?")
                        values[j] *= NEGATED_POSITIVE * NEGATIVE_WEIGHT if complaint else QUESTION_PRAISE
        self._approvals()
        sarcastic = self._post_signals(complaint_questions) if post else False
        ironic = sarcastic or any(t in IRONY for t in self.tokens)
        if ironic:
            for j, v in enumerate(values):
                if v > 0:
                    values[j] = -v
        else:
            self._sarcastic_tails(bounds)
        return [Contribution(t, v, s) for t, v, s in zip(self.terms, values, self.sentence_of, strict=True)]

    # --- a town's posts (sentiment_voice) --------------------------------------------------------

    def _post_signals(self, complaint_questions: int) -> bool:
        """Complaint questions, a lack in a resident's voice, recurrence; a post without a voice of
        its own is read as a report. True when its praise is sarcastic."""
        values = self.values
        self._better_before()
        personal = self._personal()
        recurrences = self._recurrences()
        worded = -sum(v for v in values if v < 0)  # the complaint in words, before these signals
        praise = sum(v for v in values if v > 0)
        if not personal:
            self._as_report()
        # a plain word of criticism next to praise is a mixed verdict ("magnifique, mais plat"); sarcasm
        # needs a strong one or a sign that the writer has had enough
        complaint = worded if worded >= SARCASM_WORDED else 0.0
        if complaint_questions:
            self._append("?complaint", QUESTION_COMPLAINT * min(complaint_questions, 2))
            complaint -= self.values[-1]
        if self._hindsight():
            self._append("~hindsight", HINDSIGHT)
            complaint -= self.values[-1]
        if self.bare_negations and personal:  # in a report: "geen gewonden", "niet open op zondag"
            self._append("~lack", BARE_NEGATION * min(self.bare_negations, 2))
            complaint -= self.values[-1]
        if recurrences:
            complaint -= RECURRENCE
            # a recurring nuisance: in a post that already complains, or says next to nothing good
            # ("Alweer geweldig!" is praise)
            if worded >= RECURRENCE_PRAISE * praise or praise < WEAK_PRAISE:
                self._append("~recurrence", RECURRENCE * min(recurrences, 2))
        if personal and self.scare_quotes:
            complaint += SCARE_QUOTES
        if complaint or "👏" in self.terms:
            complaint = max(complaint, worded)
        sarcastic = self._sarcastic_praise(complaint)
        if personal and not sarcastic and any(t in self.voice.thanks for t in self.terms):
            self._thanks()
        return sarcastic

    def _thanks(self) -> None:
        """"Merci aan de brandweer na de brand": the event is the occasion of the thanks."""
        for j, term in enumerate(self.terms):
            if self.values[j] < 0 and self._is_event(term):
                self.values[j] = 0.0

    def _append(self, term: str, value: float) -> None:
        """A contribution of the whole post (already weighted)."""
        self.values.append(value)
        self.terms.append(term)
        self.sentence_of.append(len(self.sentences) - 1)

    def _hindsight(self) -> bool:
        """"Dat hadden ze twee jaar geleden moeten doen", "they should have": what was not done."""
        tokens = self.tokens
        voice = self.voice
        for i, tok in enumerate(tokens):
            if tok in voice.hindsight_aux:
                for nxt in tokens[i + 1:i + HINDSIGHT_REACH]:
                    if nxt in voice.hindsight_verbs:
                        return True
                    if nxt in SENTENCE_END or nxt[:1] in "!?":
                        break
        return False

    def _better_before(self) -> None:
        """"Vroeger was het hier proper": praise of the past is a complaint about the present (not
        "zo gezellig als vroeger")."""
        past = self.voice.past
        if past.isdisjoint(self.tokens):
            return
        sentences = self.sentences
        starts = [s.start for s in sentences] + [len(self.tokens)]
        bounds = [s.first for s in sentences] + [len(self.values)]
        for k in range(len(sentences)):
            words = self.tokens[starts[k]:starts[k + 1]]
            if any(t in past and (not j or words[j - 1] not in COMPARISON) for j, t in enumerate(words)):
                for j in range(bounds[k], bounds[k + 1]):
                    if self.values[j] > 0:
                        self.values[j] *= NEGATED_POSITIVE * NEGATIVE_WEIGHT

    def _approvals(self) -> None:
        """"De gemeenteraad keurt het plan goed": "goed" is a particle of "goedkeuren"."""
        if "goed" in self.terms and any(t in APPROVES for t in self.tokens):
            for j, term in enumerate(self.terms):
                if term == "goed":
                    self.values[j] = 0.0

    def _personal(self) -> bool:
        """Does the writer speak in their own voice (pronoun, interjection, "?", "!", emoji, CAPS, a
        verdict of a word or two: "Fijn.", "Zonde.")?"""
        sentences = self.sentences
        if len(sentences) > 1:
            firsts = [s.first for s in sentences] + [len(self.values)]
            if any(0 < s.words <= VERDICT_WORDS and firsts[k] < firsts[k + 1]
                   for k, s in enumerate(sentences)):
                return True
        tokens = self.tokens
        if not self.voice.personal.isdisjoint(tokens) or any(s.question or s.exclaim for s in sentences):
            return True
        return any(ord(tok[0]) > 0x2000 or (len(word) > 2 and word.isupper() and word.isalpha())
                   for tok, word in zip(tokens, self.original, strict=True))

    def _complaint_question(self, lo: int, hi: int) -> bool:
        """A question that opens with "waarom" or carries impatience ("eindelijk", "hoe lang")."""
        voice = self.voice
        tokens = self.tokens[lo:hi]
        words = [t for t in tokens if t[:1].isalnum()]
        if not words:
            return False
        if words[0] in voice.openers:
            return True
        for before, tok in itertools.pairwise(tokens):
            if tok in voice.openers and (before in CLAUSE_END or before in self.rules.contrast):
                return True
        for a, b in zip(words, [*words[1:], ""], strict=True):
            if a in voice.impatience or (a, b) in voice.impatience_pairs or a in self.rules.negators:
                return True
        return False

    def _recurrences(self) -> int:
        """How often the post says the nuisance recurs ("alweer", "al drie weken", "derde keer",
        "zoals altijd"); "weer", "elke dag", "zoals altijd" only outside a question and next to a
        complaint ("Weer geen water")."""
        voice = self.voice
        tokens = self.tokens
        if voice.triggers.isdisjoint(tokens):
            return 0
        complaint = self.bare_negations > 0 or any(v < 0 for v in self.values)
        questions: set[int] | None = None  # found when first needed
        applause = "👏" in self.terms
        triggers = voice.triggers
        count = 0
        for i, tok in enumerate(tokens):
            if tok not in triggers:  # every test below needs the token itself in one of its sets
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            after = tokens[i + 2] if i + 2 < len(tokens) else ""
            weak = tok in voice.weak_recurrence or (tok, nxt) in voice.recurrence_pairs
            dated = tok in SINCE_YEAR and ((nxt.isdigit() and len(nxt) == 4) or nxt in MONTHS)  # "sinds 2024"
            since = dated or (tok in voice.since and (
                ((nxt.isdigit() or nxt in NUMBERS) and after in voice.time_units)
                or (nxt in voice.spans and (after in voice.time_units or (
                    after in voice.spans and i + 3 < len(tokens) and tokens[i + 3] in voice.time_units)))))
            hit = (tok in voice.recurrence or (applause and tok in voice.weak_recurrence) or since
                   or (tok in voice.ordinals and (nxt in TIMES or nxt in voice.time_units)))
            if not hit and weak and complaint:
                if questions is None:
                    questions = (self._question_tokens() if any(s.question for s in self.sentences)
                                 else set())
                hit = i not in questions
            count += hit
        return count

    def _question_tokens(self) -> set[int]:
        """Indices of the tokens in question sentences."""
        sentences = self.sentences
        starts = [s.start for s in sentences] + [len(self.tokens)]
        return {i for k, s in enumerate(sentences) if s.question for i in range(starts[k], starts[k + 1])}

    def _is_event(self, term: str) -> bool:
        """A word that only names a bad event ("brand", Dutch compounds ending in one: "woningbrand")."""
        events = self.voice.events
        if term in events:
            return True
        if " " in term or len(term) < MIN_EVENT_COMPOUND:
            return False
        return any(term[cut:] in events for cut in range(3, len(term) - 3))

    def _as_report(self) -> None:
        """No voice of its own: a report. Its event words are news; without a strong verdict of its
        own ("schitterend", "hartverscheurend": a review) its other words weigh less too."""
        values = self.values
        events = [self._is_event(term) for term in self.terms]
        verdict = any(abs(v) >= REPORT_VERDICT and not e for v, e in zip(values, events, strict=True))
        for j, event in enumerate(events):
            if event:
                values[j] *= REPORT_EVENT
            elif not verdict:
                values[j] *= REPORT if values[j] > 0 else REPORT_NEGATIVE

    def _sarcastic_praise(self, complaint: float) -> bool:
        """Praise typically said through clenched teeth ("Proficiat hoor", "Great", 👏) in a short post
        that complains (``complaint``: its weight): not a weighed verdict ("mooi, maar …"), not a
        burst of enthusiasm ("Geweldig!"), not a pile of praise, and a complaint not drowned by it."""
        if complaint < -COMPLAINT_EVIDENCE:
            return False
        if sum(s.words for s in self.sentences) > SARCASTIC_PRAISE_MAX_TEXT:
            return False
        if any(t in self.rules.contrast for t in self.tokens):
            return False
        sarcastic = self.voice.sarcastic
        sentences = self.sentences
        praise: list[float] = []
        teeth = 0
        applause = False
        for value, term, k in zip(self.values, self.terms, self.sentence_of, strict=True):
            if value <= 0:
                continue
            if term == "👏":
                applause = True
            elif term in sarcastic and not sentences[k].exclaim:
                teeth += 1
            else:
                praise.append(value)
        return ((applause or teeth > 0) and teeth <= SARCASTIC_PRAISE_MAX_TERMS
                and len(praise) <= SARCASTIC_PRAISE_MAX_TERMS
                and complaint >= SARCASTIC_COMPLAINT_SHARE * sum(praise))

    def _sarcastic_tails(self, bounds: list[int]) -> None:
        """A short positive sentence after a complaint is sarcasm ("Twintig minuten gewacht. Fijn.")."""
        values = self.values
        if sum(s.words for s in self.sentences) > SARCASM_MAX_TEXT:
            return
        for k in range(1, len(self.sentences)):
            sentence = self.sentences[k]
            lo, hi = bounds[k], bounds[k + 1]
            if (hi == lo or sentence.words > SARCASM_MAX_WORDS or sentence.exclaim or sentence.question
                    or sentence.first_person):
                continue
            own = sum(values[lo:hi])
            previous = sum(values[bounds[k - 1]:lo])  # the sentence right before
            if own > 0 and previous <= SARCASM_AFTER and all(v > 0 for v in values[lo:hi]):
                for j in range(lo, hi):
                    values[j] = -values[j]
