"""Small factories for transient (unsaved) cases, in the style of `make_person(**overrides)`.

All names are fictional.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ecogram.imh_checklist import Item, Rating
from ecogram.models import (
    AnchorPeriod,
    Assessment,
    AssessmentEntry,
    BudgetItem,
    CareTable,
    Case,
    Evaluation,
    Network,
    Person,
    Region,
    RoleAssignment,
    Stay,
    Tie,
    Trajectory,
)
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
    Sector,
    StayKind,
    TieQuality,
    TrajectoryKind,
)

OPENED = dt.date(2026, 1, 5)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def make_case(**overrides: Any) -> Case:
    """A case with its child (ref `child`) and no one else."""
    fields: dict[str, Any] = {
        "ref": "c1",
        "opened": OPENED,
        "birth_date": d("2025-10-01"),
        "expected_date": None,
    }
    fields.update(overrides)
    case = Case(**fields)
    case.persons.append(
        Person(
            ref="child",
            name="Baby Noor",
            kind=PersonKind.CHILD,
            sector=Sector.FAMILY,
            ring=0,
            candidate=CandidateStatus.NONE,
        )
    )
    return case


def make_person(case: Case, **overrides: Any) -> Person:
    fields: dict[str, Any] = {
        "ref": f"p{len(case.persons) + 1}",
        "name": f"Persoon {len(case.persons) + 1}",
        "kind": PersonKind.FRIEND,
        "sector": Sector.FRIENDS,
        "ring": 2,
        "household": None,
        "candidate": CandidateStatus.NONE,
    }
    fields.update(overrides)
    person = Person(**fields)
    case.persons.append(person)
    return person


def make_parent(case: Case, **overrides: Any) -> Person:
    fields: dict[str, Any] = {
        "kind": PersonKind.PARENT,
        "sector": Sector.FAMILY,
        "ring": 1,
        "household": "home",
        "name": "Sara",
    }
    fields.update(overrides)
    return make_person(case, **fields)


def make_tie(case: Case, a: Person, b: Person, **overrides: Any) -> Tie:
    fields: dict[str, Any] = {"quality": TieQuality.NORMAL, "flow": Flow.NONE, "support": []}
    fields.update(overrides)
    tie = Tie(from_person=a, to_person=b, **fields)
    case.ties.append(tie)
    return tie


ALL_STRENGTH = {item: Rating.STRENGTH for item in Item}


def make_assessment(
    person: Person,
    ratings: dict[Item, Rating] | None = None,
    *,
    date: dt.date = OPENED,
    final: bool = True,
    notes: dict[Item, str] | None = None,
    assessor: str = "Assessor A",
) -> Assessment:
    ratings = ALL_STRENGTH if ratings is None else ratings
    notes = notes or {}
    assessment = Assessment(date=date, final=final, assessor=assessor)
    for item in Item:
        if item in ratings or item in notes:
            assessment.entries.append(
                AssessmentEntry(item=item, rating=ratings.get(item), note=notes.get(item))
            )
    person.assessments.append(assessment)
    return assessment


def make_role(person: Person, role: Role = Role.RESPITE, **overrides: Any) -> RoleAssignment:
    fields: dict[str, Any] = {
        "start": OPENED,
        "end": None,
        "nights_per_week": 1 if role.rank >= Role.RESPITE.rank else 0,
        "attestation_status": None,
        "attestation_date": None,
    }
    if role is Role.KINSHIP_FOSTER_CARE:
        fields["attestation_status"] = AttestationStatus.GRANTED
        fields["attestation_date"] = OPENED
    fields.update(overrides)
    assignment = RoleAssignment(role=role, **fields)
    person.roles.append(assignment)
    return assignment


def make_anchor(
    case: Case, person: Person, start: dt.date = OPENED, end: dt.date | None = None
) -> AnchorPeriod:
    period = AnchorPeriod(person=person, start=start, end=end)
    case.anchors.append(period)
    return period


def make_trajectory(case: Case, **overrides: Any) -> Trajectory:
    fields: dict[str, Any] = {
        "kind": TrajectoryKind.CARE_FIGURE_SEARCH,
        "referred": case.opened,
        "referrer": Referrer.HOSPITAL,
        "mandated_service": False,
        "extended": False,
        "ended": None,
        "outcome": None,
    }
    care_tables = overrides.pop("care_tables", [])
    evaluations = overrides.pop("evaluations", [])
    budget = overrides.pop("budget", [])
    stays = overrides.pop("stays", [])
    perspective = overrides.pop("child_perspective", "")
    fields.update(overrides)
    trajectory = Trajectory(**fields)
    trajectory.network = Network(slug=NetworkSlug.LIMBURG, name="Limburg")
    trajectory.care_tables = [
        CareTable(date=day, present=[], child_perspective=perspective) for day in care_tables
    ]
    trajectory.evaluations = [Evaluation(date=day) for day in evaluations]
    trajectory.budget_items = [
        BudgetItem(date=day, category=BudgetCategory(cat), amount=Decimal(str(amount)), what="")
        for day, cat, amount in budget
    ]
    trajectory.stays = [Stay(kind=StayKind(kind), start=s, end=e) for kind, s, e in stays]
    case.trajectory = trajectory
    return trajectory


def make_rich_case(ref: str = "c1", region: str | None = "Hasselt", extra_persons: int = 0) -> Case:
    """A case that fills every column of every table a case owns."""
    case = make_case(ref=ref, birth_date=None, expected_date=d("2026-03-01"))
    child = case.persons[0]
    sara = make_parent(case, household="h1")
    jet = make_person(
        case,
        name="Oma Jet",
        kind=PersonKind.GRANDPARENT,
        sector=Sector.FAMILY,
        ring=1,
        household="h2",
        candidate=CandidateStatus.ASSESSING,
    )
    ali = make_person(case, name="Buurman Ali", kind=PersonKind.NEIGHBOUR, ring=3)
    make_tie(
        case,
        jet,
        sara,
        quality=TieQuality.STRONG,
        flow=Flow.FORWARD,
        support=["childcare", "emotional"],
    )
    make_tie(case, ali, child, quality=TieQuality.TENUOUS, flow=Flow.BOTH, support=[])
    make_assessment(
        jet,
        {Item.SENSITIVITY: Rating.STRENGTH, Item.SAFE_HAVEN: Rating.ADEQUATE},
        date=d("2026-01-20"),
        notes={Item.SENSITIVITY: "Troost Noor snel", Item.OWN_NETWORK: "Nog navragen"},
        assessor="Assessor B",
    )
    make_assessment(jet, {Item.PROTECTION: Rating.CONCERN}, date=d("2026-02-02"), final=False)
    make_role(jet, Role.RESPITE, start=d("2026-02-01"), end=d("2026-05-01"), nights_per_week=2)
    make_role(
        jet,
        Role.KINSHIP_FOSTER_CARE,
        start=d("2026-05-01"),
        attestation_status=AttestationStatus.PENDING,
        attestation_date=d("2026-04-20"),
    )
    make_anchor(case, sara, start=d("2026-01-05"), end=d("2026-05-01"))
    make_anchor(case, jet, start=d("2026-05-01"))
    case.trusted_person = jet
    trajectory = make_trajectory(
        case,
        mandated_service=True,
        extended=True,
        ended=d("2026-07-01"),
        outcome=Outcome.CARE_FIGURE,
        care_tables=[d("2026-01-06"), d("2026-03-01")],
        evaluations=[d("2026-02-17")],
        budget=[(d("2026-01-20"), "guidance", "1200.50"), (d("2026-02-01"), "residence", "99.99")],
        stays=[
            ("residential_group", d("2026-01-05"), d("2026-01-30")),
            ("hospital", d("2026-02-03"), None),
        ],
    )
    if region is not None:
        trajectory.region = Region(name=region)
    for n in range(extra_persons):
        friend = make_person(case, name=f"Vriendin {n}")
        make_tie(case, friend, sara, support=["practical"])
        make_assessment(friend, {Item.COMMITMENT: Rating.ADEQUATE}, notes={Item.COMMITMENT: "ok"})
        make_role(friend, Role.BUDDY)
    return case


def make_unexplored_neighbours(case: Case, count: int) -> list[Person]:
    """`count` neighbours ("Buur 00", ...) with a strong tie to Sara, a parent of the design
    example, whom nobody has considered yet: each one a "Who else?" prompt."""
    sara = next(p for p in case.persons if p.name == "Sara")
    added = []
    for n in range(count):
        person = make_person(
            case, name=f"Buur {n:02d}", kind=PersonKind.NEIGHBOUR, candidate=CandidateStatus.NONE
        )
        make_tie(case, person, sara, quality=TieQuality.STRONG)
        added.append(person)
    return added


def make_network_case(persons: int, seed: int = 1, ref: str = "big") -> Case:
    """A case of `persons` fictional people spread over every sector and ring, with ties.

    For benchmarks and "same number of queries for 10 as for 200" tests.
    """
    import random

    rnd = random.Random(seed)  # noqa: S311  (seeded so every run builds the same network)
    case = make_case(ref=ref)
    child = case.persons[0]
    parent = make_parent(case, household="home")
    make_anchor(case, parent)
    kinds = [k for k in PersonKind if k not in (PersonKind.CHILD, PersonKind.PARENT)]
    for i in range(persons - 2):
        person = make_person(
            case,
            ref=f"n{i}",
            name=f"Persoon {i}",
            kind=rnd.choice(kinds),
            sector=rnd.choice(list(Sector)),
            ring=rnd.randint(1, 3),
        )
        make_tie(case, person, rnd.choice([child, parent]), quality=rnd.choice(list(TieQuality)))
        if i % 10 == 0:
            make_assessment(person)
            make_role(person, Role.BUDDY)
    return case
