"""The trajectory's records: care tables, the care plan, evaluations, budget and stays.

The design example's trajectory, with the clock frozen on 20 February 2026
(see test_trajectory for the example's dates).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import object_session

from ecogram.models import CarePlanAction
from tests.web.conftest import World, stored_case
from tests.web.test_trajectory import TODAY, audited, sign_in, text, url, version


@pytest.fixture(autouse=True)
def frozen(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def add_action(app: Flask, ref: str = "c1", what: str = "Oma Jet visits") -> int:
    with stored_case(app, ref) as case:
        assert case.trajectory is not None
        action = CarePlanAction(what=what, who="Oma Jet", due=dt.date(2026, 2, 25), done=False)
        case.trajectory.actions.append(action)
        session = object_session(case)
        assert session is not None
        session.flush()
        return action.id


# --- care tables, the care plan and evaluations --------------------------------------------


def test_a_care_table_is_stored_with_who_was_present(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    data = {"date": "2026-02-19", "present": ["experts", "family", "experts"]}
    assert client.post(url(world, "/care-tables"), data=data).status_code == 302
    with stored_case(app) as case:
        assert case.trajectory is not None
        table = case.trajectory.care_tables[-1]
        assert (table.date, table.present) == (dt.date(2026, 2, 19), ["family", "experts"])
    assert ("worker", "add_care_table", "ok") in audited(app, world.case_id)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2026-02-19", "present": ["aunt"]}, "Present: "),
        ({"date": "2026-01-04"}, "Date of the care table: This is before the referral"),
        ({"date": ""}, "Date of the care table: "),
        ({"date": "20226-01-04"}, "Date of the care table: "),
    ],
)
def test_a_bad_care_table_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, world: World, data: dict[str, Any], message: str
) -> None:
    sign_in(client, "worker")
    response = client.post(url(world, "/care-tables"), data=data)
    assert response.status_code == 400
    assert message in text(response)
    with stored_case(app) as case:
        assert case.trajectory is not None and len(case.trajectory.care_tables) == 1


def test_an_action_is_added_and_shows_as_a_deadline_until_it_is_done(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "colleague")
    data = {"what": "Oma Jet visits the crèche", "who": "Oma Jet", "due": "2026-02-25"}
    assert client.post(url(world, "/actions"), data=data).status_code == 302
    page = text(client.get(url(world)))
    assert 'data-kind="care_plan_action" data-due="2026-02-25" data-days-left="5"' in page
    with stored_case(app) as case:
        assert case.trajectory is not None
        action = case.trajectory.actions[0]
        action_id, stored = action.id, (action.what, action.who, action.done)
    assert stored == ("Oma Jet visits the crèche", "Oma Jet", False)
    done = url(world, f"/actions/{action_id}/done")
    assert client.post(done, data={"version": str(version(app, "action"))}).status_code == 302
    assert 'data-kind="care_plan_action"' not in text(client.get(url(world)))
    assert ("colleague", "complete_care_plan_action", "ok") in audited(app, world.case_id)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"what": "   "}, "What: This field is required."),
        ({"what": "x" * 301}, "What: Field cannot be longer than 300 characters."),
        ({"what": "Visit\u0007"}, "What: Use letters, digits and punctuation only."),
        ({"what": "Visit", "who": "y" * 201}, "Who: Field cannot be longer than 200 characters."),
        ({"what": "Visit", "due": "2026-01-01"}, "By when (optional): This is before the referral"),
    ],
)
def test_a_bad_action_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, world: World, data: dict[str, str], message: str
) -> None:
    sign_in(client, "worker")
    response = client.post(url(world, "/actions"), data=data)
    assert response.status_code == 400
    assert message in text(response)
    with stored_case(app) as case:
        assert case.trajectory is not None and case.trajectory.actions == []


def test_completing_an_action_from_a_stale_page_gets_a_conflict(
    app: Flask, client: FlaskClient, world: World
) -> None:
    action_id = add_action(app)
    sign_in(client, "worker")
    stale = str(version(app, "action") + 1)
    response = client.post(url(world, f"/actions/{action_id}/done"), data={"version": stale})
    assert response.status_code == 409
    assert "Oma Jet visits" in text(response)
    with stored_case(app) as case:
        assert case.trajectory is not None and not case.trajectory.actions[0].done


def test_an_action_of_another_case_is_not_found(
    app: Flask, client: FlaskClient, world: World
) -> None:
    other = add_action(app, "c2", "Somebody else's action")
    sign_in(client, "worker")
    response = client.post(url(world, f"/actions/{other}/done"), data={"version": "1"})
    assert response.status_code == 404
    with stored_case(app, "c2") as case:
        assert case.trajectory is not None and not case.trajectory.actions[0].done


def test_an_evaluation_is_added_and_moves_the_next_one(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    assert client.post(url(world, "/evaluations"), data={"date": "2026-02-20"}).status_code == 302
    page = text(client.get(url(world)))
    assert 'data-kind="evaluation" data-due="2026-04-03"' in page
    before = client.post(url(world, "/evaluations"), data={"date": "2026-01-01"})
    assert before.status_code == 400
    assert "Date of the evaluation: This is before the referral" in text(before)


# --- budget and stays ------------------------------------------------------------------------


def budget_item(**changes: str) -> dict[str, str]:
    return {
        "date": "2026-02-19",
        "category": "residence",
        "amount": "800.50",
        "what": "CKG",
    } | changes


def test_a_case_coordinator_records_a_budget_item(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "coordinator")
    assert client.post(url(world, "/budget"), data=budget_item()).status_code == 302
    with stored_case(app) as case:
        assert case.trajectory is not None
        item = case.trajectory.budget_items[-1]
        assert (str(item.amount), item.category.value, item.what) == ("800.50", "residence", "CKG")
    assert 'id="budget-summary" data-total="2000.50" data-residence="800.50"' in text(
        client.get(url(world))
    )


def test_a_context_worker_reads_the_budget_but_may_not_record_it(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    page = text(client.get(url(world)))
    assert 'id="budget-items"' in page and 'id="budget-read-only"' in page
    assert 'id="add-budget-item"' not in page
    assert client.post(url(world, "/budget"), data=budget_item()).status_code == 403
    with stored_case(app) as case:
        assert case.trajectory is not None and len(case.trajectory.budget_items) == 1
    rows = audited(app, world.case_id)
    assert ("worker", "add_budget_item", "denied") in rows
    assert ("worker", "add_budget_item", "ok") not in rows


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "12.345"}, "Amount (euro): Use at most 2 decimals (cents)."),
        ({"amount": "-5"}, "Amount (euro): Number must be between 0 and 10000000."),
        ({"amount": "NaN"}, "Amount (euro): Enter an amount in euro"),
        ({"amount": "twelve"}, "Amount (euro): Not a valid decimal value."),
        ({"date": "2026-01-01"}, "Date: This is before the referral"),
        ({"category": "holiday"}, "Category: Not a valid choice"),
        ({"what": "a\nb"}, "What it pays for: Use letters, digits and punctuation only."),
    ],
)
def test_a_bad_budget_item_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, world: World, changes: dict[str, str], message: str
) -> None:
    sign_in(client, "coordinator")
    response = client.post(url(world, "/budget"), data=budget_item(**changes))
    assert response.status_code == 400
    assert message in text(response)
    with stored_case(app) as case:
        assert case.trajectory is not None and len(case.trajectory.budget_items) == 1


def test_a_stay_is_recorded_and_may_have_begun_before_the_referral(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    data = {"kind": "hospital", "start": "2026-01-02", "end": ""}
    assert client.post(url(world, "/stays"), data=data).status_code == 302
    with stored_case(app) as case:
        assert case.trajectory is not None
        stay = case.trajectory.stays[-1]
        assert (stay.kind.value, stay.start, stay.end) == ("hospital", dt.date(2026, 1, 2), None)


def test_a_stay_ending_before_it_starts_is_refused(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    data = {"kind": "hospital", "start": "2026-02-10", "end": "2026-02-09"}
    response = client.post(url(world, "/stays"), data=data)
    assert response.status_code == 400
    assert "Last day (optional): The last day cannot be before the first day." in text(response)


def test_an_open_stay_is_ended_and_a_stale_page_gets_a_conflict(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    data = {"kind": "crisis_foster_family", "start": "2026-02-10"}
    client.post(url(world, "/stays"), data=data)
    with stored_case(app) as case:
        assert case.trajectory is not None
        stay = case.trajectory.stays[-1]
        stay_id, current = stay.id, stay.version
    end = url(world, f"/stays/{stay_id}/end")
    early = client.post(end, data={"end": "2026-02-09", "version": str(current)})
    assert early.status_code == 400
    assert "Last day: The last day cannot be before the first day." in text(early)
    stale = client.post(end, data={"end": "2026-02-19", "version": str(current + 1)})
    assert stale.status_code == 409
    assert client.post(end, data={"end": "2026-02-19", "version": str(current)}).status_code == 302
    with stored_case(app) as case:
        assert case.trajectory is not None
        assert case.trajectory.stays[-1].end == dt.date(2026, 2, 19)
