"""The dispatcher: what is worth telling, quiet hours, rate cap, retries with back-off, never blocking;
with the store's delivery log, after a restart no channel hears the same alert state again, a channel
that never got it still does, and the hourly cap carries on."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.alerts.channels import ChannelError
from newsroom.alerts.dispatcher import AlertDispatcher, Policy, QuietHours
from newsroom.alerts.explain import Explanation
from newsroom.domain import AlertState, SpikeAlert
from newsroom.store import Store
from newsroom.store.deliveries import DeliveryLog, DeliveryRecord, Outcome


class Recorder:
    def __init__(self, name: str = "rec", *, external: bool = True, failures: int = 0, retry: bool = True,
                 block: threading.Event | None = None) -> None:
        self.name, self.external = name, external
        self.sent: list[tuple[str, int]] = []
        self.failures, self.retry, self.block = failures, retry, block

    def send(self, explanation: Explanation, alert: SpikeAlert) -> None:
        if self.block is not None:
            self.block.wait(5)
        if self.failures:
            self.failures -= 1
            raise ChannelError("server busy", retry=self.retry)
        self.sent.append((alert.state.value, alert.severity))


def run(dispatcher: AlertDispatcher, *alerts: SpikeAlert) -> None:
    dispatcher.start()
    for a in alerts:
        assert dispatcher.submit(a)
    assert dispatcher.wait_idle(5)
    dispatcher.stop()


def test_new_rising_and_resolved(alert: SpikeAlert) -> None:
    rec = Recorder()
    ongoing_same = replace(alert, state=AlertState.ONGOING)
    ongoing_worse = replace(alert, state=AlertState.ONGOING, severity=5)
    resolved = replace(ongoing_worse, state=AlertState.RESOLVED)
    small = replace(alert, id="alert:small", severity=1)
    run(AlertDispatcher([rec], Policy(notify_resolved=True)), alert, ongoing_same, ongoing_worse, resolved, small)
    assert rec.sent == [("raised", 4), ("ongoing", 5), ("resolved", 5)]


def test_quiet_hours_hold_external_channels_but_not_the_local_chime(alert: SpikeAlert) -> None:
    night = datetime(2026, 3, 10, 23, 30, tzinfo=alert.started.tzinfo)  # 00:30 in Brussels
    external, local = Recorder("webhook"), Recorder("sound", external=False)
    quiet = QuietHours.parse("22:00-07:00")
    assert quiet is not None and quiet.contains(night) and not quiet.contains(alert.started)
    dispatcher = AlertDispatcher([external, local], Policy(quiet=quiet), clock=lambda: night)
    run(dispatcher, alert, replace(alert, id="alert:top", severity=5))
    assert external.sent == [("raised", 5)]  # only the top severity breaks the quiet
    assert local.sent == [("raised", 4), ("raised", 5)]
    assert [d.detail for d in dispatcher.deliveries if not d.ok] == ["quiet hours"]


def test_rate_cap_per_channel(alert: SpikeAlert) -> None:
    rec = Recorder()
    alerts = [replace(alert, id=f"alert:{i}") for i in range(5)]
    dispatcher = AlertDispatcher([rec], Policy(max_per_hour=3))
    run(dispatcher, *alerts)
    assert len(rec.sent) == 3
    assert sum("rate cap" in d.detail for d in dispatcher.deliveries) == 2


def test_retries_with_backoff_until_it_works(alert: SpikeAlert) -> None:
    flaky, broken = Recorder("flaky", failures=2), Recorder("broken", failures=99, retry=False)
    dispatcher = AlertDispatcher([flaky, broken], retry_delays=(0.01, 0.02, 0.03))
    run(dispatcher, alert)
    assert flaky.sent == [("raised", 4)] and broken.sent == []
    outcomes = [(d.channel, d.ok) for d in dispatcher.deliveries]
    assert outcomes.count(("flaky", False)) == 2 and ("flaky", True) in outcomes
    assert outcomes.count(("broken", False)) == 1  # not retryable: tried once


def test_submit_never_blocks_and_a_full_queue_drops(alert: SpikeAlert) -> None:
    gate = threading.Event()
    slow = Recorder(block=gate)
    dispatcher = AlertDispatcher([slow], queue_size=2)
    dispatcher.start()
    accepted = [dispatcher.submit(replace(alert, id=f"alert:{i}")) for i in range(6)]
    assert accepted[:2] == [True, True] and not all(accepted)  # returned at once, never waited
    gate.set()
    assert dispatcher.wait_idle(5)
    dispatcher.stop()


def test_quiet_hours_syntax_and_summer_time() -> None:
    import pytest

    assert QuietHours.parse("") is None
    lunch = QuietHours.parse("12:00-13:30")
    assert lunch is not None
    summer = datetime(2026, 7, 1, 10, 45, tzinfo=UTC)  # 12:45 in Brussels (UTC+2)
    assert lunch.contains(summer) and not lunch.contains(summer + timedelta(hours=1))
    with pytest.raises(ValueError, match="22:00-07:00"):
        QuietHours.parse("tien uur")


def dispatcher(path: Path, channels: list[Recorder], policy: Policy | None = None, *,
               now: datetime) -> AlertDispatcher:
    return AlertDispatcher(channels, policy or Policy(), clock=lambda: now, delivery_log=DeliveryLog.open(path),
                           retry_delays=())


def test_a_restart_tells_no_channel_twice(tmp_path: Path, alert: SpikeAlert) -> None:
    path = tmp_path / "s.sqlite3"
    Store.open(path).close()
    now = alert.started
    webhook, broken = Recorder("webhook"), Recorder("mail", failures=1, retry=False)
    run(dispatcher(path, [webhook, broken], now=now), alert)
    assert webhook.sent == [("raised", 4)] and broken.sent == []
    # restart: the same state again, then a rise, then the all-clear
    webhook, mail = Recorder("webhook"), Recorder("mail")
    ongoing = replace(alert, state=AlertState.ONGOING)
    worse = replace(ongoing, severity=5)
    run(dispatcher(path, [webhook, mail], Policy(notify_resolved=True), now=now + timedelta(minutes=5)),
        ongoing, worse)
    assert webhook.sent == [("ongoing", 5)]
    assert mail.sent == [("ongoing", 4), ("ongoing", 5)]  # it never got the first message
    webhook, mail = Recorder("webhook"), Recorder("mail")
    done = replace(worse, state=AlertState.RESOLVED)
    run(dispatcher(path, [webhook, mail], Policy(notify_resolved=True), now=now + timedelta(minutes=9)),
        worse, done, done)
    assert webhook.sent == mail.sent == [("resolved", 5)]
    with DeliveryLog.open(path) as log:
        outcomes = [(r.channel, r.severity, r.state, r.outcome) for r in log.since(now)]
    assert outcomes[:2] == [("webhook", 4, "raised", Outcome.SENT), ("mail", 4, "raised", Outcome.FAILED)]
    assert len(outcomes) == 7


def test_the_hourly_cap_survives_a_restart(tmp_path: Path, alert: SpikeAlert) -> None:
    path = tmp_path / "s.sqlite3"
    Store.open(path).close()
    now = alert.started
    rec = Recorder("webhook")
    run(dispatcher(path, [rec], Policy(max_per_hour=3), now=now),
        *(replace(alert, id=f"alert:{i}") for i in range(2)))
    rec = Recorder("webhook")
    d = dispatcher(path, [rec], Policy(max_per_hour=3), now=now + timedelta(minutes=30))
    run(d, *(replace(alert, id=f"alert:{i}") for i in range(2, 5)))
    assert rec.sent == [("raised", 4)]  # one left of three this hour
    assert [dl.detail for dl in d.deliveries if not dl.ok] == ["rate cap of 3 per hour reached"] * 2
    rec = Recorder("webhook")  # an hour after the first two: room again, capped ones are not retold
    run(dispatcher(path, [rec], Policy(max_per_hour=3), now=now + timedelta(minutes=61)),
        *(replace(alert, id=f"alert:{i}") for i in range(5)), replace(alert, id="alert:new"))
    assert rec.sent == [("raised", 4)]


def test_a_message_cut_short_by_a_kill_is_not_sent_again(tmp_path: Path, alert: SpikeAlert,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "s.sqlite3"
    Store.open(path).close()
    with DeliveryLog.open(path) as log:  # what a kill while sending leaves behind
        log.record(DeliveryRecord(alert.id, "webhook", 4, "raised", alert.started, Outcome.SENDING))
    rec = Recorder("webhook")
    run(dispatcher(path, [rec], now=alert.started + timedelta(minutes=1)),
        replace(alert, state=AlertState.ONGOING), replace(alert, state=AlertState.ONGOING, severity=5))
    assert rec.sent == [("ongoing", 5)]
    assert "may not have reached webhook" in caplog.text
    with DeliveryLog.open(path) as log:
        assert [r.outcome for r in log.since(alert.started)] == [Outcome.SENDING, Outcome.SENT]


def test_what_another_process_told_a_channel_is_not_told_again(tmp_path: Path, alert: SpikeAlert) -> None:
    """A collector that took over asks the delivery log before each message: what the one before it
    told a channel after this dispatcher started (so not in its memory) is not told again."""
    path = tmp_path / "s.sqlite3"
    Store.open(path).close()
    webhook, mail = Recorder("webhook"), Recorder("mail")
    d = dispatcher(path, [webhook, mail], Policy(notify_resolved=True), now=alert.started)
    d.start()
    with DeliveryLog.open(path) as other:  # the other collector, meanwhile
        other.record(DeliveryRecord(alert.id, "webhook", 4, "raised", alert.started, Outcome.SENT))
        other.record(DeliveryRecord(alert.id, "mail", 4, "raised", alert.started, Outcome.FAILED))
    worse = replace(alert, state=AlertState.ONGOING, severity=5)
    run(d, alert, worse)
    assert webhook.sent == [("ongoing", 5)]  # the raised one reached it from the other process
    assert mail.sent == [("raised", 4), ("ongoing", 5)]  # a failed attempt told it nothing
    d = dispatcher(path, [webhook, mail], Policy(notify_resolved=True), now=alert.started)
    d.start()
    with DeliveryLog.open(path) as other:
        other.record(DeliveryRecord(alert.id, "webhook", 5, "resolved", alert.started, Outcome.SENT))
    run(d, replace(worse, state=AlertState.RESOLVED))
    assert webhook.sent == [("ongoing", 5)] and mail.sent[-1] == ("resolved", 5)
