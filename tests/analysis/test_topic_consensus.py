"""The measurement of the twenty-sixth pass (benchmarks/topic_consensus.py, not kept in the batch): the
groups several runs agree on, and the batch as shipped outside the patch."""

from __future__ import annotations

from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topics import TopicClusterer
from tests.benchmark_scripts import benchmark_script, two_story_stream

LABELS = [[1, 1, 1, 2, 2, 3], [5, 5, 6, 6, 7, 7], [9, 9, 9, 9, 8, 8]]


def test_components_of_posts_together_in_enough_runs() -> None:
    script = benchmark_script("topic_consensus")
    assert script.agreed_groups(LABELS, 3) == [0, 0, 1, 2, 3, 4]      # all runs: the common refinement
    assert script.agreed_groups(LABELS, 2) == [0, 0, 0, 0, 1, 1]
    assert script.agreed_groups(LABELS, 1) == [0] * 6


def test_average_link_does_not_chain() -> None:
    script = benchmark_script("topic_consensus")
    assert script.average_groups(LABELS, 3) == [0, 0, 1, 2, 3, 4]
    assert script.average_groups(LABELS, 2) == [0, 0, 0, 1, 2, 2]     # post 3 is with 0-2 in one run of three
    assert script.average_groups(LABELS, 1) == [0, 0, 0, 0, 1, 1]


def test_the_patch_is_undone() -> None:
    script = benchmark_script("topic_consensus")
    shipped = TopicClusterer.whole_stream
    before = [(a.id, a.topic) for a in assign_topics(two_story_stream())]
    with script.consensus((("hash", 0.3), ("time", 0.2)), 0, "average"):
        assert TopicClusterer.whole_stream is not shipped
        assign_topics(two_story_stream())
    assert TopicClusterer.whole_stream is shipped
    assert [(a.id, a.topic) for a in assign_topics(two_story_stream())] == before
