"""Writing a case in canonical form: every key present, lists in stored order."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from ecogram.caseformat.spec import FORMAT
from ecogram.models import CareTable, Case, Person, RoleAssignment, Trajectory


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _amount(value: Decimal) -> float | int:
    return float(value)


def dump_case(case: Case) -> dict[str, Any]:
    """The canonical document: every key present, lists in stored order."""
    child = case.child
    return {
        "format": FORMAT,
        "case": {
            "id": case.ref,
            "opened": _iso(case.opened),
            "child": None if child is None else child.ref,
            "birth_date": _iso(case.birth_date),
            "expected_date": _iso(case.expected_date),
        },
        "persons": [
            {
                "id": p.ref,
                "name": p.name,
                "kind": p.kind.value,
                "sector": p.sector.value,
                "ring": p.ring,
                "household": p.household,
                "candidate": p.candidate.value,
            }
            for p in case.persons
        ],
        "ties": [
            {
                "from": t.from_person.ref,
                "to": t.to_person.ref,
                "quality": t.quality.value,
                "flow": t.flow.value,
                "support": list(t.support),
            }
            for t in case.ties
        ],
        "assessments": [
            {
                "person": p.ref,
                "date": _iso(a.date),
                "final": a.final,
                "assessor": a.assessor,
                "ratings": {e.item.value: e.rating.value for e in a.entries if e.rating},
                "notes": {e.item.value: e.note for e in a.entries if e.note is not None},
            }
            for p in case.persons
            for a in p.assessments
        ],
        "roles": [_dump_role(p, r) for p in case.persons for r in p.roles],
        "anchors": [
            {"person": a.person.ref, "from": _iso(a.start), "to": _iso(a.end)} for a in case.anchors
        ],
        "trusted_person": None if case.trusted_person is None else case.trusted_person.ref,
        "trajectory": None if case.trajectory is None else _dump_trajectory(case.trajectory),
    }


def _care_table(table: CareTable) -> str | dict[str, Any] | None:
    # Nobody recorded: the plain date of the first version of the format, so
    # files written before attendance existed still come back byte for byte.
    if not table.present:
        return _iso(table.date)
    return {"date": _iso(table.date), "present": list(table.present)}


def _care_plan(t: Trajectory) -> dict[str, Any]:
    # Only when there is a plan, for the same reason as the plain care-table dates.
    if not t.actions:
        return {}
    return {
        "care_plan": [
            {"what": a.what, "who": a.who, "due": _iso(a.due), "done": a.done} for a in t.actions
        ]
    }


def _dump_trajectory(t: Trajectory) -> dict[str, Any]:
    return {
        "network": None if t.network is None else t.network.slug.value,
        "region": None if t.region is None else t.region.name,
        "kind": t.kind.value,
        "referred": _iso(t.referred),
        "referrer": t.referrer.value,
        "mandated_service": t.mandated_service,
        "care_tables": [_care_table(c) for c in t.care_tables],
        **_care_plan(t),
        "evaluations": [_iso(e.date) for e in t.evaluations],
        "extended": t.extended,
        "ended": _iso(t.ended),
        "outcome": None if t.outcome is None else t.outcome.value,
        "budget": [
            {
                "date": _iso(b.date),
                "category": b.category.value,
                "amount": _amount(b.amount),
                "what": b.what,
            }
            for b in t.budget_items
        ],
        "stays": [
            {"kind": s.kind.value, "start": _iso(s.start), "end": _iso(s.end)} for s in t.stays
        ],
    }


def dumps(case: Case) -> str:
    return json.dumps(dump_case(case), ensure_ascii=False, indent=2) + "\n"


def _dump_role(person: Person, role: RoleAssignment) -> dict[str, Any]:
    dumped: dict[str, Any] = {
        "person": person.ref,
        "role": role.role.value,
        "start": _iso(role.start),
        "end": _iso(role.end),
        "nights_per_week": role.nights_per_week,
    }
    # Written only when recorded, so a file from before reasons were asked reads back equal.
    if role.end_reason is not None:
        dumped["end_reason"] = role.end_reason.value
    dumped["attestation"] = (
        None
        if role.attestation_status is None
        else {"status": role.attestation_status.value, "date": _iso(role.attestation_date)}
    )
    return dumped
