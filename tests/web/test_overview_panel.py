"""The network overview and the ties as text beside the drawing, through the test client.

Case c1 (the design example): Baby Noor; Sara, her mother; Oma Jet, being assessed,
with a strong tie to Sara, energy flowing from Jet to Sara, support with childcare
and emotional support.
"""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import World, login

TANTE_LIES = {
    "name": "Tante Lies",
    "kind": "aunt_uncle",
    "sector": "family",
    "ring": "2",
    "household": "",
    "candidate": "to_explore",
}


def page_of(client: FlaskClient, world: World) -> str:
    response = client.get(f"/cases/{world.case_id}/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def cells(html: str, sector: str) -> list[str]:
    row = re.search(rf'<tr data-sector="{sector}">(.*?)</tr>', html, re.S)
    assert row is not None, sector
    return re.findall(r"<td>(\d+)</td>", row.group(1))


@pytest.mark.parametrize("username", ["worker", "colleague"])
def test_whoever_sees_the_case_sees_its_overview_per_sector_and_ring(
    client: FlaskClient, world: World, username: str
) -> None:
    login(client, username)
    html = page_of(client, world)

    assert "Overzicht van het netwerk" in html
    assert cells(html, "family") == ["2", "0", "0", "2"]  # Sara and Oma Jet, ring 1
    assert cells(html, "friends") == ["0", "0", "0", "0"]
    assert re.search(r'id="overview-mapped">2 / 40<', html)


def test_the_overview_counts_candidates_ties_and_isolated_persons(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    html = page_of(client, world)

    def count(list_id: str, key: str) -> str:
        found = re.search(
            rf'id="{list_id}".*?data-key="{key}">.*?<strong>(\d+)</strong>', html, re.S
        )
        assert found is not None, (list_id, key)
        return found.group(1)

    assert count("overview-candidates", "assessing") == "1"
    assert count("overview-candidates", "none") == "1"
    assert count("overview-qualities", "strong") == "1"
    assert count("overview-qualities", "conflict") == "0"
    assert re.search(r'id="overview-isolated-count">0<', html)


def test_every_tie_is_listed_as_text_with_quality_direction_and_support(
    client: FlaskClient, world: World
) -> None:
    login(client, "colleague")  # reading is enough: the list is the drawing's text
    html = page_of(client, world)

    item = re.search(r'<ul id="tie-list" class="tie-list">(.*?)</ul>', html, re.S)
    assert item is not None
    text = " ".join(re.sub(r"<[^>]+>", " ", item.group(1)).split())
    assert text == (
        "Oma Jet – Sara sterk · energie stroomt van Oma Jet naar Sara · steun: opvang, emotioneel"
    )
    assert re.search(r'<button type="button" class="tie-button" data-tie-id="\d+">', html)


def test_an_answer_of_the_side_panel_carries_the_overview_after_the_change(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    answer = client.post(f"/cases/{world.case_id}/persons", data=TANTE_LIES)

    assert answer.status_code == 201
    overview = answer.get_json()["graph"]["overview"]
    family = next(row for row in overview["sectors"] if row["key"] == "family")
    assert family["rings"] == [2, 1, 0] and family["total"] == 3
    assert [p["name"] for p in overview["isolated"]] == ["Tante Lies"]
    explore = next(c for c in overview["candidates"] if c["key"] == "to_explore")
    assert explore == {"key": "to_explore", "label": "te verkennen", "count": 1}
    assert overview["mapped"] == 3 and overview["target"] == 40


def test_an_outsider_gets_no_overview_but_a_404(client: FlaskClient, world: World) -> None:
    login(client, "outsider")

    assert client.get(f"/cases/{world.case_id}/").status_code == 404
    assert client.get(f"/cases/{world.case_id}/graph.json").status_code == 404
