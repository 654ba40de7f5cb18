"""The command-line contract on other people's files: ``newsroom spikes``, ``topics`` and ``sentiment``
run (as a subprocess, the real entry point) on inputs in every form a stranger might send (a BOM, CRLF,
another header, epoch times, numbers as ids, duplicate ids, a NaN, a gap, rows out of order, other
bucket lengths, non-UTF-8 bytes, ...), written to a temporary folder. Each run is checked against the
contract: no crash, one output row per input row in input order with the id / timestamp / value echoed
as given, exactly the documented columns or keys, ``score`` in [0, 1], ``alert`` 0/1, a non-empty
``label``; input that cannot be read must give one line on stderr and exit code 2; a form that says
the same as the plain one (a BOM, epoch times, numbers as ids, ...) must give the same analysis; the
plain form the same output under PYTHONHASHSEED 0, 1 and 2.

    python benchmarks/contract_audit.py                 # every case, one table
    python benchmarks/contract_audit.py --only spikes   # one command

Prints one row per case: the command, the input form, OK or what broke.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from newsroom.commands.stdin_text import decoded

ROOT = Path(__file__).resolve().parents[1]
STREAM = ROOT / "benchmarks" / "data" / "devstreams" / "meerhoutem.jsonl"
START = datetime(2026, 11, 16, 0, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Case:
    """One input form: the command, its name, the bytes sent and whether the contract wants it refused."""

    command: str
    name: str
    data: bytes
    refuse: bool = False  # True: unreadable input, the command must say so and exit 2


def run(command: str, data: bytes, seed: str = "0") -> subprocess.CompletedProcess[bytes]:
    """The real command on ``data`` as stdin."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as base:
        return subprocess.run([sys.executable, "-m", "newsroom", command, "--basedir", base,
                               *(["--timezone", "Europe/Brussels"] if command == "spikes" else [])],
                              input=data, capture_output=True, env=env, check=False)


# -- spikes -------------------------------------------------------------------------------------------
def series(step_s: int = 300, days: float = 4.0) -> list[tuple[datetime, int]]:
    """A town-shaped negative volume: a daily rhythm and a burst on the last day."""
    rows = []
    n = int(days * 86400 / step_s)
    for i in range(n):
        t = START + timedelta(seconds=i * step_s)
        hour = t.hour + t.minute / 60
        base = (2 + 3 * math.sin(math.pi * max(0.0, hour - 6) / 16) if 6 <= hour <= 22 else 1) * step_s / 300
        burst = 25 * step_s / 300 if n - n // 8 <= i < n - n // 8 + max(1, 3600 // step_s) else 0
        rows.append((t, int(base + burst + (i * 7919 % 5) * step_s / 600)))
    return rows


