"""Web fixtures: an app on a fresh database, a client, and the test personas.

Personas, as in healthchecks: `worker` (a context worker on the case),
`colleague` (a foster-care assessor on the case), `outsider` (a context worker
on another case), `coordinator` (case coordinator of the case's network) and
`network_coordinator` (aggregates only). All names are fictional.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select

from ecogram import caseformat, storage
from ecogram.accounts import User, UserRole, add_user, assign
from ecogram.db import make_engine, session_scope
from ecogram.migrate import init_database
from ecogram.models import Case, Network
from ecogram.vocabulary import NetworkSlug
from webapp import create_app

PASSWORD = "correct horse battery"
EXAMPLE = Path(__file__).parent.parent / "data" / "design_example.json"


@dataclass(frozen=True)
class World:
    case_id: int  #: the case of the design example (network Limburg)
    other_case_id: int  #: a second case, assigned to the outsider only
    users: dict[str, int]


def _example(ref: str) -> Case:
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["case"]["id"] = ref
    if ref != "c1":
        doc["trajectory"]["network"] = "antwerpen"
    return caseformat.parse_document(doc)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    engine = make_engine(url)
    init_database(engine)
    engine.dispose()
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SECRET_KEY": "test-only-secret",
            "WTF_CSRF_ENABLED": False,
        }
    )
    yield app
    app.extensions["ecogram.engine"].dispose()


@pytest.fixture
def world(app: Flask) -> World:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        case = storage.save_case(session, _example("c1"))
        other = storage.save_case(session, _example("c2"))
        limburg = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
        users: dict[str, User] = {}
        for name, role, network in [
            ("worker", UserRole.CONTEXT_WORKER, None),
            ("colleague", UserRole.FOSTER_CARE_ASSESSOR, None),
            ("outsider", UserRole.CONTEXT_WORKER, None),
            ("coordinator", UserRole.CASE_COORDINATOR, limburg),
            ("network_coordinator", UserRole.NETWORK_COORDINATOR, limburg),
            ("admin", UserRole.ADMIN, None),
        ]:
            users[name] = add_user(
                session, username=name, password=PASSWORD, role=role, network=network
            )
        assign(session, users["worker"], case)
        assign(session, users["colleague"], case)
        assign(session, users["outsider"], other)
        return World(case.id, other.id, {name: user.id for name, user in users.items()})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    client = app.test_client()
    # Session cookies are Secure, so the client must speak (pretend) HTTPS.
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
