"""The collector pause around consolidation: the collector runs again afterwards, also after an error,
and a pause inside another leaves it off until the outer one ends."""

from __future__ import annotations

import gc

import pytest

from newsroom.analysis.gc_pause import no_cyclic_gc


def test_the_collector_runs_again_after_the_block_and_after_an_error() -> None:
    assert gc.isenabled()
    with no_cyclic_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"), no_cyclic_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_nested_pause_leaves_the_collector_to_the_outer_one() -> None:
    with no_cyclic_gc():
        with no_cyclic_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
