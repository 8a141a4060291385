"""Who may see which case: one guard, and a 404 for everyone else.

Every route for every persona is swept in test_access_by_route.py; these are
the cases worth naming on their own.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from tests.web.conftest import World, login


def test_a_case_that_does_not_exist_looks_the_same_as_a_forbidden_one(
    client: FlaskClient, world: World
) -> None:
    login(client, "outsider")
    forbidden = client.get(f"/cases/{world.case_id}/")
    missing = client.get("/cases/999999/")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.get_data() == missing.get_data()


@pytest.mark.parametrize("persona", ["worker", "colleague", "coordinator"])
def test_it_shows_the_case_to_those_who_work_on_it(
    client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    assert client.get(f"/cases/{world.case_id}/").status_code == 200


def test_a_case_coordinator_sees_no_case_of_another_network(
    client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    assert client.get(f"/cases/{world.other_case_id}/").status_code == 404


def test_every_page_but_login_and_the_health_check_needs_a_signed_in_user(
    app: Flask, client: FlaskClient
) -> None:
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "auth.login", "i18n.choose", "health.healthz"):
            continue
        values = {name: 1 for name in rule.arguments}
        path = rule.build(values, append_unknown=False)
        assert path is not None
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(path[1], method=method)
            assert response.status_code == 302, (method, path[1])
            assert response.headers["Location"].startswith("/login")


def test_a_refused_look_is_audited(app: Flask, client: FlaskClient, world: World) -> None:
    login(client, "outsider")
    client.get(f"/cases/{world.case_id}/")
    with session_scope(app.extensions["ecogram.engine"]) as session:
        refused = [
            (e.username, e.action, e.outcome, e.request_id)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.case_id == world.case_id))
        ]
    assert [row[:3] for row in refused] == [("outsider", "view_ecogram", "denied")]
    assert re.fullmatch(r"[0-9a-f]{32}", refused[0][3])


def test_my_cases_lists_only_the_cases_i_may_see(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    page = client.get("/").get_data(as_text=True)
    assert f"/cases/{world.case_id}/" in page
    assert f"/cases/{world.other_case_id}/" not in page


def test_a_wrong_password_gets_401_and_no_session(client: FlaskClient, world: World) -> None:
    response = client.post("/login", data={"username": "worker", "password": "nope"})
    assert response.status_code == 401
    assert client.get("/").status_code == 302


def readable_text(data: bytes, mimetype: str) -> str:
    if mimetype == "application/pdf":
        return subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
    if mimetype.startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "".join(book.read(name).decode() for name in book.namelist())
    return data.decode()


def test_a_network_coordinator_sees_no_name_on_any_page(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "network_coordinator")
    names = ["Baby Noor", "Sara", "Oma Jet"]
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        values = {name: world.case_id if name == "case_id" else 1 for name in rule.arguments}
        path = rule.build(values, append_unknown=False)
        assert path is not None
        response = client.get(path[1])
        # Spreadsheets and PDFs are zip and binary streams: read the text they hold.
        body = readable_text(response.data, response.mimetype)
        assert not any(name in body for name in names), path[1]


def test_only_the_case_coordinator_sees_the_audit_tab(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    assert f"/cases/{world.case_id}/audit" not in client.get(f"/cases/{world.case_id}/").text
    client.post("/logout")
    login(client, "coordinator")
    assert f"/cases/{world.case_id}/audit" in client.get(f"/cases/{world.case_id}/").text
