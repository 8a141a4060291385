"""Web fixtures: an app on a fresh database, a client, and the test personas.

Personas, as in healthchecks: `worker` (a context worker on the case),
`colleague` (a foster-care assessor on the case), `outsider` (a context worker
on another case), `coordinator` (case coordinator of the case's network),
`other_coordinator` (case coordinator of the other case's network),
`network_coordinator` (aggregates only, of the case's network) and `admin`
(on no case). All names are fictional.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select
from sqlalchemy.orm import object_session
from werkzeug.security import generate_password_hash
from werkzeug.test import TestResponse

from ecogram import caseformat, storage
from ecogram.accounts import User, UserRole, assign
from ecogram.db import session_scope
from ecogram.models import Case, Network
from ecogram.vocabulary import CandidateStatus, NetworkSlug, PersonKind
from tests.factories import make_person
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
def app(tmp_path: Path, sqlite_template: Path) -> Iterator[Flask]:
    # A copy of the migrated template: running Alembic for every test would dominate the suite.
    database = tmp_path / "web.sqlite3"
    shutil.copyfile(sqlite_template, database)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": "test-only-secret",
            "WTF_CSRF_ENABLED": False,
            # The personas sign in with a password alone; tests/web/test_second_factor.py
            # makes its own app with the second factor required, as deployed.
            "REQUIRE_SECOND_FACTOR": False,
        }
    )
    yield app
    app.extensions["ecogram.engine"].dispose()


@pytest.fixture(scope="session")
def password_hash() -> str:
    """The personas share one hash of the one test password, made with a low scrypt cost.

    scrypt is slow on purpose (about 0.1 s a check at werkzeug's default cost), and the
    suite signs in hundreds of times; checking a hash costs what the hash says, so these
    cost 1/32 of that. Real accounts get the default: tests/test_accounts.py checks it.
    """
    return generate_password_hash(PASSWORD, method="scrypt:1024:8:1")


@pytest.fixture
def world(app: Flask, password_hash: str) -> World:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        case = storage.save_case(session, _example("c1"))
        other = storage.save_case(session, _example("c2"))
        limburg = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
        antwerpen = session.scalar(select(Network).where(Network.slug == NetworkSlug.ANTWERPEN))
        users: dict[str, User] = {}
        for name, role, network in [
            ("worker", UserRole.CONTEXT_WORKER, None),
            ("colleague", UserRole.FOSTER_CARE_ASSESSOR, None),
            ("outsider", UserRole.CONTEXT_WORKER, None),
            ("coordinator", UserRole.CASE_COORDINATOR, limburg),
            ("other_coordinator", UserRole.CASE_COORDINATOR, antwerpen),
            ("network_coordinator", UserRole.NETWORK_COORDINATOR, limburg),
            ("admin", UserRole.ADMIN, None),
        ]:
            users[name] = User(
                username=name,
                display_name=name,
                password_hash=password_hash,
                role=role,
                network=network,
                language="nl",
                active=True,
            )
            session.add(users[name])
        session.flush()
        assign(session, users["worker"], case)
        assign(session, users["colleague"], case)
        assign(session, users["outsider"], other)
        return World(case.id, other.id, {name: user.id for name, user in users.items()})


class HttpsClient(FlaskClient):
    """Speaks HTTPS like production: Secure cookies and Flask-WTF's strict Referer check apply."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        kwargs.setdefault("base_url", "https://localhost")
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    app.test_client_class = HttpsClient
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


@contextmanager
def stored_case(app: Flask, ref: str = "c1") -> Iterator[Case]:
    """The stored case, loaded outside any request, for checking what a view wrote."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        case = storage.load_case(session, ref)
        assert case is not None
        yield case


def person_id(app: Flask, name: str, ref: str = "c1") -> int:
    with stored_case(app, ref) as case:
        return next(p.id for p in case.persons if p.name == name)


def add_relative(app: Flask, name: str = "Tante Mia") -> int:
    """A relative just found on the ecogram: to explore, never assessed."""
    with stored_case(app) as case:
        person = make_person(
            case, name=name, kind=PersonKind.AUNT_UNCLE, candidate=CandidateStatus.TO_EXPLORE
        )
        object_session(case).flush()  # type: ignore[union-attr]
        return person.id


SEEN = re.compile(r'name="seen" type="hidden" value="([^"]*)"')


def save_change(
    client: FlaskClient, url: str, data: dict[str, str], reason: str = "Besproken aan de zorgtafel."
) -> TestResponse:
    """Post a change to the plan as a user would: when the app shows what the change would
    cause first, confirm that very preview, with a reason in case it causes an error."""
    first = client.post(url, data=data)
    seen = SEEN.search(first.get_data(as_text=True))
    if first.status_code != 200 or seen is None:
        return first
    confirmed = data | {"confirm": "1", "seen": html.unescape(seen[1]), "reason": reason}
    return client.post(url, data=confirmed)
