"""A refused form's error summary leads to each field in error, and that field says so.

Every form with an error summary (the assessment, the intake, the account pages, the
network's action plan and the history's comparison) lists each field in error as a link
to the field's id, and the field carries aria-invalid="true". A browser test
(tests/browser/test_every_page.py) follows such a link and finds focus on the field.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.db import session_scope
from ecogram.imh_checklist import Item
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug
from tests.web.conftest import World, login, person_id
from tests.web.rendered import parse
from tests.web.urlmap import snapshot

TODAY = dt.date(2026, 11, 23)


class Summary(HTMLParser):
    """The links inside `.error-summary`, and the attributes of every element with an id."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  #: (href, text)
        self.by_id: dict[str, dict[str, str]] = {}
        self._depth = 0  #: >0 while inside the summary
        self._href: str | None = None
        self._text = ""
        self.feed(page)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if "id" in attrs:
            self.by_id[attrs["id"]] = attrs | {"tag": tag}
        if self._depth:
            self._depth += tag == "div"
        elif "error-summary" in attrs.get("class", "").split():
            self._depth = 1
        if self._depth and tag == "a":
            self._href, self._text = attrs.get("href", ""), ""

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join(self._text.split())))
            self._href = None
        elif tag == "div" and self._depth:
            self._depth -= 1


def assert_links_lead_to_invalid_fields(page: str, expected: dict[str, str]) -> None:
    """`expected` maps each field id the summary must link to, to words its link must hold."""
    summary = Summary(page)
    hrefs = {href: text for href, text in summary.links}
    assert set(hrefs) == {f"#{field_id}" for field_id in expected}, summary.links
    for field_id, words in expected.items():
        assert words in hrefs[f"#{field_id}"]
        field = summary.by_id[field_id]
        assert field["tag"] in ("input", "select", "textarea")
        assert field.get("aria-invalid") == "true", field


def test_the_assessment_summary_links_to_the_date_and_the_rating_in_error(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = TODAY
    login(client, "colleague")
    client.post("/language", data={"lang": "en"})
    jet = person_id(app, "Oma Jet")
    data = {f"rating-{item.value}": "S" for item in Item}
    data |= {"date": "2026-13-01", "assessor": "Assessor B", "rating-protection": "X"}
    response = client.post(f"/cases/{world.case_id}/persons/{jet}/assessment", data=data)
    assert response.status_code == 400
    assert_links_lead_to_invalid_fields(
        response.get_data(as_text=True),
        {"date": "Date", "rating-protection": "Rating – protection"},
    )


def test_the_intake_summary_links_to_the_missing_first_name_and_the_missing_date(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = TODAY
    login(client, "coordinator")
    client.post("/language", data={"lang": "en"})
    page = parse("https://localhost/cases/new", client.get("/cases/new").get_data(as_text=True))
    form = next(f for f in page.forms if f.id == "intake-form")
    data = dict(form.data()) | {"child_name": "", "referred": "2026-11-20"}
    before = snapshot(app)
    response = client.post("/cases/new", data=data)
    assert response.status_code == 400
    assert_links_lead_to_invalid_fields(
        response.get_data(as_text=True),
        {"intake-child_name": "First name of the child", "intake-birth_date": "Birth date"},
    )
    assert snapshot(app) == before


def test_the_new_account_summary_links_to_the_username_already_taken(
    client: FlaskClient, world: World
) -> None:
    login(client, "admin")
    client.post("/language", data={"lang": "en"})
    page = parse("https://localhost/accounts/new", client.get("/accounts/new").get_data(True))
    form = next(f for f in page.forms if f.id == "account-form")
    data = dict(form.data()) | {"display_name": "Another worker", "username": "worker"}
    response = client.post("/accounts/new", data=data)
    assert response.status_code == 400
    assert_links_lead_to_invalid_fields(
        response.get_data(as_text=True), {"account-username": "Username"}
    )


def test_the_action_plan_summary_links_to_the_budget_in_error(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["FROZEN_TODAY"] = TODAY
    login(client, "network_coordinator")
    client.post("/language", data={"lang": "en"})
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == NetworkSlug.LIMBURG))
        assert network is not None
        url = f"/networks/{network.id}"
    page = parse(f"https://localhost{url}", client.get(url).get_data(as_text=True))
    form = next(f for f in page.forms if f.id == "plan-form")
    response = client.post(f"{url}/plan", data=dict(form.data()) | {"budget": "abc"})
    assert response.status_code == 400
    assert_links_lead_to_invalid_fields(response.get_data(as_text=True), {"plan-budget": "Budget"})


def test_the_history_comparison_links_to_both_session_pickers_in_error(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    response = client.get(f"/cases/{world.case_id}/history/diff?from=x&to=999")
    assert response.status_code == 400
    assert_links_lead_to_invalid_fields(
        response.get_data(as_text=True),
        {"diff-from": "From session", "diff-to": "To session"},
    )
