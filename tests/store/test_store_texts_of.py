"""``Store.texts_of``: what the wall shows of the posts replies answer, read in one statement on both
engines: the shown text (a title first), ids not stored left out, capped, never an author."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsroom.domain import Mention
from newsroom.store import Store

T0 = datetime(2026, 1, 6, 13, 0, tzinfo=UTC)


def post(i: int, text: str, *, title: str = "", author: str = "@jan") -> Mention:
    return Mention(id=f"m:{i}", source="mastodon", text=text, title=title, author=author,
                   published=T0 + timedelta(minutes=i), url=f"https://m.be/{i}", canonical_url=f"https://m.be/{i}")


def test_texts_by_id_with_a_title_first_and_missing_ids_left_out(any_store: Store) -> None:
    any_store.add_mentions([post(1, "Brandweer komt pas morgen"), post(2, "lange tekst", title="Brug dicht"),
                            post(3, "Schandalig!")])
    got = any_store.texts_of(["m:2", "m:1", "m:404", "m:1"])
    assert got == {"m:1": "Brandweer komt pas morgen", "m:2": "Brug dicht"}
    assert "@jan" not in " ".join(got.values())
    assert any_store.texts_of([]) == {}


def test_the_lookup_is_capped_at_the_first_ids_given(any_store: Store) -> None:
    any_store.add_mentions([post(i, f"bericht {i}") for i in range(6)])
    assert any_store.texts_of([f"m:{i}" for i in (5, 4, 3, 2)], limit=2) == {"m:5": "bericht 5",
                                                                           "m:4": "bericht 4"}
