"""Topic ids: the one place a new topic gets its number.

Ids count up from 1 and are never reused while the clusterer lives, so a tile, an alert and the store
can refer to a topic by its id. The clusterer takes an allocator as a constructor argument, so a wall
that restarts can continue numbering where the store left off (see ``TopicIds.starting_at``).
"""

from __future__ import annotations

from collections.abc import Mapping


class TopicIds:
    """Hands out topic ids: a fresh one, or a wanted one that is free (a topic carried over)."""

    def __init__(self, first: int = 1) -> None:
        self._next = first

    @classmethod
    def starting_at(cls, first: int) -> TopicIds:
        """An allocator whose first fresh id is ``first`` (e.g. one past the highest stored id)."""
        return cls(first)

    def take(self, wanted: int | None = None) -> int:
        """A fresh id, or ``wanted`` (a free id the caller checked); fresh ids always stay above it."""
        if wanted is None:
            wanted = self._next
        self._next = max(self._next, wanted + 1)
        return wanted

    @property
    def next_id(self) -> int:
        """The id the next fresh topic will get."""
        return self._next


def most_held(held: Mapping[int, int]) -> int:
    """The topic id holding the most (of posts gone somewhere, of votes), ties to the lower id: where an
    alert or a post follows when its topic went to several."""
    return max(held.items(), key=lambda kv: (kv[1], -kv[0]))[0]
