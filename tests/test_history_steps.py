"""One change as a patch: computed from two documents, applied, reversed, put back.

Pure: documents and transient case trees, no database.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from ecogram import caseformat
from ecogram.history import replay, steps
from ecogram.imh_checklist import Item, Rating
from ecogram.models import Case
from ecogram.vocabulary import PersonKind, Role, Sector, TieQuality
from tests.factories import (
    d,
    make_anchor,
    make_assessment,
    make_case,
    make_parent,
    make_person,
    make_role,
    make_tie,
)


def start() -> Case:
    """The child, Sara (anchor), Oma Rita (assessed, an ended buddy role), and two ties."""
    case = make_case()
    sara = make_parent(case, ref="sara", name="Sara")
    rita = make_person(
        case, ref="rita", name="Oma Rita", kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY
    )
    make_tie(case, rita, sara, quality=TieQuality.STRONG, support=["childcare"])
    make_tie(case, rita, case.persons[0], quality=TieQuality.NORMAL)
    make_assessment(rita, {Item.SENSITIVITY: Rating.ADEQUATE}, notes={Item.SENSITIVITY: "Warm."})
    make_role(rita, Role.BUDDY, start=d("2026-01-10"), end=d("2026-02-01"))
    make_anchor(case, sara)
    return case


def doc(case: Case) -> dict[str, Any]:
    return caseformat.dump_case(case)


def without_rita(case: Case) -> Case:
    rita = next(p for p in case.persons if p.ref == "rita")
    for tie in [t for t in case.ties if rita in (t.from_person, t.to_person)]:
        case.ties.remove(tie)
    case.persons.remove(rita)
    return case


def same_entries(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        steps.person_entries(a) == steps.person_entries(b)
        and steps.tie_entries(a) == steps.tie_entries(b)
        and a["trusted_person"] == b["trusted_person"]
    )


def test_a_patch_holds_only_the_persons_and_ties_that_changed() -> None:
    case = start()
    before = doc(case)
    case.persons[2].ring = 3
    patch = steps.between(before, doc(case))
    assert list(patch.persons) == ["rita"]
    old, new = patch.persons["rita"]
    assert old is not None and new is not None
    assert (old["ring"], new["ring"]) == (2, 3)
    assert patch.ties == {} and patch.trusted is None


def test_removing_a_person_keeps_their_ties_assessments_and_roles_in_the_patch() -> None:
    before = doc(start())
    patch = steps.between(before, doc(without_rita(start())))
    assert patch.removed_refs == ["rita"]
    old, new = patch.persons["rita"]
    assert new is None and old is not None
    assert old["name"] == "Oma Rita"
    assert old["assessments"][0]["notes"] == {"sensitivity": "Warm."}
    assert old["roles"][0]["role"] == "buddy" and old["roles"][0]["end"] == "2026-02-01"
    assert set(patch.ties) == {frozenset({"rita", "sara"}), frozenset({"rita", "child"})}
    assert all(after is None for _, after in patch.ties.values())


def test_applying_a_patch_gives_the_state_after_and_its_reverse_the_state_before() -> None:
    before = doc(start())
    after = doc(without_rita(start()))
    patch = steps.between(before, after)
    assert same_entries(patch.apply(before), after)
    assert same_entries(patch.reversed().apply(after), before)
    assert patch.applies_to(before) and not patch.applies_to(after)
    assert patch.reversed().applies_to(after)


def test_a_patch_does_not_apply_once_what_it_changed_moved_on() -> None:
    case = start()
    before = doc(case)
    case.persons[2].name = "Oma Rita V."
    patch = steps.between(before, doc(case))
    case.persons[2].name = "Rita"  # changed again, by someone else
    assert not patch.reversed().applies_to(doc(case))


def test_removing_a_person_does_not_apply_while_a_later_tie_would_be_left_hanging() -> None:
    case = start()
    before = doc(case)
    bo = make_person(case, ref="bo", name="Buurman Bo", kind=PersonKind.NEIGHBOUR)
    adding = steps.between(before, doc(case))
    make_tie(case, bo, case.persons[1])  # a tie drawn afterwards, not part of the patch
    assert not adding.reversed().applies_to(doc(case))


def test_a_patch_reads_back_from_its_stored_form() -> None:
    case = start()
    before = doc(case)
    case.trusted_person = case.persons[2]
    case.ties[0].quality = TieQuality.CONFLICT
    patch = steps.between(before, doc(case))
    assert steps.Patch.loads(patch.dumps()) == patch
    assert json.loads(patch.dumps())["trusted"] == [None, "rita"]


def test_writing_a_patch_onto_a_case_tree_gives_the_documents_state() -> None:
    before, after = start(), without_rita(start())
    patch = steps.between(doc(before), doc(after))
    replay.write(after, patch.reversed())
    assert same_entries(doc(after), doc(before))
    rita = next(p for p in after.persons if p.ref == "rita")
    assert [a.date for a in rita.assessments] == [d("2026-01-05")]
    assert [(r.role, r.end) for r in rita.roles] == [(Role.BUDDY, d("2026-02-01"))]
    replay.write(after, patch)
    assert [p.ref for p in after.persons] == ["child", "sara"]
    assert after.ties == []


def test_writing_a_patch_rebuilds_roles_only_when_they_differ() -> None:
    case = start()
    rita = case.persons[2]
    role = rita.roles[0]
    before = doc(case)
    rita.name = "Oma Rita V."
    patch = steps.between(before, doc(case))
    replay.write(case, patch.reversed())
    assert rita.name == "Oma Rita" and rita.roles[0] is role


def test_writing_a_trusted_person_and_an_anchor_back() -> None:
    case = start()
    before = doc(case)
    rita = case.persons[2]
    case.trusted_person = rita
    case.anchors[0].end = d("2026-03-01")
    make_anchor(case, rita, start=d("2026-03-01"))
    patch = steps.between(before, doc(case))
    replay.write(case, patch.reversed())
    assert case.trusted_person is None
    assert [(a.person.ref, a.end) for a in case.anchors] == [("sara", None)]


def test_a_removal_comes_back_with_the_ties_whose_persons_are_there() -> None:
    two_gone = start()
    sara = two_gone.persons[1]
    without_rita(two_gone)
    removing_rita = steps.between(doc(start()), doc(two_gone))
    # Later Sara leaves too: only Rita's tie to the child can come back with her.
    two_gone.anchors.clear()
    two_gone.persons.remove(sara)
    back = steps.put_back(removing_rita, doc(two_gone))
    assert list(back.persons) == ["rita"]
    assert list(back.ties) == [frozenset({"rita", "child"})]
    replay.write(two_gone, back)
    assert steps.put_back(removing_rita, doc(two_gone)).empty


def test_only_removals_are_put_back() -> None:
    case = start()
    before = doc(case)
    case.persons[2].ring = 1
    assert steps.between(before, doc(case)).removals().empty


@pytest.mark.parametrize(
    ("change", "described"),
    [
        ("add", ("persons_added", ["Buurman Bo"])),
        ("remove", ("persons_removed", ["Oma Rita"])),
        ("rename", ("persons_changed", ["Oma Rita V."])),
    ],
)
def test_a_patch_is_described_in_the_historys_terms(
    change: str, described: tuple[str, list[str]]
) -> None:
    case = start()
    before = doc(case)
    if change == "add":
        make_person(case, ref="bo", name="Buurman Bo", kind=PersonKind.NEIGHBOUR)
    elif change == "remove":
        without_rita(case)
    else:
        case.persons[2].name = "Oma Rita V."
    summary = steps.describe(steps.between(before, doc(case)), {})
    key, names = described
    assert [p.name for p in getattr(summary, key)] == names


def test_a_tie_change_is_described_with_the_names_of_its_persons() -> None:
    case = start()
    before = doc(case)
    case.ties[0].from_person, case.ties[0].to_person = (
        case.ties[0].to_person,
        case.ties[0].from_person,
    )
    summary = steps.describe(steps.between(before, doc(case)), {"sara": "Sara", "rita": "Oma Rita"})
    (changed,) = summary.ties_changed
    assert (changed.from_name, changed.to_name, changed.fields) == (
        "Sara",
        "Oma Rita",
        ("direction",),
    )


def test_erasing_a_person_from_a_patch_leaves_the_rest() -> None:
    case = start()
    before = doc(case)
    case.trusted_person = case.persons[2]
    case.persons[1].ring = 2
    patch = steps.between(before, doc(case)).without_person("rita")
    assert list(patch.persons) == ["sara"] and patch.trusted is None
