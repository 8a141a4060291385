"""The trajectory tab: its timeline and deadlines, and every form that keeps it up to date.

The design example's trajectory (network Limburg, region Hasselt): referred on
5 January 2026 by a hospital while Noor was unborn, a care table on 6 January,
an evaluation on 17 February, € 1200 of guidance, and a stay in a residential
group from 5 to 30 January. The clock is frozen in every test.
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
from werkzeug.test import TestResponse

from ecogram import caseformat, storage
from ecogram.accounts import AuditEvent, User, assign
from ecogram.db import session_scope
from ecogram.models import Network, Region
from ecogram.vocabulary import NetworkSlug, Outcome
from tests.web.conftest import EXAMPLE, World, login, stored_case

TODAY = dt.date(2026, 2, 20)


@pytest.fixture(autouse=True)
def frozen(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def sign_in(client: FlaskClient, persona: str) -> None:
    """Signed in, in English: the messages the tests read are the English msgids."""
    login(client, persona)
    client.post("/language", data={"lang": "en"})


def url(world: World, suffix: str = "", case_id: int | None = None) -> str:
    return f"/cases/{case_id or world.case_id}/trajectory{suffix}"


def text(response: TestResponse) -> str:
    return response.get_data(as_text=True)


def version(app: Flask, of: str = "trajectory") -> int:
    with stored_case(app) as case:
        assert case.trajectory is not None
        row: Any = case.trajectory
        if of == "action":
            row = case.trajectory.actions[0]
        elif of == "stay":
            row = case.trajectory.stays[0]
        return int(row.version)


def audited(app: Flask, case_id: int) -> list[tuple[str, str, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.case_id == case_id))
        return [(e.username, e.action, e.outcome) for e in events]


def case_without_trajectory(app: Flask, world: World, *personas: str) -> int:
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["case"]["id"] = "c3"
    doc["trajectory"] = None
    with session_scope(app.extensions["ecogram.engine"]) as session:
        case = storage.save_case(session, caseformat.parse_document(doc))
        for persona in personas:
            user = session.get(User, world.users[persona])
            assert user is not None
            assign(session, user, case)
        return case.id


def ids_of(app: Flask, slug: NetworkSlug) -> tuple[int, list[int]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == slug))
        assert network is not None
        regions = session.scalars(select(Region.id).where(Region.network_id == network.id))
        return network.id, list(regions)


# --- the page ----------------------------------------------------------------------------


def test_the_timeline_lists_everything_dated_oldest_first(
    client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    page = text(client.get(url(world)))
    moments = re.findall(r'<li data-kind="(\w+)" data-date="([\d-]+)"', page)
    assert [kind for kind, _ in moments] == [
        "referral",
        "stay_start",
        "care_table",
        "budget",
        "stay_end",
        "evaluation",
    ]
    assert [day for _, day in moments] == sorted(day for _, day in moments)


def test_a_referral_while_the_child_is_unborn_is_marked_prenatal(
    client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    assert 'id="prenatal"' in text(client.get(url(world)))


def test_it_shows_the_next_evaluation_and_the_term_end_with_days_left(
    client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    page = text(client.get(url(world)))
    assert 'data-kind="evaluation" data-due="2026-03-31" data-days-left="39"' in page
    assert 'data-kind="term_end" data-due="2026-04-05" data-days-left="44"' in page


def test_an_overdue_deadline_is_marked_overdue(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = dt.date(2026, 4, 1)
    sign_in(client, "worker")
    page = text(client.get(url(world)))
    overdue = re.search(r'<li data-kind="evaluation"[^>]*data-days-left="-1" class="overdue"', page)
    assert overdue is not None
    assert 'data-kind="term_end" data-due="2026-04-05" data-days-left="4" class="soon"' in page
    assert 'data-code="EVALUATION_OVERDUE"' in page


def test_the_page_read_is_audited(app: Flask, client: FlaskClient, world: World) -> None:
    sign_in(client, "worker")
    client.get(url(world))
    assert ("worker", "view_trajectory", "ok") in audited(app, world.case_id)


def test_the_colleague_and_the_coordinator_see_the_trajectory_too(
    client: FlaskClient, world: World
) -> None:
    for persona in ("colleague", "coordinator"):
        sign_in(client, persona)
        assert client.get(url(world)).status_code == 200
        client.post("/logout")


def test_an_outsider_gets_404_and_nothing_is_stored(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "outsider")
    response = client.post(url(world, "/evaluations"), data={"date": "2026-02-19"})
    assert response.status_code == 404
    with stored_case(app) as case:
        assert case.trajectory is not None
        assert len(case.trajectory.evaluations) == 1
    assert ("outsider", "add_evaluation", "denied") in audited(app, world.case_id)


# --- starting a trajectory ---------------------------------------------------------------


def test_a_case_without_a_trajectory_offers_to_start_one(
    app: Flask, client: FlaskClient, world: World
) -> None:
    case_id = case_without_trajectory(app, world, "worker")
    sign_in(client, "worker")
    page = text(client.get(url(world, case_id=case_id)))
    assert 'id="create-trajectory"' in page
    assert page.count("<optgroup") >= 1  # regions grouped by network


def test_starting_a_trajectory_stores_the_referral(
    app: Flask, client: FlaskClient, world: World
) -> None:
    case_id = case_without_trajectory(app, world, "worker")
    network_id, regions = ids_of(app, NetworkSlug.LIMBURG)
    sign_in(client, "worker")
    form = {
        "network": str(network_id),
        "region": str(regions[0]),
        "kind": "care_figure_search",
        "referred": "2026-02-18",
        "referrer": "midwife",
        "mandated_service": "y",
    }
    response = client.post(url(world, "/start", case_id), data=form)
    assert response.status_code == 302
    with stored_case(app, "c3") as case:
        trajectory = case.trajectory
        assert trajectory is not None
        assert (trajectory.referred, trajectory.referrer.value) == (dt.date(2026, 2, 18), "midwife")
        assert trajectory.network is not None and trajectory.network.slug is NetworkSlug.LIMBURG
        assert trajectory.region is not None and trajectory.region.id == regions[0]
        assert trajectory.mandated_service and not trajectory.extended
    assert ("worker", "create_trajectory", "ok") in audited(app, case_id)


def test_a_region_of_another_network_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, world: World
) -> None:
    case_id = case_without_trajectory(app, world, "worker")
    limburg, _ = ids_of(app, NetworkSlug.LIMBURG)
    _, antwerp_regions = ids_of(app, NetworkSlug.ANTWERPEN)
    sign_in(client, "worker")
    form = {
        "network": str(limburg),
        "region": str(antwerp_regions[0]),
        "kind": "care_figure_search",
        "referred": "2026-02-18",
        "referrer": "midwife",
    }
    response = client.post(url(world, "/start", case_id), data=form)
    assert response.status_code == 400
    assert "Region (1G1P): Choose a region of the chosen network." in text(response)
    with stored_case(app, "c3") as case:
        assert case.trajectory is None


def test_a_case_coordinator_starts_trajectories_in_their_own_network_only(
    app: Flask, client: FlaskClient, world: World
) -> None:
    case_id = case_without_trajectory(app, world, "coordinator")
    antwerpen, _ = ids_of(app, NetworkSlug.ANTWERPEN)
    sign_in(client, "coordinator")
    page = text(client.get(url(world, case_id=case_id)))
    select = re.search(r'<select id="create-network" name="network"[^>]*>(.*?)</select>', page)
    assert select is not None
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1)) == ["Limburg"]
    form = {
        "network": str(antwerpen),
        "kind": "care_guarantee",
        "referred": "2026-02-18",
        "referrer": "hospital",
    }
    response = client.post(url(world, "/start", case_id), data=form)
    assert response.status_code == 400
    assert "Network: Not a valid choice" in text(response)


def test_a_second_trajectory_for_one_case_is_refused(client: FlaskClient, world: World) -> None:
    sign_in(client, "worker")
    response = client.post(url(world, "/start"), data={"referred": "2026-02-18"})
    assert response.status_code == 400
    assert "This case already has a trajectory." in text(response)


def test_adding_to_a_case_without_a_trajectory_is_refused_with_a_reason(
    app: Flask, client: FlaskClient, world: World
) -> None:
    case_id = case_without_trajectory(app, world, "worker")
    sign_in(client, "worker")
    response = client.post(url(world, "/care-tables", case_id), data={"date": "2026-02-19"})
    assert response.status_code == 400
    assert "This case has no trajectory yet." in text(response)


# --- the referral ------------------------------------------------------------------------


def referral(app: Flask, **changes: str) -> dict[str, str]:
    _, regions = ids_of(app, NetworkSlug.LIMBURG)
    return {
        "kind": "care_guarantee",
        "referred": "2026-01-04",
        "referrer": "child_and_family",
        "region": str(regions[0]),
        "version": str(version(app)),
    } | changes


def test_editing_the_referral_saves_it(app: Flask, client: FlaskClient, world: World) -> None:
    sign_in(client, "worker")
    response = client.post(url(world, "/referral"), data=referral(app))
    assert response.status_code == 302
    with stored_case(app) as case:
        trajectory = case.trajectory
        assert trajectory is not None
        assert trajectory.referred == dt.date(2026, 1, 4)
        assert trajectory.referrer.value == "child_and_family"
        assert trajectory.kind.value == "care_guarantee"
    assert ("worker", "edit_referral", "ok") in audited(app, world.case_id)


def test_a_stale_referral_edit_gets_a_conflict_page_with_both_values(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    stale = referral(app, version=str(version(app) - 1 or 99))
    response = client.post(url(world, "/referral"), data=stale)
    assert response.status_code == 409
    page = text(response)
    assert 'id="conflict"' in page
    assert "Child and Family (Kind en Gezin)" in page  # what was sent
    assert "hospital" in page  # what is stored
    with stored_case(app) as case:
        assert case.trajectory is not None and case.trajectory.referred == dt.date(2026, 1, 5)


def test_the_referral_cannot_move_past_a_recorded_care_table(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    response = client.post(url(world, "/referral"), data=referral(app, referred="2026-01-07"))
    assert response.status_code == 400
    assert "Referred on: There is already a care table on" in text(response)


# --- the term: one extension, and the end ---------------------------------------------------


def test_the_term_is_extended_once_and_a_second_extension_is_refused(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    first = client.post(url(world, "/extend"), data={"version": str(version(app))})
    assert first.status_code == 302
    assert 'data-kind="term_end" data-due="2026-07-05"' in text(client.get(url(world)))
    second = client.post(url(world, "/extend"), data={"version": str(version(app))})
    assert second.status_code == 400
    assert "already extended once; it cannot be extended again" in text(second)


@pytest.mark.parametrize(("today", "status"), [("2026-04-05", 302), ("2026-04-06", 400)])
def test_an_extension_is_possible_until_the_last_day_of_the_term(
    app: Flask, client: FlaskClient, world: World, today: str, status: int
) -> None:
    app.config["FROZEN_TODAY"] = dt.date.fromisoformat(today)
    sign_in(client, "worker")
    response = client.post(url(world, "/extend"), data={"version": str(version(app))})
    assert response.status_code == status
    if status == 400:
        assert "An extension must be decided before the term ends." in text(response)


def test_a_stale_extension_gets_a_conflict_and_changes_nothing(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "worker")
    response = client.post(url(world, "/extend"), data={"version": str(version(app) + 1)})
    assert response.status_code == 409
    with stored_case(app) as case:
        assert case.trajectory is not None and not case.trajectory.extended


def end_form(app: Flask, **changes: str) -> dict[str, str]:
    return {"ended": "2026-02-19", "outcome": "care_figure", "version": str(version(app))} | changes


def test_ending_the_trajectory_stores_the_date_and_the_outcome(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "coordinator")
    assert client.post(url(world, "/end"), data=end_form(app)).status_code == 302
    with stored_case(app) as case:
        trajectory = case.trajectory
        assert trajectory is not None
        assert (trajectory.ended, trajectory.outcome) == (dt.date(2026, 2, 19), Outcome.CARE_FIGURE)
    page = text(client.get(url(world)))
    assert 'id="no-deadlines"' in page
    again = client.post(url(world, "/end"), data=end_form(app))
    assert again.status_code == 400
    assert "The trajectory already ended on" in text(again)
    extend = client.post(url(world, "/extend"), data={"version": str(version(app))})
    assert "The trajectory has ended; it cannot be extended." in text(extend)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ended": "2026-02-21"}, "End date: A trajectory cannot end in the future."),
        ({"ended": "2026-01-04"}, "End date: This is before the referral"),
        ({"outcome": "moon"}, "Outcome: Not a valid choice"),
    ],
)
def test_a_bad_end_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, world: World, changes: dict[str, str], message: str
) -> None:
    sign_in(client, "worker")
    response = client.post(url(world, "/end"), data=end_form(app, **changes))
    assert response.status_code == 400
    assert message in text(response)
    with stored_case(app) as case:
        assert case.trajectory is not None and case.trajectory.ended is None
