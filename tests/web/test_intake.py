"""Intake: a case coordinator opens a case from a referral, on one page."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from ecogram import storage
from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.history import latest_session
from ecogram.models import Case, Region
from ecogram.vocabulary import PersonKind, Referrer, TrajectoryKind
from tests.web.conftest import World, login
from tests.web.rendered import parse
from tests.web.urlmap import snapshot

TODAY = dt.date(2026, 1, 10)


@pytest.fixture(autouse=True)
def frozen_today(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def intake_form(client: FlaskClient, **values: str) -> dict[str, str]:
    """The intake form as rendered, with `values` typed in."""
    page = parse("https://localhost/cases/new", client.get("/cases/new").get_data(as_text=True))
    form = next(f for f in page.forms if f.id == "intake-form")
    return dict(form.data()) | values


def newest_case(app: Flask) -> Case:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        case_id = session.scalar(select(func.max(Case.id)))
        ref = session.scalar(select(Case.ref).where(Case.id == case_id))
        case = storage.load_case(session, ref or "")
        assert case is not None
        session.expunge_all()
        return case


def case_count(app: Flask) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_the_form_opens_with_todays_referral_and_the_coordinators_network(
    client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    data = intake_form(client)
    assert data["referred"] == "2026-01-10"
    assert data["kind"] == "care_figure_search"
    page = client.get("/cases/new").get_data(as_text=True)
    assert ">Limburg</option>" in page and "Antwerpen" not in page


def test_a_coordinator_opens_a_case_with_the_child_at_the_centre_and_two_parents(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    data = intake_form(
        client,
        child_name="Baby Lina",
        expected_date="2026-04-02",
        referred="2026-01-09",
        referrer="midwife",
        mandated_service="y",
        parent_1="Yasmina",
        parent_2="Tom",
    )
    response = client.post("/cases/new", data=data)
    case = newest_case(app)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case.id}/"
    assert [(p.name, p.kind, p.ring) for p in case.persons] == [
        ("Baby Lina", PersonKind.CHILD, 0),
        ("Yasmina", PersonKind.PARENT, 1),
        ("Tom", PersonKind.PARENT, 1),
    ]
    assert (case.opened, case.birth_date, case.expected_date) == (
        dt.date(2026, 1, 9),
        None,
        dt.date(2026, 4, 2),
    )
    trajectory = case.trajectory
    assert trajectory is not None and trajectory.network is not None
    assert trajectory.network.slug.value == "limburg"
    assert (trajectory.referred, trajectory.referrer, trajectory.mandated_service) == (
        dt.date(2026, 1, 9),
        Referrer.MIDWIFE,
        True,
    )
    assert trajectory.kind is TrajectoryKind.CARE_FIGURE_SEARCH
    # The ref carries no name: the year and six characters.
    assert case.ref[:5] == "2026-" and len(case.ref) == 11 and "Lina" not in case.ref
    page = client.get(f"/cases/{case.id}/").get_data(as_text=True)
    assert "Baby Lina" in page


def test_opening_a_case_is_audited_on_the_new_case_and_starts_its_history(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    data = intake_form(client, child_name="Mo", birth_date="2025-12-01")
    client.post("/cases/new", data=data)
    case = newest_case(app)
    with session_scope(app.extensions["ecogram.engine"]) as session:
        rows = session.execute(
            select(AuditEvent.case_id, AuditEvent.action).where(
                AuditEvent.username == "coordinator"
            )
        ).all()
        first = latest_session(session, case.id)
        assert first is not None
        assert (first.number, first.date, first.present) == (1, TODAY, "")
        assert first.user_id == world.users["coordinator"]
    assert (case.id, "open_case") in rows
    assert (None, "view_intake") in rows


def test_a_region_of_the_network_is_stored_with_the_trajectory(
    app: Flask, client: FlaskClient, world: World
) -> None:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        hasselt = session.scalar(select(Region.id).where(Region.name == "Hasselt"))
    login(client, "coordinator")
    data = intake_form(client, child_name="Mo", birth_date="2025-12-01", region=str(hasselt))
    assert client.post("/cases/new", data=data).status_code == 302
    trajectory = newest_case(app).trajectory
    assert trajectory is not None and trajectory.region is not None
    assert trajectory.region.name == "Hasselt"


@pytest.mark.parametrize(
    ("values", "field", "problem"),
    [
        ({"child_name": ""}, "child_name", "This field is required"),
        ({"child_name": "Mo\x07"}, "child_name", "Use letters"),
        ({"birth_date": "", "expected_date": ""}, "birth_date", "or the expected date"),
        ({"expected_date": "2026-05-01"}, "expected_date", "Give one date"),
        ({"birth_date": "2026-02-01"}, "birth_date", "cannot lie ahead"),
        ({"birth_date": "", "expected_date": "2026-01-01"}, "expected_date", "has passed"),
        ({"referred": "2026-01-11"}, "referred", "still to come"),
        ({"referred": "2026-02-30"}, "referred", "Not a valid date"),
        ({"referrer": "neighbour"}, "referrer", "Not a valid choice"),
        ({"parent_2": "x" * 201}, "parent_2", "200"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
    app: Flask,
    client: FlaskClient,
    world: World,
    values: dict[str, str],
    field: str,
    problem: str,
) -> None:
    login(client, "coordinator")
    client.post("/language", data={"lang": "en"})
    before = snapshot(app)
    data = intake_form(client, child_name="Mo", birth_date="2025-12-01") | values
    response = client.post("/cases/new", data=data)
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert parse("https://localhost/cases/new", text).invalid == {field}
    assert problem in text
    after = snapshot(app)
    assert {k: v for k, v in after.items() if k != "audit_event"} == {
        k: v for k, v in before.items() if k != "audit_event"
    }


def test_a_possible_duplicate_is_shown_and_opened_only_when_confirmed(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    before = case_count(app)
    data = intake_form(client, child_name=" baby NOOR ", expected_date="2026-03-01")
    hinted = client.post("/cases/new", data=data)
    text = hinted.get_data(as_text=True)
    assert hinted.status_code == 200 and 'id="duplicate-hint"' in text
    assert f'data-case="{world.case_id}"' in text
    assert f'data-case="{world.other_case_id}"' not in text  # Antwerpen's, not theirs
    assert case_count(app) == before
    with session_scope(app.extensions["ecogram.engine"]) as session:
        hint = session.scalar(
            select(AuditEvent.case_id).where(AuditEvent.action == "duplicate_hint")
        )
    assert hint == world.case_id
    confirmed = client.post("/cases/new", data=data | {"confirm_duplicate": "y"})
    assert confirmed.status_code == 302 and case_count(app) == before + 1


def test_the_hint_names_only_cases_the_coordinator_may_see(
    app: Flask, client: FlaskClient, world: World
) -> None:
    # The same child and date in Antwerpen: its own case c2 is hinted, never Limburg's c1.
    login(client, "other_coordinator")
    data = intake_form(client, child_name="Baby Noor", expected_date="2026-03-01")
    text = client.post("/cases/new", data=data).get_data(as_text=True)
    assert f'data-case="{world.other_case_id}"' in text
    assert f'data-case="{world.case_id}"' not in text


def test_another_date_is_no_duplicate(app: Flask, client: FlaskClient, world: World) -> None:
    login(client, "coordinator")
    data = intake_form(client, child_name="Baby Noor", expected_date="2026-03-02")
    assert client.post("/cases/new", data=data).status_code == 302


@pytest.mark.parametrize("name", ["worker", "colleague", "network_coordinator", "admin"])
def test_only_a_case_coordinator_opens_a_case(
    app: Flask, client: FlaskClient, world: World, name: str
) -> None:
    login(client, name)
    before = case_count(app)
    assert client.get("/cases/new").status_code == 404
    assert client.post("/cases/new", data={"child_name": "Mo"}).status_code == 404
    assert case_count(app) == before
    assert 'href="/cases/new"' not in client.get("/account/password").get_data(as_text=True)
