"""Role rules: assessed, no knock-outs, attested, reassessed, and not too many homes."""

from __future__ import annotations

import datetime as dt

import pytest

from ecogram.checks import CheckConfig
from ecogram.findings import Code, Finding
from ecogram.imh_checklist import Item, Rating
from ecogram.models import Case, Person
from ecogram.rules.roles import (
    attestation,
    latest_final_assessment,
    nights_overbooked,
    overnight_homes,
    reassessment,
    role_fitness,
)
from ecogram.vocabulary import AttestationStatus, PersonKind, Role, Sector
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
)

CONFIG = CheckConfig()
DAY = dt.timedelta(days=1)


def codes(findings: list[Finding]) -> list[Code]:
    return [finding.code for finding in findings]


def make_grandmother(case: Case, **overrides: object) -> Person:
    fields: dict[str, object] = {
        "name": "Oma Jet",
        "kind": PersonKind.GRANDPARENT,
        "sector": Sector.FAMILY,
        "household": "jet",
    }
    fields.update(overrides)
    return make_person(case, **fields)


# --- latest_final_assessment -------------------------------------------------------------


def test_the_latest_final_assessment_is_the_one_with_the_greatest_date_up_to_the_day() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, date=d("2026-03-01"), assessor="Later")
    make_assessment(jet, date=d("2026-02-01"), assessor="Earlier")
    make_assessment(jet, date=d("2026-04-01"), assessor="Too late")
    later = latest_final_assessment(jet, d("2026-03-31"))
    earlier = latest_final_assessment(jet, d("2026-02-28"))
    assert later is not None and (later.date, later.assessor) == (d("2026-03-01"), "Later")
    assert earlier is not None and (earlier.date, earlier.assessor) == (d("2026-02-01"), "Earlier")
    assert latest_final_assessment(jet, d("2026-01-31")) is None


SAME_DAY = (
    ALL_STRENGTH | {Item.PROTECTION: Rating.CONCERN, Item.OWN_NETWORK: Rating.ADEQUATE},
    ALL_STRENGTH | {Item.PROTECTION: Rating.UNKNOWN, Item.SENSITIVITY: Rating.ADEQUATE},
)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_final_assessments_on_one_day_count_the_worse_rating_of_each_item(
    order: tuple[int, int],
) -> None:
    case = make_case()
    jet = make_grandmother(case)
    for index in order:
        make_assessment(jet, SAME_DAY[index], date=OPENED, assessor=f"Assessor {index}")
    merged = latest_final_assessment(jet, OPENED)
    assert merged is not None
    assert merged.ratings[Item.PROTECTION] is Rating.CONCERN  # C is worse than U
    assert merged.ratings[Item.SENSITIVITY] is Rating.ADEQUATE
    assert merged.ratings[Item.OWN_NETWORK] is Rating.ADEQUATE
    assert merged.ratings[Item.SAFE_HAVEN] is Rating.STRENGTH
    assert merged.assessor == "Assessor 0, Assessor 1"


def test_a_missing_item_in_one_of_two_same_day_assessments_counts_as_unknown() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, date=OPENED)
    make_assessment(jet, {Item.SENSITIVITY: Rating.STRENGTH}, date=OPENED)
    merged = latest_final_assessment(jet, OPENED)
    assert merged is not None
    assert merged.ratings[Item.SENSITIVITY] is Rating.STRENGTH
    assert merged.ratings[Item.PROTECTION] is Rating.UNKNOWN


def test_a_final_assessment_a_day_later_replaces_the_earlier_one_without_merging() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, SAME_DAY[0], date=OPENED)
    make_assessment(jet, date=OPENED + DAY)
    latest = latest_final_assessment(jet, OPENED + DAY)
    assert latest is not None and latest.ratings[Item.PROTECTION] is Rating.STRENGTH


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_knockout_of_either_same_day_assessment_counts_whatever_their_order(
    order: tuple[int, int],
) -> None:
    case = make_case()
    jet = make_grandmother(case)
    for index in order:
        make_assessment(jet, SAME_DAY[index], date=OPENED)
    make_role(jet, Role.RESPITE)
    found = role_fitness(case, OPENED, CONFIG)
    knocked = [(f.code, f.item, f.param_map["rating"]) for f in found]
    assert (Code.ROLE_KNOCKOUT, "protection", "C") in knocked


def test_drafts_never_count_as_the_latest_final_assessment() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, date=OPENED, assessor="Final")
    make_assessment(jet, {}, date=OPENED + DAY, final=False, assessor="Draft")
    latest = latest_final_assessment(jet, OPENED + DAY)
    assert latest is not None and (latest.date, latest.assessor) == (OPENED, "Final")


