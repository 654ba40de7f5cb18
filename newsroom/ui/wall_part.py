"""The base of the wall window's parts (``wall_keys``, ``wall_crisis``, ``wall_kiosk``, ``wall_settle``,
``wall_snapshots``): a plain mixin at run time, a QWidget to the type checker (the parts call the
window's QWidget methods; only :class:`~newsroom.ui.wall.WallWindow` is one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    WallPart = QWidget
else:
    WallPart = object
