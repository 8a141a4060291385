"""The case exchange format: what it accepts, what it refuses, and how it says so."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecogram import caseformat
from ecogram.caseformat import CaseFormatError, dump_case, loads
from ecogram.imh_checklist import Item, Rating
from ecogram.vocabulary import (
    AttestationStatus,
    BudgetCategory,
    CandidateStatus,
    Flow,
    NetworkSlug,
    Outcome,
    PersonKind,
    Referrer,
    Role,
    RoleEndReason,
    Sector,
    StayKind,
    Support,
    TieQuality,
    TrajectoryKind,
)

EXAMPLE = Path(__file__).parent / "data" / "design_example.json"


def example() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(EXAMPLE.read_text("utf-8"))
    return loaded


def mutated(change: Callable[[dict[str, Any]], object]) -> str:
    doc = example()
    change(doc)
    return json.dumps(doc)


def fill_defaults(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as the schema's defaults complete it (what 'equal' means for import/export)."""
    defs = caseformat.schema()["$defs"]
    full = copy.deepcopy(doc)
    for key, spec in caseformat.schema()["properties"].items():
        if key not in full and "default" in spec:
            full[key] = spec["default"]
    for key in ("birth_date", "expected_date"):
        full["case"].setdefault(key, None)
    for collection, definition in (
        ("persons", "person"),
        ("ties", "tie"),
        ("assessments", "assessment"),
        ("roles", "role"),
        ("anchors", "anchor"),
    ):
        for element in full[collection]:
            for key, spec in defs[definition]["properties"].items():
                if key not in element and "default" in spec:
                    element[key] = copy.deepcopy(spec["default"])
    for key, spec in defs["trajectory"]["properties"].items():
        if full["trajectory"] is not None and key not in full["trajectory"] and "default" in spec:
            full["trajectory"][key] = copy.deepcopy(spec["default"])
    return full


def test_export_gives_back_the_imported_document_with_defaults_filled_in() -> None:
    doc = example()
    assert dump_case(loads(json.dumps(doc))) == fill_defaults(doc)


def test_a_canonical_document_comes_back_byte_for_byte() -> None:
    text = caseformat.dumps(loads(EXAMPLE.read_text("utf-8")))
    assert caseformat.dumps(loads(text)) == text


def test_a_roles_end_reason_reads_back_and_is_left_out_when_none_was_recorded() -> None:
    doc = example()
    doc["roles"][0] |= {"end": "2026-03-01", "end_reason": "care_figure_stopped"}
    dumped = dump_case(loads(json.dumps(doc)))
    assert dumped["roles"][0]["end_reason"] == "care_figure_stopped"
    assert all("end_reason" not in r for r in dump_case(loads(json.dumps(example())))["roles"])


def test_the_schema_lists_exactly_the_vocabularies_of_the_code() -> None:
    defs = caseformat.schema()["$defs"]

    def values(enum: Any) -> list[str]:
        return [m.value for m in enum]

    assert defs["person"]["properties"]["kind"]["enum"] == values(PersonKind)
    assert defs["person"]["properties"]["sector"]["enum"] == values(Sector)
    assert defs["person"]["properties"]["candidate"]["enum"] == values(CandidateStatus)
    assert defs["tie"]["properties"]["quality"]["enum"] == values(TieQuality)
    assert defs["tie"]["properties"]["flow"]["enum"] == values(Flow)
    assert defs["tie"]["properties"]["support"]["items"]["enum"] == values(Support)
    ratings = defs["assessment"]["properties"]["ratings"]["properties"]
    assert list(ratings) == values(Item)
    assert all(spec["enum"] == values(Rating) for spec in ratings.values())
    assert defs["role"]["properties"]["role"]["enum"] == values(Role)
    assert defs["role"]["properties"]["end_reason"]["enum"] == values(RoleEndReason)
    attestation = defs["role"]["properties"]["attestation"]["anyOf"][1]
    assert attestation["properties"]["status"]["enum"] == values(AttestationStatus)
    trajectory = defs["trajectory"]["properties"]
    assert trajectory["network"]["enum"] == values(NetworkSlug)
    assert trajectory["kind"]["enum"] == values(TrajectoryKind)
    assert trajectory["referrer"]["enum"] == values(Referrer)
    assert trajectory["outcome"]["anyOf"][1]["enum"] == values(Outcome)
    assert trajectory["budget"]["items"]["properties"]["category"]["enum"] == values(BudgetCategory)
    assert trajectory["stays"]["items"]["properties"]["kind"]["enum"] == values(StayKind)


