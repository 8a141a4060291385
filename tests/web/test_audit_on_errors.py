"""A page that shows case data is audited even when it answers 400 or 409.

The refused change is rolled back; the audit row of the read is not, and says
"conflict" or "not_saved" instead of "ok".
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from tests.web.conftest import World, login, person_id, stored_case
from tests.web.urlmap import snapshot

PERSON = {"kind": "grandparent", "sector": "family", "ring": "1", "candidate": "assessing"}


def rows_of(app: Flask, request_id: str) -> list[tuple[str, int | None, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.execute(
            select(AuditEvent.username, AuditEvent.case_id, AuditEvent.outcome).where(
                AuditEvent.request_id == request_id
            )
        ).all()
    return [(r[0], r[1], r[2]) for r in found]


def signed_in(app: Flask, username: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    login(client, username)
    return client


def test_a_conflict_page_with_both_versions_leaves_its_audit_row(app: Flask, world: World) -> None:
    worker, coordinator = signed_in(app, "worker"), signed_in(app, "coordinator")
    jet = person_id(app, "Oma Jet")
    url = f"/cases/{world.case_id}/persons/{jet}"
    versions = [c.get(url).get_json()["version"] for c in (worker, coordinator)]
    mine = PERSON | {"name": "Oma Jet P.", "version": versions[0]}
    assert worker.post(url, data=mine).status_code == 200

    answer = coordinator.post(url, data=PERSON | {"name": "Jet", "version": versions[1]})

    assert answer.status_code == 409
    assert "Oma Jet P." in answer.get_data(as_text=True)  # the page shows the stored data
    assert rows_of(app, answer.headers["X-Request-Id"]) == [
        ("coordinator", world.case_id, "conflict")
    ]
    with stored_case(app) as case:
        assert next(p.name for p in case.persons if p.id == jet) == "Oma Jet P."


def test_a_refused_form_leaves_its_audit_row_and_changes_nothing_else(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    before = snapshot(app)
    url = f"/cases/{world.case_id}/persons"

    answer = client.post(url, data=PERSON | {"name": ""})

    assert answer.status_code == 400
    assert rows_of(app, answer.headers["X-Request-Id"]) == [("worker", world.case_id, "not_saved")]
    after = snapshot(app)
    assert len(after.pop("audit_event")) == len(before.pop("audit_event")) + 1
    assert after == before
