"""The measurement of the twenty-sixth pass (benchmarks/topic_pairs_agree.py, not kept in the batch): other
runs' agreement on two fragments, and the batch as shipped outside the patch."""

from __future__ import annotations

from collections import Counter

from newsroom.analysis import topic_batch
from newsroom.analysis import topic_pairs as ntp
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topics import TopicClusterer
from tests.benchmark_scripts import benchmark_script, two_story_stream

# two runs; fragment A (3 posts), fragment B (2 posts): each run's topic counts of their posts
A = [Counter({1: 2, 2: 1}), Counter({5: 3})]
B = [Counter({1: 1, 3: 1}), Counter({6: 2})]


def test_share_of_post_pairs_together() -> None:
    script = benchmark_script("topic_pairs_agree")
    # run 1: 2 of the 6 pairs together; run 2: none
    assert script.agree_pairs(A, 3, B, 2) == (2 / 6 + 0) / 2
    assert script.agree_pairs(A, 3, A, 3) == (5 / 9 + 1) / 2


def test_share_of_the_smaller_sides_posts_and_of_runs() -> None:
    script = benchmark_script("topic_pairs_agree")
    assert script.agree_small(B, 2, A) == (1 / 2 + 0) / 2
    assert script.agree_any(A, B) == 0.5
    assert script.agree_any([], []) == 0.0


def test_the_patch_is_undone() -> None:
    script = benchmark_script("topic_pairs_agree")
    shipped = (TopicClusterer.whole_stream, topic_batch.pair_fragments, ntp.add_fragment, ntp.pair_features)
    before = [(a.id, a.topic) for a in assign_topics(two_story_stream())]
    with script.agreement("pairs", (("hash", 0.3), ("time", 0.2))):
        assert ntp.pair_features is not shipped[3]
    assert (TopicClusterer.whole_stream, topic_batch.pair_fragments, ntp.add_fragment, ntp.pair_features) == shipped
    assert [(a.id, a.topic) for a in assign_topics(two_story_stream())] == before
