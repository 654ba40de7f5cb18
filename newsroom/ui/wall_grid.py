"""The wall's grid of topic tiles: how many columns for how many tiles."""

from __future__ import annotations

COLUMNS = 3
MAX_TILES = 6


def columns(tiles: int) -> int:
    """Three columns up to six tiles, four for more (twelve tiles: three rows that still fit 1080p)."""
    return COLUMNS if tiles <= 2 * COLUMNS else COLUMNS + 1
