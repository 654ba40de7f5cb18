"""The topic model's inverted index on its own: a word's posting follows the counts set in it (a word no
cluster holds leaves the index, zeroed entries are compacted away), and the counts one cluster shares
with a chosen set of clusters come out word by word."""

from __future__ import annotations

import numpy as np

from newsroom.analysis.topic_index import Posting, set_count, shared_counts


def _entries(posting: Posting) -> dict[int, float]:
    """{slot: count} of the posting's live entries."""
    n = posting.n
    return {int(s): float(c) for s, c in zip(posting.slots[:n].tolist(), posting.counts[:n].tolist(), strict=True)
            if c > 0.0}


def test_a_posting_follows_the_counts_set_and_leaves_when_no_cluster_holds_the_word() -> None:
    postings: dict[str, Posting] = {}
    set_count(postings, "brug", 3, 2.0, False)
    set_count(postings, "brug", 5, 1.0, False)
    set_count(postings, "brug", 3, 4.0, True)
    assert _entries(postings["brug"]) == {3: 4.0, 5: 1.0}
    assert postings["brug"].holders() == 2
    set_count(postings, "brug", 3, 0.0, True)
    assert _entries(postings["brug"]) == {5: 1.0}
    assert postings["brug"].holders() == 1
    assert postings["brug"].held().tolist() == [5]
    set_count(postings, "brug", 3, 1.5, False)           # a zeroed entry comes back
    assert _entries(postings["brug"]) == {3: 1.5, 5: 1.0}
    set_count(postings, "brug", 3, 0.0, True)
    set_count(postings, "brug", 5, 0.0, True)
    assert "brug" not in postings
    set_count(postings, "markt", 1, 0.0, False)          # nothing to unset: nothing made
    assert postings == {}


def test_zeroed_entries_are_compacted_away_and_the_rest_stays() -> None:
    postings: dict[str, Posting] = {}
    for slot in range(40):
        set_count(postings, "gemeente", slot, float(slot + 1), False)
    for slot in range(30):
        set_count(postings, "gemeente", slot, 0.0, True)
    posting = postings["gemeente"]
    assert _entries(posting) == {slot: float(slot + 1) for slot in range(30, 40)}
    assert posting.n < 40                                  # compacted: zeroed entries were dropped
    assert posting.zeros <= 8 or 3 * posting.zeros <= posting.n
    assert sorted(posting.pos) == sorted(int(s) for s in posting.slots[:posting.n].tolist())


def test_shared_counts_are_the_words_a_cluster_shares_with_the_chosen_clusters() -> None:
    postings: dict[str, Posting] = {}
    mine = {"brug": 2.0, "dicht": 1.0, "alleen": 5.0}      # the cluster in slot 0
    for word, count in mine.items():
        set_count(postings, word, 0, count, False)
    set_count(postings, "brug", 1, 3.0, False)
    set_count(postings, "dicht", 1, 4.0, False)
    set_count(postings, "brug", 2, 7.0, False)             # slot 2 is not chosen
    mask = np.zeros(3, dtype=bool)
    mask[1] = True
    slots, ours, theirs = shared_counts(postings, mine, mask)
    assert sorted(zip(slots.tolist(), ours.tolist(), theirs.tolist(), strict=True)) == [(1, 1.0, 4.0),
                                                                                          (1, 2.0, 3.0)]
    alone = {"alleen": 5.0}
    slots, ours, theirs = shared_counts(postings, alone, mask)
    assert len(slots) == len(ours) == len(theirs) == 0
