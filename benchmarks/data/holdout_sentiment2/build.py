#!/usr/bin/env python3
"""Assemble src/*.txt (label|kind|text per line) into sentiment.jsonl: shuffle (seed 20261204), number, validate."""
import json, random, collections, pathlib
HERE = pathlib.Path(__file__).parent
SOURCES = [("nl1.txt", "nl", "nl-BE"), ("nl2.txt", "nl", "nl-BE"), ("nl3.txt", "nl", "nl-NL"),
           ("en.txt", "en", "en"), ("fr.txt", "fr", "fr-BE")]
LABELS = {"negative", "neutral", "positive"}
KINDS = {"resident", "reply", "question", "sarcasm", "negation", "news", "city", "business", "worried", "mixed", "praise"}
rows = []
for fname, lang, variety in SOURCES:
    for n, line in enumerate((HERE / "src" / fname).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        label, kind, text = line.split("|", 2)
        assert label in LABELS, (fname, n, label)
        assert kind in KINDS, (fname, n, kind)
        assert text.strip() == text and text, (fname, n)
        rows.append((text, lang, label, kind, variety))
texts = [r[0] for r in rows]
dups = [t for t, c in collections.Counter(texts).items() if c > 1]
assert not dups, dups
random.Random(20261204).shuffle(rows)
out, var = [], []
for i, (text, lang, label, kind, variety) in enumerate(rows, 1):
    rid = f"s2-{i:03d}"
    out.append(json.dumps({"id": rid, "text": text, "lang": lang, "label": label, "kind": kind}, ensure_ascii=False))
    var.append(f"{rid}\t{variety}")
(HERE / "sentiment.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
(HERE / "src" / "variety.tsv").write_text("id\tvariety\n" + "\n".join(var) + "\n", encoding="utf-8")
# validate the written file
recs = [json.loads(l) for l in (HERE / "sentiment.jsonl").read_text(encoding="utf-8").splitlines()]
assert len({r["id"] for r in recs}) == len(recs)
assert all(set(r) == {"id", "text", "lang", "label", "kind"} for r in recs)
print("total", len(recs))
for key in ("lang", "label", "kind"):
    print(key, dict(sorted(collections.Counter(r[key] for r in recs).items())))
print("lang x label")
for lang in ("nl", "en", "fr"):
    print(" ", lang, dict(sorted(collections.Counter(r["label"] for r in recs if r["lang"] == lang).items())))
print("kind x label")
for k in sorted(KINDS):
    print(" ", k, dict(sorted(collections.Counter(r["label"] for r in recs if r["kind"] == k).items())))
print("variety", dict(collections.Counter(v.split("\t")[1] for v in var)))
