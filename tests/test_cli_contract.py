"""The data commands on files written by people who never saw our code (pass 21): the real command in a
subprocess on stdin in the forms a stranger sends (a BOM, CRLF, another header or separator, epoch
times, numbers as ids, duplicate ids, a NaN, rows out of order, Latin-1 bytes). Every input row gets
exactly one output row, in input order, with the id / timestamp / value as given; a form that says the
same as the plain one gives the same analysis."""

from __future__ import annotations

import csv
import json
import math
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsroom.commands.given_times import given_time
from newsroom.commands.spike_rows import spike_rows
from newsroom.commands.stdin_text import decoded, text_lines
from newsroom.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 11, 16, tzinfo=UTC)


def run(command: str, data: bytes, *args: str, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[bytes]:
    """The real command, stdin ``data``, in a base folder of its own (no user config)."""
    extra = ["--timezone", "Europe/Brussels"] if command == "spikes" else []
    return subprocess.run([sys.executable, "-m", "newsroom", command, *extra, *args],
                          input=data, capture_output=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


# -- spikes -------------------------------------------------------------------------------------------
def series() -> list[tuple[datetime, int]]:
    """Two days of 5-minute counts with a daily rhythm and a burst near the end."""
    rows = []
    for i in range(2 * 288):
        t = START + timedelta(minutes=5 * i)
        base = 2 + int(3 * math.sin(math.pi * max(0.0, t.hour - 6) / 16)) if 6 <= t.hour <= 22 else 1
        rows.append((t, base + (i * 7919 % 3) + (30 if 540 <= i < 550 else 0)))
    return rows


def csv_text(rows: list[list[str]], header: str | None = "timestamp,value", sep: str = ",",
             end: str = "\n") -> str:
    lines = ([header] if header is not None else []) + [sep.join(r) for r in rows]
    return "".join(line + end for line in lines)


def iso_rows() -> list[list[str]]:
    return [[t.strftime("%Y-%m-%dT%H:%M:%SZ"), str(v)] for t, v in series()]


def scored(proc: subprocess.CompletedProcess[bytes]) -> list[list[str]]:
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines[0] == "timestamp,value,score,alert"
    return list(csv.reader(lines[1:]))


@pytest.fixture(scope="module")
def plain() -> list[list[str]]:
    """The plain form's output: ISO times with Z, a comma, the documented header."""
    return scored(run("spikes", csv_text(iso_rows()).encode()))


def test_spikes_the_plain_form_alerts_on_the_burst(plain: list[list[str]]) -> None:
    assert len(plain) == len(series())
    assert "1" in [r[3] for r in plain[540:546]]


def test_spikes_reads_a_bom_crlf_nab_file_as_the_plain_one(plain: list[list[str]]) -> None:
    """NAB's own form (a space, no zone) saved by a Windows editor: a BOM and CRLF line ends."""
    nab = [[t.strftime("%Y-%m-%d %H:%M:%S"), str(v)] for t, v in series()]
    out = scored(run("spikes", b"\xef\xbb\xbf" + csv_text(nab, end="\r\n").encode()))
    assert [r[:2] for r in out] == nab
    assert [r[2:] for r in out] == [r[2:] for r in plain]


def test_spikes_follows_the_header_separator_and_decimal_comma(plain: list[list[str]]) -> None:
    """``waarde;tijdstip`` with a semicolon and 4,0: the header says which column is which."""
    rows = [[f"{float(v):.1f}".replace(".", ","), t] for t, v in iso_rows()]
    out = scored(run("spikes", csv_text(rows, "waarde;tijdstip", sep=";").encode()))
    assert [r[:2] for r in out] == [[t, v] for v, t in rows]
    assert [r[2:] for r in out] == [r[2:] for r in plain]


def test_spikes_reads_epoch_seconds_and_milliseconds(plain: list[list[str]]) -> None:
    for scale in (1, 1000):
        rows = [[str(int(t.timestamp()) * scale), str(v)] for t, v in series()]
        out = scored(run("spikes", csv_text(rows, header=None).encode()))
        assert [r[:2] for r in out] == rows
        assert [r[2:] for r in out] == [r[2:] for r in plain]


def test_spikes_echoes_missing_values_and_rows_out_of_order_unscored() -> None:
    """A NaN, an empty value, a repeated row and a row out of order each get their row back, in place,
    score 0 and alert 0; the other rows are scored as the series without them."""
    rows = iso_rows()
    given = [*rows[:100], [rows[100][0], "NaN"], [rows[101][0], ""], rows[101], *rows[102:200],
             rows[150], *rows[200:]]
    out = scored(run("spikes", csv_text(given).encode()))
    assert [r[:2] for r in out] == given
    odd = {100, 101, 102, 201}
    assert all(out[i][2:] == ["0.000000", "0"] for i in odd)
    without = scored(run("spikes", csv_text([*rows[:100], *rows[102:]]).encode()))
    assert [r for i, r in enumerate(out) if i not in odd] == without


def test_spikes_scores_a_newest_first_file_oldest_first(plain: list[list[str]]) -> None:
    """An export that lists the newest bucket first: scored in time order, written in its own order."""
    rows = iso_rows()[::-1]
    out = scored(run("spikes", csv_text(rows).encode()))
    assert [r[:2] for r in out] == rows
    assert out[::-1] == plain


def test_spikes_learns_a_negative_value_as_zero() -> None:
    """A count below zero (a correction, a difference) once crashed the detector (math domain error)."""
    rows = iso_rows()
    given = [[t, f"-{v}"] if i % 7 == 0 else [t, v] for i, (t, v) in enumerate(rows)]
    as_zero = [[t, "0"] if i % 7 == 0 else [t, v] for i, (t, v) in enumerate(rows)]
    out = scored(run("spikes", csv_text(given).encode()))
    assert [r[:2] for r in out] == given
    assert [r[2:] for r in out] == [r[2:] for r in scored(run("spikes", csv_text(as_zero).encode()))]


def test_spikes_skips_comment_rows_and_writes_the_rows_before_a_bad_one(plain: list[list[str]]) -> None:
    rows = iso_rows()
    text = "# exported 2026-11-20\n\n" + csv_text(rows[:50]) + "# a note\n" + csv_text(rows[50:], header=None)
    assert scored(run("spikes", text.encode())) == plain
    proc = run("spikes", csv_text([rows[0], [rows[1][0], "lots"]]).encode())
    assert proc.returncode == 2 and proc.stderr.decode().startswith("newsroom: row 3:")
    assert proc.stdout.decode().splitlines()[1].startswith(rows[0][0])


def test_spikes_refuses_what_is_not_a_time_series() -> None:
    proc = run("spikes", b"\x00\x01 binary \xff\xfe\n")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("newsroom: row 1:")


def test_spike_rows_tell_a_header_from_data() -> None:
    rows = list(spike_rows(["Time,Count,Label\n", "2026-11-23 10:00,4,x\n", "2026-11-23 10:05,NA,y\n"]))
    assert [(r.stamp, r.raw, r.value) for r in rows] == [("2026-11-23 10:00", "4", 4.0),
                                                         ("2026-11-23 10:05", "NA", None)]
    with pytest.raises(UsageError, match="row 1"):   # a first row that is data with a bad time is no header
        list(spike_rows(["2026-13-45 10:00,4\n"]))


# -- times and text ------------------------------------------------------------------------------------
WHEN = datetime(2026, 11, 23, 10, 15, tzinfo=UTC)
EPOCH = int(WHEN.timestamp())


@pytest.mark.parametrize("text", ["2026-11-23T10:15:00Z", "2026-11-23 10:15:00", "2026-11-23T11:15:00+01:00",
                                  "2026-11-23T11:15:00+0100", f"{EPOCH}", f"{EPOCH}000", f"{EPOCH}.0",
                                  "Mon, 23 Nov 2026 10:15:00 +0000", "Mon, 23 Nov 2026 10:15:00 GMT",
                                  "2026/11/23 10:15", "2026-11-23 10:15:00 UTC"])
def test_given_times(text: str) -> None:
    assert given_time(text) == WHEN


@pytest.mark.parametrize("text", ["gisteren", "", "23/11/2026", "nan"])
def test_given_times_refuse_what_is_no_time(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        given_time(text)


def test_lines_that_are_not_utf8_are_read_as_windows_1252() -> None:
    assert decoded("Café ".encode() + "déjà €".encode("cp1252")) == "Café déjà €"
    assert list(text_lines([b"\xef\xbb\xbf{}\r\n", b"\xef\xbb\xbf"])) == ["{}\r\n", "\ufeff"]
    assert list(text_lines(["Caf\udce9\n"])) == ["Café\n"]   # a text layer's surrogate escapes


# -- topics --------------------------------------------------------------------------------------------
ROAD = ["Wegenwerken in de Kanaalweg: omleiding via de Vaartlaan", "Weer file door de wegenwerken in de Kanaalweg",
        "De wegenwerken in de Kanaalweg liggen stil vandaag", "Omleiding Kanaalweg slecht aangegeven",
        "Hoe lang duren die wegenwerken in de Kanaalweg nog?", "Kanaalweg wegenwerken, winkels klagen"]
FLOOD = ["De Wervel treedt buiten haar oevers in de Molenwijk", "Wateroverlast in de Molenwijk, kelders onder water",
         "Zandzakjes uitgedeeld in de Molenwijk tegen het water van de Wervel",
         "Brandweer pompt kelders leeg in de Molenwijk", "Wervel blijft stijgen, Molenwijk op alert",
         "Molenwijk: water van de Wervel zakt eindelijk"]
CHATTER = ["Hoe lang nog?", "Ook waar", "Dank u voor de tip"]


def posts() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for i in range(12):
        t = START + timedelta(minutes=20 * i)
        out.append({"id": f"r{i}", "text": ROAD[i % 6], "published": t.strftime("%Y-%m-%dT%H:%M:%SZ")})
        out.append({"id": f"f{i}", "text": FLOOD[i % 6],
                    "published": (t + timedelta(minutes=7)).strftime("%Y-%m-%dT%H:%M:%SZ")})
    for i, text in enumerate(CHATTER):
        out.append({"id": f"c{i}", "text": text, "published": "2026-11-16T05:00:00Z"})
    return out


def jsonl(records: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def topics_of(proc: subprocess.CompletedProcess[bytes]) -> list[dict[str, object]]:
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert all(set(o) == {"id", "topic", "label"} for o in out)
    return out


@pytest.fixture(scope="module")
def plain_topics() -> list[dict[str, object]]:
    return topics_of(run("topics", jsonl(posts())))


def test_topics_name_every_topic(plain_topics: list[dict[str, object]]) -> None:
    """Chatter without a word to name a topic by still gets a label that says what it holds."""
    assert all(isinstance(o["label"], str) and o["label"].strip() for o in plain_topics)
    chatter = {o["id"]: o["label"] for o in plain_topics if str(o["id"]).startswith("c")}
    assert chatter["c1"] == "Ook waar"


def test_topics_echo_ids_as_given(plain_topics: list[dict[str, object]]) -> None:
    """Numbers stay numbers, a repeated id and a missing one still get their line, in input order."""
    given = posts()
    ids: list[object] = [7, 7.5, "r2", "r2", None, *range(100, 100 + len(given) - 5)]
    records = [{**p, "id": i} for p, i in zip(given, ids, strict=True)]
    del records[4]["id"]
    out = topics_of(run("topics", jsonl(records)))
    assert [o["id"] for o in out] == ids
    assert [type(o["id"]) for o in out] == [type(i) for i in ids]
    assert [(o["topic"], o["label"]) for o in out] == [(o["topic"], o["label"]) for o in plain_topics]


@pytest.mark.parametrize("form", ["epoch", "epoch ms", "epoch text", "rfc 2822", "offset"])
def test_topics_read_published_in_other_forms(form: str, plain_topics: list[dict[str, object]]) -> None:
    def written(iso: object) -> object:
        t = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
        return {"epoch": int(t.timestamp()), "epoch ms": int(t.timestamp() * 1000),
                "epoch text": str(int(t.timestamp())), "rfc 2822": t.strftime("%a, %d %b %Y %H:%M:%S +0000"),
                "offset": t.astimezone(timezone(timedelta(hours=1))).isoformat()}[form]
    records = [{**p, "published": written(p["published"])} for p in posts()]
    assert topics_of(run("topics", jsonl(records))) == plain_topics


def test_topics_take_null_text_and_latin1_lines() -> None:
    records = posts()
    data = jsonl(records) + json.dumps({"id": "x", "text": None}).encode() + b"\n" \
        + '{"id": "latin", "text": "Caf\u00e9 d\u00e9j\u00e0 ferm\u00e9"}\n'.encode("latin-1")
    out = topics_of(run("topics", data))
    assert [o["id"] for o in out] == [r["id"] for r in records] + ["x", "latin"]
    assert out[-1]["label"] and all(o["label"] for o in out)


# -- sentiment -----------------------------------------------------------------------------------------
def test_sentiment_keeps_keys_reads_latin1_and_writes_utf8_whatever_the_locale() -> None:
    data = (b"\xef\xbb\xbf" + json.dumps({"id": 1, "text": "Schandalig 😡 de brug is weer dicht", "lang": "NL",
                                          "meta": {"a": [1]}}, ensure_ascii=False).encode() + b"\r\n"
            + '{"id": 2.5, "text": "Très déçu, c\'est honteux"}\n'.encode("latin-1")
            + b'{"id": "n", "text": null, "lang": "nl-BE"}\n\n')
    proc = run("sentiment", data, env={"PYTHONIOENCODING": "latin-1"})
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [o["id"] for o in out] == [1, 2.5, "n"]
    assert out[0]["text"] == "Schandalig 😡 de brug is weer dicht" and out[0]["meta"] == {"a": [1]}
    assert out[1]["text"] == "Très déçu, c'est honteux" and out[1]["lang"] == "fr"
    assert [o["lang"] for o in (out[0], out[2])] == ["nl", "nl"]
    assert [o["sentiment"]["label"] for o in out] == ["negative", "negative", "neutral"]
    assert out[2]["text"] is None


def test_one_json_array_or_objects_over_lines_are_read_as_their_records(plain_topics: list[dict[str, object]]) -> None:
    """``json.dump(posts)`` or pandas' ``to_json(orient="records")`` instead of JSONL: the same answer."""
    assert topics_of(run("topics", json.dumps(posts(), indent=2).encode())) == plain_topics
    proc = run("sentiment", b'[{"id": 1, "text": "Prima werk"}, {"id": 2, "text": "Schandalig"}]')
    assert [json.loads(line)["id"] for line in proc.stdout.decode().splitlines()] == [1, 2]
    spread = b"\n".join(json.dumps(p, indent=2).encode() for p in posts())  # json.dump, one after another
    assert topics_of(run("topics", spread)) == plain_topics
    broken = run("sentiment", b'[{"id": 1, "text": "Prima werk"},\n')
    assert broken.returncode == 2 and broken.stderr.decode().startswith("newsroom: line 1 is not JSON")


@pytest.mark.parametrize("command", ["spikes", "topics", "sentiment"])
def test_a_closed_stdin_is_one_readable_line(command: str) -> None:
    """Started with stdin closed (``newsroom spikes <&-``): exit 2 and a sentence, not a traceback."""
    proc = subprocess.run([sys.executable, "-m", "newsroom", command], capture_output=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, preexec_fn=lambda: os.close(0))
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.decode().startswith("newsroom: there is no stdin to read")
