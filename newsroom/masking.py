"""Swear words masked in the posts the wall shows ("Kut!" -> "K**!"; ``display.mask_swearing``).

Plain Python, no Qt, like :mod:`newsroom.privacy`: the ticker's posts, what replies answer and the crisis
view's negative mentions. Topic names and clouds never hold a swear word in the first place
(:mod:`newsroom.analysis.swear_words`); the store and the analysis keep every post as written.
"""

from __future__ import annotations

from dataclasses import replace

from newsroom.analysis.swear_words import masked
from newsroom.domain import CrisisDetail, Mention, WallSnapshot
from newsroom.privacy import redact_snapshot


def wall_view(s: WallSnapshot, *, privacy: bool, mask_swearing: bool) -> WallSnapshot:
    """The snapshot as a wall shows it: without authors and handles (``display.privacy``), with swear
    words masked (``display.mask_swearing``); ``s`` itself when neither is on."""
    if privacy:
        s = redact_snapshot(s)
    return mask_snapshot(s) if mask_swearing else s


def mask_mention(m: Mention) -> Mention:
    """The mention with swear words masked in its text and title (the same mention when it has none)."""
    text, title = masked(m.text), masked(m.title)
    return m if (text, title) == (m.text, m.title) else replace(m, text=text, title=title)


def mask_snapshot(s: WallSnapshot) -> WallSnapshot:
    """Every post text of a snapshot with its swear words masked: the newest posts, what they answer,
    the crisis views' negative mentions."""
    latest = tuple(mask_mention(m) for m in s.latest)
    parents = _mask_parents(s.reply_parents)
    crises = tuple(_mask_crisis(c) for c in s.crises)
    if (latest, parents, crises) == (s.latest, s.reply_parents, s.crises):
        return s
    return replace(s, latest=latest, reply_parents=parents, crises=crises)


def _mask_crisis(c: CrisisDetail) -> CrisisDetail:
    mentions = tuple(mask_mention(m) for m in c.negative_mentions)
    parents = _mask_parents(c.reply_parents)
    if (mentions, parents) == (c.negative_mentions, c.reply_parents):
        return c
    return replace(c, negative_mentions=mentions, reply_parents=parents)


def _mask_parents(parents: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((reply, masked(text)) for reply, text in parents)
