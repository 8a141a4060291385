"""The history shows what was removed, step by step, and puts a removal back.

The design example's case; the worker works on two fixed days.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.models import EcogramSession
from tests.web.conftest import World, login, person_id, stored_case

DAY_ONE = dt.date(2026, 3, 2)
DAY_TWO = dt.date(2026, 3, 9)
LIES = {"name": "Tante Lies", "kind": "aunt_uncle", "sector": "family", "ring": "2"}


@pytest.fixture
def worker(app: Flask, client: FlaskClient, world: World) -> FlaskClient:
    app.config["FROZEN_TODAY"] = DAY_ONE
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    return client


def base(world: World) -> str:
    return f"/cases/{world.case_id}"


def lies_with_a_tie_removed(app: Flask, client: FlaskClient, world: World) -> None:
    """Day one: Tante Lies is added with a tie to Sara, then removed again."""
    lies = client.post(f"{base(world)}/persons", data=LIES).get_json()["person_id"]
    tie = {"from": lies, "to": person_id(app, "Sara"), "quality": "normal"}
    assert client.post(f"{base(world)}/ties", data=tie).status_code == 201
    removed = client.post(f"{base(world)}/persons/{lies}/delete", data={"version": 1})
    assert removed.status_code == 200


def names(app: Flask) -> list[str]:
    with stored_case(app) as case:
        return [p.name for p in case.persons]


def put_back_forms(page: str) -> list[tuple[str, str]]:
    """(action, version) of every put-back form on a page."""
    forms = re.findall(
        r'<form method="post" class="put-back" action="([^"]+)">(.*?)</form>', page, re.S
    )
    found = []
    for action, body in forms:
        version = re.search(r'name="version" value="(\d+)"', body)
        assert version is not None
        found.append((action, version.group(1)))
    return found


def put_back(client: FlaskClient, action: str, version: str) -> TestResponse:
    return client.post(action, data={"version": version})


def test_the_session_page_lists_its_changes_with_the_removal(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies_with_a_tie_removed(app, worker, world)
    page = worker.get(f"{base(world)}/history/2").get_data(as_text=True)
    listed = page.split('class="change-steps"', 1)[1].split("</ol>", 1)[0]
    steps = [re.sub(r"\s+", " ", s).strip() for s in re.findall(r"<span>(.*?)</span>", listed)]
    assert steps == [
        "Tante Lies added",
        "tie Tante Lies – Sara added",
        "Tante Lies removed, with 1 tie",
    ]
    assert len(put_back_forms(page)) == 1


def test_an_undone_change_is_marked_and_offers_nothing_to_put_back(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies_with_a_tie_removed(app, worker, world)
    offer = worker.get(f"{base(world)}/graph.json").get_json()["undo"]
    worker.post(
        f"{base(world)}/undo", data={"change": offer["change"], "version": offer["version"]}
    )
    page = worker.get(f"{base(world)}/history/2").get_data(as_text=True)
    assert page.count('data-undone="true"') == 1
    assert put_back_forms(page) == []


def test_a_removal_is_put_back_on_a_later_day_as_that_days_change(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies_with_a_tie_removed(app, worker, world)
    ((action, version),) = put_back_forms(
        worker.get(f"{base(world)}/history/2").get_data(as_text=True)
    )
    app.config["FROZEN_TODAY"] = DAY_TWO
    answer = put_back(worker, action, version)
    assert answer.status_code == 302
    assert actions(app, world)[-1] == "put_back_removal"
    lies = person_id(app, "Tante Lies")
    assert answer.headers["Location"] == f"{base(world)}/?person={lies}"
    with stored_case(app) as case:
        back = [(t.from_person.name, t.to_person.name) for t in case.ties]
    assert back[-1] == ("Tante Lies", "Sara")
    page = worker.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Tante Lies is back on the ecogram. With 1 tie." in page
    third = worker.get(f"{base(world)}/history/3").get_data(as_text=True)
    assert "Tante Lies added, with 1 tie" in third
    with session_scope(app.extensions["ecogram.engine"]) as db:
        query = select(EcogramSession.date).where(EcogramSession.case_id == world.case_id)
        dates = db.scalars(query.order_by(EcogramSession.number)).all()
    assert dates[1:] == [DAY_ONE, DAY_TWO]


def actions(app: Flask, world: World) -> list[str]:
    with session_scope(app.extensions["ecogram.engine"]) as db:
        query = select(AuditEvent.action).where(AuditEvent.case_id == world.case_id)
        return list(db.scalars(query.order_by(AuditEvent.id)))


def test_a_stale_put_back_gets_the_conflict_page_and_changes_nothing(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies_with_a_tie_removed(app, worker, world)
    ((action, version),) = put_back_forms(
        worker.get(f"{base(world)}/history/2").get_data(as_text=True)
    )
    answer = put_back(worker, action, str(int(version) + 1))
    assert answer.status_code == 409
    assert 'id="conflict"' in answer.get_data(as_text=True)
    assert "Tante Lies" not in names(app)


def test_putting_back_twice_brings_one_person_back(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies_with_a_tie_removed(app, worker, world)
    ((action, version),) = put_back_forms(
        worker.get(f"{base(world)}/history/2").get_data(as_text=True)
    )
    assert put_back(worker, action, version).status_code == 302
    again = put_back(worker, action, version)
    assert again.status_code == 302 and again.headers["Location"] == f"{base(world)}/history"
    assert names(app).count("Tante Lies") == 1


def test_the_diff_page_offers_to_put_back_a_person_removed_between_two_sessions(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    lies = worker.post(f"{base(world)}/persons", data=LIES).get_json()["person_id"]
    app.config["FROZEN_TODAY"] = DAY_TWO
    worker.post(f"{base(world)}/persons/{lies}/delete", data={"version": 1})
    page = worker.get(f"{base(world)}/history/diff?from=2&to=3").get_data(as_text=True)
    removed = page.split('id="persons-removed"', 1)[1].split("</ul>", 1)[0]
    assert "Tante Lies" in removed
    ((action, version),) = put_back_forms(removed)
    assert put_back(worker, action, version).status_code == 302
    assert "Tante Lies" in names(app)


def test_a_tie_removed_alone_is_put_back_from_the_diff_page(
    app: Flask, worker: FlaskClient, world: World
) -> None:
    with stored_case(app) as case:
        tie_id = case.ties[0].id
    worker.post(f"{base(world)}/ties/{tie_id}/delete", data={"version": 1})
    page = worker.get(f"{base(world)}/history/diff?from=1&to=2").get_data(as_text=True)
    removed = page.split('id="ties-removed"', 1)[1].split("</ul>", 1)[0]
    ((action, version),) = put_back_forms(removed)
    assert put_back(worker, action, version).status_code == 302
    with stored_case(app) as case:
        assert [(t.from_person.name, t.to_person.name, t.quality) for t in case.ties] == [
            ("Oma Jet", "Sara", "strong")
        ]


def test_only_who_maps_the_ecogram_puts_back_and_an_outsider_gets_404(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = DAY_ONE
    login(client, "worker")
    lies_with_a_tie_removed(app, client, world)
    ((action, version),) = put_back_forms(
        client.get(f"{base(world)}/history/2").get_data(as_text=True)
    )
    login(client, "colleague")
    assert put_back_forms(client.get(f"{base(world)}/history/2").get_data(as_text=True)) == []
    assert put_back(client, action, version).status_code == 403
    login(client, "outsider")
    assert put_back(client, action, version).status_code == 404
    assert client.get(f"{base(world)}/history/2").status_code == 404
    assert "Tante Lies" not in names(app)


def test_a_change_id_beyond_the_databases_integers_is_not_found(
    worker: FlaskClient, world: World
) -> None:
    answer = worker.post(f"{base(world)}/history/changes/{'9' * 40}/put-back", data={"version": 1})
    assert answer.status_code == 404
