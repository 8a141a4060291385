"""Findings: codes and severities, messages in Dutch and English, JSON, order, check_case."""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal

import pytest

from ecogram.checks import CheckConfig, check_case
from ecogram.findings import (
    DETAILS,
    ITEM_LABELS,
    LANGUAGES,
    MESSAGES,
    RATING_LABELS,
    ROLE_LABELS,
    SECTOR_LABELS,
    SEVERITY,
    Code,
    Finding,
    ParamValue,
    Severity,
    normalize_lang,
    render,
    sort_key,
    summary,
    to_json,
)
from ecogram.imh_checklist import Item, Rating
from ecogram.models import Case
from ecogram.vocabulary import CandidateStatus, PersonKind, Role, Sector, TieQuality
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
    make_tie,
    make_trajectory,
)

CONTRACT = {
    "ANCHOR_MISSING": "error",
    "ANCHOR_MULTIPLE": "error",
    "ANCHOR_NOT_SUITABLE": "error",
    "ANCHOR_FEW_NIGHTS": "warning",
    "ANCHOR_UNSTABLE": "warning",
    "ROLE_NOT_ASSESSED": "error",
    "ROLE_KNOCKOUT": "error",
    "ROLE_BELOW_MINIMUM": "warning",
    "ATTESTATION_MISSING": "error",
    "REASSESSMENT_DUE": "warning",
    "OVERNIGHT_HOMES_EXCEEDED": "warning",
    "NO_TRUSTED_PERSON": "warning",
    "CHILD_AGE_OUT_OF_RANGE": "warning",
    "FEW_PERSONS_MAPPED": "info",
    "EMPTY_SECTOR": "info",
    "UNEXPLORED_STRONG_TIE": "info",
    "CARE_TABLE_LATE": "warning",
    "EVALUATION_OVERDUE": "warning",
    "TERM_EXCEEDED": "warning",
    "RESIDENCE_BUDGET_OVER_HALF": "error",
}

JET = {"person": "p3", "name": "Oma Jet"}
DAY = d("2026-03-01")

# One finding per code, with the params its rule gives it.
EXAMPLES: dict[Code, Finding] = {
    Code.ANCHOR_MISSING: Finding.of(Code.ANCHOR_MISSING, date=DAY),
    Code.ANCHOR_MULTIPLE: Finding.of(
        Code.ANCHOR_MULTIPLE, date=DAY, count=2, names=("Sara (p2)", "Oma Jet (p3)")
    ),
    Code.ANCHOR_NOT_SUITABLE: Finding.of(
        Code.ANCHOR_NOT_SUITABLE, detail="anchor_shortfalls", items=("commitment",), **JET
    ),
    Code.ANCHOR_FEW_NIGHTS: Finding.of(Code.ANCHOR_FEW_NIGHTS, nights=4, limit=3, **JET),
    Code.ANCHOR_UNSTABLE: Finding.of(Code.ANCHOR_UNSTABLE, changes=2, days=183, date=DAY),
    Code.ROLE_NOT_ASSESSED: Finding.of(Code.ROLE_NOT_ASSESSED, role="respite", date=DAY, **JET),
    Code.ROLE_KNOCKOUT: Finding.of(
        Code.ROLE_KNOCKOUT, role="respite", item="protection", rating="C", minimum="A", **JET
    ),
    Code.ROLE_BELOW_MINIMUM: Finding.of(
        Code.ROLE_BELOW_MINIMUM, role="respite", item="own_network", rating="U", minimum="A", **JET
    ),
    Code.ATTESTATION_MISSING: Finding.of(
        Code.ATTESTATION_MISSING, role="kinship_foster_care", detail="attestation_pending", **JET
    ),
    Code.REASSESSMENT_DUE: Finding.of(
        Code.REASSESSMENT_DUE, role="respite", assessed=OPENED, days=184, limit=183, **JET
    ),
    Code.OVERNIGHT_HOMES_EXCEEDED: Finding.of(
        Code.OVERNIGHT_HOMES_EXCEEDED, homes=2, cap=1, names=("Oma Jet", "Buurvrouw An")
    ),
    Code.NO_TRUSTED_PERSON: Finding.of(Code.NO_TRUSTED_PERSON),
    Code.CHILD_AGE_OUT_OF_RANGE: Finding.of(
        Code.CHILD_AGE_OUT_OF_RANGE, detail="child_too_old", date=DAY, birth=d("2023-01-05")
    ),
    Code.FEW_PERSONS_MAPPED: Finding.of(Code.FEW_PERSONS_MAPPED, count=12, target=40),
    Code.EMPTY_SECTOR: Finding.of(Code.EMPTY_SECTOR, sector="neighbourhood"),
    Code.UNEXPLORED_STRONG_TIE: Finding.of(Code.UNEXPLORED_STRONG_TIE, **JET),
    Code.CARE_TABLE_LATE: Finding.of(
        Code.CARE_TABLE_LATE, detail="care_table_none", referred=OPENED, hours=48, days=3
    ),
    Code.EVALUATION_OVERDUE: Finding.of(Code.EVALUATION_OVERDUE, last=OPENED, days=43, limit=42),
    Code.TERM_EXCEEDED: Finding.of(
        Code.TERM_EXCEEDED,
        detail="term_can_extend",
        referred=OPENED,
        months=3,
        deadline=d("2026-04-05"),
        extension=3,
    ),
    Code.RESIDENCE_BUDGET_OVER_HALF: Finding.of(
        Code.RESIDENCE_BUDGET_OVER_HALF, residence=Decimal("1000.01"), total=Decimal("2000.01")
    ),
}

