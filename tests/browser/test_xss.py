"""Names are text, never markup: hostile names run no script on any page.

A case whose people carry script in their names, household, notes and assessor,
and a user whose display name is script, is opened page by page in Chromium. A
dialog (alert) would prove a script ran; the guard also fails on one. Each page
must show the hostile strings as literal text and hold no element they would
have made.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from ecogram import caseformat, storage
from ecogram.accounts import User, UserRole, add_user, assign, record_audit
from ecogram.db import session_scope
from tests.browser.guard import PageGuard
from tests.browser.live import EXAMPLE, PASSWORD, PASSWORDS, LiveServer, wait_for_ecogram

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
ATTRIBUTE = '"><svg onload=alert(1)>'
NOTE = "<script>alert('note')</script>"
ASSESSOR = "<b onmouseover=alert(1)>Assessor</b>"
VIEWER = "<img src=y onerror=alert('viewer')>"
PANEL = "<img src=z onerror=alert('panel')>"

# What a page built from the hostile strings as HTML would contain; the app itself
# has no inline scripts and no on* attributes at all (CSP and WEB.md forbid them).
MARKUP_PROBE = """() => ({
  images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src')),
  svgOnload: document.querySelectorAll('svg[onload]').length,
  handlers: [...document.querySelectorAll('*')]
    .filter(e => [...e.attributes].some(a => a.name.startsWith('on')))
    .map(e => e.outerHTML.slice(0, 120)),
  // A data block (the ecogram page's JSON) is never run; any other script without src would be.
  inlineScripts: [...document.querySelectorAll('script:not([src])')]
    .filter(e => e.type !== 'application/json').length,
})"""

# The text a user sees, plus what sits in form fields and options.
SHOWN_TEXT = """() => [document.title, document.body.innerText]
  .concat([...document.querySelectorAll('input, textarea')].map(e => e.value))
  .concat([...document.querySelectorAll('option')].map(e => e.textContent))
  .join('\\n')"""


@dataclass(frozen=True)
class HostileCase:
    case_id: int
    grandmother_id: int  #: named IMG; assessed, with a respite role


@pytest.fixture(scope="module")
def hostile(live_server: LiveServer) -> HostileCase:
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["case"]["id"] = "xss"
    names = {"p1": SCRIPT, "p2": "Sara", "p3": IMG}
    for person in doc["persons"]:
        person["name"] = names[person["id"]]
    doc["persons"].append(
        {"id": "p4", "name": ATTRIBUTE, "kind": "aunt_uncle", "sector": "family", "ring": 2}
    )
    doc["ties"].append({"from": "p4", "to": "p2", "quality": "strong", "flow": "both"})
    doc["assessments"][0]["notes"] = {"sensitivity": NOTE}
    doc["assessments"][0]["assessor"] = ASSESSOR
    doc["trajectory"]["budget"][0]["what"] = NOTE
    with session_scope(live_server.engine) as session:
        parsed = caseformat.parse_document(doc)
        # The case format only takes id-like household keys; the database takes any text.
        parsed.persons[1].household = ATTRIBUTE
        case = storage.save_case(session, parsed)
        viewer = add_user(
            session,
            username="viewer",
            password=PASSWORD,
            role=UserRole.CONTEXT_WORKER,
            display_name=VIEWER,
        )
        assign(session, viewer, case)
        worker = session.scalar(select(User).where(User.username == "worker"))
        assert worker is not None
        assign(session, worker, case)
        record_audit(
            session, user=viewer, case_id=case.id, action=NOTE, outcome=ATTRIBUTE, request_id="x"
        )
        grandmother = next(p for p in case.persons if p.name == IMG)
        return HostileCase(case.id, grandmother.id)


PASSWORDS["viewer"] = PASSWORD  # the user made above, so sign_in() can log in as them

# (page, path template, user, strings that must show as literal text)
PAGES = [
    ("my cases", "/", "viewer", [SCRIPT, VIEWER]),
    ("ecogram", "/cases/{case}/", "worker", [SCRIPT, IMG, ATTRIBUTE]),
    ("assessments", "/cases/{case}/assessments", "worker", [SCRIPT, IMG]),
    ("assessment", "/cases/{case}/persons/{grandmother}/assessment", "worker", [IMG, NOTE]),
    ("roles", "/cases/{case}/roles", "worker", [SCRIPT, IMG]),
    ("findings", "/cases/{case}/findings", "worker", [SCRIPT, IMG]),
    ("audit", "/cases/{case}/audit", "coordinator", [SCRIPT, NOTE]),
]


def assert_inert(page: Page, guard: PageGuard, expected: list[str]) -> None:
    probe = page.evaluate(MARKUP_PROBE)
    assert probe == {"images": [], "svgOnload": 0, "handlers": [], "inlineScripts": 0}, probe
    shown = page.evaluate(SHOWN_TEXT)
    missing = [text for text in expected if text not in shown]
    assert not missing, f"not shown as literal text: {missing}"
    assert guard.dialogs == [], guard.dialogs


@pytest.mark.parametrize(("name", "path", "user", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_hostile_names_run_no_script_and_show_as_text(
    page: Page,
    guard: PageGuard,
    sign_in: Callable[[str], None],
    live_server: LiveServer,
    hostile: HostileCase,
    name: str,
    path: str,
    user: str,
    expected: list[str],
) -> None:
    sign_in(user)
    url = live_server.url + path.format(case=hostile.case_id, grandmother=hostile.grandmother_id)
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{name}: {url}"
    if name == "ecogram":
        wait_for_ecogram(page)
    assert_inert(page, guard, expected)
    if name == "ecogram":
        labels = page.evaluate("() => window.ecogramPage.labelBoxes().map(l => l.text)")
        assert any(IMG in label for label in labels), labels


def test_a_hostile_name_typed_into_the_side_panel_stays_text(
    page: Page,
    guard: PageGuard,
    sign_in: Callable[[str], None],
    live_server: LiveServer,
    hostile: HostileCase,
) -> None:
    sign_in("worker")
    page.goto(f"{live_server.url}/cases/{hostile.case_id}/")
    wait_for_ecogram(page)
    form = page.locator("#add-person")
    form.locator("[name=name]").fill(PANEL)
    form.locator("button[type=submit]").click()
    page.locator("#person-list li", has_text=PANEL).wait_for()
    page.locator("#person-list li", has_text=PANEL).locator("button").click()
    page.locator("#person-detail").wait_for(state="visible")
    assert_inert(page, guard, [PANEL, IMG, SCRIPT])
    assert PANEL in page.locator("#person-detail").inner_text()
