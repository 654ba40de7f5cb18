"""The word cloud's shaped words are a bounded cache: a week of new words (the soak) does not fill it,
the least recently drawn go first and the words on screen stay."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from newsroom.domain import TermWeight
from newsroom.ui.app import make_app
from newsroom.ui.widgets.cloud import BIG_PX, STATIC_KEPT, WordCloud, drawn_px


def terms(first: int) -> list[TermWeight]:
    """Forty new words (a new story's cloud), sentiment mixed."""
    return [TermWeight(f"woord{first + i}", float(40 - i), (-0.5, 0.0, 0.5)[i % 3]) for i in range(40)]


def on_screen(cloud: WordCloud) -> set[tuple[str, int, bool]]:
    layout = cloud.layout_result
    assert layout is not None
    return {(p.text, drawn_px(p.font_px), p.sentiment < 0) for p in layout.words
            if drawn_px(p.font_px) <= BIG_PX}


def test_the_shaped_words_are_bounded_and_the_words_on_screen_stay(qtbot: QtBot) -> None:
    make_app("nl")
    cloud = WordCloud()
    qtbot.addWidget(cloud)
    cloud.resize(900, 500)
    cloud.show()
    qtbot.waitExposed(cloud)
    previous: set[tuple[str, int, bool]] = set()
    for story in range(12):
        cloud.set_terms(terms(story * 40), animate=False)
        cloud.grab()  # painted: its words shaped
        shown = on_screen(cloud)
        assert len(shown) > 10
        assert len(cloud._statics) <= STATIC_KEPT
        assert shown <= set(cloud._statics), "every word on screen is kept"
        if story:
            assert previous & set(cloud._statics), "the last story's words go last, not all at once"
        previous = shown
    kept = {key: cloud._statics[key] for key in shown}
    cloud.grab()
    assert all(cloud._statics[key] is kept[key] for key in shown), "painted again without shaping again"
