"""Closing and reopening a case in the app, and the day until which its file is kept."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import World, login
from tests.web.rendered import parse

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def frozen_today(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


def test_the_closing_tab_says_until_when_a_case_closed_today_would_be_kept(
    client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    case_page = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert f'href="/cases/{world.case_id}/closing"' in case_page
    page = client.get(f"/cases/{world.case_id}/closing").get_data(as_text=True)
    # Expected on 1 March 2026: kept until the day before the 35th birthday.
    assert 'id="kept-if-closed-today" data-kept-until="2061-02-28"' in page


def test_closing_shows_the_day_the_file_is_kept_until_to_everyone_on_the_case(
    client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECOGRAM_RETENTION_UNTIL_AGE", "0")  # 10 years after closing only
    login(client, "coordinator")
    form = parse(
        "https://localhost/",
        client.get(f"/cases/{world.case_id}/closing").get_data(as_text=True),
    )
    close = next(f for f in form.forms if f.id == "close-case")
    assert close.value("on") == "2026-11-23"
    assert client.post(f"/cases/{world.case_id}/close", data=dict(close.data())).status_code == 302
    page = client.get(f"/cases/{world.case_id}/closing").get_data(as_text=True)
    assert 'data-kept-until="2036-11-23"' in page  # 3653 days: ten years with three leap days
    login(client, "worker")
    header = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert 'id="case-closed"' in header and "23 november 2036" in header
    assert f'href="/cases/{world.case_id}/closing"' not in header
    assert client.get(f"/cases/{world.case_id}/closing").status_code == 403


def test_the_coordinator_reopens_a_closed_case_from_the_closing_tab(
    client: FlaskClient, world: World
) -> None:
    login(client, "coordinator")
    client.post(f"/cases/{world.case_id}/close", data={"on": "2026-11-20"})
    page = parse(
        "https://localhost/",
        client.get(f"/cases/{world.case_id}/closing").get_data(as_text=True),
    )
    reopen = next(f for f in page.forms if f.id == "reopen-case")
    assert client.post(reopen.action, data=dict(reopen.data())).status_code == 302
    after = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert 'id="case-closed"' not in after
