"""axe-core (WCAG 2.1 A and AA rules) on the login, case list, ecogram, assessment, roles,
findings and trajectory pages, and on the front door: intake, team, closing and the account
pages.

No violation of impact serious or critical may remain. axe is injected with
Playwright's `page.evaluate`, which goes through the DevTools protocol and is not
subject to the page's CSP (`script-src 'self'`), so the pages are checked with
their real CSP in force; `bypass_csp` is not needed.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from sqlalchemy import select

from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug
from tests.browser.live import LiveServer, wait_for_ecogram

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def assert_accessible(axe: Axe, page: Page) -> None:
    results = axe.run(page, options=AXE_OPTIONS)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:8])
        for v in blocking
    ]
    assert not blocking, f"axe on {page.url}:\n  " + "\n  ".join(lines)


def test_the_login_page_has_no_serious_accessibility_violations(
    page: Page, live_server: LiveServer, axe: Axe
) -> None:
    page.goto(f"{live_server.url}/login")
    assert_accessible(axe, page)


def test_the_case_list_has_no_serious_accessibility_violations(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer, axe: Axe
) -> None:
    sign_in("contextwerker")
    page.goto(f"{live_server.url}/")
    assert page.locator("table.case-list tbody tr").count() == 5
    assert_accessible(axe, page)


def test_the_ecogram_page_has_no_serious_accessibility_violations(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer, axe: Axe
) -> None:
    sign_in("contextwerker")
    page.goto(f"{live_server.url}/cases/{live_server.case_id('demo-2')}/")
    wait_for_ecogram(page)
    assert_accessible(axe, page)
    # The person detail panel opens on the same page; check it open as well.
    page.locator("#person-list li button").nth(1).click()
    page.locator("#person-detail").wait_for(state="visible")
    assert_accessible(axe, page)


def test_the_assessment_page_has_no_serious_accessibility_violations(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer, axe: Axe
) -> None:
    sign_in("worker")
    case_id = live_server.case_id("c1")
    page.goto(f"{live_server.url}/cases/{case_id}/assessments")
    with page.expect_navigation():
        page.locator('a[href$="/assessment"]').first.click()
    assert page.locator("form#assessment").count() == 1
    assert_accessible(axe, page)


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("coordinator", "/cases/new"),
        ("coordinator", "/cases/{demo-2}/team"),
        ("coordinator", "/cases/{demo-2}/closing"),
        ("beheer", "/accounts"),
        ("beheer", "/accounts/new"),
        ("beheer", "/accounts/1"),
    ],
)
def test_the_front_door_pages_have_no_serious_accessibility_violations(
    page: Page,
    sign_in: Callable[[str], None],
    live_server: LiveServer,
    axe: Axe,
    username: str,
    path: str,
) -> None:
    sign_in(username)
    page.goto(live_server.url + path.replace("{demo-2}", str(live_server.case_id("demo-2"))))
    assert page.locator("main form, main table").count() > 0
    assert_accessible(axe, page)


@pytest.mark.parametrize(
    ("username", "slug", "part"),
    [
        ("netwerk", NetworkSlug.LIMBURG, "self-scan"),
        ("netwerk", NetworkSlug.LIMBURG, "plan"),
        ("netwerk", NetworkSlug.LIMBURG, "year-report"),
        ("beheer", NetworkSlug.VLAAMS_BRABANT_BRUSSEL, "plan"),  # submitted: the approval form
    ],
)
def test_the_network_year_pages_have_no_serious_accessibility_violations(
    page: Page,
    sign_in: Callable[[str], None],
    live_server: LiveServer,
    axe: Axe,
    username: str,
    slug: NetworkSlug,
    part: str,
) -> None:
    with session_scope(live_server.engine) as session:
        network_id = session.scalar(select(Network.id).where(Network.slug == slug))
    sign_in(username)
    page.goto(f"{live_server.url}/networks/{network_id}/{part}")
    assert page.locator("main form, main table").count() > 0
    assert_accessible(axe, page)


def test_the_dashboard_with_its_breakdowns_has_no_serious_accessibility_violations(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer, axe: Axe
) -> None:
    sign_in("netwerk")
    page.goto(f"{live_server.url}/dashboard")
    assert page.locator("#table-endings").count() == 1
    assert_accessible(axe, page)


def test_the_roles_page_with_a_preview_and_the_findings_page_have_no_serious_violations(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer, axe: Axe
) -> None:
    sign_in("contextwerker")
    case_url = f"{live_server.url}/cases/{live_server.case_id('demo-2')}"
    page.goto(f"{case_url}/roles")
    form = page.locator("form#add-role")
    form.locator("select[name=person]").select_option(label="Buurvrouw Maria")
    form.locator("select[name=role]").select_option("play_family")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator("#add-role-preview #add-role-reason").count() == 1
    assert_accessible(axe, page)
    page.goto(f"{case_url}/findings")
    assert page.locator("#findings-upcoming li").count() >= 1
    assert_accessible(axe, page)


def test_the_removal_dialog_has_no_serious_accessibility_violations(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer, axe: Axe
) -> None:
    sign_in("worker")
    page.goto(f"{live_server.url}/cases/{live_server.case_id('c1')}/")
    wait_for_ecogram(page)
    page.locator("#edit-tie").evaluate("form => form.closest('section').hidden = false")
    page.locator("#person-list li button").nth(1).click()
    page.locator("#person-detail").wait_for(state="visible")
    # Not awaited: the promise settles only when the dialog closes.
    page.evaluate("() => { window.ecogramConfirm({question: 'Remove?', consequences: 'Gone.'}); }")
    page.locator("#confirm-dialog").wait_for(state="visible")
    assert_accessible(axe, page)
    page.keyboard.press("Escape")


def test_the_trajectory_page_with_a_correction_open_has_no_serious_accessibility_violations(
    page: Page, sign_in: Callable[[str], None], live_server: LiveServer, axe: Axe
) -> None:
    sign_in("coordinator")
    page.goto(f"{live_server.url}/cases/{live_server.case_id('c1')}/trajectory")
    page.locator("#budget-items details.correct summary").first.click()
    page.locator("#care-table-list details.correct summary").first.click()
    assert_accessible(axe, page)
