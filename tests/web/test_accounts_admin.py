"""The account pages: an admin makes, changes, deactivates and reactivates accounts.

Accounts are made in the app only by an admin; a new account's one-time password is
shown once and must be replaced at the first sign-in.
"""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent, User, UserRole
from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug
from tests.web.conftest import PASSWORD, World, login
from tests.web.rendered import parse
from tests.web.urlmap import snapshot

ONE_TIME = re.compile(r'<dd id="one-time-password" class="secret">([a-z2-9-]+)</dd>')


def account(app: Flask, username: str) -> User:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        session.expunge(user)
        return user


def limburg(app: Flask) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.LIMBURG))
        assert found is not None
        return found


def actions(app: Flask, username: str) -> list[tuple[int | None, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.username == username).order_by(AuditEvent.id)
        )
        return [(e.case_id, e.action) for e in events]


def new_account_form(client: FlaskClient, **values: str) -> dict[str, str]:
    """The new-account form as the page renders it, with `values` typed in."""
    page = parse("https://localhost/accounts/new", client.get("/accounts/new").get_data(True))
    form = next(f for f in page.forms if f.id == "account-form")
    return dict(form.data()) | values


def make_account(client: FlaskClient, app: Flask, **values: str) -> tuple[User, str]:
    response = client.post("/accounts/new", data=new_account_form(client, **values))
    assert response.status_code == 200, response.get_data(as_text=True)
    found = ONE_TIME.search(response.get_data(as_text=True))
    assert found is not None
    return account(app, values["username"]), found.group(1)


def test_the_admin_lists_every_account_with_its_role(client: FlaskClient, world: World) -> None:
    login(client, "admin")
    page = client.get("/accounts").get_data(as_text=True)
    for name in world.users:
        assert f'data-account="{world.users[name]}"' in page
    assert "casuscoördinator" in page and "Limburg" in page


def test_an_admin_makes_an_account_whose_one_time_password_works_once_shown(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "admin")
    user, password = make_account(
        client,
        app,
        display_name="Lies (contextbegeleider)",
        username="lies",
        role="context_worker",
        network=str(limburg(app)),
    )
    assert (user.role, user.network_id, user.must_change_password) == (
        UserRole.CONTEXT_WORKER,
        limburg(app),
        True,
    )
    assert len(password) == 19 and password not in user.password_hash
    assert (None, f"create_account:{user.id}") in actions(app, "admin")
    # Shown once: the account's page and the list never show it again.
    assert password not in client.get(f"/accounts/{user.id}").get_data(as_text=True)
    assert password not in client.get("/accounts").get_data(as_text=True)
    client.post("/logout")
    login(client, "lies", password)


