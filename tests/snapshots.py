"""Comparing whole cases field by field, so a round trip through storage loses nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from ecogram.models import Base, Case, Person


def snapshot(case: Case) -> dict[str, Any]:
    """Every column of every object in the case, links by ref.

    Keys, versions and the case's revision are left out: the database sets them.
    """

    def row(obj: Base, **links: Any) -> dict[str, Any]:
        mapper = inspect(obj).mapper
        values = {
            attr.key: getattr(obj, attr.key)
            for attr in mapper.column_attrs
            if attr.key not in {"id", "version", "revision"} and not attr.key.endswith("_id")
        }
        return values | links

    def ref(person: Person | None) -> str | None:
        return None if person is None else person.ref

    persons = [
        row(
            p,
            assessments=[row(a, entries=[row(e) for e in a.entries]) for a in p.assessments],
            roles=[row(r) for r in p.roles],
        )
        for p in case.persons
    ]
    trajectory = case.trajectory
    return row(
        case,
        persons=persons,
        ties=[
            row(t, from_person=ref(t.from_person), to_person=ref(t.to_person)) for t in case.ties
        ],
        anchors=[row(a, person=ref(a.person)) for a in case.anchors],
        trusted_person=ref(case.trusted_person),
        trajectory=None
        if trajectory is None
        else row(
            trajectory,
            network=trajectory.network.slug if trajectory.network else None,
            region=trajectory.region.name if trajectory.region else None,
            care_tables=[row(c) for c in trajectory.care_tables],
            evaluations=[row(e) for e in trajectory.evaluations],
            actions=[row(a) for a in trajectory.actions],
            budget_items=[row(b) for b in trajectory.budget_items],
            stays=[row(s) for s in trajectory.stays],
        ),
    )
