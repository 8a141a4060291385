"""Session mode at the kitchen table, and connecting and placing by pointing.

Demo case demo-2 (Baby Mila) on a 1024x768 tablet. The database is read back
after each change; the places to tap are worked out here from the drawing data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from ecogram import storage
from ecogram.db import session_scope
from tests.browser import corrections
from tests.browser.conftest import CookieJar
from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer
from tests.browser.map import (
    Spots,
    enter_session_mode,
    node_point,
    person_id,
    worker_on_a_tablet,
)
from tests.browser.test_accessibility import AXE_OPTIONS

CASE = "demo-2"
TARGET = 44  # pixels: the smallest a finger hits reliably


def ties(server: LiveServer) -> dict[frozenset[str], str]:
    with session_scope(server.engine) as session:
        case = storage.load_case(session, CASE)
        assert case is not None
        return {
            frozenset({t.from_person.name, t.to_person.name}): t.quality.value for t in case.ties
        }


def names(server: LiveServer) -> list[str]:
    with session_scope(server.engine) as session:
        case = storage.load_case(session, CASE)
        assert case is not None
        return [p.name for p in case.persons]


@pytest.fixture
def tablet(
    browser: Browser, live_server: LiveServer, session_cookies: CookieJar, guard: PageGuard
) -> Iterator[Page]:
    context, page = worker_on_a_tablet(browser, live_server, session_cookies, guard, CASE)
    yield page
    context.close()
    guard.assert_clean()


def test_session_mode_fills_the_screen_with_large_targets_and_escape_leaves_it(
    tablet: Page,
) -> None:
    page = tablet
    enter_session_mode(page)
    expect(page.locator("#session-mode")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#side-panel")).to_be_hidden()
    stage = page.locator("#ecogram-stage").bounding_box()
    assert stage == {"x": 0, "y": 0, "width": 1024, "height": 768}
    canvas = page.locator("#ecogram").bounding_box()
    assert canvas is not None and canvas["height"] > 600, "the drawing takes the screen"
    for button in page.locator("#ecogram-stage button:visible").all():
        box = button.bounding_box()
        assert box is not None and box["width"] >= TARGET and box["height"] >= TARGET, (
            button.text_content(),
            box,
        )

    # A person tapped opens over the drawing; Escape closes that first, then session mode.
    page.mouse.click(*node_point(page, person_id(page, "Sofie")))
    expect(page.locator("#person-detail")).to_be_visible()
    expect(page.locator("#detail-name")).to_have_text("Sofie")
    page.keyboard.press("Escape")
    expect(page.locator("#person-detail")).to_be_hidden()
    expect(page.locator("#ecogram")).to_be_focused()
    expect(page.locator("body")).to_have_class("session-mode")
    page.keyboard.press("Escape")
    expect(page.locator("body")).not_to_have_class("session-mode")
    expect(page.locator("#session-mode")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#side-panel")).to_be_visible()


def test_tapping_two_persons_in_connect_mode_ties_them_with_the_quality_chosen_by_key(
    tablet: Page, live_server: LiveServer
) -> None:
    page = tablet
    enter_session_mode(page)
    page.locator("#connect-mode").click()
    page.mouse.click(*node_point(page, person_id(page, "Sofie")))
    page.mouse.click(*node_point(page, person_id(page, "Buurman Ahmed")))
    picker = page.locator("#tie-quality")
    expect(picker).to_contain_text("Sofie")
    expect(picker.locator("[data-quality=strong]")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the second button: "gewoon" (normal)
    expect(picker).to_be_hidden()
    expect(page.locator("#ecogram")).to_be_focused()
    page.wait_for_function(
        "() => document.getElementById('ecogram-status').textContent === 'Band opgeslagen.'"
    )
    assert ties(live_server)[frozenset({"Sofie", "Buurman Ahmed"})] == "normal"


def test_a_drag_with_shift_held_connects_two_persons_without_connect_mode(
    tablet: Page, live_server: LiveServer
) -> None:
    page = tablet
    enter_session_mode(page)
    expect(page.locator("#connect-mode")).to_have_attribute("aria-pressed", "false")
    fien = node_point(page, person_id(page, "Fien"))
    page.keyboard.down("Shift")
    page.mouse.move(*fien)
    page.mouse.down()
    page.mouse.move(*node_point(page, person_id(page, "Onthaalouder Hilde")), steps=10)
    page.mouse.up()
    page.keyboard.up("Shift")
    page.locator("#tie-quality [data-quality=stressful]").click()
    expect(page.locator("#tie-quality")).to_be_hidden()
    assert ties(live_server)[frozenset({"Fien", "Onthaalouder Hilde"})] == "stressful"
    assert node_point(page, person_id(page, "Fien")) == pytest.approx(fien, abs=1), "Fien moved"


def test_a_rectangle_connects_every_person_in_it_to_the_person_tapped_next(
    tablet: Page, live_server: LiveServer
) -> None:
    page = tablet
    enter_session_mode(page)
    page.locator("#connect-mode").click()
    corners = [node_point(page, person_id(page, n)) for n in ("Huisarts Wim", "Vroedvrouw Lies")]
    left, right = min(c[0] for c in corners) - 20, max(c[0] for c in corners) + 20
    top, bottom = min(c[1] for c in corners) - 20, max(c[1] for c in corners) + 20
    inside = sorted(
        p["name"]
        for p in page.evaluate("() => Object.values(window.ecogramPage.state.persons)")
        if left <= node_point(page, p["id"])[0] <= right
        and top <= node_point(page, p["id"])[1] <= bottom
    )
    assert {"Huisarts Wim", "Vroedvrouw Lies"} <= set(inside)
    page.mouse.move(left, top)
    page.mouse.down()
    page.mouse.move(right, bottom, steps=10)
    page.mouse.up()
    expect(page.locator("#ecogram-status")).to_have_text(
        f"Gekozen: {len(inside)}. Tik nu op de persoon met wie je ze allemaal verbindt."
    )
    page.mouse.click(*node_point(page, person_id(page, "Tante Nele")))
    expect(page.locator("#tie-quality")).to_contain_text(f"{len(inside)} personen")
    page.locator("#tie-quality [data-quality=tenuous]").click()
    expect(page.locator("#tie-quality")).to_be_hidden()
    stored = ties(live_server)
    assert {name: stored.get(frozenset({name, "Tante Nele"})) for name in inside} == dict.fromkeys(
        inside, "tenuous"
    )


def test_a_name_already_on_the_ecogram_placed_by_a_tap_is_added_once_confirmed(
    tablet: Page, live_server: LiveServer, guard: PageGuard
) -> None:
    page = tablet
    enter_session_mode(page)
    page.mouse.click(*Spots().free(page, "friends", 3))
    form = page.locator("#place-person")
    expect(form.locator("[name=name]")).to_be_focused()
    expect(form.locator("[name=kind]")).to_have_value("friend")
    page.keyboard.type("Sofie")
    page.keyboard.press("Enter")
    warning = form.locator(".form-warning[data-warning=name]")
    expect(warning).to_contain_text("Sofie")
    expect(form.locator("[name=name]")).to_have_attribute("aria-invalid", "true")
    guard.expect_status(422, f"/cases/{live_server.case_id(CASE)}/persons")
    assert names(live_server).count("Sofie") == 1
    warning.get_by_role("button").click()
    expect(form).to_be_hidden()
    page.wait_for_function(
        "() => Object.values(window.ecogramPage.state.persons)"
        ".filter(p => p.name === 'Sofie').length === 2"
    )
    assert names(live_server).count("Sofie") == 2


def violations(page: Page) -> list[str]:
    """axe's findings of any impact, one line each."""
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:5]]}" for v in found]


