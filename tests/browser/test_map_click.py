"""A mouse click exactly on a person's centre opens that person, at tablet and desktop size.

The drawing is taller than a 1024x768 screen at first: a click that focused the
drawing used to scroll it into view before the click was read, so the click
landed some 100 pixels off. Each click here starts from the top of the page,
with the focus elsewhere, as a user's first click does.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import corrections
from tests.browser.conftest import CookieJar
from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer
from tests.browser.map import node_point

CASE = "demo-2"


def visible_persons(page: Page) -> list[tuple[int, str, float, float]]:
    """(id, name, x, y) of every person whose centre is on screen, lowest first."""
    height = page.viewport_size["height"] if page.viewport_size else 0
    found = []
    for person in page.evaluate("() => Object.values(window.ecogramPage.state.persons)"):
        x, y = node_point(page, person["id"])
        if 40 < y < height - 40:
            found.append((person["id"], person["name"], x, y))
    return sorted(found, key=lambda row: -row[3])


@pytest.mark.parametrize("size", [(1024, 768), (1440, 900)], ids=["tablet", "desktop"])
def test_a_click_on_a_persons_centre_opens_that_person(
    browser: Browser,
    live_server: LiveServer,
    session_cookies: CookieJar,
    guard: PageGuard,
    size: tuple[int, int],
) -> None:
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_cookies(session_cookies("contextwerker", live_server))  # type: ignore[arg-type]
    page = context.new_page()
    guard.watch(page)
    try:
        corrections.open_ecogram(page, live_server, live_server.case_id(CASE))
        persons = visible_persons(page)
        assert len(persons) >= 3, "the test needs persons on the first screen"
        for person_id, name, _x, _y in persons[:3]:
            page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
            x, y = node_point(page, person_id)
            page.mouse.click(x, y)
            expect(page.locator("#detail-name")).to_have_text(name)
            assert page.evaluate("() => window.scrollY") == 0, "the click scrolled the page"
            page.locator("#detail-close").click()
    finally:
        context.close()
    guard.assert_clean()
