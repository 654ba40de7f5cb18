"""The store's insert and wall paths as the query-plan tests trace them (tests/store/test_query_plans.py
on SQLite, test_query_plans_pg.py on PostgreSQL): one workload, so that both engines are asked the
same statements."""

from __future__ import annotations

from datetime import timedelta

from newsroom.domain import Mention
from newsroom.pipeline.runner import Pipeline
from tests.clock import Clock


def run_insert_and_wall_paths(pipeline: Pipeline, clock: Clock) -> None:
    """The demo's first day polled (inserts, counts, topics, alerts), two hours later once more (more
    mentions, and the hourly retention runs), five mentions of our own ingested and their topic merged
    into a new id (a merge moves ids and counts), then the wall's snapshot."""
    pipeline.poll_once()
    clock.now += timedelta(hours=2)
    pipeline.poll_once()
    own = [Mention(id=f"plan:{i}", source="rss", text=f"De Kanaalbrug is opnieuw dicht {i}",
                   published=clock.now - timedelta(minutes=i), url=f"https://krant.be/{i}",
                   canonical_url=f"https://krant.be/{i}", searches=("Lindeveld",)) for i in range(5)]
    pipeline.ingest(own, clock.now)
    topics = sorted({m.topic for m in pipeline.store.get_mentions([m.id for m in own]) if m.topic})
    pipeline.store.merge_topics(topics[0], topics[0] + 1_000_000)
    pipeline.snapshot()
