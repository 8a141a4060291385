"""Rules on the roles care figures hold: assessment, attestation, reassessment, homes.

A role is judged against its person's latest *final* assessment at the date
of the check, so a draft, or an assessment written later, never makes a
role look safer than it was on that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ecogram.dates import age_in_months, is_unborn
from ecogram.findings import Code, Finding
from ecogram.imh_checklist import Item, Rating, evaluate_role, worst_ratings
from ecogram.vocabulary import AttestationStatus, Role

if TYPE_CHECKING:
    from ecogram.checks import CheckConfig
    from ecogram.models import Case, Person, RoleAssignment

NIGHTS_A_WEEK = 7


@dataclass(frozen=True)
class FinalAssessment:
    """What a person's latest final assessment says: its date, ratings and assessor(s)."""

    date: dt.date
    ratings: Mapping[Item, Rating]
    assessor: str


def latest_final_assessment(person: Person, at: dt.date) -> FinalAssessment | None:
    """The final assessment with the greatest date on or before `at`.

    Two final assessments on that same date count together: the worse rating of
    each item, whatever their order in a file or in the database.
    """
    finals = [a for a in person.assessments if a.final and a.date <= at]
    if not finals:
        return None
    day = max(a.date for a in finals)
    same_day = [a for a in finals if a.date == day]
    if len(same_day) == 1:
        return FinalAssessment(day, same_day[0].ratings, same_day[0].assessor)
    assessors = sorted({a.assessor for a in same_day if a.assessor})
    return FinalAssessment(day, worst_ratings(*(a.ratings for a in same_day)), ", ".join(assessors))


def active_roles(case: Case, at: dt.date) -> list[tuple[Person, RoleAssignment]]:
    """Every role held on `at`, in the order of persons and their roles."""
    return [
        (person, assignment)
        for person in case.persons
        for assignment in person.roles
        if assignment.active_on(at)
    ]


def household_key(person: Person) -> str:
    """Persons without a household each count as a home of their own."""
    return person.household if person.household is not None else f"person:{person.ref}"


def role_fitness(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """ROLE_NOT_ASSESSED, or ROLE_KNOCKOUT / ROLE_BELOW_MINIMUM per item, for each active role."""
    findings: list[Finding] = []
    for person, assignment in active_roles(case, at):
        about = {"person": person.ref, "role": assignment.role.value, "name": person.name}
        assessment = latest_final_assessment(person, at)
        if assessment is None:
            findings.append(Finding.of(Code.ROLE_NOT_ASSESSED, date=at, **about))
            continue
        verdict = evaluate_role(assessment.ratings, assignment.role)
        for code, items in (
            (Code.ROLE_KNOCKOUT, verdict.knockouts),
            (Code.ROLE_BELOW_MINIMUM, verdict.below_minimum),
        ):
            for judged in items:
                if judged.requirement is None:  # only required items can fall short
                    continue
                findings.append(
                    Finding.of(
                        code,
                        item=judged.item.value,
                        rating=judged.rating.value,
                        minimum=judged.requirement.minimum.value,
                        **about,
                    )
                )
    return findings


def attestation(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """ATTESTATION_MISSING: kinship foster care is only recorded as attested, never inferred."""
    findings: list[Finding] = []
    for person, assignment in active_roles(case, at):
        if assignment.role is not Role.KINSHIP_FOSTER_CARE:
            continue
        status = assignment.attestation_status
        when = assignment.attestation_date
        about = {"person": person.ref, "role": assignment.role.value, "name": person.name}
        if status is not AttestationStatus.GRANTED:
            detail = "attestation_none" if status is None else f"attestation_{status.value}"
            findings.append(Finding.of(Code.ATTESTATION_MISSING, detail=detail, **about))
        elif when is not None and when > at:
            findings.append(
                Finding.of(
                    Code.ATTESTATION_MISSING, detail="attestation_later", attested=when, **about
                )
            )
    return findings


def reassessment(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """REASSESSMENT_DUE: an active role whose person was last assessed too long ago."""
    findings: list[Finding] = []
    for person, assignment in active_roles(case, at):
        assessment = latest_final_assessment(person, at)
        if assessment is None:
            continue  # ROLE_NOT_ASSESSED says it already
        days = (at - assessment.date).days
        if days > config.reassessment_days:
            findings.append(
                Finding.of(
                    Code.REASSESSMENT_DUE,
                    person=person.ref,
                    role=assignment.role.value,
                    name=person.name,
                    assessed=assessment.date,
                    days=days,
                    limit=config.reassessment_days,
                )
            )
    return findings


def overnight_cap(case: Case, at: dt.date, config: CheckConfig) -> int:
    """How many homes besides the anchor's the child may sleep in at its age."""
    birth = case.birth_date
    if is_unborn(case, at) or birth is None or age_in_months(birth, at) < 12:
        return config.overnight_cap_under_12_months
    return config.overnight_cap_12_to_36_months


def sleeps_over(assignment: RoleAssignment) -> bool:
    """Whether the role makes its home a place where the child sleeps.

    A night role does even at 0 nights a week: respite means occasional nights.
    """
    return assignment.nights_per_week >= 1 or Role(assignment.role).at_night


def overnight_homes(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """OVERNIGHT_HOMES_EXCEEDED: too many homes where the child sleeps beside the anchor's."""
    # Several anchors at once is ANCHOR_MULTIPLE's error; here each of their homes is left out.
    anchor_homes = {household_key(p.person) for p in case.anchors if p.active_on(at)}
    homes: dict[str, list[str]] = {}
    for person, assignment in active_roles(case, at):
        key = household_key(person)
        if sleeps_over(assignment) and key not in anchor_homes:
            names = homes.setdefault(key, [])
            if person.name not in names:
                names.append(person.name)
    cap = overnight_cap(case, at, config)
    if len(homes) <= cap:
        return []
    return [
        Finding.of(
            Code.OVERNIGHT_HOMES_EXCEEDED,
            homes=len(homes),
            cap=cap,
            names=tuple(name for names in homes.values() for name in names),
        )
    ]


def nights_overbooked(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """NIGHTS_OVERBOOKED: the roles ask for more nights than a week has."""
    booked = [(person, a) for person, a in active_roles(case, at) if a.nights_per_week]
    nights = sum(assignment.nights_per_week for _person, assignment in booked)
    if nights <= NIGHTS_A_WEEK:
        return []
    names: list[str] = []
    for person, _assignment in booked:
        if person.name not in names:
            names.append(person.name)
    return [
        Finding.of(
            Code.NIGHTS_OVERBOOKED,
            nights=nights,
            limit=NIGHTS_A_WEEK,
            date=at,
            names=tuple(names),
        )
    ]
