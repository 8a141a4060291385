"""Mapping a network at the kitchen table by pointing, counted: 20 persons and 25 ties.

A context worker opens Baby Noor's ecogram on a 1024x768 tablet, goes into session
mode and maps 20 persons by tapping an empty spot of a sector's ring, typing the
name and pressing Enter, then 25 ties by dragging from one person to another and
tapping the tie's quality. The walk counts its own interactions (taps and clicks,
key presses, typing a name, drags) and fails when a person costs more than three
or a tie more than two, or when the page reloads. The database says afterwards
where each person stands, as what kind, and which ties there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Browser, Page, expect

from ecogram import storage
from ecogram.db import session_scope
from tests.browser import corrections
from tests.browser.conftest import CookieJar
from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer
from tests.browser.map import Spots, enter_session_mode, node_point, person_id

#: (name, sector, ring): four persons in each sector, spread over the three rings.
PERSONS = [
    ("Oma Rita", "family", 1),
    ("Opa Wim", "family", 1),
    ("Tante Mia", "family", 2),
    ("Nonkel Jan", "family", 2),
    ("Neef Tom", "family", 3),
    ("Vriendin An", "friends", 1),
    ("Vriend Bert", "friends", 2),
    ("Vriendin Cas", "friends", 3),
    ("Vriend Niels", "friends", 2),
    ("Buurvrouw Dina", "neighbourhood", 1),
    ("Buurman Eric", "neighbourhood", 2),
    ("Buurvrouw Fien", "neighbourhood", 3),
    ("Onthaalmoeder Gina", "childcare_school", 1),
    ("Juf Hanne", "childcare_school", 2),
    ("Verzorgster Ilse", "childcare_school", 3),
    ("Vroedvrouw Joke", "professional", 1),
    ("Huisarts Karel", "professional", 2),
    ("Psycholoog Leen", "professional", 3),
    ("Nicht Lies", "family", 3),
    ("Buurman Omar", "neighbourhood", 1),
]
#: The kind a person placed in a sector starts as, unless the user picks another.
KIND_OF_SECTOR = {
    "family": "other_relative",
    "friends": "friend",
    "neighbourhood": "neighbour",
    "childcare_school": "childcare",
    "professional": "professional",
}
QUALITIES = ["strong", "normal", "tenuous", "stressful", "conflict"]
FAMILY = ["Sara", "Baby Noor", "Oma Jet"]
#: (from, to, quality): everyone new with someone of the family, and five more.
TIES = [(name, FAMILY[i % 3], QUALITIES[i % 5]) for i, (name, _s, _r) in enumerate(PERSONS)] + [
    ("Oma Rita", "Opa Wim", "strong"),
    ("Tante Mia", "Nonkel Jan", "normal"),
    ("Buurvrouw Dina", "Buurman Eric", "tenuous"),
    ("Juf Hanne", "Onthaalmoeder Gina", "stressful"),
    ("Huisarts Karel", "Vroedvrouw Joke", "conflict"),
]
MOST_PER_PERSON = 3  # tap, name, Enter
MOST_PER_TIE = 2  # drag, quality


@dataclass
class Counted:
    """The walk's hands: every call is one interaction of a user, and is counted."""

    page: Page
    count: int = 0

    def tap(self, point: tuple[float, float]) -> None:
        self.page.mouse.click(*point)
        self.count += 1

    def click(self, selector: str) -> None:
        self.page.locator(selector).click()
        self.count += 1

    def type(self, text: str) -> None:
        """Typing a name is one interaction, however long the name."""
        self.page.keyboard.type(text)
        self.count += 1

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.count += 1

    def drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        mouse = self.page.mouse
        mouse.move(*start)
        mouse.down()
        mouse.move(*end, steps=8)
        mouse.up()
        self.count += 1


def stored(server: LiveServer) -> tuple[dict[str, tuple[str, int, str]], dict[frozenset[str], str]]:
    with session_scope(server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        persons = {p.name: (p.sector.value, p.ring, p.kind.value) for p in case.persons}
        ties = {
            frozenset({t.from_person.name, t.to_person.name}): t.quality.value for t in case.ties
        }
    return persons, ties


def test_a_worker_maps_20_persons_and_25_ties_by_pointing_within_the_counts(
    browser: Browser, live_server: LiveServer, session_cookies: CookieJar, guard: PageGuard
) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    context.add_cookies(session_cookies("worker", live_server))  # type: ignore[arg-type]
    context.set_default_timeout(5_000)
    page = context.new_page()
    guard.watch(page)
    hands = Counted(page)
    try:
        corrections.open_ecogram(page, live_server, live_server.case_id("c1"))
        page.evaluate("() => { window.__walkMarker = 'still here'; }")
        enter_session_mode(page)  # one click, counted below
        hands.count += 1
        spots = Spots()
        per_person = {}
        for name, sector, ring in PERSONS:
            before = hands.count
            hands.tap(spots.free(page, sector, ring))
            expect(page.locator("#place-person [name=name]")).to_be_focused()
            hands.type(name)
            hands.press("Enter")
            expect(page.locator("#place-person")).to_be_hidden()
            page.wait_for_function(
                "n => Object.values(window.ecogramPage.state.persons).some(p => p.name === n)",
                arg=name,
            )
            per_person[name] = hands.count - before

        hands.click("#connect-mode")
        per_tie = {}
        for first, second, quality in TIES:
            before = hands.count
            ties = page.evaluate("() => Object.keys(window.ecogramPage.state.ties).length")
            hands.drag(
                node_point(page, person_id(page, first)), node_point(page, person_id(page, second))
            )
            hands.click(f"#tie-quality [data-quality={quality}]")
            page.wait_for_function(
                "n => Object.keys(window.ecogramPage.state.ties).length === n", arg=ties + 1
            )
            expect(page.locator("#tie-quality")).to_be_hidden()
            per_tie[(first, second)] = hands.count - before

        assert page.evaluate("() => window.__walkMarker") == "still here", "the page reloaded"
    finally:
        context.close()
    guard.assert_clean()

    too_dear = {name: n for name, n in per_person.items() if n > MOST_PER_PERSON}
    assert not too_dear, f"persons that cost more than {MOST_PER_PERSON} interactions: {too_dear}"
    too_dear_ties = {pair: n for pair, n in per_tie.items() if n > MOST_PER_TIE}
    assert not too_dear_ties, f"ties that cost more than {MOST_PER_TIE}: {too_dear_ties}"
    # The two mode buttons are the walk's only other interactions.
    assert hands.count == sum(per_person.values()) + sum(per_tie.values()) + 2

    persons, ties = stored(live_server)
    assert {name: persons[name] for name, _s, _r in PERSONS} == {
        name: (sector, ring, KIND_OF_SECTOR[sector]) for name, sector, ring in PERSONS
    }
    assert len(persons) == 3 + 20
    assert {pair: ties[pair] for pair in map(lambda t: frozenset(t[:2]), TIES)} == {
        frozenset({first, second}): quality for first, second, quality in TIES
    }
    assert len(ties) == 1 + 25
