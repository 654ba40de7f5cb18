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


def test_the_index_holds_at_most_max_items_and_the_newest_still_match() -> None:
    index = NearDupIndex(max_items=50)
    for i in range(400):  # more than the bound, posts by ten residents about ever new streets
        m = Mention(id=f"p:{i}", source="x", text=f"Put in straat{i} bij huis{i} al weken gevaarlijk",
                    author=f"@r{i % 10}", published=T0 + timedelta(seconds=i))
        assert index.check(m) is None
        assert len(index) <= 50
    again = Mention(id="p:again", source="x", text="Put in straat399 bij huis399 al weken gevaarlijk",
                    author="@r9", published=T0 + timedelta(seconds=400))
    assert index.check(again) == "p:399"
    first = Mention(id="p:first", source="x", text="Put in straat0 bij huis0 al weken gevaarlijk",
                    author="@r0", published=T0 + timedelta(seconds=401))
    assert index.check(first) is None  # evicted: the first copy is now this one


def test_the_index_forgets_what_left_the_window() -> None:
    index = NearDupIndex(window=timedelta(minutes=10))
    for i in range(100):  # one post a minute: at most the last ten minutes stay
        index.check(Mention(id=f"p:{i}", source="x", text=f"Lawaai aan plein{i} tot laat vannacht weer",
                            published=T0 + timedelta(minutes=i)))
        assert len(index) <= 11
