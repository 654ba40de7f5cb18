"""The import's fast paths give what the plain ones give: prepared mentions through pickle, one scan
of a mention's words for the clusterer's two reads, an analysed mention built without
dataclasses.replace, and a heap settled after each batch."""

from __future__ import annotations

import gc
import pickle
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.analysis.topic_words import _SENTENCE_END, SURFACE, WordReader
from newsroom.analysis.topics import TopicClusterer
from newsroom.analysis.words import _TOKEN, URL, Link, _pattern_for
from newsroom.domain import Mention, Polarity, Sentiment
from newsroom.pipeline.heap import settle, settled_heap
from newsroom.pipeline.mention_copy import analysed_mention
from newsroom.pipeline.prepare import Job, Prepared, prepare_many

T0 = datetime(2026, 3, 22, 7, 0, tzinfo=UTC)
TEXTS = [
    "Weer wegenwerken in de Stationsstraat: stof en lawaai. De Lijn rijdt om via de Kanaalweg!",
    "De brug aan de Kanaalweg is dicht, schandalig voor de pendelaars van Lindeveld #lindeveld",
    "STORM in Lindeveld, daken beschadigd; de Brandweer rukt uit. Zie https://example.invalid/x",
    "Mooie lichtjesstoet op de Grote Markt, chapeau aan de vrijwilligers van Het Nieuwsblad 👍",
    "Storm damage in Lindeveld, roofs and trees down near the Grote Markt",
    "Le pont de la Kanaalweg est fermé, colère des navetteurs à Lindeveld",
    "ok",
    "Dak van de buren weggewaaid aan de Grote Markt. Wanneer komt de brandweer?",
]


