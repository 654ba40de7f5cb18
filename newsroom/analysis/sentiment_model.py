"""A small learned layer over the sentiment rules for a town's posts.

A multinomial logistic regression (three labels) over a post's own words: lower-cased words, word
pairs and the letters inside longer words (four-letter pieces, which carry tussentaal spellings and
unknown compounds), blended with the rules' label (``model_sentiment``). The rules are not among the
model's inputs: they were written while reading the training posts, so on those posts they look
better than on a town's new posts, and a model fitted over them learns to copy them.

Trained by ``sentiment_train`` on our own labelled municipal posts
(``benchmarks/data/sentiment/dev_*``) and shipped as ``lexicons/sentiment_model.json``: the weights of
every feature seen in at least two training posts. Plain Python at run time (no numpy, nothing
downloaded); features are looked up by name, so nothing depends on the hash seed.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from newsroom.analysis.sentiment_lexicon import tokenize
from newsroom.domain import Polarity, Sentiment

LABELS = ("negative", "neutral", "positive")
MODEL_FILE = "sentiment_model.json"
CHAR_GRAM = 4
MIN_CHAR_WORD = 4  # words shorter than this give no letter pieces
#: longer texts (reviews, articles) are left to the rules: the training posts have at most 23 words
MAX_WORDS = 25
NEUTRAL_SCORE = 0.19  # the largest score of a neutral label (inside the scorer's neutral band)
WORDS_REMEMBERED = 50_000  # tokens whose summed weights are kept
#: the rules' share of the blend per language (leave-one-town-out over the development towns, with
#: bol.com's floor and the social sets: the model has ~1,830 Dutch training posts and only ~195 English
#: and ~260 French ones)
RULE_WEIGHT = {"nl": 0.45, "en": 0.5, "fr": 0.5}
RULE_TRUST = 0.8  # the probability the rules' label gets within their share

Vector = tuple[float, float, float]
_ZERO: Vector = (0.0, 0.0, 0.0)


def token_features(tok: str) -> list[str]:
    """A lower-cased token's own features: the word and, for a longer word, its letter pieces."""
    out = [f"w:{tok}"]
    if len(tok) >= MIN_CHAR_WORD and tok.isalpha():
        padded = f" {tok} "
        out.extend(f"c:{padded[i:i + CHAR_GRAM]}" for i in range(len(padded) - CHAR_GRAM + 1))
    return out


#: punctuation that is a writer's habit, not a verdict ("?" and "!" are kept)
STYLE = frozenset({".", ",", ";", ":", "(", ")", "...", "…"})


#: words that turn the next few words' meaning: a word in their reach is a feature of its own ("niet
#: slecht" is no "slecht"; Pang, Lee and Vaithyanathan's NOT_ marking, 2002)
NEGATORS = frozenset({"niet", "geen", "nooit", "niks", "niets", "nergens", "allerminst", "pas", "jamais",
                      "rien", "not", "no", "never", "nothing", "don't", "doesn't", "didn't", "isn't",
                      "wasn't", "aren't", "can't", "won't", "cannot"})
#: ... that many words after the negator, up to the next punctuation or emoji
NEGATION_REACH = 3
_HAS_WORD = re.compile(r"[^\W_]").search


def _tokens(text: str) -> list[str]:
    """The post's lower-cased tokens without the writer's habits of punctuation, a word in a negator's
    reach marked with "~" ("niet ~slecht ~hoor")."""
    out: list[str] = []
    reach = 0
    for t in tokenize(text):
        low = t.lower()
        if _HAS_WORD(low) is None:
            reach = 0
            if low not in STYLE:
                out.append(low)
        elif low in NEGATORS:
            out.append(low)
            reach = NEGATION_REACH
        elif reach:
            out.append("~" + low)
            reach -= 1
        else:
            out.append(low)
    return out


def _pairs(tokens: list[str]) -> list[str]:
    return [f"b:{a} {b}" for a, b in zip(["<s>", *tokens], [*tokens, "</s>"], strict=True)]


def features(text: str, lang: str) -> list[tuple[str, float]]:
    """A post's features (repeats counted), each weighing 1/sqrt(their number) so that a long post
    weighs what a short one does: its language, word pairs, words and letter pieces."""
    tokens = _tokens(text)
    names = [f"l:{lang}", *_pairs(tokens)]
    for tok in tokens:
        names.extend(token_features(tok))
    weight = 1.0 / math.sqrt(len(names))
    return [(name, weight) for name in names]


def softmax(neg: float, neu: float, pos: float) -> Vector:
    top = max(neg, neu, pos)
    e_neg, e_neu, e_pos = math.exp(neg - top), math.exp(neu - top), math.exp(pos - top)
    total = e_neg + e_neu + e_pos
    return e_neg / total, e_neu / total, e_pos / total


