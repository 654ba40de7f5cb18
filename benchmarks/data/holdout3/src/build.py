#!/usr/bin/env python3
"""Assemble hand-written posts into stream.jsonl.
Story files (src/stories/*.txt):
  KEY <story-key>
  NAMES word|word|word
  DESC one-line description
  === <day 1-3> <HH:MM local CEST> <span minutes>   (a wave: thread/burst)
  <one hand-written post per line>
Times inside a wave: first post at the wave start, later posts follow with
gaps that grow (burst then tail), order as written. Local time = UTC+2.
Chatter file (src/chatter.txt): '<day> <HH:MM> | text' per line.
"""
import json, random, glob, os, datetime as dt
random.seed(20261203)
BASE = dt.datetime(2026, 9, 8)  # day 1 = Tue 8 Sep 2026
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

def local_to_utc(day, hhmm):
    h, m = map(int, hhmm.split(':'))
    return BASE + dt.timedelta(days=day - 1, hours=h, minutes=m) - dt.timedelta(hours=2)

posts, names, descs, sizes = [], {}, {}, {}
for fn in sorted(glob.glob(os.path.join(HERE, 'stories', '*.txt'))):
    key = None; waves = []
    for raw in open(fn, encoding='utf-8'):
        line = raw.rstrip('\n').strip()
        if not line:
            continue
        if line.startswith('KEY '):
            key = line[4:].strip(); continue
        if line.startswith('NAMES '):
            names[key] = [w.strip() for w in line[6:].split('|')]; continue
        if line.startswith('DESC '):
            descs[key] = line[5:].strip(); continue
        if line.startswith('=== '):
            d, t, span = line[4:].split()
            waves.append([local_to_utc(int(d), t), int(span), []]); continue
        waves[-1][2].append(line)
    n_story = 0
    for start, span, texts in waves:
        n = len(texts)
        if n == 1:
            offs = [0.0]
        else:
            gaps = [random.expovariate(1.0) * (1 + 2.5 * i / n) for i in range(n - 1)]
            tot = sum(gaps); scale = span * random.uniform(0.85, 1.0) / tot
            offs = [0.0]
            for g in gaps:
                offs.append(offs[-1] + max(0.4, g * scale))
        for o, text in zip(offs, texts):
            ts = start + dt.timedelta(minutes=o, seconds=random.randint(0, 59))
            posts.append((ts, text, key)); n_story += 1
    sizes[key] = n_story

chat = 0
for raw in open(os.path.join(HERE, 'chatter.txt'), encoding='utf-8'):
    line = raw.strip()
    if not line:
        continue
    head, text = line.split(' | ', 1)
    d, t = head.split()
    chat += 1
    ts = local_to_utc(int(d), t) + dt.timedelta(seconds=random.randint(0, 59))
    posts.append((ts, text.strip(), f'chatter-{chat}'))

posts.sort(key=lambda p: p[0])
# number chatter posts in time order
k = 0
for i, (ts, text, key) in enumerate(posts):
    if key.startswith('chatter-'):
        k += 1
        posts[i] = (ts, text, f'chatter-{k}')
with open(os.path.join(OUT, 'stream.jsonl'), 'w', encoding='utf-8') as f:
    for i, (ts, text, key) in enumerate(posts, 1):
        f.write(json.dumps({'id': f'h3-{i:04d}', 'text': text,
                            'published': ts.strftime('%Y-%m-%dT%H:%M:%SZ'), 'story': key},
                           ensure_ascii=False) + '\n')
with open(os.path.join(OUT, 'stream.names.json'), 'w', encoding='utf-8') as f:
    json.dump(names, f, ensure_ascii=False, indent=1)
json.dump({'sizes': sizes, 'descs': descs, 'chatter': chat, 'total': len(posts)},
          open(os.path.join(HERE, 'summary.json'), 'w'), ensure_ascii=False, indent=1)
print('total', len(posts), 'stories', len(sizes), 'chatter', chat)
for k in sorted(sizes, key=lambda k: -sizes[k]):
    print(f'{sizes[k]:4d} {k}')
