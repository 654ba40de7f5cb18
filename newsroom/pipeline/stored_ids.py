"""After a restart the replayed topics keep the ids their stored mentions had."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.domain import Mention


def keep_stored_ids(stored: Sequence[Mention], assigned: dict[str, int]) -> dict[int, int]:
    """Replayed topic -> the stored topic id held by most of its mentions, greedily (most mentions
    first; ties by the smaller replayed id, then the smaller stored id) so that each stored id goes to
    one topic; a topic whose id is taken keeps its fresh one."""
    votes: dict[tuple[int, int], int] = {}
    for m in stored:
        new = assigned.get(m.id)
        if new is None or m.topic is None:
            continue
        votes[(new, m.topic)] = votes.get((new, m.topic), 0) + 1
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    for (new, old), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if new in mapping or old in taken:
            continue
        mapping[new] = old
        taken.add(old)
    return mapping
