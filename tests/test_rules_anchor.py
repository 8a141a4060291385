"""Anchor rules: exactly one safe haven, suitable, with most nights, and stable."""

from __future__ import annotations

import datetime as dt

from ecogram.checks import CheckConfig
from ecogram.findings import Code, Finding
from ecogram.imh_checklist import Item, Rating
from ecogram.models import Case, Person
from ecogram.rules.anchor import (
    anchor_changes,
    anchor_count,
    anchor_nights,
    anchor_stability,
    anchor_suitability,
)
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


# --- ANCHOR_MISSING / ANCHOR_MULTIPLE ----------------------------------------------------


def test_it_errors_when_there_is_no_anchor_on_the_day_the_case_opens() -> None:
    case = make_case()
    assert codes(anchor_count(case, OPENED, CONFIG)) == [Code.ANCHOR_MISSING]


def test_it_does_not_ask_for_an_anchor_before_the_case_opened() -> None:
    case = make_case()
    assert anchor_count(case, OPENED - DAY, CONFIG) == []


def test_it_accepts_one_anchor() -> None:
    case = make_case()
    make_anchor(case, make_parent(case))
    assert anchor_count(case, OPENED, CONFIG) == []


def test_it_errors_when_the_only_anchor_period_ended_on_the_day_checked() -> None:
    case = make_case()
    make_anchor(case, make_parent(case), end=d("2026-02-01"))
    assert anchor_count(case, d("2026-01-31"), CONFIG) == []
    assert codes(anchor_count(case, d("2026-02-01"), CONFIG)) == [Code.ANCHOR_MISSING]


def test_it_errors_when_anchor_periods_overlap() -> None:
    case = make_case()
    sara, jet = make_parent(case), make_grandmother(case)
    make_anchor(case, sara, end=d("2026-03-01"))
    make_anchor(case, jet, start=d("2026-02-15"))
    findings = anchor_count(case, d("2026-02-20"), CONFIG)
    assert codes(findings) == [Code.ANCHOR_MULTIPLE]
    assert findings[0].param_map["count"] == 2
    assert findings[0].param_map["names"] == ("Sara", "Oma Jet")
    assert anchor_count(case, d("2026-03-01"), CONFIG) == []


def test_a_hand_over_on_one_day_is_neither_multiple_nor_missing() -> None:
    case = make_case()
    sara, jet = make_parent(case), make_grandmother(case)
    make_anchor(case, sara, end=d("2026-03-01"))
    make_anchor(case, jet, start=d("2026-03-01"))
    for day in (d("2026-02-28"), d("2026-03-01")):
        assert anchor_count(case, day, CONFIG) == []


def test_it_ignores_overlapping_anchors_before_the_case_opened() -> None:
    case = make_case()
    sara, jet = make_parent(case), make_grandmother(case)
    make_anchor(case, sara, start=d("2025-12-01"))
    make_anchor(case, jet, start=d("2025-12-01"))
    assert anchor_count(case, OPENED - DAY, CONFIG) == []
    assert codes(anchor_count(case, OPENED, CONFIG)) == [Code.ANCHOR_MULTIPLE]


# --- ANCHOR_NOT_SUITABLE -----------------------------------------------------------------


def test_a_parent_anchor_needs_no_assessment() -> None:
    case = make_case()
    make_anchor(case, make_parent(case))
    assert anchor_suitability(case, OPENED, CONFIG) == []


def test_a_partner_of_a_parent_is_not_a_parent_for_the_anchor_rule() -> None:
    case = make_case()
    partner = make_person(case, name="Tom", kind=PersonKind.PARTNER_OF_PARENT)
    make_anchor(case, partner)
    findings = anchor_suitability(case, OPENED, CONFIG)
    assert codes(findings) == [Code.ANCHOR_NOT_SUITABLE]
    assert findings[0].person == partner.ref
    assert findings[0].param_map["detail"] == "anchor_not_assessed"


def test_a_non_parent_anchor_strong_on_a_final_assessment_is_suitable() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH, date=OPENED)
    make_anchor(case, jet)
    assert anchor_suitability(case, OPENED, CONFIG) == []


def test_a_draft_assessment_does_not_make_an_anchor_suitable() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH, date=OPENED, final=False)
    make_anchor(case, jet)
    assert codes(anchor_suitability(case, OPENED, CONFIG)) == [Code.ANCHOR_NOT_SUITABLE]


def test_an_assessment_dated_after_the_check_does_not_count_for_the_anchor() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH, date=d("2026-02-01"))
    make_anchor(case, jet)
    assert codes(anchor_suitability(case, d("2026-01-31"), CONFIG)) == [Code.ANCHOR_NOT_SUITABLE]
    assert anchor_suitability(case, d("2026-02-01"), CONFIG) == []


def test_an_anchor_short_of_strength_is_not_suitable_and_the_items_are_named() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH | {Item.COMMITMENT: Rating.ADEQUATE})
    make_anchor(case, jet)
    findings = anchor_suitability(case, OPENED, CONFIG)
    assert codes(findings) == [Code.ANCHOR_NOT_SUITABLE]
    assert findings[0].param_map["detail"] == "anchor_shortfalls"
    assert findings[0].param_map["items"] == ("commitment",)


