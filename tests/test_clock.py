"""The core's one clock: the calendar, or the day ECOGRAM_TODAY fixes."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogram import clock


def test_ecogram_today_fixes_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOGRAM_TODAY", "2031-07-15")
    assert clock.today() == dt.date(2031, 7, 15)


def test_without_ecogram_today_it_is_the_calendars_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ECOGRAM_TODAY", raising=False)
    before = dt.date.today()
    assert clock.today() in {before, dt.date.today()}  # a test run may cross midnight


@pytest.mark.parametrize("value", ["tomorrow", "2031-02-30", "15-07-2031"])
def test_a_malformed_ecogram_today_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("ECOGRAM_TODAY", value)
    with pytest.raises(clock.ClockError, match=r"^ECOGRAM_TODAY: .* is not a date"):
        clock.today()
