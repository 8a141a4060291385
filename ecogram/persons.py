"""Entering and removing persons: the usual sector of each kind, names seen twice, removal.

Warnings here never forbid: a neighbour can be family, and two persons can
share a name. They ask the user to look again before saving.

A person is removed from the ecogram only while that leaves the child's plan
as it is. Whatever decides the child's care today or later stays, and the
user is told what to change first:

- a person who is or was the child's anchor: the anchor history is kept
  whole, because every change of the safe haven counts (the anchor rules);
- a person with a role that holds today or starts later: end it first;
- the trusted person: name someone else (or nobody) first.

What belongs to the past goes with the person, and the confirmation says
so: their ties, assessments and ended roles. The session keeps it all, so
undo (today) or putting the removal back (from the history) returns it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ecogram.models import Case, Person, Tie
from ecogram.vocabulary import PersonKind, Sector

#: Where each kind of person usually stands; the first sector is the default.
#: An empty tuple: any sector is usual. Only a warning departs from this table.
USUAL_SECTORS: dict[PersonKind, tuple[Sector, ...]] = {
    PersonKind.CHILD: (Sector.FAMILY,),
    PersonKind.PARENT: (Sector.FAMILY,),
    PersonKind.SIBLING: (Sector.FAMILY,),
    PersonKind.GRANDPARENT: (Sector.FAMILY,),
    PersonKind.AUNT_UNCLE: (Sector.FAMILY,),
    PersonKind.OTHER_RELATIVE: (Sector.FAMILY,),
    PersonKind.PARTNER_OF_PARENT: (Sector.FAMILY,),
    PersonKind.FRIEND: (Sector.FRIENDS, Sector.NEIGHBOURHOOD),
    PersonKind.NEIGHBOUR: (Sector.NEIGHBOURHOOD, Sector.FRIENDS),
    PersonKind.CHILDCARE: (Sector.CHILDCARE_SCHOOL,),
    PersonKind.PROFESSIONAL: (Sector.PROFESSIONAL, Sector.CHILDCARE_SCHOOL),
    PersonKind.OTHER: (),
}


def default_sector(kind: PersonKind) -> Sector | None:
    """The sector a person of this kind is drawn in unless the user says otherwise."""
    usual = USUAL_SECTORS[kind]
    return usual[0] if usual else None


#: The kind of a person placed by pointing at a sector, until the user says otherwise:
#: of the kinds whose default sector it is, the least specific. Pointing at the family
#: never makes someone a parent, whom the anchor rules treat apart.
SECTOR_KINDS: dict[Sector, PersonKind] = {
    Sector.FAMILY: PersonKind.OTHER_RELATIVE,
    Sector.FRIENDS: PersonKind.FRIEND,
    Sector.NEIGHBOURHOOD: PersonKind.NEIGHBOUR,
    Sector.CHILDCARE_SCHOOL: PersonKind.CHILDCARE,
    Sector.PROFESSIONAL: PersonKind.PROFESSIONAL,
}


def is_usual(kind: PersonKind, sector: Sector) -> bool:
    usual = USUAL_SECTORS[kind]
    return not usual or sector in usual


# --- Names seen twice --------------------------------------------------------------------


def name_key(name: str) -> str:
    """A name as people read it: case, accents' composed forms and spacing do not count."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip().casefold()


def same_name(
    persons: Iterable[Person], name: str, *, besides: Person | None = None
) -> Person | None:
    """Someone already called `name` (other than `besides`), or None."""
    wanted = name_key(name)
    return next((p for p in persons if p is not besides and name_key(p.name) == wanted), None)


# --- Refs ------------------------------------------------------------------------------

_NUMBERED = re.compile(r"p(\d+)")


def new_ref(case: Case, used_before: Iterable[str] = ()) -> str:
    """A ref for a new person: p1, p2, ... never one the case holds or held before.

    Refs tie a person's history together (the sessions, the erasure of one
    person), so a ref that was given once is never given to someone else.
    """
    taken = {p.ref for p in case.persons} | set(used_before)
    numbers = [int(m.group(1)) for ref in taken if (m := _NUMBERED.fullmatch(ref))]
    n = max(numbers, default=0) + 1
    while f"p{n}" in taken:
        n += 1
    return f"p{n}"


# --- Removal -----------------------------------------------------------------------------


class Blocker(StrEnum):
    """Why a person stays on the ecogram for now."""

    CHILD = "child"  #: the case is about the child
    ANCHOR = "anchor"  #: is, was or will be the anchor
    ROLE = "role"  #: has a role today or later
    TRUSTED = "trusted"  #: is the trusted person


@dataclass(frozen=True)
class Removal:
    """What removing a person would mean: what stops it, and what goes with them."""

    blockers: tuple[Blocker, ...]
    ties: int
    assessments: int
    ended_roles: int

    @property
    def allowed(self) -> bool:
        return not self.blockers


class RemovalRefused(ValueError):
    def __init__(self, removal: Removal) -> None:
        super().__init__("person: " + ", ".join(b.value for b in removal.blockers))
        self.removal = removal


def removal(case: Case, person: Person, today: dt.date) -> Removal:
    blockers = []
    if person.kind is PersonKind.CHILD:
        blockers.append(Blocker.CHILD)
    if any(period.person is person for period in case.anchors):
        blockers.append(Blocker.ANCHOR)
    if any(role.end is None or role.end > today for role in person.roles):
        blockers.append(Blocker.ROLE)
    if case.trusted_person is person:
        blockers.append(Blocker.TRUSTED)
    return Removal(
        blockers=tuple(blockers),
        ties=sum(person in (t.from_person, t.to_person) for t in case.ties),
        assessments=len(person.assessments),
        ended_roles=sum(role.end is not None and role.end <= today for role in person.roles),
    )


def remove_person(case: Case, person: Person, today: dt.date) -> Removal:
    """Take a person off the ecogram with their ties, assessments and ended roles."""
    found = removal(case, person, today)
    if not found.allowed:
        raise RemovalRefused(found)
    for tie in [t for t in case.ties if person in (t.from_person, t.to_person)]:
        case.ties.remove(tie)
    case.persons.remove(person)
    return found


def remove_tie(case: Case, tie: Tie) -> None:
    case.ties.remove(tie)
