"""Removing a search while the wall runs, without a replay: the topics only it found leave the wall at
once, a topic another search also found stays with its id, nothing stored is lost, and new mentions of
the remaining searches still join their topics (real SQLite store, injected clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.config import Config
from newsroom.domain import Mention, Polarity, Search, Sentiment
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.poller import Poller
from newsroom.store import Store

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
BRIDGE = Search("Brug", "Kanaalweg", ("rss",), ("nl",))
MARKET = Search("Markt", '"Grote Markt"', ("rss",), ("nl",))
PARK = Search("Park", "stadspark", ("rss",), ("nl",))

STORIES = {  # text -> the searches that found it
    "brug": (["De brug aan de Kanaalweg blijft dicht na de storm", "Kanaalweg: brug opnieuw dicht, omleiding",
              "Omleiding Kanaalweg: brug dicht tot vrijdag", "Brug Kanaalweg dicht, pendelbus rijdt om",
              "Pendelbus Kanaalweg rijdt om zolang de brug dicht is", "Kanaalweg brug dicht: files op de ring"],
             ("Brug",)),
    "markt": (["Brand in frituur op de Grote Markt, brandweer ter plaatse", "Grote Markt: frituur uitgebrand",
               "Brandweer blust frituur op de Grote Markt", "Uitgebrande frituur Grote Markt blijft dicht",
               "Geen gewonden bij brand frituur Grote Markt", "Frituur op de Grote Markt na brand onbruikbaar"],
              ("Markt",)),
    # found by two searches: the one that stays keeps it on the wall
    "concert": (["Concert in het stadspark op de Grote Markt verplaatst", "Stadspark concert Grote Markt verzet",
                 "Concert stadspark verhuist naar de Grote Markt", "Grote Markt krijgt concert van het stadspark",
                 "Stadspark-concert: Grote Markt als nieuwe plek", "Concert Grote Markt in plaats van stadspark"],
                ("Markt", "Park")),
}


def mentions() -> list[Mention]:
    out = []
    for story, (texts, searches) in STORIES.items():
        for i, text in enumerate(texts):
            out.append(Mention(id=f"{story}:{i}", source="rss", text=text, lang="nl",
                               published=NOW - timedelta(minutes=60 - i * 5), searches=searches,
                               author=f"{story}{i}", sentiment=Sentiment(Polarity.NEUTRAL, 0.0, 0.9)))
    return out


def topic_of(pipeline: Pipeline, story: str) -> set[int]:
    return {m.topic for m in pipeline.store.get_mentions([f"{story}:{i}" for i in range(6)]) if m.topic}


def test_removing_a_search_drops_only_the_topics_it_alone_found(tmp_path: Path) -> None:
    searches = [BRIDGE, MARKET, PARK]
    store = Store.open(tmp_path / "newsroom.sqlite3")
    pipeline = Pipeline(Config({}, tuple(searches)), store, Poller([], searches, store, clock=lambda: NOW),
                        clock=lambda: NOW)
    try:
        pipeline.ingest(mentions(), NOW)
        live = set(pipeline.clusterer.live_ids())
        stories = {story: topic_of(pipeline, story) for story in STORIES}
        assert all(ids and ids <= live for ids in stories.values()), stories
        assert stories["brug"].isdisjoint(stories["markt"] | stories["concert"])

        diff = pipeline.reconfigure(Config({}, (MARKET, PARK)))
        assert diff.searches_removed == ("Brug",)
        after = set(pipeline.clusterer.live_ids())
        assert stories["brug"].isdisjoint(after)  # it left the wall at once
        assert stories["markt"] | stories["concert"] <= after  # the others kept their ids
        shown = {t.id for t in pipeline.snapshot().topics}
        assert shown.isdisjoint(stories["brug"]) and shown

        diff = pipeline.reconfigure(Config({}, (MARKET,)))
        assert diff.searches_removed == ("Park",)
        assert stories["concert"] <= set(pipeline.clusterer.live_ids())  # Markt found it too
        assert len(store.get_mentions([m.id for m in mentions()])) == len(mentions())  # nothing stored lost

        later = Mention(id="markt:new", source="rss", text="Frituur op de Grote Markt opent na de brand opnieuw",
                        lang="nl", published=NOW + timedelta(minutes=1), searches=("Markt",), author="x",
                        sentiment=Sentiment(Polarity.NEUTRAL, 0.0, 0.9))
        pipeline.ingest([later], NOW + timedelta(minutes=1))
        assert topic_of(pipeline, "markt") & {m.topic for m in store.get_mentions(["markt:new"])}
    finally:
        pipeline.close()