def csv_bytes(rows: list[list[str]], header: tuple[str, ...] | None = ("timestamp", "value"), sep: str = ",",
              end: str = "\n") -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator=end)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode()


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def spike_cases() -> list[Case]:
    base = series()
    rows = [[iso(t), str(v)] for t, v in base]
    nab = [[t.strftime("%Y-%m-%d %H:%M:%S"), str(v)] for t, v in base]
    return [
        Case("spikes", "ISO Z, header", csv_bytes(rows)),
        Case("spikes", "NAB form (space, no zone)", csv_bytes(nab)),
        Case("spikes", "no header", csv_bytes(rows, None)),
        Case("spikes", "BOM + header", b"\xef\xbb\xbf" + csv_bytes(rows)),
        Case("spikes", "CRLF", csv_bytes(rows, end="\r\n")),
        Case("spikes", "BOM + CRLF + NAB form", b"\xef\xbb\xbf" + csv_bytes(nab, end="\r\n")),
        Case("spikes", "header Timestamp,Value", csv_bytes(rows, ("Timestamp", "Value"))),
        Case("spikes", "header time,count", csv_bytes(rows, ("time", "count"))),
        Case("spikes", "header quoted with spaces", csv_bytes(rows, (" timestamp ", " value "))),
        Case("spikes", "extra column after", csv_bytes([[*r, "x"] for r in rows],
                                                        ("timestamp", "value", "label"))),
        Case("spikes", "columns value,timestamp", csv_bytes([[v, t] for t, v in rows], ("value", "timestamp"))),
        Case("spikes", "float values", csv_bytes([[t, f"{float(v):.1f}"] for t, v in rows])),
        Case("spikes", "offset +01:00", csv_bytes([[t.astimezone(timezone(timedelta(hours=1))).isoformat(),
                                                    str(v)] for t, v in base])),
        Case("spikes", "milliseconds .000Z", csv_bytes([[t.strftime("%Y-%m-%dT%H:%M:%S.000Z"), str(v)]
                                                         for t, v in base])),
        Case("spikes", "epoch seconds", csv_bytes([[str(int(t.timestamp())), str(v)] for t, v in base])),
        Case("spikes", "epoch milliseconds", csv_bytes([[str(int(t.timestamp()) * 1000), str(v)]
                                                         for t, v in base])),
        Case("spikes", "trailing blank lines", csv_bytes(rows) + b"\n\n"),
        Case("spikes", "semicolon separated", csv_bytes(rows, sep=";")),
        Case("spikes", "tab separated", csv_bytes(rows, sep="\t")),
        Case("spikes", "value 0.0 everywhere", csv_bytes([[t, "0.0"] for t, _ in rows])),
        Case("spikes", "a NaN value", csv_bytes([*rows[:500], [rows[500][0], "NaN"], *rows[501:]])),
        Case("spikes", "an empty value", csv_bytes([*rows[:500], [rows[500][0], ""], *rows[501:]])),
        Case("spikes", "a gap of 3 hours", csv_bytes(rows[:400] + rows[436:])),
        Case("spikes", "two rows out of order", csv_bytes([*rows[:300], rows[301], rows[300], *rows[302:]])),
        Case("spikes", "a duplicated timestamp", csv_bytes([*rows[:300], rows[300], *rows[300:]])),
        Case("spikes", "1-minute buckets", csv_bytes([[iso(t), str(v)] for t, v in series(60, 2)])),
        Case("spikes", "10-minute buckets", csv_bytes([[iso(t), str(v)] for t, v in series(600)])),
        Case("spikes", "1-hour buckets", csv_bytes([[iso(t), str(v)] for t, v in series(3600, 14)])),
        Case("spikes", "pandas index column", csv_bytes([[str(i), *r] for i, r in enumerate(rows)],
                                                         ("", "timestamp", "value"))),
        Case("spikes", "newest first", csv_bytes(rows[::-1])),
        Case("spikes", "times with UTC after them", csv_bytes([[t.strftime("%Y-%m-%d %H:%M:%S UTC"), str(v)]
                                                               for t, v in base])),
        Case("spikes", "negative values", csv_bytes([[t, str(-int(v))] if i % 7 == 0 else [t, v]
                                                     for i, (t, v) in enumerate(rows)])),
        Case("spikes", "a huge value", csv_bytes([*rows[:500], [rows[500][0], "1e300"], *rows[501:]])),
        Case("spikes", "comment rows", b"# exported 2026-11-20\n" + csv_bytes(rows[:50]) + b"# a note\n"
             + csv_bytes(rows[50:], None)),
        Case("spikes", "only a header", b"timestamp,value\n"),
        Case("spikes", "empty stdin", b""),
        Case("spikes", "one row", csv_bytes(rows[:1])),
        Case("spikes", "latin-1 header bytes", "tijdstip (é),waarde\n".encode("latin-1")
             + csv_bytes(rows, None)),
        Case("spikes", "not a CSV at all", b"\x00\x01\x02 binary \xff\xfe\n", refuse=True),
    ]


