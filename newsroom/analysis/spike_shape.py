"""The shape of the spike detector's evidence, and a learned lift of its alert bar (pass 20).

Per bucket, :class:`ShapeTracker` turns what the detector has measured (the excess of every time
scale and persistence run, the time scale that rang, the multiple of normal, the expected count, the
extra posts, the local hour, how long the excursion has lasted and how it moved over the last hour)
into a fixed list of numbers, from this and earlier buckets only. :class:`LiftModel` is a logistic
regression over them, fitted by ``benchmarks/spike_learn.py`` on development series and shipped as
``lexicons/spike_lift.json``: where the shape says "an event", it lowers the bar of ``Z_HALF``
spreads by a factor of at most ``exp(max_lift)``; it never raises it. Plain Python, no Qt.
"""

from __future__ import annotations

import json
import math
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MODEL_FILE = "spike_lift.json"
FEATURES = ("logz", "z10", "z20", "z40", "z80", "z160", "z320", "p60", "p120", "scale", "log_ratio",
            "log_exp", "hours_up", "hours_2", "hours_3", "slope", "zmax1h", "hour_sin", "hour_cos", "weekend",
            "days", "log_excess", "n3")
SCALES = 8  # six sums and two persistence runs (the detector's default scales)
REFERENCE_S = 300  # counts and scales are read per 5 minutes, whatever the bucket length
#: the lift applies from this excess on (the model was fitted there; below it no lift reaches the gate)
LIFT_FROM = 2.5


class ShapeTracker:
    """The features of the evidence's shape, causal: :meth:`step` once per bucket, in order, then
    :meth:`features` for the buckets that need them."""

    def __init__(self, bucket_s: int) -> None:
        self.bucket_h = bucket_s / 3600
        self.per_reference = REFERENCE_S / bucket_s
        self._hour: deque[float] = deque(maxlen=max(1, round(3600 / bucket_s)))
        self._up = self._two = self._three = 0
        self._zmax = self._slope = 0.0
        self.last: list[float] = []  # the features computed last (empty: none for this bucket)

    def step(self, z: float) -> None:
        """Follow the excursion: how long ``z`` has stayed above 1, 2 and 3, its peak and rise in an hour."""
        self._up = self._up + 1 if z >= 1.0 else 0
        self._two = self._two + 1 if z >= 2.0 else 0
        self._three = self._three + 1 if z >= 3.0 else 0
        hour = self._hour
        self._zmax = max(hour) if hour else 0.0
        self._slope = z - (hour[0] if hour else 0.0)
        hour.append(z)
        self.last = []

    def features(self, z: float, zs: list[float], scale_s: int, ratio: float, expected: float, excess: float,
                 weekend: bool, seconds: int, days: float) -> list[float]:
        """The feature vector (in the order of ``FEATURES``) of the bucket just stepped."""
        scales = (list(zs) + [0.0] * SCALES)[:SCALES]
        angle = 2.0 * math.pi * seconds / 86400
        self.last = [math.log(max(z, 0.1)), *scales, math.log2(max(scale_s, REFERENCE_S) / REFERENCE_S),
                     math.log(max(ratio, 0.1)), math.log(expected * self.per_reference + 0.1),
                     self._up * self.bucket_h, self._two * self.bucket_h, self._three * self.bucket_h,
                     self._slope, self._zmax, math.sin(angle), math.cos(angle), float(weekend), days,
                     math.log(max(excess, 0.0) + 1.0), float(sum(1 for q in scales if q >= 3.0))]
        return self.last


@dataclass(frozen=True, slots=True)
class LiftModel:
    """``logit = Σ weights · features + intercept``; the bar is lowered where the logit clears
    ``theta`` at a smaller ``z``: by ``exp(clip(log Z_HALF + (logit without log z - theta) / w_logz,
    0, max_lift))``."""

    weights: tuple[float, ...]  # in the order of FEATURES; the first is the weight of log z
    intercept: float
    theta: float
    max_lift: float

    def lift(self, features: list[float], z_half: float) -> float:
        """The factor (≥ 1) the gate multiplies ``z`` by before reading the threshold."""
        if self.max_lift <= 0.0 or not features:
            return 1.0
        w = self.weights
        rest = self.intercept - self.theta
        for k in range(1, len(w)):
            rest += w[k] * features[k]
        shift = math.log(z_half) + rest / w[0]
        return math.exp(min(self.max_lift, max(0.0, shift)))

    def to_json(self) -> str:
        data = {"features": list(FEATURES), "weights": list(self.weights), "intercept": self.intercept,
                "theta": self.theta, "max_lift": self.max_lift}
        return json.dumps(data, indent=1) + "\n"


def from_json(text: str) -> LiftModel:
    """A model from the JSON written by :meth:`LiftModel.to_json` (its feature list must be ours)."""
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise ValueError("the lift model was fitted on other features")
    return LiftModel(tuple(float(v) for v in data["weights"]), float(data["intercept"]), float(data["theta"]),
                     float(data["max_lift"]))


@lru_cache(maxsize=1)
def shipped_model() -> LiftModel:
    """The model shipped in ``lexicons/spike_lift.json``."""
    text = resources.files("newsroom.analysis").joinpath("lexicons", MODEL_FILE).read_text(encoding="utf-8")
    return from_json(text)
