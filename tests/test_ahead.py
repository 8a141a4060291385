"""Findings ahead: the check on a day and on every later day within the horizon it changes."""

from __future__ import annotations

import datetime as dt

from ecogram.ahead import caused, change_days, check_ahead, finding_key
from ecogram.caseformat import dump_case
from ecogram.findings import Code, Dated, Finding
from ecogram.imh_checklist import Item, Rating
from ecogram.models import Case
from ecogram.plans import NewAnchor, NewNights, NewRole, NewTrustedPerson, copy_case, preview
from ecogram.vocabulary import PersonKind, Role, Sector
from tests.factories import (
    ALL_STRENGTH,
    OPENED,
    d,
    make_anchor,
    make_assessment,
    make_case,
    make_parent,
    make_person,
    make_role,
    make_trajectory,
)

DAY = dt.timedelta(days=1)
AT = d("2026-03-01")
#: Within this, the quiet case's assessment of 20 February does not fall due (184 days).
WEEKS = 90


def quiet_case() -> Case:
    """Sara is the anchor and Oma Jet, assessed S on everything, the trusted person with
    a night of respite; 40 persons over every sector; no trajectory. Nothing to find."""
    case = make_case()
    sara = make_parent(case)
    jet = make_person(case, name="Oma Jet", kind=PersonKind.GRANDPARENT, household="jet")
    make_assessment(jet, date=d("2026-02-20"))
    make_role(jet, Role.RESPITE)
    make_anchor(case, sara)
    case.trusted_person = jet
    sectors = list(Sector)
    while len(case.persons) < 41:
        make_person(case, sector=sectors[len(case.persons) % len(sectors)])
    return case


def with_mia(case: Case, start: dt.date) -> Case:
    """Tante Mia, C on protection, gets play family from `start`: a knock-out."""
    mia = make_person(case, name="Tante Mia", kind=PersonKind.AUNT_UNCLE, household="mia")
    make_assessment(mia, ALL_STRENGTH | {Item.PROTECTION: Rating.CONCERN}, date=d("2026-02-20"))
    make_role(mia, Role.PLAY_FAMILY, start=start)
    return case


def dated_codes(found: list[Dated]) -> list[tuple[Code, dt.date]]:
    return [(dated.finding.code, dated.on) for dated in found]


def test_a_quiet_case_has_nothing_today_or_ahead() -> None:
    assert check_ahead(quiet_case(), AT, WEEKS) == []


def test_findings_that_hold_today_are_dated_the_check_day() -> None:
    case = quiet_case()
    case.trusted_person = None
    assert dated_codes(check_ahead(case, AT, WEEKS)) == [(Code.NO_TRUSTED_PERSON, AT)]


def test_a_role_breaking_a_knockout_next_week_is_an_error_from_its_first_day() -> None:
    case = with_mia(quiet_case(), AT + 7 * DAY)
    assert dated_codes(check_ahead(case, AT)) == []  # without a horizon: today only
    assert dated_codes(check_ahead(case, AT, WEEKS)) == [(Code.ROLE_KNOCKOUT, AT + 7 * DAY)]


def test_the_horizon_includes_its_last_day_and_nothing_after_it() -> None:
    case = with_mia(quiet_case(), AT + 30 * DAY)
    assert dated_codes(check_ahead(case, AT, 29)) == []
    assert dated_codes(check_ahead(case, AT, 30)) == [(Code.ROLE_KNOCKOUT, AT + 30 * DAY)]


def test_a_finding_that_holds_today_is_not_repeated_ahead() -> None:
    case = with_mia(quiet_case(), AT - DAY)
    make_role(case.persons[2], Role.BUDDY, start=AT + 10 * DAY)  # a change ahead, same findings
    assert dated_codes(check_ahead(case, AT, WEEKS)) == [(Code.ROLE_KNOCKOUT, AT)]


def test_a_finding_that_stops_and_starts_again_is_reported_again() -> None:
    case = quiet_case()
    mia = with_mia(case, AT + 5 * DAY).persons[-1]
    mia.roles[0].end = AT + 10 * DAY
    make_role(mia, Role.PLAY_FAMILY, start=AT + 20 * DAY)
    assert dated_codes(check_ahead(case, AT, WEEKS)) == [
        (Code.ROLE_KNOCKOUT, AT + 5 * DAY),
        (Code.ROLE_KNOCKOUT, AT + 20 * DAY),
    ]


