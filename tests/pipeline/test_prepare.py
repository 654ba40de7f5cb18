"""Language and sentiment found ahead in a pool of worker processes change nothing: the same file
imported without a pool and with one (each under its own PYTHONHASHSEED, as real subprocesses) gives
the same store, row by row; and in-process, prepared batches give what the pipeline finds itself."""

from __future__ import annotations

import json
import os
import pickle
import random
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.analysis.neardup import word_set
from newsroom.analysis.words import Link, Word, content_words
from newsroom.config import Config
from newsroom.domain import FetchResult, Mention, Polarity, Search, Sentiment, SourceHealth
from newsroom.pipeline.prepare import AHEAD, Preparer, preparer_workers
from newsroom.pipeline.runner import Pipeline
from newsroom.store import Store

ROOT = Path(__file__).resolve().parents[2]
CONFIG = """[wall]
name = "Lindeveld"

[[searches]]
name = "Lindeveld"
query = "Lindeveld OR Kanaalweg"
languages = ["nl", "fr"]
"""
DUTCH = ("De brug aan de Kanaalweg is weer dicht, schandalig voor de pendelaars",
         "Mooie lichtjesstoet op de Grote Markt, chapeau aan de vrijwilligers",
         "Wegenwerken in de Stationsstraat: stof, lawaai en omleidingen voor de handelaars",
         "Storm in Lindeveld: daken beschadigd, bomen omgewaaid, de brandweer rukt uit",
         "Nieuwe parkeerzone aan het station, bewoners krijgen een bewonerskaart")
OTHER = ("Storm damage in Lindeveld, roofs and trees down", "Le pont de la Kanaalweg est fermé, colère",
         "ok", "#lindeveld 👍", "Belle ambiance au cortège de Lindeveld")
MOODS = ("", " Belachelijk!", " Goed bezig 👍", " Wanneer leren ze het?", " Echt niet slecht.")


