"""Where things are on the ecogram's drawing, in the viewport's pixels, for pointer tests.

The drawing data says where each person stands and where sectors and rings lie,
in drawing units around the child at (0, 0); vis-network's `canvasToDOM` turns a
drawing point into the canvas element's pixels. The tests pick a spot from the
sector's angles and the ring's radii themselves, and read back from the database
what the page made of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from playwright.sync_api import Browser, BrowserContext, Page

from ecogram import storage
from ecogram.db import session_scope
from ecogram.models import Person, Tie
from ecogram.vocabulary import CandidateStatus, PersonKind, Sector, TieQuality
from tests.browser import corrections
from tests.browser.conftest import CookieJar
from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer


def viewport_point(page: Page, x: float, y: float) -> tuple[float, float]:
    """The viewport pixel of drawing point (x, y), as the page shows it now."""
    found = page.evaluate(
        """([x, y]) => {
            const at = window.ecogramNetwork.canvasToDOM({x: x, y: y});
            const box = document.querySelector('#ecogram canvas').getBoundingClientRect();
            return [box.left + at.x, box.top + at.y];
        }""",
        [x, y],
    )
    return float(found[0]), float(found[1])


def node_point(page: Page, person_id: int) -> tuple[float, float]:
    """The viewport pixel of a person's centre."""
    x, y = page.evaluate(
        """id => { const p = window.ecogramNetwork.getPosition(id); return [p.x, p.y]; }""",
        person_id,
    )
    return viewport_point(page, x, y)


def person_id(page: Page, name: str) -> int:
    found = page.evaluate(
        """name => Object.values(window.ecogramPage.state.persons)
              .filter(p => p.name === name).map(p => p.id)""",
        name,
    )
    assert len(found) == 1, f"{len(found)} persons named {name!r} on the page"
    return int(found[0])


def _polar(radius: float, degrees: float) -> tuple[float, float]:
    # Clockwise from 12 o'clock, y growing downwards: the drawing's own convention.
    angle = math.radians(degrees)
    return radius * math.sin(angle), -radius * math.cos(angle)


@dataclass
class Spots:
    """Empty spots of the drawing, found by trying points across a sector's ring band."""

    tried: list[tuple[float, float]] = field(default_factory=list)

    def free(self, page: Page, sector: str, ring: int) -> tuple[float, float]:
        """A viewport pixel in `sector` and `ring` with no person, name or line under it."""
        geometry = page.evaluate(
            """() => ({sectors: window.ecogramPage.state.sectors,
                       rings: window.ecogramPage.state.rings})"""
        )
        band = next(r for r in geometry["rings"] if r["ring"] == ring)
        slice_ = next(s for s in geometry["sectors"] if s["key"] == sector)
        # From the middle outwards, finely enough to find the room names leave free.
        steps = sorted((i / 20 for i in range(1, 20)), key=lambda x: abs(x - 0.5))
        for radial in steps[::2]:
            radius = band["inner"] + radial * (band["outer"] - band["inner"])
            for share in steps:
                degrees = slice_["start"] + share * (slice_["end"] - slice_["start"])
                x, y = _polar(radius, degrees)
                point = viewport_point(page, x, y)
                if self._is_free(page, point):
                    return point
        raise AssertionError(f"no free spot in {sector}, ring {ring}")

    def _is_free(self, page: Page, point: tuple[float, float]) -> bool:
        if any(math.dist(point, other) < 20 for other in self.tried):
            return False
        clear = page.evaluate(
            """([vx, vy]) => {
                const box = document.querySelector('#ecogram canvas').getBoundingClientRect();
                if (vx < box.left + 30 || vx > box.right - 30 ||
                    vy < box.top + 30 || vy > box.bottom - 30) { return false; }
                const net = window.ecogramNetwork;
                for (const [dx, dy] of [[0, 0], [25, 0], [-25, 0], [0, 25], [0, -25]]) {
                    const at = {x: vx - box.left + dx, y: vy - box.top + dy};
                    // A name is a person too: a tap on it opens them, never a place form.
                    if (net.getNodeAt(at) !== undefined || net.getEdgeAt(at) !== undefined ||
                        window.ecogramPage.personAtLabel(net.DOMtoCanvas(at)) !== null) {
                        return false;
                    }
                }
                return true;
            }""",
            list(point),
        )
        if clear:
            self.tried.append(point)
        return bool(clear)


