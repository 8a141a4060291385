"""The URL map, filled in with real ids, and a snapshot of every table.

Shared by the security tests, which enumerate routes instead of listing them
so that a route added later is covered without anyone remembering to.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask
from sqlalchemy import select, text
from werkzeug.routing import Rule

from ecogram import storage
from ecogram.accounts import AuditEvent  # its tables join the metadata the snapshot reads
from ecogram.db import session_scope
from ecogram.models import Base, Case
from tests.web.conftest import PASSWORD, World

FORM = {  # plausible for every form, so only the missing token stands in the way
    "name": "Tante Zoë",
    "kind": "aunt_uncle",
    "sector": "family",
    "ring": "2",
    "candidate": "to_explore",
    "quality": "strong",
    "flow": "forward",
    "role": "respite",
    "start": "2026-03-01",
    "from": "2026-03-01",
    "nights_per_week": "1",
    "attestation_status": "none",
    "date": "2026-03-01",
    "assessor": "Assessor A",
    "final": "y",
    "lang": "en",
    "username": "worker",
    "password": PASSWORD,
}


def real_ids(app: Flask, world: World) -> dict[str, int]:
    """Ids of objects inside the world's case, for every kind of URL argument."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        ref = session.scalar(select(Case.ref).where(Case.id == world.case_id))
        case = storage.load_case(session, ref or "")
        assert case is not None
        oma = next(p for p in case.persons if p.ref == "p3")
        return {
            "case_id": world.case_id,
            "person_id": oma.id,
            "tie_id": case.ties[0].id,
            "role_id": oma.roles[0].id,
        }


def routes(app: Flask, method: str) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static" and method in (rule.methods or set()):
            yield rule


def path(rule: Rule, ids: dict[str, int]) -> str:
    built = rule.build({name: ids.get(name, 1) for name in rule.arguments}, append_unknown=False)
    assert built is not None
    return built[1]


def snapshot(app: Flask) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that a refused request changed nothing."""
    with app.extensions["ecogram.engine"].connect() as connection:
        return {
            table.name: [
                tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table.name}"'))
            ]
            for table in Base.metadata.sorted_tables
        }


def audit_rows(app: Flask, request_id: str) -> list[tuple[str, str]]:
    """(action, outcome) of each audit row one request wrote."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.execute(
            select(AuditEvent.action, AuditEvent.outcome).where(AuditEvent.request_id == request_id)
        ).all()
    return [(action, outcome) for action, outcome in found]
