"""More than six tiles (twelve under a banner at 1080p): the compact variant, one title size for all,
no overlap, and a cloud of at least two words in every tile (it showed one word, or none)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pytestqt.qtbot import QtBot

from newsroom.domain import WallSnapshot
from tests.ui.conftest import LABELS, shown_wall, topic
from tests.ui.test_polish import check_no_overlap


def test_twelve_tiles_are_compact_and_each_cloud_shows_words(qtbot: QtBot,
                                                             make_snapshot: Callable[..., WallSnapshot]) -> None:
    labels = [*LABELS, "Wegenwerken in de Stationsstraat", "Meeuwen en PMD-zakken", "Lawaai",
              "Nieuwe parkeerzone Kerkstraat"]
    snap = replace(make_snapshot(), topics=tuple(topic(i, labels[i]) for i in range(12)))
    w = shown_wall(qtbot, tiles=12)
    w.apply_snapshot(snap)
    qtbot.wait(20)
    assert w.banner.isVisible()
    check_no_overlap(w)
    assert all(t.compact for t in w.tiles)
    sizes = {t.title.font_used().pixelSize() for t in w.tiles}
    assert sizes == {round(w.scale.base)}  # one size for every title, the smallest readable one
    for t in w.tiles:
        layout = t.cloud.layout_result
        assert layout is not None and len(layout.words) >= 2, t.title.text()
        assert not t.axis.isVisible()
    w.apply_display(diagonal_in=55.0, distance_m=5.0, tiles=6)  # six again: the full tiles
    assert not any(t.compact for t in w.tiles)
    w.stop()
