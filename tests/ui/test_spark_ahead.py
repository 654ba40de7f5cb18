"""Sparkline pictures drawn ahead off the GUI thread (newsroom.ui.widgets.spark_ahead): the same pixels as
the GUI's own picture, taken by the tiles when their size still matches, drawn by the GUI after a resize."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsroom.domain import WallSnapshot
from newsroom.ui import theme
from newsroom.ui.wall import WallWindow
from newsroom.ui.widgets.spark_ahead import SparkAhead, draw_ahead, spark_image, spec_of
from newsroom.ui.widgets.sparkline import SparkData
from tests.ui.conftest import shown_wall
from tests.ui.test_wall_apply import other_data

Make = Callable[..., WallSnapshot]


def rgb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_RGB32)


def on_thread(fn: Callable[[], object]) -> object:
    """``fn()`` run on a thread of its own (as the worker does), its result."""
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(fn()))
    thread.start()
    thread.join()
    return out[0]


def show_sliced(qtbot: QtBot, wall: WallWindow, snap: WallSnapshot) -> None:
    """As from the worker: prepared in slices, shown, painted."""
    wall.receive_snapshot(snap)
    qtbot.waitUntil(lambda: not wall.slices.pending() and wall.raw_snapshot is snap)
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("name", theme.THEMES)
def test_a_sparkline_drawn_on_another_thread_has_the_gui_pictures_pixels(qtbot: QtBot, make_snapshot: Make,
                                                                         name: str) -> None:
    theme.use(name)
    try:
        wall = shown_wall(qtbot, frozen_clock=True)
        show_sliced(qtbot, wall, make_snapshot())
        for tile, topic in zip(wall.tiles, other_data(make_snapshot()).topics, strict=False):
            spec = spec_of(tile.spark)
            assert spec is not None and spec.theme == name and spec.width > 100
            data = SparkData.of(topic)
            ahead = on_thread(lambda d=data, s=spec: spark_image(d, s))  # type: ignore[misc]
            assert isinstance(ahead, QImage)
            own = tile.spark._draw(data, spec.width, spec.height).toImage()
            assert ahead.size() == own.size() and ahead.devicePixelRatio() == own.devicePixelRatio()
            assert rgb(ahead) == rgb(own)
            assert ahead != spark_image(SparkData.empty(), spec)  # (a series drawn: not an empty panel)
        wall.stop()
    finally:
        theme.use(theme.DARK.name)


def test_the_tiles_take_the_pictures_drawn_ahead_and_draw_themselves_after_a_resize(
        qtbot: QtBot, make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    first = make_snapshot()
    show_sliced(qtbot, wall, first)
    ahead = wall.spark_ahead
    specs = ahead.specs()
    assert len(specs) == len(wall.tiles) and sum(s is not None for s in specs) == len(first.topics)
    second = other_data(first)
    assert on_thread(lambda: draw_ahead(ahead, second.topics)) == len(second.topics)
    assert draw_ahead(ahead, second.topics) == 0  # waiting already: not drawn again
    shown = [t for t in wall.tiles if not t.isHidden()]
    renders = [t.spark.renders for t in shown]
    show_sliced(qtbot, wall, second)
    assert [t.spark.renders for t in shown] == renders  # nothing drawn on the GUI thread
    assert [t.spark.adopted for t in shown] == [1] * len(shown) and ahead.taken == len(shown)
    for tile, topic in zip(shown, second.topics, strict=True):  # the picture painted is the GUI's own
        data = SparkData.of(topic)
        spark = tile.spark
        painted = spark._pictures[spark._key(data)]
        assert isinstance(painted, QImage)
        assert rgb(painted) == rgb(spark._draw(data, spark.width(), spark.height()).toImage())
    assert draw_ahead(ahead, second.topics) == 0  # taken and kept by the tiles: not drawn again
    # a resize between the worker's pictures and the snapshot: the sizes differ, the GUI draws
    third = other_data(second)
    draw_ahead(ahead, third.topics)
    wall.resize(1600, 900)
    qtbot.waitUntil(lambda: not wall.later_pictures.pending())
    for _ in range(3):
        QApplication.processEvents()
    renders = [t.spark.renders for t in shown]
    show_sliced(qtbot, wall, third)
    assert all(t.spark.renders > r for t, r in zip(shown, renders, strict=True))
    assert [t.spark.adopted for t in shown] == [1] * len(shown)
    # ... and tells the worker the new sizes for the next snapshot
    assert [s.width for s in ahead.specs() if s is not None] == [t.spark.width() for t in shown]
    assert all(s.width < 1600 // 2 for s in ahead.specs() if s is not None)
    wall.stop()


def test_a_spark_ahead_keeps_a_bounded_number_of_pictures() -> None:
    from newsroom.ui.widgets import spark_ahead

    ahead = SparkAhead()
    image = QImage(2, 2, QImage.Format.Format_RGB32)
    for i in range(spark_ahead.KEPT + 5):
        ahead.put(("k", i), image)
    assert not ahead.has(("k", 0)) and ahead.has(("k", spark_ahead.KEPT + 4))
    assert ahead.take(("k", 0)) is None and ahead.take(("k", 7)) is image and ahead.take(("k", 7)) is None
    assert ahead.has(("k", 7))  # taken lately: the sparkline has it
