"""End to end: a burst imported through the pipeline reaches a webhook configured in the config file,
with its URL from the secret store (environment here), and nothing is left queued at shutdown."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsroom.cli import main

NEG = {"label": "negative", "score": -0.8, "confidence": 0.9}
NEUTRAL = {"label": "neutral", "score": 0.0, "confidence": 0.9}


def test_a_burst_reaches_the_webhook(httpserver: HTTPServer, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request("/hooks/wall", method="POST").respond_with_data("ok")
    monkeypatch.setenv("NEWSROOM_SECRET_ALERTS_WEBHOOK_URL", httpserver.url_for("/hooks/wall"))
    config = tmp_path / "config.toml"
    config.write_text(
        "[wall]\nname = 'Lindeveld'\n[[searches]]\nname = 'Lindeveld'\nquery = 'Lindeveld'\nsources = ['rss']\n"
        "[alerts]\nmin_severity = 1\n[alerts.webhook]\nformat = 'generic'\n", encoding="utf-8")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    lines = []
    for i, minutes in enumerate(range(26 * 60, 20, -10)):  # a quiet day and more
        at = now - timedelta(minutes=minutes)
        lines.append({"id": f"q{i}", "text": f"Lindeveld bericht {i}", "published": at.isoformat(),
                      "searches": ["Lindeveld"], "lang": "nl", "sentiment": NEG if i % 6 == 0 else NEUTRAL})
    for i in range(80):  # then a flood of angry posts in the last 15 minutes
        at = now - timedelta(minutes=15) + timedelta(seconds=11 * i)
        lines.append({"id": f"b{i}", "text": f"Lindeveld kelder onder water, schandalig {i}",
                      "published": at.isoformat(), "searches": ["Lindeveld"], "lang": "nl",
                      "author": f"bewoner{i}", "sentiment": NEG})
    data = tmp_path / "burst.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    assert main(["import", str(data), "--config", str(config), "--basedir", str(tmp_path)]) == 0
    posts = [json.loads(r.data) for r, _ in httpserver.log]
    assert posts, "the alert must reach the webhook before the command ends"
    first = posts[0]
    assert first["state"] == "raised" and first["observed"] >= 10  # early: at the start of the flood
    assert "negatieve berichten in 30 min" in first["text"]
    assert {p["id"] for p in posts} == {first["id"]}  # one event, one alert ...
    assert max(p["severity"] for p in posts) >= 4  # ... told again as its severity rose
    assert [p["severity"] for p in posts] == sorted({p["severity"] for p in posts})