def spot(page: Page, sector: str, ring: int, share: float = 0.5) -> tuple[float, float]:
    """The viewport pixel at `share` of a sector's angle, in the middle of a ring's band."""
    geometry = page.evaluate(
        """() => ({sectors: window.ecogramPage.state.sectors,
                   rings: window.ecogramPage.state.rings})"""
    )
    band = next(r for r in geometry["rings"] if r["ring"] == ring)
    slice_ = next(s for s in geometry["sectors"] if s["key"] == sector)
    degrees = slice_["start"] + share * (slice_["end"] - slice_["start"])
    return viewport_point(page, *_polar((band["inner"] + band["outer"]) / 2, degrees))


#: Fictional first names for filling a case up to Family Finding's 40 persons.
FIRST_NAMES = (
    "Anke",
    "Bram",
    "Chloë",
    "Daan",
    "Emma",
    "Finn",
    "Greet",
    "Hugo",
    "Ines",
    "Jef",
    "Karlijn",
    "Lars",
    "Mona",
    "Nand",
    "Olga",
    "Pieter",
    "Quinten",
    "Roos",
    "Stan",
    "Tine",
    "Urbain",
    "Vera",
    "Wout",
    "Xavier",
    "Yara",
    "Zeno",
    "Amber",
    "Bart",
    "Cato",
    "Dirk",
)
_FILL = [
    (Sector.FAMILY, PersonKind.OTHER_RELATIVE, "Familie"),
    (Sector.FRIENDS, PersonKind.FRIEND, "Vriend"),
    (Sector.NEIGHBOURHOOD, PersonKind.NEIGHBOUR, "Buur"),
    (Sector.CHILDCARE_SCHOOL, PersonKind.CHILDCARE, "Opvang"),
    (Sector.PROFESSIONAL, PersonKind.PROFESSIONAL, "Hulpverlener"),
]


def fill_case(server: LiveServer, ref: str, persons: int) -> None:
    """Add persons to a stored case until it holds `persons` besides the child, each with a tie
    to the child's first parent (or the child), spread over every sector and ring."""
    qualities = list(TieQuality)
    with session_scope(server.engine) as session:
        case = storage.load_case(session, ref)
        assert case is not None and case.child is not None
        anchor = next((p for p in case.persons if p.kind is PersonKind.PARENT), case.child)
        have = len(case.persons) - 1
        for i in range(persons - have):
            sector, kind, word = _FILL[i % len(_FILL)]
            person = Person(
                ref=f"fill{i + 1}",
                name=f"{word} {FIRST_NAMES[i % len(FIRST_NAMES)]}",
                kind=kind,
                sector=sector,
                ring=1 + (i // len(_FILL)) % 3,
                candidate=CandidateStatus.NONE,
            )
            case.persons.append(person)
            case.ties.append(
                Tie(from_person=person, to_person=anchor, quality=qualities[i % len(qualities)])
            )


def enter_session_mode(page: Page) -> None:
    """Press "Sessiemodus" and wait until the drawing is fitted to the screen.

    The fit runs on the next animation frame; two frames later it has run.
    """
    page.locator("#session-mode").click()
    page.wait_for_function("() => document.body.classList.contains('session-mode')")
    page.evaluate(
        """() => new Promise(done => requestAnimationFrame(
               () => requestAnimationFrame(() => done(true))))"""
    )


def worker_on_a_tablet(
    browser: Browser,
    live_server: LiveServer,
    session_cookies: CookieJar,
    guard: PageGuard,
    case: str,
) -> tuple[BrowserContext, Page]:
    """The demo context worker on `case`'s ecogram at 1024x768, the page watched."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    context.add_cookies(session_cookies("contextwerker", live_server))  # type: ignore[arg-type]
    context.set_default_timeout(5_000)
    page = context.new_page()
    guard.watch(page)
    corrections.open_ecogram(page, live_server, live_server.case_id(case))
    return context, page
