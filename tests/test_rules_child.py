"""Child rules: a trusted person, and an age within the care guarantee."""

from __future__ import annotations

import datetime as dt

from ecogram.checks import CheckConfig
from ecogram.findings import Code, Finding
from ecogram.rules.child import child_age, trusted_person
from tests.factories import OPENED, d, make_case, make_person

CONFIG = CheckConfig()
DAY = dt.timedelta(days=1)


def codes(findings: list[Finding]) -> list[Code]:
    return [finding.code for finding in findings]


def test_it_warns_when_no_trusted_person_is_named() -> None:
    assert codes(trusted_person(make_case(), OPENED, CONFIG)) == [Code.NO_TRUSTED_PERSON]


def test_a_named_trusted_person_is_enough() -> None:
    case = make_case()
    case.trusted_person = make_person(case, name="Juf Lies")
    assert trusted_person(case, OPENED, CONFIG) == []


def test_a_child_of_exactly_36_months_is_in_range() -> None:
    case = make_case(birth_date=d("2023-01-05"))
    assert child_age(case, d("2026-01-05"), CONFIG) == []


def test_it_warns_the_day_after_the_child_turns_36_months() -> None:
    case = make_case(birth_date=d("2023-01-05"))
    findings = child_age(case, d("2026-01-06"), CONFIG)
    assert codes(findings) == [Code.CHILD_AGE_OUT_OF_RANGE]
    assert findings[0].param_map["detail"] == "child_too_old"


def test_36_months_after_a_leap_day_end_on_the_last_day_of_february() -> None:
    case = make_case(birth_date=d("2024-02-29"))
    assert child_age(case, d("2027-02-28"), CONFIG) == []
    assert codes(child_age(case, d("2027-03-01"), CONFIG)) == [Code.CHILD_AGE_OUT_OF_RANGE]


def test_an_unborn_child_due_in_280_days_is_in_range() -> None:
    case = make_case(birth_date=None, expected_date=OPENED + 280 * DAY)
    assert child_age(case, OPENED, CONFIG) == []


def test_it_warns_when_an_unborn_child_is_due_more_than_280_days_ahead() -> None:
    case = make_case(birth_date=None, expected_date=OPENED + 281 * DAY)
    findings = child_age(case, OPENED, CONFIG)
    assert codes(findings) == [Code.CHILD_AGE_OUT_OF_RANGE]
    assert findings[0].param_map["detail"] == "child_expected_far"
    assert findings[0].param_map["days"] == 281


def test_a_birth_date_still_to_come_counts_as_the_expected_date() -> None:
    case = make_case(birth_date=OPENED + 281 * DAY, expected_date=None)
    assert codes(child_age(case, OPENED, CONFIG)) == [Code.CHILD_AGE_OUT_OF_RANGE]
    assert child_age(case, OPENED + DAY, CONFIG) == []


def test_an_unborn_child_past_its_expected_date_is_in_range() -> None:
    case = make_case(birth_date=None, expected_date=OPENED)
    assert child_age(case, OPENED + 30 * DAY, CONFIG) == []