BAD_DOCUMENTS: list[tuple[str, Callable[[dict[str, Any]], object], str]] = [
    (
        "unknown key",
        lambda d: d["persons"][1].update(colour="red"),
        "persons[1].colour: unknown key",
    ),
    ("unknown top key", lambda d: d.update(extra=1), "extra: unknown key"),
    (
        "bad rating",
        lambda d: d["assessments"][0]["ratings"].update(sensitivity="B"),
        'assessments[0].ratings.sensitivity: "B" is not one of: S, A, C, U',
    ),
    (
        "unknown item",
        lambda d: d["assessments"][0]["ratings"].update(charm="S"),
        "assessments[0].ratings.charm: unknown key",
    ),
    (
        "tie to an unknown person",
        lambda d: d["ties"][0].update(to="p9"),
        "ties[0].to: there is no person with id 'p9'",
    ),
    (
        "impossible date",
        lambda d: d["roles"][0].update(start="2026-02-30"),
        "roles[0].start: 2026-02-30 is not a real date",
    ),
    (
        "duplicate person id",
        lambda d: d["persons"][2].update(id="p2"),
        "persons[2].id: the id 'p2' is used twice",
    ),
    (
        "person id equal to the case id",
        lambda d: d["persons"][2].update(id="c1"),
        "persons[2].id: the id 'c1' is used twice",
    ),
    (
        "wrong format version",
        lambda d: d.update(format="ecogram-case/2"),
        "format: expected 'ecogram-case/1', got \"ecogram-case/2\" (wrong format version)",
    ),
    (
        "negative nights",
        lambda d: d["roles"][0].update(nights_per_week=-1),
        "roles[0].nights_per_week: -1 is below the minimum 0",
    ),
    (
        "eight nights",
        lambda d: d["roles"][0].update(nights_per_week=8),
        "roles[0].nights_per_week: 8 is above the maximum 7",
    ),
    (
        "a date in another form",
        lambda d: d["case"].update(opened="05/01/2026"),
        'case.opened: "05/01/2026" is not a date in the form YYYY-MM-DD',
    ),
    (
        "a missing key",
        lambda d: d["persons"][1].pop("kind"),
        "persons[1].kind: this required key is missing",
    ),
    (
        "a wrong type",
        lambda d: d["persons"][1].update(ring="1"),
        "persons[1].ring: expected a whole number, got a string",
    ),
    (
        "an unknown role",
        lambda d: d["roles"][0].update(role="nanny"),
        'roles[0].role: "nanny" is not one of',
    ),
    (
        "a role for the child",
        lambda d: d["roles"][0].update(person="p1"),
        "roles[0].person: this cannot be the child",
    ),
    (
        "an anchor ending before it starts",
        lambda d: d["anchors"][0].update(to="2026-01-01"),
        "anchors[0].to: must be after from",
    ),
    (
        "a role ending on its start",
        lambda d: d["roles"][0].update(end="2026-02-01"),
        "roles[0].end: must be after start",
    ),
    (
        "a tie to oneself",
        lambda d: d["ties"][0].update(to="p3"),
        "ties[0].to: a tie needs two different persons",
    ),
    (
        "two ties between one pair",
        lambda d: d["ties"].append({"from": "p2", "to": "p3", "quality": "normal"}),
        "ties[1]: p2 and p3 already have a tie",
    ),
    (
        "a second child",
        lambda d: d["persons"][2].update(kind="child", ring=0),
        "persons[2].kind: only case.child can be of kind child",
    ),
    (
        "a child outside ring 0",
        lambda d: d["persons"][0].update(ring=1),
        "persons[0].ring: ring 0 is for the child",
    ),
    (
        "no child date",
        lambda d: d["case"].update(expected_date=None),
        "case: needs a birth_date or an expected_date",
    ),
    (
        "an unknown network",
        lambda d: d["trajectory"].update(network="gent"),
        'trajectory.network: "gent" is not one of',
    ),
    (
        "a care table before the referral",
        lambda d: d["trajectory"].update(care_tables=["2026-01-01"]),
        "trajectory.care_tables[0]: is before the referral",
    ),
    (
        "a negative amount",
        lambda d: d["trajectory"]["budget"][0].update(amount=-5),
        "trajectory.budget[0].amount: -5 is below the minimum 0",
    ),
    (
        "fractions of cents",
        lambda d: d["trajectory"]["budget"][0].update(amount=10.005),
        "trajectory.budget[0].amount: has more than 2 decimals",
    ),
    (
        "an unknown trusted person",
        lambda d: d.update(trusted_person="p7"),
        "trusted_person: there is no person with id 'p7'",
    ),
    (
        "a line break in a name",
        lambda d: d["persons"][1].update(name="Sara\nINFO forged log line"),
        "persons[1].name: must not contain control characters or line breaks",
    ),
    (
        "a NUL byte in a note",
        lambda d: d["assessments"][0]["notes"].update(sensitivity="a\u0000b"),
        "assessments[0].notes.sensitivity: must not contain control characters other than",
    ),
    (
        "a malformed id",
        lambda d: d["persons"][2].update(id="p 3"),
        'persons[2].id: "p 3" is not a valid id',
    ),
]


