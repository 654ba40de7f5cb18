"""Showing a snapshot on the GUI thread: the same data again restyles, lays out and paints nothing; a
snapshot from the worker is prepared a tile per event-loop turn and shown whole in one turn (never
half old, half new); a snapshot that changes the wall's shape is laid out and prepared in later turns
while the old picture holds; only changed tiles are painted; the sparkline draws a series once; the
fonts are made ready in slices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractAnimation, QEvent, QObject
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from newsroom.domain import Series, WallSnapshot
from tests.ui.conftest import shown_wall

Make = Callable[..., WallSnapshot]
WATCHED = {QEvent.Type.StyleChange: "restyle", QEvent.Type.LayoutRequest: "relayout",
           QEvent.Type.Paint: "paint", QEvent.Type.FontChange: "font"}


class EventCount(QObject):
    """Counts restyles, layout requests, font changes and paints of the widgets under one window."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.seen: Counter[str] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = WATCHED.get(event.type())
        if kind and isinstance(watched, QWidget) and (watched is self.window or self.window.isAncestorOf(watched)):
            self.seen[kind] += 1
        return False


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def glides_done(qtbot: QtBot, wall: QWidget) -> None:
    """Wait until no cloud glides (a 400 ms animation that a loaded machine may still be in after a few
    event-loop passes: the window's copy and a fresh render would then be different frames), then settle."""
    qtbot.waitUntil(lambda: all(a.state() != QAbstractAnimation.State.Running
                                for a in wall.findChildren(QAbstractAnimation)))
    settle()


def other_data(snap: WallSnapshot) -> WallSnapshot:
    """Every tile's label, figures and series changed (the same topics)."""
    topics = []
    for i, t in enumerate(snap.topics):
        volume = Series(t.volume.start, t.volume.step_s, tuple(v + 1 + i for v in t.volume.values))
        topics.append(replace(t, label=f"Nieuw {i}", volume=volume, per_hour=t.per_hour + 7,
                              terms=tuple(replace(w, weight=w.weight * (1 + (k % 3) / 5)) for k, w in enumerate(t.terms))))
    return replace(snap, topics=tuple(topics))


def image(wall: QWidget) -> QImage:
    return wall.grab().toImage()


def on_screen(wall: QWidget) -> QImage:
    """What the window shows (the platform's copy of its backing store), not a fresh render."""
    return wall.screen().grabWindow(wall.winId()).toImage()


