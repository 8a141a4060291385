"""The child's voice at the care table, and the decisions that became care-plan actions.

The design example's trajectory (see test_trajectory), clock frozen on 20 February 2026:
its one care table, of 6 January, did not record the child's perspective.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import World, stored_case
from tests.web.test_trajectory import TODAY, sign_in, url

PERSPECTIVE = "Noor zoekt Oma Jet op als ze moe is.\nBij Sara komt ze tot rust."


@pytest.fixture(autouse=True)
def frozen(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def trajectory_page(client: FlaskClient, world: World) -> str:
    return client.get(url(world)).get_data(as_text=True)


def test_a_care_table_without_the_childs_perspective_is_a_warning_on_the_trajectory_page(
    client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    page = trajectory_page(client, world)
    assert 'data-code="CHILD_PERSPECTIVE_MISSING"' in page
    assert 'data-perspective="missing"' in page


def test_a_care_table_is_stored_with_the_childs_perspective_in_its_own_field(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    data = {"date": "2026-02-19", "present": ["family"], "child_perspective": PERSPECTIVE}
    assert client.post(url(world, "/care-tables"), data=data).status_code == 302
    with stored_case(app) as case:
        assert case.trajectory is not None
        table = case.trajectory.care_tables[-1]
        assert (table.date, table.child_perspective) == (dt.date(2026, 2, 19), PERSPECTIVE)
    page = trajectory_page(client, world)
    assert 'data-perspective="recorded"' in page and "Noor zoekt Oma Jet op" in page
    # Only the care table of 6 January still lacks it.
    assert page.count('data-code="CHILD_PERSPECTIVE_MISSING"') == 1


@pytest.mark.parametrize("perspective", ["Noor\x1b[31m", "x" * 5001])
def test_a_bad_perspective_is_refused_naming_the_field_and_nothing_is_stored(
    app: Flask, client: FlaskClient, world: World, perspective: str
) -> None:
    sign_in(client, "worker")
    data = {"date": "2026-02-19", "child_perspective": perspective}
    answer = client.post(url(world, "/care-tables"), data=data)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert 'id="care-table-child_perspective-error"' in page
    assert re.search(r'aria-invalid="true"[^>]*id="care-table-child_perspective"', page)
    with stored_case(app) as case:
        assert case.trajectory is not None and len(case.trajectory.care_tables) == 1


def test_an_action_records_the_care_table_that_decided_it(
    app: Flask, client: FlaskClient, world: World
) -> None:
    with stored_case(app) as case:
        assert case.trajectory is not None
        table_id = case.trajectory.care_tables[0].id
    sign_in(client, "worker")
    data = {"what": "Oma Jet haalt Noor op woensdag", "care_table": str(table_id)}
    assert client.post(url(world, "/actions"), data=data).status_code == 302
    with stored_case(app) as case:
        assert case.trajectory is not None
        action = case.trajectory.actions[-1]
        assert action.care_table is not None and action.care_table.id == table_id
    decisions = trajectory_page(client, world).split('class="decisions"', 1)[1].split("</ul>")[0]
    assert "Oma Jet haalt Noor op woensdag" in decisions


def test_an_action_of_a_care_table_of_another_case_is_refused(
    app: Flask, client: FlaskClient, world: World
) -> None:
    with stored_case(app, "c2") as other:
        assert other.trajectory is not None
        foreign = other.trajectory.care_tables[0].id
    sign_in(client, "worker")
    answer = client.post(url(world, "/actions"), data={"what": "Visit", "care_table": str(foreign)})
    assert answer.status_code == 400
    assert 'id="action-care_table-error"' in answer.get_data(as_text=True)
    with stored_case(app) as case:
        assert case.trajectory is not None and case.trajectory.actions == []
