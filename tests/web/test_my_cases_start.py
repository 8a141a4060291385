"""My cases is the start page only of whoever may see a case.

The brand link, the error pages' one button and the language switch all lead to My cases.
A network coordinator never sees a case, so "you have no cases yet; a case coordinator
assigns them" would be untrue there: they go to their own start page instead.
"""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from ecogram.accounts import User
from ecogram.db import session_scope
from tests.web.conftest import World, login

NO_CASES_YET = 'id="no-cases"'


def test_my_cases_sends_a_network_coordinator_to_the_networks_figures(
    client: FlaskClient, world: World
) -> None:
    login(client, "network_coordinator")
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"


def test_after_choosing_a_language_a_network_coordinator_is_on_the_figures_in_that_language(
    client: FlaskClient, world: World
) -> None:
    login(client, "network_coordinator")
    response = client.post("/language", data={"lang": "en"}, follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == "/dashboard"
    assert '<html lang="en">' in response.text
    assert NO_CASES_YET not in response.text


def test_a_network_coordinator_without_a_network_still_gets_a_page_and_no_redirect_loop(
    app: Flask, client: FlaskClient, world: World
) -> None:
    # Without a network they hold nothing anywhere: My cases is then the only page left.
    with session_scope(app.extensions["ecogram.engine"]) as session:
        user = session.get(User, world.users["network_coordinator"])
        assert user is not None
        user.network = None
    login(client, "network_coordinator")
    response = client.get("/")
    assert response.status_code == 200
    assert NO_CASES_YET in response.text


def test_whoever_may_be_put_on_a_case_keeps_my_cases_even_when_empty(
    client: FlaskClient, world: World
) -> None:
    # An admin sees a case only when on its team, but may be put on one.
    login(client, "admin")
    response = client.get("/")
    assert response.status_code == 200
    assert NO_CASES_YET in response.text
    client.post("/logout")
    login(client, "worker")
    response = client.get("/")
    assert response.status_code == 200
    assert 'class="case-list"' in response.text
