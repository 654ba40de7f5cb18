"""The briefing's data from a real SQLite store: top topics, names, mix, posts without people, alerts in
the period, the sources; the schedule of the morning mail; the command's --since (its --at is the demo's
moment of every command: tests/test_demo_moment_commands.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from newsroom.briefing.data import SentimentMix, gather, open_read_only, period, printable
from newsroom.briefing.redact import redact_handles
from newsroom.briefing.schedule import is_due, parse_clock
from newsroom.commands.briefing import parse_since
from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    SourceHealth,
    SpikeAlert,
)
from newsroom.errors import CommandFailed, UsageError
from newsroom.store import Store

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
STORM = ["Storm richt schade aan in de Meersstraat, dak van de sporthal beschadigd",
         "Bomen omgewaaid in de Meersstraat na de storm, brandweer ter plaatse",
         "Stormschade in de Meersstraat: daken kapot en bomen op de weg",
         "De storm heeft in de Meersstraat veel schade aangericht aan daken"]
BRIDGE = ["Brug Kanaalweg nog altijd dicht voor fietsers", "Omleiding rond de brug Kanaalweg is gevaarlijk",
          "Wanneer gaat de brug Kanaalweg weer open voor fietsers?"]
MARKET = ["Gezellige kerstmarkt op de Grote Markt", "Warme chocomelk op de kerstmarkt, heerlijk"]


def mention(i: int, text: str, topic: int, minutes_ago: float, label: Polarity, **kw: object) -> Mention:
    score = {Polarity.NEGATIVE: -0.7, Polarity.NEUTRAL: 0.0, Polarity.POSITIVE: 0.6}[label]
    return Mention(id=f"m{i}", source=str(kw.pop("source", "mastodon")), text=text,
                   published=NOW - timedelta(minutes=minutes_ago), lang="nl", topic=topic,
                   sentiment=Sentiment(label, score), **kw)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "newsroom.sqlite3")
    rows: list[Mention] = []
    for i in range(40):
        rows.append(mention(i, STORM[i % 4], 7, 30 + i * 5, Polarity.NEGATIVE if i % 5 else Polarity.NEUTRAL))
    rows.append(mention(100, "Dank @jan_peeters en @els@mastodon.social: storm schade aan daken in de "
                             "Meersstraat, bomen op de weg", 7, 20, Polarity.NEGATIVE, author="Jan Peeters"))
    for i in range(15):
        rows.append(mention(200 + i, BRIDGE[i % 3], 9, 60 + i * 40, Polarity.NEGATIVE, source="bluesky"))
    for i in range(6):
        rows.append(mention(300 + i, MARKET[i % 2], 12, 100 + i * 60, Polarity.POSITIVE, source="rss"))
    rows.append(mention(400, "Oude storm van vorige week in de Meersstraat", 7, 60 * 30, Polarity.NEGATIVE))
    s.add_mentions(rows)
    s.save_alert(SpikeAlert(id="a1", scope=AlertScope.TOPIC, key="7", title="Stormschade Meersstraat",
                            state=AlertState.ONGOING, severity=4, started=NOW - timedelta(hours=2),
                            updated=NOW - timedelta(minutes=5), window_min=30, observed=30, expected=2.0,
                            spread=1.0, score=0.99, weekday=1, hour=11))
    s.acknowledge_alert("a1", "wall", NOW - timedelta(hours=1, minutes=50))
    s.save_alert(SpikeAlert(id="old", scope=AlertScope.WALL, key="wall", title="Vorige week",
                            state=AlertState.RESOLVED, severity=2, started=NOW - timedelta(days=5),
                            updated=NOW - timedelta(days=5), window_min=30, observed=12, expected=2.0,
                            spread=1.0, score=0.9, resolved_at=NOW - timedelta(days=5)))
    s.save_health(SourceHealth("rss", "RSS", last_success=NOW - timedelta(minutes=2)))
    s.save_health(SourceHealth("x", "X", last_error="the server answered 401", consecutive_failures=3,
                               last_error_at=NOW - timedelta(minutes=1)))
    return s


def test_the_period_top_topics_their_names_mix_and_posts(store: Store) -> None:
    start, end = period(NOW, timedelta(hours=24))
    data = gather(store, start, end, wall_name="Lindeveld", created=NOW, health=store.load_health(),
                  exclude=frozenset({"lindeveld"}))
    assert [t.id for t in data.topics] == [7, 9, 12]  # most mentions first
    storm, bridge, market = data.topics
    assert storm.mentions == 41 and storm.alerted and not bridge.alerted
    assert storm.mix == SentimentMix(negative=33, neutral=8, positive=0)
    assert market.mix.share(Polarity.POSITIVE) == 1.0
    assert "meersstraat" in storm.label.lower() or "storm" in storm.label.lower()
    assert "kanaalweg" in bridge.label.lower() or "brug" in bridge.label.lower()
    assert {w.term.lower() for w in storm.terms} >= {"meersstraat"}
    assert any(w.sentiment < -0.2 for w in storm.terms) and all(w.sentiment > 0 for w in market.terms)
    assert 1 <= len(storm.posts) <= 3 and len({p.text for p in storm.posts}) == len(storm.posts)
    assert sum(storm.volume.values) == 41 and sum(storm.negative.values) == 33
    assert data.mix.total == 62 and data.mentions == 62  # last week's post is outside the period
    assert dict(data.platforms) == {"Mastodon": 41, "Bluesky": 15, "RSS": 6}


def test_an_ended_topic_takes_the_name_the_wall_stored_and_a_live_one_the_wall_shows(store: Store) -> None:
    start, end = period(NOW, timedelta(hours=24))
    store.save_topic_names({9: "Brug Kanaalweg dicht", 12: "Kerstmarkt"}, NOW)
    store.save_topic_names({12: "Kerstmarkt Grote Markt"}, NOW)           # the newest name of a topic
    assert store.topic_names([9, 12, 7]) == {9: "Brug Kanaalweg dicht", 12: "Kerstmarkt Grote Markt"}
    data = gather(store, start, end, wall_name="Lindeveld", created=NOW, labels={12: "Kerstmarkt op de markt"})
    names = {t.id: t.label for t in data.topics}
    assert names[9] == "Brug Kanaalweg dicht"           # ended: the name the wall's stories pass stored
    assert names[12] == "Kerstmarkt op de markt"        # live: the title the wall shows
    assert names[7] not in {"Brug Kanaalweg dicht", "Kerstmarkt Grote Markt"}   # none stored: its own


def test_no_author_or_handle_reaches_the_briefing(store: Store) -> None:
    start, end = period(NOW, timedelta(hours=24))
    data = gather(store, start, end, wall_name="Lindeveld", created=NOW)
    texts = " ".join(p.text for t in data.topics for p in t.posts) + " ".join(t.label for t in data.topics)
    texts += " ".join(w.term for t in data.topics for w in t.terms)
    assert "@…" in texts  # the post that thanks two people was chosen, without them
    for person in ("jan_peeters", "Jan Peeters", "els@mastodon", "mastodon.social"):
        assert person.lower() not in texts.lower()


def test_alerts_of_the_period_with_who_saw_them(store: Store) -> None:
    start, end = period(NOW, timedelta(hours=24))
    data = gather(store, start, end, wall_name="Lindeveld", created=NOW)
    assert [a.id for a in data.alerts] == ["a1"]
    assert data.alerts[0].acknowledged_by == "wall"
    assert data.alerts[0].acknowledged_at == NOW - timedelta(hours=1, minutes=50)
    longer = gather(store, NOW - timedelta(days=7), NOW, wall_name="Lindeveld", created=NOW)
    assert [a.id for a in longer.alerts] == ["a1", "old"]  # most severe first


def test_sources_keep_their_last_health(store: Store) -> None:
    start, end = period(NOW, timedelta(hours=24))
    data = gather(store, start, end, wall_name="Lindeveld", created=NOW, health=store.load_health())
    assert [(s.title, s.ok, s.last_error) for s in data.sources] == [
        ("RSS", True, None), ("X", False, "the server answered 401")]


def test_an_empty_period_has_nothing_but_says_so(store: Store) -> None:
    later = NOW + timedelta(days=3)
    data = gather(store, later - timedelta(hours=24), later, wall_name="Lindeveld", created=later)
    assert data.topics == () and data.alerts[0].id == "a1"  # the alert is still going on
    assert data.mentions == 0 and sum(data.volume.values) == 0 and data.platforms == ()


def test_the_store_is_only_read(store: Store, tmp_path: Path) -> None:
    store.close()
    path = tmp_path / "newsroom.sqlite3"
    before = path.read_bytes()
    ro = open_read_only(path)
    try:
        data = gather(ro, *period(NOW, timedelta(hours=24)), wall_name="L", created=NOW)
        assert data.mentions == 62
        with pytest.raises(Exception, match="readonly"):
            ro.set_meta("x", "y")
    finally:
        ro.close()
    assert path.read_bytes() == before
    empty = open_read_only(tmp_path / "none.sqlite3")  # no store yet: an empty briefing
    assert empty.mention_count() == 0 and not (tmp_path / "none.sqlite3").exists()
    (tmp_path / "broken.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(CommandFailed, match="cannot be read"):
        open_read_only(tmp_path / "broken.sqlite3")


@pytest.mark.parametrize(("text", "expected"), [
    ("Dank @jan_peeters voor de hulp.", "Dank @… voor de hulp."),
    ("zie @els@mastodon.social en @lien.bsky.social!", "zie @… en @…!"),
    ("mail info@lindeveld.be", "mail info@lindeveld.be"),
    ("u/kanaalweg zegt", "@… zegt"),
    ("https://x.com/janp/status/1 kijk", "@… kijk"),
    ("https://mastodon.social/@jan/1234 ok", "@… ok"),
    ("de site https://lindeveld.be/nieuws", "de site https://lindeveld.be/nieuws"),
])
def test_handles_are_masked(text: str, expected: str) -> None:
    assert redact_handles(text) == expected


def test_a_long_post_is_cut_at_a_word() -> None:
    m = Mention("a", "rss", "woord " * 100, NOW, title="")
    out = printable(m, 50)
    assert out.endswith(" …") and len(out) <= 52 and "woor …" not in out


def test_a_quoted_post_has_its_swear_words_masked() -> None:
    m = Mention("a", "mastodon", "Kut @jan, de klotebus is weer te laat", NOW, title="")
    assert printable(m) == "K** @…, de k******* is weer te laat"


def test_the_morning_mail_is_due_once_a_day_from_its_time() -> None:
    at = parse_clock("07:30")
    assert at == time(7, 30) and parse_clock("7u05") == time(7, 5)
    with pytest.raises(ValueError, match="07:30"):
        parse_clock("half acht")
    day = date(2026, 3, 10)
    assert not is_due(datetime(2026, 3, 10, 7, 29), at, None)
    assert is_due(datetime(2026, 3, 10, 7, 30), at, None)
    assert is_due(datetime(2026, 3, 10, 15, 0), at, date(2026, 3, 9))  # the wall started late
    assert not is_due(datetime(2026, 3, 10, 15, 0), at, day)


def test_since_is_checked() -> None:
    assert parse_since("24h") == timedelta(hours=24) and parse_since("90m") == timedelta(minutes=90)
    assert parse_since("3d") == timedelta(days=3)
    for bad in ("24", "yesterday", "10m", "40d"):
        with pytest.raises(UsageError):
            parse_since(bad)
