"""The findings page shows exactly what `ecogram check` finds today, linked by id."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram import storage
from ecogram.accounts import AuditEvent
from ecogram.checks import check_case
from ecogram.db import session_scope
from ecogram.finding_codes import Code
from ecogram.findings import Finding, render
from ecogram.models import Case, Person
from tests.web.conftest import World, login
from webapp import findings as findings_page


@dataclass
class Item:
    code: str
    severity: str
    text: str = ""
    links: list[str] = field(default_factory=list)


class FindingsParser(HTMLParser):
    """The `<li>`s of `<ul id="findings">`, with their text and links."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Item] = []
        self.in_list = False
        self.seen_list = False
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "ul" and found.get("id") == "findings":
            self.in_list, self.seen_list, self.depth = True, True, 0
        if not self.in_list:
            return
        if tag == "ul":
            self.depth += 1
        if tag == "li" and "data-code" in found:
            self.items.append(Item(found["data-code"] or "", found["data-severity"] or ""))
        if tag == "a" and self.items:
            self.items[-1].links.append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if self.in_list and tag == "ul":
            self.depth -= 1
            self.in_list = self.depth > 0

    def handle_data(self, data: str) -> None:
        if self.in_list and self.items:
            self.items[-1].text += data


def findings_on_page(page: str) -> list[Item]:
    parser = FindingsParser()
    parser.feed(page)
    assert parser.seen_list, "the page has no <ul id=findings>"
    return parser.items


def load(app: Flask, case_id: int) -> tuple[list[Finding], dict[str, int]]:
    """What `ecogram check` finds today for the stored case, and its persons' ids by ref."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        ref = session.scalar(select(Case.ref).where(Case.id == case_id))
        case = storage.load_case(session, ref or "")
        assert case is not None
        return check_case(case, dt.date.today()), {p.ref: p.id for p in case.persons}


def url(world: World) -> str:
    return f"/cases/{world.case_id}/findings"


def test_it_shows_the_same_findings_as_ecogram_check_today_in_dutch(
    app: Flask, client: FlaskClient, world: World
) -> None:
    expected, _ids = load(app, world.case_id)
    assert expected, "the design example should have findings to show"
    login(client, "worker")
    response = client.get(url(world))
    assert response.status_code == 200
    items = findings_on_page(response.get_data(as_text=True))
    assert [(i.code, i.severity) for i in items] == [
        (f.code.value, f.severity.value) for f in expected
    ]
    for item, finding in zip(items, expected, strict=True):
        assert render(finding, "nl") in " ".join(item.text.split())


def test_it_shows_the_findings_in_english_after_choosing_english(
    app: Flask, client: FlaskClient, world: World
) -> None:
    expected, _ids = load(app, world.case_id)
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    items = findings_on_page(client.get(url(world)).get_data(as_text=True))
    assert len(items) == len(expected)
    for item, finding in zip(items, expected, strict=True):
        assert render(finding, "en") in " ".join(item.text.split())


def test_it_counts_the_findings_per_severity_and_links_to_each_group(
    app: Flask, client: FlaskClient, world: World
) -> None:
    expected, _ids = load(app, world.case_id)
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    page = client.get(url(world)).get_data(as_text=True)
    for severity in ("error", "warning", "info"):
        count = sum(f.severity.value == severity for f in expected)
        assert f'data-counts="{severity}" data-count="{count}"' in page
        assert f'href="#severity-{severity}"' in page
        # The first finding of each severity is where its count links to.
        assert page.count(f'id="severity-{severity}"') == 1
    errors = sum(f.severity.value == "error" for f in expected)
    assert f"{errors} errors" in page


def test_a_finding_about_a_person_links_to_that_person_on_the_ecogram_by_id(
    app: Flask, client: FlaskClient, world: World
) -> None:
    _found, ids = load(app, world.case_id)
    login(client, "worker")
    items = findings_on_page(client.get(url(world)).get_data(as_text=True))
    about_oma = [i for i in items if i.code == Code.REASSESSMENT_DUE]
    assert about_oma
    assert f"/cases/{world.case_id}/?person={ids['p3']}" in about_oma[0].links
    # A role finding also points to where roles are changed.
    assert f"/cases/{world.case_id}/roles" in about_oma[0].links


def test_an_anchor_finding_without_a_person_links_to_the_roles_page(
    client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = Finding.of(Code.ANCHOR_MISSING, date=dt.date(2026, 3, 1))
    monkeypatch.setattr(findings_page, "check_case", lambda case, at: [missing])
    login(client, "worker")
    [item] = findings_on_page(client.get(url(world)).get_data(as_text=True))
    assert (item.code, item.severity) == ("ANCHOR_MISSING", "error")
    assert item.links == [f"/cases/{world.case_id}/roles"]


def test_a_family_finding_prompt_links_to_who_else_on_the_ecogram(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    items = findings_on_page(client.get(url(world)).get_data(as_text=True))
    few = next(i for i in items if i.code == Code.FEW_PERSONS_MAPPED)
    assert few.links == [f"/cases/{world.case_id}/#who-else"]


def test_it_says_so_when_there_are_no_findings(
    client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(findings_page, "check_case", lambda case, at: [])
    login(client, "worker")
    page = client.get(url(world)).get_data(as_text=True)
    assert findings_on_page(page) == []
    assert 'id="findings-empty"' in page


def test_a_hostile_name_in_a_finding_is_escaped(
    app: Flask, client: FlaskClient, world: World
) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    with session_scope(app.extensions["ecogram.engine"]) as session:
        oma = session.scalars(
            select(Person).where(Person.case_id == world.case_id, Person.ref == "p3")
        ).one()
        oma.name = hostile
    login(client, "worker")
    page = client.get(url(world)).get_data(as_text=True)
    assert hostile not in page
    assert html.escape(hostile) in page


def test_looking_at_the_findings_is_audited(app: Flask, client: FlaskClient, world: World) -> None:
    login(client, "colleague")
    assert client.get(url(world)).status_code == 200
    with session_scope(app.extensions["ecogram.engine"]) as session:
        rows = session.execute(
            select(AuditEvent.username, AuditEvent.action, AuditEvent.outcome).where(
                AuditEvent.case_id == world.case_id
            )
        ).all()
    assert ("colleague", "view_findings", "ok") in [tuple(r) for r in rows]


def test_it_hides_the_findings_from_an_outsider(client: FlaskClient, world: World) -> None:
    login(client, "outsider")
    assert client.get(url(world)).status_code == 404
