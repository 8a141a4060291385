"""Network-search rules: Family Finding's 40 persons, empty sectors, unexplored strong ties."""

from __future__ import annotations

from ecogram.checks import CheckConfig
from ecogram.findings import Code, Finding
from ecogram.graph import build_graph, empty_sectors, unexplored_strong_ties
from ecogram.models import Case
from ecogram.rules.network import network_search
from ecogram.vocabulary import CandidateStatus, PersonKind, Sector, TieQuality
from tests.factories import OPENED, make_case, make_parent, make_person, make_tie

CONFIG = CheckConfig()


def of_code(findings: list[Finding], code: Code) -> list[Finding]:
    return [finding for finding in findings if finding.code is code]


def _mapped_case(persons: int) -> Case:
    """`persons` persons besides the child, spread over every sector."""
    case = make_case()
    sectors = list(Sector)
    for i in range(persons):
        make_person(case, sector=sectors[i % len(sectors)])
    return case


def test_it_notes_when_fewer_than_40_persons_besides_the_child_are_mapped() -> None:
    findings = of_code(network_search(_mapped_case(39), OPENED, CONFIG), Code.FEW_PERSONS_MAPPED)
    assert len(findings) == 1
    assert findings[0].param_map["count"] == 39
    assert findings[0].param_map["target"] == 40


def test_40_persons_besides_the_child_are_enough() -> None:
    findings = network_search(_mapped_case(40), OPENED, CONFIG)
    assert of_code(findings, Code.FEW_PERSONS_MAPPED) == []


def test_the_family_finding_target_is_configurable() -> None:
    findings = network_search(_mapped_case(5), OPENED, CheckConfig(family_finding_target=5))
    assert of_code(findings, Code.FEW_PERSONS_MAPPED) == []


def test_it_notes_each_empty_sector_once_in_drawing_order() -> None:
    case = make_case()
    make_person(case, sector=Sector.NEIGHBOURHOOD)
    findings = of_code(network_search(case, OPENED, CONFIG), Code.EMPTY_SECTOR)
    # The child alone does not fill the family sector.
    assert [f.param_map["sector"] for f in findings] == [
        "family",
        "friends",
        "childcare_school",
        "professional",
    ]


def test_no_sector_is_empty_when_each_has_a_person() -> None:
    findings = network_search(_mapped_case(5), OPENED, CONFIG)
    assert of_code(findings, Code.EMPTY_SECTOR) == []


def test_it_notes_a_strong_tie_to_the_child_or_a_parent_nobody_has_explored() -> None:
    case = make_case()
    sara = make_parent(case)
    jet = make_person(case, name="Oma Jet", kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY)
    lies = make_person(case, name="Juf Lies", kind=PersonKind.CHILDCARE)
    make_tie(case, jet, sara, quality=TieQuality.STRONG)
    make_tie(case, case.persons[0], lies, quality=TieQuality.STRONG)
    findings = of_code(network_search(case, OPENED, CONFIG), Code.UNEXPLORED_STRONG_TIE)
    assert [(f.person, f.param_map["name"]) for f in findings] == [
        (jet.ref, "Oma Jet"),
        (lies.ref, "Juf Lies"),
    ]


def test_a_strong_tie_already_explored_or_not_strong_is_not_noted() -> None:
    case = make_case()
    sara = make_parent(case)
    explored = make_person(case, candidate=CandidateStatus.TO_EXPLORE)
    normal = make_person(case)
    make_tie(case, explored, sara, quality=TieQuality.STRONG)
    make_tie(case, normal, sara, quality=TieQuality.NORMAL)
    assert of_code(network_search(case, OPENED, CONFIG), Code.UNEXPLORED_STRONG_TIE) == []


def test_parents_professionals_and_ties_to_others_are_not_noted() -> None:
    case = make_case()
    child = case.persons[0]
    sara = make_parent(case)
    nurse = make_person(case, kind=PersonKind.PROFESSIONAL, sector=Sector.PROFESSIONAL)
    friend = make_person(case)
    friends_friend = make_person(case)
    make_tie(case, sara, child, quality=TieQuality.STRONG)
    make_tie(case, nurse, sara, quality=TieQuality.STRONG)
    make_tie(case, friends_friend, friend, quality=TieQuality.STRONG)
    assert of_code(network_search(case, OPENED, CONFIG), Code.UNEXPLORED_STRONG_TIE) == []


def test_the_search_findings_agree_with_the_graph_analytics() -> None:
    case = make_case()
    sara = make_parent(case)
    make_tie(case, make_person(case), sara, quality=TieQuality.STRONG)
    graph = build_graph(case, OPENED)
    findings = network_search(case, OPENED, CONFIG)
    assert [f.param_map["sector"] for f in of_code(findings, Code.EMPTY_SECTOR)] == [
        sector.value for sector in empty_sectors(graph)
    ]
    assert [f.person for f in of_code(findings, Code.UNEXPLORED_STRONG_TIE)] == (
        unexplored_strong_ties(graph)
    )
