"""The self-scan page: each save a new version, each version a PDF in the reader's language."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.plan_models import SelfScan
from ecogram.vocabulary import NetworkSlug
from tests.web.conftest import World, login
from tests.web.rendered import Form, parse
from tests.web.urlmap import audit_rows, snapshot

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def url(app: Flask, client: FlaskClient, world: World) -> str:
    app.config["FROZEN_TODAY"] = TODAY
    login(client, "network_coordinator")  # Dutch, the coordinator's language
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.LIMBURG))
    return f"/networks/{found}/self-scan"


def form_on(client: FlaskClient, url: str) -> Form:
    page = parse(f"https://localhost{url}", client.get(url).get_data(as_text=True))
    return next(f for f in page.forms if f.id == "self-scan-form")


def versions(app: Flask) -> list[tuple[int, str, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return [
            (s.number, s.facilitator, next(a.strengths for a in s.answers if a.theme == "goals"))
            for s in session.scalars(select(SelfScan).order_by(SelfScan.number))
        ]


def filled(client: FlaskClient, url: str, facilitator: str, goals: str) -> dict[str, str]:
    return dict(form_on(client, url).data()) | {
        "facilitator": facilitator,
        "held_on": "2026-01-20",
        "summary": "Sterk in zorgtafels.",
        "goals-strengths": goals,
    }


def test_each_save_is_a_new_version_and_the_first_stays_as_it_was(
    app: Flask, client: FlaskClient, url: str
) -> None:
    assert (
        client.post(url, data=filled(client, url, "Procesbegeleider An", "Samen")).status_code
        == 302
    )
    assert (
        client.post(url, data=filled(client, url, "Procesbegeleider Bram", "Trekkers")).status_code
        == 302
    )
    assert versions(app) == [
        (1, "Procesbegeleider An", "Samen"),
        (2, "Procesbegeleider Bram", "Trekkers"),
    ]
    page = client.get(url).get_data(as_text=True)
    assert "Bewaar als versie 3" in page and "Doelen en tussendoelen" in page
    with session_scope(app.extensions["ecogram.engine"]) as session:
        done = [e.action for e in session.scalars(select(AuditEvent))]
    assert done.count("save_self_scan:limburg") == 2 and "view_self_scan:limburg" in done


def test_a_version_is_a_pdf_in_dutch(app: Flask, client: FlaskClient, url: str) -> None:
    client.post(url, data=filled(client, url, "Procesbegeleider An", "Samenwerking <b>sterk</b>"))
    response = client.get(f"{url}/1.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "Zelfscan van Limburg, versie 1" in text
    assert "Doelen en tussendoelen" in text and "Sterktes" in text
    assert "Samenwerking <b>sterk</b>" in text  # typed text is printed, never markup
    assert client.get(f"{url}/2.pdf").status_code == 404


def test_a_self_scan_without_its_facilitator_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, url: str
) -> None:
    data = filled(client, url, "", "Samen")
    before = snapshot(app)
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert (
        "facilitator" in parse(f"https://localhost{url}", response.get_data(as_text=True)).invalid
    )
    assert audit_rows(app, response.headers["X-Request-Id"]) == [
        ("save_self_scan:limburg", "not_saved")
    ]
    after = snapshot(app)  # the refusal's audit row is the only new row
    assert len(after.pop("audit_event")) == len(before.pop("audit_event")) + 1
    assert after == before


def test_a_save_from_an_older_version_gets_the_conflict_page(
    app: Flask, client: FlaskClient, url: str
) -> None:
    stale = filled(client, url, "Procesbegeleider An", "Samen")
    assert client.post(url, data=stale).status_code == 302
    response = client.post(url, data=stale | {"facilitator": "Iemand anders"})
    assert response.status_code == 409
    assert 'id="conflict"' in response.get_data(as_text=True)
    assert [v[1] for v in versions(app)] == ["Procesbegeleider An"]
