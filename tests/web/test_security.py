"""Request protection: CSRF on every POST and a size limit on every body.

Routes are enumerated from the app, never listed, so a route another part of
the app adds later is covered by these tests without anyone remembering to.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, World
from tests.web.test_security_headers import assert_safe_headers
from tests.web.urlmap import FORM, path, real_ids, routes, snapshot
from webapp import create_app

HUGE = 3 * 1024 * 1024  # more than MAX_CONTENT_LENGTH (2 MiB)


def csrf_token(client: FlaskClient, url: str = "/login") -> str:
    page = client.get(url).get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert found is not None, "the login page carries no CSRF token"
    return found.group(1)


def login_with_token(client: FlaskClient, username: str) -> str:
    token = csrf_token(client)
    response = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        headers={"Referer": "https://localhost/login"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    # Signing in starts a new session, and with it a new token.
    return csrf_token(client, "/")


@pytest.fixture
def csrf_app(app: Flask, world: World) -> Iterator[Flask]:
    """A second app on the same database, with CSRF protection on as in production."""
    protected = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": app.config["DATABASE_URL"],
            "SECRET_KEY": "test-only-secret",
            "WTF_CSRF_ENABLED": True,
            "REQUIRE_SECOND_FACTOR": False,
        }
    )
    yield protected
    protected.extensions["ecogram.engine"].dispose()


@pytest.fixture
def csrf_client(csrf_app: Flask) -> FlaskClient:
    client = csrf_app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


# --- CSRF ----------------------------------------------------------------------------


def test_the_app_has_post_routes_to_protect(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in routes(app, "POST")}
    assert {"auth.login", "auth.logout", "i18n.choose"} <= endpoints
    assert sum(1 for rule in routes(app, "POST") if "case_id" in rule.arguments) >= 3


def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(
    app: Flask, csrf_app: Flask, csrf_client: FlaskClient, world: World
) -> None:
    login_with_token(csrf_client, "worker")
    ids = real_ids(app, world)
    before = snapshot(app)
    for rule in routes(csrf_app, "POST"):
        url = path(rule, ids)
        as_form = csrf_client.post(url, data=FORM)
        assert as_form.status_code == 400, ("form", url, as_form.status_code)
        as_json = csrf_client.post(url, json=FORM, headers={"Accept": "application/json"})
        assert as_json.status_code == 400, ("json", url, as_json.status_code)
        assert "error" in as_json.get_json()
        forged = csrf_client.post(url, data=FORM | {"csrf_token": "forged"})
        assert forged.status_code == 400, ("forged", url, forged.status_code)
    assert snapshot(app) == before
    # Still signed in: the refused logout did not sign the worker out.
    assert csrf_client.get("/").status_code == 200


def test_a_login_without_a_csrf_token_is_refused(csrf_client: FlaskClient, world: World) -> None:
    response = csrf_client.post("/login", data={"username": "worker", "password": PASSWORD})
    assert response.status_code == 400
    assert csrf_client.get("/").status_code == 302  # not signed in


def test_a_refused_language_choice_keeps_dutch(csrf_client: FlaskClient, world: World) -> None:
    login_with_token(csrf_client, "worker")
    assert csrf_client.post("/language", data={"lang": "en"}).status_code == 400
    assert '<html lang="nl">' in csrf_client.get("/").get_data(as_text=True)


def test_a_post_with_the_token_from_the_page_is_accepted(
    csrf_client: FlaskClient, world: World
) -> None:
    token = login_with_token(csrf_client, "worker")
    response = csrf_client.post(
        "/language",
        data={"lang": "en", "csrf_token": token},
        headers={"Referer": "https://localhost/"},
    )
    assert response.status_code == 302
    assert '<html lang="en">' in csrf_client.get("/").get_data(as_text=True)


# --- size limit ----------------------------------------------------------------------


def test_a_huge_login_post_gets_a_clean_413(client: FlaskClient) -> None:
    response = client.post("/login", data={"username": "x" * HUGE, "password": "y"})
    assert response.status_code == 413
    body = response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    assert "Traceback" not in body and len(body) < 20_000
    assert_safe_headers("/login", response)


def test_a_huge_post_to_any_route_gets_a_clean_413_and_changes_nothing(
    app: Flask, csrf_app: Flask, csrf_client: FlaskClient, world: World
) -> None:
    # With CSRF on, as in production, every POST reads its body before the view runs.
    token = login_with_token(csrf_client, "worker")
    ids = real_ids(app, world)
    before = snapshot(app)
    for rule in routes(csrf_app, "POST"):
        url = path(rule, ids)
        response = csrf_client.post(
            url,
            data=FORM | {"name": "x" * HUGE, "csrf_token": token},
            headers={"Referer": "https://localhost/"},
        )
        assert response.status_code == 413, (url, response.status_code)
        assert "Traceback" not in response.get_data(as_text=True)
    as_json = csrf_client.post(
        f"/cases/{world.case_id}/persons",
        data=json.dumps({"name": "x" * HUGE}),
        content_type="application/json",
        headers={"X-CSRFToken": token, "Referer": "https://localhost/"},
    )
    assert as_json.status_code == 413
    assert as_json.get_json()["error"]
    assert snapshot(app) == before
