"""The demo data: well-formed `ecogram-case/1` documents that never go stale."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ecogram import caseformat
from ecogram.checks import check_case
from ecogram.dates import add_months, months_between
from ecogram.demo import DEMO_NETWORKS, demo_cases
from ecogram.demo.networks import approval_date
from ecogram.demo.sessions import FIRST_SESSION_KINDS, demo_sessions
from ecogram.demo.statistics import STATISTICS, statistics_cases
from ecogram.findings import Severity
from ecogram.vocabulary import NetworkSlug

# Leap days, month ends and a year end, because the cases are dated relative to today.
TODAYS = [dt.date(2026, 11, 23), dt.date(2024, 2, 29), dt.date(2027, 1, 31), dt.date(2025, 12, 31)]

CANONICAL_KEYS = {
    "document": [
        "format",
        "case",
        "persons",
        "ties",
        "assessments",
        "roles",
        "anchors",
        "trusted_person",
        "trajectory",
    ],
    "case": ["id", "opened", "child", "birth_date", "expected_date"],
    "persons": ["id", "name", "kind", "sector", "ring", "household", "candidate"],
    "ties": ["from", "to", "quality", "flow", "support"],
    "assessments": ["person", "date", "final", "assessor", "ratings", "notes"],
    "roles": ["person", "role", "start", "end", "nights_per_week", "attestation"],
    "anchors": ["person", "from", "to"],
    "trajectory": [
        "network",
        "region",
        "kind",
        "referred",
        "referrer",
        "mandated_service",
        "care_tables",
        "evaluations",
        "extended",
        "ended",
        "outcome",
        "budget",
        "stays",
    ],
    "budget": ["date", "category", "amount", "what"],
    "stays": ["kind", "start", "end"],
}


def by_id(today: dt.date) -> dict[str, dict[str, Any]]:
    return {doc["case"]["id"]: doc for doc in demo_cases(today)}


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def active(start: str, end: str | None, at: dt.date) -> bool:
    """Half-open: active from `start` up to, not including, `end`."""
    return day(start) <= at and (end is None or at < day(end))


def table_date(table: str | dict[str, Any]) -> str:
    """A care table is a plain date, or an object with its date."""
    return table if isinstance(table, str) else str(table["date"])


def all_dates(doc: dict[str, Any]) -> Iterator[str | None]:
    case, trajectory = doc["case"], doc["trajectory"]
    yield from (case["opened"], case["birth_date"], case["expected_date"])
    yield from (a["date"] for a in doc["assessments"])
    for role in doc["roles"]:
        yield from (role["start"], role["end"])
        if role["attestation"] is not None:
            yield role["attestation"]["date"]
    for anchor in doc["anchors"]:
        yield from (anchor["from"], anchor["to"])
    yield from (trajectory["referred"], trajectory["ended"])
    yield from (table_date(table) for table in trajectory["care_tables"])
    yield from trajectory["evaluations"]
    yield from (b["date"] for b in trajectory["budget"])
    for stay in trajectory["stays"]:
        yield from (stay["start"], stay["end"])


def trajectory_keys(doc: dict[str, Any]) -> list[str]:
    """The trajectory's keys; a care plan, written only when there is one, after the care tables."""
    keys = list(doc["trajectory"])
    if "care_plan" in keys:
        assert keys[keys.index("care_plan") - 1] == "care_tables"
        keys.remove("care_plan")
    return keys


@pytest.mark.parametrize("today", TODAYS)
def test_it_builds_at_least_four_cases_with_unique_neutral_ids(today: dt.date) -> None:
    ids = [doc["case"]["id"] for doc in demo_cases(today)]
    assert len(ids) >= 4
    assert len(set(ids)) == len(ids)
    assert all(case_id.startswith("demo-") and case_id[5:].isdigit() for case_id in ids)


@pytest.mark.parametrize("today", TODAYS)
def test_every_document_has_every_canonical_key_in_order(today: dt.date) -> None:
    for doc in demo_cases(today):
        assert list(doc) == CANONICAL_KEYS["document"]
        assert list(doc["case"]) == CANONICAL_KEYS["case"]
        assert trajectory_keys(doc) == CANONICAL_KEYS["trajectory"]
        for part in ("persons", "ties", "assessments", "roles", "anchors"):
            for entry in doc[part]:
                assert list(entry) == CANONICAL_KEYS[part], (doc["case"]["id"], part, entry)
        for part in ("budget", "stays"):
            for entry in doc["trajectory"][part]:
                assert list(entry) == CANONICAL_KEYS[part]


@pytest.mark.parametrize("today", TODAYS)
def test_every_document_passes_the_shipped_schema(today: dt.date) -> None:
    validator = Draft202012Validator(caseformat.schema())
    for doc in demo_cases(today):
        errors = [e.message for e in validator.iter_errors(json.loads(json.dumps(doc)))]
        assert errors == [], doc["case"]["id"]


@pytest.mark.parametrize("today", TODAYS)
def test_every_date_is_a_real_iso_date(today: dt.date) -> None:
    for doc in demo_cases(today):
        for text in all_dates(doc):
            if text is not None:
                assert dt.date.fromisoformat(text).isoformat() == text


