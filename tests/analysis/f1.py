"""Macro-F1 for the sentiment tests' floors (the mean of the labels' F1; a label nobody marked and nothing
predicted has no F1 and is left out)."""

from __future__ import annotations

from collections.abc import Iterable


def macro_f1(gold: list[str], pred: list[str], labels: Iterable[str]) -> float:
    """The mean F1 over ``labels`` (in sorted order, so the sum is the same whatever the set's order)."""
    scores = []
    for lab in sorted(labels):
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab != p for g, p in zip(gold, pred, strict=True))
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)
