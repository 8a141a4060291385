"""The ecogram page by keyboard alone: add a person, add a tie, edit that tie, close panels.

Only Tab, typing and Enter or Escape move the focus; after each step the test
says where the focus must be (document.activeElement) and reads the result
back from the database.
"""

from __future__ import annotations

from playwright.sync_api import Page

from ecogram import storage
from ecogram.db import session_scope
from tests.browser import corrections
from tests.browser.live import LiveServer, login

MOST_TABS = 80


def focused(page: Page) -> str:
    """The focused element as `#id`, or its tag and text when it has no id."""
    return str(
        page.evaluate(
            """() => { const el = document.activeElement;
                       return el.id ? '#' + el.id : el.tagName + ':' + el.textContent.trim(); }"""
        )
    )


def tab_to(page: Page, target: str) -> None:
    """Press Tab until `target` (`#id` or `TAG:text`) has the focus."""
    for _ in range(MOST_TABS):
        if focused(page) == target:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} is not reached by Tab (the focus is on {focused(page)})")


def case_c1(server: LiveServer) -> tuple[dict[str, tuple[str, str]], dict[frozenset[str], str]]:
    with session_scope(server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        persons = {p.name: (p.kind.value, p.sector.value) for p in case.persons}
        ties = {
            frozenset({t.from_person.name, t.to_person.name}): t.quality.value for t in case.ties
        }
    return persons, ties


def test_a_keyboard_adds_a_person_adds_a_tie_and_edits_it_with_the_focus_in_view(
    page: Page, live_server: LiveServer
) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    login(page, live_server, "worker")
    corrections.open_ecogram(page, live_server, live_server.case_id("c1"))

    tab_to(page, "#add-person-name")
    page.keyboard.type("Buurvrouw Zoë")
    page.keyboard.press("Tab")
    page.keyboard.type("buur")  # a closed select picks the option typed
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => Object.values(window.ecogramPage.state.persons).some(p => p.name === n)",
        arg="Buurvrouw Zoë",
    )
    assert case_c1(live_server)[0]["Buurvrouw Zoë"] == ("neighbour", "neighbourhood")
    assert focused(page) == "#add-person-name", "ready for the next person"

    tab_to(page, "#add-tie-from")
    page.keyboard.type("Buurvrouw")
    page.keyboard.press("Tab")
    page.keyboard.type("Sara")
    page.keyboard.press("Tab")
    assert focused(page) == "#add-tie-quality"
    page.keyboard.type("sterk")
    tab_to(page, "BUTTON:Band toevoegen")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('tie-detail').hidden")
    assert case_c1(live_server)[1][frozenset({"Buurvrouw Zoë", "Sara"})] == "strong"
    assert focused(page) == "#tie-detail", "the new tie opens, for its flow and support"

    tab_to(page, "#edit-tie-quality")
    page.keyboard.type("conflict")
    tab_to(page, "BUTTON:Band bewaren")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('ecogram-status').textContent !== ''")
    page.wait_for_function("() => document.activeElement.id === 'tie-detail'")
    assert case_c1(live_server)[1][frozenset({"Buurvrouw Zoë", "Sara"})] == "conflict"

    page.keyboard.press("Escape")
    assert page.locator("#tie-detail").is_hidden()
    assert focused(page) == "#add-tie-from", "back where the tie was started"


def test_closing_a_persons_panel_gives_the_focus_back_to_where_it_was_opened(
    page: Page, live_server: LiveServer
) -> None:
    login(page, live_server, "worker")
    corrections.open_ecogram(page, live_server, live_server.case_id("c1"))
    tab_to(page, "BUTTON:Oma Jet")
    origin = page.evaluate("() => document.activeElement.getAttribute('data-person-id')")

    for close in ("Sluiten", "Escape"):
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.id === 'person-detail'")
        if close == "Sluiten":
            page.keyboard.press("Tab")
            assert focused(page) == "#detail-close"
            page.keyboard.press("Enter")
        else:
            page.keyboard.press(close)
        assert page.locator("#person-detail").is_hidden()
        assert (
            page.evaluate("() => document.activeElement.getAttribute('data-person-id')") == origin
        ), f"{close} left the focus elsewhere"
