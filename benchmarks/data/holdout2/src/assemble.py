#!/usr/bin/env python3
"""Assemble hand-written posts (src/*.txt) into stream.jsonl.
Format of a source file:
  @story <key>            (key 'chatter' -> each line becomes its own chatter-N)
  @names w1, w2, w3
  @phase <start> <end> peak=<time> [night=1]   (local Belgian time, CEST = UTC+2)
  one post per line (order = narrative order; times are sampled, sorted, assigned in order)
  "[HH:MM] text" pins a post to that local time (+0-9 min) on the phase's first day.
  lines starting with '#' are comments.
"""
import json, random, glob, os, datetime as dt
random.seed(20261203)
SRC = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(SRC)
UTC_OFFSET = dt.timedelta(hours=2)  # CEST in October (before 25 Oct)
LO = dt.datetime(2026, 10, 12, 0, 0)   # local bounds
HI = dt.datetime(2026, 10, 14, 23, 59)

def parse_t(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M")

def diurnal(h, night):
    if 0 <= h < 6:
        return 0.75 if night else 0.07
    if h == 6:
        return 0.8 if night else 0.3
    if h == 7:
        return 0.7
    return 1.0

def sample(start, end, peak, night, n):
    a, b, c = start.timestamp(), end.timestamp(), peak.timestamp()
    out = []
    while len(out) < n:
        t = random.triangular(a, b, c)
        d = dt.datetime.fromtimestamp(t)
        if random.random() < diurnal(d.hour, night):
            out.append(d)
    return sorted(out)

posts, names, counts = [], {}, {}
chatter_n = 0
for f in sorted(glob.glob(os.path.join(SRC, "*.txt"))):
    story, phase = None, None
    blocks = []
    for raw in open(f, encoding="utf-8"):
        line = raw.rstrip("\n").strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@story "):
            story = line.split(None, 1)[1].strip(); continue
        if line.startswith("@names "):
            names[story] = [w.strip() for w in line.split(None, 1)[1].split(",")]; continue
        if line.startswith("@phase "):
            parts = line.split()
            kw = dict(p.split("=") for p in parts[3:])
            phase = dict(start=parse_t(parts[1]), end=parse_t(parts[2]),
                         peak=parse_t(kw.get("peak", parts[1])), night=kw.get("night") == "1",
                         story=story, lines=[])
            blocks.append(phase); continue
        assert phase is not None, (f, line)
        phase["lines"].append(line)
    for ph in blocks:
        pinned, free = [], []
        for line in ph["lines"]:
            if line.startswith("[") and line[6:8] == "] ":   # "[HH:MM] text" = pinned local time on the phase's first day
                hh, mm = int(line[1:3]), int(line[4:6])
                t = ph["start"].replace(hour=hh, minute=mm) + dt.timedelta(minutes=random.randint(0, 9))
                pinned.append((t, line[8:]))
            else:
                free.append(line)
        times = sample(ph["start"], ph["end"], ph["peak"], ph["night"], len(free))
        for t, text in list(zip(times, free)) + pinned:
            assert LO <= t <= HI, (f, t)
            key = ph["story"]
            if key == "chatter":
                chatter_n += 1
                key = f"chatter-{chatter_n}"
            posts.append((t - UTC_OFFSET, text, key))
            counts[ph["story"]] = counts.get(ph["story"], 0) + 1

posts.sort(key=lambda p: p[0])
# renumber chatter in time order
ren, k = {}, 0
for i, (t, text, key) in enumerate(posts):
    if key.startswith("chatter-"):
        k += 1
        posts[i] = (t, text, f"chatter-{k}")
with open(os.path.join(OUT, "stream.jsonl"), "w", encoding="utf-8") as fo:
    for i, (t, text, key) in enumerate(posts, 1):
        fo.write(json.dumps({"id": f"h2-{i:04d}", "text": text,
                             "published": t.strftime("%Y-%m-%dT%H:%M:00Z"), "story": key},
                            ensure_ascii=False) + "\n")
real = {k: v for k, v in names.items() if k != "chatter"}
with open(os.path.join(OUT, "stream.names.json"), "w", encoding="utf-8") as fo:
    json.dump(real, fo, ensure_ascii=False, indent=1)
for k in sorted(counts, key=lambda k: -counts[k]):
    print(f"{counts[k]:4d}  {k}")
print("stories:", len([k for k in counts if k != "chatter"]), "posts:", len(posts),
      "story posts:", sum(v for k, v in counts.items() if k != "chatter"), "chatter:", counts.get("chatter", 0))