@pytest.mark.parametrize(
    ("change", "message"),
    [pytest.param(change, message, id=name) for name, change, message in BAD_DOCUMENTS],
)
def test_it_refuses_a_bad_document_naming_the_field(
    change: Callable[[dict[str, Any]], object], message: str
) -> None:
    with pytest.raises(CaseFormatError) as caught:
        loads(mutated(change))
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "ecogram-case/1", ', "(document): invalid JSON at line 1, column 30"),
        (
            '{"format": "ecogram-case/1", "format": "x"}',
            "(document): the key 'format' appears twice",
        ),
        ('{"a": NaN}', "(document): NaN is not a number JSON allows"),
        ("[1, 2]", "(document): expected an object, got a list"),
        (b"\xff\xfe{", "(document): the file is not UTF-8 text"),
        ("[" * 100_000, "(document): "),
    ],
)
def test_it_refuses_text_that_is_not_a_json_object(text: str | bytes, message: str) -> None:
    with pytest.raises(CaseFormatError) as caught:
        loads(text)
    assert str(caught.value).startswith(message)


def test_notes_without_ratings_and_ratings_without_notes_both_survive() -> None:
    doc = example()
    doc["assessments"][0]["ratings"] = {"sensitivity": "S", "protection": "U"}
    doc["assessments"][0]["notes"] = {"own_network": "Buren helpen mee."}
    out = dump_case(loads(json.dumps(doc)))
    assert out["assessments"][0]["ratings"] == {"sensitivity": "S", "protection": "U"}
    assert out["assessments"][0]["notes"] == {"own_network": "Buren helpen mee."}


hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300
) | st.sampled_from(
    ["<img src=x onerror=alert(1)>", "'; DROP TABLE person; --", "\x00\r\n", "\u202e", "𝔑𝔬𝔬𝔯"]
)


@settings(max_examples=150, deadline=None)
@given(
    path=st.sampled_from(
        [
            ("persons", 1, "name"),
            ("persons", 1, "kind"),
            ("persons", 1, "household"),
            ("ties", 0, "quality"),
            ("case", "opened"),
            ("roles", 0, "start"),
            ("assessments", 0, "assessor"),
            ("assessments", 0, "notes", "sensitivity"),
            ("trajectory", "region"),
            ("trajectory", "referred"),
            ("trajectory", "budget", 0, "what"),
        ]
    ),
    value=hostile_text
    | st.integers()
    | st.none()
    | st.booleans()
    | st.floats(allow_nan=False, allow_infinity=False),
)
def test_hostile_values_are_either_stored_exactly_or_refused_with_a_field(
    path: tuple[Any, ...], value: Any
) -> None:
    doc = example()
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    try:
        case = loads(json.dumps(doc))
    except CaseFormatError as exc:
        assert exc.field.startswith(str(path[0]))
        assert "\n" not in exc.problem or "\n" in str(value)
    else:
        out = dump_case(case)
        stored: Any = out
        for part in path:
            stored = stored[part]
        assert stored == value


@pytest.mark.parametrize(
    ("place", "message"),
    [
        (lambda d: d["assessments"][0].__setitem__("assessor", "Jan \ud800"), "assessor"),
        (lambda d: d["persons"][2].__setitem__("name", "\udfff"), "persons[2].name"),
        (lambda d: d["assessments"][0]["notes"].__setitem__("sensitivity", "\ud83d"), "notes"),
    ],
)
def test_it_refuses_half_a_character_naming_the_field(
    place: Callable[[dict[str, Any]], None], message: str
) -> None:
    document = json.loads(EXAMPLE.read_text())
    place(document)
    with pytest.raises(CaseFormatError, match=r"contains an invalid character") as raised:
        loads(json.dumps(document))
    assert message in str(raised.value)
