"""Rules on the child: a trusted person, and an age the care guarantee covers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ecogram.dates import add_months, expected_date, is_unborn
from ecogram.findings import Code, Finding

if TYPE_CHECKING:
    from ecogram.checks import CheckConfig
    from ecogram.models import Case

# The care guarantee runs from pregnancy (about -9 months) to 3 years.
MAX_AGE_MONTHS = 36
MAX_DAYS_BEFORE_BIRTH = 280


def trusted_person(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """NO_TRUSTED_PERSON."""
    return [] if case.trusted_person is not None else [Finding.of(Code.NO_TRUSTED_PERSON)]


def child_age(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """CHILD_AGE_OUT_OF_RANGE: older than 36 months, or due more than 280 days ahead."""
    birth = case.birth_date
    if not is_unborn(case, at) and birth is not None:
        if at > add_months(birth, MAX_AGE_MONTHS):
            return [
                Finding.of(
                    Code.CHILD_AGE_OUT_OF_RANGE, detail="child_too_old", date=at, birth=birth
                )
            ]
        return []
    expected = expected_date(case)
    if expected is None:
        return []
    days = (expected - at).days
    if days <= MAX_DAYS_BEFORE_BIRTH:
        return []
    return [
        Finding.of(
            Code.CHILD_AGE_OUT_OF_RANGE,
            detail="child_expected_far",
            date=at,
            expected=expected,
            days=days,
        )
    ]
