#!/usr/bin/env python3
"""Independent generator of town negative-mention volume series (held-out alert benchmark).

REPORT-ONLY. Written by an author who has not seen the project's spike detector,
its benchmarks or its own series generator. Use the numbers it gives to *report*
how the detector does on town-shaped series; never tune on them.

    python benchmarks/holdout_series.py --out DIR [--seed S] [--count 12]

writes

    DIR/data/<name>.csv                 timestamp,value   (5-minute buckets, 14 days, UTC)
    DIR/labels/combined_windows.json    {"<name>.csv": [["start", "end"], ...]}  (NAB format)
    DIR/labels/combined_labels.json     {"<name>.csv": ["onset", ...]}           (NAB format)
    DIR/truth.json                      per series: town, level, DST/holidays, benign
                                        events and anomalies with shape and size

Score a detector's outputs (one CSV per series with timestamp + anomaly_score or
alert, named <name>.csv or <prefix>_<name>.csv) with the shared NAB scorer:

    python ../shared/tools/nab_score.py OUTPUTS --windows DIR/labels/combined_windows.json

What a series is: the number of negative posts about a town per 5 minutes.
  * daily rhythm in Europe/Brussels local time (quiet 01:00-06:00, morning peak
    about 07:30-09:00, lunch bump, evening peak about 19:00-22:00), quieter
    weekends with a later morning, a public holiday behaves like a Sunday,
    some series cross a DST change (last Sunday of March or October);
  * level from under 1 per bucket (a village) to about 10 (a city);
    Poisson or gamma-Poisson (over-dispersed) counts, slow log-AR(1) wander,
    day-to-day level jitter;
  * benign events that are NOT labelled: a busier day (+30-60 % all day),
    a football-match evening, a slow trend over the two weeks;
  * 1-3 labelled anomalies per series, shapes mixed over the set: burst
    (10-60 min, 3-20x normal), plateau (outage: abrupt, 2-4x for 2-8 h),
    ramp (grows over 2-6 h to 3-6x, then decays). None in the first 3 days:
    every label window starts at or after day 3.

Windows follow NAB's labeller: window length = 10 % of the file's rows divided by
the number of anomalies in the file, centred on the anomaly onset. Placement keeps
windows apart (they never merge) and keeps benign events outside all windows.

Determinism: only numpy's seeded Generator (PCG64 via SeedSequence([seed, i]))
is used; no Python hash(), no set iteration, no wall clock. Same --seed and
--count give byte-identical files.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import UTC, date, datetime, timedelta

import numpy as np

BUCKET_MIN = 5
DAYS = 14
ROWS = DAYS * 24 * 60 // BUCKET_MIN          # 4032
PER_HOUR = 60 // BUCKET_MIN                  # 12
PER_DAY = 24 * PER_HOUR                      # 288
NO_ANOMALY_DAYS = 3                          # no window may start before this
WINDOW_FRACTION = 0.10                       # NAB labeller's window size

# --------------------------------------------------------------------------
# calendar: Europe/Brussels (CET/CEST) and public holidays, no tz database
# --------------------------------------------------------------------------
def last_sunday(year: int, month: int) -> date:
    d = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return d - timedelta(days=(d.weekday() - 6) % 7)


def brussels_offset_hours(t_utc: datetime) -> int:
    """EU rule: CEST from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC."""
    y = t_utc.year
    start = datetime.combine(last_sunday(y, 3), datetime.min.time()).replace(hour=1)
    end = datetime.combine(last_sunday(y, 10), datetime.min.time()).replace(hour=1)
    naive = t_utc.replace(tzinfo=None)
    return 2 if start <= naive < end else 1


def easter(year: int) -> date:
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    wd = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * wd) // 451
    month = (h + wd - 7 * m + 114) // 31
    day = ((h + wd - 7 * m + 114) % 31) + 1
    return date(year, month, day)


def public_holidays(year: int, country: str) -> dict:
    e = easter(year)
    common = {
        date(year, 1, 1): "Nieuwjaar",
        e + timedelta(days=1): "Paasmaandag",
        e + timedelta(days=39): "O.L.H. Hemelvaart",
        e + timedelta(days=50): "Pinkstermaandag",
        date(year, 12, 25): "Kerstmis",
    }
    if country == "BE":
        common.update({
            date(year, 5, 1): "Dag van de Arbeid",
            date(year, 7, 21): "Nationale feestdag",
            date(year, 8, 15): "O.L.V. Hemelvaart",
            date(year, 11, 1): "Allerheiligen",
            date(year, 11, 11): "Wapenstilstand",
        })
    else:  # NL
        kd = date(year, 4, 27)
        if kd.weekday() == 6:
            kd = date(year, 4, 26)
        common.update({kd: "Koningsdag", date(year, 12, 26): "Tweede Kerstdag"})
    return common


# --------------------------------------------------------------------------
# towns
# --------------------------------------------------------------------------
TOWNS_SMALL = [("herselt", "BE"), ("zoutleeuw", "BE"), ("borne", "NL"), ("oudenburg", "BE"),
               ("tholen", "NL"), ("bree", "BE"), ("putte", "BE"), ("winsum", "NL")]
TOWNS_MEDIUM = [("lier", "BE"), ("deventer", "NL"), ("roeselare", "BE"), ("zutphen", "NL"),
                ("tienen", "BE"), ("geel", "BE"), ("harderwijk", "NL"), ("ronse", "BE")]
TOWNS_CITY = [("gent", "BE"), ("utrecht", "NL"), ("antwerpen", "BE"), ("eindhoven", "NL"),
              ("leuven", "BE"), ("brugge", "BE"), ("groningen", "NL"), ("mechelen", "BE")]

SHAPES = ("burst", "plateau", "ramp")
SCENARIOS = ("dst_spring", "plain", "holiday", "dst_autumn", "plain", "holiday")


# --------------------------------------------------------------------------
# daily rhythm
# --------------------------------------------------------------------------
def _sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def _gauss(h, c, w):
    return np.exp(-0.5 * ((h - c) / w) ** 2)


def draw_rhythm(rng) -> dict:
    """Per-town rhythm parameters for weekday / saturday / sunday (holiday = sunday)."""
    wk = {"wake": rng.uniform(6.0, 6.6), "sleep": rng.uniform(23.9, 24.6),
              "night": rng.uniform(0.04, 0.10), "day": rng.uniform(0.55, 0.75),
              "m_amp": rng.uniform(0.7, 1.3), "m_c": rng.uniform(7.9, 8.5), "m_w": rng.uniform(0.45, 0.7),
              "l_amp": rng.uniform(0.2, 0.45), "l_c": rng.uniform(12.2, 12.8), "l_w": rng.uniform(0.5, 0.8),
              "e_amp": rng.uniform(0.8, 1.4), "e_c": rng.uniform(20.0, 21.0), "e_w": rng.uniform(0.9, 1.3),
              "scale": 1.0}
    sat = dict(wk, wake=rng.uniform(7.6, 8.4), sleep=rng.uniform(24.6, 25.3),
               m_amp=wk["m_amp"] * rng.uniform(0.35, 0.6), m_c=rng.uniform(10.0, 10.8),
               m_w=rng.uniform(0.9, 1.3), l_amp=wk["l_amp"] * rng.uniform(0.6, 1.0),
               e_amp=wk["e_amp"] * rng.uniform(0.8, 1.1), e_c=wk["e_c"] + rng.uniform(0.0, 0.6),
               scale=rng.uniform(0.72, 0.88))
    sun = dict(wk, wake=rng.uniform(8.0, 8.8), sleep=rng.uniform(23.6, 24.2),
               m_amp=wk["m_amp"] * rng.uniform(0.3, 0.5), m_c=rng.uniform(10.3, 11.2),
               m_w=rng.uniform(1.0, 1.4), l_amp=wk["l_amp"] * rng.uniform(0.5, 0.9),
               e_amp=wk["e_amp"] * rng.uniform(0.85, 1.15), e_c=wk["e_c"] - rng.uniform(0.0, 0.5),
               scale=rng.uniform(0.62, 0.8))
    # small weekday-specific tilt (Monday grumpier, Friday evening quieter ...)
    tilt = np.exp(rng.normal(0.0, 0.05, size=5))
    return {"weekday": wk, "saturday": sat, "sunday": sun, "tilt": tilt.tolist()}


def shape_at(h_local: np.ndarray, p: dict) -> np.ndarray:
    """Relative rate at local hour (0-24); the 'day' runs from 04:00 to 28:00."""
    hh = np.where(h_local < 4.0, h_local + 24.0, h_local)
    awake = _sig((hh - p["wake"]) / 0.45) * _sig((p["sleep"] - hh) / 0.55)
    day = (p["day"] + p["m_amp"] * _gauss(hh, p["m_c"], p["m_w"])
           + p["l_amp"] * _gauss(hh, p["l_c"], p["l_w"])
           + p["e_amp"] * _gauss(hh, p["e_c"], p["e_w"]))
    return p["scale"] * (p["night"] + awake * day)


# --------------------------------------------------------------------------
# one series
# --------------------------------------------------------------------------
class Series:
    pass


def pick_start(rng, scenario: str, country: str) -> tuple:
    """Start date (UTC midnight) for a scenario; returns (date, note)."""
    year = int(rng.choice([2025, 2026]))
    if scenario == "dst_spring":
        change = last_sunday(year, 3)
        start = change - timedelta(days=int(rng.integers(4, 12)))
        return start, f"DST start {change.isoformat()}"
    if scenario == "dst_autumn":
        change = last_sunday(year, 10)
        start = change - timedelta(days=int(rng.integers(4, 12)))
        return start, f"DST end {change.isoformat()}"
    if scenario == "holiday":
        hols = sorted(d for d, n in public_holidays(year, country).items()
                      if d.weekday() < 5 and d.month not in (1, 12))
        hol = hols[int(rng.integers(0, len(hols)))]
        start = hol - timedelta(days=int(rng.integers(4, 12)))
        return start, f"holiday {hol.isoformat()}"
    # plain: a random date (may still contain a holiday; the calendar handles it)
    start = date(year, 1, 1) + timedelta(days=int(rng.integers(10, 340)))
    return start, "plain"


def build_calendar(start: date, country: str):
    t0 = datetime(start.year, start.month, start.day, tzinfo=UTC)
    times = [t0 + timedelta(minutes=BUCKET_MIN * i) for i in range(ROWS)]
    offs = np.array([brussels_offset_hours(t) for t in times])
    local = [t + timedelta(hours=int(o)) for t, o in zip(times, offs, strict=False)]
    h_local = np.array([lt.hour + lt.minute / 60.0 for lt in local])
    ldate = [lt.date() for lt in local]
    hols = {}
    for y in sorted({d.year for d in ldate}):
        hols.update(public_holidays(y, country))
    return times, offs, h_local, ldate, hols


def baseline_rate(s: Series, rng) -> np.ndarray:
    r = s.rhythm
    rate = np.empty(ROWS)
    day_index = {}
    for i, d in enumerate(sorted(set(s.ldate))):
        day_index[d] = i
    # day-to-day jitter of the whole day's level
    day_jit = np.exp(rng.normal(0.0, 0.08, size=len(day_index)))
    kinds = []
    for i in range(ROWS):
        d = s.ldate[i]
        if d in s.holidays or d.weekday() == 6:
            kinds.append("sunday")
        elif d.weekday() == 5:
            kinds.append("saturday")
        else:
            kinds.append("weekday")
    kinds = np.array(kinds)
    for kind in ("weekday", "saturday", "sunday"):
        m = kinds == kind
        rate[m] = shape_at(s.h_local[m], r[kind])
    tilt = np.array([r["tilt"][d.weekday()] if d.weekday() < 5 and d not in s.holidays else 1.0
                     for d in s.ldate])
    dj = np.array([day_jit[day_index[d]] for d in s.ldate])
    # normalise so that an ordinary weekday averages 1.0, then scale to the town level
    hgrid = (np.arange(PER_DAY) + 0.5) / PER_HOUR
    norm = shape_at(hgrid, r["weekday"]).mean()
    rate = rate * tilt * dj / norm * s.level
    # slow trend over the two weeks (benign)
    x = np.arange(ROWS) / (ROWS - 1)
    rate *= np.exp(math.log(1.0 + s.trend) * x)
    s.day_kinds = kinds
    return rate


def nab_window(onset: int, n_anom: int) -> tuple:
    length = int(WINDOW_FRACTION * ROWS / n_anom)
    return max(onset - length // 2, 0), min(onset + length // 2, ROWS - 1)


def anomaly_excess(shape: str, p: dict, ref: np.ndarray, onset: int) -> np.ndarray:
    """Extra expected counts per bucket for one anomaly (zeros outside its span)."""
    ex = np.zeros(ROWS)
    if shape == "burst":
        n = p["dur"]
        span = np.arange(onset, min(onset + n, ROWS))
        k = np.arange(len(span))
        # sharp rise in one bucket, a little peakier in the first third
        prof = 1.0 + 0.25 * np.exp(-k / max(n / 3.0, 1.0))
        prof /= prof.mean()
        ex[span] = (p["mult"] - 1.0) * ref[span] * prof
        # short tail: 2-4 buckets fading out
        tail = np.arange(onset + n, min(onset + n + p["tail"], ROWS))
        if len(tail):
            j = np.arange(1, len(tail) + 1)
            ex[tail] = (p["mult"] - 1.0) * ref[tail] * 0.5 ** j
    elif shape == "plateau":
        n = p["dur"]
        span = np.arange(onset, min(onset + n, ROWS))
        k = np.arange(len(span))
        # abrupt start, a slight sag over hours, then a fast end
        prof = 1.0 - 0.15 * k / max(n - 1, 1)
        ex[span] = (p["mult"] - 1.0) * ref[span] * prof
        tail = np.arange(onset + n, min(onset + n + 3, ROWS))
        if len(tail):
            ex[tail] = (p["mult"] - 1.0) * ref[tail] * 0.35 ** np.arange(1, len(tail) + 1)
    else:  # ramp
        up, dec = p["rise"], p["decay_tau"]
        k = np.arange(0, min(up + 6 * dec, ROWS - onset))
        frac = np.where(k < up, ((k + 1) / up) ** p["power"], np.exp(-(k - up + 1) / dec))
        span = onset + k
        ex[span] = (p["mult"] - 1.0) * ref[span] * frac
    return ex


def draw_anomaly_params(shape: str, rng, boost: float = 0.0) -> dict:
    """boost in [0,1] moves the random draw toward the top of the allowed range."""
    def u(a, b):
        x = rng.uniform(0.0, 1.0)
        x = x + (1.0 - x) * boost
        return a + (b - a) * x
    if shape == "burst":
        # log-uniform multiplier 3-20x, 10-60 min
        return {"mult": round(math.exp(u(math.log(3.0), math.log(20.0))), 2),
                "dur": round(u(2, 12)), "tail": int(rng.integers(2, 5))}
    if shape == "plateau":
        return {"mult": round(u(2.0, 4.0), 2), "dur": round(u(2 * PER_HOUR, 8 * PER_HOUR))}
    return {"mult": round(u(3.0, 6.0), 2), "rise": round(u(2 * PER_HOUR, 6 * PER_HOUR)),
            "decay_tau": round(rng.uniform(1.0, 3.0) * PER_HOUR),
            "power": round(float(rng.uniform(1.0, 2.0)), 2)}


def visible_enough(ex: np.ndarray, base: np.ndarray, k_disp: float) -> bool:
    """A human looking at the chart would call it: excess >= 3 sd of the span's noise + 6 posts."""
    m = ex > 0.05 * ex.max()
    e = ex[m].sum()
    var = (base[m] + base[m] ** 2 / k_disp).sum() if np.isfinite(k_disp) else base[m].sum()
    return e >= 3.0 * math.sqrt(var) + 6.0


