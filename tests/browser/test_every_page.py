"""Every page each demo persona reaches: it reflows at 320 px, and axe finds nothing.

WCAG 1.4.10 asks that content fits a 320 CSS px window (a 1280 px screen at 400 %)
without scrolling sideways. Each persona's walk (tests/browser/walk.py) visits every page
kind it can reach, the error pages included, at 320 x 640 and at the 1024 x 768 of a
tablet; axe-core runs with all its default rules and no violation of any impact may
remain. The routes come from the URL map: a GET route that no walk reaches fails, unless
it is not a page (walk.NOT_PAGES) or another test here visits it (ELSEWHERE).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page
from werkzeug.routing import MapAdapter

from tests.browser.conftest import CookieJar
from tests.browser.guard import PageGuard
from tests.browser.live import LANDINGS, PASSWORDS, LiveServer, start_live_server
from tests.browser.walk import NOT_PAGES, UNLINKED, Visit, measure, walk
from webapp import create_app

if TYPE_CHECKING:
    # Playwright types add_cookies() with this TypedDict but does not re-export it.
    from playwright._impl._api_structures import SetCookieParam

#: The demo's five roles: admin, network coordinator, case coordinator, context worker,
#: foster-care assessor.
PERSONAS = ["beheer", "netwerk", "coordinator", "contextwerker", "pleegzorg"]
NARROW = (320, 640)
TABLET = (1024, 768)
#: GET routes that no walk reaches, and the test that visits them.
ELSEWHERE = {
    "auth.login": "test_the_sign_in_page_reflows_and_axe_finds_nothing",
    "auth.second_factor": "test_the_second_factor_pages_reflow_and_axe_finds_nothing",
    "auth.reset": "test_the_second_factor_reset_and_error_pages_pass_axe",
}

Walked = Callable[[str, tuple[int, int]], list[Visit]]


@pytest.fixture(scope="module")
def adapter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MapAdapter]:
    """The app's URL map, to tell which page a URL is."""
    database = tmp_path_factory.mktemp("urlmap") / "unused.sqlite3"
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{database}"})
    yield app.url_map.bind("127.0.0.1")
    app.extensions["ecogram.engine"].dispose()


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module")
def walked(
    browser: Browser,
    live_server: LiveServer,
    session_cookies: CookieJar,
    adapter: MapAdapter,
    axe: Axe,
) -> Walked:
    """Each persona's walk at a window size, done once per module and kept."""
    done: dict[tuple[str, tuple[int, int]], list[Visit]] = {}

    def walked(persona: str, size: tuple[int, int]) -> list[Visit]:
        if (persona, size) not in done:
            context = browser.new_context(viewport={"width": size[0], "height": size[1]})
            context.set_default_timeout(10_000)
            cookies = session_cookies(persona, live_server)
            context.add_cookies([cast("SetCookieParam", c) for c in cookies])
            page = context.new_page()
            guard = PageGuard(origin=live_server.url)
            guard.watch(page)
            page.goto(live_server.url + LANDINGS.get(persona, "/"))
            # Two of each page at 320 px, where layouts differ most from case to case.
            times = 2 if size == NARROW else 1
            done[persona, size] = walk(page, live_server.url, adapter, per_endpoint=times, axe=axe)
            context.close()
            for path, status in UNLINKED.items():
                if status >= 400:
                    guard.expect_status(status, path)
            assert not guard.problems(), guard.problems()
        return done[persona, size]

    return walked


def wrong_status(visits: list[Visit]) -> list[str]:
    return [f"{v.path}: {v.status}" for v in visits if v.status != UNLINKED.get(v.path, 200)]


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_a_persona_reaches_is_wider_than_a_320px_window_and_sign_out_stays_in_reach(
    walked: Walked, persona: str
) -> None:
    visits = walked(persona, NARROW)
    assert len(visits) > len(UNLINKED) + 2
    assert not wrong_status(visits)
    too_wide = [f"{v.path}: {v.width}px" for v in visits if v.width > v.window]
    assert not too_wide, f"wider than {NARROW[0]}px as {persona}: {too_wide}"
    out_of_reach = [v.path for v in visits if v.status == 200 and not v.sign_out_in_reach]
    assert not out_of_reach, f"Sign out out of reach as {persona}: {out_of_reach}"


