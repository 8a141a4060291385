"""The action plan page: written by the network, submitted, approved by an admin, amended."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.networks import add_organisation, add_region
from ecogram.plan_vocabulary import PlanStatus
from ecogram.self_scans import ScanChange, save_version
from ecogram.vocabulary import NetworkSlug
from tests.web.conftest import World, login
from tests.web.rendered import Form, parse
from tests.web.urlmap import audit_rows, snapshot

TODAY = dt.date(2026, 11, 23)
SUBMITTED = dt.date(2026, 3, 2)  #: the day the network submits, before Opgroeien decides


def network_id(app: Flask) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.LIMBURG))
        assert found is not None
        return found


def stored(app: Flask) -> dict[str, Any]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
        assert network is not None and network.action_plan is not None
        plan = network.action_plan
        return {
            "status": plan.status,
            "approved": plan.approved,
            "committed": plan.committed,
            "budget": plan.budget,
            "revision": plan.revision,
            "fund_holder": None if plan.fund_holder is None else plan.fund_holder.name,
            "lines": [(line.category.value, line.what, line.amount) for line in plan.budget_lines],
            "activities": [
                (a.need, a.kind.value, a.planned, a.cost, a.done) for a in plan.activities
            ],
            "revisions": [(r.number, r.reason) for r in plan.revisions],
            "regions": {c.region.name: c.committed for c in plan.region_commitments},
        }


def actions(app: Flask) -> list[str]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return [e.action for e in session.scalars(select(AuditEvent))]


@pytest.fixture
def limburg(app: Flask, client: FlaskClient, world: World) -> str:
    """Limburg with a fund holder and a self-scan; signed in, in English, as its coordinator."""
    app.config["FROZEN_TODAY"] = SUBMITTED
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
        assert network is not None
        add_organisation(session, network, "Pleegzorg Maasland (fictief)")
        add_region(session, network, "Genk")
        save_version(session, network, ScanChange("An", dt.date(2026, 1, 5), "", {}), 0, SUBMITTED)
    sign_in(client, "network_coordinator")
    return f"/networks/{network_id(app)}/plan"


def sign_in(client: FlaskClient, username: str) -> None:
    login(client, username)
    assert client.post("/language", data={"lang": "en"}).status_code == 302


def rendered(client: FlaskClient, url: str, form_id: str) -> Form:
    page = parse(f"https://localhost{url}", client.get(url).get_data(as_text=True))
    return next(f for f in page.forms if f.id == form_id)


def complete(client: FlaskClient, url: str, **overrides: str) -> dict[str, str]:
    """The plan form as rendered, filled in as a coordinator would for a complete plan."""
    form = rendered(client, url, "plan-form")
    scan = next(v for k, v in form.data() if k == "self_scan")
    data = dict(form.data()) | {
        "self_scan": scan or next(o for o, _ in form.selects[0].options if o),
        "committed": "12",
        "fund_holder": next(o for o, _ in form.selects[1].options if o),
        "activities-0-need": "IMH-screening",
        "activities-0-kind": "training",
        "activities-0-planned": "3",
        "activities-0-cost": "4500",
        "lines-0-category": "expertise",
        "lines-0-what": "Vorming",
        "lines-0-amount": "6000",
        "lines-1-category": "trajectories",
        "lines-1-what": "Trajecten",
        "lines-1-amount": "26004,50",
    }
    return data | overrides


def test_the_coordinator_writes_the_plan_with_activities_and_budget_lines(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    response = client.post(limburg, data=complete(client, limburg))
    assert response.status_code == 302, response.get_data(as_text=True)
    plan = stored(app)
    assert (plan["status"], plan["committed"], plan["budget"]) == (
        PlanStatus.DRAFT,
        12,
        Decimal("32004.50"),
    )
    assert plan["lines"] == [
        ("expertise", "Vorming", Decimal("6000.00")),
        ("trajectories", "Trajecten", Decimal("26004.50")),
    ]
    assert plan["activities"] == [("IMH-screening", "training", 3, Decimal("4500.00"), 0)]
    assert plan["fund_holder"] == "Pleegzorg Maasland (fictief)"
    assert "edit_action_plan:limburg" in actions(app)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("committed", "-1", "Trajectories committed in total"),
        ("lines-0-amount", "abc", "Amount (euro)"),
        ("lines-0-amount", "90000.001", "Amount (euro)"),
        ("lines-1-amount", "84000.01", "more than the 90000.00 euro available"),
        ("activities-0-planned", "0", "Sessions planned"),
        ("activities-0-need", "", "Name the expertise need"),
        ("fund_holder", "999999", "Fund holder"),
    ],
)
def test_a_bad_plan_value_is_refused_naming_it_and_nothing_is_stored(
    app: Flask, client: FlaskClient, limburg: str, field: str, value: str, message: str
) -> None:
    data = complete(client, limburg, **{field: value})
    before = snapshot(app)
    response = client.post(limburg, data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    answer = parse(f"https://localhost{limburg}", page)
    assert answer.invalid or answer.refusals
    assert audit_rows(app, response.headers["X-Request-Id"]) == [
        ("edit_action_plan:limburg", "not_saved")
    ]
    after = snapshot(app)  # the refusal's audit row is the only new row
    assert len(after.pop("audit_event")) == len(before.pop("audit_event")) + 1
    assert after == before


def test_submitting_an_incomplete_plan_is_refused_saying_what_is_missing(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    response = client.post(
        f"{limburg}/submit", data=dict(rendered(client, limburg, "submit-plan").data())
    )
    assert response.status_code == 400
    assert "Choose the self-scan the plan builds on" in response.get_data(as_text=True)
    assert stored(app)["status"] is PlanStatus.DRAFT


def test_the_network_submits_an_admin_approves_and_the_year_starts_that_day(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    assert client.post(limburg, data=complete(client, limburg)).status_code == 302
    submit = rendered(client, limburg, "submit-plan")
    assert client.post(submit.action, data=dict(submit.data())).status_code == 302
    assert stored(app)["status"] is PlanStatus.SUBMITTED
    page = client.get(limburg).get_data(as_text=True)
    assert 'id="approve-plan"' not in page  # a network never approves its own plan
    assert client.post(f"{limburg}/approve", data={"approved": "2026-11-01"}).status_code == 404

    client.post("/logout")
    app.config["FROZEN_TODAY"] = TODAY
    sign_in(client, "admin")
    approve = rendered(client, limburg, "approve-plan")
    data = dict(approve.data()) | {"approved": "2026-03-23"}
    response = client.post(approve.action, data=data)
    assert response.status_code == 302
    plan = stored(app)
    assert (plan["status"], plan["approved"], plan["revision"]) == (
        PlanStatus.APPROVED,
        dt.date(2026, 3, 23),
        1,
    )
    page = client.get(limburg).get_data(as_text=True)
    assert "The plan year runs from 23 March 2026 up to and including 22 March 2027." in page
    assert "approve_action_plan:limburg" in actions(app)


def test_an_approval_in_the_future_or_before_submission_is_refused_naming_the_date(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    assert client.post(limburg, data=complete(client, limburg)).status_code == 302
    submit = rendered(client, limburg, "submit-plan")
    client.post(submit.action, data=dict(submit.data()))
    client.post("/logout")
    app.config["FROZEN_TODAY"] = TODAY
    sign_in(client, "admin")
    approve = rendered(client, limburg, "approve-plan")
    for day, message in (("2026-11-24", "cannot be in the future"), ("2026-03-01", "on or after")):
        response = client.post(approve.action, data=dict(approve.data()) | {"approved": day})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
        assert (
            "approved"
            in parse(f"https://localhost{limburg}", response.get_data(as_text=True)).invalid
        )
    assert stored(app)["status"] is PlanStatus.SUBMITTED


def approve(app: Flask, client: FlaskClient, limburg: str) -> None:
    assert client.post(limburg, data=complete(client, limburg)).status_code == 302
    submit = rendered(client, limburg, "submit-plan")
    client.post(submit.action, data=dict(submit.data()))
    client.post("/logout")
    app.config["FROZEN_TODAY"] = TODAY
    sign_in(client, "admin")
    form = rendered(client, limburg, "approve-plan")
    client.post(form.action, data=dict(form.data()) | {"approved": "2026-03-23"})
    client.post("/logout")
    sign_in(client, "network_coordinator")


def test_a_change_after_approval_asks_why_and_keeps_each_version(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    approve(app, client, limburg)
    form = dict(rendered(client, limburg, "plan-form").data()) | {"committed": "15"}
    refused = client.post(limburg, data=form)
    assert refused.status_code == 400
    assert "reason" in parse(f"https://localhost{limburg}", refused.get_data(as_text=True)).invalid
    amended = client.post(limburg, data=form | {"reason": "Een extra regio"})
    assert amended.status_code == 302
    plan = stored(app)
    assert (plan["committed"], plan["revision"], plan["approved"]) == (15, 2, dt.date(2026, 3, 23))
    assert plan["revisions"] == [(1, ""), (2, "Een extra regio")]
    first = client.get(f"{limburg}/versions/1").get_data(as_text=True)
    assert "<dd>12</dd>" in first  # version 1 keeps the commitment as approved
    page = client.get(limburg).get_data(as_text=True)
    assert "In force: version 2." in page


def test_sessions_held_are_recorded_on_an_approved_plan(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    approve(app, client, limburg)
    page = parse(f"https://localhost{limburg}", client.get(limburg).get_data(as_text=True))
    form = next(f for f in page.forms if "/sessions" in f.action)
    assert client.post(form.action, data=dict(form.data()) | {"done": "2"}).status_code == 302
    assert stored(app)["activities"][0][4] == 2
    assert stored(app)["revision"] == 1  # the year's record is no amendment
    bad = client.post(form.action, data=dict(form.data()) | {"done": "-1"})
    assert bad.status_code == 400


@pytest.mark.parametrize("value", ["1" + "0" * 308, "NaN", "inf", "99999999999999999999"])
def test_an_extreme_number_of_sessions_held_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, limburg: str, value: str
) -> None:
    approve(app, client, limburg)
    page = parse(f"https://localhost{limburg}", client.get(limburg).get_data(as_text=True))
    form = next(f for f in page.forms if "/sessions" in f.action)
    answer = client.post(form.action, data=dict(form.data()) | {"done": value})
    assert answer.status_code == 400
    text = answer.get_data(as_text=True)
    assert "done" in parse(f"https://localhost{limburg}", text).invalid
    assert "Sessions held:" in text
    assert stored(app)["activities"][0][4] == 0


def test_a_plan_saved_from_a_stale_page_gets_the_conflict_page_and_overwrites_nothing(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    old = complete(client, limburg)
    assert client.post(limburg, data=old | {"committed": "20"}).status_code == 302
    stale = client.post(limburg, data=old | {"committed": "30"})
    assert stale.status_code == 409
    assert 'id="conflict"' in stale.get_data(as_text=True)
    assert stored(app)["committed"] == 20


@pytest.mark.parametrize("name", ["network_coordinator", "admin"])
def test_the_plan_is_saved_exactly_as_the_page_renders_it(
    app: Flask, client: FlaskClient, limburg: str, name: str
) -> None:
    client.post("/logout")
    sign_in(client, name)
    form = rendered(client, limburg, "plan-form")
    response = client.post(form.action, data=dict(form.data()) | {"committed": "7"})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert stored(app)["committed"] == 7