def check_spikes(case: Case, out: str) -> str | None:
    """What breaks the contract in the output of ``case``, or None."""
    text = case.data.decode("utf-8", "replace").removeprefix("\ufeff")
    first = next((line for line in text.splitlines() if not line.startswith("#")), "")
    sep = ";" if ";" in first else "\t" if "\t" in first else ","
    given = [r for r in csv.reader(io.StringIO(text), delimiter=sep)
             if r and "".join(r).strip() and not r[0].startswith("#")]
    if given and not any(ch.isdigit() for ch in given[0][0] + given[0][-1]):
        header, given = given[0], given[1:]
        if header[0] == "":  # pandas' index column
            given = [r[1:] for r in given]
    lines = out.splitlines()
    if not lines or lines[0] != "timestamp,value,score,alert":
        return f"header {lines[:1]}"
    got = list(csv.reader(lines[1:]))
    if len(got) != len(given):
        return f"{len(got)} rows out for {len(given)} in"
    swapped = case.name.startswith("columns value")
    for g, o in zip(given, got, strict=True):
        stamp, value = (g[1], g[0]) if swapped else (g[0], g[1])
        if len(o) != 4 or o[0] != stamp.strip() or o[1] != value.strip():
            return f"row {g} came back as {o}"
        score = float(o[2])
        if not 0.0 <= score <= 1.0 or o[3] not in ("0", "1"):
            return f"score/alert {o[2]},{o[3]}"
    return None


# -- topics and sentiment -----------------------------------------------------------------------------
def stream(n: int = 240) -> list[dict[str, object]]:
    """The first ``n`` posts of a hand-written dev stream: id, text, published."""
    with STREAM.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh][:n]
    return [{"id": r["id"], "text": r["text"], "published": r["published"]} for r in records]


def jsonl(records: list[dict[str, object]], end: str = "\n") -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + end for r in records).encode()


def variants(command: str) -> list[Case]:
    """The JSONL forms shared by topics and sentiment."""
    posts = stream()
    def with_published(f: Callable[[datetime], object]) -> list[dict[str, object]]:
        return [{**p, "published": f(datetime.fromisoformat(str(p["published"]).replace("Z", "+00:00")))}
                for p in posts]
    long_text = " ".join(str(p["text"]) for p in posts) * 20
    latin = jsonl(posts[:50]) + json.dumps({"id": "latin", "text": "Caf\u00e9 d\u00e9j\u00e0 ferm\u00e9"},
                                           ensure_ascii=False).encode("latin-1") + b"\n" + jsonl(posts[50:])
    return [
        Case(command, "plain", jsonl(posts)),
        Case(command, "BOM", b"\xef\xbb\xbf" + jsonl(posts)),
        Case(command, "CRLF", jsonl(posts, "\r\n")),
        Case(command, "trailing blank lines", jsonl(posts) + b"\n\n  \n"),
        Case(command, "ids are numbers", jsonl([{**p, "id": i} for i, p in enumerate(posts)])),
        Case(command, "ids are floats", jsonl([{**p, "id": i + 0.5} for i, p in enumerate(posts)])),
        Case(command, "duplicate ids", jsonl([{**p, "id": f"d{i // 2}"} for i, p in enumerate(posts)])),
        Case(command, "an empty id", jsonl([{**posts[0], "id": ""}, *posts[1:]])),
        Case(command, "empty texts", jsonl([{**p, "text": ""} if i % 10 == 0 else p
                                            for i, p in enumerate(posts)])),
        Case(command, "null text", jsonl([{**posts[0], "text": None}, *posts[1:]])),
        Case(command, "published epoch seconds", jsonl(with_published(lambda t: int(t.timestamp())))),
        Case(command, "published epoch ms", jsonl(with_published(lambda t: int(t.timestamp()) * 1000))),
        Case(command, "published epoch as text", jsonl(with_published(lambda t: str(int(t.timestamp()))))),
        Case(command, "published no zone", jsonl(with_published(lambda t: t.strftime("%Y-%m-%dT%H:%M:%S")))),
        Case(command, "published with space", jsonl(with_published(lambda t: t.strftime("%Y-%m-%d %H:%M:%S")))),
        Case(command, "published +01:00", jsonl(with_published(
            lambda t: t.astimezone(timezone(timedelta(hours=1))).isoformat()))),
        Case(command, "published RFC 2822", jsonl(with_published(
            lambda t: t.strftime("%a, %d %b %Y %H:%M:%S +0000")))),
        Case(command, "published null", jsonl([{**p, "published": None} for p in posts])),
        Case(command, "no published", jsonl([{"id": p["id"], "text": p["text"]} for p in posts])),
        Case(command, "published out of order", jsonl(posts[::-1])),
        Case(command, "extra keys", jsonl([{**p, "author": "x", "meta": {"a": [1, 2]}, "score": 0.5}
                                           for p in posts])),
        Case(command, "lang NL / nl-BE / de / null", jsonl([{**p, "lang": ["NL", "nl-BE", "de", None][i % 4]}
                                                            for i, p in enumerate(posts)])),
        Case(command, "a very long post", jsonl([*posts[:100], {**posts[100], "text": long_text}, *posts[101:]])),
        Case(command, "non-UTF-8 line", latin),
        Case(command, "one JSON array", json.dumps(posts, ensure_ascii=False, indent=1).encode()),
        Case(command, "objects over several lines", "\n".join(json.dumps(p, ensure_ascii=False, indent=2)
                                                               for p in posts).encode()),
        Case(command, "empty stdin", b""),
        Case(command, "not JSON", b"id,text\n1,hallo\n", refuse=True),
    ]