@pytest.mark.parametrize("size", [NARROW, TABLET], ids=["320x640", "1024x768"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_axe_finds_no_violation_on_any_page_a_persona_reaches(
    walked: Walked, persona: str, size: tuple[int, int]
) -> None:
    visits = walked(persona, size)
    assert not wrong_status(visits)
    found = [f"{v.path}: {line}" for v in visits for line in v.violations]
    assert not found, f"axe as {persona} at {size}:\n  " + "\n  ".join(found)


def test_every_get_route_is_walked_or_named(walked: Walked, adapter: MapAdapter) -> None:
    reached = {v.endpoint for persona in PERSONAS for v in walked(persona, NARROW)}
    pages = {
        str(rule.endpoint) for rule in adapter.map.iter_rules() if "GET" in (rule.methods or set())
    }
    assert set(NOT_PAGES) | set(ELSEWHERE) <= pages
    assert pages - reached - set(NOT_PAGES) - set(ELSEWHERE) == set()
    # The case pages, the history pages and the network's year are among those walked.
    assert {"history.show", "history.diff", "networks.show", "dashboard.index"} <= reached


def check(page: Page, axe: Axe) -> None:
    visit = measure(page, page.url, "", 0, axe)
    assert visit.width <= visit.window, f"{page.url} is {visit.width}px wide"
    assert not visit.violations, f"axe on {page.url}:\n  " + "\n  ".join(visit.violations)


@pytest.mark.parametrize("size", [NARROW, TABLET], ids=["320x640", "1024x768"])
def test_the_sign_in_page_reflows_and_axe_finds_nothing(
    browser: Browser, live_server: LiveServer, axe: Axe, size: tuple[int, int]
) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(f"{live_server.url}/login")
    check(page, axe)
    page.fill("#username", "beheer")
    page.fill("#password", "not the password")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.locator("main [role=alert]").count() > 0
    check(page, axe)
    context.close()


def test_the_second_factor_reset_and_error_pages_pass_axe(
    page: Page,
    guard: PageGuard,
    sign_in: Callable[[str], None],
    live_server: LiveServer,
    axe: Axe,
) -> None:
    sign_in("beheer")
    page.set_viewport_size({"width": NARROW[0], "height": NARROW[1]})
    page.goto(f"{live_server.url}/admin/users/1/second-factor")
    check(page, axe)
    # A form that lost its token: the 400 page.
    page.goto(f"{live_server.url}/accounts")
    page.locator("form.lang-form input[name=csrf_token]").evaluate("input => input.remove()")
    with page.expect_navigation():
        page.locator("form.lang-form button").click()
    guard.expect_status(400, "/language")
    assert page.locator("main h1").count() == 1
    check(page, axe)
    # A save from a page that went stale while another tab saved: the shared conflict page.
    page.goto(f"{live_server.url}/accounts/1")
    other = page.context.new_page()
    other.goto(f"{live_server.url}/accounts/1")
    other.fill("#account-display_name", "Beheerder (nieuw)")
    with other.expect_navigation():
        other.locator("#account-form button[type=submit]").click()
    other.close()
    with page.expect_navigation():
        page.locator("#account-form button[type=submit]").click()
    guard.expect_status(409, "/accounts/1")
    assert page.locator("#conflict").count() == 1
    check(page, axe)


def test_the_second_factor_pages_reflow_and_axe_finds_nothing(
    browser: Browser,
    seeded_database: Path,
    tmp_path: Path,
    axe: Axe,
) -> None:
    """Setting up the app, the recovery codes, and the code asked at the next sign-in, on a
    server that requires a second factor, as a deployment does."""
    shutil.copyfile(seeded_database, tmp_path / "ecogram.sqlite3")
    server = start_live_server(tmp_path / "ecogram.sqlite3", second_factor=True)
    context = browser.new_context(viewport={"width": NARROW[0], "height": NARROW[1]})
    page = context.new_page()
    try:
        for round_ in ("enrol", "sign in"):
            page.goto(f"{server.url}/login")
            page.fill("#username", "worker")
            page.fill("#password", PASSWORDS["worker"])
            with page.expect_navigation():
                page.click("main form button[type=submit]")
            check(page, axe)  # setting up the app, then asking for its code
            if round_ == "enrol":
                phone = pyotp.TOTP(page.inner_text("#totp-secret").replace(" ", ""))
            # A code is good once: the sign-in takes the next step's, which is valid too.
            page.fill("#code", phone.now() if round_ == "enrol" else phone.at(time.time() + 30))
            with page.expect_navigation():
                page.click("main form button[type=submit]")
            if round_ == "enrol":
                assert page.locator("#recovery-codes code").count() == 10
                check(page, axe)
                with page.expect_navigation():
                    page.click("main a.button")
                with page.expect_navigation():
                    page.click("form[action='/logout'] button")
        assert page.url == f"{server.url}/"
    finally:
        context.close()
        server.stop()
