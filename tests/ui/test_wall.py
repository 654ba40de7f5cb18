"""The wall renders snapshots: tiles, sparklines, clouds, ticker, banner, plain text only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from newsroom.domain import WallSnapshot
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow
from newsroom.ui.widgets.sparkline import Sparkline
from newsroom.ui.widgets.tile import TopicTile
from tests.ui.conftest import shown_wall

Make = Callable[..., WallSnapshot]


def wall(qtbot: QtBot, lang: str = "nl") -> WallWindow:
    return shown_wall(qtbot, lang=lang)


def test_renders_tiles_sparklines_and_ticker(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot())
    tiles = [t for t in w.findChildren(TopicTile) if t.isVisible()]
    assert len(tiles) == 6
    sparks = w.findChildren(Sparkline)
    assert len(sparks) == 6 and all(s.points == 144 for s in sparks)
    assert all(t.cloud.layout_result is not None and t.cloud.layout_result.words for t in tiles)
    assert len(w.ticker.visible_items()) >= 3
    assert w.banner.isVisible()
    assert "NEGATIEVE PIEK" in w.banner.headline.text()
    assert "48 negatieve berichten in 30 min" in w.banner.detail.text()
    assert "op dinsdagnamiddag" in w.banner.detail.text()
    w.stop()


def test_tiles_are_reused_and_labels_not_cut(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot())
    first = list(w.findChildren(TopicTile))
    w.apply_snapshot(make_snapshot(topics=4, alert=False))
    assert list(w.findChildren(TopicTile)) == first
    assert sum(t.isVisible() for t in first) == 4
    assert not w.banner.isVisible()
    long_label = first[0]
    assert "Lindeveld-Noord" in long_label.title.text()
    # the layout settles after the badge of the first snapshot went away
    qtbot.waitUntil(long_label.title_fits, timeout=3000)
    w.stop()


def test_remote_text_is_shown_literally(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    evil = "<b>vet</b> <script>alert(1)</script> <img src='http://x/y.png'>"
    w.apply_snapshot(make_snapshot(texts=[evil]))
    item = w.ticker.items[0]
    assert item.body.text() == evil
    assert item.meta.textFormat() == Qt.TextFormat.PlainText
    w.stop()


def test_english_interface(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot, "en")
    w.apply_snapshot(make_snapshot())
    assert "NEGATIVE SPIKE" in w.banner.headline.text()
    assert "on a Tuesday afternoon" in w.banner.detail.text()
    assert w.ticker.header.text() == "Newest mentions"
    make_app("nl")
    w.stop()


def test_space_acknowledges_the_alert(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    w.apply_snapshot(make_snapshot())
    with qtbot.waitSignal(w.acknowledge_requested) as sig:
        qtbot.keyClick(w, Qt.Key.Key_Space)
    assert sig.args == ["alert:1"]
    assert not w.banner.isVisible()  # acknowledged: it leaves the banner
    from dataclasses import replace

    snap = make_snapshot()  # the store has not confirmed alert:1 yet: it stays off the banner
    w.apply_snapshot(snap)
    assert not w.banner.isVisible()
    w.apply_snapshot(replace(snap, alerts=(replace(snap.alerts[0], id="alert:2"),)))
    with qtbot.waitSignal(w.acknowledge_requested) as clicked:
        qtbot.mouseClick(w.banner, Qt.MouseButton.LeftButton)
    assert clicked.args == ["alert:2"]
    w.stop()


def test_an_overlong_label_is_elided_not_overflowing(qtbot: QtBot, make_snapshot: Make) -> None:
    w = wall(qtbot)
    snap = make_snapshot()
    from dataclasses import replace

    long = "Stormschade " * 20
    w.apply_snapshot(replace(snap, topics=(replace(snap.topics[0], label=long), *snap.topics[1:])))
    tile = w.tiles[0]
    qtbot.waitUntil(lambda: tile.title.width() > 100)
    lines = tile.title.visible_lines()
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert tile.title.font_used().pixelSize() >= round(w.scale.base)
    w.stop()


def test_a_noisy_normal_is_shown_as_an_upper_bound(qtbot: QtBot, make_snapshot: Make) -> None:
    from dataclasses import replace

    w = wall(qtbot)
    snap = make_snapshot()
    w.apply_snapshot(replace(snap, alerts=(replace(snap.alerts[0], expected=2.0, spread=9.0),)))
    assert "normaal hooguit 11 op dinsdagnamiddag" in w.banner.detail.text()
    w.stop()


def test_an_empty_wall_says_why(qtbot: QtBot, make_snapshot: Make) -> None:
    from dataclasses import replace

    w = wall(qtbot)
    w.apply_snapshot(replace(make_snapshot(), topics=()))
    assert w.empty.isVisible() and "Nog geen onderwerpen" in w.empty.text()
    assert not any(t.isVisible() for t in w.tiles)
    w.apply_snapshot(make_snapshot())
    assert not w.empty.isVisible()
    w.stop()
