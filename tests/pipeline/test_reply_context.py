"""What a reply on the wall answers, built with the snapshot from a real store: the parent's text cut
short at a word, for a reply only, never for a parent the store does not have."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    Series,
    SpikeAlert,
    Topic,
)
from newsroom.pipeline.crisis import crisis_detail
from newsroom.pipeline.reply_context import EXCERPT_CHARS, excerpt
from newsroom.pipeline.snapshot import SnapshotBuilder
from newsroom.store import Store

NOW = datetime(2026, 1, 6, 14, 2, tzinfo=UTC)
LONG = ("Brandweer komt pas morgen, zeggen ze aan de telefoon, en intussen ligt het dak van de buren "
        "nog altijd in onze tuin")


def post(i: int, text: str, reply_to: str | None = None, *, topic: int = 1) -> Mention:
    return Mention(id=f"m:{i}", source="bluesky", text=text, published=NOW - timedelta(minutes=30 - i),
                   author="@els", topic=topic, reply_to=reply_to,
                   sentiment=Sentiment(Polarity.NEGATIVE, -0.7))


def stored(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "s.sqlite3")
    store.add_mentions([post(1, LONG), post(2, "Schandalig!", reply_to="m:1"),
                        post(3, "Bij ons ook", reply_to="m:gone"), post(4, "Geen stroom in de Noordwijk"),
                        post(5, "Hoe lang nog?", reply_to="m:4")])
    return store


def test_an_excerpt_is_cut_at_a_word() -> None:
    cut = excerpt(LONG)
    assert len(cut) <= EXCERPT_CHARS + 1 and cut.endswith("…")
    assert LONG.startswith(cut[:-1]) and LONG[len(cut) - 1] == " "  # the cut falls between words
    assert excerpt("Kort\nbericht") == "Kort bericht"


def test_the_crisis_view_carries_what_its_replies_answer(tmp_path: Path) -> None:
    store = stored(tmp_path)
    empty = Series(NOW - timedelta(hours=24), 600, tuple(0.0 for _ in range(144)))
    topic = Topic(id=1, label="Stormschade", terms=(), volume=empty, negative=empty, size=5,
                  share_negative=1.0, first_seen=NOW - timedelta(hours=1), last_seen=NOW, per_hour=5.0)
    alert = SpikeAlert(id="a:1", scope=AlertScope.TOPIC, key="1", title="Stormschade",
                       state=AlertState.ONGOING, severity=4, started=NOW - timedelta(minutes=30), updated=NOW,
                       window_min=30, observed=5, expected=1.0, spread=1.0, score=0.99)
    detail = crisis_detail(store, topic, alert, NOW)
    assert [m.id for m in detail.negative_mentions] == ["m:5", "m:4", "m:3", "m:2", "m:1"]
    parents = dict(detail.reply_parents)
    # a reply whose parent is stored: its excerpt; a reply to a post not stored and a post that
    # answers no one: nothing
    assert parents == {"m:5": "Geen stroom in de Noordwijk", "m:2": excerpt(LONG)}
    assert all("@els" not in text for text in parents.values())


def test_the_wall_snapshot_carries_what_the_newest_replies_answer(tmp_path: Path) -> None:
    store = stored(tmp_path)
    snap = SnapshotBuilder(store).build(NOW, "Lindeveld", [], [])
    assert [m.id for m in snap.latest][:2] == ["m:5", "m:4"]
    assert snap.reply_parents == (("m:5", "Geen stroom in de Noordwijk"), ("m:2", excerpt(LONG)))
