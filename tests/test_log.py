"""The log: where it goes, its level, and that no secret ever reaches it (also at debug, from httpx)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.log import REDACTED, RedactSecrets, redact, setup_logging, teardown_logging
from newsroom.secrets import get_secret, known_values

APP_PASSWORD = "bsky-app-pw-4f7q-2kzm-9xwt"
BEARER = "AAAAAAAAAAAAAAAAAAAAAXbearerSecret0123456789"
SESSION_ACCESS = "eyJhbGciOiJIUzI1NiJ9.session-access.c2lnbmF0dXJl"
SESSION_REFRESH = "eyJhbGciOiJIUzI1NiJ9.session-refresh.c2lnbmF0dXJl"
FEED_TOKEN = "feedtoken-55aa66bb77cc"


@pytest.mark.parametrize(("line", "hidden"), [
    ("Authorization: Bearer abcdefgh12345678", "abcdefgh12345678"),
    ("headers={'authorization': 'Basic dXNlcjpwYXNz'}", "dXNlcjpwYXNz"),
    ("[(b'Host', b'x'), (b'Authorization', b'Bearer tok-1234567890')]", "tok-1234567890"),
    ("retrying with bearer s3cr3t-t0k3n-v4lue", "s3cr3t-t0k3n-v4lue"),
    ("GET https://api.example/feed?access_token=qwerty12345&page=2", "qwerty12345"),
    ("GET https://api.example/feed?token=zxcvb98765", "zxcvb98765"),
    ('{"identifier": "stad.bsky.social", "password": "my pass phrase"}', "my pass phrase"),
    ('{"accessJwt": "eyJ.abc.def", "refreshJwt": "eyJ.ghi.jkl"}', "eyJ.abc.def"),
    ("app_password=hunter2hunter2", "hunter2hunter2"),
    ("smtp://wall:Geheim123@mail.example:587", "Geheim123"),
])
def test_credential_looking_values_are_redacted(line: str, hidden: str) -> None:
    out = redact(line, ())
    assert hidden not in out
    assert REDACTED in out


def test_ordinary_lines_are_left_alone() -> None:
    line = "RSS: the server answered 500 Internal Server Error for http://127.0.0.1/feed.xml; 3 tokens"
    assert redact(line, ()) == line


def test_a_secret_read_from_the_environment_is_redacted_wherever_it_appears(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSROOM_SECRET_ALERTS_WEBHOOK_URL", "https://hooks.example/T0/B0/xyzzy-plugh")
    assert "https://hooks.example/T0/B0/xyzzy-plugh" in known_values()
    assert get_secret("alerts.webhook.url") == "https://hooks.example/T0/B0/xyzzy-plugh"
    log_file = tmp_path / "logs" / "newsroom.log"
    setup_logging(log_file, level="debug")
    try:
        log = logging.getLogger("newsroom.test")
        log.info("posting to %s", "https://hooks.example/T0/B0/xyzzy-plugh")
        try:
            raise ValueError("cannot reach https://hooks.example/T0/B0/xyzzy-plugh")
        except ValueError:
            log.exception("webhook failed")
    finally:
        teardown_logging()
    text = log_file.read_text(encoding="utf-8")
    assert "posting to [redacted]" in text
    assert "ValueError: cannot reach [redacted]" in text  # the traceback too
    assert "xyzzy" not in text


def test_a_record_is_redacted_for_every_handler() -> None:
    record = logging.LogRecord("httpx", logging.DEBUG, __file__, 1, "headers %s", (
        [(b"Authorization", b"Bearer abcdef123456789")],), None)
    assert RedactSecrets().filter(record)
    assert "abcdef123456789" not in record.getMessage()
    assert record.args is None


def test_level_from_the_option_and_from_the_config(tmp_path: Path) -> None:
    from newsroom.cli import main

    config = tmp_path / "c.toml"
    config.write_text('[log]\nlevel = "warning"\n', encoding="utf-8")
    log_file = tmp_path / "logs" / "newsroom.log"
    assert main(["secret", "check", "sources.x.bearer_token", "--basedir", str(tmp_path),
                 "--config", str(config)]) == 1
    assert not log_file.exists() or "INFO" not in log_file.read_text(encoding="utf-8")
    assert main(["--log-level", "info", "secret", "check", "sources.x.bearer_token", "--basedir",
                 str(tmp_path), "--config", str(config)]) == 1
    text = log_file.read_text(encoding="utf-8")
    assert "INFO    newsroom.cli: newsroom" in text and "DEBUG" not in text
    config.write_text('[log]\nlevel = "debug"\n', encoding="utf-8")
    assert main(["secret", "check", "sources.x.bearer_token", "--basedir", str(tmp_path),
                 "--config", str(config)]) == 1
    assert "DEBUG   newsroom.cli: options:" in log_file.read_text(encoding="utf-8")


def _serve(httpserver: HTTPServer) -> None:
    """A Bluesky PDS, an X API that echoes the bad token back, and a feed with a token in its URL."""

    def session(request: Request) -> Response:
        body = json.loads(request.data)
        assert body["password"] == APP_PASSWORD
        return Response(json.dumps({"accessJwt": SESSION_ACCESS, "refreshJwt": SESSION_REFRESH,
                                    "handle": "stad.bsky.social"}), content_type="application/json")

    def search(request: Request) -> Response:
        assert request.headers["Authorization"] == f"Bearer {SESSION_ACCESS}"
        post = {"uri": "at://did:plc:abc/app.bsky.feed.post/3kxyz", "cid": "bafy",
                "author": {"did": "did:plc:abc", "handle": "bewoner.bsky.social"},
                "record": {"text": "De Kanaalweg is alweer dicht", "createdAt": "2026-01-06T15:00:00Z"},
                "indexedAt": "2026-01-06T15:00:00Z"}
        return Response(json.dumps({"posts": [post]}), content_type="application/json")

    def x_search(request: Request) -> Response:  # a service that repeats the credential it refuses
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return Response(json.dumps({"title": "Forbidden", "detail": f"the credential {token} is not enrolled"}),
                        status=403, content_type="application/json")

    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_handler(
        session)
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(search)
    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(x_search)
    httpserver.expect_request("/feed.xml").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
        content_type="application/rss+xml")


def test_a_real_poll_at_debug_level_logs_no_secret(httpserver: HTTPServer, tmp_path: Path) -> None:
    _serve(httpserver)
    config = tmp_path / "config.toml"
    base = httpserver.url_for("/").rstrip("/")
    config.write_text(
        '[[searches]]\nname = "Kanaalweg"\nquery = "Kanaalweg"\nsources = ["bluesky", "x", "rss"]\n\n'
        f'[sources.bluesky]\nservice = "{base}"\nhandle = "stad.bsky.social"\n\n'
        f'[sources.x]\nbase_url = "{base}"\n\n'
        f'[sources.rss]\nfeeds = ["{base}/feed.xml?access_token={FEED_TOKEN}"]\n', encoding="utf-8")
    argv = ["--basedir", str(tmp_path), "collect", "--once", "--config", str(config), "--log-level", "debug"]
    env = {**os.environ, "NEWSROOM_SECRET_SOURCES_BLUESKY_APP_PASSWORD": APP_PASSWORD,
           "NEWSROOM_SECRET_SOURCES_X_BEARER_TOKEN": BEARER}
    proc = subprocess.run([sys.executable, "-m", "newsroom", *argv], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "logs" / "newsroom.log").read_text(encoding="utf-8")
    # the poll really happened and was logged at debug level, httpx and httpcore included
    assert "DEBUG   httpcore" in text and "INFO    httpx: HTTP Request: POST" in text
    assert "X: the server answered 403 FORBIDDEN" in text and "(the credential [redacted] is not" in text
    assert REDACTED in text
    for secret in (APP_PASSWORD, BEARER, SESSION_ACCESS, SESSION_REFRESH, FEED_TOKEN):
        assert secret not in text
        assert secret not in proc.stderr


def test_teardown_leaves_logging_as_it_found_it(tmp_path: Path) -> None:
    root = logging.getLogger()
    handlers = list(root.handlers)
    levels = {n: logging.getLogger(n).level for n in ("newsroom", "httpx", "httpcore")}
    setup_logging(tmp_path / "a.log", level="debug")
    assert logging.getLogger("httpcore").level == logging.DEBUG
    setup_logging(tmp_path / "b.log", level="warning")  # a second set-up replaces the first
    assert logging.getLogger("newsroom").level == logging.WARNING
    assert logging.getLogger("httpcore").level == logging.WARNING
    assert len(root.handlers) == len(handlers) + 2
    teardown_logging()
    assert root.handlers == handlers
    assert {n: logging.getLogger(n).level for n in levels} == levels


def test_without_basedir_the_log_is_in_the_user_log_folder() -> None:
    from newsroom.cli import main
    from newsroom.paths import AppPaths

    assert main(["secret", "check", "sources.x.bearer_token"]) == 1
    log_file = AppPaths.for_user().log_file
    assert log_file.is_relative_to(os.environ["XDG_STATE_HOME"])  # the platform's folder (tests: a temp one)
    assert "newsroom.cli: newsroom" in log_file.read_text(encoding="utf-8")
