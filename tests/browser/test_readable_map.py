"""The ecogram stays readable with 40 persons, and its overview and ties as text keep up.

The Family Finding target, 40 persons besides the child (tests/forty.py), is drawn
in headless Chromium at a 1024x768 tablet and a 1440x900 desktop. The test reads
the labels as the browser drew them (measured in its own font, around the boxes
the server placed) and the sector names, and checks them against each other; it
reads the zoom from vis-network to check the text size. Then the side panel adds
a tie, and the overview and the list of ties follow without a reload.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from ecogram import storage
from ecogram.accounts import User, assign
from ecogram.db import session_scope
from tests.browser.conftest import CookieJar
from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer, wait_for_ecogram
from tests.forty import forty_case

TABLET = {"width": 1024, "height": 768}
DESKTOP = {"width": 1440, "height": 900}
SMALLEST_TEXT_PX = 12


@pytest.fixture(scope="module")
def forty(live_server: LiveServer) -> int:
    """The 40-person case, on the worker's team; its id."""
    with session_scope(live_server.engine) as session:
        case = storage.save_case(session, forty_case())
        worker = session.scalar(select(User).where(User.username == "worker"))
        assert worker is not None
        assign(session, worker, case)
        session.flush()
        return case.id


def open_at(
    browser: Browser,
    server: LiveServer,
    cookies: CookieJar,
    guard: PageGuard,
    case_id: int,
    viewport: dict[str, int],
) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    context.add_cookies(cookies("worker", server))  # type: ignore[arg-type]
    page = context.new_page()
    guard.watch(page)
    page.goto(f"{server.url}/cases/{case_id}/")
    wait_for_ecogram(page)
    try:
        yield page
    finally:
        context.close()
        guard.assert_clean()


@pytest.fixture
def tablet(
    browser: Browser,
    live_server: LiveServer,
    session_cookies: CookieJar,
    guard: PageGuard,
    forty: int,
) -> Iterator[Page]:
    yield from open_at(browser, live_server, session_cookies, guard, forty, TABLET)


@pytest.fixture
def desktop(
    browser: Browser,
    live_server: LiveServer,
    session_cookies: CookieJar,
    guard: PageGuard,
    forty: int,
) -> Iterator[Page]:
    yield from open_at(browser, live_server, session_cookies, guard, forty, DESKTOP)


def overlapping(a: dict[str, Any], b: dict[str, Any]) -> bool:
    # Touching edges are fine; a hundredth of a pixel is rounding.
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.01
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.01
    )


def drawing_data(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = page.evaluate(
        "() => JSON.parse(document.getElementById('ecogram-data').textContent)"
    )
    return data


def test_no_two_of_forty_labels_overlap_at_1024x768(tablet: Page) -> None:
    labels = tablet.evaluate("() => window.ecogramPage.labelBoxes()")
    assert len(labels) == 41  # the child and the 40 persons
    clashes = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if overlapping(a, b)
    ]
    assert clashes == []


def test_no_label_lies_on_a_sector_name_at_1024x768(tablet: Page) -> None:
    labels = tablet.evaluate("() => window.ecogramPage.labelBoxes()")
    sectors = tablet.evaluate("() => window.ecogramPage.sectorBoxes()")
    assert len(sectors) == 5
    on_names = [
        (label["text"], sector["key"])
        for label in labels
        for sector in sectors
        if overlapping(label, sector)
    ]
    assert on_names == []
    names = [(a["key"], b["key"]) for i, a in enumerate(sectors) for b in sectors[i + 1 :]]
    assert [pair for pair in names if overlapping(*[s for s in sectors if s["key"] in pair])] == []


def test_every_label_is_drawn_inside_the_box_the_server_placed_it_in(tablet: Page) -> None:
    drawn = {box["id"]: box for box in tablet.evaluate("() => window.ecogramPage.labelBoxes()")}
    for label in drawing_data(tablet)["labels"]:
        left, top, right, bottom = label["box"]
        box = drawn[label["id"]]
        assert box["left"] >= left - 0.5 and box["right"] <= right + 0.5, label["lines"]
        assert box["top"] >= top - 0.5 and box["bottom"] <= bottom + 0.5, label["lines"]


