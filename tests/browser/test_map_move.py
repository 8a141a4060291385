"""Moving a person by dragging them on the drawing, and taking the move back with Ctrl+Z.

Demo case demo-2 (Baby Mila) at 1024x768 in session mode. Where a person stands
is read from the database after each step; the drop spots are worked out here
from the sectors' angles and the rings' bands in the drawing data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import update

from ecogram import storage
from ecogram.db import session_scope
from ecogram.models import Person
from tests.browser.conftest import CookieJar
from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer
from tests.browser.map import (
    Spots,
    enter_session_mode,
    node_point,
    person_id,
    spot,
    worker_on_a_tablet,
)

CASE = "demo-2"


def where(server: LiveServer, name: str) -> tuple[str, int, int]:
    """(sector, ring, version) of a person as stored."""
    with session_scope(server.engine) as session:
        case = storage.load_case(session, CASE)
        assert case is not None
        person = next(p for p in case.persons if p.name == name)
        return person.sector.value, person.ring, person.version


def drag(page: Page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=10)
    page.mouse.up()


@pytest.fixture
def tablet(
    browser: Browser, live_server: LiveServer, session_cookies: CookieJar, guard: PageGuard
) -> Iterator[Page]:
    """The demo context worker on demo-2's ecogram, in session mode at 1024x768."""
    context, page = worker_on_a_tablet(browser, live_server, session_cookies, guard, CASE)
    enter_session_mode(page)
    yield page
    context.close()
    guard.assert_clean()


def test_dragging_a_person_across_a_sector_boundary_moves_them_and_ctrl_z_puts_them_back(
    tablet: Page, live_server: LiveServer
) -> None:
    page = tablet
    assert where(live_server, "Buurvrouw Maria")[:2] == ("neighbourhood", 2)
    maria = person_id(page, "Buurvrouw Maria")
    drag(page, node_point(page, maria), spot(page, "friends", 2, share=0.3))
    expect(page.locator("#ecogram-status")).to_have_text("Verplaatst.")
    assert where(live_server, "Buurvrouw Maria")[:2] == ("friends", 2)

    page.keyboard.press("Control+z")
    page.wait_for_function(
        "id => window.ecogramPage.state.persons[id].sector === 'neighbourhood'", arg=maria
    )
    assert where(live_server, "Buurvrouw Maria")[:2] == ("neighbourhood", 2)
    expect(page.locator("#ecogram")).to_be_focused()

    page.keyboard.press("Control+y")
    page.wait_for_function(
        "id => window.ecogramPage.state.persons[id].sector === 'friends'", arg=maria
    )
    assert where(live_server, "Buurvrouw Maria")[:2] == ("friends", 2)
    for keys, sector in [("Control+z", "neighbourhood"), ("Control+Shift+Z", "friends")]:
        page.keyboard.press(keys)
        page.wait_for_function(
            "([id, s]) => window.ecogramPage.state.persons[id].sector === s", arg=[maria, sector]
        )
        assert where(live_server, "Buurvrouw Maria")[:2] == (sector, 2)

    # While typing, Ctrl+Z belongs to the field: the drawing keeps its last change.
    page.mouse.click(*Spots().free(page, "childcare_school", 3))
    name = page.locator("#place-person [name=name]")
    expect(name).to_be_focused()
    page.keyboard.type("Juf")
    page.keyboard.press("Control+z")
    expect(name).to_have_value("")
    page.wait_for_timeout(300)
    assert where(live_server, "Buurvrouw Maria")[:2] == ("friends", 2)


def test_a_drag_that_ends_in_the_same_sector_and_ring_saves_nothing(
    tablet: Page, live_server: LiveServer, guard: PageGuard
) -> None:
    page = tablet
    before = where(live_server, "Sofie")
    sofie = person_id(page, "Sofie")
    x, y = node_point(page, sofie)
    posts_before = len(guard.requests)
    drag(page, (x, y), (x + 12, y + 6))
    page.wait_for_timeout(300)
    assert guard.requests[posts_before:] == [], "a drag within one cell sent a request"
    assert where(live_server, "Sofie") == before
    assert node_point(page, sofie) == pytest.approx((x, y), abs=1)


def test_a_move_to_an_unusual_sector_waits_for_the_user_to_confirm_it(
    tablet: Page, live_server: LiveServer, guard: PageGuard
) -> None:
    page = tablet
    luc = person_id(page, "Opa Luc")
    drag(page, node_point(page, luc), spot(page, "professional", 2))
    warning = page.locator("#move-warning")
    expect(warning).to_be_visible()
    expect(page.locator("#move-anyway")).to_be_focused()
    guard.expect_status(422, f"/cases/{live_server.case_id(CASE)}/persons/{luc}")
    assert where(live_server, "Opa Luc")[:2] == ("family", 2)

    page.keyboard.press("Escape")
    expect(warning).to_be_hidden()
    expect(page.locator("#ecogram")).to_be_focused()
    assert where(live_server, "Opa Luc")[:2] == ("family", 2)

    drag(page, node_point(page, luc), spot(page, "professional", 2))
    page.locator("#move-anyway").click()
    expect(page.locator("#ecogram-status")).to_have_text("Verplaatst.")
    guard.expect_status(422, f"/cases/{live_server.case_id(CASE)}/persons/{luc}")
    assert where(live_server, "Opa Luc")[:2] == ("professional", 2)


def test_a_move_of_a_person_changed_elsewhere_shows_both_versions(
    tablet: Page, live_server: LiveServer, guard: PageGuard
) -> None:
    page = tablet
    ahmed = person_id(page, "Buurman Ahmed")
    with session_scope(live_server.engine) as session:
        # Someone else saved Ahmed in the meantime: the page still has the older version.
        session.execute(
            update(Person)
            .where(Person.id == ahmed)
            .values(household="h9", version=Person.version + 1)
        )
    sector, ring, version = where(live_server, "Buurman Ahmed")
    drag(page, node_point(page, ahmed), spot(page, "friends", 3))
    box = page.locator("#edit-person .conflict-box")
    expect(box).to_be_visible()
    expect(box).to_be_focused()
    expect(box.locator("tr[data-field=sector] td.yours")).to_have_text("vrienden")
    guard.expect_status(409, f"/cases/{live_server.case_id(CASE)}/persons/{ahmed}")
    assert where(live_server, "Buurman Ahmed") == (sector, ring, version)
