"""Privacy mode: handles masked in text, no author names, news publishers and websites kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsroom.domain import (
    AlertScope,
    AlertState,
    CrisisDetail,
    Mention,
    SearchPage,
    Series,
    SpikeAlert,
    SubStory,
    TermWeight,
    Topic,
    WallSnapshot,
)
from newsroom.privacy import public_origin, redact_handles, redact_mention, redact_snapshot, redact_topic

NOW = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("@jan kijk eens", "@… kijk eens"),
    ("Dank @jan_peeters.", "Dank @…."),
    ("via @els@mastodon.social: storm", "via @…: storm"),
    ("cc @lindeveld.bsky.social en @an-sofie!", "cc @… en @…!"),
    ("(@Brandweer_Zone1) ter plaatse", "(@…) ter plaatse"),
    ("mail info@lindeveld.be of bel 0800 12 345", "mail info@lindeveld.be of bel 0800 12 345"),
    ("afspraak @ 14u aan het station", "afspraak @ 14u aan het station"),
    ("zegt u/janneke_99 op reddit", "zegt @… op reddit"),
    ("geen handles hier", "geen handles hier"),
    ("zie https://x.com/janpeeters/status/1 en https://mastodon.social/@els", "zie @… en @…"),
    ("https://bsky.app/profile/an.bsky.social zegt het", "@… zegt het"),
    ("info op https://www.lindeveld.be/storm", "info op https://www.lindeveld.be/storm"),
])
def test_handles_are_masked_and_nothing_else(text: str, expected: str) -> None:
    assert redact_handles(text) == expected
    assert redact_handles(expected) == expected, "redacting twice changes nothing more"


def mention(source: str, author: str, text: str = "Storm @jan", url: str = "") -> Mention:
    return Mention(id=f"{source}:1", source=source, text=text, published=NOW, author=author, url=url,
                   title="")


def test_the_origin_never_names_a_person() -> None:
    assert public_origin(mention("mastodon", "@els@mastodon.social")) == "Mastodon"
    assert public_origin(mention("bluesky", "@jan.bsky.social")) == "Bluesky"
    assert public_origin(mention("youtube", "@vlogger")) == "YouTube"
    assert public_origin(mention("gnews", "VRT NWS")) == "VRT NWS"
    # an RSS author may be the journalist: the article's website instead
    assert public_origin(mention("rss", "Jan Peeters", url="https://www.streekblad.be/a/1")) == "streekblad.be"
    assert public_origin(mention("rss", "Jan Peeters")) == "RSS"


def test_a_redacted_mention_keeps_no_author_and_no_handle() -> None:
    m = redact_mention(mention("mastodon", "@els", "Dank @jan en @an voor de hulp"))
    assert m.author == "" and m.text == "Dank @… en @… voor de hulp"
    n = redact_mention(mention("gnews", "Het Nieuwsblad", "Brug dicht"))
    assert n.author == "Het Nieuwsblad" and n.text == "Brug dicht"
    assert redact_mention(n) is n


def test_a_snapshot_loses_every_handle() -> None:
    start = NOW
    series = Series(start, 600, (1.0,))
    topic = Topic(id=1, label="Storm @jan", terms=(TermWeight("@jan", 5.0), TermWeight("storm", 4.0)),
                  volume=series, negative=series, size=3, share_negative=0.5, first_seen=NOW, last_seen=NOW)
    alert = SpikeAlert(id="a", scope=AlertScope.TOPIC, key="1", title="Storm @jan", state=AlertState.RAISED,
                       severity=3, started=NOW, updated=NOW, window_min=30, observed=9, expected=1.0,
                       spread=1.0, score=0.9, top_terms=("@jan", "storm"))
    snap = WallSnapshot(created=NOW, wall_name="Lindeveld", topics=(topic,), alerts=(alert,),
                        latest=(mention("bluesky", "@jan.bsky.social", "hoi @piet"),))
    red = redact_snapshot(snap)
    assert red.topics[0].label == "Storm @…" and [t.term for t in red.topics[0].terms] == ["storm"]
    assert red.alerts[0].title == "Storm @…" and red.alerts[0].top_terms == ("storm",)
    assert red.latest[0].author == "" and red.latest[0].text == "hoi @…"
    assert redact_snapshot(red) == red
    assert redact_topic(red.topics[0]) is red.topics[0]


def test_the_crisis_view_and_the_rotation_pages_lose_every_handle_too() -> None:
    """The crisis view's newest negative mentions named their authors (seen on the demo's screenshot)."""
    series = Series(NOW, 300, (1.0, 2.0))
    topic = Topic(id=1, label="Storm @jan", terms=(TermWeight("storm", 4.0),), volume=series, negative=series,
                  size=3, share_negative=0.5, first_seen=NOW, last_seen=NOW)
    alert = SpikeAlert(id="a", scope=AlertScope.TOPIC, key="1", title="Storm @jan", state=AlertState.RAISED,
                       severity=3, started=NOW, updated=NOW, window_min=30, observed=9, expected=1.0,
                       spread=1.0, score=0.9, top_terms=("@jan", "storm"))
    crisis = CrisisDetail(topic_id=1, title="Storm @jan", started=NOW, volume=series, negative=series,
                          baseline_low=(0.0, 0.0), baseline_high=(1.0, 1.0), size=3, share_negative=0.5,
                          per_hour=6.0, alert=alert, substories=(SubStory(2, "Dak @piet", 4, 1.0, 0.5),),
                          phrases=(TermWeight("@jan", 3.0), TermWeight("storm", 2.0)),
                          negative_mentions=(mention("mastodon", "@yusuf", "Dak weg, @piet help"),))
    snap = WallSnapshot(created=NOW, wall_name="Lindeveld", crises=(crisis,),
                        search_pages=(SearchPage("storm", (topic,)),))
    red = redact_snapshot(snap).crises[0]
    assert red.title == "Storm @…" and red.alert is not None and red.alert.title == "Storm @…"
    assert [s.label for s in red.substories] == ["Dak @…"] and [t.term for t in red.phrases] == ["storm"]
    assert red.negative_mentions[0].author == "" and red.negative_mentions[0].text == "Dak weg, @… help"
    assert redact_snapshot(snap).search_pages[0].topics[0].label == "Storm @…"


def test_what_a_reply_answers_loses_its_handles_too() -> None:
    series = Series(NOW, 300, (1.0,))
    crisis = CrisisDetail(topic_id=1, title="Storm", started=NOW, volume=series, negative=series,
                          baseline_low=(0.0,), baseline_high=(1.0,), size=2, share_negative=0.5, per_hour=2.0,
                          negative_mentions=(mention("mastodon", "@yusuf", "Schandalig!"),),
                          reply_parents=(("r:1", "@jan@social.be zegt: brandweer komt pas morgen"),))
    snap = WallSnapshot(created=NOW, wall_name="Lindeveld", crises=(crisis,),
                        reply_parents=(("r:2", "Vraag het aan @piet.bsky.social."),))
    red = redact_snapshot(snap)
    assert red.reply_parents == (("r:2", "Vraag het aan @…."),)
    assert red.crises[0].reply_parents == (("r:1", "@… zegt: brandweer komt pas morgen"),)
    assert redact_snapshot(red) == red
