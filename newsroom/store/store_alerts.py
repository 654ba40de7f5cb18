"""The store's alerts: saved as the detector updates them, an acknowledgement from any wall kept, read
as the active ones or those updated since a time. A part of :class:`~newsroom.store.store.Store`."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from newsroom.domain import AlertState, SpikeAlert
from newsroom.store.codec import alert_from_json, alert_to_json
from newsroom.store.sql import Connection

log = logging.getLogger("newsroom.store")


class StoreAlerts:
    """Alerts in the ``alerts`` table (one JSON record a row, its state and times as columns)."""

    _db: Connection

    if TYPE_CHECKING:
        def bump_change(self) -> int: ...

    def save_alert(self, a: SpikeAlert) -> None:
        """Insert or update an alert. An acknowledgement already stored is kept: the detector's copy
        does not know that someone pressed the key on a wall in between (also a wall of another
        process: the row is only replaced when it is still the one read, else read again)."""
        while True:
            row = self._db.execute("SELECT record FROM alerts WHERE id = ?", (a.id,)).fetchone()
            seen = None if row is None else str(row[0])
            if a.acknowledged_by is None and seen is not None:
                stored = alert_from_json(seen)
                if stored.acknowledged_by is not None:
                    a = replace(a, acknowledged_by=stored.acknowledged_by,
                                acknowledged_at=stored.acknowledged_at)
            if self._put_alert(a, seen):
                return

    def _put_alert(self, a: SpikeAlert, seen: str | None) -> bool:
        """Write ``a`` unless its row changed since it was read as ``seen`` (None: there was none);
        False when it changed (the caller reads it again)."""
        values = (a.id, a.state.value, int(a.started.timestamp()), int(a.updated.timestamp()),
                  alert_to_json(a))
        if seen is None:
            cur = self._db.execute(
                "INSERT INTO alerts (id, state, started, updated, record) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING", values)
        else:
            cur = self._db.execute(
                "UPDATE alerts SET state = ?, started = ?, updated = ?, record = ? "
                "WHERE id = ? AND record = ?",
                (*values[1:], a.id, seen))
        return cur.rowcount > 0

    def active_alerts(self) -> list[SpikeAlert]:
        """Alerts that are raised or ongoing, most severe first."""
        active = [s.value for s in AlertState if s is not AlertState.RESOLVED]
        marks = ",".join("?" * len(active))  # IN, not !=: the state index finds them without a scan
        rows = self._db.execute(f"SELECT record FROM alerts WHERE state IN ({marks}) ORDER BY started, id",
                                active)
        alerts = [alert_from_json(r[0]) for r in rows]
        return sorted(alerts, key=lambda a: (-a.severity, a.started))

    def alerts_since(self, t: datetime) -> list[SpikeAlert]:
        """Alerts updated at or after ``t``, oldest first."""
        rows = self._db.execute("SELECT record FROM alerts WHERE updated >= ? ORDER BY started",
                                (int(t.timestamp()),))
        return [alert_from_json(r[0]) for r in rows]

    def acknowledge_alert(self, alert_id: str, by: str, at: datetime) -> SpikeAlert | None:
        """Record who acknowledged an alert and when (any wall's process may; every wall redraws: the
        change counter is bumped); None when there is no such alert."""
        while True:
            row = self._db.execute("SELECT record FROM alerts WHERE id = ?", (alert_id,)).fetchone()
            if row is None:
                return None
            alert = replace(alert_from_json(row[0]), acknowledged_by=by, acknowledged_at=at)
            if self._put_alert(alert, str(row[0])):
                break
        self.bump_change()
        log.info("alert %s acknowledged by %s", alert_id, by)
        return alert