def test_text_is_at_least_12_pixels_and_the_whole_drawing_fits_the_tablet_screen(
    tablet: Page,
) -> None:
    font = drawing_data(tablet)["font"]
    scale = tablet.evaluate("() => window.ecogramNetwork.getScale()")
    smallest = min(font["size"], font["sector"], font["ring"])
    assert smallest * scale >= SMALLEST_TEXT_PX
    canvas = tablet.locator("#ecogram").bounding_box()
    assert canvas is not None
    assert canvas["width"] <= TABLET["width"] and canvas["height"] <= TABLET["height"]
    # Every corner of what is drawn (rings, labels, sector names) is on the canvas.
    corners = tablet.evaluate(
        """() => {
            const data = JSON.parse(document.getElementById('ecogram-data').textContent);
            const [l, t, r, b] = data.extent;
            return [[l, t], [r, b]].map(([x, y]) => window.ecogramNetwork.canvasToDOM({x, y}));
        }"""
    )
    for corner in corners:
        assert -1 <= corner["x"] <= canvas["width"] + 1, corner
        assert -1 <= corner["y"] <= canvas["height"] + 1, corner


def test_a_desktop_screen_draws_the_same_ecogram_larger(tablet: Page, desktop: Page) -> None:
    small = tablet.evaluate("() => window.ecogramNetwork.getScale()")
    large = desktop.evaluate("() => window.ecogramNetwork.getScale()")
    assert large > small * 1.1
    canvas = desktop.locator("#ecogram").bounding_box()
    assert canvas is not None and canvas["height"] <= DESKTOP["height"]


def test_a_click_on_a_label_opens_that_person(tablet: Page) -> None:
    label = next(
        b
        for b in tablet.evaluate("() => window.ecogramPage.labelBoxes()")
        if b["text"] == "Directrice Els"
    )
    tablet.locator("#ecogram").scroll_into_view_if_needed()
    point = tablet.evaluate(
        """box => window.ecogramNetwork.canvasToDOM(
            {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2})""",
        label,
    )
    canvas = tablet.locator("#ecogram").bounding_box()
    assert canvas is not None
    tablet.mouse.click(canvas["x"] + point["x"], canvas["y"] + point["y"])
    expect(tablet.locator("#detail-name")).to_have_text("Directrice Els")


def test_the_overview_and_the_ties_as_text_follow_a_new_tie_without_a_reload(
    tablet: Page,
) -> None:
    tablet.evaluate("() => { window.__marker = 1; }")
    strong = tablet.locator('#overview-qualities li[data-key="strong"] strong')
    isolated = tablet.locator("#overview-isolated-count")
    before = int(strong.inner_text()), int(isolated.inner_text())
    ties_before = tablet.locator("#tie-list li").count()
    # Wijkagent Ines has no tie yet: after this one she is no longer isolated.
    assert "Wijkagent Ines" in tablet.locator("#overview-isolated").inner_text()

    form = tablet.locator("#add-tie")
    form.locator("select[name=from]").select_option(label="Wijkagent Ines")
    form.locator("select[name=to]").select_option(label="Baby Mila")
    form.locator("select[name=quality]").select_option("strong")
    form.locator("select[name=flow]").select_option("forward")
    form.locator("button[type=submit]").click()

    expect(tablet.locator("#tie-list li")).to_have_count(ties_before + 1)
    assert int(strong.inner_text()) == before[0] + 1
    assert int(isolated.inner_text()) == before[1] - 1
    assert "Wijkagent Ines" not in tablet.locator("#overview-isolated").inner_text()
    new = tablet.locator("#tie-list li").filter(has_text="Wijkagent Ines – Baby Mila")
    expect(new).to_contain_text("energie stroomt van Wijkagent Ines naar Baby Mila")
    assert tablet.evaluate("() => window.__marker") == 1, "the page reloaded"


def test_a_tie_in_the_list_opens_in_the_edit_tie_panel(tablet: Page) -> None:
    tablet.locator("#tie-list-box summary").click()
    first = tablet.locator("#tie-list button[data-tie-id]").first
    tie_id = first.get_attribute("data-tie-id")
    tie = next(t for t in drawing_data(tablet)["ties"] if str(t["id"]) == tie_id)
    first.click()
    panel = tablet.locator("#tie-detail")
    expect(panel).to_be_visible()
    assert panel.get_attribute("data-tie-id") == tie_id
    form = tablet.locator("#edit-tie")
    assert form.locator("select[name=from]").input_value() == str(tie["from"])
    assert form.locator("select[name=to]").input_value() == str(tie["to"])
    assert form.locator("select[name=quality]").input_value() == tie["quality"]
