"""The crisis view's volume chart: 5-minute counts since a few hours before the spike, against the
normal band, the negative part stacked in the negative colour, the spike's start marked; local times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from newsroom.domain import CrisisDetail
from newsroom.localtime import to_local
from newsroom.ui import theme


class LocalTimeAxis(pg.AxisItem):  # type: ignore[misc]
    """Epoch seconds shown as local clock times, ticks on whole hours or half hours."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:  # noqa: N803
        """Major ticks every 30 min, 1 h, 2 h or 3 h, whichever leaves room for the labels."""
        span = max(maxVal - minVal, 1.0)
        for step in (1800, 3600, 7200, 10800, 21600):
            if span / step <= max(3.0, size / 140):
                return [(float(step), 0.0)]
        return [(43200.0, 0.0)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        """'13:00'."""
        return [to_local(datetime.fromtimestamp(v, UTC)).strftime("%H:%M") for v in values]


class CountAxis(pg.AxisItem):  # type: ignore[misc]
    """Mentions are whole: never a tick between two counts."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:  # noqa: N803
        """pyqtgraph's spacing, at least 1."""
        spacing: list[tuple[float, float]] = super().tickSpacing(minVal, maxVal, size)
        return [(max(1.0, major), offset) for major, offset in spacing[:1]]


class CrisisChart(pg.PlotWidget):  # type: ignore[misc]
    """A non-interactive pyqtgraph plot; its items are made once and updated in place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.time_axis = LocalTimeAxis(orientation="bottom")
        super().__init__(parent, background=theme.PANEL,
                         axisItems={"bottom": self.time_axis, "left": CountAxis(orientation="left")})
        self.setObjectName("crisisChart")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        item = self.getPlotItem()
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setMenuEnabled(False)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(theme.MUTED))
            axis.setTextPen(pg.mkPen(theme.MUTED))
        item.showGrid(x=False, y=True, alpha=0.15)
        self._line_px = 3.0
        self._band_low = pg.PlotDataItem(pen=pg.mkPen(None))
        self._band_high = pg.PlotDataItem(pen=pg.mkPen(None))
        self._band = pg.FillBetweenItem(self._band_low, self._band_high, brush=theme.colour(theme.BAND, 230))
        self._zero = pg.PlotDataItem(pen=pg.mkPen(None))
        self._neg = pg.PlotDataItem(pen=pg.mkPen(theme.NEGATIVE, width=1))
        self._neg_fill = pg.FillBetweenItem(self._zero, self._neg, brush=theme.colour(theme.NEGATIVE, 220))
        self._line = pg.PlotDataItem(pen=pg.mkPen(theme.TEXT, width=3))
        self._start = pg.InfiniteLine(angle=90, movable=False,
                                      pen=pg.mkPen(theme.ALERT, width=3, style=Qt.PenStyle.DashLine))
        for it in (self._band_low, self._band_high, self._band, self._zero, self._neg, self._neg_fill,
                   self._line, self._start):
            item.addItem(it)
        self.points = 0

    def restyle(self) -> None:
        """The theme's colours (background, axes, band, negative part, line, start)."""
        self.setBackground(theme.PANEL)
        item = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(theme.MUTED))
            axis.setTextPen(pg.mkPen(theme.MUTED))
        self._band.setBrush(theme.colour(theme.BAND, 230))
        self._neg.setPen(pg.mkPen(theme.NEGATIVE, width=1))
        self._neg_fill.setBrush(theme.colour(theme.NEGATIVE, 220))
        self._line.setPen(pg.mkPen(theme.TEXT, width=self._line_px))
        self._start.setPen(pg.mkPen(theme.ALERT, width=self._start.pen.widthF(), style=Qt.PenStyle.DashLine))

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Axis labels at the wall's smallest readable size, lines scaled with it."""
        item = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setStyle(tickFont=theme.font(scale.small), tickTextOffset=round(scale.base * 0.3))
        item.getAxis("left").setWidth(round(scale.base * 2.6))
        item.getAxis("bottom").setHeight(round(scale.base * 1.6))
        self._line_px = max(2.0, scale.base / 8)
        self._line.setPen(pg.mkPen(theme.TEXT, width=self._line_px))
        self._start.setPen(pg.mkPen(theme.ALERT, width=max(2.0, scale.base / 9), style=Qt.PenStyle.DashLine))

    def set_detail(self, detail: CrisisDetail) -> None:
        """Show the event's volume, negative volume, normal band and start."""
        volume = np.asarray(detail.volume.values, dtype=float)
        negative = np.asarray(detail.negative.values, dtype=float)
        start = detail.volume.start.timestamp()
        step = detail.volume.step_s
        x = start + step * np.arange(len(volume), dtype=float)
        self.points = len(volume)
        if len(detail.baseline_high) == len(volume) and len(volume):
            self._band_low.setData(x, np.asarray(detail.baseline_low, dtype=float))
            self._band_high.setData(x, np.asarray(detail.baseline_high, dtype=float))
        else:
            self._band_low.setData(x, np.zeros_like(volume))
            self._band_high.setData(x, np.zeros_like(volume))
        self._zero.setData(x, np.zeros_like(volume))
        self._neg.setData(x, negative)
        self._line.setData(x, volume)
        self._start.setValue(detail.started.timestamp())
        self._start.setVisible(detail.alert is not None)
        if len(volume):
            band_top = float(np.max(detail.baseline_high)) if detail.baseline_high else 0.0
            top = max(float(volume.max()), band_top, 1.0)
            self.getPlotItem().setRange(xRange=(float(x[0]), float(x[-1])), yRange=(0, top * 1.08),
                                        padding=0.01)

    def curves(self) -> dict[str, Any]:
        """The plotted data (for tests): name -> (x, y)."""
        return {"volume": self._line.getData(), "negative": self._neg.getData(),
                "band_high": self._band_high.getData(), "start": self._start.value()}
