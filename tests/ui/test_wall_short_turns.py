"""The wall's own work in short turns: a new feed is filled an item per slice while the old feed shows
(and looks the same as one filled at once); a tile's parts are painted into scratch images a part per
slice, never a whole tile in one turn, while the old picture holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from newsroom.domain import WallSnapshot
from tests.ui.conftest import shown_wall
from tests.ui.test_wall_apply import glides_done, image, on_screen, settle

Make = Callable[..., WallSnapshot]


def feed_texts(wall: QWidget) -> list[str]:
    return [item.body.text() for item in wall.ticker.items]  # type: ignore[attr-defined]


def new_posts(n: int = 10) -> list[str]:
    return [f"Nieuw bericht {i}: de brug aan de Kanaalweg blijft dicht, omleiding via de markt" for i in range(n)]


def test_the_feed_is_filled_over_several_turns_while_the_old_feed_shows(qtbot: QtBot, make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    old = make_snapshot()
    wall.apply_snapshot(old)
    glides_done(qtbot, wall)
    before_texts, before = feed_texts(wall), on_screen(wall)
    new = make_snapshot(texts=new_posts())  # the same topics, every post new
    wall.slices.budget_ms = 0.0  # a step per turn
    wall.receive_snapshot(new)
    changed_turns = 0
    last = before_texts
    while wall.slices.pending():
        QApplication.processEvents()
        now = feed_texts(wall)
        if now != last:
            changed_turns += 1
            last = now
        if now != before_texts and wall.slices.pending():  # part new, part old: only behind the hold
            assert wall.held
            assert on_screen(wall) == before
    assert changed_turns > 1, "the feed's items were set over more than one turn"
    glides_done(qtbot, wall)
    shown = [i.body.text() for i in wall.ticker.visible_items()]
    assert shown and all(text.startswith("Nieuw bericht") for text in shown)
    assert on_screen(wall) == image(wall), "painted whole once the feed is filled"
    wall.stop()


def test_a_feed_filled_in_slices_looks_like_one_filled_at_once(qtbot: QtBot, make_snapshot: Make) -> None:
    old = make_snapshot()
    posts = [f"{'Lange ' * (3 + 4 * (i % 3))}post {i} over de omleiding" for i in range(10)]
    new = make_snapshot(texts=posts)  # posts of one, two and three lines: the last one's lines are cut
    walls = []
    for sliced in (False, True):
        wall = shown_wall(qtbot, frozen_clock=True)
        wall.apply_snapshot(old)
        settle()
        if sliced:
            wall.slices.budget_ms = 0.0
            wall.receive_snapshot(new)
            qtbot.waitUntil(lambda w=wall: not w.slices.pending())  # type: ignore[misc]
        else:
            wall.apply_snapshot(new)
        glides_done(qtbot, wall)
        walls.append(wall)
    at_once, in_slices = walls
    assert [i.isVisible() for i in at_once.ticker.items] == [i.isVisible() for i in in_slices.ticker.items]
    assert [i.body.max_lines for i in at_once.ticker.items] == [i.body.max_lines for i in in_slices.ticker.items]
    assert 1 < len(in_slices.ticker.visible_items()) < len(posts)  # the test can fail: not all, not one
    assert at_once.ticker.grab().toImage() == in_slices.ticker.grab().toImage()
    for wall in walls:
        wall.stop()


class PaintsPerTurn(QObject):
    """The widgets painted (on screen or into a scratch image) in the current turn."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.add(id(watched))
        return False


def test_a_new_shape_paints_a_tile_into_scratch_images_a_part_per_turn(qtbot: QtBot, make_snapshot: Make) -> None:
    """The first topics on an empty wall (a new shape): while the old picture holds, each tile's cloud
    and sparkline are painted ahead (their glyphs cached), never both in one turn; then one paint."""
    wall = shown_wall(qtbot, frozen_clock=True)
    full = make_snapshot()
    wall.apply_snapshot(replace(full, topics=(), alerts=()))
    settle()
    empty = on_screen(wall)
    app = QApplication.instance()
    assert app is not None
    paints = PaintsPerTurn()
    app.installEventFilter(paints)
    clouds_ahead: set[int] = set()
    try:
        wall.slices.budget_ms = 0.0
        wall.receive_snapshot(full)
        while wall.slices.pending():
            paints.painted.clear()
            QApplication.processEvents()
            if not wall.held:
                continue
            assert on_screen(wall) == empty
            for tile in wall.tiles:
                if tile.isHidden():
                    continue
                parts = {id(tile.cloud), id(tile.spark)}
                assert not parts <= paints.painted, "a whole tile painted in one turn"
                if id(tile.cloud) in paints.painted:
                    clouds_ahead.add(id(tile))
    finally:
        app.removeEventFilter(paints)
    shown = [t for t in wall.tiles if not t.isHidden()]
    assert len(shown) == len(full.topics)
    assert clouds_ahead == {id(t) for t in shown}, "every cloud painted ahead while held"
    settle()
    assert not wall.held
    assert on_screen(wall) == image(wall)
    wall.stop()


def test_a_resize_between_the_feeds_steps_leaves_the_feed_as_one_filled_at_once(qtbot: QtBot) -> None:
    """The column resized while its items are being filled a step per slice (its full fill runs first):
    the steps still pending change nothing, the feed is the one that fits the new height."""
    from newsroom.ui import theme
    from newsroom.ui.widgets.ticker import Ticker
    from tests.ui.conftest import NOW, mention

    mentions = [mention(i, f"{'Lange ' * (2 + 3 * (i % 3))}post {i} over de brug") for i in range(10)]
    tickers = []
    for _ in range(2):
        ticker = Ticker()
        qtbot.addWidget(ticker)
        ticker.apply_scale(theme.TypeScale(27.0))
        ticker.resize(500, 900)
        ticker.show()
        tickers.append(ticker)
    stepped, at_once = tickers
    steps = stepped.fill_steps(mentions, NOW)
    for step in steps[:3]:
        step()
    stepped.resize(500, 420)  # a widget on its own re-fits at once
    for step in steps[3:]:
        step()
    at_once.resize(500, 420)
    at_once.set_mentions(mentions, NOW)
    shown = [i.isVisible() for i in stepped.items]
    assert shown == [i.isVisible() for i in at_once.items]
    assert [i.body.max_lines for i in stepped.items] == [i.body.max_lines for i in at_once.items]
    assert 0 < sum(shown) < len(stepped.items)  # the new height cuts the feed (the test can fail)
