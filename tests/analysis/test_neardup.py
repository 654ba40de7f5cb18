"""Near-duplicate stories count once; residents saying the same thing stay separate voices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsroom.analysis.neardup import NearDupIndex, word_set
from newsroom.domain import Mention

T0 = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)


def article(i: int, title: str, outlet: str, minutes: int = 0) -> Mention:
    return Mention(id=f"a:{i}", source="gnews", title=title, text=title, author=outlet,
                   published=T0 + timedelta(minutes=minutes))


def post(i: int, text: str, author: str) -> Mention:
    return Mention(id=f"p:{i}", source="mastodon", text=text, author=author, published=T0)


def test_syndicated_headline_points_to_the_first_copy() -> None:
    index = NearDupIndex()
    assert index.check(article(1, "Brug Kanaalweg in Lindeveld blijft dicht tot eind maart", "Belga")) is None
    assert index.check(article(2, "Brug Kanaalweg in Lindeveld blijft dicht tot eind maart", "HLN", 5)) == "a:1"
    assert index.check(article(3, "Brug Kanaalweg in Lindeveld blijft nog dicht tot eind maart", "GVA", 9)) == "a:1"
    assert index.check(article(4, "Zwembad De Meersen in Lindeveld opnieuw dicht door lek", "HLN")) is None


def test_different_residents_with_the_same_words_stay_separate() -> None:
    index = NearDupIndex()
    text = "Al drie uur geen stroom in Lindeveld-Noord, waar blijft de gemeente?"
    assert index.check(post(1, text, "@els")) is None
    assert index.check(post(2, text, "@koen")) is None
    assert index.check(post(3, text, "@els")) == "p:1"


def test_old_copies_are_forgotten() -> None:
    index = NearDupIndex(window=timedelta(hours=1))
    index.check(article(1, "Stroompanne in Lindeveld na storm, Fluvius zoekt oorzaak", "VRT"))
    assert index.check(article(2, "Stroompanne in Lindeveld na storm, Fluvius zoekt oorzaak", "HLN", 120)) is None


def test_word_sets_ignore_case_accents_and_urls() -> None:
    assert word_set("Café in LIÈGE https://x.be/a") == word_set("cafe in liege")
