"""Request protection, headers and rendering, checked over the whole URL map.

Routes are enumerated from the app, never listed, so a route another part of
the app adds later is covered by these tests without anyone remembering to.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

import ecogram.accounts  # noqa: F401  (its tables join the metadata the snapshot reads)
from ecogram import storage
from ecogram.db import session_scope
from ecogram.models import Base, Case
from tests.web.conftest import PASSWORD, World, login
from webapp import create_app

TEMPLATES = Path(__file__).parents[2] / "webapp" / "templates"
HUGE = 3 * 1024 * 1024  # more than MAX_CONTENT_LENGTH (2 MiB)
FORM = {  # plausible for every form, so only the missing token stands in the way
    "name": "Tante Zoë",
    "kind": "aunt_uncle",
    "sector": "family",
    "ring": "2",
    "candidate": "to_explore",
    "quality": "strong",
    "flow": "forward",
    "role": "respite",
    "start": "2026-03-01",
    "from": "2026-03-01",
    "nights_per_week": "1",
    "attestation_status": "none",
    "date": "2026-03-01",
    "assessor": "Assessor A",
    "final": "y",
    "lang": "en",
    "username": "worker",
    "password": PASSWORD,
}


# --- helpers -----------------------------------------------------------------------


def real_ids(app: Flask, world: World) -> dict[str, int]:
    """Ids of objects inside the world's case, for every kind of URL argument."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        ref = session.scalar(select(Case.ref).where(Case.id == world.case_id))
        case = storage.load_case(session, ref or "")
        assert case is not None
        oma = next(p for p in case.persons if p.ref == "p3")
        return {
            "case_id": world.case_id,
            "person_id": oma.id,
            "tie_id": case.ties[0].id,
            "role_id": oma.roles[0].id,
        }


def routes(app: Flask, method: str) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static" and method in (rule.methods or set()):
            yield rule


def path(rule: Rule, ids: dict[str, int]) -> str:
    built = rule.build({name: ids.get(name, 1) for name in rule.arguments}, append_unknown=False)
    assert built is not None
    return built[1]


def snapshot(app: Flask) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that a refused request changed nothing."""
    with app.extensions["ecogram.engine"].connect() as connection:
        return {
            table.name: [
                tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table.name}"'))
            ]
            for table in Base.metadata.sorted_tables
        }


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


# --- headers -------------------------------------------------------------------------


def every_get(app: Flask, client: FlaskClient, world: World) -> list[tuple[str, TestResponse]]:
    ids = real_ids(app, world)
    return [(path(rule, ids), client.get(path(rule, ids))) for rule in routes(app, "GET")]


def assert_safe_headers(url: str, response: TestResponse) -> None:
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    if response.mimetype != "text/html":
        return
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives.get("default-src") == ["'self'"], (url, csp)
    script = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, (url, csp)
    assert directives.get("frame-ancestors") == ["'none'"], (url, csp)


def test_every_html_response_carries_a_strict_csp(
    app: Flask, client: FlaskClient, world: World
) -> None:
    seen = [("/login", client.get("/login"))]
    seen.append(("/login (wrong password)", client.post("/login", data={"username": "x"})))
    login(client, "worker")
    seen += every_get(app, client, world)
    seen.append(("missing", client.get("/no/such/page")))
    seen.append(("other case", client.get(f"/cases/{world.other_case_id}/")))
    assert sum(r.mimetype == "text/html" for _, r in seen) >= 8
    for url, response in seen:
        assert_safe_headers(url, response)


def test_every_case_page_is_never_cached(app: Flask, client: FlaskClient, world: World) -> None:
    login(client, "coordinator")  # the one persona who may open every case page
    case_pages = [(u, r) for u, r in every_get(app, client, world) if "/cases/" in u]
    assert len(case_pages) >= 5
    for url, response in case_pages:
        assert response.status_code == 200, url
        assert "no-store" in response.headers.get("Cache-Control", ""), url


def test_a_refused_case_page_is_never_cached_either(client: FlaskClient, world: World) -> None:
    login(client, "outsider")
    response = client.get(f"/cases/{world.case_id}/")
    assert response.status_code == 404
    assert "no-store" in response.headers["Cache-Control"]


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


# --- names stay out of URLs ------------------------------------------------------------


def urls_in(response: TestResponse) -> list[str]:
    found = [response.headers.get("Location", "")]
    if response.mimetype == "application/json":
        found += [s for s in strings(response.get_json()) if s.startswith(("/", "http"))]
    else:
        body = response.get_data(as_text=True)
        found += re.findall(r'(?:href|src|action|data-[a-z-]*url)="([^"]*)"', body)
    return [url for url in found if url]


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_no_url_ever_holds_a_persons_name(app: Flask, client: FlaskClient, world: World) -> None:
    login(client, "worker")
    ids = real_ids(app, world)
    seen = every_get(app, client, world)
    for rule in routes(app, "POST"):
        if "case_id" in rule.arguments:
            url = path(rule, ids)
            seen.append((url, client.post(url, data=FORM)))
            seen.append((url, client.post(url, json=FORM)))
    seen += every_get(app, client, world)
    with session_scope(app.extensions["ecogram.engine"]) as session:
        ref = session.scalar(select(Case.ref).where(Case.id == world.case_id))
        case = storage.load_case(session, ref or "")
        assert case is not None
        names = {p.name for p in case.persons} | {FORM["name"]}
    forms = {f(n) for n in names for f in (str, quote, quote_plus, str.lower)}
    assert len(urls_in(seen[0][1])) > 3
    for url, response in seen:
        for link in urls_in(response):
            assert not any(name in link for name in forms), (url, link)


# --- rendering -----------------------------------------------------------------------


def test_no_template_marks_anything_safe() -> None:
    offenders = [
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if re.search(r"\|\s*safe\b|Markup\(|autoescape\s+false", p.read_text("utf-8"))
    ]
    assert offenders == []


def test_no_view_code_wraps_text_in_markup() -> None:
    webapp = TEMPLATES.parent
    offenders = [
        str(p.relative_to(webapp)) for p in webapp.rglob("*.py") if "Markup(" in p.read_text()
    ]
    assert offenders == []


def test_jinja_escapes_html_templates(app: Flask) -> None:
    assert app.jinja_env.autoescape("cases/index.html") is True  # type: ignore[operator]
    with app.test_request_context():
        rendered = app.jinja_env.from_string("{{ x }}").render(x="<script>")
    assert "<script>" not in rendered