def given_records(case: Case) -> list[dict[str, object]]:
    """The records sent, line by line (a line that is not UTF-8 read as Windows-1252), or the array's."""
    if case.data.lstrip().startswith(b"["):
        return list(json.loads(case.data))
    if case.data.startswith(b"{\n"):
        return [json.loads("{" + part) for part in case.data.decode()[1:].split("\n{")]
    return [json.loads(decoded(line)) for line in case.data.removeprefix(b"\xef\xbb\xbf").splitlines()
            if line.strip()]


def records_in_and_out(case: Case, out: str) -> list[tuple[dict[str, Any], dict[str, Any]]] | str:
    """Each record sent beside the line the command wrote for it, or what is wrong with their count."""
    given = given_records(case)
    got = [json.loads(line) for line in out.splitlines()]
    if len(got) != len(given):
        return f"{len(got)} lines out for {len(given)} in"
    return list(zip(given, got, strict=True))


def check_topics(case: Case, out: str) -> str | None:
    pairs = records_in_and_out(case, out)
    if isinstance(pairs, str):
        return pairs
    for g, o in pairs:
        if set(o) != {"id", "topic", "label"}:
            return f"keys {sorted(o)}"
        if o["id"] != g["id"] or type(o["id"]) is not type(g["id"]):
            return f"id {g['id']!r} came back as {o['id']!r}"
        if not isinstance(o["label"], str) or not o["label"].strip() or not isinstance(o["topic"], int):
            return f"topic/label {o['topic']!r} {o['label']!r}"
    return None


def check_sentiment(case: Case, out: str) -> str | None:
    pairs = records_in_and_out(case, out)
    if isinstance(pairs, str):
        return pairs
    for g, o in pairs:
        if any(k not in o or (o[k] != g[k] and k != "lang") for k in g):
            return f"{g} came back as {o}"
        s = o.get("sentiment")
        if o.get("lang") not in ("nl", "fr", "en", "de", "other"):
            return f"lang {o.get('lang')!r}"
        if (not isinstance(s, dict) or s.get("label") not in ("negative", "neutral", "positive")
                or not -1 <= s["score"] <= 1 or not 0 <= s["confidence"] <= 1):
            return f"sentiment {s!r}"
    return None


