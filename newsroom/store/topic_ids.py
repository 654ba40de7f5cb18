"""Topic ids that are never handed out twice, also across restarts: the high-water mark lives in the
store's ``meta`` table and ids are reserved in blocks, so a new topic costs a write only once per block."""

from __future__ import annotations

import logging

from newsroom.store.store import Store

log = logging.getLogger("newsroom.store.topic_ids")

#: the ``meta`` key of the highest topic id reserved so far
HIGH_KEY = "topic_id_high"
BLOCK = 100


class TopicIds:
    """Hands out topic ids above every id reserved before (``ids()`` gives the next one).

    A block of ids is reserved in the store before its first id is used, so an id is never reused even
    after a kill: at worst the rest of a block is skipped."""

    def __init__(self, store: Store, block: int = BLOCK) -> None:
        if block < 1:
            raise ValueError("the block size must be at least 1")
        self._store = store
        self._block = block
        stored = store.get_meta(HIGH_KEY)
        # the mark, or above it the highest id a mention has (a store written before the mark existed)
        self._next = max(int(stored) if stored is not None else 0, store.highest_topic()) + 1
        self._reserved = self._next - 1

    def __call__(self) -> int:
        """The next free topic id."""
        tid = self._next
        if tid > self._reserved:
            self._reserved = tid + self._block - 1
            self._store.set_meta(HIGH_KEY, str(self._reserved))
        self._next = tid + 1
        return tid
