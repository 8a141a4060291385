"""Closing a case and erasing a person in the web app: case coordinators only, with a
fresh sign-in and a confirmation, leaving no trace of the name anywhere."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram import history
from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.models import Case, EcogramSession
from tests.web.conftest import World, login, person_id, stored_case
from tests.web.urlmap import snapshot

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def frozen(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def erase_url(world: World, pid: int) -> str:
    return f"/cases/{world.case_id}/persons/{pid}/erase"


def trail(app: Flask, case_id: int) -> list[tuple[str, str, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        rows = session.execute(
            select(AuditEvent.username, AuditEvent.action, AuditEvent.outcome)
            .where(AuditEvent.case_id == case_id)
            .order_by(AuditEvent.id)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def everything(app: Flask) -> str:
    return json.dumps(snapshot(app), default=str, ensure_ascii=False)


def test_a_case_coordinator_sees_who_can_be_erased_but_never_the_child(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    page = client.get(f"/cases/{world.case_id}/erasure")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'id="erasable-persons"' in text
    assert "Oma Jet" in text and "Sara" in text
    assert f'data-person-id="{person_id(app, "Baby Noor")}"' not in text


@pytest.mark.parametrize(
    ("username", "status"),
    [("worker", 403), ("colleague", 403), ("network_coordinator", 404), ("outsider", 404)],
)
def test_anyone_but_the_case_coordinator_is_refused_and_nothing_changes(
    app: Flask, client: FlaskClient, world: World, username: str, status: int
) -> None:
    # The team knows the case: "not allowed" (403); anyone else cannot tell it exists (404).
    oma = person_id(app, "Oma Jet")
    login(client, username)
    before = snapshot(app)["person"]
    for method, path, data in [
        ("GET", f"/cases/{world.case_id}/erasure", None),
        ("GET", erase_url(world, oma), None),
        ("POST", erase_url(world, oma), {"confirm": "y"}),
        ("POST", f"/cases/{world.case_id}/close", {"on": "2026-11-01"}),
        ("POST", f"/cases/{world.case_id}/reopen", {}),
    ]:
        assert client.open(path, method=method, data=data).status_code == status, (method, path)
    assert snapshot(app)["person"] == before
    with stored_case(app) as case:
        assert case.closed is None


def test_a_refused_erasure_by_a_worker_on_the_case_is_kept_in_the_trail(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    client.post(erase_url(world, person_id(app, "Oma Jet")), data={"confirm": "y"})
    assert [row for row in trail(app, world.case_id) if row[1] == "erase_person"] == [
        ("worker", "erase_person", "denied")
    ]


def rename_in_other_case(app: Flask, world: World) -> None:
    """The second case is a copy of the first; its grandmother gets a name of her own."""
    with stored_case(app, "c2") as other:
        next(p for p in other.persons if p.name == "Oma Jet").name = "Oma Lies"
    with session_scope(app.extensions["ecogram.engine"]) as session:
        query = select(EcogramSession).where(EcogramSession.case_id == world.other_case_id)
        for meeting in session.scalars(query):
            meeting.snapshot = meeting.snapshot.replace("Oma Jet", "Oma Lies")


def test_erasing_a_person_removes_them_from_every_table_and_every_snapshot(
    app: Flask, client: FlaskClient, world: World
) -> None:
    rename_in_other_case(app, world)
    assert "Oma Jet" in everything(app)
    login(client, "coordinator")
    response = client.post(erase_url(world, person_id(app, "Oma Jet")), data={"confirm": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{world.case_id}/erasure")

    assert "oma jet" not in everything(app).lower()
    with stored_case(app) as case:
        assert [p.name for p in case.persons] == ["Baby Noor", "Sara"]
        assert case.ties == [] and case.trusted_person is None
    with session_scope(app.extensions["ecogram.engine"]) as session:
        total = history.session_total(session, world.case_id)
        assert total >= 1
        for number in range(1, total + 1):
            past = history.case_at_session(session, world.case_id, number)
            assert "Oma Jet" not in [p.name for p in past.persons]
    assert trail(app, world.case_id)[-1] == ("coordinator", "erase_person", "ok")


def test_the_erased_person_is_gone_from_the_ecogram_page_data(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    client.post(erase_url(world, person_id(app, "Oma Jet")), data={"confirm": "y"})
    data = client.get(f"/cases/{world.case_id}/graph.json").get_data(as_text=True)
    assert "Oma Jet" not in data and "Sara" in data


def test_erasing_needs_the_box_ticked_and_names_it(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    before = snapshot(app)["person"]
    response = client.post(erase_url(world, person_id(app, "Oma Jet")), data={})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert 'id="erase-confirm-error"' in text
    assert snapshot(app)["person"] == before


def test_the_confirmation_page_asks_before_anything_is_erased(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    before = snapshot(app)["person"]
    page = client.get(erase_url(world, person_id(app, "Oma Jet")))
    assert page.status_code == 200
    assert 'id="erase-person"' in page.get_data(as_text=True)
    assert snapshot(app)["person"] == before


def test_the_child_and_persons_of_other_cases_cannot_be_erased(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    before = snapshot(app)["person"]
    child = person_id(app, "Baby Noor")
    elsewhere = person_id(app, "Oma Jet", ref="c2")
    assert client.post(erase_url(world, child), data={"confirm": "y"}).status_code == 404
    assert client.post(erase_url(world, elsewhere), data={"confirm": "y"}).status_code == 404
    assert snapshot(app)["person"] == before


def test_erasing_without_a_fresh_sign_in_asks_for_the_password_and_erases_nothing(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    # A window that has always passed: the sign-in a moment ago is already too old.
    app.config["RECENT_SIGN_IN_MINUTES"] = -1
    before = snapshot(app)["person"]
    response = client.post(erase_url(world, person_id(app, "Oma Jet")), data={"confirm": "y"})
    assert response.status_code == 302
    assert "erase" not in response.headers["Location"].split("?")[0]
    assert snapshot(app)["person"] == before


# --- Closing ------------------------------------------------------------------------------


def closed(app: Flask, world: World) -> dt.date | None:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return session.scalar(select(Case.closed).where(Case.id == world.case_id))


def test_a_case_coordinator_closes_and_reopens_a_case(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    response = client.post(f"/cases/{world.case_id}/close", data={"on": "2026-11-01"})
    assert response.status_code == 302
    assert closed(app, world) == dt.date(2026, 11, 1)
    page = client.get(f"/cases/{world.case_id}/closing").get_data(as_text=True)
    assert 'data-closed="2026-11-01"' in page

    assert client.post(f"/cases/{world.case_id}/reopen").status_code == 302
    assert closed(app, world) is None
    actions = [action for _user, action, _outcome in trail(app, world.case_id)]
    assert actions.index("close_case") < actions.index("reopen_case")


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        ("2026-11-24", "still to come"),
        ("2026-01-04", "was opened on"),
        ("2026-02-30", ""),
        ("", ""),
    ],
)
def test_a_case_cannot_close_on_an_impossible_day(
    app: Flask, client: FlaskClient, world: World, day: str, problem: str
) -> None:
    login(client, "coordinator")
    client.post("/language", data={"lang": "en"})
    response = client.post(f"/cases/{world.case_id}/close", data={"on": day})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert 'id="close-on-error"' in text and problem in text
    assert closed(app, world) is None


def test_erasing_a_person_reaches_the_changes_kept_for_undo(
    app: Flask, client: FlaskClient, world: World
) -> None:
    rename_in_other_case(app, world)
    login(client, "worker")
    jet = person_id(app, "Oma Jet")
    edit = {"name": "Oma Jet", "kind": "grandparent", "sector": "family", "ring": "2"}
    client.post(f"/cases/{world.case_id}/persons/{jet}", data=edit | {"version": "1"})
    with stored_case(app) as case:
        tie_id = case.ties[0].id
    client.post(f"/cases/{world.case_id}/ties/{tie_id}/delete", data={"version": "1"})
    assert "Oma Jet" in json.dumps(snapshot(app)["session_change"], ensure_ascii=False)
    login(client, "coordinator")
    client.post(erase_url(world, jet), data={"confirm": "y"})
    assert "oma jet" not in everything(app).lower()
    assert snapshot(app)["session_change"] == []
