"""24-hour sparkline: normal band shaded, volume line, negative part stacked in the negative colour."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy

from newsroom.domain import Topic
from newsroom.ui import theme


class Sparkline(pg.PlotWidget):  # type: ignore[misc]
    """A non-interactive pyqtgraph plot; curves are created once and updated in place."""

    def __init__(self, parent: pg.QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent, background=theme.PANEL)
        self.setObjectName("sparkline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.getViewBox().setDefaultPadding(0.02)
        self._band_low = pg.PlotDataItem(pen=pg.mkPen(None))
        self._band_high = pg.PlotDataItem(pen=pg.mkPen(None))
        self._band = pg.FillBetweenItem(self._band_low, self._band_high, brush=theme.colour(theme.BAND, 200))
        self._zero = pg.PlotDataItem(pen=pg.mkPen(None))
        self._neg = pg.PlotDataItem(pen=pg.mkPen(theme.NEGATIVE, width=1))
        self._neg_fill = pg.FillBetweenItem(self._zero, self._neg, brush=theme.colour(theme.NEGATIVE, 210))
        self._line = pg.PlotDataItem(pen=pg.mkPen(theme.TEXT, width=2))
        self._dot = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(theme.TEXT), pen=pg.mkPen(None))
        for it in (self._band_low, self._band_high, self._band, self._zero, self._neg, self._neg_fill,
                   self._line, self._dot):
            item.addItem(it)
        self.points = 0

    def set_line_width(self, px: float) -> None:
        """Scale the line with the wall's type size."""
        self._line.setPen(pg.mkPen(theme.TEXT, width=max(1.5, px)))
        self._dot.setSize(max(6.0, px * 4))

    def set_topic(self, topic: Topic) -> None:
        """Show the topic's volume, negative volume and normal band."""
        volume = np.asarray(topic.volume.values, dtype=float)
        negative = np.asarray(topic.negative.values, dtype=float)
        x = np.arange(len(volume), dtype=float)
        self.points = len(volume)
        if len(topic.baseline_high) == len(volume) and len(volume):
            self._band_low.setData(x, np.asarray(topic.baseline_low, dtype=float))
            self._band_high.setData(x, np.asarray(topic.baseline_high, dtype=float))
        else:
            self._band_low.setData(x, np.zeros_like(volume))
            self._band_high.setData(x, np.zeros_like(volume))
        self._zero.setData(x, np.zeros_like(volume))
        self._neg.setData(x, negative)
        self._line.setData(x, volume)
        if len(volume):
            self._dot.setData([x[-1]], [volume[-1]])
            band_top = float(np.max(topic.baseline_high)) if topic.baseline_high else 0.0
            top = max(float(volume.max()), band_top, 1.0)
            self.getPlotItem().setRange(xRange=(0, max(len(volume) - 1, 1)), yRange=(0, top * 1.08),
                                        padding=0.02)