# Each detail sentence, the code it belongs to and the params it needs.
DETAIL_EXAMPLES: dict[str, tuple[Code, dict[str, ParamValue]]] = {
    "anchor_not_assessed": (Code.ANCHOR_NOT_SUITABLE, {"date": DAY}),
    "anchor_shortfalls": (Code.ANCHOR_NOT_SUITABLE, {"items": ("sensitivity", "commitment")}),
    "attestation_none": (Code.ATTESTATION_MISSING, {}),
    "attestation_pending": (Code.ATTESTATION_MISSING, {}),
    "attestation_refused": (Code.ATTESTATION_MISSING, {}),
    "attestation_later": (Code.ATTESTATION_MISSING, {"attested": DAY}),
    "child_too_old": (Code.CHILD_AGE_OUT_OF_RANGE, {"date": DAY, "birth": d("2023-01-05")}),
    "child_expected_far": (
        Code.CHILD_AGE_OUT_OF_RANGE,
        {"date": DAY, "expected": d("2026-12-31"), "days": 305},
    ),
    "care_table_held_late": (
        Code.CARE_TABLE_LATE,
        {"referred": OPENED, "hours": 48, "first": DAY, "days": 55},
    ),
    "care_table_none": (Code.CARE_TABLE_LATE, {"referred": OPENED, "hours": 48, "days": 55}),
    "term_can_extend": (
        Code.TERM_EXCEEDED,
        {"referred": OPENED, "months": 3, "deadline": DAY, "extension": 3},
    ),
    "term_extended": (
        Code.TERM_EXCEEDED,
        {"referred": OPENED, "months": 6, "deadline": DAY, "extension": 3},
    ),
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --- Codes and severities ----------------------------------------------------------------


def test_there_are_exactly_the_twenty_codes_of_the_contract_in_its_order() -> None:
    assert [code.value for code in Code] == list(CONTRACT)


def test_every_code_has_the_severity_of_the_contract() -> None:
    assert {code.value: SEVERITY[code].value for code in Code} == CONTRACT


def test_a_finding_takes_its_severity_from_its_code() -> None:
    assert Finding.of(Code.ROLE_KNOCKOUT, role="respite").severity is Severity.ERROR
    assert Finding.of(Code.EMPTY_SECTOR, sector="family").severity is Severity.INFO


def test_a_finding_stores_roles_and_items_as_format_values() -> None:
    finding = Finding.of(Code.ROLE_KNOCKOUT, role=Role.RESPITE, item=Item.PROTECTION)
    assert (finding.role, finding.item) == ("respite", "protection")
    assert type(finding.role) is str


def test_a_finding_is_immutable_and_hashable() -> None:
    finding = EXAMPLES[Code.ANCHOR_MULTIPLE]
    assert finding == EXAMPLES[Code.ANCHOR_MULTIPLE]
    assert len({finding, EXAMPLES[Code.ANCHOR_MULTIPLE]}) == 1
    with pytest.raises(AttributeError):
        finding.person = "p9"  # type: ignore[misc]


# --- Messages ----------------------------------------------------------------------------


def test_every_code_has_an_example_here() -> None:
    assert set(EXAMPLES) == set(Code)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", list(Code))
def test_every_message_renders_without_leftover_placeholders(code: Code, lang: str) -> None:
    message = render(EXAMPLES[code], lang)
    assert message.strip() == message
    assert message
    assert "{" not in message and "}" not in message
    assert "None" not in message


def test_every_detail_sentence_has_an_example_here() -> None:
    assert set(DETAIL_EXAMPLES) == set(DETAILS)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("detail", list(DETAILS))
def test_every_detail_sentence_renders_without_leftover_placeholders(
    detail: str, lang: str
) -> None:
    code, params = DETAIL_EXAMPLES[detail]
    about = {"person": "p3", "name": "Oma Jet", "role": "kinship_foster_care"}
    message = render(Finding.of(code, detail=detail, **about, **params), lang)
    assert "{" not in message and "}" not in message
    assert DETAILS[detail][lang].split("{")[0] in message


def test_every_code_has_a_message_in_every_language() -> None:
    assert set(MESSAGES) == set(Code)
    assert all(set(texts) == set(LANGUAGES) for texts in MESSAGES.values())
    assert all(set(texts) == set(LANGUAGES) for texts in DETAILS.values())


def test_the_dutch_and_english_templates_use_the_same_fields() -> None:
    for texts in [*MESSAGES.values(), *DETAILS.values()]:
        assert _fields(texts["nl"]) == _fields(texts["en"])


def test_every_role_item_sector_and_rating_has_a_label_in_every_language() -> None:
    for lang in LANGUAGES:
        assert set(ROLE_LABELS[lang]) == set(Role)
        assert set(ITEM_LABELS[lang]) == set(Item)
        assert set(SECTOR_LABELS[lang]) == set(Sector)
        assert set(RATING_LABELS[lang]) == set(Rating)


def test_the_dutch_role_names_are_the_ones_practitioners_use() -> None:
    assert [ROLE_LABELS["nl"][role] for role in Role] == [
        "buddy/steunfiguur",
        "speelgezin",
        "respijtzorg",
        "deeltijds verblijf",
        "volcontinu verblijf",
        "netwerkpleegzorg",
    ]


def test_messages_name_the_person_and_the_role_in_dutch_by_default() -> None:
    assert render(EXAMPLES[Code.ROLE_NOT_ASSESSED]) == (
        "Oma Jet (p3) heeft geen definitieve beoordeling voor de rol respijtzorg."
    )


def test_messages_speak_english_on_request() -> None:
    assert render(EXAMPLES[Code.ROLE_NOT_ASSESSED], "en") == (
        "Oma Jet (p3) has no final assessment for the role respite."
    )


def test_messages_translate_items_ratings_and_sectors() -> None:
    knockout = EXAMPLES[Code.ROLE_KNOCKOUT]
    assert "C (zorg) op bescherming" in render(knockout, "nl")
    assert "C (concern) on protection" in render(knockout, "en")
    assert "sector buurt" in render(EXAMPLES[Code.EMPTY_SECTOR], "nl")
    assert "sector neighbourhood" in render(EXAMPLES[Code.EMPTY_SECTOR], "en")


def test_messages_write_dates_and_money_the_way_each_language_does() -> None:
    budget = EXAMPLES[Code.RESIDENCE_BUDGET_OVER_HALF]
    assert "€ 2.000,01" in render(budget, "nl") and "€ 1.000,01" in render(budget, "nl")
    assert "€2,000.01" in render(budget, "en")
    late = EXAMPLES[Code.CARE_TABLE_LATE]
    assert "5 januari 2026" in render(late, "nl")
    assert "5 January 2026" in render(late, "en")


def test_messages_join_names_with_the_languages_and() -> None:
    multiple = EXAMPLES[Code.ANCHOR_MULTIPLE]
    assert "Sara (p2) en Oma Jet (p3)" in render(multiple, "nl")
    assert "Sara (p2) and Oma Jet (p3)" in render(multiple, "en")


def test_braces_in_a_name_are_shown_as_typed() -> None:
    finding = Finding.of(Code.UNEXPLORED_STRONG_TIE, person="p3", name="Jet {name}")
    assert render(finding).startswith("Jet {name} (p3)")


def test_regional_language_tags_are_understood_and_others_refused() -> None:
    assert normalize_lang("nl-BE") == "nl"
    assert normalize_lang("en_GB") == "en"
    with pytest.raises(ValueError, match="fr"):
        render(EXAMPLES[Code.NO_TRUSTED_PERSON], "fr")


# --- JSON, summary and order -------------------------------------------------------------


def test_json_has_code_severity_message_and_only_the_fields_that_apply() -> None:
    assert to_json(EXAMPLES[Code.NO_TRUSTED_PERSON], "en") == {
        "code": "NO_TRUSTED_PERSON",
        "severity": "warning",
        "message": render(EXAMPLES[Code.NO_TRUSTED_PERSON], "en"),
    }
    knockout = to_json(EXAMPLES[Code.ROLE_KNOCKOUT])
    assert (knockout["person"], knockout["role"], knockout["item"]) == (
        "p3",
        "respite",
        "protection",
    )


def test_the_summary_counts_findings_per_severity() -> None:
    found = [
        EXAMPLES[Code.ANCHOR_MISSING],
        EXAMPLES[Code.EMPTY_SECTOR],
        EXAMPLES[Code.EMPTY_SECTOR],
    ]
    assert summary(found) == "1 fout, 0 waarschuwingen, 2 meldingen"
    assert summary(found, "en") == "1 error, 0 warnings, 2 notes"
    assert summary([], "en") == "No findings."


def test_findings_sort_by_severity_then_code_then_person_role_and_item() -> None:
    def ko(person: str, role: str, item: str) -> Finding:
        return Finding.of(Code.ROLE_KNOCKOUT, person=person, role=role, item=item)

    expected = [
        EXAMPLES[Code.ANCHOR_MISSING],
        ko("p2", "respite", "protection"),
        ko("p10", "buddy", "record_checks"),
        ko("p10", "respite", "sensitivity"),
        ko("p10", "respite", "protection"),
        EXAMPLES[Code.RESIDENCE_BUDGET_OVER_HALF],
        EXAMPLES[Code.ANCHOR_FEW_NIGHTS],
        EXAMPLES[Code.TERM_EXCEEDED],
        EXAMPLES[Code.FEW_PERSONS_MAPPED],
        EXAMPLES[Code.EMPTY_SECTOR],
    ]
    assert sorted(expected[::-1], key=sort_key) == expected


# --- check_case --------------------------------------------------------------------------

AT = d("2026-02-01")


def make_clean_case() -> Case:
    """A case that raises nothing on AT: a parent anchor, a well-assessed respite
    grandmother, 40 persons over every sector, a trusted person, a timely trajectory."""
    case = make_case()
    sara = make_parent(case)
    jet = make_person(
        case,
        name="Oma Jet",
        kind=PersonKind.GRANDPARENT,
        sector=Sector.FAMILY,
        household="jet",
        candidate=CandidateStatus.SUITABLE,
    )
    make_tie(case, jet, sara, quality=TieQuality.STRONG)
    make_assessment(jet, date=OPENED)
    make_role(jet, Role.RESPITE)
    make_anchor(case, sara)
    case.trusted_person = jet
    sectors = list(Sector)
    while len(case.persons) < 41:
        make_person(case, sector=sectors[len(case.persons) % len(sectors)])
    make_trajectory(
        case,
        care_tables=[OPENED + dt.timedelta(days=1)],
        budget=[(OPENED, "guidance", 1000), (OPENED, "residence", 500)],
    )
    return case


def test_a_sound_case_has_no_findings() -> None:
    assert check_case(make_clean_case(), AT) == []


def test_check_case_gathers_every_rule_and_sorts_the_findings() -> None:
    case = make_clean_case()
    case.anchors.clear()
    case.trusted_person = None
    jet = case.persons[2]
    make_assessment(jet, ALL_STRENGTH | {Item.SENSITIVITY: Rating.CONCERN}, date=AT)
    found = check_case(case, AT)
    assert [f.code for f in found] == [
        Code.ANCHOR_MISSING,
        Code.ROLE_KNOCKOUT,
        Code.NO_TRUSTED_PERSON,
    ]
    assert found == sorted(found, key=sort_key)


def test_check_case_uses_the_config_it_is_given() -> None:
    config = CheckConfig(family_finding_target=100)
    assert [f.code for f in check_case(make_clean_case(), AT, config)] == [Code.FEW_PERSONS_MAPPED]