def test_the_map_in_session_mode_with_its_popups_open_has_no_accessibility_violation(
    tablet: Page,
) -> None:
    page = tablet
    enter_session_mode(page)
    page.mouse.click(*Spots().free(page, "neighbourhood", 3))
    expect(page.locator("#place-person")).to_be_visible()
    assert violations(page) == []
    page.keyboard.press("Escape")
    expect(page.locator("#ecogram")).to_be_focused()
    page.locator("#connect-mode").click()
    page.mouse.click(*node_point(page, person_id(page, "Fien")))
    page.mouse.click(*node_point(page, person_id(page, "Opa Luc")))
    expect(page.locator("#tie-quality")).to_be_visible()
    assert violations(page) == []
    page.keyboard.press("Escape")
    expect(page.locator("#tie-quality")).to_be_hidden()


def test_whoever_may_only_read_the_map_opens_persons_by_pointing_but_places_and_moves_nobody(
    browser: Browser, live_server: LiveServer, session_cookies: CookieJar, guard: PageGuard
) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    context.add_cookies(session_cookies("pleegzorg", live_server))  # type: ignore[arg-type]
    page = context.new_page()
    guard.watch(page)
    try:
        corrections.open_ecogram(page, live_server, live_server.case_id(CASE))
        expect(page.locator("#connect-mode")).to_have_count(0)
        expect(page.locator("#place-person")).to_have_count(0)
        enter_session_mode(page)
        before = where_all(live_server)
        posts = len(guard.requests)
        page.mouse.click(*Spots().free(page, "friends", 3))
        fien = node_point(page, person_id(page, "Fien"))
        page.mouse.move(*fien)
        page.mouse.down()
        page.mouse.move(fien[0] + 150, fien[1] + 80, steps=8)
        page.mouse.up()
        page.wait_for_timeout(300)
        assert [url for url in guard.requests[posts:] if "/persons" in url] == []
        assert where_all(live_server) == before
        page.mouse.click(*node_point(page, person_id(page, "Fien")))
        expect(page.locator("#detail-name")).to_have_text("Fien")
    finally:
        context.close()
    guard.assert_clean()


def where_all(server: LiveServer) -> dict[str, tuple[str, int]]:
    with session_scope(server.engine) as session:
        case = storage.load_case(session, CASE)
        assert case is not None
        return {p.name: (p.sector.value, p.ring) for p in case.persons}