@dataclass(frozen=True, slots=True)
class TownModel:
    """Weights per feature name (one per label) and a bias per label."""

    weights: dict[str, Vector]
    bias: Vector
    #: per token: the number of its own features and their summed weights
    _token_sums: dict[str, tuple[int, Vector]] = field(default_factory=dict, compare=False, repr=False)

    def probabilities(self, feats: Iterable[tuple[str, float]], *, with_bias: bool = True) -> Vector:
        """P(negative), P(neutral), P(positive) of a post's features (``with_bias=False``: what the
        features alone say, without the training posts' label shares)."""
        neg, neu, pos = self.bias if with_bias else _ZERO
        weights = self.weights
        for name, x in feats:
            w = weights.get(name)
            if w is not None:
                neg += w[0] * x
                neu += w[1] * x
                pos += w[2] * x
        return softmax(neg, neu, pos)

    def post_probabilities(self, text: str, lang: str) -> Vector:
        """``probabilities(features(text, lang), with_bias=False)``, with each token's summed weights
        remembered (the run-time path)."""
        tokens = _tokens(text)
        weights = self.weights
        sums = self._token_sums
        n = 1 + len(tokens) + 1
        neg, neu, pos = weights.get(f"l:{lang}", _ZERO)
        for name in _pairs(tokens):
            w = weights.get(name)
            if w is not None:
                neg += w[0]
                neu += w[1]
                pos += w[2]
        for tok in tokens:
            known = sums.get(tok)
            if known is None:
                own = token_features(tok)
                total = [0.0, 0.0, 0.0]
                for name in own:
                    w = weights.get(name, _ZERO)
                    total[0] += w[0]
                    total[1] += w[1]
                    total[2] += w[2]
                known = (len(own), (total[0], total[1], total[2]))
                if len(sums) < WORDS_REMEMBERED:
                    sums[tok] = known
            n += known[0]
            neg += known[1][0]
            neu += known[1][1]
            pos += known[1][2]
        scale = 1.0 / math.sqrt(n)
        return softmax(neg * scale, neu * scale, pos * scale)

    def to_json(self) -> dict[str, object]:
        return {"labels": list(LABELS), "bias": list(self.bias),
                "weights": {name: list(w) for name, w in sorted(self.weights.items())}}

    @staticmethod
    def from_json(data: dict[str, Sequence[float] | dict[str, Sequence[float]]]) -> TownModel:
        raw = data["weights"]
        bias = data["bias"]
        if not isinstance(raw, dict) or isinstance(bias, dict):
            raise ValueError("not a town sentiment model")
        return TownModel({str(k): (float(v[0]), float(v[1]), float(v[2])) for k, v in raw.items()},
                         (float(bias[0]), float(bias[1]), float(bias[2])))


@cache
def shipped_model() -> TownModel:
    """The model in ``lexicons/sentiment_model.json`` (read once)."""
    path = resources.files("newsroom.analysis").joinpath("lexicons", MODEL_FILE)
    return TownModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def blend(learned: Vector, lang: str, rules: Sentiment) -> Sentiment:
    """The rules' label and the model's probabilities blended: the rules' label counts
    ``RULE_TRUST`` of the rules' share (``RULE_WEIGHT``), the other labels split the rest. The label
    is the most probable one, the confidence its probability; the score is the rules' when the label
    is theirs, P(positive) - P(negative) when the model turned it, and keeps the rules' sign inside the
    neutral band when the model made it neutral."""
    other = (1.0 - RULE_TRUST) / 2
    share = RULE_WEIGHT.get(lang, 0.5)
    probs = [share * (RULE_TRUST if label == rules.label.value else other) + (1.0 - share) * p
             for label, p in zip(LABELS, learned, strict=True)]
    best = max(range(3), key=probs.__getitem__)
    label = Polarity(LABELS[best])
    confidence = round(probs[best], 3)
    if label == rules.label:
        return Sentiment(label, rules.score, confidence)
    if label == Polarity.NEUTRAL:
        return Sentiment(label, round(max(-NEUTRAL_SCORE, min(NEUTRAL_SCORE, rules.score)), 4), confidence)
    return Sentiment(label, round(probs[2] - probs[0], 4), confidence)


def model_sentiment(text: str, lang: str, rules: Sentiment) -> Sentiment:
    """A post's label from the rules' verdict and the shipped model. The model's bias (the training
    posts' label shares) is left out: words it never saw leave the rules' label alone."""
    return blend(shipped_model().post_probabilities(text, lang), lang, rules)
