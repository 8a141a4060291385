"""Trajectory rules: care table within 48 hours, evaluation every 42 days, term, budget."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogram.checks import CheckConfig
from ecogram.findings import Code, Finding, render
from ecogram.models import Case
from ecogram.rules.trajectory import (
    care_table_late,
    child_perspective_missing,
    evaluation_overdue,
    mandated_service_absent,
    residence_budget,
    stay_open_after_end,
    term_exceeded,
)
from ecogram.vocabulary import Outcome
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


def test_without_care_table_or_evaluation_42_days_after_the_referral_is_not_overdue() -> None:
    case = make_case()
    make_trajectory(case)
    assert evaluation_overdue(case, REFERRED + 42 * DAY, CONFIG) == []


def test_without_care_table_or_evaluation_the_rhythm_counts_from_the_referral() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + 50 * DAY])  # planned, not held yet
    findings = evaluation_overdue(case, REFERRED + 43 * DAY, CONFIG)
    assert codes(findings) == [Code.EVALUATION_OVERDUE]
    assert findings[0].param_map["detail"] == "evaluation_none"
    assert findings[0].param_map["last"] == REFERRED
    assert "no care table or evaluation since the referral" in render(findings[0], "en")


def test_before_the_referral_no_evaluation_is_due() -> None:
    case = make_case()
    make_trajectory(case, referred=d("2026-03-01"))
    assert evaluation_overdue(case, d("2026-02-28"), CONFIG) == []


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


# --- MANDATED_SERVICE_ABSENT -------------------------------------------------------------


def _mandated(*present: list[str]) -> Case:
    case = make_case()
    trajectory = make_trajectory(
        case,
        mandated_service=True,
        care_tables=[REFERRED + (i + 1) * DAY for i in range(len(present))],
    )
    for table, parties in zip(trajectory.care_tables, present, strict=True):
        table.present = parties
    return case


def test_a_mandated_service_present_at_every_care_table_is_no_finding() -> None:
    case = _mandated(["family", "mandated_service"], ["mandated_service"])
    assert mandated_service_absent(case, REFERRED + 10 * DAY, CONFIG) == []


def test_a_care_table_without_the_mandated_service_is_a_warning_naming_its_date() -> None:
    case = _mandated(["family", "mandated_service"], ["family", "experts"])
    findings = mandated_service_absent(case, REFERRED + 10 * DAY, CONFIG)
    assert codes(findings) == [Code.MANDATED_SERVICE_ABSENT]
    assert findings[0].severity.value == "warning"
    assert findings[0].param_map["held"] == REFERRED + 2 * DAY


def test_a_care_table_recorded_as_a_plain_date_lists_nobody_so_it_warns() -> None:
    assert codes(mandated_service_absent(_mandated([]), REFERRED + DAY, CONFIG)) == [
        Code.MANDATED_SERVICE_ABSENT
    ]


def test_a_planned_care_table_does_not_count_before_its_day() -> None:
    case = _mandated([])
    assert mandated_service_absent(case, REFERRED, CONFIG) == []


def test_without_a_mandated_service_nobody_is_missed() -> None:
    case = _mandated([])
    assert case.trajectory is not None
    case.trajectory.mandated_service = False
    assert mandated_service_absent(case, REFERRED + DAY, CONFIG) == []


# --- STAY_OPEN_AFTER_END -----------------------------------------------------------------

ENDED = REFERRED + 80 * DAY


def _ended_with_stay(
    kind: str, end: dt.date | None, outcome: Outcome | None = Outcome.HOME
) -> Case:
    case = make_case()
    make_trajectory(case, ended=ENDED, outcome=outcome, stays=[(kind, REFERRED, end)])
    return case


def test_a_residential_stay_without_a_last_day_after_the_trajectory_ended_warns() -> None:
    findings = stay_open_after_end(_ended_with_stay("residential_group", None), ENDED, CONFIG)
    assert codes(findings) == [Code.STAY_OPEN_AFTER_END]
    assert findings[0].param_map["detail"] == "stay_no_end"
    assert "residential group from 5 January 2026 has no last day yet" in render(findings[0], "en")


def test_a_crisis_foster_stay_lasting_past_the_end_day_warns() -> None:
    case = _ended_with_stay("crisis_foster_family", ENDED + DAY)
    findings = stay_open_after_end(case, ENDED, CONFIG)
    assert codes(findings) == [Code.STAY_OPEN_AFTER_END]
    assert findings[0].param_map["until"] == ENDED + DAY


def test_a_stay_whose_last_day_is_the_end_day_ended_with_the_trajectory() -> None:
    assert stay_open_after_end(_ended_with_stay("residential_group", ENDED), ENDED, CONFIG) == []


def test_an_open_hospital_stay_is_no_placement_left_open() -> None:
    assert stay_open_after_end(_ended_with_stay("hospital", None), ENDED, CONFIG) == []


def test_an_open_stay_is_no_finding_before_the_trajectory_ends_or_without_an_outcome() -> None:
    assert (
        stay_open_after_end(_ended_with_stay("residential_group", None), ENDED - DAY, CONFIG) == []
    )
    no_outcome = _ended_with_stay("residential_group", None, outcome=None)
    assert stay_open_after_end(no_outcome, ENDED, CONFIG) == []


# --- CHILD_PERSPECTIVE_MISSING -----------------------------------------------------------


def test_a_care_table_with_the_childs_perspective_is_no_finding() -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + DAY], child_perspective="Noor lacht.")
    assert child_perspective_missing(case, REFERRED + DAY, CONFIG) == []


@pytest.mark.parametrize("perspective", ["", "  \n "])
def test_a_held_care_table_without_the_childs_perspective_warns(perspective: str) -> None:
    case = make_case()
    make_trajectory(case, care_tables=[REFERRED + DAY], child_perspective=perspective)
    assert child_perspective_missing(case, REFERRED, CONFIG) == []  # not held yet
    findings = child_perspective_missing(case, REFERRED + DAY, CONFIG)
    assert codes(findings) == [Code.CHILD_PERSPECTIVE_MISSING]
    assert findings[0].param_map["held"] == REFERRED + DAY
