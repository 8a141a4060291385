"""The ecogram page's read model: built once per case revision, inline in the page, never stale."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine

from ecogram import readmodel, storage
from ecogram.accounts import User, UserRole, assign
from ecogram.db import session_scope
from ecogram.map_loader import load_map
from ecogram.vocabulary import CandidateStatus, TieQuality
from tests.factories import make_rich_case, make_tie
from tests.statements import statements
from tests.web.conftest import PASSWORD, HttpsClient, World, add_relative, login, stored_case
from webapp import create_app

INLINE = re.compile(r'<script type="application/json" id="ecogram-data">(.*?)</script>', re.S)


@pytest.fixture
def worker(client: FlaskClient, world: World) -> FlaskClient:
    login(client, "worker")
    return client


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each time a view is read from the database rather than the cache."""
    seen: list[int] = []

    def counting(session: Any, case_id: int) -> Any:
        seen.append(case_id)
        return load_map(session, case_id)

    monkeypatch.setattr(readmodel, "load_map", counting)
    return seen


def inline(html: str) -> Any:
    found = INLINE.search(html)
    assert found is not None
    return json.loads(found.group(1))


def test_the_page_carries_the_drawing_data_that_graph_json_serves(
    worker: FlaskClient, world: World
) -> None:
    page = worker.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    data = worker.get(f"/cases/{world.case_id}/graph.json").get_json()
    assert inline(page) == data
    assert {p["name"] for p in data["persons"]} == {"Baby Noor", "Sara", "Oma Jet"}
    assert data["options"]["physics"] is False


def test_a_hostile_name_stays_escaped_data_inside_the_pages_json_element(
    worker: FlaskClient, world: World
) -> None:
    name = "</script><script>alert(1)</script>"
    person = {"kind": "friend", "sector": "friends", "ring": "2", "candidate": "none"}
    added = worker.post(f"/cases/{world.case_id}/persons", data=person | {"name": name})
    assert added.status_code == 201
    html = worker.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    element = INLINE.search(html)
    assert element is not None and "<" not in element.group(1)
    assert "\\u003c/script\\u003e" in element.group(1)
    assert any(p["name"] == name for p in inline(html)["persons"])


def test_the_page_and_its_data_read_an_unchanged_case_once(
    worker: FlaskClient, world: World, loads: list[int]
) -> None:
    for path in ("/", "/graph.json", "/", "/graph.json"):
        assert worker.get(f"/cases/{world.case_id}{path}").status_code == 200
    assert loads == [world.case_id]


def test_a_write_makes_the_next_view_show_it_and_that_view_is_read_once(
    worker: FlaskClient, world: World, loads: list[int]
) -> None:
    worker.get(f"/cases/{world.case_id}/")
    person = {"name": "Tante Lies", "kind": "aunt_uncle", "sector": "family", "ring": "2"}
    answer = worker.post(f"/cases/{world.case_id}/persons", data=person | {"candidate": "none"})
    assert "Tante Lies" in {p["name"] for p in answer.get_json()["graph"]["persons"]}
    page = worker.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert "Tante Lies" in {p["name"] for p in inline(page)["persons"]}
    assert loads == [world.case_id, world.case_id]  # the first view, then the write's answer


