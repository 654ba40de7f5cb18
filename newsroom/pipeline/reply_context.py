"""What a reply shown on the wall answers: its parent's text, cut short, looked up in the store.

Built with the snapshot on the worker (never the GUI thread): the parents of the shown posts that are
replies are read in one statement (``Store.texts_of``); a parent not in the store gets no entry. Only
the parent's text is carried, never its author.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.domain import Mention
from newsroom.store import Store

#: a parent's text is cut at a word to about this many characters
EXCERPT_CHARS = 80
ELLIPSIS = "…"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut at the last word boundary within ``limit`` characters with '…' (a
    single word longer than that is cut by characters)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit + 1]
    space = cut.rfind(" ")
    head = cut[:space] if space > 0 else flat[:limit]
    return head.rstrip(" ,;:·-—.") + ELLIPSIS


def reply_parents(store: Store, mentions: Sequence[Mention]) -> tuple[tuple[str, str], ...]:
    """(reply id, its parent's excerpt) for each of ``mentions`` that answers a stored post, in the
    order of ``mentions``."""
    replies = [(m.id, m.reply_to) for m in mentions if m.reply_to and m.reply_to != m.id]
    if not replies:
        return ()
    texts = store.texts_of(parent for _, parent in replies)
    return tuple((reply, excerpt(texts[parent])) for reply, parent in replies
                 if texts.get(parent, "").strip())
