"""The lean loader behind the ecogram's read model: what the map and its badges need.

`storage.load_case` loads a case's whole tree as persistent ORM objects, for the
pages that edit it. The map needs less: the persons, ties and anchors it draws,
and what `check_case` reads for the findings badges. This module reads exactly
those columns, one query per table, each selected by the case (never an IN list
of ids, which grows with the case), so a case of 3,000 persons costs as many
queries as one of 10. Assessment notes and the assessor's name, the longest text
a case holds, stay in the database: the checks only read dates and ratings.

The rows become a tree of plain objects (`ecogram.casetree`), as `ecogram check`
reads a case file: the rules read it as they read any case, no session tracks it, so
a cached read model keeps no database object alive, and reading an attribute is a
plain lookup rather than the ORM's instrumented one, which the rules, the graph and
the view do some twenty times per person. Each object also carries its row's ids and
version, which the map needs and a case file has not.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram import casetree
from ecogram.models import (
    AnchorPeriod,
    Assessment,
    AssessmentEntry,
    Base,
    BudgetItem,
    CarePlanAction,
    CareTable,
    Case,
    Evaluation,
    Person,
    RoleAssignment,
    Stay,
    Tie,
    Trajectory,
)

Model = TypeVar("Model", bound=Base)

CASE_COLUMNS = (
    Case.id,
    Case.ref,
    Case.opened,
    Case.birth_date,
    Case.expected_date,
    Case.trusted_person_id,
    Case.closed,
    Case.version,
)
PERSON_COLUMNS = (
    Person.id,
    Person.case_id,
    Person.ref,
    Person.name,
    Person.kind,
    Person.sector,
    Person.ring,
    Person.household,
    Person.candidate,
    Person.version,
)
TIE_COLUMNS = (
    Tie.id,
    Tie.case_id,
    Tie.from_person_id,
    Tie.to_person_id,
    Tie.quality,
    Tie.flow,
    Tie.support,
    Tie.version,
)
ANCHOR_COLUMNS = (AnchorPeriod.id, AnchorPeriod.person_id, AnchorPeriod.start, AnchorPeriod.end)
ROLE_COLUMNS = (
    RoleAssignment.id,
    RoleAssignment.person_id,
    RoleAssignment.role,
    RoleAssignment.start,
    RoleAssignment.end,
    RoleAssignment.nights_per_week,
    RoleAssignment.attestation_status,
    RoleAssignment.attestation_date,
    RoleAssignment.version,
)
ASSESSMENT_COLUMNS = (Assessment.id, Assessment.person_id, Assessment.date, Assessment.final)
ENTRY_COLUMNS = (AssessmentEntry.assessment_id, AssessmentEntry.item, AssessmentEntry.rating)
TRAJECTORY_COLUMNS = (
    Trajectory.id,
    Trajectory.case_id,
    Trajectory.network_id,
    Trajectory.region_id,
    Trajectory.kind,
    Trajectory.referred,
    Trajectory.referrer,
    Trajectory.mandated_service,
    Trajectory.extended,
    Trajectory.ended,
    Trajectory.outcome,
)
#: The trajectory's own lists are short and any trajectory rule may read them: all columns.
TRAJECTORY_LISTS: tuple[tuple[str, type[Base]], ...] = (
    ("care_tables", CareTable),
    ("evaluations", Evaluation),
    ("budget_items", BudgetItem),
    ("stays", Stay),
    ("actions", CarePlanAction),
)
#: Queries per case, whatever its size: the case, its trajectory and lists, and five more.
QUERIES = 2 + len(TRAJECTORY_LISTS) + 5


def load_map(session: Session, case_id: int) -> Case | None:
    """The case as the map and the checks see it, or None when there is no such case."""
    head = session.execute(select(*CASE_COLUMNS).where(Case.id == case_id)).one_or_none()
    if head is None:
        return None
    persons = _rows(
        session, Person, select(*PERSON_COLUMNS).where(Person.case_id == case_id), Person.id
    )
    by_id = {person.id: person for person in persons}
    roles = _of_persons(session, RoleAssignment, ROLE_COLUMNS, case_id)
    assessments = _of_persons(
        session, Assessment, ASSESSMENT_COLUMNS, case_id, Assessment.final.is_(True)
    )
    entries = _rows(
        session,
        AssessmentEntry,
        select(*ENTRY_COLUMNS)
        .join(Assessment, AssessmentEntry.assessment_id == Assessment.id)
        .join(Person, Assessment.person_id == Person.id)
        .where(Person.case_id == case_id, Assessment.final.is_(True)),
        AssessmentEntry.id,
    )
    _hang(assessments, "entries", entries, "assessment_id")
    _hang(persons, "assessments", assessments, "person_id")
    _hang(persons, "roles", roles, "person_id")
    ties = _rows(session, Tie, select(*TIE_COLUMNS).where(Tie.case_id == case_id), Tie.id)
    for tie in ties:
        tie.__dict__["from_person"] = by_id[tie.from_person_id]
        tie.__dict__["to_person"] = by_id[tie.to_person_id]
    anchors = _rows(
        session,
        AnchorPeriod,
        select(*ANCHOR_COLUMNS).where(AnchorPeriod.case_id == case_id),
        AnchorPeriod.id,
    )
    for period in anchors:
        period.__dict__["person"] = by_id[period.person_id]
    return _new(
        Case,
        head._mapping,
        persons=persons,
        ties=ties,
        anchors=anchors,
        trusted_person=by_id.get(head.trusted_person_id or -1),
        trajectory=_trajectory(session, case_id),
    )


def _trajectory(session: Session, case_id: int) -> Trajectory | None:
    found = session.execute(
        select(*TRAJECTORY_COLUMNS).where(Trajectory.case_id == case_id)
    ).one_or_none()
    if found is None:
        return None
    lists = {}
    for name, model in TRAJECTORY_LISTS:
        table = model.__table__
        statement = select(table).where(table.c.trajectory_id == found.id)
        lists[name] = _rows(session, model, statement, table.c.id)
    return _new(Trajectory, found._mapping, **lists)


def _of_persons(
    session: Session, model: type[Model], columns: Sequence[Any], case_id: int, *where: Any
) -> list[Model]:
    """Rows that hang from the case's persons, found through a join rather than their ids."""
    table = model.__table__
    statement = (
        select(*columns)
        .join(Person, table.c.person_id == Person.id)
        .where(Person.case_id == case_id, *where)
    )
    return _rows(session, model, statement, table.c.id)


