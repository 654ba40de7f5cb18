"""The end of the pass over a text: each sentence's exclamation marks and question weigh its terms, "keurt
het plan goed" is no praise, a town's post's signals are read (``PostSignals``), irony turns praise
around, and a short positive sentence after a complaint is sarcasm; with what the pass records
(``Contribution``, ``SentenceState``)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from newsroom.analysis.sentiment_posts import PostSignals
from newsroom.analysis.sentiment_rules import IRONY
from newsroom.analysis.sentiment_voice import APPROVES
from newsroom.analysis.sentiment_weights import (
    EXCLAIM_STEP,
    NEGATED_POSITIVE,
    NEGATIVE_WEIGHT,
    POST_MAX_WORDS,
    QUESTION_PRAISE,
    SARCASM_AFTER,
    SARCASM_MAX_TEXT,
    SARCASM_MAX_WORDS,
)


@dataclass(frozen=True, slots=True)
class Contribution:
    """One scored term: the tokens it covers and its weighted value."""

    term: str
    value: float
    sentence: int


class SentenceState:
    """Running state of one sentence during the pass."""

    __slots__ = ("exclaim", "first", "first_person", "question", "start", "words")

    def __init__(self, first: int, start: int = 0) -> None:
        self.first = first  # index of its first contribution
        self.start = start  # index of its first token
        self.words = 0
        self.exclaim = 0
        self.question = False
        self.first_person = False  # "Je le recommande.": a statement of the writer, not a retort


class SentenceSignals(PostSignals):
    """The part of :class:`~newsroom.analysis.sentiment_pass.SentimentPass` that reads its sentences once
    the pass is over (on the pass's running state, declared in :class:`PostSignals`)."""

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

    def _approvals(self) -> None:
        """"De gemeenteraad keurt het plan goed": "goed" is a particle of "goedkeuren"."""
        if "goed" in self.terms and any(t in APPROVES for t in self.tokens):
            for j, term in enumerate(self.terms):
                if term == "goed":
                    self.values[j] = 0.0

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
