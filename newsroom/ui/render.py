"""Offscreen rendering of the wall to a PNG (``newsroom screenshot``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from newsroom.domain import WallSnapshot
from newsroom.ui.wall import WallWindow


def render_wall(snapshot: WallSnapshot, out: Path, width: int, height: int) -> Path:
    """Render ``snapshot`` at exactly width × height pixels into ``out``."""
    app = QApplication.instance()
    assert app is not None, "make_app() first"
    wall = WallWindow()
    wall.frozen_clock = True
    wall.resize(width, height)
    wall.show()
    app.processEvents()
    wall.apply_snapshot(snapshot)
    for _ in range(3):
        app.processEvents()
    wall.stop()
    image = wall.grab().toImage()
    if image.width() != width or image.height() != height:
        image = image.scaled(width, height)
    out.parent.mkdir(parents=True, exist_ok=True)
    saved: bool = image.save(str(out), "PNG")  # type: ignore[call-overload]
    if not saved:
        raise OSError(f"could not write {out}")
    wall.close()
    wall.deleteLater()
    app.processEvents()
    return out