def make_series(seed: int, idx: int, plan: dict) -> Series:
    rng = np.random.default_rng(np.random.SeedSequence([seed, idx]))
    s = Series()
    s.level, s.town, s.country = plan["level"], plan["town"], plan["country"]
    s.name = f"town_{idx:02d}_{s.town}.csv"
    country = s.country
    scenario = SCENARIOS[idx % len(SCENARIOS)]
    s.start, s.scenario_note = pick_start(rng, scenario, country)
    s.times, s.offsets, s.h_local, s.ldate, hols = build_calendar(s.start, country)
    s.holidays = {d: n for d, n in hols.items() if d in set(s.ldate)}
    s.rhythm = draw_rhythm(rng)
    s.trend = round(float(rng.uniform(-0.25, 0.35)), 3)
    # noise model: pure Poisson for some, gamma-Poisson for others
    s.k_disp = math.inf if rng.uniform() < 0.3 else round(float(rng.uniform(3.0, 25.0)), 2)
    s.ar_sd = round(float(rng.uniform(0.04, 0.12)), 3)

    base = baseline_rate(s, rng)          # benign expected rate without events
    ref_floor = 0.5 * s.level             # "normal" never below half the town's mean

    # ---------------- anomalies (placed first, then benign events avoid their windows)
    shapes = plan["shapes"]
    n_anom = len(shapes)
    first_ok = NO_ANOMALY_DAYS * PER_DAY
    half = int(WINDOW_FRACTION * ROWS / n_anom) // 2
    windows, anomalies, excess = [], [], np.zeros(ROWS)
    # onset preference: mostly waking hours (stories break when people are up), some at night
    w_on = 0.15 + (base / base.max())
    for shape in shapes:
        placed = False
        for attempt in range(400):
            lo, hi = first_ok + half, ROWS - 1 - half - 1
            cand = rng.choice(np.arange(lo, hi), p=w_on[lo:hi] / w_on[lo:hi].sum())
            ws, we = nab_window(int(cand), n_anom)
            if ws < first_ok or any(not (we + 6 < a or ws > b + 6) for a, b in windows):
                continue
            boost = min(attempt / 60.0, 1.0)
            p = draw_anomaly_params(shape, rng, boost)
            ref = np.maximum(base, ref_floor)
            ex = anomaly_excess(shape, p, ref, int(cand))
            # anomaly's own active span must lie inside its window's end
            last_active = int(np.nonzero(ex > 0.05 * ex.max())[0].max())
            if any(ex[a:b + 1].max() > 0.05 * ex.max() for a, b in windows):
                continue  # no bleeding into another anomaly's window
            if excess.any() and excess[ws:we + 1].max() > 0.05 * ref[ws:we + 1].min():
                continue  # nor an earlier anomaly's tail into this one's window
            if not visible_enough(ex, base, s.k_disp):
                continue
            windows.append((ws, we))
            excess += ex
            anomalies.append({"shape": shape, "onset_row": int(cand), **p,
                              "active_until_row": last_active})
            placed = True
            break
        if not placed:
            raise RuntimeError(f"could not place a {shape} in series {idx}")
    assert all(a >= first_ok and b < ROWS for a, b in windows)
    assert all(w1[1] < w2[0] for w1, w2 in zip(sorted(windows), sorted(windows)[1:], strict=False))
    order = np.argsort([a["onset_row"] for a in anomalies])
    anomalies = [anomalies[i] for i in order]
    windows = sorted(windows)
    # keep a quiet margin after each anomaly's activity so benign events stay separate
    busy_rows = np.zeros(ROWS, dtype=bool)
    for (a, b), an in zip(windows, anomalies, strict=False):
        busy_rows[max(a - PER_HOUR, 0):max(b, an["active_until_row"]) + PER_HOUR + 1] = True

    # ---------------- benign events (not labelled)
    mult = np.ones(ROWS)
    benign = []
    days = sorted(set(s.ldate))
    ldate_arr = np.array([d.toordinal() for d in s.ldate])
    want_busy = rng.uniform() < 0.85
    want_match = rng.uniform() < 0.8
    if not (want_busy or want_match):
        want_busy = True
    if want_busy:
        cands = [d for d in days[NO_ANOMALY_DAYS:]
                 if not busy_rows[ldate_arr == d.toordinal()].any()
                 and (ldate_arr == d.toordinal()).sum() >= PER_DAY - PER_HOUR]
        if cands:
            d = cands[int(rng.integers(0, len(cands)))]
            f = round(float(rng.uniform(1.3, 1.6)), 3)
            m = ldate_arr == d.toordinal()
            mult[m] *= f
            busy_rows |= m
            benign.append({"kind": "busier_day", "local_date": d.isoformat(), "factor": f})
    if want_match:
        pref = [d for d in days[NO_ANOMALY_DAYS:] if d.weekday() in (2, 5, 6)] + \
               [d for d in days[NO_ANOMALY_DAYS:] if d.weekday() not in (2, 5, 6)]
        for d in pref:
            ko = float(rng.choice([18.5, 20.0, 20.75, 21.0]))
            m_day = ldate_arr == d.toordinal()
            rows = np.nonzero(m_day & (s.h_local >= ko - 0.5))[0]
            if len(rows) < 5 * PER_HOUR:
                continue
            span = rows[: int(4.5 * PER_HOUR)]
            if busy_rows[span].any():
                continue
            f = float(rng.uniform(0.3, 0.8))
            t = (s.h_local[span] - ko)              # hours since kick-off
            bump = np.where(t < 0, f * 0.3 * _sig((t + 0.25) / 0.1),
                            np.where(t < 1.9, f * _sig(t / 0.1),
                                     f * 1.25 * np.exp(-(t - 1.9) / 0.8)))
            # a couple of small in-match flurries (a goal, a red card)
            for g in rng.uniform(0.2, 1.8, size=int(rng.integers(0, 3))):
                bump += f * 0.8 * np.exp(-0.5 * ((t - g) / 0.08) ** 2)
            mult[span] *= 1.0 + bump
            benign.append({"kind": "football_evening", "local_date": d.isoformat(),
                           "kickoff_local": f"{int(ko):02d}:{round((ko % 1) * 60):02d}",
                           "extra_fraction": round(f, 3)})
            break
    s.benign = [*benign, {"kind": "trend", "total_change": s.trend}]

    # ---------------- noise
    z = np.empty(ROWS)
    phi = 0.97
    innov = rng.normal(0.0, s.ar_sd * math.sqrt(1 - phi ** 2), size=ROWS)
    z[0] = rng.normal(0.0, s.ar_sd)
    for i in range(1, ROWS):
        z[i] = phi * z[i - 1] + innov[i]
    mu = base * mult * np.exp(z - 0.5 * s.ar_sd ** 2) + excess
    lam = rng.gamma(s.k_disp, mu / s.k_disp) if np.isfinite(s.k_disp) else mu
    s.values = rng.poisson(lam).astype(int)
    s.mu = mu
    s.windows = windows
    s.anomalies = anomalies
    return s


