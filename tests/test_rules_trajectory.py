"""Trajectory rules: care table within 48 hours, evaluation every 42 days, term, budget."""

from __future__ import annotations

import datetime as dt

from ecogram.checks import CheckConfig
from ecogram.findings import Code, Finding
from ecogram.rules.trajectory import (
    care_table_late,
    evaluation_overdue,
    residence_budget,
    term_exceeded,
)
from tests.factories import OPENED, d, make_case, make_trajectory

CONFIG = CheckConfig()
DAY = dt.timedelta(days=1)
REFERRED = OPENED


def codes(findings: list[Finding]) -> list[Code]:
    return [finding.code for finding in findings]


def test_no_trajectory_means_no_trajectory_findings() -> None:
    case = make_case()
    for rule in (care_table_late, evaluation_overdue, term_exceeded, residence_budget):
        assert rule(case, OPENED + 400 * DAY, CONFIG) == []


# --- CARE_TABLE_LATE ---------------------------------------------------------------------


def test_a_care_table_two_days_after_the_referral_is_in_time() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + 2 * DAY])
    assert care_table_late(case, REFERRED + 30 * DAY, CONFIG) == []


def test_it_warns_when_the_first_care_table_was_three_days_after_the_referral() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + 3 * DAY, REFERRED + 40 * DAY])
    findings = care_table_late(case, REFERRED + 30 * DAY, CONFIG)
    assert codes(findings) == [Code.CARE_TABLE_LATE]
    assert findings[0].param_map["detail"] == "care_table_held_late"
    assert findings[0].param_map["first"] == REFERRED + 3 * DAY


def test_waiting_two_days_for_the_first_care_table_is_not_late_yet() -> None:
    case = make_case()
    make_trajectory(case)
    assert care_table_late(case, REFERRED + 2 * DAY, CONFIG) == []


def test_it_warns_when_there_is_no_care_table_three_days_after_the_referral() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + 4 * DAY])  # planned, not held yet
    findings = care_table_late(case, REFERRED + 3 * DAY, CONFIG)
    assert codes(findings) == [Code.CARE_TABLE_LATE]
    assert findings[0].param_map["detail"] == "care_table_none"


def test_nothing_is_late_before_the_referral() -> None:
    case = make_case()
    make_trajectory(case, referred=d("2026-02-01"))
    assert care_table_late(case, d("2026-01-20"), CONFIG) == []


# --- EVALUATION_OVERDUE ------------------------------------------------------------------


def test_an_evaluation_42_days_ago_is_recent_enough() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + DAY], evaluations=[REFERRED + 20 * DAY])
    assert evaluation_overdue(case, REFERRED + 62 * DAY, CONFIG) == []


def test_it_warns_when_the_last_evaluation_was_43_days_ago() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + DAY], evaluations=[REFERRED + 20 * DAY])
    findings = evaluation_overdue(case, REFERRED + 63 * DAY, CONFIG)
    assert codes(findings) == [Code.EVALUATION_OVERDUE]
    assert findings[0].param_map["last"] == REFERRED + 20 * DAY
    assert findings[0].param_map["days"] == 43


def test_a_later_care_table_counts_as_the_last_evaluation() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + DAY, REFERRED + 30 * DAY])
    assert evaluation_overdue(case, REFERRED + 72 * DAY, CONFIG) == []
    assert codes(evaluation_overdue(case, REFERRED + 73 * DAY, CONFIG)) == [Code.EVALUATION_OVERDUE]


def test_evaluations_after_the_day_checked_do_not_count() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + DAY], evaluations=[REFERRED + 50 * DAY])
    assert codes(evaluation_overdue(case, REFERRED + 44 * DAY, CONFIG)) == [Code.EVALUATION_OVERDUE]


def test_no_evaluation_is_due_once_the_trajectory_has_ended() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + DAY], ended=REFERRED + 60 * DAY)
    assert codes(evaluation_overdue(case, REFERRED + 59 * DAY, CONFIG)) == [Code.EVALUATION_OVERDUE]
    assert evaluation_overdue(case, REFERRED + 60 * DAY, CONFIG) == []


def test_no_evaluation_is_due_before_the_first_care_table() -> None:
    case = make_case()
    make_trajectory(case)
    assert evaluation_overdue(case, REFERRED + 100 * DAY, CONFIG) == []


# --- TERM_EXCEEDED -----------------------------------------------------------------------


def test_the_trajectory_may_run_until_the_day_three_months_after_the_referral() -> None:
    case = make_case()
    make_trajectory(case, referred=d("2026-01-05"))
    assert term_exceeded(case, d("2026-04-05"), CONFIG) == []


def test_it_warns_the_day_after_three_months_when_not_extended() -> None:
    case = make_case()
    make_trajectory(case, referred=d("2026-01-05"))
    findings = term_exceeded(case, d("2026-04-06"), CONFIG)
    assert codes(findings) == [Code.TERM_EXCEEDED]
    assert findings[0].param_map["months"] == 3
    assert findings[0].param_map["detail"] == "term_can_extend"


def test_three_months_from_the_end_of_a_month_end_at_the_month_end() -> None:
    case = make_case()
    make_trajectory(case, referred=d("2025-11-30"))
    assert term_exceeded(case, d("2026-02-28"), CONFIG) == []
    assert codes(term_exceeded(case, d("2026-03-01"), CONFIG)) == [Code.TERM_EXCEEDED]


def test_an_extended_trajectory_may_run_six_months() -> None:
    case = make_case()
    make_trajectory(case, referred=d("2026-01-05"), extended=True)
    assert term_exceeded(case, d("2026-07-05"), CONFIG) == []
    findings = term_exceeded(case, d("2026-07-06"), CONFIG)
    assert codes(findings) == [Code.TERM_EXCEEDED]
    assert findings[0].param_map["months"] == 6
    assert findings[0].param_map["detail"] == "term_extended"


def test_an_ended_trajectory_is_not_past_its_term() -> None:
    case = make_case()
    make_trajectory(case, referred=d("2026-01-05"), ended=d("2026-05-01"))
    assert codes(term_exceeded(case, d("2026-04-30"), CONFIG)) == [Code.TERM_EXCEEDED]
    assert term_exceeded(case, d("2026-05-01"), CONFIG) == []


# --- RESIDENCE_BUDGET_OVER_HALF ----------------------------------------------------------


def _budget_case(*items: tuple[str, str, float]) -> list[Finding]:
    case = make_case()
    make_trajectory(case, budget=[(d(day), category, amount) for day, category, amount in items])
    return residence_budget(case, d("2026-03-01"), CONFIG)


def test_exactly_half_the_budget_for_residence_is_allowed() -> None:
    assert _budget_case(("2026-01-10", "residence", 1000), ("2026-01-10", "guidance", 1000)) == []


def test_it_errors_when_residence_is_a_cent_more_than_half_the_budget() -> None:
    findings = _budget_case(("2026-01-10", "residence", 1000.01), ("2026-01-10", "guidance", 1000))
    assert codes(findings) == [Code.RESIDENCE_BUDGET_OVER_HALF]
    assert str(findings[0].param_map["residence"]) == "1000.01"
    assert str(findings[0].param_map["total"]) == "2000.01"


def test_budget_spent_after_the_day_checked_does_not_count() -> None:
    findings = _budget_case(
        ("2026-01-10", "residence", 1000), ("2026-01-10", "guidance", 1000),
        ("2026-03-02", "residence", 500),
    )  # fmt: skip
    assert findings == []


def test_no_budget_spent_is_no_residence_problem() -> None:
    assert _budget_case() == []
