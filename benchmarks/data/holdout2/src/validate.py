import json, collections, datetime as dt, os
D = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = [json.loads(l) for l in open(os.path.join(D, "stream.jsonl"), encoding="utf-8")]
names = json.load(open(os.path.join(D, "stream.names.json"), encoding="utf-8"))
ids = [r["id"] for r in rows]; assert len(ids) == len(set(ids)), "dup ids"
ts = [r["published"] for r in rows]; assert ts == sorted(ts), "not sorted"
for r in rows:
    assert set(r) == {"id", "text", "published", "story"}
    dt.datetime.strptime(r["published"], "%Y-%m-%dT%H:%M:%SZ")
    assert r["text"].strip()
stories = collections.Counter(r["story"] for r in rows if not r["story"].startswith("chatter-"))
chatter = [r for r in rows if r["story"].startswith("chatter-")]
assert set(stories) == set(names), set(stories) ^ set(names)
assert len(set(r["story"] for r in chatter)) == len(chatter)
texts = [r["text"] for r in rows]; assert len(texts) == len(set(texts)), "duplicate text"
print("lines", len(rows), "stories", len(stories), "story posts", sum(stories.values()), "chatter", len(chatter))
print("span", rows[0]["published"], "->", rows[-1]["published"])
h = collections.Counter((dt.datetime.strptime(r["published"], "%Y-%m-%dT%H:%M:%SZ") + dt.timedelta(hours=2)).hour for r in rows)
print("per local hour:", " ".join(f"{k}:{h[k]}" for k in range(24)))
d = collections.Counter(r["published"][:10] for r in rows); print("per UTC day:", dict(d))
