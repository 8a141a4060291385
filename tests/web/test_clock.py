"""Every page that needs today asks the app's one clock (`FROZEN_TODAY` in tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import World, login, person_id

#: The design example's respite role for Oma Jet starts on 2026-02-01; its trajectory
#: was referred on 2026-01-05, so its 3-month term is exceeded from April on.
BEFORE_THE_ROLE = dt.date(2026, 1, 20)
LONG_AFTER = dt.date(2031, 7, 15)


def freeze(app: Flask, day: dt.date) -> None:
    app.config["FROZEN_TODAY"] = day


def test_the_findings_page_judges_the_case_on_the_frozen_day(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")

    freeze(app, BEFORE_THE_ROLE)
    early = client.get(f"/cases/{world.case_id}/findings").get_data(as_text=True)
    freeze(app, LONG_AFTER)
    late = client.get(f"/cases/{world.case_id}/findings").get_data(as_text=True)

    def today(page: str) -> str:
        return page.split('id="upcoming-title"', 1)[0]

    assert 'data-code="TERM_EXCEEDED"' not in today(early)
    assert 'data-code="TERM_EXCEEDED" data-severity="warning" data-on=' in early  # upcoming
    assert 'data-code="TERM_EXCEEDED"' in today(late)


def test_the_ecogram_data_counts_findings_on_the_frozen_day(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")

    freeze(app, BEFORE_THE_ROLE)
    early = client.get(f"/cases/{world.case_id}/graph.json").get_json()
    freeze(app, dt.date(2026, 3, 1))
    running = client.get(f"/cases/{world.case_id}/graph.json").get_json()

    # Oma Jet's knock-out items are unrated: errors only once her respite role runs.
    assert early["findings"]["error"] == 0
    assert running["findings"]["error"] > 0


def assessment_page(app: Flask, world: World) -> str:
    return f"/cases/{world.case_id}/persons/{person_id(app, 'Oma Jet')}/assessment"


def roles_page(app: Flask, world: World) -> str:
    return f"/cases/{world.case_id}/roles"


@pytest.mark.parametrize(
    ("persona", "page"),
    [
        ("colleague", assessment_page),  # the new assessment's date
        ("worker", roles_page),  # the proposed end of an open role
    ],
)
def test_a_form_proposes_the_frozen_day(
    app: Flask,
    client: FlaskClient,
    world: World,
    persona: str,
    page: Callable[[Flask, World], str],
) -> None:
    login(client, persona)
    freeze(app, LONG_AFTER)

    response = client.get(page(app, world))

    assert response.status_code == 200
    assert 'value="2031-07-15"' in response.get_data(as_text=True)