def test_a_new_account_chooses_its_own_password_before_anything_else(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "admin")
    _user, password = make_account(
        client, app, display_name="Jo", username="jo", role="foster_care_assessor"
    )
    client.post("/logout")
    login(client, "jo", password)
    for path in ("/", "/deadlines", f"/cases/{world.case_id}/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == "/account/password"
    page = client.get("/account/password").get_data(as_text=True)
    assert 'id="first-password"' in page
    changed = client.post(
        "/account/password",
        data={
            "current": password,
            "new": "my own long passphrase",
            "again": "my own long passphrase",
        },
    )
    assert changed.status_code == 302
    assert not account(app, "jo").must_change_password
    assert client.get("/").status_code == 200


def test_a_username_that_is_taken_is_refused_naming_the_field_and_nothing_is_stored(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "admin")
    before = snapshot(app)["app_user"]
    data = new_account_form(client, display_name="Tweede", username="worker")
    response = client.post("/accounts/new", data=data)
    assert response.status_code == 400
    page = parse("https://localhost/accounts/new", response.get_data(as_text=True))
    assert page.invalid == {"username"}
    assert snapshot(app)["app_user"] == before


def test_a_coordinator_account_without_a_network_is_refused_naming_the_network(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "admin")
    data = new_account_form(client, display_name="Wim", username="wim", role="case_coordinator")
    response = client.post("/accounts/new", data=data)
    assert response.status_code == 400
    page = parse("https://localhost/accounts/new", response.get_data(as_text=True))
    assert page.invalid == {"network"}


def edit_form(client: FlaskClient, account_id: int, **values: str) -> dict[str, str]:
    html = client.get(f"/accounts/{account_id}").get_data(as_text=True)
    page = parse(f"https://localhost/accounts/{account_id}", html)
    form = next(f for f in page.forms if f.id == "account-form")
    return dict(form.data()) | values


def test_a_new_role_and_network_hold_from_the_accounts_next_request(
    app: Flask, client: FlaskClient, world: World
) -> None:
    colleague = app.test_client()
    login(colleague, "colleague")
    assert colleague.get("/cases/new").status_code == 404
    login(client, "admin")
    data = edit_form(
        client, world.users["colleague"], role="case_coordinator", network=str(limburg(app))
    )
    assert client.post(f"/accounts/{world.users['colleague']}", data=data).status_code == 302
    assert colleague.get("/cases/new").status_code == 200
    assert (None, f"change_account:{world.users['colleague']}") in actions(app, "admin")


def test_a_change_from_a_stale_page_gets_the_conflict_page_and_overwrites_nothing(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "admin")
    stale = edit_form(client, world.users["worker"], display_name="Oud")
    fresh = edit_form(client, world.users["worker"], display_name="Nieuw")
    assert client.post(f"/accounts/{world.users['worker']}", data=fresh).status_code == 302
    response = client.post(f"/accounts/{world.users['worker']}", data=stale)
    assert response.status_code == 409
    assert 'id="conflict"' in response.get_data(as_text=True)
    assert account(app, "worker").display_name == "Nieuw"


def test_deactivating_ends_the_accounts_sessions_at_once_and_reactivating_lets_it_in_again(
    app: Flask, client: FlaskClient, world: World
) -> None:
    worker = app.test_client()
    login(worker, "worker")
    login(client, "admin")
    assert client.post(f"/accounts/{world.users['worker']}/deactivate").status_code == 302
    assert worker.get("/").status_code == 302
    refused = worker.post("/login", data={"username": "worker", "password": PASSWORD})
    assert refused.status_code == 401
    assert client.post(f"/accounts/{world.users['worker']}/reactivate").status_code == 302
    login(worker, "worker")
    assert [a for _c, a in actions(app, "admin") if "activate" in a] == [
        f"deactivate_account:{world.users['worker']}",
        f"reactivate_account:{world.users['worker']}",
    ]


def test_an_admin_can_neither_deactivate_nor_demote_themselves(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "admin")
    me = world.users["admin"]
    refused = client.post(f"/accounts/{me}/deactivate")
    assert refused.status_code == 400
    assert parse("https://localhost/", refused.get_data(as_text=True)).refusals == 1
    data = edit_form(client, me) | {"role": "context_worker"}
    response = client.post(f"/accounts/{me}", data=data)
    assert response.status_code == 400
    assert "role" in parse("https://localhost/", response.get_data(as_text=True)).invalid
    assert account(app, "admin").role is UserRole.ADMIN and account(app, "admin").active


def test_a_new_one_time_password_ends_the_accounts_sessions(
    app: Flask, client: FlaskClient, world: World
) -> None:
    worker = app.test_client()
    login(worker, "worker")
    login(client, "admin")
    response = client.post(f"/accounts/{world.users['worker']}/password")
    found = ONE_TIME.search(response.get_data(as_text=True))
    assert response.status_code == 200 and found is not None
    assert worker.get("/").status_code == 302
    login(worker, "worker", found.group(1))
    assert account(app, "worker").must_change_password


def test_no_one_but_an_admin_finds_the_account_pages(client: FlaskClient, world: World) -> None:
    login(client, "coordinator")
    assert client.get("/accounts").status_code == 404
    assert client.post("/accounts/new", data={"username": "sneaky"}).status_code == 404
    assert 'href="/accounts"' not in client.get("/").get_data(as_text=True)
