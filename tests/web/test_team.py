"""The team panel: the case coordinator puts colleagues of the network on a case and takes
them off; the change holds from their next request, and My cases shows the team."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent, User, UserRole, add_user
from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug
from tests.web.conftest import PASSWORD, World, login
from tests.web.rendered import parse


def colleague_of(app: Flask, username: str, role: UserRole, slug: NetworkSlug | None) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == slug)) if slug else None
        user = add_user(
            session,
            username=username,
            password=PASSWORD,
            role=role,
            display_name=username.capitalize(),
            network=network,
        )
        return user.id


def offered(client: FlaskClient, case_id: int) -> dict[str, str]:
    """The colleagues the rendered panel offers: {id: label}."""
    html = client.get(f"/cases/{case_id}/team").get_data(as_text=True)
    page = parse(f"https://localhost/cases/{case_id}/team", html)
    form = next(f for f in page.forms if f.id == "add-member-form")
    select_ = next(s for s in form.selects if s.name == "member")
    return {value: value for value, _selected in select_.options if value}


def case_actions(app: Flask, case_id: int) -> list[str]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.case_id == case_id, AuditEvent.username == "coordinator")
                .order_by(AuditEvent.id)
            )
        )


def test_the_panel_offers_active_workers_and_assessors_of_the_cases_network_only(
    app: Flask, client: FlaskClient, world: World
) -> None:
    lies = colleague_of(app, "lies", UserRole.CONTEXT_WORKER, NetworkSlug.LIMBURG)
    jo = colleague_of(app, "jo", UserRole.FOSTER_CARE_ASSESSOR, NetworkSlug.LIMBURG)
    colleague_of(app, "anna", UserRole.CONTEXT_WORKER, NetworkSlug.ANTWERPEN)
    colleague_of(app, "wim", UserRole.CASE_COORDINATOR, NetworkSlug.LIMBURG)
    colleague_of(app, "vrij", UserRole.CONTEXT_WORKER, None)
    login(client, "coordinator")
    assert set(offered(client, world.case_id)) == {str(lies), str(jo)}


def test_a_coordinator_adds_a_worker_who_sees_the_case_on_their_next_request(
    app: Flask, client: FlaskClient, world: World
) -> None:
    lies = colleague_of(app, "lies", UserRole.CONTEXT_WORKER, NetworkSlug.LIMBURG)
    worker = app.test_client()
    login(worker, "lies")
    assert worker.get(f"/cases/{world.case_id}/").status_code == 404
    login(client, "coordinator")
    added = client.post(f"/cases/{world.case_id}/team", data={"member": str(lies)})
    assert added.status_code == 302
    assert worker.get(f"/cases/{world.case_id}/").status_code == 200
    assert "Baby Noor" in worker.get("/").get_data(as_text=True)
    removed = client.post(f"/cases/{world.case_id}/team/{lies}/remove")
    assert removed.status_code == 302
    assert worker.get(f"/cases/{world.case_id}/").status_code == 404
    assert case_actions(app, world.case_id)[-2:] == ["assign_team", "unassign_team"]


def test_my_cases_shows_each_cases_team(client: FlaskClient, world: World) -> None:
    login(client, "coordinator")
    page = client.get("/").get_data(as_text=True)
    row = page.split(f'href="/cases/{world.case_id}/"', 1)[1].split("</tr>", 1)[0]
    assert re.search(r'<td [^>]*class="team">colleague, worker</td>', row)


def test_the_team_panel_shows_the_team_to_the_team_without_its_forms(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    response = client.get(f"/cases/{world.case_id}/team")
    page = parse("https://localhost/", response.get_data(as_text=True))
    assert response.status_code == 200
    assert "worker" in response.get_data(as_text=True)
    actions = {form.action.removeprefix("https://localhost") for form in page.forms}
    assert actions == {"/language", "/logout"}  # the top bar's forms only
    assert client.post(f"/cases/{world.case_id}/team", data={"member": "1"}).status_code == 403


def test_adding_nobody_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, world: World
) -> None:
    colleague_of(app, "lies", UserRole.CONTEXT_WORKER, NetworkSlug.LIMBURG)
    login(client, "coordinator")
    response = client.post(f"/cases/{world.case_id}/team", data={"member": ""})
    assert response.status_code == 400
    assert parse("https://localhost/", response.get_data(as_text=True)).invalid == {"member"}


def test_a_colleague_of_another_network_cannot_be_added(
    app: Flask, client: FlaskClient, world: World
) -> None:
    anna = colleague_of(app, "anna", UserRole.CONTEXT_WORKER, NetworkSlug.ANTWERPEN)
    login(client, "coordinator")
    response = client.post(f"/cases/{world.case_id}/team", data={"member": str(anna)})
    assert response.status_code == 400
    with session_scope(app.extensions["ecogram.engine"]) as session:
        user = session.get(User, anna)
        assert user is not None
    login(client, "anna")
    assert client.get(f"/cases/{world.case_id}/").status_code == 404


def test_taking_off_someone_already_gone_changes_nothing_and_says_so(
    client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    client.post("/language", data={"lang": "en"})
    outsider = world.users["outsider"]
    response = client.post(f"/cases/{world.case_id}/team/{outsider}/remove")
    assert response.status_code == 302
    assert "not on the team" in client.get(response.headers["Location"]).get_data(as_text=True)
