"""Offscreen rendering of the wall to a PNG (``newsroom screenshot``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from newsroom.domain import WallSnapshot
from newsroom.ui.wall import WallWindow


def posed_wall(snapshot: WallSnapshot, width: int, height: int, *, diagonal_in: float = 55.0,
               distance_m: float = 5.0, tiles: int = 6, crisis: bool = False,
               privacy: bool = True, theme: str = "donker", mask_swearing: bool = True) -> WallWindow:
    """A stopped wall window showing ``snapshot`` at width × height, for a screen of that diagonal seen
    from that distance, with that many tiles; ``crisis``: the crisis view of ``snapshot.crises[0]``
    (otherwise the overview, never switched by itself); ``privacy``: ``display.privacy`` (authors and
    handles left out); ``theme``: ``display.theme``; ``mask_swearing``: ``display.mask_swearing``. The
    caller closes it."""
    app = QApplication.instance()
    assert app is not None, "make_app() first"
    wall = WallWindow(diagonal_in=diagonal_in, distance_m=distance_m, tiles=tiles, privacy=privacy)
    wall.mask_swearing = mask_swearing
    wall.set_crisis_options(auto=False, min_severity=5)
    wall.apply_theme(theme)
    wall.frozen_clock = True
    wall.resize(width, height)
    wall.show()
    app.processEvents()
    wall.apply_snapshot(snapshot)
    shown = wall.snapshot  # the snapshot as the wall shows it (privacy applied)
    if crisis and shown is not None and shown.crises:
        wall.show_crisis(shown.crises[0])
    for _ in range(3):
        app.processEvents()
    wall.later_pictures.flush()  # every cloud and sparkline at its final size
    wall.stop()
    return wall


def render_wall(snapshot: WallSnapshot, out: Path, width: int, height: int, *,
                diagonal_in: float = 55.0, distance_m: float = 5.0, tiles: int = 6,
                crisis: bool = False, privacy: bool = True, theme: str = "donker",
                mask_swearing: bool = True) -> Path:
    """Render ``snapshot`` at exactly width × height pixels into ``out`` (see ``posed_wall``)."""
    app = QApplication.instance()
    assert app is not None, "make_app() first"
    wall = posed_wall(snapshot, width, height, diagonal_in=diagonal_in, distance_m=distance_m, tiles=tiles,
                      crisis=crisis, privacy=privacy, theme=theme, mask_swearing=mask_swearing)
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
