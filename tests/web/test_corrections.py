"""Corrections on the ecogram page: remove a person or a tie, undo and redo, and warnings.

The design example: Baby Noor, Sara (parent, the anchor), Oma Jet (trusted
person, an open-ended respite role) and a tie Oma Jet -> Sara. The day is fixed.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from tests.web.conftest import World, login, stored_case

TODAY = dt.date(2026, 3, 2)
LIES = {
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
    client.post("/language", data={"lang": "en"})
    return client


def url(world: World, rest: str) -> str:
    return f"/cases/{world.case_id}{rest}"


def names(app: Flask) -> list[str]:
    with stored_case(app) as case:
        return [p.name for p in case.persons]


def ties(app: Flask) -> list[tuple[str, str]]:
    with stored_case(app) as case:
        return [(t.from_person.name, t.to_person.name) for t in case.ties]


def person(app: Flask, name: str) -> dict[str, Any]:
    with stored_case(app) as case:
        found = next(p for p in case.persons if p.name == name)
        return {"id": found.id, "version": found.version, "ref": found.ref}


def add(client: FlaskClient, world: World, **change: Any) -> TestResponse:
    return client.post(url(world, "/persons"), data=LIES | change)


def add_lies_with_a_tie(app: Flask, client: FlaskClient, world: World) -> int:
    lies = add(client, world)
    assert lies.status_code == 201, lies.get_json()
    lies_id = int(lies.get_json()["person_id"])
    sara = person(app, "Sara")["id"]
    tie = client.post(url(world, "/ties"), data={"from": lies_id, "to": sara, "quality": "normal"})
    assert tie.status_code == 201
    return lies_id


def remove(client: FlaskClient, world: World, person_id: int, version: int) -> TestResponse:
    return client.post(url(world, f"/persons/{person_id}/delete"), data={"version": version})


def actions(app: Flask, world: World) -> list[str]:
    with session_scope(app.extensions["ecogram.engine"]) as db:
        query = select(AuditEvent.action).where(AuditEvent.case_id == world.case_id)
        return list(db.scalars(query.order_by(AuditEvent.id)))


def graph(client: FlaskClient, world: World) -> dict[str, Any]:
    data: dict[str, Any] = client.get(url(world, "/graph.json")).get_json()
    return data


def step(client: FlaskClient, world: World, direction: str, offer: dict[str, Any]) -> TestResponse:
    data = {"change": offer["change"], "version": offer["version"]}
    return client.post(url(world, f"/{direction}"), data=data)


# --- Removing a person or a tie ------------------------------------------------------------


def test_a_person_added_by_mistake_is_removed_with_their_ties(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = add_lies_with_a_tie(app, worker, world)
    answer = remove(worker, world, lies, 1)
    assert answer.status_code == 200
    assert answer.get_json()["message"] == "Tante Lies removed."
    assert all(node["id"] != lies for node in answer.get_json()["graph"]["nodes"])
    assert names(app) == ["Baby Noor", "Sara", "Oma Jet"]
    assert ties(app) == [("Oma Jet", "Sara")]


def test_the_person_detail_says_what_goes_with_a_removal(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = add_lies_with_a_tie(app, worker, world)
    removal = worker.get(url(world, f"/persons/{lies}")).get_json()["removal"]
    assert removal == {
        "allowed": True,
        "reasons": [],
        "question": "Remove Tante Lies from the ecogram?",
        "consequences": "These go with them: 1 tie. "
        "You can undo this today; later, the history can put it back.",
        "url": url(world, f"/persons/{lies}/delete"),
    }


def test_a_person_with_a_part_in_the_plan_stays_and_the_panel_says_why(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    jet = person(app, "Oma Jet")
    reasons = worker.get(url(world, f"/persons/{jet['id']}")).get_json()["removal"]["reasons"]
    assert reasons == [
        "Oma Jet has a role now or later. End that role on the roles page first.",
        "Oma Jet is the child's trusted person. Name someone else (or nobody) on the roles "
        "page first.",
    ]
    answer = remove(worker, world, jet["id"], jet["version"])
    assert answer.status_code == 409
    assert answer.get_json()["errors"]["removal"] == " ".join(reasons)
    sara = person(app, "Sara")
    refused = remove(worker, world, sara["id"], sara["version"])
    assert refused.status_code == 409
    assert "Sara is or was the child's anchor." in refused.get_json()["errors"]["removal"]
    assert names(app) == ["Baby Noor", "Sara", "Oma Jet"]
    assert ties(app) == [("Oma Jet", "Sara")]


def test_the_child_stays_on_the_ecogram(app: Flask, worker: FlaskClient, world: World) -> None:
    noor = person(app, "Baby Noor")
    assert remove(worker, world, noor["id"], noor["version"]).status_code == 409
    assert "Baby Noor" in names(app)


def test_a_stale_removal_is_a_conflict_that_removes_nothing(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = add_lies_with_a_tie(app, worker, world)
    worker.post(url(world, f"/persons/{lies}"), data=LIES | {"ring": "3", "version": "1"})
    answer = remove(worker, world, lies, 1)
    assert answer.status_code == 409
    assert answer.get_json()["conflict"]["stored_version"] == "2"
    assert "Tante Lies" in names(app)


def test_a_removal_without_its_version_is_refused_naming_the_field(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = add_lies_with_a_tie(app, worker, world)
    answer = worker.post(url(world, f"/persons/{lies}/delete"))
    assert answer.status_code == 400
    assert set(answer.get_json()["errors"]) == {"version"}
    assert "Tante Lies" in names(app)


def test_a_tie_is_removed_and_both_persons_stay(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    with stored_case(app) as case:
        tie_id, version = case.ties[0].id, case.ties[0].version
    stale = worker.post(url(world, f"/ties/{tie_id}/delete"), data={"version": version + 1})
    assert stale.status_code == 409 and ties(app) == [("Oma Jet", "Sara")]
    answer = worker.post(url(world, f"/ties/{tie_id}/delete"), data={"version": version})
    assert answer.status_code == 200
    assert answer.get_json()["message"] == "Tie Oma Jet – Sara removed."
    assert ties(app) == [] and names(app) == ["Baby Noor", "Sara", "Oma Jet"]


def test_removals_are_audited_in_their_request(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = add_lies_with_a_tie(app, worker, world)
    remove(worker, world, lies, 1)
    with stored_case(app) as case:
        tie_id = case.ties[0].id
    worker.post(url(world, f"/ties/{tie_id}/delete"), data={"version": 1})
    assert actions(app, world)[-2:] == ["delete_person", "delete_tie"]


def test_an_outsider_gets_404_on_every_correction_route(
    app: Flask, client: FlaskClient, world: World
) -> None:
    jet = person(app, "Oma Jet")
    with stored_case(app) as case:
        tie_id = case.ties[0].id
    login(client, "outsider")
    for rest in (f"/persons/{jet['id']}/delete", f"/ties/{tie_id}/delete", "/undo", "/redo"):
        assert client.post(url(world, rest), data={"version": 1, "change": 1}).status_code == 404
    assert names(app) == ["Baby Noor", "Sara", "Oma Jet"]


def test_the_assessor_may_look_but_not_remove(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "colleague")
    lies = person(app, "Oma Jet")
    assert remove(client, world, lies["id"], lies["version"]).status_code == 403


# --- Undo and redo ---------------------------------------------------------------------------


def test_before_todays_first_change_there_is_nothing_to_undo(
    worker: FlaskClient, world: World
) -> None:
    data = graph(worker, world)
    assert (data["undo"], data["redo"]) == (None, None)


def test_undo_brings_a_removed_person_back_and_redo_removes_them_again(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = add_lies_with_a_tie(app, worker, world)
    ref = person(app, "Tante Lies")["ref"]
    removed = remove(worker, world, lies, 1).get_json()["graph"]
    assert removed["undo"]["label"] == "Tante Lies removed, with 1 tie"
    assert removed["redo"] is None
    undone = step(worker, world, "undo", removed["undo"])
    assert undone.status_code == 200
    assert undone.get_json()["message"] == "Undone: Tante Lies removed, with 1 tie"
    assert person(app, "Tante Lies")["ref"] == ref
    assert ("Tante Lies", "Sara") in ties(app)
    offers = undone.get_json()["graph"]
    assert offers["redo"]["label"] == "Tante Lies removed, with 1 tie"
    assert offers["undo"]["label"] == "tie Tante Lies – Sara added"
    redone = step(worker, world, "redo", offers["redo"])
    assert redone.status_code == 200
    assert "Tante Lies" not in names(app)


def test_undo_walks_back_through_the_sessions_changes(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add_lies_with_a_tie(app, worker, world)
    for _ in range(2):
        assert step(worker, world, "undo", graph(worker, world)["undo"]).status_code == 200
    assert names(app) == ["Baby Noor", "Sara", "Oma Jet"]
    assert graph(worker, world)["undo"] is None


def test_an_undo_the_page_did_not_offer_is_a_conflict_that_changes_nothing(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add(worker, world)
    first = graph(worker, world)["undo"]
    add(worker, world, name="Buurman Bo", kind="neighbour", sector="neighbourhood")
    answer = step(worker, world, "undo", first)
    assert answer.status_code == 409
    assert answer.get_json()["errors"][""].startswith("The last change is no longer")
    assert answer.get_json()["graph"]["undo"]["label"] == "Buurman Bo added"
    assert names(app)[-2:] == ["Tante Lies", "Buurman Bo"]
    old_version = graph(worker, world)["undo"] | {"version": 9}
    assert step(worker, world, "undo", old_version).status_code == 409
    assert names(app)[-1] == "Buurman Bo"


def test_an_undo_without_the_change_is_refused_naming_the_field(
    worker: FlaskClient, world: World
) -> None:
    add(worker, world)
    answer = worker.post(url(world, "/undo"), data={"version": 1})
    assert answer.status_code == 400
    assert set(answer.get_json()["errors"]) == {"change"}


def test_yesterdays_changes_are_no_longer_undone(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add(worker, world)
    offer = graph(worker, world)["undo"]
    app.config["FROZEN_TODAY"] = TODAY + dt.timedelta(days=1)
    assert graph(worker, world)["undo"] is None
    assert step(worker, world, "undo", offer).status_code == 409
    assert "Tante Lies" in names(app)


def test_undo_and_redo_are_audited(app: Flask, worker: FlaskClient, world: World) -> None:
    add(worker, world)
    step(worker, world, "undo", graph(worker, world)["undo"])
    step(worker, world, "redo", graph(worker, world)["redo"])
    done = actions(app, world)
    assert done.count("undo_change") == 1 and done.count("redo_change") == 1
    assert done[-1] == "redo_change"


def test_a_removed_persons_ref_is_never_given_to_someone_new(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = add_lies_with_a_tie(app, worker, world)
    assert person(app, "Tante Lies")["ref"] == "p4"
    remove(worker, world, lies, 1)
    add(worker, world, name="Buurman Bo", kind="neighbour", sector="neighbourhood")
    assert person(app, "Buurman Bo")["ref"] == "p5"


# --- Warnings before saving ---------------------------------------------------------------


def test_a_name_already_on_the_ecogram_is_added_only_once_confirmed(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    answer = add(worker, world, name="oma jet", kind="grandparent")
    assert answer.status_code == 422
    assert answer.get_json() == {
        "warnings": {"name": "There is already a Oma Jet on the ecogram; add anyway?"}
    }
    assert names(app).count("oma jet") == 0
    confirmed = add(worker, world, name="oma jet", kind="grandparent", confirm="name")
    assert confirmed.status_code == 201
    assert names(app).count("oma jet") == 1


def test_the_warning_speaks_dutch_by_default(app: Flask, worker: FlaskClient, world: World) -> None:
    worker.post("/language", data={"lang": "nl"})
    add(worker, world, name="Oma Rita", kind="grandparent")
    answer = add(worker, world, name="Oma Rita", kind="grandparent")
    expected = "Er staat al een Oma Rita in het ecogram; toch toevoegen?"
    assert answer.get_json()["warnings"]["name"] == expected


def test_a_grandmother_among_the_professionals_is_saved_only_once_confirmed(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    rita = {"name": "Oma Rita", "kind": "grandparent", "sector": "professional"}
    answer = add(worker, world, **rita)
    assert answer.status_code == 422
    assert answer.get_json()["warnings"] == {
        "sector": "Kind grandparent usually goes in the sector family, not professionals. "
        "Add anyway?"
    }
    assert "Oma Rita" not in names(app)
    assert add(worker, world, **rita, confirm="sector").status_code == 201
    with stored_case(app) as case:
        assert next(p.sector for p in case.persons if p.name == "Oma Rita") == "professional"


def test_a_neighbour_among_the_friends_needs_no_confirmation(
    worker: FlaskClient, world: World
) -> None:
    answer = add(worker, world, name="Buurman Bo", kind="neighbour", sector="friends")
    assert answer.status_code == 201


def test_two_warnings_need_two_confirmations(app: Flask, worker: FlaskClient, world: World) -> None:
    twice = {"name": "Oma Jet", "kind": "grandparent", "sector": "neighbourhood"}
    assert set(add(worker, world, **twice).get_json()["warnings"]) == {"name", "sector"}
    once = add(worker, world, **twice, confirm="name")
    assert once.status_code == 422 and set(once.get_json()["warnings"]) == {"sector"}
    assert add(worker, world, **twice, confirm=["name", "sector"]).status_code == 201


def test_an_edit_is_warned_only_about_what_it_changes(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    add(
        worker,
        world,
        name="Oma Jet",
        kind="grandparent",
        sector="professional",
        confirm=["name", "sector"],
    )
    twin = person(app, "Oma Jet")  # the first Oma Jet, the design example's
    same = {"name": "Oma Jet", "kind": "grandparent", "sector": "family", "ring": "3"}
    moved = worker.post(url(world, f"/persons/{twin['id']}"), data=same | {"version": "1"})
    assert moved.status_code == 200
    sara = person(app, "Sara")
    renamed = worker.post(
        url(world, f"/persons/{sara['id']}"),
        data=same | {"name": "oma jet", "kind": "parent", "version": str(sara["version"])},
    )
    assert renamed.status_code == 422
    expected = "There is already a Oma Jet on the ecogram; save anyway?"
    assert renamed.get_json()["warnings"] == {"name": expected}
    assert "Sara" in names(app)


def test_the_add_form_carries_the_cores_table_of_usual_sectors(
    worker: FlaskClient, world: World
) -> None:
    page = worker.get(url(world, "/")).get_data(as_text=True)
    form = page.split('<form id="add-person"', 1)[1].split(">", 1)[0]
    found = re.search(r'data-usual-sectors="([^"]+)"', form)
    assert found is not None
    table = json.loads(html.unescape(found.group(1)))
    assert table["grandparent"] == ["family"]
    assert table["professional"][0] == "professional"
    assert table["other"] == []


@pytest.mark.parametrize("value", ["", "abc", "-1", "0", "9" * 40, "1e3", "1\x00", "1.5"])
@pytest.mark.parametrize("field", ["change", "version"])
def test_a_malformed_undo_or_redo_is_refused_naming_the_field(
    app: Flask, worker: FlaskClient, world: World, field: str, value: str
) -> None:
    add(worker, world)
    offer = graph(worker, world)["undo"]
    for direction in ("undo", "redo"):
        data = {"change": offer["change"], "version": offer["version"], field: value}
        answer = worker.post(url(world, f"/{direction}"), data=data)
        assert answer.status_code in (400, 409), (direction, value, answer.status_code)
        if answer.status_code == 400:
            assert set(answer.get_json()["errors"]) == {field}
    assert "Tante Lies" in names(app)
