"""The briefing's blocks and pages: a block knows its height and how to draw itself; blocks are laid
out over as many pages as they need, a block never split across two pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from newsroom.ui.briefing_style import (
    BODY_BOTTOM,
    BODY_TOP,
    BODY_W,
    BODY_X,
    INK,
    WRAP,
    colour,
    font,
    text_height,
)


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of the document: its height, and how to draw it with its top at ``y``."""

    height: float
    draw: Callable[[QPainter, float], None]
    #: a heading stays on the page of the block after it
    keep_with_next: bool = False
    gap_after: float = 10.0


def heading(text: str) -> Block:
    """A section title that stays with what follows it."""
    f = font(14, bold=True)

    def draw(p: QPainter, y: float) -> None:
        p.setFont(f)
        p.setPen(colour(INK))
        p.drawText(QRectF(BODY_X, y, BODY_W, 20), int(Qt.AlignmentFlag.AlignLeft), text)
        p.setPen(QPen(colour(INK), 1.2))
        p.drawLine(QPointF(BODY_X, y + 21), QPointF(BODY_X + BODY_W, y + 21))

    return Block(24.0, draw, keep_with_next=True, gap_after=8)


def paragraph(text: str, size: float, *, colour_code: str = INK) -> Block:
    """Wrapped text over the body's width."""
    f = font(size)
    h = text_height(text, f, BODY_W)

    def draw(p: QPainter, y: float) -> None:
        p.setFont(f)
        p.setPen(colour(colour_code))
        p.drawText(QRectF(BODY_X, y, BODY_W, h), WRAP, text)

    return Block(h, draw, gap_after=8)


def paginate(blocks: Sequence[Block]) -> list[list[tuple[Block, float]]]:
    """Blocks placed top to bottom over pages; a block that does not fit starts the next page (with the
    heading before it); a block taller than a page gets a page of its own."""
    pages: list[list[tuple[Block, float]]] = [[]]
    y = BODY_TOP
    for i, block in enumerate(blocks):
        need = block.height
        if block.keep_with_next and i + 1 < len(blocks):
            need += block.gap_after + blocks[i + 1].height
        if y + need > BODY_BOTTOM and pages[-1]:
            pages.append([])
            y = BODY_TOP
        pages[-1].append((block, y))
        y += block.height + block.gap_after
    return pages
