"""The findings page: the case's findings on the app's day, in words, linked by id."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AuditEvent
from ecogram.db import session_scope
from ecogram.finding_codes import Code
from ecogram.findings import Dated, Finding
from ecogram.models import Person
from tests.web.conftest import World, login
from webapp import findingrows

# The design example on 1 March 2026: Oma Jet's respite started on 1 February on an
# assessment that rates only sensitivity (S) and safe haven (A), so every other item is
# U: a knock-out error for each knock-out item of respite, a warning for each other one.
# Sara is the anchor and Oma Jet the trusted person; the evaluation of 17 February is
# recent and the term runs to 5 April; the care table of 6 January did not record the
# child's perspective. Two persons besides the child, all in the family.
TODAY = dt.date(2026, 3, 1)
KNOCKOUTS = ("life_stability", "with_parents", "protection", "record_checks", "home_practical")
BELOW = ("secure_base", "mentalizing", "commitment", "availability", "with_services", "own_network")
EXPECTED = (
    [("ROLE_KNOCKOUT", "error")] * len(KNOCKOUTS)
    + [("ROLE_BELOW_MINIMUM", "warning")] * len(BELOW)
    + [("CHILD_PERSPECTIVE_MISSING", "warning")]
    + [("FEW_PERSONS_MAPPED", "info")]
    + [("EMPTY_SECTOR", "info")] * 4
)


@pytest.fixture(autouse=True)
def frozen_day(app: Flask) -> None:
    app.config["FROZEN_TODAY"] = TODAY


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


def person_ids(app: Flask, case_id: int) -> dict[str, int]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        persons = session.scalars(select(Person).where(Person.case_id == case_id))
        return {person.name: person.id for person in persons}


def url(world: World) -> str:
    return f"/cases/{world.case_id}/findings"


def words_of(item: Item) -> str:
    return " ".join(item.text.split())


SAID = {
    "nl": (
        "Bevindingen op 1 maart 2026",
        "fout Oma Jet scoort U (onbekend) op stabiliteit in het eigen leven. Voor de rol "
        "respijtzorg is dat een knock-outitem met minimum A (voldoende): zo kan de rol niet "
        "opgenomen worden.",
        "waarschuwing Oma Jet scoort U (onbekend) op veilige basis, onder het minimum A "
        "(voldoende) voor de rol respijtzorg.",
        "melding Er zijn pas 2 personen rond het kind in kaart gebracht.",
    ),
    "en": (
        "Findings on 1 March 2026",
        "error Oma Jet is rated U (unknown) on life stability. For the role respite this is a "
        "knock-out item with minimum A (adequate): the role cannot be taken like this.",
        "warning Oma Jet is rated U (unknown) on secure base, below the minimum A (adequate) "
        "for the role respite.",
        "note Only 2 persons around the child are mapped so far.",
    ),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_it_shows_the_findings_of_the_day_naming_persons_not_ids(
    client: FlaskClient, world: World, lang: str
) -> None:
    title, knockout, below, mapped = SAID[lang]
    login(client, "worker")
    client.post("/language", data={"lang": lang})
    response = client.get(url(world))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert title in page
    items = findings_on_page(page)
    assert [(i.code, i.severity) for i in items] == EXPECTED
    assert words_of(items[0]).startswith(knockout)
    assert words_of(items[5]).startswith(below)
    assert words_of(items[12]).startswith(mapped)
    for item in items:
        assert "(p3)" not in item.text and item.code not in item.text


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", {"error": "5 fouten", "warning": "7 waarschuwingen", "info": "5 meldingen"}),
        ("en", {"error": "5 errors", "warning": "7 warnings", "info": "5 notes"}),
    ],
)
def test_it_counts_the_findings_per_severity_and_links_to_each_group(
    client: FlaskClient, world: World, lang: str, words: dict[str, str]
) -> None:
    login(client, "worker")
    client.post("/language", data={"lang": lang})
    page = client.get(url(world)).get_data(as_text=True)
    for severity, count in (("error", 5), ("warning", 7), ("info", 5)):
        assert f'data-counts="{severity}" data-count="{count}"' in page
        assert f'href="#severity-{severity}">{words[severity]}</a>' in page
        # The first finding of each severity is where its count links to.
        assert page.count(f'id="severity-{severity}"') == 1


def test_a_finding_about_a_person_links_to_that_person_and_to_the_roles_page(
    app: Flask, client: FlaskClient, world: World
) -> None:
    oma = person_ids(app, world.case_id)["Oma Jet"]
    login(client, "worker")
    items = findings_on_page(client.get(url(world)).get_data(as_text=True))
    assert items[0].links == [
        f"/cases/{world.case_id}/?person={oma}",
        f"/cases/{world.case_id}/roles",
    ]


def test_an_anchor_finding_without_a_person_links_to_the_roles_page(
    client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = Finding.of(Code.ANCHOR_MISSING, date=dt.date(2026, 3, 1))
    monkeypatch.setattr(findingrows, "check_ahead", lambda case, at, days: [Dated(missing, at)])
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


def test_a_trajectory_finding_links_to_the_trajectory_page(
    client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = Finding.of(
        Code.EVALUATION_OVERDUE,
        detail="evaluation_last",
        last=dt.date(2026, 1, 6),
        days=54,
        limit=42,
    )
    monkeypatch.setattr(findingrows, "check_ahead", lambda case, at, days: [Dated(late, at)])
    login(client, "worker")
    [item] = findings_on_page(client.get(url(world)).get_data(as_text=True))
    assert item.links == [f"/cases/{world.case_id}/trajectory"]


def test_it_says_so_when_there_are_no_findings(
    client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(findingrows, "check_ahead", lambda case, at, days: [])
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


def test_upcoming_findings_are_listed_after_todays_with_the_day_they_start(
    client: FlaskClient, world: World
) -> None:
    # The term of the design example runs to 5 April 2026: exceeded from 6 April.
    login(client, "worker")
    client.post("/language", data={"lang": "en"})
    page = client.get(url(world)).get_data(as_text=True)
    upcoming = page.split('id="findings-upcoming"', 1)[1].split("</ul>", 1)[0]
    assert 'data-code="TERM_EXCEEDED" data-severity="warning" data-on="2026-04-06"' in upcoming
    assert '<time class="finding-on" datetime="2026-04-06">from 6 April 2026</time>' in upcoming
    assert "TERM_EXCEEDED" not in [item.code for item in findings_on_page(page)]
    assert 'data-counts="upcoming"' in page and "Upcoming" in page


def test_without_upcoming_findings_it_says_so(
    client: FlaskClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(findingrows, "check_ahead", lambda case, at, days: [])
    login(client, "worker")
    page = client.get(url(world)).get_data(as_text=True)
    assert 'id="upcoming-empty"' in page and 'id="findings-upcoming"' not in page
    assert "Niets komend" in page
