"""Language of short noisy posts, with the search's languages as a prior."""

from __future__ import annotations

import pytest

from newsroom.analysis.language import detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("Halve wijk zonder stroom in Lindeveld-Noord en nog altijd bomen over de Kanaalweg", "nl"),
    ("Trees down everywhere after the storm, roads are blocked", "en"),
    ("Toujours pas d'électricité dans le quartier nord, c'est scandaleux", "fr"),
    ("Der Bürgermeister ist heute nicht im Rathaus", "de"),
    ("Amai wat een zever https://t.co/abc #lindeveld @stad", "nl"),
])
def test_detects_the_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_prior_decides_short_ambiguous_posts() -> None:
    assert detect_language("Brug dicht 😡", ("nl",)) == "nl"
    assert detect_language("ok", ("fr",)) == "fr"
    assert detect_language("ok") == "other"


def test_prior_does_not_override_clear_evidence() -> None:
    assert detect_language("Thank you so much for the quick repair of our street", ("nl",)) == "en"
