"""Local time for the wall: daylight saving through zoneinfo, unknown zones fall back to UTC."""

from datetime import UTC, datetime

from newsroom import localtime


def test_brussels_winter_and_summer_time() -> None:
    tz = localtime.load_zone("Europe/Brussels")
    assert localtime.to_local(datetime(2026, 1, 15, 13, 0, tzinfo=UTC), tz).hour == 14
    assert localtime.to_local(datetime(2026, 7, 15, 13, 0, tzinfo=UTC), tz).hour == 15


def test_naive_times_are_read_as_utc() -> None:
    tz = localtime.load_zone("Europe/Amsterdam")
    assert localtime.to_local(datetime(2026, 7, 15, 13, 0), tz).hour == 15


def test_unknown_zone_shows_utc_and_says_so(caplog) -> None:
    tz = localtime.load_zone("Mars/Olympus_Mons")
    assert localtime.to_local(datetime(2026, 7, 15, 13, 0, tzinfo=UTC), tz).hour == 13
    assert "unknown time zone" in caplog.text


def test_set_zone_changes_the_default() -> None:
    try:
        localtime.set_zone("America/New_York")
        assert localtime.to_local(datetime(2026, 7, 15, 13, 0, tzinfo=UTC)).hour == 9
    finally:
        localtime.set_zone(localtime.DEFAULT_ZONE)