@pytest.mark.parametrize("today", TODAYS)
def test_every_reference_names_a_person_in_the_file(today: dt.date) -> None:
    for doc in demo_cases(today):
        ids = [p["id"] for p in doc["persons"]]
        assert len(set(ids)) == len(ids)
        children = [p for p in doc["persons"] if p["kind"] == "child"]
        assert [c["id"] for c in children] == [doc["case"]["child"]]
        assert [p["id"] for p in doc["persons"] if p["ring"] == 0] == [doc["case"]["child"]]
        references = [t[end] for t in doc["ties"] for end in ("from", "to")]
        references += [
            x["person"] for part in ("assessments", "roles", "anchors") for x in doc[part]
        ]
        if doc["trusted_person"] is not None:
            references.append(doc["trusted_person"])
        assert set(references) <= set(ids), doc["case"]["id"]


@pytest.mark.parametrize("today", TODAYS)
def test_every_trajectory_is_in_a_region_of_its_network(today: dt.date) -> None:
    for doc in demo_cases(today):
        trajectory = doc["trajectory"]
        assert trajectory["region"] in DEMO_NETWORKS[NetworkSlug(trajectory["network"])]["regions"]
        tables = [table_date(table) for table in trajectory["care_tables"]]
        for listed in tables + trajectory["evaluations"]:
            assert listed >= trajectory["referred"]


@pytest.mark.parametrize("today", TODAYS)
def test_the_documents_come_back_unchanged_through_import_and_export(today: dt.date) -> None:
    for doc in demo_cases(today):
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        assert caseformat.dumps(caseformat.loads(text)) == text


@pytest.mark.parametrize("today", TODAYS)
def test_the_unborn_child_is_expected_in_the_future(today: dt.date) -> None:
    case = by_id(today)["demo-1"]["case"]
    assert case["birth_date"] is None
    assert day(case["expected_date"]) > today


@pytest.mark.parametrize("today", TODAYS)
def test_the_infant_has_a_parent_anchor_and_a_respite_grandmother(today: dt.date) -> None:
    doc = by_id(today)["demo-2"]
    birth = day(doc["case"]["birth_date"])
    assert 1 <= months_between(birth, today) <= 11
    kinds = {p["id"]: p["kind"] for p in doc["persons"]}
    anchors = [a["person"] for a in doc["anchors"] if active(a["from"], a["to"], today)]
    assert [kinds[a] for a in anchors] == ["parent"]
    respite = [
        r for r in doc["roles"] if r["role"] == "respite" and active(r["start"], r["end"], today)
    ]
    assert [kinds[r["person"]] for r in respite] == ["grandparent"]
    assert respite[0]["nights_per_week"] == 1


@pytest.mark.parametrize("today", TODAYS)
def test_the_toddler_is_in_kinship_care_with_a_granted_attestation(today: dt.date) -> None:
    doc = by_id(today)["demo-3"]
    birth = day(doc["case"]["birth_date"])
    assert 12 <= months_between(birth, today) < 36
    [kinship] = [r for r in doc["roles"] if r["role"] == "kinship_foster_care"]
    assert active(kinship["start"], kinship["end"], today)
    assert kinship["attestation"]["status"] == "granted"
    assert day(kinship["attestation"]["date"]) <= today
    anchors = [a["person"] for a in doc["anchors"] if active(a["from"], a["to"], today)]
    assert anchors == [kinship["person"]]


@pytest.mark.parametrize("today", TODAYS)
def test_the_case_with_errors_has_no_anchor_today(today: dt.date) -> None:
    doc = by_id(today)["demo-4"]
    assert doc["anchors"]
    assert not [a for a in doc["anchors"] if active(a["from"], a["to"], today)]
    assert day(doc["case"]["opened"]) <= today


def test_the_five_networks_each_have_an_action_plan() -> None:
    assert set(DEMO_NETWORKS) == set(NetworkSlug)
    for network in DEMO_NETWORKS.values():
        plan = network["action_plan"]
        assert plan["fund_holder"] in network["organisations"]
        assert 1 <= len(network["organisations"]) <= 3
        assert list(plan["region_commitments"]) == network["regions"]
        assert sum(plan["region_commitments"].values()) == plan["committed"] > 0
        assert plan["expertise_needs"]


@pytest.mark.parametrize("today", TODAYS)
def test_limburgs_plan_year_began_8_months_ago_and_oost_vlaanderens_is_over(
    today: dt.date,
) -> None:
    for slug, network in DEMO_NETWORKS.items():
        approved = approval_date(network["action_plan"], today)
        over = slug is NetworkSlug.OOST_VLAANDEREN  # so its plan can be closed in the demo
        assert (approved <= add_months(today, -12)) is over
        assert approved <= add_months(today, -4)
    assert approval_date(DEMO_NETWORKS[NetworkSlug.LIMBURG]["action_plan"], today) == (
        add_months(today, -8)
    )


