"""Writing a patch onto a case tree: the database side of undo, redo and putting back.

`write(case, patch)` makes the case's persons, ties and trusted person stand as
the patch's "after" side, through the ORM collections, so the cascades remove
a person's assessments and roles with them and the version columns move on.
The caller checks `patch.applies_to(...)` first and flushes afterwards.

A person who comes back gets a new row (and id) with their old ref, their
assessments, roles and anchor periods; a tie that comes back is a new row too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ecogram.caseformat.writing import anchor_entry, assessment_entry, role_entry
from ecogram.history.steps import Patch
from ecogram.imh_checklist import Item, Rating
from ecogram.models import (
    AnchorPeriod,
    Assessment,
    AssessmentEntry,
    Case,
    Person,
    RoleAssignment,
    Tie,
)
from ecogram.vocabulary import (
    AttestationStatus,
    CandidateStatus,
    Flow,
    PersonKind,
    Role,
    RoleEndReason,
    Sector,
    TieQuality,
)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def write(case: Case, patch: Patch) -> None:
    """Make `case` show every entry of `patch` as it stands after the patch."""
    by_ref = {p.ref: p for p in case.persons}
    ties = {frozenset((t.from_person.ref, t.to_person.ref)): t for t in case.ties}
    if patch.trusted is not None and patch.trusted[1] is None:
        case.trusted_person = None
    # Ties first, so no tie is left pointing at a person about to go.
    for pair, (_, after) in patch.ties.items():
        if after is None and pair in ties:
            case.ties.remove(ties.pop(pair))
    for ref, (_, after) in patch.persons.items():
        person = by_ref.get(ref)
        if after is None:
            if person is not None:
                _remove_person(case, person)
                del by_ref[ref]
        elif person is None:
            by_ref[ref] = _new_person(case, ref, after)
        else:
            _update_person(case, person, after)
    for pair, (_, after) in patch.ties.items():
        if after is not None:
            tie = ties.get(pair)
            if tie is None:
                tie = Tie()
                case.ties.append(tie)
            _fill_tie(tie, after, by_ref)
    if patch.trusted is not None and patch.trusted[1] is not None:
        case.trusted_person = by_ref[patch.trusted[1]]


def _remove_person(case: Case, person: Person) -> None:
    for tie in [t for t in case.ties if person in (t.from_person, t.to_person)]:
        case.ties.remove(tie)
    for period in [a for a in case.anchors if a.person is person]:
        case.anchors.remove(period)
    if case.trusted_person is person:
        case.trusted_person = None
    case.persons.remove(person)


def _new_person(case: Case, ref: str, entry: Mapping[str, Any]) -> Person:
    person = Person(ref=ref)
    _fill_person(person, entry)
    case.persons.append(person)
    _replace_owned(case, person, entry)
    return person


def _update_person(case: Case, person: Person, entry: Mapping[str, Any]) -> None:
    _fill_person(person, entry)
    _replace_owned(case, person, entry)


def _fill_person(person: Person, entry: Mapping[str, Any]) -> None:
    # Assigning an equal value is no change to SQLAlchemy, so untouched fields stay untouched.
    person.name = entry["name"]
    person.kind = PersonKind(entry["kind"])
    person.sector = Sector(entry["sector"])
    person.ring = entry["ring"]
    person.household = entry["household"]
    person.candidate = CandidateStatus(entry["candidate"])


def _replace_owned(case: Case, person: Person, entry: Mapping[str, Any]) -> None:
    """Assessments, roles and anchor periods: rebuilt only when they differ."""
    if [assessment_entry(a) for a in person.assessments] != entry["assessments"]:
        person.assessments.clear()
        person.assessments.extend(_assessment(a) for a in entry["assessments"])
    if [role_entry(r) for r in person.roles] != entry["roles"]:
        person.roles.clear()
        person.roles.extend(_role(r) for r in entry["roles"])
    periods = [a for a in case.anchors if a.person is person]
    if [anchor_entry(a) for a in periods] != entry["anchors"]:
        for period in periods:
            case.anchors.remove(period)
        for a in entry["anchors"]:
            case.anchors.append(
                AnchorPeriod(person=person, start=_day(a["from"]), end=_date(a["to"]))
            )


def _assessment(entry: Mapping[str, Any]) -> Assessment:
    assessment = Assessment(
        date=_day(entry["date"]), final=entry["final"], assessor=entry["assessor"]
    )
    ratings, notes = entry["ratings"], entry["notes"]
    for item in Item:
        if item.value in ratings or item.value in notes:
            rating = ratings.get(item.value)
            assessment.entries.append(
                AssessmentEntry(
                    item=item,
                    rating=None if rating is None else Rating(rating),
                    note=notes.get(item.value),
                )
            )
    return assessment


def _role(entry: Mapping[str, Any]) -> RoleAssignment:
    attestation = entry["attestation"]
    return RoleAssignment(
        role=Role(entry["role"]),
        start=_day(entry["start"]),
        end=_date(entry["end"]),
        nights_per_week=entry["nights_per_week"],
        end_reason=None if "end_reason" not in entry else RoleEndReason(entry["end_reason"]),
        attestation_status=None
        if attestation is None
        else AttestationStatus(attestation["status"]),
        attestation_date=None if attestation is None else _date(attestation["date"]),
    )


def _fill_tie(tie: Tie, entry: Mapping[str, Any], persons: Mapping[str, Person]) -> None:
    tie.from_person = persons[entry["from"]]
    tie.to_person = persons[entry["to"]]
    tie.quality = TieQuality(entry["quality"])
    tie.flow = Flow(entry["flow"])
    tie.support = list(entry["support"])