def records(n: int, start: datetime) -> list[dict[str, object]]:
    """Mostly Dutch posts, some English/French/too short, copies, titles, searches absent or unknown,
    some with a given language or sentiment, a repeated id (the first one counts)."""
    rng = random.Random(16)
    out: list[dict[str, object]] = []
    for i in range(n):
        r = rng.random()
        text = (rng.choice(OTHER) if r < 0.2 else rng.choice(DUTCH)) + rng.choice(MOODS) + f" ({i % 37})"
        if out and r > 0.92:
            text = str(out[rng.randrange(len(out))]["text"])
        rec: dict[str, object] = {"id": f"t:{i}", "text": text,
                                  "published": (start + timedelta(seconds=7 * i)).isoformat(),
                                  "searches": rng.choice([["Lindeveld"], [], ["Elders"]])}
        if rng.random() < 0.15:
            rec["title"] = text.split(",")[0]
        if rng.random() < 0.1:
            rec["lang"] = rng.choice(["nl", "en"])
        if rng.random() < 0.1:
            rec["sentiment"] = {"label": "negative", "score": -0.7, "confidence": 0.8}
        out.append(rec)
    out.insert(n // 2, {**out[3], "text": "een andere tekst onder hetzelfde id"})
    return out


def dump(store: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables the import writes, in a fixed order."""
    con = sqlite3.connect(store)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        # these hold the import's clock: alerts, deliveries, when the topic summaries were written and
        # how often (the meta row 'change' counts writes, at most one a second)
        select = {"topic_summaries": "SELECT topic, rank, record FROM topic_summaries",
                  "meta": "SELECT * FROM meta WHERE key != 'change'"}
        return {t: sorted(con.execute(select.get(t, f"SELECT * FROM {t}")), key=repr)
                for t in tables if t not in {"alerts", "deliveries"}}
    finally:
        con.close()


def run_import(tmp: Path, name: str, data: Path, workers: int, seed: int) -> dict[str, list[tuple[object, ...]]]:
    basedir = tmp / name
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "NEWSROOM_IMPORT_WORKERS": str(workers),
           "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "newsroom", "import", str(data), "--basedir", str(basedir),
                           "--config", str(tmp / "config.toml")],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return dump(basedir / "data" / "newsroom.sqlite3")


def test_import_with_and_without_the_pool_stores_the_same_rows(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(CONFIG, encoding="utf-8")
    data = tmp_path / "in.jsonl"
    lines = records(1300, datetime.now(UTC) - timedelta(hours=5))  # two import batches
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    alone = run_import(tmp_path, "alone", data, workers=0, seed=1)
    pooled = run_import(tmp_path, "pooled", data, workers=2, seed=2)
    assert len(alone["mentions"]) == 1300
    assert {r[8] for r in alone["mentions"]} >= {"nl", "en", "fr"}  # the languages were really detected
    assert alone.keys() == pooled.keys()
    for table, rows in alone.items():
        assert rows == pooled[table], f"table {table} differs"


class _NoPoller:
    def poll_due(self, now: datetime | None = None) -> list[FetchResult]:
        return []

    def health(self, now: datetime | None = None) -> list[SourceHealth]:
        return []

    def close(self) -> None:
        pass


def test_prepared_batches_are_what_the_pipeline_finds_itself(tmp_path: Path) -> None:
    start = datetime(2026, 3, 22, 7, 0, tzinfo=UTC)
    recs = records(300, start)
    mentions = [Mention(id=str(r["id"]), source="import", text=str(r["text"]), published=start,
                        lang=str(r["lang"]) if "lang" in r else None, title=str(r.get("title", "")),
                        searches=tuple(r["searches"]),  # type: ignore[arg-type]
                        sentiment=Sentiment(Polarity.NEGATIVE, -0.7) if "sentiment" in r else None)
                for r in recs]
    pipeline = Pipeline(Config(), Store.open(tmp_path / "s.sqlite3"), _NoPoller(),
                        searches=(Search("Lindeveld", "Lindeveld OR Kanaalweg", languages=("fr",)),))
    try:
        with Preparer(pipeline, workers=0) as prepare:
            prepared = prepare.prepare(mentions)
        firsts = {m.id: m for m in reversed(mentions)}  # the first mention of each id
        assert prepared.keys() == firsts.keys()
        for i, ahead in prepared.items():
            ours = pipeline.analyse(firsts[i])
            assert (ours.lang, ours.sentiment) == (ahead.lang, ahead.sentiment)
            text = f"{ours.title}. {ours.text}" if ours.title and ours.title != ours.text else ours.text
            assert list(ahead.phrase_words) == content_words(text, ours.lang, pipeline.exclude_terms)
            copy = f"{ours.title} {ours.text}" if ours.title and ours.title not in ours.text else ours.text
            assert ahead.copy_words == word_set(copy)
        assert {p.lang for p in prepared.values()} >= {"nl", "en", "fr"}
        assert any(m.title and m.title in m.text and m.title != m.text for m in firsts.values())
        words = {w.key for p in prepared.values() for w in p.phrase_words if isinstance(w, Word)}
        assert "kanaalweg" not in words and "brug" in words  # the search's own terms are left out
    finally:
        pipeline.close()


def test_a_pickled_chunk_comes_back_equal_with_each_repeated_word_sent_once(tmp_path: Path) -> None:
    start = datetime(2026, 3, 22, 7, 0, tzinfo=UTC)
    mentions = [Mention(id=str(r["id"]), source="import", text=str(r["text"]), published=start,
                        title=str(r.get("title", "")), searches=tuple(r["searches"]))  # type: ignore[arg-type]
                for r in records(200, start)]
    pipeline = Pipeline(Config(), Store.open(tmp_path / "s.sqlite3"), _NoPoller(),
                        searches=(Search("Lindeveld", "Lindeveld OR Kanaalweg", languages=("fr",)),))
    try:
        with Preparer(pipeline, workers=0) as prepare:
            chunk = list(prepare.prepare(mentions).values())
    finally:
        pipeline.close()
    data = pickle.dumps(chunk)
    back = pickle.loads(data)
    assert back == chunk
    assert [type(w) for p in back for w in p.phrase_words] == [type(w) for p in chunk for w in p.phrase_words]
    assert all(type(p.sentiment.label) is Polarity for p in back)
    # the chunk's words are shared objects: a word met in many mentions is pickled once
    repeated = Counter(w.key for p in chunk for w in p.phrase_words if isinstance(w, Word))
    key, times = repeated.most_common(1)[0]
    assert times > 10 and data.count(key.encode()) < times
    assert pickle.loads(pickle.dumps(Word("brug", "Brug"))) == Word("brug", "Brug")
    assert pickle.loads(pickle.dumps(Link("van"))) == Link("van")


def test_a_pipeline_fed_prepared_batches_ends_as_one_that_found_everything_itself(tmp_path: Path) -> None:
    """Topics, copies and phrases (which the store does not hold) are the same either way."""
    start = datetime(2026, 3, 22, 7, 0, tzinfo=UTC)
    recs = records(600, start)
    mentions = [Mention(id=str(r["id"]), source="import", text=str(r["text"]),
                        published=datetime.fromisoformat(str(r["published"])), title=str(r.get("title", "")),
                        author="a" if i % 3 else "", searches=tuple(r["searches"]))  # type: ignore[arg-type]
                for i, r in enumerate(recs)]
    ends = []
    for name, ahead in (("alone", False), ("ahead", True)):
        pipeline = Pipeline(Config(), Store.open(tmp_path / f"{name}.sqlite3"), _NoPoller(),
                            searches=(Search("Lindeveld", "Lindeveld OR Kanaalweg"),), clock=lambda: start)
        try:
            with Preparer(pipeline, workers=0) as prepare:
                for i in range(0, len(mentions), 250):
                    batch = mentions[i:i + 250]
                    pipeline.ingest(batch, prepared=prepare.prepare(batch) if ahead else None)
            stored = sorted((m.id, m.topic, m.duplicate_of, m.lang) for m in pipeline.store.mentions_since(start))
            ends.append((stored, dict(pipeline.phrases.bigrams), dict(pipeline.phrases.unigrams),
                         dict(pipeline.phrases.linked)))
        finally:
            pipeline.close()
    assert ends[0] == ends[1]
    assert any(dup for _, _, dup, _ in ends[0][0]) and ends[0][1]  # copies were found, phrases counted


def test_chunks_taken_back_from_a_busy_pool_are_prepared_as_the_pool_prepares_them(tmp_path: Path) -> None:
    """While the worker still starts, this process prepares the chunks it has not begun, the later
    batches' too instead of waiting; the rest come from the worker: together, what a Preparer without
    a pool finds."""
    start = datetime(2026, 3, 22, 7, 0, tzinfo=UTC)
    recs = records(600, start)
    mentions = [Mention(id=str(r["id"]), source="import", text=str(r["text"]), published=start,
                        title=str(r.get("title", "")), searches=tuple(r["searches"]))  # type: ignore[arg-type]
                for r in recs]
    batches = [mentions[i:i + 100] for i in range(0, len(mentions), 100)]
    pipeline = Pipeline(Config({"sentiment.user_lexicon": {"nl": {"pendelaars": -0.8}}}),
                        Store.open(tmp_path / "s.sqlite3"), _NoPoller(),
                        searches=(Search("Lindeveld", "Lindeveld OR Kanaalweg", languages=("nl", "fr")),))
    try:
        with Preparer(pipeline, workers=0) as alone:
            expected = [prepared for _, prepared in alone.batches(batches)]
        with Preparer(pipeline, workers=1) as pooled:
            got = [prepared for _, prepared in pooled.batches(batches)]
            # while the worker starts, its first chunks queued for it, the later ones come back here
            assert pooled.taken_back >= AHEAD
        assert got == expected
        assert pipeline.user_lexicon  # the workers score with the operator's terms too
        assert any(p.sentiment.score for p in expected[0].values())
    finally:
        pipeline.close()


@pytest.mark.parametrize(("count", "env", "expected"), [(10, "", 0), (10, "2", 2), (100_000, "0", 0)])
def test_pool_size(count: int, env: str, expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSROOM_IMPORT_WORKERS", env)
    assert preparer_workers(count) == expected
    if not env:
        monkeypatch.delenv("NEWSROOM_IMPORT_WORKERS")
        assert preparer_workers(100_000) >= 1