def test_the_demo_cases_spread_over_the_networks() -> None:
    networks = {doc["trajectory"]["network"] for doc in demo_cases(TODAYS[0])}
    assert len(networks) >= 4


# --- the statistical cases behind the dashboard ------------------------------------------


def every_document(today: dt.date) -> list[dict[str, Any]]:
    return [*demo_cases(today), *statistics_cases(today)]


@pytest.mark.parametrize("today", TODAYS)
def test_the_statistical_cases_are_well_formed_like_the_showcase_ones(today: dt.date) -> None:
    validator = Draft202012Validator(caseformat.schema())
    documents = statistics_cases(today)
    ids = [doc["case"]["id"] for doc in every_document(today)]
    assert len(set(ids)) == len(ids)
    for doc in documents:
        assert doc["case"]["id"].startswith("demo-") and doc["case"]["id"][5:].isdigit()
        assert list(doc) == CANONICAL_KEYS["document"]
        assert trajectory_keys(doc) == CANONICAL_KEYS["trajectory"]
        assert [e.message for e in validator.iter_errors(json.loads(json.dumps(doc)))] == []
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        assert caseformat.dumps(caseformat.loads(text)) == text


@pytest.mark.parametrize("today", TODAYS)
def test_the_statistical_cases_fall_in_their_networks_plan_year_and_regions(
    today: dt.date,
) -> None:
    for doc in statistics_cases(today):
        trajectory = doc["trajectory"]
        network = DEMO_NETWORKS[NetworkSlug(trajectory["network"])]
        assert trajectory["region"] in network["regions"]
        approved = approval_date(network["action_plan"], today)
        assert approved <= day(trajectory["referred"]) <= today
        for text in all_dates(doc):
            # The expected birth may lie ahead; everything that happened did not.
            if text is not None and text != doc["case"]["expected_date"]:
                assert day(text) <= today, (doc["case"]["id"], text)


@pytest.mark.parametrize("today", TODAYS)
def test_the_statistical_cases_raise_no_error_finding(today: dt.date) -> None:
    for doc in statistics_cases(today):
        case = caseformat.parse_document(json.loads(json.dumps(doc)))
        errors = [f.code for f in check_case(case, today) if f.severity is Severity.ERROR]
        assert errors == [], doc["case"]["id"]


def test_the_statistical_cases_are_the_same_for_the_same_day() -> None:
    assert statistics_cases(TODAYS[0]) == statistics_cases(TODAYS[0])


def test_limburg_gets_about_40_trajectories_with_every_figure_the_dashboard_shows() -> None:
    limburg = [
        doc["trajectory"] | {"roles": doc["roles"], "anchors": doc["anchors"]}
        for doc in statistics_cases(TODAYS[0])
        if doc["trajectory"]["network"] == "limburg"
    ]
    assert len(limburg) == STATISTICS[NetworkSlug.LIMBURG][1] == 40
    tabled = [t for t in limburg if t["care_tables"]]
    assert 15 <= len(tabled) <= 30
    assert any(t["budget"] for t in tabled) and any(not t["budget"] for t in tabled)
    assert {r["role"] for t in limburg for r in t["roles"]} >= {"buddy", "respite"}
    assert any(len(t["anchors"]) > 1 for t in limburg)  # a care figure became the anchor
    assert {s["kind"] for t in limburg for s in t["stays"]} == {
        "hospital",
        "residential_group",
        "crisis_foster_family",
    }
    assert any(t["outcome"] for t in limburg)
    assert len({t["region"] for t in limburg}) == 3


@pytest.mark.parametrize("today", TODAYS)
def test_each_demo_case_grows_over_three_sessions_that_are_valid_cases(today: dt.date) -> None:
    for document in demo_cases(today):
        sessions = demo_sessions(document, today)
        assert [s.date for s in sessions] == sorted(s.date for s in sessions)
        assert sessions[0].date == dt.date.fromisoformat(document["case"]["opened"])
        assert sessions[-1].document == document and sessions[-1].date < today
        counts = [len(s.document["persons"]) for s in sessions]
        assert counts[0] < counts[1] < counts[2], document["case"]["id"]
        for session in sessions:
            earlier = caseformat.parse_document(session.document)  # raises when invalid
            kinds = {p.kind.value for p in earlier.persons}
            assert {"child", "parent"} <= kinds
            assert "contextbegeleider" in session.present


def test_the_first_session_maps_only_the_parents_and_professionals_around_the_child() -> None:
    first = demo_sessions(demo_cases(TODAYS[0])[1], TODAYS[0])[0].document
    assert {p["kind"] for p in first["persons"]} <= FIRST_SESSION_KINDS
    refs = {p["id"] for p in first["persons"]}
    assert all(t["from"] in refs and t["to"] in refs for t in first["ties"])
    assert all(a["person"] in refs for a in first["assessments"] + first["roles"])


def test_a_case_opened_today_has_just_one_session() -> None:
    document = demo_cases(TODAYS[0])[0]
    opened = dt.date.fromisoformat(document["case"]["opened"])
    assert len(demo_sessions(document, opened)) == 1
