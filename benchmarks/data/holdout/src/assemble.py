"""Assembly only: reads the hand-written posts in this folder and writes the JSONL files.
Texts, labels and story assignments are written by hand in the .txt files; this script only
assigns ids, a deterministic order for sentiment.jsonl, and timestamps for stream.jsonl
(segment anchors are hand-set with '@day hour span'; within a segment, posts keep their
written order and get times skewed towards the start, with few posts at night)."""
import datetime as dt
import json
import pathlib
import random

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent
DROP = {"Hond verdronken in vijver in stadspark Aalst, baasje bracht zich in veiligheid",
        "Wie weet hoe laat het vuurwerk begint op de feestdag?",
        "Heeft iemand het nummer van de wijkagent van de Sint-Andriesbuurt?"}

def sentiment():
    rows = []
    for f in sorted(HERE.glob("sentiment_*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            label, kind, lang, text = line.split("|", 3)
            if text in DROP:
                continue
            rows.append({"text": text.strip(), "lang": lang, "label": label, "kind": kind})
    assert len({r["text"] for r in rows}) == len(rows)
    random.Random(20261203).shuffle(rows)
    with open(OUT / "sentiment.jsonl", "w", encoding="utf-8") as fh:
        for i, r in enumerate(rows, 1):
            fh.write(json.dumps(dict(id=f"ho-sent-{i:03d}", **r), ensure_ascii=False) + "\n")
    return rows

DAY1_LOCAL = dt.datetime(2026, 10, 15)   # Thursday; Belgium is UTC+2 (CEST) on these dates
UTC_OFFSET = dt.timedelta(hours=2)

def stream():
    rng = random.Random(4242)
    posts = []
    story = None
    seg = None
    segs = []
    for f in ["stream_a.txt", "stream_b.txt", "stream_c.txt"]:
        for raw in (HERE / f).read_text(encoding="utf-8").splitlines():
            line = raw.rstrip()
            if not line:
                continue
            if line.startswith("## "):
                story = line[3:].strip()
            elif line.startswith("@"):
                d, h, span = line[1:].split()
                seg = {"story": story, "day": int(d), "hour": int(h), "span": float(span), "items": []}
                segs.append(seg)
            else:
                lang, text = line.split("|", 1)
                seg["items"].append((lang, text.strip()))
    for seg in segs:
        start = DAY1_LOCAL + dt.timedelta(days=seg["day"] - 1, hours=seg["hour"])
        offs = []
        for _ in seg["items"]:
            while True:
                u = rng.betavariate(1.0, 2.2) * seg["span"] * 3600
                t = start + dt.timedelta(seconds=int(u) + rng.randint(0, 90))
                night = 0 <= t.hour < 6
                if not night or rng.random() < 0.12:
                    break
            offs.append(t)
        offs.sort()
        for (lang, text), t in zip(seg["items"], offs, strict=False):
            posts.append({"text": text, "published": t - UTC_OFFSET, "lang": lang, "story": seg["story"]})
    assert len({p["text"] for p in posts}) == len(posts)
    posts.sort(key=lambda p: (p["published"], p["text"]))
    with open(OUT / "stream.jsonl", "w", encoding="utf-8") as fh:
        for i, p in enumerate(posts, 1):
            fh.write(json.dumps({"id": f"ho-str-{i:03d}", "text": p["text"],
                                     "published": p["published"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                                     "lang": p["lang"], "story": p["story"]}, ensure_ascii=False) + "\n")
    return posts

if __name__ == "__main__":
    from collections import Counter
    s = sentiment()
    print(len(s), Counter(r["label"] for r in s), Counter(r["lang"] for r in s))
    p = stream()
    print(len(p), Counter(x["lang"] for x in p))
    for k, v in sorted(Counter(x["story"] for x in p).items(), key=lambda kv: -kv[1]):
        print(f"  {k}: {v}")
    print(min(x["published"] for x in p), max(x["published"] for x in p))