def _rows(session: Session, model: type[Model], statement: Any, order: Any) -> list[Model]:
    """One instance per row, in the order the ORM's relationships give (by id)."""
    result = session.execute(statement.order_by(order))
    keys = tuple(result.keys())
    new = _constructor(model)
    made = []
    for row in result:
        instance = new()
        instance.__dict__.update(zip(keys, row, strict=True))
        made.append(instance)
    return made


def _new(model: type[Model], values: Any, **related: Any) -> Model:
    """One transient instance holding `values` and `related` objects."""
    instance = _constructor(model)()
    instance.__dict__.update(values, **related)
    return instance


#: The plain stand-in of each mapped class the loader reads.
_PLAIN: dict[type[Base], type] = {
    Case: casetree.Case,
    Person: casetree.Person,
    RoleAssignment: casetree.RoleAssignment,
    Assessment: casetree.Assessment,
    AssessmentEntry: casetree.AssessmentEntry,
    Tie: casetree.Tie,
    AnchorPeriod: casetree.AnchorPeriod,
    Trajectory: casetree.Trajectory,
    CareTable: casetree.CareTable,
    Evaluation: casetree.Evaluation,
    BudgetItem: casetree.BudgetItem,
    Stay: casetree.Stay,
    CarePlanAction: casetree.CarePlanAction,
}


def _constructor(model: type[Model]) -> Callable[[], Model]:
    """Makes empty plain objects standing for `model`'s, to be filled from a row.

    Without their constructor: the row's columns go into the object's dictionary as
    they are, the ids and versions with them, and the lists are hung on afterwards.
    A field the loader does not read (an assessment's assessor) reads as None, as it
    does on a mapped object that was never loaded.
    """
    plain = _PLAIN[model]
    unread = dict.fromkeys(field.name for field in dataclasses.fields(plain))

    def new() -> Model:
        instance: object = object.__new__(plain)
        instance.__dict__.update(unread)
        return cast(Model, instance)

    return new


def _hang(parents: Iterable[Any], name: str, children: Iterable[Any], key: str) -> None:
    """Give every parent its list `name` of children (in the children's order)."""
    found: dict[int, list[Any]] = defaultdict(list)
    for child in children:
        found[getattr(child, key)].append(child)
    for parent in parents:
        parent.__dict__[name] = found.get(parent.id, [])
