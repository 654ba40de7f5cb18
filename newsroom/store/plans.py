"""Which statements read a whole big table: the query-plan checks the EXPLAIN tests and
``benchmarks/store.py`` share (SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN in JSON), and a
connection that notes every statement a PostgreSQL store issues with its first values."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

#: the tables that grow with the mentions: no statement on the insert or the wall's path reads all of one
BIG = ("mentions", "counts")
_FULL_SCAN = re.compile(r"^SCAN (mentions|counts)\b")
_TOP_N = re.compile(r"\bORDER BY\b.*\bLIMIT\b", re.IGNORECASE | re.DOTALL)
_SHAPE = re.compile(r"\(\?(?:,\s*\?)*\)")


def sqlite_full_scans(db: sqlite3.Connection, sql: str) -> list[str]:
    """The plan lines of ``sql`` that read all of ``mentions`` or ``counts``. An ordered read through an
    index that stops after LIMIT rows (the newest 30 mentions) is not a full scan; a covering-index
    scan (``COUNT(*)``) is."""
    lines = [str(row[3]) for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
    return [line for line in lines if _FULL_SCAN.match(line)
            and not (" USING INDEX " in line and _TOP_N.search(sql))]


def _nodes(plan: dict[str, Any], limited: bool = False) -> Iterator[tuple[dict[str, Any], bool]]:
    limited = limited or plan.get("Node Type") == "Limit"
    yield plan, limited
    for child in plan.get("Plans", ()):
        yield from _nodes(child, limited)


def pg_full_reads(db: Any, sql: str, params: list[Any], *, seqscan: bool = True) -> list[str]:
    """The plan nodes of ``sql`` (EXPLAIN with ``params``) that read all of ``mentions`` or ``counts``: a
    Seq Scan, or an index walked whole without a LIMIT. ``seqscan=False`` plans with sequential scans
    discouraged (a test's small tables: could an index serve?); True asks the planner's own choice at
    the table's real size (the benchmark)."""
    if not seqscan:
        db.execute("SET enable_seqscan = off")
    try:
        row = db.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()
    finally:
        if not seqscan:
            db.execute("RESET enable_seqscan")
    plan = row[0] if isinstance(row[0], list) else json.loads(row[0])
    found = []
    for node, limited in _nodes(plan[0]["Plan"]):
        if node.get("Relation Name") not in BIG:
            continue
        kind = node["Node Type"]
        if kind == "Seq Scan" or (kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node
                                  and not limited):
            found.append(f"{kind} on {node['Relation Name']}")
    return found


class RecordingConnection:
    """A PostgreSQL store's connection that notes every statement's shape with its first values
    (``seen``: shape -> (sql, values)), so each can be EXPLAINed afterwards."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.seen: dict[str, tuple[str, list[Any]]] = {}

    def _note(self, sql: str, parameters: Any) -> None:
        if parameters is not None:
            self.seen.setdefault(_SHAPE.sub("(…)", sql), (sql, list(parameters)))

    def execute(self, sql: str, parameters: Any = None, /) -> Any:
        self._note(sql, parameters)
        return self.inner.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> None:
        rows = list(parameters)
        if rows:
            self._note(sql, rows[0])
        self.inner.executemany(sql, rows)

    def close(self) -> None:
        self.inner.close()
