"""Builders of demo documents in canonical form: every key present, in the format's order.

Canonical form matters because export must give a demo case back byte-equal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from ecogram.imh_checklist import Item

Doc = dict[str, Any]


def days_from(today: date) -> Callable[[int], str]:
    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    return day


def person(
    pid: str,
    name: str,
    kind: str,
    sector: str,
    ring: int,
    household: str | None = None,
    candidate: str = "none",
) -> Doc:
    return {
        "id": pid,
        "name": name,
        "kind": kind,
        "sector": sector,
        "ring": ring,
        "household": household,
        "candidate": candidate,
    }


def tie(a: str, b: str, quality: str, flow: str = "none", support: Sequence[str] = ()) -> Doc:
    return {"from": a, "to": b, "quality": quality, "flow": flow, "support": list(support)}


def assessment(
    person: str,
    day: str,
    ratings: str,
    notes: dict[Item, str],
    *,
    final: bool = True,
    assessor: str = "Lies (pleegzorg)",
) -> Doc:
    """`ratings` holds one letter per item in checklist order, e.g. "SSAAAAAAAAAAA".

    S strength, A adequate, C concern, U unknown, for: sensitivity safe_haven
    secure_base mentalizing commitment availability life_stability with_parents
    with_services protection record_checks home_practical own_network.
    """
    return {
        "person": person,
        "date": day,
        "final": final,
        "assessor": assessor,
        "ratings": {item.value: letter for item, letter in zip(Item, ratings, strict=True)},
        "notes": {item.value: notes[item] for item in Item if item in notes},
    }


def role(
    person: str,
    role: str,
    start: str,
    end: str | None = None,
    nights: int = 0,
    attestation: Doc | None = None,
    end_reason: str | None = None,
) -> Doc:
    found: Doc = {
        "person": person,
        "role": role,
        "start": start,
        "end": end,
        "nights_per_week": nights,
    }
    if end_reason is not None:  # in the order the case format writes it
        found["end_reason"] = end_reason
    return found | {"attestation": attestation}


def anchor(person: str, start: str, end: str | None = None) -> Doc:
    return {"person": person, "from": start, "to": end}


def money(day: str, category: str, amount: str, what: str) -> Doc:
    return {"date": day, "category": category, "amount": float(amount), "what": what}


def stay(kind: str, start: str, end: str | None) -> Doc:
    return {"kind": kind, "start": start, "end": end}


def care_table(day: str, present: Sequence[str], child_perspective: str) -> Doc:
    return {"date": day, "present": list(present), "child_perspective": child_perspective}


def trajectory(
    network: str,
    region: str,
    referred: str,
    referrer: str,
    *,
    care_tables: Sequence[str | Doc],
    evaluations: Sequence[str] = (),
    kind: str = "care_figure_search",
    mandated_service: bool = False,
    extended: bool = False,
    ended: str | None = None,
    outcome: str | None = None,
    budget: Sequence[Doc] = (),
    stays: Sequence[Doc] = (),
    care_plan: Sequence[Doc] = (),
) -> Doc:
    # A care plan only where there is one, in the place the case format writes it.
    plan = {"care_plan": list(care_plan)} if care_plan else {}
    return {
        "network": network,
        "region": region,
        "kind": kind,
        "referred": referred,
        "referrer": referrer,
        "mandated_service": mandated_service,
        "care_tables": list(care_tables),
        **plan,
        "evaluations": list(evaluations),
        "extended": extended,
        "ended": ended,
        "outcome": outcome,
        "budget": list(budget),
        "stays": list(stays),
    }


def document(
    case: Doc,
    persons: list[Doc],
    ties: list[Doc],
    assessments: list[Doc],
    roles: list[Doc],
    anchors: list[Doc],
    trusted_person: str | None,
    trajectory: Doc,
) -> Doc:
    return {
        "format": "ecogram-case/1",
        "case": case,
        "persons": persons,
        "ties": ties,
        "assessments": assessments,
        "roles": roles,
        "anchors": anchors,
        "trusted_person": trusted_person,
        "trajectory": trajectory,
    }


def case(cid: str, opened: str, birth: date | None, expected: str | None) -> Doc:
    born = birth.isoformat() if birth else None
    return {
        "id": cid,
        "opened": opened,
        "child": "p1",
        "birth_date": born,
        "expected_date": expected,
    }
