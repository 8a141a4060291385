"""Calendar arithmetic for the rules: months, ages and the unborn child.

The care guarantee counts in calendar months (a 3-month term, 12 and 36
months of age), so plain day counts are not enough. Month arithmetic clamps
to the end of the month, which keeps it total: every date has a date a month
later.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ecogram.models import Case


def add_months(day: dt.date, n: int) -> dt.date:
    """`day` moved `n` calendar months (n may be negative), clamped to the month's end.

    2026-01-31 + 1 month is 2026-02-28.
    """
    index = day.year * 12 + (day.month - 1) + n
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: dt.date, end: dt.date) -> int:
    """Completed calendar months from `start` to `end`; negative when `end` is earlier.

    A month is completed when the day of the month is reached again, so
    2026-01-31 -> 2026-02-28 is 0 months and -> 2026-03-01 is 1 month.
    """
    if end < start:
        return -months_between(end, start)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return months


def age_in_months(birth_date: dt.date, at: dt.date) -> int:
    """The child's age at `at` in completed months."""
    return months_between(birth_date, at)


def is_unborn(case: Case, at: dt.date) -> bool:
    """Whether the child is not yet born at `at` (no birth date, or one still to come)."""
    return case.birth_date is None or case.birth_date > at


class BirthDates(Protocol):
    """A case, or what a page keeps of one: the child's dates."""

    @property
    def birth_date(self) -> dt.date | None: ...

    @property
    def expected_date(self) -> dt.date | None: ...


def expected_date(case: BirthDates) -> dt.date | None:
    """The expected date of birth; a birth date in the future stands in for it."""
    return case.expected_date if case.expected_date is not None else case.birth_date


def is_prenatal_referral(case: Case) -> bool:
    """A referral during pregnancy: the child is unborn on the day of the referral.

    Derived rather than stored, so a birth date corrected later can never leave
    a stale flag behind.
    """
    trajectory = case.trajectory
    return trajectory is not None and is_unborn(case, trajectory.referred)
