"""The Display page: how the wall looks, with a live preview at the chosen screen size and distance."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QVBoxLayout, QWidget

from newsroom.domain import WallSnapshot, utcnow
from newsroom.ui import theme
from newsroom.ui.settings.common import tr
from newsroom.ui.settings.model import Draft
from newsroom.ui.settings.schema_page import Context, SchemaPage, Section, keys_for
from newsroom.ui.wall import WallWindow

#: the pixel size the preview renders the wall at (then scaled down)
PREVIEW_SIZE = QSize(1920, 1080)


class DisplayPage(SchemaPage):
    """How the wall looks, with a live preview at the chosen screen size and distance."""

    title = "&Display"

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        keys = keys_for("display")
        groups = [Section("Screen and type size", ("display.screen_diagonal_in", "display.viewing_distance_m",
                                                   "display.refresh_s")),
                  Section("Night, privacy and rotation", ("display.night_dimming", "display.night_hours",
                                                          "display.privacy", "display.mask_swearing",
                                                          "display.rotation",
                                                          "display.rotation_s")),
                  Section("Crisis view", ("wall.auto_crisis_view",))]
        placed = {k for g in groups for k in g.keys}
        super().__init__(ctx, [Section("The wall", tuple(k for k in keys if k not in placed)), *groups],
                         parent)
        box = QGroupBox(tr("Preview"), self)
        layout = QVBoxLayout(box)
        self.preview = QLabel(box)
        self.preview.setObjectName("wallPreview")
        self.preview.setFixedSize(640, 360)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("#wallPreview { background: #111; }")
        self.preview_note = QLabel(tr("The wall at 1920 × 1080 pixels, with this diagonal and distance."),
                                   box)
        self.preview_note.setWordWrap(True)
        layout.addWidget(self.preview)
        layout.addWidget(self.preview_note)
        layout.addStretch(1)
        self.side.addWidget(box)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.render_preview)
        for f in self.fields.values():
            f.changed.connect(self._timer.start)
        self.renders = 0
        self._wall: WallWindow | None = None
        self._shown: tuple[int, str] | None = None  # (which snapshot, which name) the hidden wall shows
        self._empty = WallSnapshot(created=utcnow(), wall_name="")

    def load(self, draft: Draft) -> None:
        super().load(draft)
        self._timer.start()

    def render_preview(self) -> None:
        """Render the wall with the values on screen into the preview, on the GUI thread. One hidden
        wall is kept while the dialog is open: a new diagonal or distance only re-scales it (measured:
        about a third of a second on a busy 2-core machine, against about a second for a new wall)."""
        from dataclasses import replace

        def number(key: str, fallback: float) -> float:
            f = self.fields.get(key)
            return float(f.value()) if f is not None and f.problem() is None else fallback

        base = self.ctx.snapshot or self._empty
        name_field = self.fields.get("wall.name")
        name = str(name_field.value()) if name_field is not None and name_field.value() else base.wall_name
        diagonal = number("display.screen_diagonal_in", 55.0)
        distance = number("display.viewing_distance_m", 5.0)
        tiles = int(number("wall.max_topics", 6))
        wall = self._wall
        if wall is None or len(wall.tiles) != tiles:
            self._drop_wall()
            wall = WallWindow(diagonal_in=diagonal, distance_m=distance, tiles=tiles)
            wall.frozen_clock = True
            wall.set_crisis_options(auto=False, min_severity=5)  # the preview shows the overview's type
            wall.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            wall.resize(PREVIEW_SIZE)
            wall.show()
            self._wall, self._shown = wall, None
        elif (wall.diagonal_in, wall.distance_m) != (diagonal, distance):
            wall.set_viewing(diagonal, distance)
        # the theme chosen, for the preview only: the running wall keeps its own until the settings are saved
        theme_field = self.fields.get("display.theme")
        chosen = str(theme_field.value()) if theme_field is not None else theme.current().name
        running = theme.current().name
        QApplication.sendPostedEvents()  # the running wall's pending paints in its own colours, first
        wall.apply_theme(chosen)
        if self._shown != (id(base), name):
            wall.apply_snapshot(replace(base, wall_name=name))
            self._shown = (id(base), name)
        wall.stop()
        QApplication.sendPostedEvents()
        layout = wall.layout()
        if layout is not None:
            layout.activate()
        pixmap: QPixmap = wall.grab()
        theme.use(running)
        self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        self.renders += 1

    def _drop_wall(self) -> None:
        if self._wall is not None:
            self._wall.stop()
            self._wall.close()
            self._wall.deleteLater()
        self._wall, self._shown = None, None

    def stop(self) -> None:
        """No preview after the dialog closed (the hidden wall goes)."""
        self._timer.stop()
        self._drop_wall()