# --- ROLE_NOT_ASSESSED / ROLE_KNOCKOUT / ROLE_BELOW_MINIMUM ------------------------------


def test_it_errors_when_an_active_role_has_no_final_assessment() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_role(jet, Role.RESPITE)
    findings = role_fitness(case, OPENED, CONFIG)
    assert codes(findings) == [Code.ROLE_NOT_ASSESSED]
    assert (findings[0].person, findings[0].role, findings[0].item) == (jet.ref, "respite", None)


def test_a_draft_assessment_leaves_the_role_unassessed() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, final=False)
    make_role(jet, Role.RESPITE)
    assert codes(role_fitness(case, OPENED, CONFIG)) == [Code.ROLE_NOT_ASSESSED]


def test_an_assessment_dated_after_the_day_checked_does_not_count() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, date=OPENED + DAY)
    make_role(jet, Role.RESPITE)
    assert codes(role_fitness(case, OPENED, CONFIG)) == [Code.ROLE_NOT_ASSESSED]
    assert role_fitness(case, OPENED + DAY, CONFIG) == []


def test_roles_not_active_on_the_day_are_ignored() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_role(jet, Role.RESPITE, start=d("2026-02-01"), end=d("2026-03-01"))
    assert role_fitness(case, d("2026-01-31"), CONFIG) == []
    assert codes(role_fitness(case, d("2026-02-01"), CONFIG)) == [Code.ROLE_NOT_ASSESSED]
    assert role_fitness(case, d("2026-03-01"), CONFIG) == []


def test_a_person_strong_on_every_item_raises_nothing_for_any_role() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH)
    for role in Role:
        make_role(jet, role)
    assert role_fitness(case, OPENED, CONFIG) == []


def test_it_errors_per_knockout_item_of_an_active_role() -> None:
    case = make_case()
    jet = make_grandmother(case)
    ratings = ALL_STRENGTH | {Item.SENSITIVITY: Rating.CONCERN, Item.PROTECTION: Rating.UNKNOWN}
    make_assessment(jet, ratings)
    make_role(jet, Role.RESPITE)
    findings = role_fitness(case, OPENED, CONFIG)
    assert codes(findings) == [Code.ROLE_KNOCKOUT, Code.ROLE_KNOCKOUT]
    assert [f.item for f in findings] == ["sensitivity", "protection"]
    assert findings[0].param_map["rating"] == "C"
    assert findings[0].param_map["minimum"] == "A"
    assert findings[0].param_map["name"] == "Oma Jet"


def test_adequate_is_a_knockout_where_the_role_requires_strength() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH | {Item.SENSITIVITY: Rating.ADEQUATE})
    make_role(jet, Role.FULL_TIME_STAY)
    findings = role_fitness(case, OPENED, CONFIG)
    assert [(f.code, f.item, f.param_map["minimum"]) for f in findings] == [
        (Code.ROLE_KNOCKOUT, "sensitivity", "S")
    ]


def test_it_warns_per_non_knockout_item_below_minimum_or_unknown() -> None:
    case = make_case()
    jet = make_grandmother(case)
    ratings = {item: r for item, r in ALL_STRENGTH.items() if item is not Item.OWN_NETWORK}
    make_assessment(jet, ratings | {Item.SECURE_BASE: Rating.CONCERN})
    make_role(jet, Role.RESPITE)
    findings = role_fitness(case, OPENED, CONFIG)
    assert [(f.code, f.item) for f in findings] == [
        (Code.ROLE_BELOW_MINIMUM, "secure_base"),
        (Code.ROLE_BELOW_MINIMUM, "own_network"),
    ]


def test_an_item_the_role_does_not_ask_for_never_complains() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH | {Item.SAFE_HAVEN: Rating.CONCERN})
    make_role(jet, Role.BUDDY)
    assert role_fitness(case, OPENED, CONFIG) == []


# --- ATTESTATION_MISSING -----------------------------------------------------------------


def _kinship(**overrides: object) -> Case:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH)
    make_role(jet, Role.KINSHIP_FOSTER_CARE, **overrides)
    return case


def test_a_granted_attestation_satisfies_kinship_foster_care() -> None:
    case = _kinship(attestation_status=AttestationStatus.GRANTED, attestation_date=OPENED)
    assert attestation(case, OPENED, CONFIG) == []


def test_it_errors_when_kinship_foster_care_has_no_attestation() -> None:
    findings = attestation(_kinship(attestation_status=None, attestation_date=None), OPENED, CONFIG)
    assert codes(findings) == [Code.ATTESTATION_MISSING]
    assert findings[0].role == "kinship_foster_care"
    assert findings[0].param_map["detail"] == "attestation_none"


