"""Night hours: parsed from text, spanning midnight or not, readable errors."""

from __future__ import annotations

from datetime import time

import pytest

from newsroom.night_hours import NightHours, NightHoursError


def test_a_span_over_midnight() -> None:
    night = NightHours.parse("22:00-07:00")
    assert night.contains(time(22, 0)) and night.contains(time(23, 59)) and night.contains(time(0, 0))
    assert night.contains(time(6, 59, 30))
    assert not night.contains(time(7, 0)) and not night.contains(time(12, 0))
    assert not night.contains(time(21, 59))


def test_a_span_within_one_day_and_other_spellings() -> None:
    night = NightHours.parse(" 1.30 – 5.00 ")
    assert night == NightHours(time(1, 30), time(5, 0))
    assert night.contains(time(3, 0)) and not night.contains(time(5, 0)) and not night.contains(time(23, 0))
    assert NightHours.parse("20:00-24:00").contains(time(23, 30))
    assert not NightHours.parse("08:00-08:00").contains(time(8, 0))


@pytest.mark.parametrize("text", ["22-07", "25:00-07:00", "22:00-07:60", "nacht", ""])
def test_unreadable_hours_are_a_sentence(text: str) -> None:
    with pytest.raises(NightHoursError, match="night hours"):
        NightHours.parse(text)
