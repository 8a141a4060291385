"""The trajectory's phase and deadlines agree with the findings' boundaries."""

from __future__ import annotations

import datetime as dt

from ecogram.checks import check_case
from ecogram.dates import is_prenatal_referral
from ecogram.deadlines import (
    DeadlineKind,
    Phase,
    deadlines,
    deadlines_across,
    next_deadline,
    phase,
)
from ecogram.findings import Code
from ecogram.models import CarePlanAction, Case, Trajectory
from tests.factories import d, make_case, make_trajectory


def test_a_fresh_referral_waits_for_its_care_table_within_two_days() -> None:
    trajectory = make_trajectory(make_case(), referred=d("2026-01-05"))
    assert phase(trajectory, d("2026-01-05")) is Phase.REFERRED
    first = next_deadline(trajectory, d("2026-01-05"))
    assert first is not None
    assert (first.kind, first.due) == (DeadlineKind.CARE_TABLE, d("2026-01-07"))


def test_the_care_table_deadline_is_the_last_day_the_check_stays_silent() -> None:
    case = make_case()
    trajectory = make_trajectory(case, referred=d("2026-01-05"))
    due = deadlines(trajectory, d("2026-01-05"))[0].due
    codes_on = {f.code for f in check_case(case, due)}
    codes_after = {f.code for f in check_case(case, due + dt.timedelta(days=1))}
    assert Code.CARE_TABLE_LATE not in codes_on
    assert Code.CARE_TABLE_LATE in codes_after


def test_the_evaluation_falls_due_42_days_after_the_last_meeting() -> None:
    case = make_case()
    trajectory = make_trajectory(case, care_tables=[d("2026-01-06")], evaluations=[d("2026-02-10")])
    at = d("2026-02-20")
    assert phase(trajectory, at) is Phase.UNDER_WAY
    evaluation = next(x for x in deadlines(trajectory, at) if x.kind is DeadlineKind.EVALUATION)
    assert evaluation.due == d("2026-03-24")
    assert Code.EVALUATION_OVERDUE not in {f.code for f in check_case(case, evaluation.due)}
    late = evaluation.due + dt.timedelta(days=1)
    assert Code.EVALUATION_OVERDUE in {f.code for f in check_case(case, late)}


def test_without_a_care_table_the_evaluation_falls_due_42_days_after_the_referral() -> None:
    case = make_case()
    trajectory = make_trajectory(case, referred=d("2026-01-05"))
    at = d("2026-01-10")
    kinds = [x.kind for x in deadlines(trajectory, at)]
    assert kinds[:2] == [DeadlineKind.CARE_TABLE, DeadlineKind.EVALUATION]
    evaluation = next(x for x in deadlines(trajectory, at) if x.kind is DeadlineKind.EVALUATION)
    assert evaluation.due == d("2026-02-16")
    assert Code.EVALUATION_OVERDUE not in {f.code for f in check_case(case, evaluation.due)}
    late = evaluation.due + dt.timedelta(days=1)
    assert Code.EVALUATION_OVERDUE in {f.code for f in check_case(case, late)}


def test_an_extension_moves_the_term_end_by_three_months() -> None:
    case = make_case()
    trajectory = make_trajectory(case, care_tables=[d("2026-01-06")], extended=True)
    at = d("2026-03-01")
    assert phase(trajectory, at) is Phase.EXTENDED
    term = next(x for x in deadlines(trajectory, at) if x.kind is DeadlineKind.TERM_END)
    assert term.due == d("2026-07-05")
    assert Code.TERM_EXCEEDED not in {f.code for f in check_case(case, term.due)}
    after = term.due + dt.timedelta(days=1)
    assert Code.TERM_EXCEEDED in {f.code for f in check_case(case, after)}


def test_an_ended_trajectory_has_no_deadlines() -> None:
    trajectory = make_trajectory(make_case(), care_tables=[d("2026-01-06")], ended=d("2026-03-01"))
    assert phase(trajectory, d("2026-03-01")) is Phase.ENDED
    assert deadlines(trajectory, d("2026-03-01")) == []
    assert next_deadline(trajectory, d("2026-03-01")) is None


def test_deadlines_come_most_urgent_first() -> None:
    trajectory = make_trajectory(make_case(), care_tables=[d("2026-01-06")])
    found = deadlines(trajectory, d("2026-03-20"))
    assert [x.due for x in found] == sorted(x.due for x in found)
    assert found[0].days_left(d("2026-03-20")) == (found[0].due - d("2026-03-20")).days


# --- care-plan actions and the list across cases -----------------------------------------


def add_action(trajectory: Trajectory, what: str, due: str | None, done: bool = False) -> None:
    day = None if due is None else d(due)
    trajectory.actions.append(CarePlanAction(what=what, who="Oma Jet", due=day, done=done))


