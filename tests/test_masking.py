"""What a wall shows of a snapshot (``newsroom.masking``): swear words in posts masked, privacy first,
the snapshot itself when there is nothing to change."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from newsroom.domain import CrisisDetail, Mention, Series, WallSnapshot
from newsroom.masking import mask_snapshot, wall_view

NOW = datetime(2026, 11, 17, 8, 0, tzinfo=UTC)


def post(i: int, text: str) -> Mention:
    return Mention(id=f"m{i}", source="mastodon", text=text, published=NOW, author=f"@jan{i}",
                   url=f"https://example.invalid/{i}")


def snapshot(*texts: str) -> WallSnapshot:
    return WallSnapshot(created=NOW, wall_name="Lindeveld", latest=tuple(post(i, t) for i, t in enumerate(texts)),
                        reply_parents=(("m1", "Wat een klotebus is dat"),))


def test_the_posts_lose_their_swear_words_and_keep_the_rest() -> None:
    s = mask_snapshot(snapshot("Kut, weer geen bus 47 @jan", "Fucking hell, the bridge is closed", "Mooi weer"))
    assert [m.text for m in s.latest] == ["K**, weer geen bus 47 @jan", "F****** hell, the bridge is closed",
                                          "Mooi weer"]
    assert s.reply_parents == (("m1", "Wat een k******* is dat"),)
    assert s.latest[0].author == "@jan0"                 # masking is not privacy


def test_the_crisis_views_negative_mentions_too() -> None:
    series = Series(NOW, 300, (1.0, 2.0))
    crisis = CrisisDetail(topic_id=1, title="Brug dicht", started=NOW, volume=series, negative=series,
                          baseline_low=(0.0, 0.0), baseline_high=(1.0, 1.0), size=3, share_negative=0.5,
                          per_hour=6.0, negative_mentions=(post(5, "Tering, brug dicht"),))
    s = mask_snapshot(replace(snapshot(), crises=(crisis,)))
    assert s.crises[0].negative_mentions[0].text == "T*****, brug dicht"


def test_nothing_to_mask_gives_the_same_snapshot() -> None:
    s = snapshot("Mooi weer", "Kom op tegen Kanker: loop mee zondag")
    s = replace(s, reply_parents=())
    assert mask_snapshot(s) is s
    assert wall_view(s, privacy=False, mask_swearing=True) is s


def test_the_wall_view_applies_privacy_and_masking_as_set() -> None:
    s = snapshot("Kut @jan, weer geen bus")
    assert wall_view(s, privacy=False, mask_swearing=False) is s
    both = wall_view(s, privacy=True, mask_swearing=True)
    assert both.latest[0].text == "K** @…, weer geen bus" and both.latest[0].author == ""
    assert wall_view(s, privacy=True, mask_swearing=False).latest[0].text == "Kut @…, weer geen bus"
