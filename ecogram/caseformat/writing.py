"""Writing a case in canonical form: every key present, lists in stored order."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ecogram.caseformat.spec import FORMAT

if TYPE_CHECKING:
    from ecogram.models import (
        AnchorPeriod,
        Assessment,
        CarePlanAction,
        CareTable,
        Case,
        RoleAssignment,
        Trajectory,
    )


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
            {"person": p.ref} | assessment_entry(a) for p in case.persons for a in p.assessments
        ],
        "roles": [{"person": p.ref} | role_entry(r) for p in case.persons for r in p.roles],
        "anchors": [{"person": a.person.ref} | anchor_entry(a) for a in case.anchors],
        "trusted_person": None if case.trusted_person is None else case.trusted_person.ref,
        "trajectory": None if case.trajectory is None else _dump_trajectory(case.trajectory),
    }


def assessment_entry(a: Assessment) -> dict[str, Any]:
    """An assessment as the document holds it, without the person it rates."""
    return {
        "date": _iso(a.date),
        "final": a.final,
        "assessor": a.assessor,
        "ratings": {e.item.value: e.rating.value for e in a.entries if e.rating},
        "notes": {e.item.value: e.note for e in a.entries if e.note is not None},
    }


def role_entry(r: RoleAssignment) -> dict[str, Any]:
    """A role as the document holds it, without the person who takes it."""
    entry: dict[str, Any] = {
        "role": r.role.value,
        "start": _iso(r.start),
        "end": _iso(r.end),
        "nights_per_week": r.nights_per_week,
    }
    # Written only when recorded, so a file from before reasons were asked reads back equal.
    if r.end_reason is not None:
        entry["end_reason"] = r.end_reason.value
    entry["attestation"] = (
        None
        if r.attestation_status is None
        else {"status": r.attestation_status.value, "date": _iso(r.attestation_date)}
    )
    return entry


def anchor_entry(a: AnchorPeriod) -> dict[str, Any]:
    """An anchor period as the document holds it, without the person."""
    return {"from": _iso(a.start), "to": _iso(a.end)}


def _care_table(table: CareTable) -> str | dict[str, Any] | None:
    # Nobody recorded: the plain date of the first version of the format, so
    # files written before attendance existed still come back byte for byte.
    # The child's perspective came later still, and is written only when recorded.
    perspective = table.child_perspective or ""
    if not table.present and not perspective:
        return _iso(table.date)
    written: dict[str, Any] = {"date": _iso(table.date), "present": list(table.present)}
    return written | ({"child_perspective": perspective} if perspective else {})


def _action(action: CarePlanAction) -> dict[str, Any]:
    written: dict[str, Any] = {
        "what": action.what,
        "who": action.who,
        "due": _iso(action.due),
        "done": action.done,
    }
    # Like the child's perspective: a key added later, written only when it holds something.
    table = action.care_table
    return written | ({"care_table": _iso(table.date)} if table is not None else {})


def _care_plan(t: Trajectory) -> dict[str, Any]:
    # Only when there is a plan, for the same reason as the plain care-table dates.
    if not t.actions:
        return {}
    return {"care_plan": [_action(a) for a in t.actions]}


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
