"""The signals of a town's posts (``sentiment_voice`` has their words), read at the end of the pass
over a post of at most ``POST_MAX_WORDS`` words: a post without the writer's own voice is a report
whose event words are news, not anger; complaint questions, recurrence, a lack in the writer's voice,
hindsight and praise of the past are complaints; applause, scare quotes and praise said through
clenched teeth after a complaint are sarcasm; thanks after a bad event stay thanks."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from newsroom.analysis.sentiment_rules import CLAUSE_END, SENTENCE_END, Rules
from newsroom.analysis.sentiment_voice import COMPARISON, MONTHS, NUMBERS, SINCE_YEAR, Voice
from newsroom.analysis.sentiment_weights import (
    BARE_NEGATION,
    COMPLAINT_EVIDENCE,
    HINDSIGHT,
    HINDSIGHT_REACH,
    MIN_EVENT_COMPOUND,
    NEGATED_POSITIVE,
    NEGATIVE_WEIGHT,
    QUESTION_COMPLAINT,
    RECURRENCE,
    RECURRENCE_PRAISE,
    REPORT,
    REPORT_EVENT,
    REPORT_NEGATIVE,
    REPORT_VERDICT,
    SARCASM_WORDED,
    SARCASTIC_COMPLAINT_SHARE,
    SARCASTIC_PRAISE_MAX_TERMS,
    SARCASTIC_PRAISE_MAX_TEXT,
    SCARE_QUOTES,
    VERDICT_WORDS,
    WEAK_PRAISE,
)

if TYPE_CHECKING:
    from newsroom.analysis.sentiment_sentences import SentenceState

TIMES = frozenset({"keer", "time", "fois"})  # "derde keer", "third time"


class PostSignals:
    """The part of :class:`~newsroom.analysis.sentiment_pass.SentimentPass` that reads a town's posts
    (it works on the pass's running state, declared here)."""

    tokens: list[str]
    original: list[str]
    values: list[float]
    terms: list[str]
    sentence_of: list[int]
    sentences: list[SentenceState]
    rules: Rules
    voice: Voice
    bare_negations: int
    scare_quotes: bool

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
