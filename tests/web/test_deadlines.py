"""The deadlines page: every deadline of every case I may see, most urgent first.

The clock is frozen on 1 April 2026. The design example (Baby Noor, referred
5 January, last evaluation 17 February) then has its evaluation one day
overdue (31 March) and its term ending in four days (5 April).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram import caseformat, storage
from ecogram.accounts import AuditEvent, User, assign
from ecogram.db import session_scope
from tests.statements import statements
from tests.web.conftest import EXAMPLE, World, login, stored_case

TODAY = dt.date(2026, 4, 1)


@pytest.fixture(autouse=True)
def frozen(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def add_case(
    app: Flask,
    world: World,
    ref: str,
    child: str,
    personas: tuple[str, ...] = ("worker",),
    **t: Any,
) -> int:
    """A copy of the design example with its own child and trajectory dates."""
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["case"]["id"] = ref
    doc["persons"][0]["name"] = child
    doc["trajectory"].update({"care_tables": [], "evaluations": [], "budget": [], "stays": []})
    doc["trajectory"].update(t)
    with session_scope(app.extensions["ecogram.engine"]) as session:
        case = storage.save_case(session, caseformat.parse_document(doc))
        for persona in personas:
            user = session.get(User, world.users[persona])
            assert user is not None
            assign(session, user, case)
        return case.id


def rows(page: str) -> list[tuple[int, str, str, int]]:
    """(case id, kind, due, days left) of every row, in page order."""
    return [
        (int(case_id), kind, due, int(left))
        for case_id, kind, due, left in re.findall(
            r'<tr data-case-id="(\d+)" data-kind="(\w+)" data-due="([\d-]+)" '
            r'data-days-left="(-?\d+)"',
            page,
        )
    ]


def audited(app: Flask, action: str) -> list[tuple[int | None, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return [(e.case_id, e.username) for e in events]


@pytest.fixture
def several(app: Flask, world: World) -> dict[str, int]:
    """Three more cases of the worker: late for a care table, an action due, and ended."""
    return {
        # Referred 25 March, no care table: due 27 March, 5 days late.
        "late": add_case(app, world, "c-late", "Baby Lina", referred="2026-03-25"),
        # Care table 20 March, an open action due 3 April and a done one due 1 April.
        "action": add_case(
            app,
            world,
            "c-action",
            "Baby Mo",
            referred="2026-03-19",
            care_tables=[{"date": "2026-03-20", "present": ["family"]}],
            care_plan=[
                {"what": "Oma Mia visits", "who": "Oma Mia", "due": "2026-04-03", "done": False},
                {"what": "Safety plan", "who": "", "due": "2026-04-01", "done": True},
            ],
        ),
        "ended": add_case(
            app,
            world,
            "c-ended",
            "Baby Jo",
            referred="2026-01-05",
            care_tables=["2026-01-06"],
            ended="2026-03-01",
            outcome="home",
        ),
    }


def test_it_lists_every_deadline_of_my_cases_most_urgent_first(
    client: FlaskClient, world: World, several: dict[str, int]
) -> None:
    login(client, "worker")
    found = rows(client.get("/deadlines").get_data(as_text=True))
    assert found == [
        (several["late"], "care_table", "2026-03-27", -5),
        (world.case_id, "evaluation", "2026-03-31", -1),
        (several["action"], "care_plan_action", "2026-04-03", 2),
        (world.case_id, "term_end", "2026-04-05", 4),
        (several["action"], "evaluation", "2026-05-01", 30),
        # Without a care table the six-weekly rhythm runs from the referral of 25 March.
        (several["late"], "evaluation", "2026-05-06", 35),
        (several["action"], "term_end", "2026-06-19", 79),
        (several["late"], "term_end", "2026-06-25", 85),
    ]
    assert all(case_id != several["ended"] for case_id, *_ in found)


def test_overdue_rows_are_marked_and_say_how_late(
    client: FlaskClient, world: World, several: dict[str, int]
) -> None:
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    page = client.get("/deadlines").get_data(as_text=True)
    assert page.count('class="overdue"') == 2
    assert "5 days late" in page and "in 2 days" in page


def test_each_row_names_the_child_and_links_to_the_case_trajectory(
    client: FlaskClient, world: World, several: dict[str, int]
) -> None:
    login(client, "worker")
    page = client.get("/deadlines").get_data(as_text=True)
    assert f'<a href="/cases/{several["late"]}/trajectory">Baby Lina</a>' in page
    assert f'<a href="/cases/{world.case_id}/trajectory">Baby Noor</a>' in page
    assert "Oma Mia visits" in page
    assert "Baby Jo" not in page  # ended: nothing falls due


def test_every_case_shown_gets_one_audit_row_and_no_other_case_does(
    app: Flask, client: FlaskClient, world: World, several: dict[str, int]
) -> None:
    login(client, "worker")
    client.get("/deadlines")
    shown = audited(app, "view_deadlines")
    assert sorted(shown) == sorted(
        (case_id, "worker") for case_id in (world.case_id, several["late"], several["action"])
    )


def test_i_see_only_the_deadlines_of_cases_i_may_see(
    client: FlaskClient, world: World, several: dict[str, int]
) -> None:
    login(client, "outsider")
    found = rows(client.get("/deadlines").get_data(as_text=True))
    assert {case_id for case_id, *_ in found} == {world.other_case_id}


def test_a_case_coordinator_sees_the_deadlines_of_the_network(
    app: Flask, client: FlaskClient, world: World
) -> None:
    add_case(app, world, "c-net", "Baby Ada", personas=(), referred="2026-03-30")
    login(client, "coordinator")
    page = client.get("/deadlines").get_data(as_text=True)
    assert "Baby Ada" in page and "Baby Noor" in page


def test_a_network_coordinator_sees_no_case_even_when_assigned(
    app: Flask, client: FlaskClient, world: World
) -> None:
    persona = "network_coordinator"
    add_case(app, world, "c-assigned", "Baby Ada", personas=(persona,), referred="2026-03-30")
    login(client, persona)
    response = client.get("/deadlines")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="no-deadlines"' in page
    assert rows(page) == []
    assert "Baby" not in page
    assert audited(app, "view_deadlines") == []


def test_an_admin_sees_the_deadlines_of_the_cases_they_are_assigned_to(
    app: Flask, client: FlaskClient, world: World
) -> None:
    # The same cases as on "My cases": an admin works on a case only when assigned.
    ada = add_case(app, world, "c-assigned", "Baby Ada", personas=("admin",), referred="2026-03-30")
    login(client, "admin")
    page = client.get("/deadlines").get_data(as_text=True)
    assert {case_id for case_id, *_ in rows(page)} == {ada}
    assert "Baby Ada" in page and "Baby Noor" not in page
    assert audited(app, "view_deadlines") == [(ada, "admin")]
    assert f"/cases/{ada}/" in client.get("/").get_data(as_text=True)


def test_an_open_trajectory_keeps_its_deadlines_long_after_its_term(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = dt.date(2027, 1, 1)
    login(client, "worker")
    found = rows(client.get("/deadlines").get_data(as_text=True))
    assert [(kind, left < 0) for _, kind, _, left in found] == [
        ("evaluation", True),
        ("term_end", True),
    ]


def test_with_nothing_due_the_page_says_so(app: Flask, client: FlaskClient, world: World) -> None:
    with stored_case(app, "c2") as case:
        assert case.trajectory is not None
        case.trajectory.ended = dt.date(2026, 3, 1)
    login(client, "outsider")
    page = client.get("/deadlines").get_data(as_text=True)
    assert 'id="no-deadlines"' in page
    assert rows(page) == []


def test_the_page_loads_all_cases_in_a_constant_number_of_queries(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    engine = app.extensions["ecogram.engine"]
    with statements(engine) as few:
        client.get("/deadlines")
    for n in range(5):
        add_case(app, world, f"c-more{n}", f"Baby {n}", referred="2026-03-2" + str(n))
    with statements(engine) as many:
        page = client.get("/deadlines").get_data(as_text=True)
    assert len({case_id for case_id, *_ in rows(page)}) == 6
    assert len(selects(many)) == len(selects(few))


def selects(seen: list[str]) -> list[str]:
    return [statement for statement in seen if statement.lstrip().upper().startswith("SELECT")]