def test_the_same_snapshot_again_restyles_lays_out_and_paints_nothing(qtbot: QtBot, make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    snap = make_snapshot()
    wall.apply_snapshot(snap)
    settle()
    counter = EventCount(wall)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    try:
        wall.apply_snapshot(snap)  # in one call
        settle()
        wall.receive_snapshot(snap)  # as the worker hands it over
        qtbot.waitUntil(lambda: not wall.slices.pending())
        settle()
        assert counter.seen == Counter(), counter.seen
        wall.apply_snapshot(other_data(snap))  # the check can fail: new data does restyle/paint
        settle()
        assert counter.seen["paint"] > 0
        assert counter.seen["restyle"] == 0  # new figures and words: painted, never restyled
    finally:
        app.removeEventFilter(counter)
    wall.stop()


def test_a_sliced_snapshot_shows_the_old_picture_until_the_new_one_whole(qtbot: QtBot,
                                                                          make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    old = make_snapshot()
    wall.apply_snapshot(old)
    glides_done(qtbot, wall)
    before = on_screen(wall)
    assert before == image(wall)
    new = other_data(old)
    wall.slices.budget_ms = 0.0  # one tile per turn: as many turns as there are tiles
    wall.receive_snapshot(new)
    turns = 0
    while wall.slices.pending():
        QApplication.processEvents()
        turns += 1
        if wall.slices.pending_snapshot:  # between two slices: all old, the picture too
            assert [t.title.text() for t in wall.tiles] == [t.label for t in old.topics]
            assert on_screen(wall) == before
        elif wall.slices.pending():  # being shown (a part per slice) on the held old picture
            assert wall.held and on_screen(wall) == before
    assert turns >= len(old.topics)  # prepared over several turns, not in one
    glides_done(qtbot, wall)
    assert [t.title.text() for t in wall.tiles] == [t.label for t in new.topics]  # all new at once
    assert on_screen(wall) != before
    assert on_screen(wall) == image(wall)
    wall.stop()


def test_a_newer_snapshot_replaces_a_pending_one_and_a_direct_apply_wins(qtbot: QtBot,
                                                                         make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    first = make_snapshot()
    wall.apply_snapshot(first)
    second, third = other_data(first), make_snapshot(topics=4)
    wall.receive_snapshot(second)
    wall.receive_snapshot(third)  # a burst: only the newest is shown
    qtbot.waitUntil(lambda: not wall.slices.pending())
    assert wall.raw_snapshot is third
    wall.receive_snapshot(second)
    wall.apply_snapshot(first)  # the caller's choice, now; the pending one is dropped
    assert not wall.slices.pending()
    settle()
    assert wall.raw_snapshot is first
    wall.stop()


def test_a_sparkline_draws_a_series_once(qtbot: QtBot, make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    snap = make_snapshot()
    wall.apply_snapshot(snap)
    settle()
    spark = wall.tiles[0].spark
    drawn = spark.renders
    assert drawn >= 1
    for _ in range(3):  # repaints of the same series copy the picture
        spark.repaint()
        wall.apply_snapshot(snap)
        settle()
    assert spark.renders == drawn
    wall.apply_snapshot(other_data(snap))
    settle()
    assert spark.renders == drawn + 1
    wall.stop()


def test_the_first_topics_are_laid_out_while_the_old_picture_holds_then_painted_once(
        qtbot: QtBot, make_snapshot: Make) -> None:
    """An empty wall ("no topics yet") gets its first topics: the tiles appear, so every part gets a new
    size. The snapshot is shown in one turn, the new shape is laid out and its clouds and sparklines are
    made at their new sizes in later turns while the screen keeps the empty wall; then one paint."""
    wall = shown_wall(qtbot, frozen_clock=True)
    full = make_snapshot()
    wall.apply_snapshot(replace(full, topics=(), alerts=()))
    settle()
    assert all(tile.isHidden() for tile in wall.tiles)
    empty = on_screen(wall)
    wall.slices.budget_ms = 0.0  # a step per turn
    wall.receive_snapshot(full)
    held_turns = 0
    while wall.slices.pending():
        QApplication.processEvents()
        if wall.held:  # shown a part per slice, laid out, prepared: not painted yet
            held_turns += 1
            assert on_screen(wall) == empty
    assert held_turns >= len(full.topics), "laid out and prepared over several turns"
    settle()
    assert not wall.held
    assert on_screen(wall) == image(wall), "the paint after the hold shows the whole new picture"
    for tile in wall.tiles:
        layout = tile.cloud.layout_result
        assert not tile.cloud.stale and layout is not None
        assert (layout.width, layout.height) == (tile.cloud.width(), tile.cloud.height()), "laid out at its new size"
    wall.stop()


def test_a_snapshot_that_changes_one_tile_repaints_that_tile_only(qtbot: QtBot, make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    snap = make_snapshot()
    wall.apply_snapshot(snap)
    settle()
    painted: Counter[QWidget] = Counter()

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                painted[watched] += 1
            return False

    changed = other_data(snap).topics[2]
    app = QApplication.instance()
    assert app is not None
    paints = Paints()
    app.installEventFilter(paints)
    try:
        wall.receive_snapshot(replace(snap, topics=(*snap.topics[:2], changed, *snap.topics[3:])))
        qtbot.waitUntil(lambda: not wall.slices.pending())
        settle()
    finally:
        app.removeEventFilter(paints)
    assert painted[wall.tiles[2]] > 0 or painted[wall.tiles[2].cloud] > 0
    others = [t for i, t in enumerate(wall.tiles) if i != 2]
    assert not [w for w in painted if any(w is t or t.isAncestorOf(w) for t in others)], \
        "an unchanged tile is not painted again"
    wall.stop()


def test_the_fonts_are_made_ready_in_slices_once_the_window_shows(qtbot: QtBot) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    qtbot.waitUntil(lambda: wall.warmup.turns > 0 and not wall.warmup.pending())
    assert wall.warmup.turns > 1, "spread over turns, not one long one"
    wall.stop()


def test_a_severe_alert_opens_the_crisis_view_in_slices_while_the_overview_holds(
        qtbot: QtBot, make_snapshot: Make) -> None:
    from tests.ui.test_crisis_view import crisis_snapshot

    wall = shown_wall(qtbot, frozen_clock=True)
    wall.apply_snapshot(make_snapshot(alert=False))
    settle()
    overview = on_screen(wall)
    wall.slices.budget_ms = 0.0
    wall.receive_snapshot(crisis_snapshot(make_snapshot))
    filled_while_held = False
    while wall.slices.pending():
        QApplication.processEvents()
        if wall.held:
            assert on_screen(wall) == overview, "the overview stays whole until the crisis view is ready"
            filled_while_held |= wall.crisis.title.text() == "Stormschade Lindeveld-Noord"
    assert filled_while_held, "the crisis view was filled in a slice of its own, before the paint"
    settle()
    assert wall.crisis.isVisible() and wall.crisis_topic == 100
    assert on_screen(wall) == image(wall)
    wall.stop()


def test_before_its_first_snapshot_the_wall_says_it_is_loading(qtbot: QtBot, make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    assert wall.empty.isVisible() and wall.empty.text() == "De eerste gegevens worden geladen …"
    assert not any(tile.isVisible() for tile in wall.tiles) and not wall.ticker.isVisible()
    wall.apply_snapshot(make_snapshot())
    settle()
    assert not wall.empty.isVisible() and wall.ticker.isVisible()
    assert all(tile.isVisible() for tile in wall.tiles)
    wall.apply_snapshot(replace(make_snapshot(), topics=(), latest=()))  # nothing at all: no empty feed
    assert wall.empty.isVisible() and not wall.ticker.isVisible()
    wall.stop()