def test_an_open_care_plan_action_with_a_date_is_a_deadline() -> None:
    trajectory = make_trajectory(make_case(), care_tables=[d("2026-01-06")])
    add_action(trajectory, "Oma Jet visits the crèche", "2026-01-20")
    found = [x for x in deadlines(trajectory, d("2026-01-10")) if x.action is not None]
    assert [(x.kind, x.due, x.action.what) for x in found if x.action] == [
        (DeadlineKind.CARE_PLAN_ACTION, d("2026-01-20"), "Oma Jet visits the crèche")
    ]


def test_a_done_action_and_an_action_without_a_date_are_not_deadlines() -> None:
    trajectory = make_trajectory(make_case(), care_tables=[d("2026-01-06")])
    add_action(trajectory, "Plan a safety plan", "2026-01-20", done=True)
    add_action(trajectory, "Keep in touch with the midwife", None)
    kinds = {x.kind for x in deadlines(trajectory, d("2026-01-10"))}
    assert DeadlineKind.CARE_PLAN_ACTION not in kinds


def test_an_overdue_action_stays_listed_until_it_is_done() -> None:
    trajectory = make_trajectory(make_case(), care_tables=[d("2026-01-06")])
    add_action(trajectory, "Ask for the criminal-record extract", "2026-01-08")
    late = next(x for x in deadlines(trajectory, d("2026-01-10")) if x.action is not None)
    assert late.days_left(d("2026-01-10")) == -2
    trajectory.actions[0].done = True
    assert all(x.action is None for x in deadlines(trajectory, d("2026-01-10")))


def test_an_ended_trajectory_has_no_action_deadlines_either() -> None:
    trajectory = make_trajectory(make_case(), care_tables=[d("2026-01-06")], ended=d("2026-02-01"))
    add_action(trajectory, "Visit", "2026-02-10")
    assert deadlines(trajectory, d("2026-02-01")) == []


def test_on_one_day_the_care_table_goes_before_an_action() -> None:
    trajectory = make_trajectory(make_case(), referred=d("2026-01-05"))
    add_action(trajectory, "Invite the family", "2026-01-07")
    found = deadlines(trajectory, d("2026-01-05"))
    assert [x.kind for x in found[:2]] == [DeadlineKind.CARE_TABLE, DeadlineKind.CARE_PLAN_ACTION]


def case_with(ref: str, referred: str, care_tables: list[str] | None = None) -> Case:
    case = make_case(ref=ref)
    make_trajectory(case, referred=d(referred), care_tables=[d(t) for t in care_tables or []])
    return case


def test_across_cases_the_longest_overdue_comes_first_then_the_soonest() -> None:
    at = d("2026-03-01")
    late_by_five = case_with("c-late5", "2026-02-22")  # care table due 02-24
    late_by_one = case_with("c-late1", "2026-02-26")  # care table due 02-28
    due_today = case_with("c-today", "2026-02-27")  # care table due 03-01
    later = case_with("c-later", "2026-02-01", ["2026-02-02"])  # evaluation due 03-16
    rows = deadlines_across([later, due_today, late_by_one, late_by_five], at)
    first_per_case = []
    for row in rows:
        if row.case.ref not in first_per_case:
            first_per_case.append(row.case.ref)
    assert first_per_case == ["c-late5", "c-late1", "c-today", "c-later"]
    days = [row.deadline.days_left(at) for row in rows]
    assert days == sorted(days)
    assert days[:3] == [-5, -1, 0]


def test_across_cases_ties_on_one_day_follow_the_kind_then_the_case() -> None:
    at = d("2026-01-05")
    b = case_with("b", "2026-01-05")
    a = case_with("a", "2026-01-05")
    assert b.trajectory is not None
    add_action(b.trajectory, "Call the referrer", "2026-01-07")
    rows = [r for r in deadlines_across([b, a], at) if r.deadline.due == d("2026-01-07")]
    assert [(r.case.ref, r.deadline.kind) for r in rows] == [
        ("a", DeadlineKind.CARE_TABLE),
        ("b", DeadlineKind.CARE_TABLE),
        ("b", DeadlineKind.CARE_PLAN_ACTION),
    ]


def test_across_cases_ended_trajectories_and_cases_without_one_add_nothing() -> None:
    ended = make_case(ref="ended")
    make_trajectory(ended, care_tables=[d("2026-01-06")], ended=d("2026-02-01"))
    assert deadlines_across([ended, make_case(ref="none")], d("2026-03-01")) == []


# --- prenatal referrals --------------------------------------------------------------------


def test_a_referral_before_the_birth_is_prenatal() -> None:
    case = make_case(birth_date=None, expected_date=d("2026-03-01"))
    make_trajectory(case, referred=d("2026-01-05"))
    assert is_prenatal_referral(case)
    case.birth_date = d("2026-01-06")  # born the day after the referral
    assert is_prenatal_referral(case)


def test_a_referral_on_or_after_the_birth_day_is_not_prenatal() -> None:
    case = make_case(birth_date=d("2026-01-05"))
    make_trajectory(case, referred=d("2026-01-05"))
    assert not is_prenatal_referral(case)


def test_a_case_without_a_trajectory_has_no_prenatal_referral() -> None:
    assert not is_prenatal_referral(make_case(birth_date=None, expected_date=d("2026-03-01")))
