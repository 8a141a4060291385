"""Error pages: clear, in the user's language, and silent about the details."""

from __future__ import annotations

import re

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient

from tests.web.conftest import World, login
from webapp.errors import HANDLED


def add_failing_routes(app: Flask) -> None:
    """Routes that end in each handled status; added before the app's first request."""

    def fail(code: int) -> str:
        abort(code)

    def crash() -> str:
        raise RuntimeError("SELECT name FROM person WHERE secret")

    app.add_url_rule("/test-fail/<int:code>", "test_fail", fail)
    app.add_url_rule("/test-crash", "test_crash", crash)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # TESTING would re-raise instead


@pytest.fixture
def failing(app: Flask, world: World) -> Flask:
    add_failing_routes(app)
    return app


@pytest.mark.parametrize("code", [c for c in HANDLED if c != 500])
def test_each_error_gets_its_own_clean_page(failing: Flask, client: FlaskClient, code: int) -> None:
    login(client, "worker")
    response = client.get(f"/test-fail/{code}")
    assert response.status_code == code
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert '<html lang="nl">' in body
    assert f"Error {code}" not in body  # Dutch by default
    assert "Content-Security-Policy" in response.headers


def test_an_error_page_names_the_apps_own_icon_so_the_browser_asks_for_no_other(
    failing: Flask, client: FlaskClient
) -> None:
    # Without a named icon a browser asks for /favicon.ico, which the app does not serve:
    # every 404 page would bring a second 404 of its own.
    login(client, "worker")
    body = client.get("/test-fail/404").get_data(as_text=True)
    found = re.search(r'<link rel="icon" href="(/static/favicon\.svg\?v=[0-9a-f]{12})"', body)
    assert found is not None
    icon = client.get(found.group(1))
    icon.close()  # a static file is sent as an open file
    assert icon.status_code == 200
    assert client.get("/favicon.ico").status_code == 404


def test_a_crash_shows_the_request_id_and_nothing_else(failing: Flask, client: FlaskClient) -> None:
    login(client, "worker")
    response = client.get("/test-crash")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "SELECT" not in body and "RuntimeError" not in body and "Traceback" not in body
    assert response.headers["X-Request-Id"] in body


def test_a_crash_asked_for_by_a_script_gets_json(failing: Flask, client: FlaskClient) -> None:
    login(client, "worker")
    response = client.get("/test-crash", headers={"Accept": "application/json"})
    assert response.status_code == 500
    assert set(response.get_json()) == {"error", "message", "status"}
    assert "SELECT" not in response.get_data(as_text=True)


def test_an_error_page_follows_the_chosen_language(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    body = client.get("/cases/999999/").get_data(as_text=True)
    assert '<html lang="en">' in body
    assert "Page not found" in body


@pytest.mark.parametrize(
    "headers",
    [{"Accept": "application/json"}, {"X-Requested-With": "fetch"}],
)
def test_a_script_gets_a_json_404(
    client: FlaskClient, world: World, headers: dict[str, str]
) -> None:
    login(client, "worker")
    response = client.get("/cases/999999/", headers=headers)
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_a_json_route_that_is_not_allowed_looks_like_one_that_does_not_exist(
    client: FlaskClient, world: World
) -> None:
    login(client, "outsider")
    refused = client.get(f"/cases/{world.case_id}/graph.json")
    missing = client.get("/cases/999999/graph.json")
    assert refused.status_code == missing.status_code == 404
    assert refused.get_json() == missing.get_json()
    assert "error" in refused.get_json()


def test_a_wrong_method_keeps_the_allow_header(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    response = client.get("/logout")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert response.mimetype == "text/html"
