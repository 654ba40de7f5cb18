"""The collector's and the walls' database roles on a real PostgreSQL server: the collector owns and
writes the tables; a wall reads everything, acknowledges alerts and wakes other walls, and cannot write
mentions; doctor names what each may do."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsroom.doctor import check_shared_store
from newsroom.domain import AlertScope, AlertState, Mention, SpikeAlert
from newsroom.store import open_store
from newsroom.store.opening import StoreReadOnly
from newsroom.store.postgres import PgStore
from newsroom.store.roles import apply_roles, main
from tests.pg_cluster import Cluster, database_of

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


class Findings:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def ok(self, what: str) -> None:
        self.lines.append(f"ok {what}")

    def warn(self, what: str, fix: str = "") -> None:
        self.lines.append(f"warn {what}")

    def fail(self, what: str, fix: str = "") -> None:
        self.lines.append(f"FAIL {what}")


def test_the_collector_writes_and_a_wall_only_reads_and_acknowledges(pg_cluster: Cluster, pg_url: str) -> None:
    database = database_of(pg_url)
    writer, wall = f"{database}_collector", f"{database}_wall"
    apply_roles(pg_url, writer=writer, wall=wall, writer_password="pw-collector", wall_password="pw-wall")
    collector_url = pg_cluster.url(database, user=writer, password="pw-collector")
    wall_url = pg_cluster.url(database, user=wall, password="pw-wall")
    alert = SpikeAlert(id="a1", scope=AlertScope.WALL, key="wall", title="Storm", state=AlertState.RAISED,
                       severity=3, started=T0, updated=T0, window_min=30, observed=12, expected=1.0,
                       spread=1.0, score=0.9)
    with open_store(collector_url) as collector:
        collector.add_mentions([Mention(id="m:1", source="rss", text="Kanaalbrug dicht", published=T0)])
        collector.save_alert(alert)
        owners = {r[0] for r in collector._db.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")}
        assert owners == {writer}  # the collector can migrate its own tables later
    with open_store(wall_url) as reader:
        assert isinstance(reader, PgStore)
        assert [m.id for m in reader.latest_mentions(5)] == ["m:1"]
        acked = reader.acknowledge_alert("a1", "Els", T0)
        assert acked is not None and acked.acknowledged_by == "Els"
        reader.bump_change()
        with pytest.raises(StoreReadOnly, match=rf"the database user {wall} may not make this change .*"
                                                r"a wall's role only reads and acknowledges alerts"):
            reader.add_mentions([Mention(id="m:2", source="rss", text="iets", published=T0)])
        with pytest.raises(StoreReadOnly):
            reader.apply_retention(T0, days=1)
        assert reader.mention_count() == 1  # the refused transaction was rolled back: the store works on
    with open_store(collector_url) as collector:
        assert collector.active_alerts()[0].acknowledged_by == "Els"
    for url, says in ((collector_url, "may write (a collector's role)"),
                      (wall_url, "reads only and may acknowledge alerts")):
        findings = Findings()
        check_shared_store(findings, url)
        assert any(says in line for line in findings.lines), findings.lines
        assert not any("pw-" in line for line in findings.lines)


def test_roles_print_their_sql(pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([pg_url, "--print", "--writer", "schrijver", "--wall", "muur"]) == 0
    out = capsys.readouterr().out
    assert 'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "muur"' in out
    assert 'GRANT INSERT, UPDATE ON "alerts" TO "muur"' in out
    assert main([pg_url.replace("/t", "/geen_db_t", 1), "--print"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_doctor_says_when_the_database_is_empty_or_cannot_be_reached(pg_url: str, tmp_path: object) -> None:
    findings = Findings()
    check_shared_store(findings, pg_url)
    assert findings.lines[0].startswith("warn") and "no Newsroom tables yet" in findings.lines[0]
    findings = Findings()
    check_shared_store(findings, f"postgresql://muur:geheim@/x?host={tmp_path}")
    assert len(findings.lines) == 1 and findings.lines[0].startswith("FAIL")
    assert "cannot be reached" in findings.lines[0] and "geheim" not in findings.lines[0]