def test_each_language_and_day_gets_its_own_view(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    dutch = worker.get(f"/cases/{world.case_id}/graph.json").get_json()
    worker.post("/language", data={"lang": "en"})
    english = worker.get(f"/cases/{world.case_id}/graph.json").get_json()
    assert dutch["findings_text"]["info"] == "5 meldingen"
    assert english["findings_text"]["info"] == "5 notes"
    # Before the case opened (5 January) no role and no deadline counts yet.
    app.config["FROZEN_TODAY"] = dt.date(2026, 1, 1)
    earlier = worker.get(f"/cases/{world.case_id}/graph.json").get_json()
    assert earlier["findings_text"]["error"] == "0 errors"


def test_a_closed_case_s_ecogram_page_has_the_header_and_tabs_of_its_other_pages(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = dt.date(2026, 11, 23)
    login(client, "coordinator")
    client.get(f"/cases/{world.case_id}/")  # the open case's view, cached
    assert (
        client.post(f"/cases/{world.case_id}/close", data={"on": "2026-11-20"}).status_code == 302
    )
    ecogram = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    findings = client.get(f"/cases/{world.case_id}/findings").get_data(as_text=True)
    assert 'id="case-closed"' in ecogram
    # Kept until the day before the child's 35th birthday (born 1 March 2026).
    assert "28 februari 2061" in ecogram
    assert HEAD.findall(ecogram) == HEAD.findall(findings)
    tabs = TABS.findall(ecogram)
    assert tabs == TABS.findall(findings)
    assert {f"/cases/{world.case_id}/team", f"/cases/{world.case_id}/closing"} <= set(tabs)


HEAD = re.compile(r'<div class="case-head">.*?</div>', re.S)
TABS = re.compile(r'<li><a href="([^"]+)"')
TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
EXPLORE_TOKENS = re.compile(r'class="to-explore".*?name="csrf_token" value="([^"]+)"', re.S)


def test_each_session_gets_its_own_token_in_the_cached_pages_forms(
    app: Flask, world: World
) -> None:
    app.test_client_class = HttpsClient
    lies = add_relative(app, "Tante Lies")
    with stored_case(app) as case:
        sara = next(p for p in case.persons if p.name == "Sara")
        lies_person = next(p for p in case.persons if p.id == lies)
        lies_person.candidate = CandidateStatus.NONE
        make_tie(case, lies_person, sara, quality=TieQuality.STRONG)
    pages = []
    for _ in range(2):
        client = app.test_client()
        login(client, "worker")
        pages.append(client.get(f"/cases/{world.case_id}/").get_data(as_text=True))
    tokens = []
    for page in pages:
        meta = TOKEN.search(page)
        assert meta is not None
        # The design example's one unexplored strong tie: its "To explore" form.
        assert EXPLORE_TOKENS.findall(page) == [meta.group(1)]
        assert "csrf-token-->" not in page
        tokens.append(meta.group(1))
    assert tokens[0] != tokens[1]


# --- Queries ----------------------------------------------------------------------------


SIZES = (10, 40, 300, 1000, 3000)


def test_the_page_and_its_data_cost_the_same_queries_from_10_to_3000_persons(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    engine = app.extensions["ecogram.engine"]
    ids = {}
    with session_scope(engine) as session:
        user = session.get(User, world.users["worker"])
        assert user is not None
        for size in SIZES:
            case = storage.save_case(session, make_rich_case(f"q{size}", extra_persons=size - 4))
            assign(session, user, case)
            ids[size] = case.id
    used: dict[str, list[int]] = {"page": [], "data": [], "page again": [], "data again": []}
    for case_id in ids.values():
        for name, path in (
            ("page", "/"),
            ("page again", "/"),
            ("data again", "/graph.json"),
        ):
            with statements(engine) as seen:
                assert worker.get(f"/cases/{case_id}{path}").status_code == 200
            used[name].append(len(seen))
    app.extensions["ecogram.views"].__init__()  # forget every view: graph.json reads afresh
    for case_id in ids.values():
        with statements(engine) as seen:
            assert worker.get(f"/cases/{case_id}/graph.json").status_code == 200
        used["data"].append(len(seen))
    assert {name: len(set(counts)) for name, counts in used.items()} == dict.fromkeys(used, 1)
    # A cached view costs the user, the guard's look at the case (its revision included) and
    # the audit row; one read afresh adds the lean loader's 13 queries, today's session for the
    # undo offers and a second look at the revision.
    assert used["page again"][0] == used["data again"][0] == 3
    assert used["page"][0] - used["page again"][0] == 15
    assert used["data"][0] - used["data again"][0] == 15


# --- Another process ----------------------------------------------------------------------


@pytest.fixture
def shared_app(engine: Engine, db_url: str, password_hash: str) -> Iterator[tuple[Flask, int]]:
    """An app on a database another process can write to (SQLite file or PostgreSQL)."""
    with session_scope(engine) as session:
        case = storage.save_case(session, make_rich_case())
        user = User(
            username="worker",
            display_name="worker",
            password_hash=password_hash,
            role=UserRole.CONTEXT_WORKER,
            language="nl",
            active=True,
        )
        session.add(user)
        session.flush()
        assign(session, user, case)
        case_id = case.id
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": db_url,
            "SECRET_KEY": "test",
            "WTF_CSRF_ENABLED": False,
            "REQUIRE_SECOND_FACTOR": False,
        }
    )
    yield app, case_id
    app.extensions["ecogram.engine"].dispose()


RENAME = textwrap.dedent(
    """
    import sys
    from sqlalchemy import text
    from ecogram.db import make_engine

    engine = make_engine(sys.argv[1])
    with engine.begin() as connection:
        connection.execute(text("UPDATE person SET name = 'Oma Jetje' WHERE name = 'Oma Jet'"))
    engine.dispose()
    """
)


def test_a_write_by_another_process_is_on_the_next_page_view(
    shared_app: tuple[Flask, int], db_url: str
) -> None:
    app, case_id = shared_app
    app.test_client_class = HttpsClient
    client = app.test_client()
    signed_in = client.post("/login", data={"username": "worker", "password": PASSWORD})
    assert signed_in.status_code == 302
    before = inline(client.get(f"/cases/{case_id}/").get_data(as_text=True))
    assert "Oma Jet" in {p["name"] for p in before["persons"]}
    subprocess.run([sys.executable, "-c", RENAME, db_url], check=True, timeout=60)
    after = inline(client.get(f"/cases/{case_id}/").get_data(as_text=True))
    assert {p["name"] for p in after["persons"]} >= {"Oma Jetje"}
    assert "Oma Jet" not in {p["name"] for p in after["persons"]}
    data = client.get(f"/cases/{case_id}/graph.json").get_json()
    assert "Oma Jetje" in {p["name"] for p in data["persons"]}
