"""The "who viewed or changed this" page: for the network's case coordinators only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

import webapp
from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from tests.web.conftest import World, login
from webapp.audit.words import ACTIONS, word

ROW = re.compile(r'<tr data-action="([a-z_]+)" data-outcome="([a-z]+)">')


def url(world: World, query: str = "") -> str:
    return f"/cases/{world.case_id}/audit{query}"


def trail(app: Flask, case_id: int) -> list[tuple[str, str, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        rows = session.execute(
            select(AuditEvent.username, AuditEvent.action, AuditEvent.outcome)
            .where(AuditEvent.case_id == case_id)
            .order_by(AuditEvent.id)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def add_events(app: Flask, case_id: int, count: int) -> None:
    """`count` old views by the worker, one minute apart, oldest first."""
    start = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)
    with session_scope(app.extensions["ecogram.engine"]) as session:
        for i in range(count):
            session.add(
                AuditEvent(
                    at=start + dt.timedelta(minutes=i),
                    user_id=None,
                    username="worker",
                    user_role="context_worker",
                    case_id=case_id,
                    action="view_roles" if i % 2 else "view_ecogram",
                    outcome="ok",
                    request_id=f"{i:032x}",
                )
            )


def test_a_case_coordinator_sees_who_viewed_and_changed_the_case(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    client.get(f"/cases/{world.case_id}/")
    client.post("/logout")
    login(client, "coordinator")
    client.post("/language", data={"lang": "en"})
    response = client.get(url(world))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="audit-log"' in page
    # Newest first: the coordinator's own look at this page heads the table.
    assert ROW.findall(page)[:2] == [("view_audit", "ok"), ("view_ecogram", "ok")]
    assert "viewed the ecogram" in page
    assert "context worker" in page
    assert re.search(r"<code>[0-9a-f]{32}</code>", page)


def test_looking_at_the_audit_trail_is_itself_audited(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    assert client.get(url(world)).status_code == 200
    assert ("coordinator", "view_audit", "ok") in trail(app, world.case_id)


@pytest.mark.parametrize("persona", ["worker", "colleague"])
def test_it_refuses_the_audit_trail_to_those_who_work_on_the_case(
    app: Flask, client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    assert client.get(f"/cases/{world.case_id}/").status_code == 200
    response = client.get(url(world))
    assert response.status_code == 403
    # The refusal is kept; no "ok" row claims the trail was shown.
    rows = [r for r in trail(app, world.case_id) if r[1] == "view_audit"]
    assert rows == [(persona, "view_audit", "denied")]


@pytest.mark.parametrize("persona", ["outsider", "network_coordinator", "admin"])
def test_it_hides_the_audit_trail_from_those_who_may_not_see_the_case(
    client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    assert client.get(url(world)).status_code == 404


def test_a_case_coordinator_sees_no_trail_of_another_networks_case(
    client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    assert client.get(f"/cases/{world.other_case_id}/audit").status_code == 404


def test_the_refusal_looks_the_same_as_a_case_that_does_not_exist(
    client: FlaskClient, world: World
) -> None:
    login(client, "outsider")
    refused = client.get(url(world))
    missing = client.get("/cases/999999/audit")
    assert refused.status_code == missing.status_code == 404
    assert refused.get_data() == missing.get_data()


def test_it_shows_a_long_trail_a_hundred_rows_at_a_time_newest_first(
    app: Flask, client: FlaskClient, world: World
) -> None:
    add_events(app, world.case_id, 250)
    login(client, "coordinator")
    first = client.get(url(world)).get_data(as_text=True)
    assert len(ROW.findall(first)) == 100
    assert first.index(f"{249:032x}") < first.index(f"{248:032x}")
    assert 'rel="next"' in first
    last = client.get(url(world, "?page=3")).get_data(as_text=True)
    # 250 old rows plus the coordinator's two looks: 252 rows, 52 on page 3.
    assert len(ROW.findall(last)) == 52
    assert f"{0:032x}" in last
    assert 'rel="next"' not in last


def test_a_page_past_the_end_shows_the_last_page(
    app: Flask, client: FlaskClient, world: World
) -> None:
    add_events(app, world.case_id, 5)
    login(client, "coordinator")
    response = client.get(url(world, "?page=7"))
    assert response.status_code == 200
    assert len(ROW.findall(response.get_data(as_text=True))) == 6


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "99999999999999999999", ""])
def test_a_bad_page_number_is_a_clean_400(client: FlaskClient, world: World, page: str) -> None:
    login(client, "coordinator")
    response = client.get(url(world, f"?page={page}"))
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_every_action_the_app_records_has_a_label_in_the_trail() -> None:
    source = "\n".join(p.read_text() for p in Path(webapp.__file__).parent.rglob("*.py"))
    guards = r"(?:guarded_case|guarded_revision|audit)"
    call = guards + r'\([^,()]+,(?:\s*Capability\.[A-Z_]+,)?\s*"([a-z_]+)"'
    recorded = set(re.findall(call, source))
    assert {"view_ecogram", "add_care_table", "start_session"} <= recorded  # the scan works
    assert sorted(code for code in recorded if code not in ACTIONS) == []


def test_an_export_is_labelled_with_its_format() -> None:
    assert word(ACTIONS, "export_graphml") == "exported (graphml)"
