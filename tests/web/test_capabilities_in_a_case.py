"""What the team of a case may do inside it, stated per role rather than read from the table.

`colleague` is a foster-care assessor on the case: they read it, assess candidates,
keep the trajectory's records and print, but leave the ecogram, the roles and the
term to others. `worker` is a context worker on the case: they also map the ecogram,
assign roles and decide the term. Neither spends budget, closes or erases, nor reads
the audit trail: those are the case coordinator's. A refusal is 403 (they know the
case exists) and changes nothing.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import World, login
from tests.web.urlmap import FORM, real_ids, snapshot

#: (method, path under /cases/<id>) a member of the team may or may not use.
READS = [("GET", "/"), ("GET", "/assessments"), ("GET", "/roles"), ("GET", "/trajectory")]
ASSESS = [("POST", "/persons/{person_id}/assessment")]
RECORD = [("POST", "/trajectory/actions"), ("POST", "/trajectory/care-tables")]
EXPORT = [("POST", "/downloads/json")]
MAP = [("POST", "/persons"), ("POST", "/ties")]
ROLES = [("POST", "/roles"), ("POST", "/anchor"), ("POST", "/trusted-person")]
TERM = [("POST", "/trajectory/extend"), ("POST", "/trajectory/end")]
NOBODY_ON_THE_TEAM = [
    ("POST", "/trajectory/budget"),
    ("POST", "/close"),
    ("GET", "/erasure"),
    ("POST", "/persons/{person_id}/erase"),
    ("GET", "/audit"),
]

MAY = {
    "colleague": READS + ASSESS + RECORD + EXPORT,
    "worker": READS + ASSESS + RECORD + EXPORT + MAP + ROLES + TERM,
}
MAY_NOT = {
    "colleague": MAP + ROLES + TERM + NOBODY_ON_THE_TEAM,
    "worker": NOBODY_ON_THE_TEAM,
}


def ask(app: Flask, client: FlaskClient, world: World, method: str, tail: str) -> int:
    url = f"/cases/{world.case_id}" + tail.format(**real_ids(app, world))
    if method == "GET":
        return client.get(url).status_code
    return client.post(url, data=FORM).status_code


@pytest.mark.parametrize("persona", ["colleague", "worker"])
def test_a_team_member_may_use_what_their_role_allows(
    app: Flask, client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    for method, tail in MAY[persona]:
        status = ask(app, client, world, method, tail)
        # Past the guard: the page, a redirect, a stored change, or a form error.
        assert status in (200, 201, 302, 400, 409), (persona, method, tail, status)


@pytest.mark.parametrize("persona", ["colleague", "worker"])
def test_a_team_member_is_refused_with_403_what_their_role_does_not_allow_and_nothing_changes(
    app: Flask, client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    for method, tail in MAY_NOT[persona]:
        before = snapshot(app)
        status = ask(app, client, world, method, tail)
        after = snapshot(app)
        assert status == 403, (persona, method, tail, status)
        after.pop("audit_event"), before.pop("audit_event")  # the refusal itself is audited
        assert after == before, (persona, method, tail)


def test_the_assessor_saves_an_assessment_but_may_not_add_a_person(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    ids = real_ids(app, world)
    assessment = f"/cases/{world.case_id}/persons/{ids['person_id']}/assessment"
    assert client.get(assessment).status_code == 200
    person = {"name": "Buur Jef", "kind": "neighbour", "sector": "neighbourhood", "ring": "2"}
    assert client.post(f"/cases/{world.case_id}/persons", data=person).status_code == 403


def test_the_context_worker_adds_a_person_but_may_not_record_budget(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    person = {"name": "Buur Jef", "kind": "neighbour", "sector": "neighbourhood", "ring": "2"}
    assert client.post(f"/cases/{world.case_id}/persons", data=person).status_code == 201
    budget = {"date": "2026-03-01", "category": "guidance", "amount": "100"}
    assert client.post(f"/cases/{world.case_id}/trajectory/budget", data=budget).status_code == 403
