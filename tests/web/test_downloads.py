"""The downloads tab: one deliberate, audited POST per file, named without any name."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from collections.abc import Callable

import networkx as nx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy import select

from ecogram import caseformat
from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from tests.web.conftest import World, login, stored_case
from webapp.auth import sessions
from webapp.downloads import WEB_FORMATS

TODAY = dt.date(2026, 2, 17)
NAMES = ("Baby Noor", "Sara", "Oma Jet")


@pytest.fixture(autouse=True)
def frozen_today(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def trail(app: Flask, case_id: int) -> list[tuple[str, str, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        rows = session.execute(
            select(AuditEvent.username, AuditEvent.action, AuditEvent.outcome)
            .where(AuditEvent.case_id == case_id)
            .order_by(AuditEvent.id)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def xml_text(data: bytes) -> str:
    return "".join(etree.fromstring(data).itertext())


PDF = ("application/pdf", lambda d: d.startswith(b"%PDF-"))
SVG = ("image/svg+xml", lambda d: bool(xml_text(d)))
EXPECTED: dict[str, tuple[str, str, Callable[[bytes], object]]] = {
    "svg": (".svg", *SVG),
    "png": (".png", "image/png", lambda d: d.startswith(b"\x89PNG\r\n\x1a\n")),
    "pdf": (".pdf", *PDF),
    "family_svg": ("-family.svg", *SVG),
    "family_pdf": ("-family.pdf", *PDF),
    "summary_pdf": ("-care-table.pdf", *PDF),
    "graphml": (
        ".graphml",
        "application/graphml+xml",
        lambda d: nx.read_graphml(io.BytesIO(d)).nodes["p3"]["name"] == "Oma Jet",
    ),
    "gexf": (
        ".gexf",
        "application/gexf+xml",
        lambda d: nx.read_gexf(io.BytesIO(d)).nodes["p3"]["label"] == "Oma Jet",
    ),
    "nodelink": (
        ".nodelink.json",
        "application/json",
        lambda d: nx.node_link_graph(json.loads(d)).has_edge("p3", "p2"),
    ),
    "json": (".json", "application/json", lambda d: caseformat.loads(d).ref == "c1"),
    "html": (".html", "text/html", lambda d: "Oma Jet" in inline_labels(d) and offline(d)),
}


def inline_labels(page: bytes) -> str:
    """The node labels in the interactive HTML's data element."""
    found = re.search(rb'<script type="application/json" id="ecogram-data">(.*?)</script>', page)
    assert found is not None
    return " ".join(node["label"] for node in json.loads(found.group(1))["nodes"])


def offline(page: bytes) -> bool:
    return re.search(rb'(src|href)="https?:', page) is None


def test_every_offered_format_is_tested_here() -> None:
    assert set(EXPECTED) == WEB_FORMATS


def test_the_page_offers_a_post_button_for_each_format(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    page = client.get(f"/cases/{world.case_id}/downloads")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    offered = re.findall(r'<li data-format="([a-z_]+)">', html)
    assert sorted(offered) == sorted(WEB_FORMATS)
    actions = re.findall(r'<form method="post" action="(/cases/[^"]+)">', html)
    assert actions == [f"/cases/{world.case_id}/downloads/{slug}" for slug in offered]
    assert html.count('name="csrf_token"') >= len(offered)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_each_format_downloads_as_an_attachment_with_its_type_and_an_audit_row(
    app: Flask, client: FlaskClient, world: World, slug: str
) -> None:
    suffix, mime, looks_right = EXPECTED[slug]
    login(client, "worker")
    response = client.post(f"/cases/{world.case_id}/downloads/{slug}")
    assert response.status_code == 200
    assert response.mimetype == mime
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="ecogram-case-{world.case_id}-2026-02-17{suffix}"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert looks_right(response.get_data())
    assert trail(app, world.case_id)[-1] == ("worker", f"export_{slug}", "ok")


@pytest.mark.parametrize("slug", ["svg", "summary_pdf", "graphml", "json"])
def test_a_download_long_after_sign_in_asks_for_the_password_first_and_exports_nothing(
    app: Flask, client: FlaskClient, world: World, slug: str
) -> None:
    assert slug in WEB_FORMATS
    login(client, "worker")
    with client.session_transaction(base_url="https://localhost") as session:
        session[sessions.CONFIRMED_AT] = int(time.time()) - 11 * 60
    before = trail(app, world.case_id)
    response = client.post(
        f"/cases/{world.case_id}/downloads/{slug}",
        headers={"Referer": f"https://localhost/cases/{world.case_id}/downloads"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/reauthenticate")
    assert "Content-Disposition" not in response.headers
    assert trail(app, world.case_id) == before


def test_no_name_reaches_the_file_name(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    for slug in WEB_FORMATS:
        header = client.post(f"/cases/{world.case_id}/downloads/{slug}").headers
        assert not any(name in header["Content-Disposition"] for name in NAMES)
        assert "Noor" not in header.get("Location", "")


def test_an_outsider_gets_404_and_a_denied_row_and_no_file(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "outsider")
    response = client.post(f"/cases/{world.case_id}/downloads/graphml")
    assert response.status_code == 404
    assert b"Oma Jet" not in response.get_data()
    assert trail(app, world.case_id)[-1] == ("outsider", "export_graphml", "denied")


@pytest.mark.parametrize("slug", ["tiff", "family_png", "export_svg", "SVG"])
def test_a_format_that_is_not_offered_is_404_and_leaves_no_audit_row(
    app: Flask, client: FlaskClient, world: World, slug: str
) -> None:
    login(client, "worker")
    before = trail(app, world.case_id)
    assert client.post(f"/cases/{world.case_id}/downloads/{slug}").status_code == 404
    assert trail(app, world.case_id) == before


def test_an_export_cannot_be_fetched_with_a_get(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    assert client.get(f"/cases/{world.case_id}/downloads/svg").status_code == 405


def test_the_files_show_the_case_on_the_frozen_day(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = dt.date(2026, 1, 20)  # before Oma Jet's respite role starts
    login(client, "worker")
    data = client.post(f"/cases/{world.case_id}/downloads/graphml").get_data()
    graph = nx.read_graphml(io.BytesIO(data))
    assert graph.graph["at"] == "2026-01-20"
    assert graph.nodes["p3"]["roles"] == ""


HOSTILE = 'Tante <b>"Zoë"</b> & co'


def rename_oma(app: Flask) -> None:
    with stored_case(app) as case:
        next(p for p in case.persons if p.ref == "p3").name = HOSTILE


@pytest.mark.parametrize("slug", ["svg", "family_svg", "graphml", "gexf"])
def test_a_name_with_markup_characters_comes_out_literally(
    app: Flask, client: FlaskClient, world: World, slug: str
) -> None:
    rename_oma(app)
    login(client, "worker")
    data = client.post(f"/cases/{world.case_id}/downloads/{slug}").get_data()
    assert b"<b>" not in data  # escaped, so no element was smuggled in
    if slug == "graphml":
        assert nx.read_graphml(io.BytesIO(data)).nodes["p3"]["name"] == HOSTILE
    elif slug == "gexf":
        assert nx.read_gexf(io.BytesIO(data)).nodes["p3"]["label"] == HOSTILE
    else:  # the drawing may break a long name over lines, never change it
        assert "".join(HOSTILE.split()) in "".join(xml_text(data).split())


def test_the_page_and_the_buttons_speak_english_on_request(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    html = client.get(f"/cases/{world.case_id}/downloads").get_data(as_text=True)
    assert "Care-table summary (PDF)" in html