def test_it_errors_when_the_attestation_is_pending_or_refused() -> None:
    for status in (AttestationStatus.PENDING, AttestationStatus.REFUSED):
        case = _kinship(attestation_status=status, attestation_date=OPENED)
        findings = attestation(case, OPENED, CONFIG)
        assert codes(findings) == [Code.ATTESTATION_MISSING]
        assert findings[0].param_map["detail"] == f"attestation_{status.value}"


def test_it_errors_while_the_granted_attestation_is_dated_after_the_day_checked() -> None:
    case = _kinship(attestation_status=AttestationStatus.GRANTED, attestation_date=d("2026-02-01"))
    findings = attestation(case, d("2026-01-31"), CONFIG)
    assert codes(findings) == [Code.ATTESTATION_MISSING]
    assert findings[0].param_map["attested"] == d("2026-02-01")
    assert attestation(case, d("2026-02-01"), CONFIG) == []


def test_other_roles_need_no_attestation() -> None:
    case = make_case()
    make_role(make_grandmother(case), Role.FULL_TIME_STAY)
    assert attestation(case, OPENED, CONFIG) == []


def test_an_inactive_kinship_role_needs_no_attestation_yet() -> None:
    case = _kinship(attestation_status=None, start=d("2026-02-01"))
    assert attestation(case, d("2026-01-31"), CONFIG) == []


# --- REASSESSMENT_DUE --------------------------------------------------------------------


def test_an_assessment_183_days_old_is_still_recent_enough() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, date=OPENED)
    make_role(jet, Role.RESPITE)
    assert reassessment(case, OPENED + 183 * DAY, CONFIG) == []


def test_it_warns_when_the_assessment_of_an_active_role_is_184_days_old() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, date=OPENED)
    make_role(jet, Role.RESPITE)
    findings = reassessment(case, OPENED + 184 * DAY, CONFIG)
    assert codes(findings) == [Code.REASSESSMENT_DUE]
    assert (findings[0].person, findings[0].role) == (jet.ref, "respite")
    assert findings[0].param_map["days"] == 184


def test_a_newer_draft_does_not_reset_the_reassessment_clock() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, date=OPENED)
    make_assessment(jet, date=OPENED + 100 * DAY, final=False)
    make_role(jet, Role.RESPITE)
    assert codes(reassessment(case, OPENED + 184 * DAY, CONFIG)) == [Code.REASSESSMENT_DUE]


def test_no_reassessment_is_due_for_a_role_that_has_ended() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, date=OPENED)
    make_role(jet, Role.RESPITE, end=OPENED + 184 * DAY)
    assert reassessment(case, OPENED + 184 * DAY, CONFIG) == []


def test_an_unassessed_role_is_not_reported_as_due_for_reassessment() -> None:
    case = make_case()
    make_role(make_grandmother(case), Role.RESPITE)
    assert reassessment(case, OPENED + 365 * DAY, CONFIG) == []


# --- OVERNIGHT_HOMES_EXCEEDED ------------------------------------------------------------


def _homes_case(homes: int, **case_fields: object) -> Case:
    """Sara is the anchor; `homes` other households each have a person with a night a week."""
    case = make_case(**case_fields)
    sara = make_parent(case)
    make_anchor(case, sara)
    for i in range(homes):
        make_role(make_grandmother(case, household=f"h{i}"), Role.RESPITE, nights_per_week=1)
    return case


def test_under_12_months_one_other_home_is_fine() -> None:
    assert overnight_homes(_homes_case(1), d("2026-09-30"), CONFIG) == []


def test_it_warns_when_a_child_under_12_months_sleeps_in_two_other_homes() -> None:
    findings = overnight_homes(_homes_case(2), d("2026-09-30"), CONFIG)
    assert codes(findings) == [Code.OVERNIGHT_HOMES_EXCEEDED]
    assert findings[0].param_map["homes"] == 2
    assert findings[0].param_map["cap"] == 1


def test_the_cap_rises_to_two_homes_at_exactly_12_months() -> None:
    # Born 2025-10-01: twelve months old on 2026-10-01.
    assert overnight_homes(_homes_case(2), d("2026-10-01"), CONFIG) == []


def test_it_warns_when_a_child_of_12_to_36_months_sleeps_in_three_other_homes() -> None:
    findings = overnight_homes(_homes_case(3), d("2026-10-01"), CONFIG)
    assert codes(findings) == [Code.OVERNIGHT_HOMES_EXCEEDED]
    assert findings[0].param_map["cap"] == 2


def test_an_unborn_child_gets_the_cap_of_under_12_months() -> None:
    case = _homes_case(2, birth_date=None, expected_date=d("2026-03-01"))
    assert codes(overnight_homes(case, OPENED, CONFIG)) == [Code.OVERNIGHT_HOMES_EXCEEDED]


