"""Sentiment of short texts in Dutch, French and English: lexicons plus rules.

Lexicons (``sentiment_lexicon``): Pattern's Dutch and French adjective lexicons with derived Dutch
word forms, VADER's English lexicon, and our own lists of what residents write online, emoji and
emoticons included. Rules (function words in ``sentiment_rules``), in one left-to-right pass
(``sentiment_pass``; their weights in ``sentiment_weights``):

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

A town's posts (at most ``POST_MAX_WORDS`` words; ``sentiment_posts``, with the words in
``sentiment_voice``): a post without the writer's own voice is a report whose event words are news,
not anger ("Brand in loods, brandweer ter plaatse"); complaint questions ("Wanneer eindelijk …?"),
recurrence ("alweer", "al drie weken"), a lack in the writer's voice ("bus niet gekomen"), hindsight
("had moeten") and praise of the past ("vroeger was het hier proper") are complaints; applause 👏,
scare quotes and praise said through clenched teeth after a complaint are sarcasm; thanks after a bad
event stay thanks.

The sum is squashed into [-1, 1]; weak or thin evidence gives a neutral label (the score keeps its
sign), and the confidence grows with the number of sentiment terms and the size of the score.
"""


from __future__ import annotations

import math
from collections.abc import Mapping

from newsroom.analysis.language import detect_language
from newsroom.analysis.sentiment_lexicon import Lexicon, base_lexicon, tokenize
from newsroom.analysis.sentiment_model import MAX_WORDS as MODEL_MAX_WORDS
from newsroom.analysis.sentiment_model import model_sentiment
from newsroom.analysis.sentiment_pass import SentimentPass
from newsroom.analysis.sentiment_rules import RULES
from newsroom.analysis.sentiment_sentences import Contribution
from newsroom.analysis.sentiment_voice import VOICES
from newsroom.analysis.sentiment_word_score import modifier_words
from newsroom.domain import Polarity, Sentiment

__all__ = ["NEUTRAL_BAND", "Contribution", "SentimentScorer", "base_lexicon"]

MAX_CHARS = 5000
NEUTRAL_BAND = 0.2
MIN_CONFIDENCE = 0.3
ALPHA = 1.0  # squash: s / sqrt(s^2 + ALPHA)


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
        #: per language of the user's lexicon, the terms they took out (score 0), lower case
        self._removed = {lang: tuple(t.lower() for t, v in terms.items() if v == 0)
                         for lang, terms in self._user.items()}

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
        if self.use_model and text.count(" ") < MODEL_MAX_WORDS \
                and not self._operator_word(lang, text, parts):
            return model_sentiment(text, lang, rules)
        return rules

    def _operator_word(self, lang: str, text: str, parts: list[Contribution]) -> bool:
        """True when a term of the operator's own lexicon was scored, or one they took out (score 0) is
        in the text: their word is final (the learned layer does not bring back a word they removed)."""
        key = lang if self._user.get(lang) else "*"
        user = self._user.get(key)
        if user is None:
            return False
        if any(c.term in user for c in parts):
            return True
        removed = self._removed[key]
        if not removed:
            return False
        words = f" {' '.join(t.lower() for t in tokenize(text))} "
        return any(f" {term} " in words for term in removed)

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
        return SentimentPass(lex, RULES[lang], text[:MAX_CHARS], VOICES[lang], known, modifiers).run()
