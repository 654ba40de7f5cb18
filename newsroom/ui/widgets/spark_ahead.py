"""Sparkline pictures drawn ahead, off the GUI thread, where the snapshot is built.

The wall tells a :class:`SparkAhead` the size, pixel ratio, line width and theme of each tile's
sparkline (``set_specs``, after each snapshot shown: the sizes a resize gives are known then); the
reader worker, after building a snapshot, draws each topic's picture for its tile into a QImage
(``draw_ahead``: QPainter on a QImage may run on any thread, a QPixmap may not) and leaves it here; the
sparkline takes it (``take``) when its key (series, size, ratio, line width, theme) is exactly the one it
would draw, and draws the picture itself otherwise (a resize in between, the rotation's other page).
The pictures are the same either way (``paint_spark`` draws both)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QImage, QPainter

from newsroom.domain import Topic
from newsroom.ui import theme
from newsroom.ui.widgets.sparkline import SparkData, Sparkline, paint_spark

#: pictures kept waiting (two snapshots of twelve tiles); the oldest go first
KEPT = 24

SparkKey = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class SparkSpec:
    """How a tile's sparkline is drawn now: size in device-independent pixels, pixel ratio, line width,
    theme name."""

    width: int
    height: int
    ratio: float
    line_px: float
    theme: str

    def key(self, data: SparkData) -> SparkKey:
        """The key the sparkline keeps its pictures under (``Sparkline._key``)."""
        return (data, self.width, self.height, self.ratio, self.line_px, self.theme)


def spark_image(data: SparkData, spec: SparkSpec) -> QImage:
    """The picture of ``data`` drawn as ``spec`` says, into a QImage (any thread): the same pixels as the
    sparkline's own picture (the same format as a raster pixmap filled with an opaque colour)."""
    palette = theme.PALETTES.get(spec.theme, theme.DARK)
    image = QImage(max(1, round(spec.width * spec.ratio)), max(1, round(spec.height * spec.ratio)),
                   QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(spec.ratio)
    image.fill(theme.colour(palette.panel))
    painter = QPainter(image)
    paint_spark(painter, data, spec.width, spec.height, spec.line_px, palette)
    painter.end()
    return image


class SparkAhead:
    """Shared by the wall (GUI thread) and its worker (its own thread); every method is thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._specs: tuple[SparkSpec | None, ...] = ()
        self._images: OrderedDict[SparkKey, QImage] = OrderedDict()
        #: keys of pictures taken lately: a sparkline has them, they are not drawn again
        self._taken_keys: OrderedDict[SparkKey, None] = OrderedDict()
        #: pictures drawn ahead, and taken by a sparkline (for tests and benchmarks)
        self.drawn = 0
        self.taken = 0

    def set_specs(self, specs: Sequence[SparkSpec | None]) -> None:
        """Each tile's sparkline as it is drawn now, in tile order (None: a tile without one)."""
        with self._lock:
            self._specs = tuple(specs)

    def specs(self) -> tuple[SparkSpec | None, ...]:
        """The specs last set."""
        with self._lock:
            return self._specs

    def put(self, key: SparkKey, image: QImage) -> None:
        """Leave a picture for the sparkline whose key is ``key``."""
        with self._lock:
            self._images[key] = image
            self._images.move_to_end(key)
            while len(self._images) > KEPT:
                self._images.popitem(last=False)
            self.drawn += 1

    def has(self, key: SparkKey) -> bool:
        """A picture waits under ``key``, or was taken lately (the sparkline keeps it)."""
        with self._lock:
            return key in self._images or key in self._taken_keys

    def take(self, key: SparkKey) -> QImage | None:
        """The picture under ``key``, if one waits (it is then no longer kept here)."""
        with self._lock:
            image = self._images.pop(key, None)
            if image is not None:
                self.taken += 1
                self._taken_keys[key] = None
                while len(self._taken_keys) > KEPT:
                    self._taken_keys.popitem(last=False)
            return image


def draw_ahead(ahead: SparkAhead, topics: Sequence[Topic]) -> int:
    """Draw the sparkline picture of each topic for the tile that shows it (the i-th topic in the i-th
    tile, as the wall shows a snapshot's first page); pictures already waiting are not drawn again.
    Between two pictures the thread lets others run (the GUI thread waits for the GIL at most one
    picture, ~1 ms). Returns how many were drawn."""
    drawn = 0
    for topic, spec in zip(topics, ahead.specs(), strict=False):
        if spec is None or spec.width <= 0 or spec.height <= 0:
            continue
        data = SparkData.of(topic)
        key = spec.key(data)
        if ahead.has(key):
            continue
        ahead.put(key, spark_image(data, spec))
        drawn += 1
        time.sleep(0)  # hand the GIL over between pictures
    return drawn


def spec_of(spark: Sparkline) -> SparkSpec | None:
    """How ``spark`` draws now (None while it is not visible, under a hidden tile or the crisis view too,
    or has no size)."""
    if not spark.isVisible() or spark.width() <= 0 or spark.height() <= 0:
        return None
    return SparkSpec(spark.width(), spark.height(), spark.devicePixelRatioF(), spark.line_px,
                     theme.current().name)
