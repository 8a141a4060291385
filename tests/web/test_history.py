"""The history tab: changes through the real routes land in sessions; the past reads back."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram import storage
from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.imh_checklist import Item
from ecogram.models import EcogramSession
from tests.factories import make_rich_case
from tests.statements import statements
from tests.web.conftest import World, add_relative, login, person_id, save_change

TODAY = dt.date(2026, 11, 23)
OPENED = dt.date(2026, 1, 5)  # the design example's case
NEW_PERSON = {
    "name": "Tante Lies",
    "kind": "aunt_uncle",
    "sector": "family",
    "ring": "2",
    "household": "",
    "candidate": "to_explore",
}


@pytest.fixture
def worker(app: Flask, client: FlaskClient, world: World) -> FlaskClient:
    app.config["FROZEN_TODAY"] = TODAY
    login(client, "worker")
    return client


def sessions(app: Flask, case_id: int) -> list[EcogramSession]:
    with session_scope(app.extensions["ecogram.engine"]) as db:
        statement = select(EcogramSession).where(EcogramSession.case_id == case_id)
        found = list(db.scalars(statement.order_by(EcogramSession.number)))
        db.expunge_all()
        return found


def names_at(session: EcogramSession) -> list[str]:
    return [p["name"] for p in json.loads(session.snapshot)["persons"]]


def actions(app: Flask, case_id: int) -> list[str]:
    with session_scope(app.extensions["ecogram.engine"]) as db:
        query = select(AuditEvent.action).where(AuditEvent.case_id == case_id)
        return list(db.scalars(query.order_by(AuditEvent.id)))


def add_lies(client: FlaskClient, world: World) -> int:
    answer = client.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON)
    assert answer.status_code == 201, answer.get_data(as_text=True)
    return int(answer.get_json()["person_id"])


def hidden_fields(client: FlaskClient, world: World, form_id: str) -> dict[str, str]:
    """The hidden fields (a version, say) of a form on the roles page, as a browser sends them."""
    page = client.get(f"/cases/{world.case_id}/roles").get_data(as_text=True)
    form = page.split(f'<form id="{form_id}"', 1)[1].split("</form>", 1)[0]
    fields = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if 'type="hidden"' in tag and name and value:
            fields[name.group(1)] = value.group(1)
    return fields


def base(world: World) -> str:
    return f"/cases/{world.case_id}/history"


# --- Changes land in sessions -----------------------------------------------------------


def test_a_person_added_on_the_ecogram_lands_in_a_session_opened_for_today(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add_lies(worker, world)
    first, second = sessions(app, world.case_id)
    assert (first.number, first.date, first.present) == (1, OPENED, "import")
    assert (second.number, second.date, second.present) == (2, TODAY, "")
    assert second.user_id == world.users["worker"]
    assert "Tante Lies" in names_at(second) and "Tante Lies" not in names_at(first)


def test_persons_ties_roles_anchor_and_trusted_person_of_one_day_share_its_session(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = add_lies(worker, world)
    sara = person_id(app, "Sara")
    tie = worker.post(
        f"/cases/{world.case_id}/ties",
        data={"from": lies, "to": sara, "quality": "strong", "flow": "both"},
    )
    assert tie.status_code == 201
    role = {
        "person": str(lies),
        "role": "respite",
        "start": "2026-11-23",
        "last_day": "",
        "nights_per_week": "1",
        "attestation_status": "none",
        "attestation_date": "",
    }
    assert save_change(worker, f"/cases/{world.case_id}/roles", role).status_code == 302
    anchor = hidden_fields(worker, world, "set-anchor") | {
        "person": str(lies),
        "from": "2026-11-23",
    }
    assert save_change(worker, f"/cases/{world.case_id}/anchor", anchor).status_code == 302
    trusted = hidden_fields(worker, world, "set-trusted") | {"person": str(lies)}
    url = f"/cases/{world.case_id}/trusted-person"
    assert save_change(worker, url, trusted).status_code == 302

    stored = sessions(app, world.case_id)
    assert [s.number for s in stored] == [1, 2]
    snapshot = json.loads(stored[-1].snapshot)
    lies_ref = next(p["id"] for p in snapshot["persons"] if p["name"] == "Tante Lies")
    assert {"from": lies_ref, "to": "p2"}.items() <= snapshot["ties"][-1].items()
    assert (snapshot["roles"][-1]["person"], snapshot["roles"][-1]["role"]) == (lies_ref, "respite")
    assert snapshot["anchors"][-1] == {"person": lies_ref, "from": "2026-11-23", "to": None}
    assert snapshot["anchors"][0]["to"] == "2026-11-23"
    assert snapshot["trusted_person"] == lies_ref


def test_an_assessment_lands_in_the_session_too(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    jet = person_id(app, "Oma Jet")
    data = {f"rating-{item.value}": "S" for item in Item}
    data |= {"date": "2026-11-23", "assessor": "Assessor B", "final": "y"}
    response = worker.post(f"/cases/{world.case_id}/persons/{jet}/assessment", data=data)
    assert response.status_code == 302
    latest = json.loads(sessions(app, world.case_id)[-1].snapshot)
    assert [a["date"] for a in latest["assessments"]] == ["2026-01-20", "2026-11-23"]


def test_a_change_on_a_later_day_opens_the_next_session(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add_lies(worker, world)
    app.config["FROZEN_TODAY"] = TODAY + dt.timedelta(days=14)
    mia = person_id(app, "Oma Jet")
    edit = NEW_PERSON | {"name": "Oma Jet V.", "kind": "grandparent", "version": "1"}
    assert worker.post(f"/cases/{world.case_id}/persons/{mia}", data=edit).status_code == 200
    stored = sessions(app, world.case_id)
    assert [(s.number, s.date) for s in stored] == [
        (1, OPENED),
        (2, TODAY),
        (3, TODAY + dt.timedelta(days=14)),
    ]
    assert "Oma Jet" in names_at(stored[1]) and "Oma Jet V." in names_at(stored[2])


def test_reading_pages_and_refused_writes_open_no_session(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    for page in ("/", "/roles", "/history", "/graph.json"):
        assert worker.get(f"/cases/{world.case_id}{page}").status_code == 200
    bad = worker.post(f"/cases/{world.case_id}/persons", data=NEW_PERSON | {"name": ""})
    assert bad.status_code == 400
    assert [s.number for s in sessions(app, world.case_id)] == [1]


def test_a_case_stored_through_the_web_apps_sessions_keeps_just_its_first_session(
    app: Flask, world: World
) -> None:
    app.config["FROZEN_TODAY"] = TODAY
    with app.app_context():
        db = app.extensions["ecogram.sessions"]()
        case = storage.save_case(db, make_rich_case("c9"))
        db.commit()
        case_id = case.id
        db.close()
    assert [(s.number, s.present) for s in sessions(app, case_id)] == [(1, "import")]


def test_the_tracking_costs_a_page_view_no_query(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    url = f"/cases/{world.case_id}/"
    worker.get(url)
    with statements(app.extensions["ecogram.engine"]) as seen:
        assert worker.get(url).status_code == 200
    assert not any("ecogram_session" in s for s in seen)


# --- The sessions list and its forms ----------------------------------------------------


def test_the_history_page_lists_sessions_with_counts_and_invites_to_say_who_was_present(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add_lies(worker, world)
    page = worker.get(base(world)).get_data(as_text=True)
    assert '<table id="sessions">' in page
    assert 'data-number="1"' in page and 'data-number="2"' in page
    assert 'data-persons="3"' in page and 'data-candidates="2"' in page
    assert 'id="present-missing"' in page and 'href="#present-2-text"' in page
    assert '<form id="start-session"' in page and 'id="session-chart"' in page
    assert f'href="{base(world)}/diff?from=1&amp;to=2"' in page


def test_starting_a_session_stores_its_date_and_who_was_present_and_collects_the_changes(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    data = {"date": "2026-11-23", "present": "Sara, Oma Jet, context worker"}
    response = worker.post(f"{base(world)}/sessions", data=data)
    assert response.status_code == 302
    add_lies(worker, world)
    stored = sessions(app, world.case_id)
    assert [(s.number, s.present) for s in stored] == [
        (1, "import"),
        (2, "Sara, Oma Jet, context worker"),
    ]
    assert "Tante Lies" in names_at(stored[1])
    assert "start_session" in actions(app, world.case_id)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2026-11-24", "A session cannot take place in the future."),
        ("2025-12-31", "A session cannot come before the case was opened."),
        ("", "This field is required."),
        ("24-11-2026", "Not a valid date value."),
    ],
)
def test_a_session_date_that_does_not_fit_is_refused_naming_the_field(
    app: Flask, worker: FlaskClient, world: World, day: str, message: str
) -> None:
    worker.post("/language", data={"lang": "en"})
    response = worker.post(f"{base(world)}/sessions", data={"date": day, "present": ""})
    assert response.status_code == 400
    assert f"Date: {message}" in response.get_data(as_text=True)
    assert len(sessions(app, world.case_id)) == 1


def test_a_session_cannot_go_back_before_the_previous_one(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    worker.post("/language", data={"lang": "en"})
    assert worker.post(f"{base(world)}/sessions", data={"date": "2026-06-01"}).status_code == 302
    response = worker.post(f"{base(world)}/sessions", data={"date": "2026-05-31"})
    assert response.status_code == 400
    # English dates read as on paper: day, month, year.
    assert "Date: Choose 1 June 2026 or later" in response.get_data(as_text=True)
    assert len(sessions(app, world.case_id)) == 2


def test_saying_who_was_present_checks_the_version(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    url = f"{base(world)}/1/present"
    assert worker.post(url, data={"present": "Sara", "version": "1"}).status_code == 302
    stale = worker.post(url, data={"present": "Oma Jet", "version": "1"})
    assert stale.status_code == 409
    page = stale.get_data(as_text=True)
    assert 'id="stored-present" class="value">Sara<' in page
    assert 'id="sent-present" class="value">Oma Jet<' in page
    (first,) = sessions(app, world.case_id)
    assert (first.present, first.version) == ("Sara", 2)
    assert "edit_session" in actions(app, world.case_id)


@pytest.mark.parametrize(
    ("data", "field"),
    [({"present": "x" * 501, "version": "1"}, "Who was present"), ({"present": "Sara"}, "Version")],
)
def test_bad_present_input_is_refused_naming_the_field(
    app: Flask, worker: FlaskClient, world: World, data: dict[str, str], field: str
) -> None:
    worker.post("/language", data={"lang": "en"})
    response = worker.post(f"{base(world)}/1/present", data=data)
    assert response.status_code == 400
    assert f"{field}: " in response.get_data(as_text=True)
    assert sessions(app, world.case_id)[0].present == "import"


def test_a_hostile_present_text_stays_text(app: Flask, worker: FlaskClient, world: World) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    worker.post(f"{base(world)}/1/present", data={"present": hostile, "version": "1"})
    for url in (base(world), f"{base(world)}/1"):
        page = worker.get(url).get_data(as_text=True)
        assert hostile not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_an_unknown_session_is_not_found(worker: FlaskClient, world: World) -> None:
    for url in ("/7", "/7/graph.json"):
        assert worker.get(base(world) + url).status_code == 404
    assert worker.post(f"{base(world)}/7/present", data={"version": "1"}).status_code == 404


# --- The past, the changes and the chart ------------------------------------------------


def test_the_ecogram_at_a_session_shows_persons_and_ties_as_they_stood(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add_lies(worker, world)
    then = worker.get(f"{base(world)}/1").get_data(as_text=True)
    now = worker.get(f"{base(world)}/2").get_data(as_text=True)
    assert 'id="session-persons"' in then and 'id="history-ecogram"' in then
    assert "Tante Lies" not in then and "Tante Lies" in now
    assert 'data-from="p3" data-to="p2"' in then
    assert 'rel="next"' in then and 'rel="prev"' in now
    graph = worker.get(f"{base(world)}/1/graph.json").get_json()
    assert sorted(graph) == [
        "edges", "extent", "font", "labels", "nodes", "radius", "rings", "sectors"
    ]  # fmt: skip
    assert len(graph["nodes"]) == 3 and len(graph["edges"]) == 1
    assert len(worker.get(f"{base(world)}/2/graph.json").get_json()["nodes"]) == 4


def test_the_diff_page_lists_what_changed_between_two_sessions(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add_relative(app, "Tante Mia")  # outside any session: not in the history
    lies = add_lies(worker, world)
    jet = person_id(app, "Oma Jet")
    tie = {"from": lies, "to": jet, "quality": "tenuous", "flow": "none"}
    assert worker.post(f"/cases/{world.case_id}/ties", data=tie).status_code == 201
    worker.post("/language", data={"lang": "en"})
    page = worker.get(f"{base(world)}/diff?from=1&to=2").get_data(as_text=True)
    added = page.split('id="persons-added"', 1)[1].split("</ul>", 1)[0]
    assert "Tante Lies" in added and "Tante Mia" in added
    assert 'data-from="p5" data-to="p3"' in page.split('id="ties-added"', 1)[1]
    back = worker.get(f"{base(world)}/diff?from=2&to=1").get_data(as_text=True)
    assert "Tante Lies" in back.split('id="persons-removed"', 1)[1].split("</ul>", 1)[0]
    same = worker.get(f"{base(world)}/diff?from=2&to=2").get_data(as_text=True)
    assert 'id="no-changes"' in same


def test_the_diff_page_without_a_choice_offers_one_instead_of_an_error(
    worker: FlaskClient, world: World
) -> None:
    worker.post("/language", data={"lang": "en"})
    response = worker.get(f"{base(world)}/diff")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Compare two sessions" in page
    assert 'id="diff-errors"' not in page and 'id="diff"' not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("to=1", "From session: choose a session number."),
        ("from=1", "To session: choose a session number."),
        ("from=abc&to=1", "From session: choose a session number."),
        ("from=1&to=9", "To session: there is no session 9."),
        ("from=-1&to=1", "From session: choose a session number."),
    ],
)
def test_bad_diff_numbers_are_refused_naming_the_field(
    worker: FlaskClient, world: World, query: str, message: str
) -> None:
    worker.post("/language", data={"lang": "en"})
    response = worker.get(f"{base(world)}/diff?{query}")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_the_chart_data_counts_persons_and_candidates_per_session(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add_lies(worker, world)
    data = worker.get(f"{base(world)}/counts.json").get_json()
    rows = [(s["number"], s["date"], s["persons"], s["candidates"]) for s in data["sessions"]]
    assert rows == [(1, "2026-01-05", 2, 1), (2, "2026-11-23", 3, 2)]
    assert data["sessions"][1]["url"] == f"{base(world)}/2"


def test_every_history_read_is_audited(app: Flask, worker: FlaskClient, world: World) -> None:
    for url in ("", "/1", "/1/graph.json", "/diff?from=1&to=1", "/counts.json"):
        assert worker.get(base(world) + url).status_code == 200
    assert actions(app, world.case_id)[-5:] == [
        "view_history",
        "view_history_session",
        "view_history_session_data",
        "view_history_diff",
        "view_history_counts",
    ]


def test_an_outsider_gets_404_on_every_history_route(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "outsider")
    for url in ("", "/1", "/1/graph.json", "/diff?from=1&to=1", "/counts.json"):
        assert client.get(base(world) + url).status_code == 404
    assert client.post(f"{base(world)}/sessions", data={"date": "2026-11-23"}).status_code == 404
    assert client.post(f"{base(world)}/1/present", data={"version": "1"}).status_code == 404
    assert len(sessions(app, world.case_id)) == 1
