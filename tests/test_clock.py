"""The core's one clock: the calendar, or the day ECOGRAM_TODAY fixes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cli.main import main
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


EXAMPLE = Path(__file__).parent / "data" / "design_example.json"


def checked_codes(capsys: pytest.CaptureFixture[str]) -> set[str]:
    main(["check", str(EXAMPLE), "--format", "json"])
    return {finding["code"] for finding in json.loads(capsys.readouterr().out)}


def test_ecogram_check_without_at_asks_the_clock(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The example was referred on 2026-01-05: its 3-month term runs out in April.
    monkeypatch.setenv("ECOGRAM_TODAY", "2026-01-20")
    early = checked_codes(capsys)
    monkeypatch.setenv("ECOGRAM_TODAY", "2026-06-01")
    late = checked_codes(capsys)

    assert "TERM_EXCEEDED" not in early
    assert "TERM_EXCEEDED" in late


def test_a_malformed_ecogram_today_ends_the_command_in_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ECOGRAM_TODAY", "someday")

    with pytest.raises(SystemExit) as exited:
        main(["check", str(EXAMPLE)])

    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "ecogram: ECOGRAM_TODAY: 'someday' is not a date (YYYY-MM-DD)\n"
    )
