"""The wall's last rough edges and its paint: the setup sentence said once, cloud words that say
something, a resize that lays the clouds out in slices while the old picture holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pytestqt.qtbot import QtBot

from newsroom.domain import TermWeight, WallSnapshot
from newsroom.ui.wall import WallWindow
from tests.ui.conftest import shown_wall

Make = Callable[..., WallSnapshot]

SENTENCE = "Nog geen zoekopdrachten — druk op Ctrl+, om de wall in te stellen"


def test_an_unconfigured_demo_says_its_setup_sentence_once(qtbot: QtBot, make_snapshot: Make) -> None:
    w: WallWindow = shown_wall(qtbot)
    w.apply_snapshot(replace(make_snapshot(), demo=True, notices=(("no_config", ""),)))
    assert w.setup_hint.isVisible() and w.setup_hint.text() == SENTENCE
    assert "zoekopdrachten" not in w.topbar.notice.text(), "not a second time in the top bar"
    assert w.topbar.notice.text() == "DEMO · fictieve gegevens", "the top bar says the demo is shown"
    w.apply_snapshot(replace(make_snapshot(), demo=True, notices=(("no_config", ""), ("config_newer", "x.bak"))))
    assert "zoekopdrachten" not in w.topbar.notice.text() and "x.bak" in w.topbar.notice.text()
    w.stop()


def test_a_tile_cloud_leaves_out_elided_stop_words_and_set_phrase_words(qtbot: QtBot, make_snapshot: Make) -> None:
    w: WallWindow = shown_wall(qtbot)
    snap = make_snapshot()
    first = snap.topics[0]
    terms = (TermWeight("n'est", 30.0, -0.5), TermWeight("hand", 29.0, -0.5), TermWeight("déchets", 28.0, -0.5),
             *first.terms)
    w.apply_snapshot(replace(snap, topics=(replace(first, terms=terms), *snap.topics[1:])))
    layout = w.tiles[0].cloud.layout_result
    assert layout is not None
    words = {p.text for p in layout.words}
    assert "déchets" in words, "the biggest word that says something comes first"
    assert "n'est" not in words and "hand" not in words
    w.stop()
