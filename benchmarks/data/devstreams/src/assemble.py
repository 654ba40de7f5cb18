"""Assemble hand-written development streams into JSONL.

This script only assembles: every post text, language and story label is written
by hand in src/<town>.txt. The script gives each post a timestamp inside the
time window written above it (seeded, so the output never changes), keeps the
hand-written order inside a window (replies trail the post they answer), converts
local time to UTC, sorts by time and numbers the posts.

Source format:
  @town <slug> <first local date YYYY-MM-DD> <UTC offset hours>
  @story <slug>                       (all following posts belong to it)
  @window <day> <HH:MM> <day> <HH:MM> (local time; day 1..3)
  <lang> | <text>
Lines starting with # are comments.
"""
import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path


def weight(minute_of_day):
    h = minute_of_day / 60
    if h < 1 or h >= 23.5:
        return 0.15
    if h < 6.5:
        return 0.03
    if 7 <= h < 9 or 12 <= h < 13.5 or 17.5 <= h < 22.5:
        return 1.0
    return 0.7


def sample_times(rng, start, end, n):
    out = []
    while len(out) < n:
        t = rng.uniform(start, end)
        if rng.random() < weight(int(t) % 1440):
            out.append(int(t))
    return sorted(out)


def main(src):
    town = day0 = offset = None
    story = None
    segments = []  # (story, start, end, [(lang, text)])
    for raw in Path(src).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@town"):
            _, town, d, off = line.split()
            day0 = datetime.fromisoformat(d)
            offset = int(off)
        elif line.startswith("@story"):
            story = line.split()[1]
        elif line.startswith("@window"):
            _, d1, t1, d2, t2 = line.split()
            def m(d, t):
                return (int(d) - 1) * 1440 + int(t[:2]) * 60 + int(t[3:])
            segments.append((story, m(d1, t1), m(d2, t2), []))
        else:
            lang, text = line.split(" | ", 1)
            assert lang in ("nl", "en", "fr"), raw
            segments[-1][3].append((lang.strip(), text.strip()))
    rng = random.Random(f"devstreams-{town}")
    posts = []
    for story_, start, end, items in segments:
        times = sample_times(rng, start, end, len(items))
        for _k, ((lang, text), t) in enumerate(zip(items, times, strict=False)):
            local = day0 + timedelta(minutes=t, seconds=rng.randrange(60))
            utc = (local - timedelta(hours=offset)).replace(tzinfo=UTC)
            posts.append((utc, len(posts), lang, text, story_))
    posts.sort(key=lambda p: (p[0], p[1]))
    out = Path(src).resolve().parent.parent / f"{town}.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for i, (utc, _, lang, text, story_) in enumerate(posts, 1):
            f.write(json.dumps({"id": f"{town}-{i:04d}", "text": text,
                                "published": utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                "lang": lang, "story": story_},
                               ensure_ascii=False) + "\n")
    counts = {}
    for p in posts:
        counts[p[4]] = counts.get(p[4], 0) + 1
    print(out, len(posts))
    for k, v in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {k:32s} {v}")


if __name__ == "__main__":
    main(sys.argv[1])
