"""What a persona sees in the rendered pages: the menu, a case's tabs, its findings, or 404.

Each check reads the page as shown to the signed-in user, so it proves what the capability
table gives that user, not what the server would accept from a hand-made request.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.guard import PageGuard
from tests.browser.journey import click_and_wait
from tests.browser.live import LiveServer


def _hrefs(page: Page, selector: str) -> list[str]:
    links: list[str] = page.locator(selector).evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return links


def menu(page: Page) -> list[str]:
    """Where the main menu leads, as shown to the signed-in user."""
    return _hrefs(page, ".topbar nav a")


def case_tabs(page: Page, case_id: int) -> list[str]:
    """The case's tabs, by the last part of their address ("" is the ecogram)."""
    prefix = f"/cases/{case_id}/"
    links = _hrefs(page, ".case-tabs a")
    assert all(link.startswith(prefix) for link in links), links
    return [link.removeprefix(prefix) for link in links]


def finding_codes(page: Page, severity: str) -> list[str]:
    """On the findings page: the codes of today's findings of one severity."""
    codes: list[str] = page.locator(f"#findings li[data-severity={severity}]").evaluate_all(
        "items => items.map(item => item.dataset.code)"
    )
    return codes


def case_is_not_found(
    page: Page, guard: PageGuard, server: LiveServer, case_id: int, tabs: list[str], child: str
) -> None:
    """Typing the case's addresses gets 404, as for a case that does not exist."""
    for tab in tabs:
        path = f"/cases/{case_id}/{tab}"
        response = page.goto(f"{server.url}{path}")
        assert response is not None and response.status == 404, path
        expect(page.locator("main")).not_to_contain_text(child)
        guard.expect_status(404, path)
    # The error page has no menu on purpose; its one way on is My cases.
    click_and_wait(page, ".error-page a.button")
    expect(page.get_by_role("link", name=child)).to_have_count(0)
