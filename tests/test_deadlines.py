"""The trajectory's phase and deadlines agree with the findings' boundaries."""

from __future__ import annotations

import datetime as dt

from ecogram.checks import check_case
from ecogram.deadlines import DeadlineKind, Phase, deadlines, next_deadline, phase
from ecogram.findings import Code
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
