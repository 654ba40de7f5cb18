"""Per-search pages for the wall's rotation: built on the worker side from the store, each search's
page holds the topics its own mentions are in; off by default."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.config import Config
from newsroom.domain import Mention, Search
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.stored import StoredHealth
from newsroom.store import Store

NOW = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
SEARCHES = (Search("Kanaalweg", "Kanaalweg"), Search("Station", "station"))

BRIDGE = ["De brug aan de Kanaalweg is opnieuw afgesloten voor alle verkeer",
          "Brug Kanaalweg afgesloten, omleiding via de Molenstraat",
          "Weer file door de afgesloten brug aan de Kanaalweg",
          "Hoe lang blijft de brug aan de Kanaalweg nog afgesloten?",
          "Omleiding brug Kanaalweg slecht aangeduid, afgesloten tot vrijdag"]
BIKES = ["Alweer een fiets gestolen aan het station van Lindeveld",
         "Fietsdiefstal aan het station: mijn fiets is gestolen",
         "Camera's aan de fietsenstalling van het station tegen diefstal",
         "Derde gestolen fiets deze maand aan het station",
         "Fietsenstalling station Lindeveld: weer een fiets gestolen"]


def mentions() -> list[Mention]:
    out = []
    for i in range(30):
        for name, texts in (("Kanaalweg", BRIDGE), ("Station", BIKES)):
            out.append(Mention(id=f"{name}:{i}", source="rss", text=f"{texts[i % 5]} ({i})",
                               published=NOW - timedelta(minutes=90 - i * 3), searches=(name,), lang="nl"))
    return out


def pipeline(tmp_path: Path, rotation: bool) -> Pipeline:
    config = Config({"display.rotation": rotation}, SEARCHES)
    store = Store.open(tmp_path / "store.sqlite3")
    p = Pipeline(config, store, StoredHealth([]), clock=lambda: NOW)
    p.ingest(mentions(), NOW)
    return p


def test_each_search_gets_a_page_with_its_own_topics(tmp_path: Path) -> None:
    p = pipeline(tmp_path, rotation=True)
    try:
        snap = p.snapshot()
        assert snap.searches == ("Kanaalweg", "Station")
        pages = {page.search: page for page in snap.search_pages}
        assert list(pages) == ["Kanaalweg", "Station"]
        for name in ("Kanaalweg", "Station"):
            topics = pages[name].topics
            assert topics, name
            for topic in topics:
                members = p.store.topic_searches(topic.id)
                assert name in members, (name, topic.label, members)
        bridge = {t.id for t in pages["Kanaalweg"].topics}
        bikes = {t.id for t in pages["Station"].topics}
        assert not bridge & bikes, "the two stories do not share a topic here"
        assert bridge | bikes <= {t.id for t in snap.topics}, "here every topic is also on the overview"
        assert p.snapshot() == snap, "same input, same output"
    finally:
        p.close()


def test_no_pages_without_rotation(tmp_path: Path) -> None:
    p = pipeline(tmp_path, rotation=False)
    try:
        snap = p.snapshot()
        assert snap.search_pages == () and snap.searches == ("Kanaalweg", "Station")
    finally:
        p.close()