def test_deadlines_ahead_are_dated_the_first_day_they_are_late() -> None:
    case = quiet_case()
    make_trajectory(case, referred=AT, care_tables=[AT + DAY], child_perspective="Noor lacht.")
    found = dated_codes(check_ahead(case, AT, 183))
    assert (Code.EVALUATION_OVERDUE, AT + DAY + 43 * DAY) in found
    assert (Code.TERM_EXCEEDED, d("2026-06-02")) in found  # the term ends on 1 June
    assert (Code.REASSESSMENT_DUE, d("2026-02-20") + 184 * DAY) in found


def test_the_days_checked_are_the_days_the_plan_changes() -> None:
    case = quiet_case()
    jet = case.persons[2]
    make_role(jet, Role.BUDDY, start=AT + 3 * DAY, end=AT + 9 * DAY)
    days = change_days(case, AT, AT + 183 * DAY)
    assert {AT + 3 * DAY, AT + 9 * DAY, d("2026-02-20") + 184 * DAY} <= set(days)
    assert all(AT < day <= AT + 183 * DAY for day in days)
    assert days == sorted(set(days))


def test_findings_of_one_code_about_different_care_tables_are_different_findings() -> None:
    first = Finding.of(Code.CHILD_PERSPECTIVE_MISSING, held=AT)
    second = Finding.of(Code.CHILD_PERSPECTIVE_MISSING, held=AT + DAY)
    assert finding_key(first) != finding_key(second)
    assert finding_key(first) == finding_key(Finding.of(Code.CHILD_PERSPECTIVE_MISSING, held=AT))


def test_what_a_change_causes_is_what_is_new_or_now_starts_earlier() -> None:
    warning = Finding.of(Code.NO_TRUSTED_PERSON)
    error = Finding.of(Code.ROLE_NOT_ASSESSED, person="p3", role="respite", name="Jet")
    before = [Dated(warning, AT), Dated(error, AT + 9 * DAY)]
    after = [Dated(warning, AT), Dated(error, AT + 2 * DAY)]
    assert caused(before, after) == [Dated(error, AT + 2 * DAY)]
    assert caused(after, before) == []


# --- Previews of changes ------------------------------------------------------------------


def test_a_preview_leaves_the_case_as_it_was() -> None:
    case = quiet_case()
    before = dump_case(case)
    found = preview(case, NewTrustedPerson(None), AT)
    assert dated_codes(found) == [(Code.NO_TRUSTED_PERSON, AT)]
    assert dump_case(case) == before


def test_a_preview_of_a_new_role_shows_the_overbooked_nights_ahead() -> None:
    case = quiet_case()
    luc = make_person(case, name="Opa Luc", kind=PersonKind.GRANDPARENT, household="luc")
    make_assessment(luc, date=d("2026-02-20"))
    change = NewRole(luc.ref, Role.FULL_TIME_STAY, AT + DAY, None, 7)
    found = dated_codes(preview(case, change, AT))
    assert (Code.NIGHTS_OVERBOOKED, AT + DAY) in found
    assert (Code.ANCHOR_FEW_NIGHTS, AT + DAY) in found


def test_a_new_anchor_closes_the_open_period_on_its_first_day() -> None:
    case = quiet_case()
    NewAnchor(case.persons[2].ref, AT + 7 * DAY).apply(case)
    assert [(p.person.name, p.start, p.end) for p in case.anchors] == [
        ("Sara", OPENED, AT + 7 * DAY),
        ("Oma Jet", AT + 7 * DAY, None),
    ]


def test_other_nights_from_a_later_day_end_the_role_there_and_go_on_with_the_new_nights() -> None:
    case = quiet_case()
    jet = case.persons[2]
    NewNights(jet.ref, 0, AT, 3).apply(case)
    assert [(r.start, r.end, r.nights_per_week) for r in jet.roles] == [
        (OPENED, AT, 1),
        (AT, None, 3),
    ]


def test_other_nights_from_the_first_day_change_the_role_itself() -> None:
    case = quiet_case()
    jet = case.persons[2]
    NewNights(jet.ref, 0, OPENED, 3).apply(case)
    assert [(r.start, r.end, r.nights_per_week) for r in jet.roles] == [(OPENED, None, 3)]


def test_the_copy_a_preview_works_on_is_the_case_as_its_file_says() -> None:
    case = with_mia(quiet_case(), AT)
    assert dump_case(copy_case(case)) == dump_case(case)
