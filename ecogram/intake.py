"""Opening a case from a referral: the child, the referral and the parents, in one go.

The case is written as an `ecogram-case/1` document and stored through the same
reader and storage as an imported file, so a case opened in the app obeys every
rule an imported one does, and its history starts the same way (session 1).

Decisions:
- The case opens on the referral date: the care table is due within 48 hours of
  it, and the case's history starts there.
- The child is the centre of the ecogram (ring 0); each parent named at intake
  is a parent in the family sector, in the closest ring. Households and ties are
  left to the first session with the family.
- A case's ref carries no name: the year of the referral and six random
  characters (`2026-K7MQX2`), without 0/O and 1/I, so it can be read aloud.
- A possible duplicate is a case of the same network whose child has the same
  first name (ignoring case and surrounding spaces) and the same birth or
  expected date, given as either. Only cases the asking user may view count, so
  the hint never reveals a case to someone who may not see it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ecogram import caseformat, history, storage
from ecogram.models import Case, Network, Person, Region, Trajectory
from ecogram.vocabulary import PersonKind, Referrer, TrajectoryKind

_REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_REF_ATTEMPTS = 20


@dataclass(frozen=True)
class Referral:
    """What the coordinator knows when the referral comes in."""

    child_name: str
    birth_date: dt.date | None
    expected_date: dt.date | None
    referred: dt.date
    referrer: Referrer
    mandated_service: bool
    network: Network
    region: Region | None
    kind: TrajectoryKind
    parents: tuple[str, ...] = field(default_factory=tuple)

    @property
    def date(self) -> dt.date | None:
        return self.birth_date or self.expected_date


def new_ref(session: Session, referred: dt.date) -> str:
    """A case ref that is free and says nothing about the child."""
    for _attempt in range(_REF_ATTEMPTS):
        token = "".join(secrets.choice(_REF_ALPHABET) for _ in range(6))
        ref = f"{referred.year}-{token}"
        if session.scalar(select(Case.id).where(Case.ref == ref)) is None:
            return ref
    raise RuntimeError("no free case ref after 20 attempts")  # 30^6 refs a year: never


def _document(referral: Referral, ref: str) -> dict[str, Any]:
    persons: list[dict[str, Any]] = [
        {"id": "p1", "name": referral.child_name, "kind": "child", "sector": "family", "ring": 0}
    ]
    for name in referral.parents:
        persons.append(
            {
                "id": f"p{len(persons) + 1}",
                "name": name,
                "kind": PersonKind.PARENT.value,
                "sector": "family",
                "ring": 1,
            }
        )
    return {
        "format": "ecogram-case/1",
        "case": {
            "id": ref,
            "opened": referral.referred.isoformat(),
            "child": "p1",
            "birth_date": None if referral.birth_date is None else referral.birth_date.isoformat(),
            "expected_date": (
                None if referral.expected_date is None else referral.expected_date.isoformat()
            ),
        },
        "persons": persons,
        "trajectory": {
            "network": referral.network.slug.value,
            "region": None if referral.region is None else referral.region.name,
            "kind": referral.kind.value,
            "referred": referral.referred.isoformat(),
            "referrer": referral.referrer.value,
            "mandated_service": referral.mandated_service,
        },
    }


def open_case(session: Session, referral: Referral, user_id: int | None) -> Case:
    """Store the new case; its first session is the intake, by `user_id`, with nobody present."""
    case = storage.save_case(
        session, caseformat.parse_document(_document(referral, new_ref(session, referral.referred)))
    )
    first = history.latest_session(session, case.id)
    if first is not None:
        first.present, first.user_id = "", user_id
    session.flush()
    return case


def possible_duplicates(
    session: Session, referral: Referral, visible_case_ids: list[int]
) -> list[Person]:
    """The children of visible cases of the same network with the same first name and date."""
    day = referral.date
    if day is None or not visible_case_ids:
        return []
    query = (
        select(Person)
        .join(Case, Case.id == Person.case_id)
        .join(Trajectory, Trajectory.case_id == Case.id)
        .where(
            Person.kind == PersonKind.CHILD,
            Trajectory.network_id == referral.network.id,
            Case.id.in_(visible_case_ids),
            or_(Case.birth_date == day, Case.expected_date == day),
        )
        .order_by(Case.id)
    )
    wanted = referral.child_name.strip().casefold()
    return [p for p in session.scalars(query) if p.name.strip().casefold() == wanted]
