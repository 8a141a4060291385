"""The ecogram page: drawing data, the side panel's writes, and what stays safe."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from ecogram import storage
from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.graph import layout
from ecogram.models import Case, Person, Tie
from ecogram.vocabulary import Sector
from tests.web.conftest import World, login
from webapp.ecogram_page import api
from webapp.graphdata import EDGE_KEYS, NODE_KEYS
from webapp.security import CSP, VIS_NETWORK_STYLE_HASHES

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>"]
NEW_PERSON = {
    "name": "Tante Lies",
    "kind": "aunt_uncle",
    "sector": "family",
    "ring": "2",
    "household": "h9",
    "candidate": "none",
}


@pytest.fixture
def worker(client: FlaskClient, world: World) -> FlaskClient:
    login(client, "worker")
    return client


def stored(app: Flask, case_id: int) -> Case:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        ref = session.scalar(select(Case.ref).where(Case.id == case_id))
        case = storage.load_case(session, ref or "")
        assert case is not None
        session.expunge_all()
        return case


def person_id(app: Flask, case_id: int, name: str) -> int:
    return next(p.id for p in stored(app, case_id).persons if p.name == name)


def counts(app: Flask) -> tuple[int, int, int]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return (
            session.scalar(select(func.count(Person.id))) or 0,
            session.scalar(select(func.count(Tie.id))) or 0,
            session.scalar(select(func.max(Person.version))) or 0,
        )


def actions(app: Flask, case_id: int) -> list[str]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        query = select(AuditEvent.action).where(AuditEvent.case_id == case_id)
        return list(session.scalars(query.order_by(AuditEvent.id)))


# --- The page and its data ---------------------------------------------------------------


def test_it_shows_the_drawing_legend_person_list_and_side_panel(
    worker: FlaskClient, world: World
) -> None:
    html = worker.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    for marker in (
        'id="ecogram"',
        '<script type="application/json" id="ecogram-data">',
        'id="legend"',
        'id="person-list"',
        'id="side-panel"',
        'id="add-person"',
        'id="add-tie"',
        'id="person-detail"',
        'id="who-else"',
        'id="findings-summary"',
        'name="csrf-token"',
        "vendor/vis-network/vis-network.min.js",
    ):
        assert marker in html, marker
    assert re.search(r'<li data-person-id="\d+">\s*<button[^>]*>Oma Jet</button>', html)
    assert "<script>" not in html and " style=" not in html and " onclick=" not in html


def test_it_draws_every_person_at_the_core_layouts_fixed_position(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    data = worker.get(f"/cases/{world.case_id}/graph.json").get_json()
    case = stored(app, world.case_id)
    placed = layout(case)
    by_id = {p.id: p for p in case.persons}
    assert len(data["nodes"]) == 3
    for node in data["nodes"]:
        assert set(node) == NODE_KEYS
        assert node["fixed"] is True
        assert (node["x"], node["y"]) == placed.positions[by_id[node["id"]].ref]
    assert [r["outer"] for r in data["rings"]] == [placed.ring_radii[r][1] for r in (1, 2, 3)]
    assert [s["key"] for s in data["sectors"]] == [s.value for s in Sector]
    assert data["radius"] == placed.radius
    assert "physics" not in str(data["nodes"])


def test_its_ties_carry_hartman_style_and_energy_flow_only(
    worker: FlaskClient, world: World
) -> None:
    (edge,) = worker.get(f"/cases/{world.case_id}/graph.json").get_json()["edges"]
    assert set(edge) == EDGE_KEYS
    assert edge["width"] == 6 and edge["dashes"] is False  # strong
    assert edge["arrows"] == "to"  # forward


def test_it_marks_anchor_trusted_person_and_active_roles_in_labels(
    worker: FlaskClient, world: World
) -> None:
    drawn = worker.get(f"/cases/{world.case_id}/graph.json").get_json()["labels"]
    labels = {tuple(label["lines"]) for label in drawn}
    assert ("\u2693 Sara",) in labels
    assert ("Oma Jet \u2605", "respijtzorg") in labels


def test_the_who_else_prompts_offer_a_one_click_to_explore(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON)
    lies = person_id(app, world.case_id, "Tante Lies")
    sara = person_id(app, world.case_id, "Sara")
    worker.post(
        f"/cases/{world.case_id}/ties",
        data={"from": lies, "to": sara, "quality": "strong", "flow": "none"},
    )
    html = worker.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert f'data-prompt="unexplored" data-person-id="{lies}"' in html
    assert f"/persons/{lies}/to-explore" in html
    assert "3 / 40" in html and 'data-prompt="empty-sector"' in html
    answer = worker.post(f"/cases/{world.case_id}/persons/{lies}/to-explore")
    assert answer.status_code == 200
    assert answer.get_json()["graph"]["who_else"]["unexplored"] == []
    assert (
        next(p for p in stored(app, world.case_id).persons if p.id == lies).candidate
        == "to_explore"
    )


def test_a_person_detail_gives_role_verdicts_and_roles(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    jet = person_id(app, world.case_id, "Oma Jet")
    detail = worker.get(f"/cases/{world.case_id}/persons/{jet}").get_json()
    assert detail["name"] == "Oma Jet" and detail["is_trusted"] is True
    assert {v["role"] for v in detail["verdicts"]} >= {"buddy", "respite"}
    assert all(not v["qualifies"] for v in detail["verdicts"])  # most items are still U
    assert detail["roles"][0]["role"] == "respite"


def test_a_person_of_another_case_is_not_found(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    stranger = stored(app, world.other_case_id).persons[1].id
    assert worker.get(f"/cases/{world.case_id}/persons/{stranger}").status_code == 404
    assert worker.post(f"/cases/{world.case_id}/persons/{stranger}/to-explore").status_code == 404
    assert worker.post(f"/cases/{world.case_id}/ties/999999", data={}).status_code == 404


# --- Writes -----------------------------------------------------------------------------


def test_it_adds_a_person_and_answers_with_the_new_drawing(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    answer = worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON)
    assert answer.status_code == 201
    body = answer.get_json()
    assert any(n["id"] == body["person_id"] for n in body["graph"]["nodes"])
    lies = next(p for p in stored(app, world.case_id).persons if p.id == body["person_id"])
    assert (lies.kind, lies.ring, lies.household, lies.ref) == ("aunt_uncle", 2, "h9", "p4")


def test_an_add_that_collides_with_a_simultaneous_one_starts_over_instead_of_failing(
    app: Flask, worker: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_next_ref = api._next_ref
    calls: list[str] = []

    def racing_next_ref(case: Case) -> str:
        # The first attempt takes the ref another request stored a moment ago: "p2".
        calls.append("called")
        return "p2" if len(calls) == 1 else real_next_ref(case)

    monkeypatch.setattr(api, "_next_ref", racing_next_ref)
    answer = worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON)
    assert answer.status_code == 201
    assert len(calls) == 2
    refs = [p.ref for p in stored(app, world.case_id).persons]
    assert refs.count("p2") == 1 and "p4" in refs


def test_an_add_that_keeps_colliding_gets_a_409_and_stores_nothing(
    app: Flask, worker: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "_next_ref", lambda case: "p2")
    before = len(stored(app, world.case_id).persons)
    answer = worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON)
    assert answer.status_code == 409
    assert len(stored(app, world.case_id).persons) == before


def test_it_adds_and_edits_a_tie(app: Flask, worker: FlaskClient, world: World) -> None:
    sara = person_id(app, world.case_id, "Sara")
    noor = person_id(app, world.case_id, "Baby Noor")
    answer = worker.post(
        f"/cases/{world.case_id}/ties",
        data={
            "from": sara,
            "to": noor,
            "quality": "conflict",
            "flow": "both",
            "support": ["practical", "advice"],
        },
    )
    assert answer.status_code == 201
    tie_id = answer.get_json()["tie_id"]
    edge = next(e for e in answer.get_json()["graph"]["edges"] if e["id"] == tie_id)
    assert edge["dashes"] == [10, 4, 2, 4] and edge["arrows"] == "to;from"
    edited = worker.post(
        f"/cases/{world.case_id}/ties/{tie_id}",
        data={"from": sara, "to": noor, "quality": "tenuous", "flow": "back", "version": 1},
    )
    assert edited.status_code == 200
    tie = next(t for t in stored(app, world.case_id).ties if t.id == tie_id)
    assert (tie.quality, tie.flow, tie.support, tie.version) == ("tenuous", "back", [], 2)


def test_it_edits_a_person_and_bumps_the_version(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    jet = person_id(app, world.case_id, "Oma Jet")
    data = NEW_PERSON | {"name": "Oma Jet V.", "kind": "grandparent", "version": "1"}
    assert worker.post(f"/cases/{world.case_id}/persons/{jet}", data=data).status_code == 200
    person = next(p for p in stored(app, world.case_id).persons if p.id == jet)
    assert (person.name, person.ring, person.version) == ("Oma Jet V.", 2, 2)


def test_it_renames_the_child_but_keeps_it_in_the_centre(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    noor = person_id(app, world.case_id, "Baby Noor")
    data = {"name": "Noor", "kind": "friend", "ring": "3", "version": "1"}
    assert worker.post(f"/cases/{world.case_id}/persons/{noor}", data=data).status_code == 200
    child = stored(app, world.case_id).child
    assert child is not None and (child.name, child.kind, child.ring) == ("Noor", "child", 0)


def test_a_stale_version_is_a_conflict_that_changes_nothing(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    jet = person_id(app, world.case_id, "Oma Jet")
    url = f"/cases/{world.case_id}/persons/{jet}"
    assert (
        worker.post(url, data=NEW_PERSON | {"kind": "grandparent", "version": "1"}).status_code
        == 200
    )
    stale = worker.post(url, data=NEW_PERSON | {"name": "Oude Jet", "version": "1"})
    assert stale.status_code == 409
    message = stale.get_json()["errors"]["version"]
    assert "1" in message and "2" in message
    assert next(p for p in stored(app, world.case_id).persons if p.id == jet).name == "Tante Lies"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "cousin"}, "kind"),
        ({"kind": "child"}, "kind"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Oma\x00Jet"}, "name"),
        ({"name": "Oma\u2028Jet"}, "name"),
        ({"household": "h\x1b1"}, "household"),
        ({"ring": "0"}, "ring"),
        ({"ring": "4"}, "ring"),
        ({"ring": "een"}, "ring"),
        ({"sector": "moon"}, "sector"),
        ({"candidate": "maybe"}, "candidate"),
    ],
)
def test_it_refuses_a_bad_person_and_names_the_field(
    app: Flask, worker: FlaskClient, world: World, change: dict[str, str], field: str
) -> None:
    before = counts(app)
    answer = worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON | change)
    assert answer.status_code == 400
    assert set(answer.get_json()["errors"]) == {field}
    assert counts(app) == before


def test_it_answers_a_bad_edit_in_dutch_by_default(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    jet = person_id(app, world.case_id, "Oma Jet")
    answer = worker.post(f"/cases/{world.case_id}/persons/{jet}", data={"name": "Jet"})
    assert answer.status_code == 400
    errors = answer.get_json()["errors"]
    assert errors["version"] == "Dit veld is vereist."
    assert errors["kind"] == "Ongeldige keuze."


@pytest.mark.parametrize("problem", ["self", "duplicate", "reversed", "other_case", "quality"])
def test_it_refuses_a_bad_tie(app: Flask, worker: FlaskClient, world: World, problem: str) -> None:
    sara = person_id(app, world.case_id, "Sara")
    jet = person_id(app, world.case_id, "Oma Jet")
    stranger = stored(app, world.other_case_id).persons[1].id
    data: dict[str, Any] = {"from": jet, "to": sara, "quality": "normal", "flow": "none"}
    data |= {
        "self": {"to": jet},
        "duplicate": {},
        "reversed": {"from": sara, "to": jet},
        "other_case": {"to": stranger},
        "quality": {
            "from": sara,
            "to": person_id(app, world.case_id, "Baby Noor"),
            "quality": "zigzag",
        },
    }[problem]
    before = counts(app)
    answer = worker.post(f"/cases/{world.case_id}/ties", data=data)
    assert answer.status_code == 400
    assert set(answer.get_json()["errors"]) <= {"from", "to", "quality"}
    assert counts(app) == before


def test_a_stale_tie_edit_is_a_conflict(app: Flask, worker: FlaskClient, world: World) -> None:
    tie = stored(app, world.case_id).ties[0]
    data = {"from": tie.from_person_id, "to": tie.to_person_id, "quality": "normal", "version": 7}
    answer = worker.post(f"/cases/{world.case_id}/ties/{tie.id}", data=data)
    assert answer.status_code == 409
    assert stored(app, world.case_id).ties[0].quality == "strong"


def test_reads_and_writes_leave_audit_rows(app: Flask, worker: FlaskClient, world: World) -> None:
    worker.get(f"/cases/{world.case_id}/")
    worker.get(f"/cases/{world.case_id}/graph.json")
    worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON)
    worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON | {"ring": "9"})
    # The refused add is audited too (its form was shown again), as not saved.
    assert actions(app, world.case_id) == [
        "view_ecogram",
        "view_ecogram_data",
        "add_person",
        "add_person",
    ]


def test_every_write_needs_the_csrf_token(app: Flask, world: World) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    client.post(
        "/login",
        data={
            "username": "worker",
            "password": "correct horse battery",
            "csrf_token": token.group(1),
        },
    )
    html = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    meta = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert meta is not None
    url = f"/cases/{world.case_id}/persons"
    assert client.post(url, data=NEW_PERSON).status_code == 400
    assert (
        client.post(url, data=NEW_PERSON, headers={"X-CSRFToken": meta.group(1)}).status_code == 201
    )


# --- Hostile names -----------------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_stays_text_in_the_page_and_the_data(
    app: Flask, worker: FlaskClient, world: World, name: str
) -> None:
    assert (
        worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON | {"name": name}).status_code
        == 201
    )
    html = worker.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert "<img" not in html and "<script>alert" not in html
    data = worker.get(f"/cases/{world.case_id}/graph.json")
    # Served as JSON that no browser may sniff as HTML; the script puts it in the DOM as text.
    assert data.mimetype == "application/json"
    assert data.headers["X-Content-Type-Options"] == "nosniff"
    graph = data.get_json()
    # Wrapped over lines maybe, but every character as typed (spaces aside).
    assert any(
        "".join(label["lines"]).replace(" ", "") == name.replace(" ", "")
        for label in graph["labels"]
    )
    assert any(person["name"] == name for person in graph["persons"])
    assert all("title" not in node for node in graph["nodes"])


# --- Headers ---------------------------------------------------------------------------


def test_the_csp_allows_exactly_the_styles_vis_network_injects() -> None:
    vendored = Path(__file__).parents[2] / "webapp/static/vendor/vis-network/vis-network.min.js"
    source = vendored.read_text("utf-8")
    injected = [""] + [
        m.group(2)
        for m in re.finditer(r"[;}]A\((['\"])((?:(?!\1)[^\\])*)\1\)", source)
        if "{" in m.group(2)
    ]
    hashes = [
        "sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        for css in injected
    ]
    assert hashes == list(VIS_NETWORK_STYLE_HASHES)
    assert "unsafe-inline" not in CSP


@pytest.mark.parametrize(
    ("today", "summary"),
    [
        # Oma Jet's respite on her partial assessment (see test_findings_page): five
        # knock-outs, six items below the minimum, a care table without the child's
        # perspective, and five prompts of the network search.
        (
            dt.date(2026, 3, 1),
            {"error": "5 fouten", "warning": "7 waarschuwingen", "info": "5 meldingen"},
        ),
        # Before the case opened (5 January) only the network search has something to say.
        (
            dt.date(2026, 1, 1),
            {"error": "0 fouten", "warning": "0 waarschuwingen", "info": "5 meldingen"},
        ),
    ],
)
def test_the_findings_summary_uses_the_right_plural_in_dutch(
    app: Flask, client: FlaskClient, world: World, today: dt.date, summary: dict[str, str]
) -> None:
    app.config["FROZEN_TODAY"] = today
    login(client, "worker")
    page = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    for severity, words in summary.items():
        assert f'data-summary="{severity}">{words}</span>' in page
