"""Entering and removing persons: usual sectors, names seen twice, refs, and what may go."""

from __future__ import annotations

import pytest

from ecogram import persons
from ecogram.models import Case, Person
from ecogram.persons import Blocker
from ecogram.vocabulary import PersonKind, Role, Sector
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

TODAY = d("2026-03-01")


@pytest.mark.parametrize(
    ("kind", "sector"),
    [
        (PersonKind.GRANDPARENT, Sector.FAMILY),
        (PersonKind.AUNT_UNCLE, Sector.FAMILY),
        (PersonKind.FRIEND, Sector.FRIENDS),
        (PersonKind.NEIGHBOUR, Sector.NEIGHBOURHOOD),
        (PersonKind.CHILDCARE, Sector.CHILDCARE_SCHOOL),
        (PersonKind.PROFESSIONAL, Sector.PROFESSIONAL),
    ],
)
def test_each_kind_defaults_to_its_usual_sector(kind: PersonKind, sector: Sector) -> None:
    assert persons.default_sector(kind) is sector
    assert persons.is_usual(kind, sector)


@pytest.mark.parametrize(
    ("kind", "sector", "usual"),
    [
        (PersonKind.GRANDPARENT, Sector.PROFESSIONAL, False),
        (PersonKind.NEIGHBOUR, Sector.FAMILY, False),
        (PersonKind.NEIGHBOUR, Sector.FRIENDS, True),
        (PersonKind.PROFESSIONAL, Sector.CHILDCARE_SCHOOL, True),
        (PersonKind.PROFESSIONAL, Sector.FAMILY, False),
        (PersonKind.OTHER, Sector.PROFESSIONAL, True),
    ],
)
def test_a_kind_in_an_unusual_sector_is_told_apart(
    kind: PersonKind, sector: Sector, usual: bool
) -> None:
    assert persons.is_usual(kind, sector) is usual


def test_the_other_kind_has_no_default_sector() -> None:
    assert persons.default_sector(PersonKind.OTHER) is None


def test_every_kind_is_in_the_table() -> None:
    assert set(persons.USUAL_SECTORS) == set(PersonKind)


def test_a_person_placed_in_a_sector_starts_as_a_kind_that_belongs_there() -> None:
    # Placed by pointing, nobody gets the sector warning, and nobody becomes a parent.
    assert set(persons.SECTOR_KINDS) == set(Sector)
    for sector, kind in persons.SECTOR_KINDS.items():
        assert persons.default_sector(kind) is sector
    assert persons.SECTOR_KINDS[Sector.FAMILY] is PersonKind.OTHER_RELATIVE


@pytest.mark.parametrize("typed", ["Oma Rita", "oma rita", "  Oma   Rita ", "OMA RITA"])
def test_a_name_already_on_the_ecogram_is_found_however_it_is_typed(typed: str) -> None:
    case = make_case()
    rita = make_person(case, name="Oma Rita")
    assert persons.same_name(case.persons, typed) is rita


def test_a_person_is_not_their_own_namesake() -> None:
    case = make_case()
    rita = make_person(case, name="Oma Rita")
    assert persons.same_name(case.persons, "Oma Rita", besides=rita) is None
    assert persons.same_name(case.persons, "Oma Rit") is None


def test_a_new_ref_is_never_one_the_case_held_before() -> None:
    case = make_case()
    make_person(case, ref="p2")
    assert persons.new_ref(case) == "p3"
    assert persons.new_ref(case, {"p3", "p7"}) == "p8"


# --- Removal -----------------------------------------------------------------------------


def case_with(person_name: str = "Oma Rita") -> tuple[Case, Person]:
    case = make_case()
    sara = make_parent(case)
    make_anchor(case, sara)
    rita = make_person(case, name=person_name, kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY)
    return case, rita


def test_a_person_without_a_part_in_the_plan_goes_with_ties_assessments_and_ended_roles() -> None:
    case, rita = case_with()
    make_tie(case, rita, case.persons[1])
    make_tie(case, rita, case.persons[0])
    make_assessment(rita)
    make_role(rita, Role.BUDDY, start=d("2026-01-10"), end=d("2026-02-01"))
    removal = persons.remove_person(case, rita, TODAY)
    assert removal == persons.Removal(blockers=(), ties=2, assessments=1, ended_roles=1)
    assert rita not in case.persons and case.ties == []


@pytest.mark.parametrize(
    ("start", "end"),
    [(d("2026-02-01"), None), (d("2026-02-01"), d("2026-03-02")), (d("2026-04-01"), None)],
    ids=["open-ended", "ends-tomorrow", "planned"],
)
def test_a_person_with_a_role_today_or_later_stays(start: object, end: object) -> None:
    case, rita = case_with()
    make_role(rita, Role.BUDDY, start=start, end=end)
    with pytest.raises(persons.RemovalRefused) as refused:
        persons.remove_person(case, rita, TODAY)
    assert refused.value.removal.blockers == (Blocker.ROLE,)
    assert rita in case.persons


def test_a_role_that_ended_today_is_past() -> None:
    case, rita = case_with()
    make_role(rita, Role.BUDDY, start=d("2026-02-01"), end=TODAY)
    assert persons.removal(case, rita, TODAY).allowed


def test_a_person_who_was_ever_the_anchor_stays() -> None:
    case, rita = case_with()
    case.anchors[0].end = d("2026-01-20")
    make_anchor(case, rita, start=d("2026-01-20"), end=d("2026-02-01"))
    make_anchor(case, case.persons[1], start=d("2026-02-01"))
    assert persons.removal(case, rita, TODAY).blockers == (Blocker.ANCHOR,)


def test_the_trusted_person_and_the_child_stay() -> None:
    case, rita = case_with()
    case.trusted_person = rita
    assert persons.removal(case, rita, TODAY).blockers == (Blocker.TRUSTED,)
    assert persons.removal(case, case.persons[0], TODAY).blockers == (Blocker.CHILD,)


def test_a_tie_goes_alone() -> None:
    case, rita = case_with()
    tie = make_tie(case, rita, case.persons[1])
    persons.remove_tie(case, tie)
    assert case.ties == [] and rita in case.persons
