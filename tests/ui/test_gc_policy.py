"""The wall process's garbage-collector policy (newsroom.ui.gc_policy): what lives as long as the wall is
taken out of the full collections' walks at start and after the first snapshot with topics."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from newsroom.domain import WallSnapshot
from newsroom.ui.gc_policy import GcPolicy, install, malloc_trim
from tests.ui.conftest import shown_wall

Make = Callable[..., WallSnapshot]


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """The test process's objects go back to the collector afterwards (freezing is process-wide)."""
    try:
        yield
    finally:
        gc.unfreeze()


def walked(obj: object) -> bool:
    """A full collection would walk ``obj`` (frozen objects are in none of the generations)."""
    return any(o is obj for o in gc.get_objects())


class Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.mark.usefixtures("unfrozen")
def test_the_wall_freezes_at_start_and_once_after_its_first_snapshot_with_topics(
        qtbot: QtBot, make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    before_start = [object()]
    policy = install(wall)
    assert not walked(before_start), "what lived at the start is frozen"
    made_later = [object()]
    assert walked(made_later)
    wall.receive_snapshot(make_snapshot(topics=0, alert=False))  # the loading picture: nothing yet
    qtbot.waitUntil(lambda: not wall.slices.pending() and wall.snapshot is not None)
    qtbot.wait(20)  # the queued notice of the shown snapshot
    assert not policy.frozen_after_snapshot and walked(made_later)
    wall.receive_snapshot(make_snapshot())
    qtbot.waitUntil(lambda: policy.frozen_after_snapshot)
    assert not walked(made_later), "alive once the first topics are shown: frozen"
    made_after = [object()]
    wall.receive_snapshot(make_snapshot(topics=3))
    qtbot.waitUntil(lambda: not wall.slices.pending() and len(wall.snapshot.topics) == 3)  # type: ignore[union-attr]
    qtbot.wait(20)
    assert walked(made_after), "frozen once: what later snapshots make stays collectable"
    wall.stop()


@pytest.mark.usefixtures("unfrozen")
def test_garbage_made_after_the_freeze_is_still_collected(qtbot: QtBot) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    install(wall)
    cycle = Cycle()
    gone = weakref.ref(cycle)
    del cycle
    assert gone() is not None, "a cycle outlives its last name"
    gc.collect()
    assert gone() is None
    wall.stop()


@pytest.mark.skipif(malloc_trim is None, reason="no glibc: no malloc_trim")
@pytest.mark.usefixtures("unfrozen")
def test_free_heap_memory_is_given_back_after_a_snapshot_at_most_every_interval(
        qtbot: QtBot, make_snapshot: Make) -> None:
    wall = shown_wall(qtbot, frozen_clock=True)
    now = [0.0]
    policy = GcPolicy(wall, trim_every_s=60.0, clock=lambda: now[0])
    wall.snapshot_shown.connect(policy.snapshot_shown)
    for at, trims in ((10.0, 0), (61.0, 1), (90.0, 1), (125.0, 2)):
        now[0] = at
        wall.receive_snapshot(make_snapshot(topics=2 + int(at) % 3))
        qtbot.waitUntil(lambda: not wall.slices.pending())
        assert policy.trims == trims, at
    wall.stop()
