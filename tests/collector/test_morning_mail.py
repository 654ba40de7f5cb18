"""The collector's morning briefing mail: the real ``newsroom briefing`` child process on a real store,
mailed through a real SMTP server on 127.0.0.1; the day goes into the store, so it goes once a day."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.briefing.schedule import MAILED_KEY
from newsroom.collector.morning import MorningMail
from newsroom.config import Config
from newsroom.store import Store
from tests.smtp_inbox import Inbox
from tests.ui.test_briefing_pdf import fill_store, inbox  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]


def config(port: int) -> Config:
    return Config({"wall.name": "Lindeveld", "briefing.enabled": True, "briefing.email_time": "07:30",
                   "briefing.recipients": ["burgemeester@lindeveld.example"],
                   "alerts.email.host": "127.0.0.1", "alerts.email.port": port,
                   "alerts.email.starttls": False, "alerts.email.sender": "wall@lindeveld.example"})


def test_the_collector_mails_the_morning_briefing_once_a_day(
        tmp_path: Path, inbox: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    box, port = inbox
    store_file = tmp_path / "data" / "newsroom.sqlite3"
    store = Store.open(store_file)
    try:
        fill_store(store, stories=3)
        mail = MorningMail(config(port), store_file, basedir=tmp_path, config_file=None)
        early = datetime(2026, 3, 10, 6, 0, tzinfo=UTC)  # 07:00 in Brussels
        assert not mail.check(store.get_meta, store.set_meta, early)
        now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
        assert mail.check(store.get_meta, store.set_meta, now)
        assert not mail.check(store.get_meta, store.set_meta, now)  # one at a time
        mail.wait(120)
        assert not mail.check(store.get_meta, store.set_meta, now + timedelta(minutes=1))  # recorded now
        assert store.get_meta(MAILED_KEY) == "2026-03-10"
        assert not mail.check(store.get_meta, store.set_meta, now + timedelta(hours=3))  # once a day
        # a collector started again (or taking over) that day reads the day from the store
        again = MorningMail(config(port), store_file, basedir=tmp_path, config_file=None)
        assert not again.check(store.get_meta, store.set_meta, now + timedelta(hours=4))
    finally:
        store.close()
    assert len(box.messages) == 1
    msg = box.messages[0]
    assert msg["To"] == "burgemeester@lindeveld.example" and "Lindeveld" in msg["Subject"]
    pdfs = [part for part in msg.walk() if part.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0].get_payload(decode=True).startswith(b"%PDF-")  # type: ignore[union-attr]


def test_a_mail_that_fails_is_tried_again_after_half_an_hour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    not_a_store = tmp_path / "store.sqlite3"
    not_a_store.write_text("not a database", encoding="utf-8")
    meta: dict[str, str] = {}
    mail = MorningMail(config(1), not_a_store, basedir=tmp_path, config_file=None)
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    assert mail.check(meta.get, meta.__setitem__, now)
    mail.wait(120)
    assert not mail.check(meta.get, meta.__setitem__, now + timedelta(minutes=1))  # the failure is taken in
    assert meta == {}
    assert not mail.check(meta.get, meta.__setitem__, now + timedelta(minutes=29))
    assert mail.check(meta.get, meta.__setitem__, now + timedelta(minutes=32))
    mail.wait(120)