def test_prepared_mentions_survive_pickling_as_they_were() -> None:
    from newsroom.analysis.sentiment import SentimentScorer

    jobs: list[Job] = [(t, "Kanaalweg" if i % 3 == 0 else "", None, ("nl",), None) for i, t in enumerate(TEXTS)]
    jobs.append((TEXTS[0], "", "nl", (), Sentiment(Polarity.NEGATIVE, -0.7, 0.8)))
    prepared = prepare_many(SentimentScorer(), jobs, {}, frozenset({"lindeveld"}))
    assert any(isinstance(w, Link) for p in prepared for w in p.phrase_words)
    assert any(w is None for p in prepared for w in p.phrase_words)
    back = pickle.loads(pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == prepared
    for ours, theirs in zip(back, prepared, strict=True):
        assert [type(w) for w in ours.phrase_words] == [type(w) for w in theirs.phrase_words]
        assert ours.sentiment.label is theirs.sentiment.label
    # plain strings and numbers: no Word, Link or Sentiment object is pickled as such
    blob = pickle.dumps(prepared)
    assert b"Word" not in blob and b"Link" not in blob and b"Sentiment" not in blob
    assert pickle.loads(pickle.dumps(Prepared("nl", Sentiment(Polarity.NEUTRAL, 0.0)))) == \
        Prepared("nl", Sentiment(Polarity.NEUTRAL, 0.0))


def test_a_scan_recorded_is_a_read() -> None:
    read, scanned = WordReader(), WordReader()
    for lang in ("nl", "en", None):
        for exclude in ((), ("lindeveld", "#kanaalweg")):
            for text in TEXTS:
                keys, marks = scanned.scan(text, lang, exclude)
                scanned.record(keys, marks)
                assert read.read(text, lang, exclude) == keys
    assert read.surface == scanned.surface and read.casing == scanned.casing
    assert read.is_name("kanaalweg") and not read.is_name("storm")


def test_the_clusterer_reading_once_ends_as_one_reading_twice() -> None:
    """observe keeps each mention's scan for its add; a clusterer that always reads again (its scans
    dropped before every add) ends with the same topics, names, words and forms."""
    posts = []
    for i in range(240):
        text = TEXTS[i % len(TEXTS)] + f" ({i % 7})"
        posts.append((f"m{i}", text, "nl" if i % len(TEXTS) < 4 or i % len(TEXTS) == 7 else None))
    ends = []
    for drop in (False, True):
        c = TopicClusterer()
        exclude = frozenset({"lindeveld"})
        for at in range(0, len(posts), 60):
            batch = posts[at:at + 60]
            for _, text, lang in batch:
                c.observe(text, lang, exclude)
            for n, (mid, text, lang) in enumerate(batch):
                if drop:
                    c._scans.clear()
                c.add(mid, text, lang or "en", T0 + timedelta(minutes=at + n), exclude_terms=exclude)
        now = T0 + timedelta(hours=5)
        ends.append((c.assignments(), [(t.id, t.label, t.terms, t.size) for t in c.topics(now)],
                     c.words.surface, c.words.casing))
    assert ends[0] == ends[1]
    assert len(ends[0][1]) >= 2


def test_an_analysed_mention_is_the_mention_replaced() -> None:
    m = Mention("a", "rss", "tekst", T0, url="https://x.invalid", author="b", title="t", lang=None,
                searches=("s",), engagement=3, canonical_url="https://x.invalid", flags=("date_missing",))
    sentiment = Sentiment(Polarity.NEGATIVE, -0.5, 0.9)
    ours = analysed_mention(m, "nl", sentiment, "b", 7)
    theirs = replace(m, lang="nl", sentiment=sentiment, duplicate_of="b", topic=7)
    assert ours == theirs and hash(ours) == hash(theirs) and repr(ours) == repr(theirs)
    assert m.lang is None and m.topic is None  # the original is untouched


def test_a_settled_heap_is_watched_again_after_the_import() -> None:
    with settled_heap():
        kept = [[i] for i in range(1000)]
        settle()
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0



_ALPHABET = "aZé8 .,:;=-'_#@<>/()[]{}|\\*!?0123456789\u200d\U0001f3fb\U0001F1E6\U0001F1EA\U0001F3F4\U000E0067😡👍"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_the_token_pattern_of_a_text_finds_what_nltks_finds(text: str) -> None:
    """A text is tokenised without the patterns that cannot match in it: the same tokens."""
    assert _pattern_for(text).findall(text) == _TOKEN.findall(text)


def test_token_patterns_for_the_town_posts() -> None:
    texts = [*TEXTS, "mail naar info@lindeveld.be of @stad_lindeveld", "<b>vet</b> -> rechts <- links",
             "#lindeveld #Kanaalweg", "👍🏻 vlag 🇧🇪 🏴\U000E0067\U000E0062\U000E0065\U000E006e\U000E0067\U000E007F",
             "familie 👨\u200d👩\u200d👧 :-) ;) <3 D:", "1/2 of 3,5 en 10:30 ... e-mail"]
    for text in texts:
        assert _pattern_for(text).findall(text) == _TOKEN.findall(text)
    assert _pattern_for("gewoon een tekst") is not _pattern_for("#ook @met")


def _scan_token_by_token(text: str, lang: str | None) -> list[tuple[str, str, int]]:
    """What a scan found before it split the text at sentence ends: each token's sentence start from
    the text between it and the token before."""
    reader = WordReader()
    if "/" in text or "www" in text:
        text = URL.sub(" . ", text)
    out = []
    end = 0
    for match in SURFACE.finditer(text):
        tok = match.group()
        start = end == 0 or _SENTENCE_END.search(text, end, match.start()) is not None
        end = match.end()
        hit = reader.key_of(tok, lang)
        if hit is not None:
            mark = 0 if start or tok[0] in "#@" or tok.isupper() else 2 if tok[0].isupper() else 1
            out.append((hit[0], hit[1], mark))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Storm", "storm", "De", "Kanaalweg", "#Lindeveld", "@stad", "NU", "brug",
                                 ".", "!", "?", ":", ";", "\n", " ", ", ", "'t", "e-mail", "www.x.be/a",
                                 "Grote", "markt", "2026", "élan", "É"]), max_size=30))
def test_a_scan_finds_sentence_starts_as_token_by_token(parts: list[str]) -> None:
    text = " ".join(parts)
    keys, marks = WordReader().scan(text, "nl")
    assert [(k, f, m) for k, (f, m) in zip(keys, marks, strict=True)] == _scan_token_by_token(text, "nl")


def test_a_near_duplicate_entry_built_fast_is_the_dataclass() -> None:
    from newsroom.analysis.neardup import _Entry, _entry

    values = ("a", ("brug", "kanaalweg"), frozenset({"brug", "kanaalweg"}), T0, "b", True)
    assert _entry(*values) == _Entry(*values)
    assert repr(_entry(*values)) == repr(_Entry(*values))
