"""A case file's tree as plain objects, for reading only: what `ecogram check FILE` checks.

Mapping the ORM's classes (`ecogram.models`) costs a command more than reading, checking
and wording a 40-person case together, and a file that is only checked is never stored.
So the case format's builder can build these instead (`caseformat.load_file(path,
plain=True)`). Each class has the name, the constructor and the attributes of the mapped
class it stands for, as far as the file fills them, and their few methods; the rules read
either alike. They cannot be stored: a case to save is built from the mapped classes.
`tests/test_casetree.py` holds the two side by side, so neither can drift.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

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
    TieQuality,
    TrajectoryKind,
)

# eq=False: like mapped objects, these are equal only to themselves, so they can be
# dictionary keys and two namesakes stay two persons.
_plain = dataclass(eq=False, kw_only=True)


@_plain
class Network:
    slug: NetworkSlug
    name: str


@_plain
class Region:
    name: str
    network: Network


@_plain
class Assessment:
    date: dt.date
    final: bool
    assessor: str
    entries: list[AssessmentEntry] = field(default_factory=list)

    @property
    def ratings(self) -> dict[Item, Rating]:
        """Rated items only; callers treat a missing item as U."""
        return {e.item: e.rating for e in self.entries if e.rating is not None}


@_plain
class AssessmentEntry:
    item: Item
    rating: Rating | None
    note: str | None


@_plain
class RoleAssignment:
    role: Role
    start: dt.date
    end: dt.date | None
    nights_per_week: int
    attestation_status: AttestationStatus | None
    attestation_date: dt.date | None
    end_reason: RoleEndReason | None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@_plain
class Person:
    ref: str
    name: str
    kind: PersonKind
    sector: Sector
    ring: int
    household: str | None
    candidate: CandidateStatus
    assessments: list[Assessment] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)


@_plain
class Tie:
    from_person: Person
    to_person: Person
    quality: TieQuality
    flow: Flow
    support: list[str]


@_plain
class AnchorPeriod:
    person: Person
    start: dt.date
    end: dt.date | None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@_plain
class CareTable:
    date: dt.date
    present: list[str]
    child_perspective: str


@_plain
class CarePlanAction:
    what: str
    who: str
    due: dt.date | None
    done: bool
    care_table: CareTable | None


@_plain
class Evaluation:
    date: dt.date


@_plain
class BudgetItem:
    date: dt.date
    category: BudgetCategory
    amount: Decimal
    what: str


@_plain
class Stay:
    kind: StayKind
    start: dt.date
    end: dt.date | None


@_plain
class Trajectory:
    network: Network
    region: Region | None
    kind: TrajectoryKind
    referred: dt.date
    referrer: Referrer
    mandated_service: bool
    extended: bool
    ended: dt.date | None
    outcome: Outcome | None
    care_tables: list[CareTable] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    budget_items: list[BudgetItem] = field(default_factory=list)
    stays: list[Stay] = field(default_factory=list)
    actions: list[CarePlanAction] = field(default_factory=list)


@_plain
class Case:
    ref: str
    opened: dt.date
    birth_date: dt.date | None
    expected_date: dt.date | None
    persons: list[Person] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    anchors: list[AnchorPeriod] = field(default_factory=list)
    trusted_person: Person | None = None
    trajectory: Trajectory | None = None
    closed: dt.date | None = None

    @property
    def child(self) -> Person | None:
        return next((p for p in self.persons if p.kind is PersonKind.CHILD), None)
