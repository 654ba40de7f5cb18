"""Seeded generator of realistic negative-volume series of a town, labelled in NAB's format.

Each seed is one town over 14 days at 5-minute buckets: its own scale (peaks from under one to
about ten negative posts per bucket), its own daily rhythm in local time (quiet nights, a morning
and an evening peak, sometimes a lunch bump), quieter weekends, holidays that look like a Sunday,
benign busier days (all hours somewhat higher: a market, a council meeting), slow drift of the
level and clustered, over-dispersed counts (gamma-Poisson). Some series cross a daylight-saving
change (last Sunday of March or October, Europe/Brussels). Anomalies are of three shapes:

* ``burst``: a sharp excess (3-12 x normal, at least a handful of posts) for 15-90 min;
* ``plateau``: a sudden, sustained moderate excess (1.8-3 x normal) for 2-8 h (an outage);
* ``ramp``: a slow rise from normal to 3-5 x over 2-6 h, then back.

Labels are NAB windows: as wide as 10 % of the series divided by the number of anomalies, centred on
the anomaly's start (as NAB centres its windows on the labelled point); the start and shape of each
anomaly are also returned for detection delays. Timestamps are UTC ("YYYY-MM-DD HH:MM:SS").

Development seeds are ``DEV_SEEDS``; ``REPORT_SEEDS`` are for reporting only and never for tuning
(split before any tuning); ``DEV_WIDE_SEEDS`` and ``WIDE_SEEDS`` are 96 more of each (added on 3
Dec 2026: the wide report-only seeds were run once before the change they then measured);
``BUSY_SEEDS`` (3001-3096, development, added in pass 17) have busier days of 1.3-2x instead of 1.25-1.6x. ``python benchmarks/town_series.py OUT_DIR [--set dev|report]`` writes
``data/*.csv`` and ``labels/combined_windows.json`` like NAB's layout.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

DEV_SEEDS = tuple(range(1, 13))
REPORT_SEEDS = tuple(range(1001, 1013))
DEV_WIDE_SEEDS = tuple(range(101, 197))  # a larger development set (added 3 Dec 2026, tuned on)
WIDE_SEEDS = tuple(range(2001, 2097))  # a larger report-only set (added 3 Dec 2026, never tuned on)
#: development seeds whose benign busier days run 1.3-2x (added 4 Dec 2026, pass 17: the issue's hidden series
#: have busier days of up to twice the usual talk; the other seeds' days run 1.25-1.6x and are unchanged)
BUSY_SEEDS = tuple(range(3001, 3097))
BUSY_FACTOR = (1.25, 1.6)  # a benign busier day runs this much above usual (every hour that day)
BUSY_FACTOR_HIGH = (1.3, 2.0)  # ... on the seeds of BUSY_SEEDS
BUCKET = timedelta(minutes=5)
DAYS = 14
ZONE = ZoneInfo("Europe/Brussels")
TOWNS = ("Lindeveld", "Kanaalwijk", "Zandhoven-Oost", "Brugmolen", "Heide", "Meerstad", "Oudenaarde-Noord",
         "Vlietbeek", "Rozenberg", "Dijkhoek", "Sint-Aldegonde", "Wezel")
HOLIDAYS = (date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 14), date(2026, 5, 25), date(2026, 7, 21),
            date(2026, 8, 15), date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 11), date(2026, 12, 25))
SHAPES = ("burst", "plateau", "ramp")
HOURLY_AR, HOURLY_SD = 0.7, 0.12  # the hourly log factor of clustered talk: AR(1) coefficient, innovation
#: its stationary spread (the hour's factor varies this much, in log units, on an ordinary day)
HOURLY_SPREAD = HOURLY_SD / math.sqrt(1.0 - HOURLY_AR * HOURLY_AR)


@dataclass(frozen=True)
class Anomaly:
    """One labelled anomaly: its shape, start (UTC), full length and the NAB window around it."""

    shape: str
    start: datetime
    end: datetime
    window: tuple[datetime, datetime]
    due: datetime  # the target: a burst alerted by 15 min, a plateau by 30, a ramp before it doubles


@dataclass(frozen=True)
class TownSeries:
    """One generated series."""

    name: str
    times: tuple[datetime, ...]
    values: tuple[int, ...]
    anomalies: tuple[Anomaly, ...]
    peak: float  # typical weekday evening peak, posts per bucket
    normal: tuple[float, ...] = ()  # the true normal rate of each bucket (without the anomalies)
    dispersion: float = 0.0  # gamma-Poisson: a bucket's variance is mu + dispersion * mu^2
    #: the benign busier days: (local date, factor of every hour that day)
    busy: tuple[tuple[date, float], ...] = ()


def _bump(hour: float, centre: float, width: float) -> float:
    d = min(abs(hour - centre), 24 - abs(hour - centre))
    return math.exp(-(d * d) / (2 * width * width))


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    k, p, u = 0, math.exp(-lam), rng.random()
    cum = p
    while u > cum and k < 1000:
        k += 1
        p *= lam / k
        cum += p
    return k


def generate(seed: int) -> TownSeries:
    """The series of seed ``seed`` (same seed, same series)."""
    rng = random.Random(seed)
    peak = math.exp(rng.uniform(math.log(0.6), math.log(10.0)))
    night = rng.uniform(0.03, 0.15)
    morning = (rng.uniform(7.0, 9.5), rng.uniform(0.8, 1.6), rng.uniform(0.5, 1.0))
    evening = (rng.uniform(18.5, 21.5), rng.uniform(1.2, 2.5), 1.0)
    lunch = (rng.uniform(12.0, 13.5), rng.uniform(0.7, 1.2), rng.uniform(0.0, 0.6))
    weekend = rng.uniform(0.45, 0.85)
    weekend_shift = rng.uniform(0.5, 2.0)  # people wake up later on weekends
    dispersion = rng.uniform(0.05, 0.35)  # gamma-Poisson: var = mu + dispersion * mu^2
    starts = [datetime(2026, 3, 17), datetime(2026, 10, 15), datetime(2026, 5, 4), datetime(2026, 11, 2),
              datetime(2026, 1, 12), datetime(2026, 6, 8), datetime(2026, 3, 23), datetime(2026, 10, 19)]
    start_local = rng.choice(starts) + timedelta(days=rng.randint(0, 6))
    start = start_local.replace(tzinfo=ZONE).astimezone(UTC)
    n = DAYS * 24 * 12
    times = tuple(start + i * BUCKET for i in range(n))
    busy_days = {rng.randint(1, DAYS - 1) for _ in range(rng.randint(1, 3))}
    low, high = BUSY_FACTOR_HIGH if seed in BUSY_SEEDS else BUSY_FACTOR
    busy_factor = {d: rng.uniform(low, high) for d in sorted(busy_days)}

    def normal_rate(i: int) -> float:
        local = times[i].astimezone(ZONE)
        day_index = (local.date() - start_local.date()).days
        hour = local.hour + local.minute / 60
        rest = local.weekday() >= 5 or local.date() in HOLIDAYS
        h = hour - weekend_shift if rest else hour
        shape = (night + morning[2] * _bump(h, morning[0], morning[1]) + lunch[2] * _bump(h, lunch[0], lunch[1])
                 + evening[2] * _bump(h, evening[0], evening[1]))
        rate = peak * shape / (1.0 + night)
        if rest:
            rate *= weekend
        return rate * busy_factor.get(day_index, 1.0)

    base = [normal_rate(i) for i in range(n)]
    # slow drift of the level and hour-long clusters of talk (an AR(1) log factor per hour)
    drift, log_f, factors = rng.uniform(-0.02, 0.03), 0.0, []
    for i in range(n):
        if i % 12 == 0:
            log_f = HOURLY_AR * log_f + rng.gauss(0.0, HOURLY_SD)
        factors.append(math.exp(log_f + drift * i / 288))
    extra = [0.0] * n
    anomalies: list[Anomaly] = []
    count = rng.choice((1, 2, 2, 3))
    width = round(0.1 * n / count)
    slots = sorted(rng.sample(range(3 * 288 + 36, n - 288), count))
    shapes = [SHAPES[(seed + k) % 3] if k else rng.choice(SHAPES) for k in range(count)]
    for k in range(1, count):  # keep anomalies apart (their windows may not overlap)
        slots[k] = max(slots[k], slots[k - 1] + width + 36)
    for slot, shape in zip(slots, shapes, strict=True):
        a0 = slot
        if a0 >= n - 100:
            continue
        # anomalies happen when people are awake (a storm at 3 am is rare)
        while normal_rate(a0) < 0.3 * peak and a0 < n - 150:
            a0 += 3
        due = a0 + 3
        if shape == "burst":
            length = rng.randint(3, 18)
            lift = rng.uniform(3.0, 12.0)
            for i in range(a0, min(n, a0 + length)):
                extra[i] += max(lift * base[i] * factors[i], rng.uniform(4.0, 8.0))
        elif shape == "plateau":
            length = rng.randint(24, 96)
            due = a0 + 6
            lift = rng.uniform(0.8, 2.0)
            level = max(lift * base[a0], 1.5)
            for i in range(a0, min(n, a0 + length)):
                extra[i] += max(lift * base[i], level * 0.6)
        else:
            rise = rng.randint(24, 72)
            top = rng.uniform(2.0, 4.0)
            length = rise + rng.randint(6, 24)
            due = a0 + math.ceil(rise / top)  # the excess equals the normal level
            for i in range(a0, min(n, a0 + length)):
                frac = min(1.0, (i - a0 + 1) / rise)
                extra[i] += max(top * frac * base[i], top * frac * 0.2 * peak)
        half = width // 2
        window = (times[max(0, a0 - half)], times[min(n - 1, a0 + half)])
        anomalies.append(Anomaly(shape, times[a0], times[min(n - 1, a0 + length - 1)], window,
                                 times[min(n - 1, due)]))
    values = []
    for i in range(n):
        mu = base[i] * factors[i]
        lam = rng.gammavariate(1 / dispersion, mu * dispersion) if mu > 0 else 0.0
        values.append(_poisson(rng, lam + extra[i]))
    name = f"town_{seed:04d}_{TOWNS[seed % len(TOWNS)]}"
    normal = tuple(base[i] * factors[i] for i in range(n))
    busy = tuple((start_local.date() + timedelta(days=d), f) for d, f in busy_factor.items())
    return TownSeries(name, times, tuple(values), tuple(anomalies), peak, normal, dispersion, busy)


def stamp(t: datetime) -> str:
    """NAB's timestamp format (UTC)."""
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def write(series: list[TownSeries], out: Path) -> None:
    """NAB's layout: ``data/<name>.csv`` and ``labels/combined_windows.json``."""
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "labels").mkdir(parents=True, exist_ok=True)
    labels = {}
    for s in series:
        rows = ["timestamp,value", *(f"{stamp(t)},{v}" for t, v in zip(s.times, s.values, strict=True))]
        (out / "data" / f"{s.name}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        labels[f"town/{s.name}.csv"] = [[stamp(a.window[0]) + ".000000", stamp(a.window[1]) + ".000000"]
                                        for a in s.anomalies]
    (out / "labels" / "combined_windows.json").write_text(json.dumps(labels, indent=2), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--set", choices=("dev", "report"), default="dev")
    args = parser.parse_args()
    seeds = DEV_SEEDS if args.set == "dev" else REPORT_SEEDS
    series = [generate(s) for s in seeds]
    write(series, Path(args.out))
    for s in series:
        shapes = ", ".join(f"{a.shape} {stamp(a.start)}" for a in s.anomalies)
        print(f"{s.name}: peak {s.peak:.1f}/bucket; {shapes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
