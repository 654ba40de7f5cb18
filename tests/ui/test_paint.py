"""The wall's last rough edges and its paint: the setup sentence said once, cloud words that say
something, a resize that lays the clouds out in slices while the old picture holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractAnimation, QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsroom.domain import SourceHealth, TermWeight, WallSnapshot
from newsroom.ui.wall import WallWindow
from newsroom.ui.widgets.cloud import GLIDE_FRAMES
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


def test_a_resize_lays_the_clouds_out_in_slices_while_the_old_picture_holds_scaled(
        qtbot: QtBot, make_snapshot: Make) -> None:
    app = QApplication.instance()
    assert app is not None
    w: WallWindow = shown_wall(qtbot, size=(1280, 720))
    w.apply_snapshot(make_snapshot(alert=False))  # the overview (a severe alert opens the crisis view)
    qtbot.waitUntil(lambda: not w.later_pictures.pending())
    clouds = [t.cloud for t in w.tiles if t.isVisible()]
    qtbot.waitUntil(lambda: all(c.shown_layout is not None for c in clouds))  # on the screen
    sparks = [t.spark for t in w.tiles if t.isVisible()]
    renders = sum(s.renders for s in sparks)
    assert all(c.layout_result is not None and c.layout_result.width == c.width() for c in clouds)
    w.later_pictures.slices.budget_ms = 0.0  # one part per turn, whatever this machine's speed
    done = w.later_pictures.done
    w.resize(1920, 1080)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the new sizes, no more
    # the resize turn laid nothing out: every cloud keeps its old layout, waiting for a slice
    assert w.later_pictures.pending() and all(c.stale for c in clouds)
    old = clouds[0].layout_result
    assert old is not None and old.width < clouds[0].width()
    # painted meanwhile: the old words at their places scaled to the new size, no layout made for it
    image = clouds[0].grab().toImage()
    assert clouds[0].stale and clouds[0].layout_result is old
    assert any(image.pixelColor(x, y).alpha() and image.pixelColor(x, y).lightness() > 100
               for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)), "words are drawn"
    assert sum(s.renders for s in sparks) == renders, "no sparkline drawn in the resize turn"
    turns = 0
    while w.later_pictures.pending():
        app.processEvents()
        turns += 1
    assert turns > 1, "more than one turn"
    assert w.later_pictures.done - done >= len(clouds) + len(sparks)
    for cloud in clouds:
        layout = cloud.layout_result
        assert not cloud.stale and layout is not None and (layout.width, layout.height) == (
            cloud.width(), cloud.height())
    assert sum(s.renders for s in sparks) == renders + len(sparks), "each sparkline drawn once at its new size"
    w.stop()


def test_a_short_notice_leaves_the_room_to_the_reasons_of_failing_sources(qtbot: QtBot, make_snapshot: Make) -> None:
    w: WallWindow = shown_wall(qtbot, frozen_clock=True)
    snap = make_snapshot(alert=False)
    failing = tuple(SourceHealth(k, k.upper(), last_error="401 Unauthorized", consecutive_failures=3)
                    for k in ("x", "youtube", "bing"))
    ok = tuple(SourceHealth(k, k.upper(), last_success=snap.created) for k in ("rss", "gnews", "mastodon"))
    w.apply_snapshot(replace(snap, demo=True, health=ok + failing))
    bar = w.topbar
    qtbot.waitUntil(lambda: "· X" in bar.health.shown_text(), timeout=3000)  # once laid out
    assert bar.notice.text() == "DEMO · fictieve gegevens"
    assert bar.notice.width() <= bar.notice.full_width(), "the badge takes no more than its text"
    shown = bar.health.shown_text()
    assert shown.startswith("✕ 3 van 6 bronnen werken · X"), shown
    assert bar.width() <= w.width()
    w.stop()


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_a_cloud_glides_to_its_new_layout_in_a_few_frames(qtbot: QtBot, make_snapshot: Make) -> None:
    w: WallWindow = shown_wall(qtbot)
    snap = make_snapshot(alert=False)
    w.apply_snapshot(snap)
    cloud = w.tiles[0].cloud
    qtbot.waitUntil(lambda: cloud.shown_layout is not None)
    first = snap.topics[0]
    heavier = tuple(replace(t, weight=t.weight * (3 if k % 2 else 1)) for k, t in enumerate(first.terms))
    paints = _Paints()
    cloud.installEventFilter(paints)
    w.apply_snapshot(replace(snap, topics=(replace(first, terms=heavier), *snap.topics[1:])))
    assert cloud._anim.state() == QAbstractAnimation.State.Running, "the same topic's words glide"
    qtbot.waitUntil(lambda: cloud._anim.state() == QAbstractAnimation.State.Stopped, timeout=3000)
    qtbot.waitUntil(lambda: cloud.shown_layout is cloud.layout_result)
    cloud.removeEventFilter(paints)
    assert 2 <= paints.count <= GLIDE_FRAMES + 2, paints.count
    w.stop()