def test_the_latest_final_assessment_decides_for_the_anchor() -> None:
    case = make_case()
    jet = make_grandmother(case)
    make_assessment(jet, ALL_STRENGTH | {Item.PROTECTION: Rating.CONCERN}, date=OPENED)
    make_assessment(jet, ALL_STRENGTH, date=d("2026-02-01"))
    make_anchor(case, jet)
    assert codes(anchor_suitability(case, d("2026-01-31"), CONFIG)) == [Code.ANCHOR_NOT_SUITABLE]
    assert anchor_suitability(case, d("2026-02-01"), CONFIG) == []


def test_suitability_is_not_judged_while_there_is_more_than_one_anchor() -> None:
    case = make_case()
    make_anchor(case, make_grandmother(case))
    make_anchor(case, make_grandmother(case, name="Opa Wim"))
    assert anchor_suitability(case, OPENED, CONFIG) == []


# --- ANCHOR_FEW_NIGHTS -------------------------------------------------------------------


def _nights_case(nights_away: list[int]) -> Case:
    case = make_case()
    sara = make_parent(case)
    make_anchor(case, sara)
    make_role(sara, Role.PART_TIME_STAY, nights_per_week=7)  # the anchor's own nights
    for i, nights in enumerate(nights_away):
        make_role(make_grandmother(case, household=f"h{i}"), Role.RESPITE, nights_per_week=nights)
    return case


def test_three_nights_a_week_away_from_the_anchor_is_fine() -> None:
    assert anchor_nights(_nights_case([2, 1]), OPENED, CONFIG) == []


def test_it_warns_when_the_child_spends_four_nights_a_week_away_from_the_anchor() -> None:
    findings = anchor_nights(_nights_case([2, 2]), OPENED, CONFIG)
    assert codes(findings) == [Code.ANCHOR_FEW_NIGHTS]
    assert findings[0].person == "p2"
    assert findings[0].param_map["nights"] == 4


def test_nights_of_roles_not_active_on_the_day_do_not_count() -> None:
    case = _nights_case([3])
    make_role(make_grandmother(case), Role.RESPITE, nights_per_week=1, end=d("2026-02-01"))
    make_role(make_grandmother(case), Role.RESPITE, nights_per_week=1, start=d("2026-02-02"))
    assert codes(anchor_nights(case, d("2026-01-31"), CONFIG)) == [Code.ANCHOR_FEW_NIGHTS]
    assert anchor_nights(case, d("2026-02-01"), CONFIG) == []


def test_the_nights_limit_is_configurable() -> None:
    config = CheckConfig(max_nights_away=1)
    assert codes(anchor_nights(_nights_case([2]), OPENED, config)) == [Code.ANCHOR_FEW_NIGHTS]


# --- ANCHOR_UNSTABLE ---------------------------------------------------------------------


def _changing_case(*starts: str) -> Case:
    """Anchor periods alternating between Sara and Oma Jet, one per start date."""
    case = make_case()
    sara, jet = make_parent(case), make_grandmother(case)
    days = [d(start) for start in starts]
    for i, start in enumerate(days):
        end = days[i + 1] if i + 1 < len(days) else None
        make_anchor(case, (sara, jet)[i % 2], start=start, end=end)
    return case


def test_the_first_anchor_period_is_not_a_change() -> None:
    case = _changing_case("2026-01-05", "2026-03-01")
    assert anchor_changes(case) == [d("2026-03-01")]


def test_a_new_period_of_the_same_person_is_not_a_change() -> None:
    case = make_case()
    sara = make_parent(case)
    make_anchor(case, sara, end=d("2026-02-01"))
    make_anchor(case, sara, start=d("2026-02-01"))
    assert anchor_changes(case) == []


def test_changes_are_found_whatever_order_the_periods_were_entered_in() -> None:
    case = _changing_case("2026-01-05", "2026-03-01", "2026-04-01")
    case.anchors.reverse()
    assert anchor_changes(case) == [d("2026-03-01"), d("2026-04-01")]


def test_it_warns_on_two_anchor_changes_182_days_apart() -> None:
    case = _changing_case("2026-01-05", "2026-02-01", "2026-08-02")
    assert (d("2026-08-02") - d("2026-02-01")).days == 182
    findings = anchor_stability(case, d("2026-08-02"), CONFIG)
    assert codes(findings) == [Code.ANCHOR_UNSTABLE]
    assert findings[0].param_map["changes"] == 2


def test_two_anchor_changes_183_days_apart_are_not_within_the_window() -> None:
    case = _changing_case("2026-01-05", "2026-02-01", "2026-08-03")
    assert (d("2026-08-03") - d("2026-02-01")).days == 183
    assert anchor_stability(case, d("2026-08-03"), CONFIG) == []


def test_one_anchor_change_is_no_warning() -> None:
    case = _changing_case("2026-01-05", "2026-02-01")
    assert anchor_stability(case, d("2026-02-01"), CONFIG) == []


def test_a_planned_change_after_the_day_checked_does_not_count_yet() -> None:
    case = _changing_case("2026-01-05", "2026-02-01", "2026-03-01")
    assert anchor_stability(case, d("2026-02-28"), CONFIG) == []
    assert codes(anchor_stability(case, d("2026-03-01"), CONFIG)) == [Code.ANCHOR_UNSTABLE]
