"""``newsroom topics`` on a stream not given in time order: two exports one after the other, weeks apart.

Counts decay with stream time; read in input order, a stream that went back weeks weighed its older
posts at 2^-300 and less, and the model's cosine divided by zero ("unexpected failure"). The batch reads
the posts in time order (a stable sort: a stream given in order is read as given) and answers every line
in input order.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_model import DMMStream, bag
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"


def _without_language(line: str) -> str:
    """The line without its "lang": read in the language detected, leaning to the stream's usual one."""
    record = json.loads(line)
    record.pop("lang", None)
    return json.dumps(record)


#: a hand-written and a generated stream of two months (November, October), 180 posts of each; the
#: older one's lines without their language (which is then learnt as the stream is read)
LATER = (DATA / "devstreams" / "meerhoutem.jsonl").read_text(encoding="utf-8").splitlines()[:180]
EARLIER = [_without_language(line)
           for line in (DATA / "towns" / "vlietrode.jsonl").read_text(encoding="utf-8").splitlines()[:180]]


def _topics(lines: list[str]) -> dict[str, tuple[int, str]]:
    out = assign_topics(read_records(lines, utcnow()))
    assert [a.id for a in out] == [json.loads(line)["id"] for line in lines]      # input order, every line
    return {a.id: (a.topic, a.label) for a in out}


def test_a_stream_that_goes_back_weeks_is_read_in_time_order() -> None:
    assert _topics(LATER + EARLIER) == _topics(EARLIER + LATER)


def test_the_cosine_of_two_far_faded_topics_is_no_division_by_zero() -> None:
    """Both topics' counts at 1e-160 (their squares underflow to nothing when multiplied)."""
    model = DMMStream()
    a, b = model.new_cluster(), model.new_cluster()
    items, n = bag(["wegenwerken", "stationsstraat"])
    model.add(a, items, n, 1e-160)
    model.add(b, items, n, 1e-160)
    assert model.cosine(a, b) == 1.0