CHECKS = {"spikes": check_spikes, "topics": check_topics, "sentiment": check_sentiment}

#: forms that carry the same information as the command's first case: the analysis must come out the same
SAME = {
    "spikes": {"NAB form (space, no zone)", "no header", "BOM + header", "CRLF", "BOM + CRLF + NAB form",
               "header Timestamp,Value", "header time,count", "header quoted with spaces", "extra column after",
               "columns value,timestamp", "float values", "offset +01:00", "milliseconds .000Z",
               "epoch seconds", "epoch milliseconds", "trailing blank lines", "semicolon separated",
               "tab separated", "pandas index column", "newest first", "times with UTC after them",
               "comment rows"},
    "topics": {"BOM", "CRLF", "trailing blank lines", "ids are numbers", "ids are floats",
               "published epoch seconds", "published epoch ms", "published epoch as text", "published no zone",
               "published with space", "published +01:00", "published RFC 2822", "extra keys", "one JSON array",
               "objects over several lines"},
    "sentiment": {"BOM", "CRLF", "trailing blank lines", "ids are numbers", "ids are floats", "duplicate ids",
                  "an empty id", "published epoch seconds", "published no zone", "published null",
                  "no published", "extra keys", "one JSON array", "objects over several lines"},
}


#: forms also run under PYTHONHASHSEED 1 and 2 (the output must not change)
SEEDED = {"plain", "ISO Z, header", "duplicate ids", "ids are numbers", "newest first", "a duplicated timestamp"}


def analysis(command: str, out: str) -> list[object]:
    """What the analysis said, row by row, without the echoed input."""
    if command == "spikes":
        return [line.split(",")[2:] for line in out.splitlines()[1:]]
    records = [json.loads(line) for line in out.splitlines()]
    if command == "topics":
        return [(r["topic"], r["label"]) for r in records]
    return [(r["lang"], r["sentiment"]) for r in records]


def audit(case: Case, seeds: bool, reference: dict[str, list[object]]) -> str:
    """OK, or what broke; ``reference``: the analysis of each command's first case."""
    proc = run(case.command, case.data)
    err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    last = err[-1] if err else ""
    if case.refuse:
        if proc.returncode == 2 and last.startswith("newsroom: ") and "unexpected" not in last:
            return "OK (refused: " + last[:90] + ")"
        return f"BAD exit {proc.returncode}: {last[:120]}"
    if proc.returncode != 0:
        return f"BAD exit {proc.returncode}: {last[:140]}"
    try:
        text = proc.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"BAD the output is not UTF-8 ({exc.reason} at byte {exc.start})"
    problem = CHECKS[case.command](case, text)
    if problem is not None:
        return "BAD " + problem[:160]
    said = analysis(case.command, text)
    if case.name == "newest first":
        said = said[::-1]
    reference.setdefault(case.command, said)
    if case.name in SAME[case.command] and said != reference[case.command]:
        differ = sum(a != b for a, b in zip(said, reference[case.command], strict=True))
        return f"BAD the analysis differs from the plain form's on {differ} of {len(said)} rows"
    if seeds:
        for seed in ("1", "2"):
            if run(case.command, case.data, seed).stdout != proc.stdout:
                return f"BAD output differs under PYTHONHASHSEED={seed}"
    return "OK"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=tuple(CHECKS), default=None)
    parser.add_argument("--case", default=None, help="only the cases whose name holds this text")
    args = parser.parse_args()
    cases = [*spike_cases(), *variants("topics"), *variants("sentiment")]
    bad = 0
    reference: dict[str, list[object]] = {}
    for case in cases:
        if (args.only and case.command != args.only) or (args.case and args.case not in case.name):
            continue
        verdict = audit(case, case.name in SEEDED, reference)
        bad += verdict.startswith("BAD")
        print(f"| {case.command} | {case.name} | {verdict} |", flush=True)
    print(f"RESULT {bad} bad")


if __name__ == "__main__":
    main()
