"""Calendar arithmetic: clamped months, completed months of age, the unborn child."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecogram.dates import add_months, age_in_months, expected_date, is_unborn, months_between
from tests.factories import d, make_case


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2026-01-05", 3, "2026-04-05"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-01-15", -13, "2024-12-15"),
        ("2024-02-29", 36, "2027-02-28"),
        ("2026-05-17", 0, "2026-05-17"),
    ],
)
def test_add_months_moves_by_calendar_months_and_clamps_to_the_month_end(
    day: str, n: int, expected: str
) -> None:
    assert add_months(d(day), n) == d(expected)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2026-01-31", "2026-02-28", 0),
        ("2026-01-31", "2026-03-01", 1),
        ("2026-01-15", "2026-01-15", 0),
        ("2026-01-15", "2026-02-14", 0),
        ("2026-01-15", "2026-02-15", 1),
        ("2025-10-01", "2026-09-30", 11),
        ("2025-10-01", "2026-10-01", 12),
        ("2026-02-15", "2026-01-15", -1),
    ],
)
def test_months_between_counts_completed_calendar_months(start: str, end: str, months: int) -> None:
    assert months_between(d(start), d(end)) == months


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    n=st.integers(min_value=0, max_value=120),
)
def test_adding_n_months_completes_n_months_unless_the_day_was_clamped(
    day: dt.date, n: int
) -> None:
    later = add_months(day, n)
    assert later >= day
    assert later.day <= day.day
    expected = n if later.day == day.day else n - 1
    assert months_between(day, later) == expected
    assert months_between(later, day) == -expected


def test_age_in_months_is_the_completed_months_since_birth() -> None:
    assert age_in_months(d("2025-10-01"), d("2026-09-30")) == 11
    assert age_in_months(d("2025-10-01"), d("2026-10-01")) == 12


def test_a_child_without_birth_date_is_unborn() -> None:
    case = make_case(birth_date=None, expected_date=d("2026-03-01"))
    assert is_unborn(case, d("2026-06-01"))


def test_a_child_is_unborn_until_its_birth_date_and_born_on_it() -> None:
    case = make_case(birth_date=d("2026-03-01"))
    assert is_unborn(case, d("2026-02-28"))
    assert not is_unborn(case, d("2026-03-01"))


def test_the_expected_date_is_the_recorded_expected_date() -> None:
    case = make_case(birth_date=None, expected_date=d("2026-03-01"))
    assert expected_date(case) == d("2026-03-01")


def test_the_expected_date_falls_back_to_the_birth_date() -> None:
    case = make_case(birth_date=d("2026-04-02"), expected_date=None)
    assert expected_date(case) == d("2026-04-02")
