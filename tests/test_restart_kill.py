"""The kill test: ``newsroom import`` is killed with SIGKILL in the middle of an import, right after an
alert reached the webhook (its delivery recorded), then run again to the end. Nothing stored before the
kill is lost or changed, topic ids and counts agree with the mentions, the alert carries on under the
same id and topic, and the webhook never hears the same alert state twice."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.processes import ended, query

NEG = {"label": "negative", "score": -0.8, "confidence": 0.9}
NEUTRAL = {"label": "neutral", "score": 0.0, "confidence": 0.9}
STORIES = (("markt", "kraampjes", "zaterdag", "groenten", "bezoekers"),
           ("fietspad", "aanleg", "Stationsstraat", "werken", "omleiding"),
           ("bibliotheek", "voorleesuur", "kinderen", "boeken", "woensdag"))
FLOOD = ("kelder", "water", "Kanaalweg", "pompen", "brandweer", "schandalig", "overstroming", "riolering")
LAST_MINUTES = 2400  # lines in the last 20 minutes: three import batches, a quarter of them the flood


def write_input(path: Path, now: datetime) -> int:
    """A quiet day, then the last 20 minutes: three calm stories and a flood of angry posts."""
    rng = random.Random(7)
    lines: list[dict[str, Any]] = []
    for i, minutes in enumerate(range(26 * 60, 20, -10)):
        lines.append({"id": f"q{i}", "text": f"Lindeveld bericht {i}", "lang": "nl",
                      "published": (now - timedelta(minutes=minutes)).isoformat(), "searches": ["Lindeveld"],
                      "sentiment": NEG if i % 6 == 0 else NEUTRAL})
    for i in range(LAST_MINUTES):
        at = now - timedelta(minutes=20) + timedelta(seconds=1200 * i / LAST_MINUTES)
        flood = i % 4 == 0
        words = rng.sample(FLOOD, 5) if flood else rng.sample(STORIES[i % 3], 4)
        lines.append({"id": f"{'f' if flood else 'o'}{i}", "text": f"Lindeveld {' '.join(words)} {i}",
                      "published": at.isoformat(), "searches": ["Lindeveld"], "lang": "nl",
                      "author": f"inwoner{i}", "sentiment": NEG if flood else NEUTRAL})
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return len(lines)


def state(db_file: Path) -> dict[str, Any]:
    """Everything that must survive: mentions, counts, alerts, deliveries."""
    return {
        "mentions": {r[0]: r[1:] for r in query(db_file, "SELECT id, topic, published, sentiment_label, "
                                                         "text, duplicate_of FROM mentions")},
        "counts": {(r[0], r[1], r[2]): (r[3], r[4]) for r in query(db_file, "SELECT * FROM counts")},
        "alerts": {r[0]: json.loads(r[1]) for r in query(db_file, "SELECT id, record FROM alerts")},
        "deliveries": query(db_file, "SELECT alert_id, channel, severity, state, outcome FROM deliveries "
                                     "ORDER BY rowid"),
    }


def counts_agree_with_mentions(s: dict[str, Any]) -> None:
    """Per-minute counts of the wall and of every topic are exactly what the stored mentions say."""
    want: Counter[tuple[str, str, int]] = Counter()
    for topic, published, _, _, dup in s["mentions"].values():
        if dup is None:
            minute = published - published % 60
            want[("wall", "wall", minute)] += 1
            want[("topic", str(topic), minute)] += 1
    have = {k: v[0] for k, v in s["counts"].items() if k[0] != "search" and v[0]}
    assert have == dict(want)


def told_per_alert(posts: list[dict[str, Any]]) -> dict[str, list[tuple[str, int]]]:
    """(state, severity) of every message, per alert."""
    said: dict[str, list[tuple[str, int]]] = {}
    for p in posts:
        said.setdefault(p["id"], []).append((p["state"], p["severity"]))
    return said


def run_import(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsroom", "import", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_mid_import_and_mid_alert_loses_nothing_and_repeats_nothing(
        httpserver: HTTPServer, tmp_path: Path) -> None:
    posts: list[dict[str, Any]] = []

    def hook(request: Request) -> Response:
        posts.append(json.loads(request.data))
        return Response("ok")

    httpserver.expect_request("/hooks/wall", method="POST").respond_with_handler(hook)
    env = {**os.environ, "NEWSROOM_SECRET_ALERTS_WEBHOOK_URL": httpserver.url_for("/hooks/wall"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    config = tmp_path / "config.toml"
    config.write_text(
        "[wall]\nname = 'Lindeveld'\n[[searches]]\nname = 'Lindeveld'\nquery = 'Lindeveld'\nsources = ['rss']\n"
        "[alerts]\nmin_severity = 1\n[alerts.webhook]\nformat = 'generic'\n", encoding="utf-8")
    data = tmp_path / "burst.jsonl"
    total = write_input(data, datetime.now(UTC).replace(second=0, microsecond=0))
    args = [str(data), "--config", str(config), "--basedir", str(tmp_path)]
    db_file = tmp_path / "data" / "newsroom.sqlite3"

    first = run_import(args, env)
    try:   # SIGKILL as soon as the first alert has been delivered and recorded: mid-alert, mid-import
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and first.poll() is None:
            try:
                if query(db_file, "SELECT 1 FROM deliveries WHERE outcome = 'sent' LIMIT 1"):
                    break
            except sqlite3.Error:
                pass  # not created or migrated yet
            time.sleep(0.005)
        assert first.poll() is None, "the import ended before its first alert was delivered"
        first.send_signal(signal.SIGKILL)
    finally:
        ended(first)
    before = state(db_file)
    posts_at_kill = len(posts)
    assert 0 < len(before["mentions"]) < total, "killed in the middle of the import"
    # written down before sending ('sending'), settled after ('sent'): a kill in between leaves 'sending'
    outcomes = [d[4] for d in before["deliveries"]]
    assert set(outcomes) <= {"sent", "sending"} and outcomes.count("sent") <= len(posts) <= len(outcomes)
    told = posts[0]
    active = before["alerts"][told["id"]]
    assert active["scope"] == "topic" and active["state"] in ("raised", "ongoing")
    counts_agree_with_mentions(before)

    second = run_import(args, env)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert out == "" and err.rstrip().endswith(f": {total - len(before['mentions']):,} new, "
                                               f"{len(before['mentions']):,} already known")
    after = state(db_file)

    # nothing stored before the kill is lost or changed, topic ids included
    assert len(after["mentions"]) == total
    changed = {mid for mid, row in before["mentions"].items() if after["mentions"][mid] != row}
    assert not changed
    counts_agree_with_mentions(after)
    # the alert carries on: same id, same topic, which still holds the flood; none lost
    assert set(before["alerts"]) <= set(after["alerts"])
    resumed = after["alerts"][told["id"]]
    assert resumed["key"] == active["key"] and resumed["started"] == active["started"]
    assert resumed["updated"] >= active["updated"] and resumed["observed"] >= active["observed"]
    flood_topics = Counter(row[0] for mid, row in after["mentions"].items() if mid.startswith("f"))
    assert flood_topics.most_common(1)[0][0] == int(active["key"])
    # no channel heard the same alert state twice: per alert, each message more severe than the last
    for alert_id, messages in told_per_alert(posts).items():
        severities = [s for state_, s in messages if state_ != "resolved"]
        assert severities == sorted(set(severities)), (alert_id, messages)
    since_restart = [d[4] for d in after["deliveries"][len(before["deliveries"]):]]
    assert since_restart == ["sent"] * (len(posts) - posts_at_kill)  # each recorded, none left hanging


CONFIG = ("[wall]\nname = 'Lindeveld'\ntimezone = 'Europe/Brussels'\n[[searches]]\nname = 'Lindeveld'\n"
          "query = 'Lindeveld'\nsources = ['rss']\n[alerts]\nmin_severity = 1\n[alerts.webhook]\n"
          "format = 'generic'\n")
T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)  # a Tuesday morning
FLOOD_MINUTES = 30


def write_slow_flood(path: Path) -> None:
    """A quiet day before T0, then a flood that grows by two angry posts a minute beside calm talk: the
    alert is raised and told, then told again twice as its severity rises."""
    lines: list[dict[str, Any]] = []
    for i, minutes in enumerate(range(26 * 60, 0, -10)):
        lines.append({"id": f"q{i}", "text": f"Lindeveld bericht {i}", "lang": "nl",
                      "published": (T0 - timedelta(minutes=minutes)).isoformat(), "searches": ["Lindeveld"],
                      "sentiment": NEG if i % 6 == 0 else NEUTRAL})
    rng = random.Random(3)
    for k in range(FLOOD_MINUTES):
        for j in range(5):
            flood = j < 2
            at = T0 + timedelta(minutes=k, seconds=10 * j)
            words = rng.sample(FLOOD, 5) if flood else rng.sample(STORIES[(k + j) % 3], 4)
            lines.append({"id": f"{'f' if flood else 'o'}{k}-{j}", "text": f"Lindeveld {' '.join(words)} {k}",
                          "published": at.isoformat(), "searches": ["Lindeveld"], "lang": "nl",
                          "author": f"inwoner{k}-{j}", "sentiment": NEG if flood else NEUTRAL})
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")


def run_driver(base: Path, data: Path, env: dict[str, str], *, interactive: bool) -> subprocess.Popen[str]:
    config = base / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(CONFIG, encoding="utf-8")
    driver = Path(__file__).with_name("restart_driver.py")
    end = T0 + timedelta(minutes=FLOOD_MINUTES + 5)
    return subprocess.Popen(
        [sys.executable, str(driver), str(base), str(config), str(data), T0.isoformat(), end.isoformat()],
        env=env, text=True, stdin=subprocess.PIPE if interactive else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_mid_alert_tells_each_channel_once_and_the_alert_carries_on(
        httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import restart_driver

    posts: dict[str, list[dict[str, Any]]] = {"reference": [], "killed": []}

    def hook(request: Request) -> Response:
        posts[request.path.rsplit("/", 1)[1]].append(json.loads(request.data))
        return Response("ok")

    httpserver.expect_request("/hooks/reference", method="POST").respond_with_handler(hook)
    httpserver.expect_request("/hooks/killed", method="POST").respond_with_handler(hook)
    data = tmp_path / "flood.jsonl"
    write_slow_flood(data)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    # the same minutes without a kill, for comparison (in this process: the same code, one start less)
    monkeypatch.setenv("NEWSROOM_SECRET_ALERTS_WEBHOOK_URL", httpserver.url_for("/hooks/reference"))
    ref = tmp_path / "reference"
    ref.mkdir()
    (ref / "config.toml").write_text(CONFIG, encoding="utf-8")
    end = T0 + timedelta(minutes=FLOOD_MINUTES + 5)
    assert restart_driver.main(str(ref), str(ref / "config.toml"), str(data), T0.isoformat(),
                               end.isoformat(), interactive=False) == 0
    reference = told_per_alert(posts["reference"])
    assert len(reference) == 1 and len(next(iter(reference.values()))) >= 2, reference

    # killed right after the minute in which the first message was delivered and recorded
    base = tmp_path / "killed"
    kill_env = {**env, "NEWSROOM_SECRET_ALERTS_WEBHOOK_URL": httpserver.url_for("/hooks/killed")}
    db_file = base / "data" / "newsroom.sqlite3"
    first = run_driver(base, data, kill_env, interactive=True)
    try:
        assert first.stdin is not None and first.stdout is not None
        for _ in first.stdout:
            if query(db_file, "SELECT 1 FROM deliveries WHERE outcome = 'sent' LIMIT 1"):
                break
            first.stdin.write("\n")
            first.stdin.flush()
        assert first.poll() is None, "the run ended before an alert was delivered"
        first.send_signal(signal.SIGKILL)
    finally:
        ended(first)
    before = state(db_file)
    assert len(posts["killed"]) == 1
    told = posts["killed"][0]
    active = before["alerts"][told["id"]]
    assert active["state"] in ("raised", "ongoing")

    _, err = run_driver(base, data, kill_env, interactive=False).communicate(timeout=120)
    after = state(db_file)
    killed = told_per_alert(posts["killed"])
    # every channel heard exactly what it hears without a kill: nothing twice, nothing missing
    assert list(killed.values()) == list(reference.values()), err
    resumed = after["alerts"][told["id"]]  # the same alert carried on, on the same topic
    assert resumed["key"] == active["key"] and resumed["started"] == active["started"]
    assert resumed["severity"] > active["severity"] or resumed["observed"] > active["observed"]
    diff = {mid: (row, after["mentions"][mid]) for mid, row in before["mentions"].items()
            if after["mentions"][mid] != row}
    assert not diff
    counts_agree_with_mentions(after)
