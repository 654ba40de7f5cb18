"""Streams not given in time order: two exports one after the other, weeks apart (``newsroom topics``), and
posts weeks older than the wall's stream time (a backfill).

Counts decay with stream time; read in input order, a stream that went back weeks weighed its older
posts at 2^-300 and less, and the model's cosine divided by zero ("unexpected failure"). The batch reads
the posts in time order (a stable sort: a stream given in order is read as given) and answers every line
in input order.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_model import DMMStream, bag
from newsroom.analysis.topics import TopicClusterer
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


def test_the_wall_s_clusterer_takes_posts_weeks_older_than_its_stream() -> None:
    """The wall adds posts as they come: weeks-old ones weigh next to nothing, and consolidating two such
    topics divided by zero (a warning, which fails this test, where the cosines are computed together)."""
    clusterer = TopicClusterer()
    when = datetime.now()
    later = (DATA / "devstreams" / "meerhoutem.jsonl").read_text(encoding="utf-8").splitlines()
    earlier = (DATA / "towns" / "vlietrode.jsonl").read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(later + earlier):           # the whole streams: many topics, weeks apart
        post = json.loads(line)
        when = datetime.fromisoformat(post["published"].replace("Z", "+00:00"))
        clusterer.observe(post["text"], post.get("lang"))
        clusterer.add(post["id"], post["text"], post.get("lang"), when)
        if n % 50 == 49:
            clusterer.consolidate()
    assert sum(t.size for t in clusterer.topics(when, min_size=1)) > 0
