"""The network pages: regions and organisations, for admins and coordinators.

The action plan has its own page (tests/web/test_plan.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug
from tests.web.conftest import World, login
from tests.web.rendered import parse
from tests.web.urlmap import snapshot

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def frozen_today(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def network_id(app: Flask, slug: NetworkSlug = NetworkSlug.LIMBURG) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        found = session.scalar(select(Network.id).where(Network.slug == slug))
        assert found is not None
        return found


def stored(app: Flask, slug: NetworkSlug = NetworkSlug.LIMBURG) -> dict[str, Any]:
    """What the database holds for a network, as plain values."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == slug))
        assert network is not None
        plan = network.action_plan
        return {
            "regions": {r.name: (r.id, r.version) for r in network.regions},
            "organisations": {o.name: (o.id, o.version) for o in network.organisations},
            "plan": None
            if plan is None
            else {
                "approved": plan.approved,
                "committed": plan.committed,
                "budget": plan.budget,
                "expertise_needs": plan.expertise_needs,
                "fund_holder": None if plan.fund_holder is None else plan.fund_holder.name,
                "regions": {c.region.name: c.committed for c in plan.region_commitments},
                "version": plan.version,
            },
        }


def actions(app: Flask) -> list[tuple[int | None, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return [(e.case_id, e.action) for e in session.scalars(select(AuditEvent))]


def sign_in(client: FlaskClient, username: str) -> None:
    """Signed in, in English, so messages can be checked by their msgids."""
    login(client, username)
    assert client.post("/language", data={"lang": "en"}).status_code == 302


@pytest.fixture
def limburg(app: Flask, client: FlaskClient, world: World) -> str:
    """Signed in as Limburg's network coordinator; the URL of the Limburg page (opened once)."""
    sign_in(client, "network_coordinator")
    url = f"/networks/{network_id(app)}"
    assert client.get(url).status_code == 200
    return url


# --- who may manage which network ------------------------------------------------------


def test_an_admin_manages_every_network(app: Flask, client: FlaskClient, world: World) -> None:
    sign_in(client, "admin")
    page = client.get("/networks").get_data(as_text=True)
    for slug in NetworkSlug:
        assert f'data-network="{slug.value}"' in page
        assert client.get(f"/networks/{network_id(app, slug)}").status_code == 200


def test_a_network_coordinator_manages_only_their_own_network(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "network_coordinator")
    page = client.get("/networks").get_data(as_text=True)
    assert 'data-network="limburg"' in page and 'data-network="antwerpen"' not in page
    antwerpen = network_id(app, NetworkSlug.ANTWERPEN)
    before = snapshot(app)
    assert client.get(f"/networks/{antwerpen}").status_code == 404
    assert client.post(f"/networks/{antwerpen}/regions", data={"name": "Kempen"}).status_code == 404
    assert client.get("/networks/999999").status_code == 404
    assert snapshot(app) == before
    assert client.post(f"/networks/{antwerpen}/plan", data={}).status_code == 404
    assert stored(app, NetworkSlug.ANTWERPEN)["plan"] is None


@pytest.mark.parametrize("persona", ["worker", "colleague", "outsider", "coordinator"])
def test_other_roles_get_404_on_every_network_page(
    app: Flask, client: FlaskClient, world: World, persona: str
) -> None:
    login(client, persona)
    limburg = network_id(app)
    assert client.get("/networks").status_code == 404
    assert client.get(f"/networks/{limburg}").status_code == 404
    assert client.post(f"/networks/{limburg}/regions", data={"name": "Genk"}).status_code == 404
    assert "Genk" not in stored(app)["regions"]


def test_the_network_page_shows_no_case_data(client: FlaskClient, limburg: str) -> None:
    page = client.get(limburg).get_data(as_text=True)
    assert "Hasselt" in page  # the region of the case is the network's
    for name in ("Baby Noor", "Sara", "Oma Jet"):
        assert name not in page
    # The case reference "c1" could turn up inside a random CSRF token, so only as text.
    assert ">c1<" not in page and '"c1"' not in page


# --- regions and organisations ---------------------------------------------------------


def test_a_coordinator_adds_renames_and_removes_a_region_and_each_change_is_audited(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    response = client.post(f"{limburg}/regions", data={"name": "  Genk "})
    assert response.status_code == 302 and response.location.endswith(limburg)
    region_id, version = stored(app)["regions"]["Genk"]
    renamed = client.post(
        f"{limburg}/regions/{region_id}", data={"name": "Genk-Centrum", "version": version}
    )
    assert renamed.status_code == 302
    _, version = stored(app)["regions"]["Genk-Centrum"]
    removed = client.post(f"{limburg}/regions/{region_id}/remove", data={"version": version})
    assert removed.status_code == 302
    assert set(stored(app)["regions"]) == {"Hasselt"}
    assert [a for a in actions(app) if a[1].endswith(":limburg")] == [
        (None, "add_region:limburg"),
        (None, "rename_region:limburg"),
        (None, "remove_region:limburg"),
    ]


def test_an_admin_adds_and_removes_an_organisation(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "admin")
    url = f"/networks/{network_id(app, NetworkSlug.WEST_VLAANDEREN)}"
    assert client.post(f"{url}/organisations", data={"name": "CKG (fictief)"}).status_code == 302
    state = stored(app, NetworkSlug.WEST_VLAANDEREN)
    organisation_id, version = state["organisations"]["CKG (fictief)"]
    gone = client.post(f"{url}/organisations/{organisation_id}/remove", data={"version": version})
    assert gone.status_code == 302
    assert stored(app, NetworkSlug.WEST_VLAANDEREN)["organisations"] == {}
    assert (None, "remove_organisation:west-vlaanderen") in actions(app)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Name"),
        ("   ", "Name"),
        ("x" * 201, "Name"),
        ("x" * 121, "Use at most 120 characters."),
        ("hasselt", "already has one called hasselt"),
        ("Genk\x00", "Remove the control"),
    ],
)
def test_a_bad_region_name_is_refused_with_a_message_and_nothing_is_stored(
    app: Flask, client: FlaskClient, limburg: str, name: str, message: str
) -> None:
    before = snapshot(app)
    response = client.post(f"{limburg}/regions", data={"name": name})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'role="alert"' in page and message in page
    assert snapshot(app) == before


def test_a_rename_to_a_name_already_taken_is_refused_naming_the_field(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    client.post(f"{limburg}/regions", data={"name": "Genk"})
    region_id, version = stored(app)["regions"]["Genk"]
    before = snapshot(app)
    response = client.post(
        f"{limburg}/regions/{region_id}", data={"name": "HASSELT", "version": version}
    )
    assert response.status_code == 400
    assert "Name: The network already has one called HASSELT." in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_a_region_in_use_is_not_removed(app: Flask, client: FlaskClient, limburg: str) -> None:
    region_id, version = stored(app)["regions"]["Hasselt"]
    before = snapshot(app)
    response = client.post(f"{limburg}/regions/{region_id}/remove", data={"version": version})
    assert response.status_code == 400
    assert "Trajectories referred in Hasselt: 1." in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_the_fund_holder_is_not_removed(app: Flask, client: FlaskClient, limburg: str) -> None:
    client.post(f"{limburg}/organisations", data={"name": "Pleegzorg Maasland (fictief)"})
    holder_id, version = stored(app)["organisations"]["Pleegzorg Maasland (fictief)"]
    url = f"https://localhost{limburg}/plan"
    form = next(
        f for f in parse(url, client.get(url).get_data(as_text=True)).forms if f.id == "plan-form"
    )
    chosen = dict(form.data()) | {"fund_holder": str(holder_id)}
    assert client.post(f"{limburg}/plan", data=chosen).status_code == 302
    response = client.post(f"{limburg}/organisations/{holder_id}/remove", data={"version": version})
    assert response.status_code == 400
    assert "Choose another fund holder first." in response.get_data(as_text=True)
    assert "Pleegzorg Maasland (fictief)" in stored(app)["organisations"]


def test_a_rename_from_a_stale_page_gets_409_and_overwrites_nothing(
    app: Flask, client: FlaskClient, limburg: str
) -> None:
    region_id, version = stored(app)["regions"]["Hasselt"]
    first = client.post(
        f"{limburg}/regions/{region_id}", data={"name": "Hasselt-Stad", "version": version}
    )
    assert first.status_code == 302
    stale = client.post(
        f"{limburg}/regions/{region_id}", data={"name": "Hasselt-Oost", "version": version}
    )
    assert stale.status_code == 409
    assert 'id="conflict"' in stale.get_data(as_text=True)
    assert set(stored(app)["regions"]) == {"Hasselt-Stad"}
    removal = client.post(f"{limburg}/regions/{region_id}/remove", data={"version": version})
    assert removal.status_code == 409


def test_a_region_of_another_network_is_not_found_through_this_one(
    app: Flask, client: FlaskClient, world: World
) -> None:
    sign_in(client, "admin")
    antwerpen = f"/networks/{network_id(app, NetworkSlug.ANTWERPEN)}"
    client.post(f"{antwerpen}/regions", data={"name": "Kempen"})
    kempen_id, version = stored(app, NetworkSlug.ANTWERPEN)["regions"]["Kempen"]
    limburg = f"/networks/{network_id(app)}"
    response = client.post(f"{limburg}/regions/{kempen_id}/remove", data={"version": version})
    assert response.status_code == 404
    assert "Kempen" in stored(app, NetworkSlug.ANTWERPEN)["regions"]