def test_persons_of_one_household_are_one_home() -> None:
    case = _homes_case(1)
    make_role(make_grandmother(case, name="Opa Wim", household="h0"), Role.RESPITE)
    assert overnight_homes(case, OPENED, CONFIG) == []


def test_persons_without_a_household_are_each_a_home_of_their_own() -> None:
    case = _homes_case(0)
    make_role(make_grandmother(case, household=None), Role.RESPITE)
    make_role(make_grandmother(case, name="Opa Wim", household=None), Role.RESPITE)
    findings = overnight_homes(case, OPENED, CONFIG)
    assert codes(findings) == [Code.OVERNIGHT_HOMES_EXCEEDED]
    assert findings[0].param_map["names"] == ("Oma Jet", "Opa Wim")


def test_the_anchors_household_is_not_another_home() -> None:
    case = _homes_case(1)
    make_role(make_parent(case, name="Ahmed", household="home"), Role.PART_TIME_STAY)
    assert overnight_homes(case, OPENED, CONFIG) == []


def test_daytime_roles_and_inactive_roles_are_no_homes() -> None:
    case = _homes_case(1)
    make_role(make_grandmother(case, household="x"), Role.PLAY_FAMILY, nights_per_week=0)
    make_role(make_grandmother(case, household="y"), Role.RESPITE, start=OPENED + DAY)
    assert overnight_homes(case, OPENED, CONFIG) == []


def test_the_overnight_caps_are_configurable() -> None:
    config = CheckConfig(overnight_cap_under_12_months=2)
    assert overnight_homes(_homes_case(2), OPENED, config) == []


@pytest.mark.parametrize(
    "role", [Role.RESPITE, Role.PART_TIME_STAY, Role.FULL_TIME_STAY, Role.KINSHIP_FOSTER_CARE]
)
def test_a_night_role_at_zero_nights_a_week_still_counts_as_a_home(role: Role) -> None:
    case = _homes_case(1)
    make_role(make_grandmother(case, household="h9"), role, nights_per_week=0)
    findings = overnight_homes(case, d("2026-09-30"), CONFIG)
    assert codes(findings) == [Code.OVERNIGHT_HOMES_EXCEEDED]
    assert findings[0].param_map["homes"] == 2


@pytest.mark.parametrize("role", [Role.BUDDY, Role.PLAY_FAMILY])
def test_a_day_role_counts_as_a_home_only_from_one_night_a_week(role: Role) -> None:
    case = _homes_case(1)
    day_role = make_role(make_grandmother(case, household="h9"), role, nights_per_week=0)
    assert overnight_homes(case, d("2026-09-30"), CONFIG) == []
    day_role.nights_per_week = 1
    assert codes(overnight_homes(case, d("2026-09-30"), CONFIG)) == [Code.OVERNIGHT_HOMES_EXCEEDED]


# --- NIGHTS_OVERBOOKED -------------------------------------------------------------------


def _nights_case(*nights: int) -> Case:
    case = make_case()
    sara = make_parent(case)
    make_anchor(case, sara)
    for i, count in enumerate(nights):
        make_role(make_grandmother(case, name=f"Oma {i}"), Role.RESPITE, nights_per_week=count)
    return case


def test_seven_nights_a_week_over_all_roles_are_not_overbooked() -> None:
    assert nights_overbooked(_nights_case(4, 3), OPENED, CONFIG) == []


def test_eight_nights_a_week_over_all_roles_are_an_overbooking_error() -> None:
    findings = nights_overbooked(_nights_case(4, 3, 1), OPENED, CONFIG)
    assert codes(findings) == [Code.NIGHTS_OVERBOOKED]
    assert findings[0].severity.value == "error"
    assert findings[0].param_map["nights"] == 8
    assert findings[0].param_map["names"] == ("Oma 0", "Oma 1", "Oma 2")


def test_the_anchors_own_role_nights_count_towards_the_seven() -> None:
    case = _nights_case(7)
    make_role(case.persons[1], Role.RESPITE, nights_per_week=1)  # Sara, the anchor
    assert codes(nights_overbooked(case, OPENED, CONFIG)) == [Code.NIGHTS_OVERBOOKED]


def test_only_roles_active_on_the_day_count_towards_the_seven() -> None:
    case = _nights_case(7)
    make_role(make_grandmother(case, name="Opa Luc"), Role.FULL_TIME_STAY, start=OPENED + DAY)
    assert nights_overbooked(case, OPENED, CONFIG) == []
    assert codes(nights_overbooked(case, OPENED + DAY, CONFIG)) == [Code.NIGHTS_OVERBOOKED]
