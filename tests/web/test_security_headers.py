"""Headers, names kept out of URLs, and escaping, over every page of the app.

Routes are enumerated from the app, never listed, so a page added later is
checked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from ecogram import storage
from ecogram.db import session_scope
from ecogram.models import Case
from tests.web.conftest import World, login
from tests.web.urlmap import FORM, path, real_ids, routes

TEMPLATES = Path(__file__).parents[2] / "webapp" / "templates"


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


#: Modules that may mark text safe, and why that text is safe.
MARKS_SAFE = {
    "graphdata.py": "it keeps render_template's output, which the autoescaping engine made,"
    " to send it again, and its own constant markup for the CSRF token's slot",
}


def test_no_view_code_wraps_text_in_markup() -> None:
    webapp = TEMPLATES.parent
    offenders = [
        str(p.relative_to(webapp)) for p in webapp.rglob("*.py") if "Markup(" in p.read_text()
    ]
    assert sorted(set(offenders) - set(MARKS_SAFE)) == []


def test_jinja_escapes_html_templates(app: Flask) -> None:
    assert app.jinja_env.autoescape("cases/index.html") is True  # type: ignore[operator]
    with app.test_request_context():
        rendered = app.jinja_env.from_string("{{ x }}").render(x="<script>")
    assert "<script>" not in rendered