TIME_FORMATS = {"iso": "%Y-%m-%dT%H:%M:%SZ",      # 2026-03-29T01:00:00Z (default)
                "nab": "%Y-%m-%d %H:%M:%S"}        # 2026-03-29 01:00:00 (NAB style, UTC implied)
_TIME_FORMAT = [TIME_FORMATS["iso"]]


def fmt(t: datetime) -> str:
    return t.strftime(_TIME_FORMAT[0])


def plan_set(seed: int, count: int) -> list:
    """Set-level plan: 1-3 anomalies per series with shapes balanced over the set,
    levels stratified log-uniformly from ~0.3 to ~11 per bucket, towns without repeats
    (within a size tier, until the tier's list is used up)."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 10_000]))
    n_per = [int(x) for x in rng.choice([1, 2, 2, 3, 3], size=count)]
    pool = []
    while len(pool) < sum(n_per):
        pool.extend(SHAPES[j] for j in rng.permutation(3))
    tiers = {id(t): [t[j] for j in rng.permutation(len(t))] for t in (TOWNS_SMALL, TOWNS_MEDIUM, TOWNS_CITY)}
    used = dict.fromkeys(tiers, 0)
    out, k = [], 0
    for idx, n in enumerate(n_per):
        q = (idx + rng.uniform(0.15, 0.85)) / count
        level = round(float(math.exp(math.log(0.3) + q * (math.log(11.0) - math.log(0.3)))), 3)
        tier = TOWNS_SMALL if level < 1.2 else TOWNS_MEDIUM if level < 4.0 else TOWNS_CITY
        names = tiers[id(tier)]
        town, country = names[used[id(tier)] % len(names)]
        used[id(tier)] += 1
        out.append({"shapes": pool[k:k + n], "level": level, "town": town, "country": country})
        k += n
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="output folder (data/, labels/, truth.json)")
    ap.add_argument("--seed", type=int, default=1313)
    ap.add_argument("--count", type=int, default=12)
    ap.add_argument("--time-format", choices=sorted(TIME_FORMATS), default="iso",
                    help="iso: 2026-03-29T01:00:00Z (default); nab: 2026-03-29 01:00:00 (UTC)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be >= 1")
    _TIME_FORMAT[0] = TIME_FORMATS[args.time_format]

    data_dir = os.path.join(args.out, "data")
    lab_dir = os.path.join(args.out, "labels")
    os.makedirs(data_dir, exist_ok=True)
    os.makedirs(lab_dir, exist_ok=True)
    windows_json, labels_json, truth = {}, {}, {"generator": "benchmarks/holdout_series.py",
                                                 "seed": args.seed, "count": args.count,
                                                 "report_only": True, "series": {}}
    plan = plan_set(args.seed, args.count)
    for idx in range(args.count):
        s = make_series(args.seed, idx, plan[idx])
        with open(os.path.join(data_dir, s.name), "w", encoding="utf-8", newline="\n") as fh:
            fh.write("timestamp,value\n")
            for t, v in zip(s.times, s.values, strict=False):
                fh.write(f"{fmt(t)},{v}\n")
        windows_json[s.name] = [[fmt(s.times[a]), fmt(s.times[b])] for a, b in s.windows]
        labels_json[s.name] = [fmt(s.times[a["onset_row"]]) for a in s.anomalies]
        anoms = []
        for a in s.anomalies:
            d = dict(a)
            d["onset"] = fmt(s.times[a["onset_row"]])
            d["active_until"] = fmt(s.times[a["active_until_row"]])
            lt = s.times[a["onset_row"]] + timedelta(hours=int(s.offsets[a["onset_row"]]))
            d["onset_local"] = lt.strftime("%a %Y-%m-%d %H:%M")
            anoms.append(d)
        dst_changes = [fmt(s.times[i]) for i in range(1, ROWS) if s.offsets[i] != s.offsets[i - 1]]
        truth["series"][s.name] = {
            "town": s.town, "country": s.country, "level_per_bucket": s.level,
            "mean_value": round(float(s.values.mean()), 3),
            "noise": ("poisson" if not math.isfinite(s.k_disp) else f"gamma-poisson k={s.k_disp}"),
            "log_ar1_sd": s.ar_sd, "start_utc": fmt(s.times[0]), "scenario": s.scenario_note,
            "dst_changes_utc": dst_changes,
            "holidays": {d.isoformat(): n for d, n in sorted(s.holidays.items())},
            "benign_events": s.benign, "anomalies": anoms}
        if not args.quiet:
            print(f"{s.name:28s} level {s.level:6.2f}  mean {s.values.mean():6.2f}  "
                  f"{s.scenario_note:24s} anomalies: "
                  + ", ".join(f"{a['shape']}@{a['onset_local']}" for a in anoms))
    with open(os.path.join(lab_dir, "combined_windows.json"), "w", encoding="utf-8") as fh:
        json.dump(windows_json, fh, indent=4, sort_keys=True)
        fh.write("\n")
    with open(os.path.join(lab_dir, "combined_labels.json"), "w", encoding="utf-8") as fh:
        json.dump(labels_json, fh, indent=4, sort_keys=True)
        fh.write("\n")
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, indent=2, sort_keys=True)
        fh.write("\n")
    if not args.quiet:
        n_w = sum(len(v) for v in windows_json.values())
        print(f"wrote {args.count} series, {n_w} labelled windows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
