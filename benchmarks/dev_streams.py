"""The labelled town streams the topic benchmarks develop on, in one place.

Hand-written streams (``data/devstreams/``, each by an author who never saw the code; marked ``*``) weigh
most in every decision; the generated towns (``data/towns/``, our seeded generator) come after them.
The report-only streams (``data/holdout*/``) are not here: ``benchmarks/holdout.py`` runs them once.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
#: hand-written development towns (benchmarks/data/devstreams/README.md; the last three since 5 Dec 2026)
HAND_WRITTEN = ("meerhoutem", "dommelroode", "brugwaarde", "zuidervelde", "oudenwaard", "kempenaar", "sintrembert")
#: generated development towns (benchmarks/data/towns/generate.py)
GENERATED = ("lindeveld", "oosterbeke", "kaaienburg", "vlietrode", "heidemaal")


def hand_written_path(town: str) -> Path:
    """The file of a hand-written development stream."""
    return HERE / "data" / "devstreams" / f"{town}.jsonl"


def generated_path(town: str) -> Path:
    """The file of a generated development stream."""
    return HERE / "data" / "towns" / f"{town}.jsonl"


def dev_streams() -> list[tuple[str, Path]]:
    """Every development stream as (name, file): the hand-written ones (name marked *) first."""
    return [(f"{t}*", hand_written_path(t)) for t in HAND_WRITTEN] + [(t, generated_path(t)) for t in GENERATED]


def is_hand_written(name: str) -> bool:
    """Whether a stream name from :func:`dev_streams` is a hand-written one."""
    return name.endswith("*")
