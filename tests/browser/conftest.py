"""Browser fixtures: the real app on a live server, driven by headless Chromium.

One Chromium per session, a fresh browser context per test, and one live
server per test module on its own copy of a seeded SQLite file (so a module
that writes never leaks into another). Every page is watched: a request to
anywhere but the live server, a console error (CSP violations included), an
uncaught script error, a dialog or a server error fails the test.

Select these tests with `-m browser`. Chromium comes from Debian
(`/usr/bin/chromium`); `playwright install` is neither needed nor possible.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Cookie,
    Page,
    Playwright,
    sync_playwright,
)

from tests.browser.guard import PageGuard
from tests.browser.live import (
    CHROMIUM,
    CHROMIUM_MISSING,
    LiveServer,
    launch_chromium,
    login,
    make_seeded_database,
    start_live_server,
)

if TYPE_CHECKING:
    # Playwright types add_cookies() with this TypedDict but does not re-export it.
    from playwright._impl._api_structures import SetCookieParam

BROWSER_DIR = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the app in headless Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test in this folder is a browser test, without each module having to say so.
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


# --- the live server ---------------------------------------------------------------


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file; each live server runs on a copy of it."""
    path = tmp_path_factory.mktemp("browser-template") / "ecogram.sqlite3"
    make_seeded_database(path, dt.date.today())
    return path


ServerFactory = Callable[[], LiveServer]


@pytest.fixture(scope="session")
def start_server(
    seeded_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerFactory]:
    """Start a live server on a fresh copy of the seeded database; stopped at session end."""
    running: list[LiveServer] = []

    def start() -> LiveServer:
        path = tmp_path_factory.mktemp("browser-db") / "ecogram.sqlite3"
        shutil.copyfile(seeded_database, path)
        running.append(start_live_server(path))
        return running[-1]

    yield start
    for server in running:
        server.stop()


@pytest.fixture(scope="module")
def live_server(start_server: ServerFactory) -> LiveServer:
    """One server per test module. A module that writes gets its own database this way."""
    return start_server()


# --- the browser -------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(CHROMIUM_MISSING, pytrace=False)
    browser = launch_chromium(playwright)
    yield browser
    browser.close()


@pytest.fixture
def guard(live_server: LiveServer) -> PageGuard:
    return PageGuard(origin=live_server.url)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(5_000)
    yield context
    context.close()


CookieJar = Callable[[str, LiveServer], list[Cookie]]


@pytest.fixture(scope="session")
def session_cookies(browser: Browser) -> CookieJar:
    """The cookies of one real sign-in per user, for the whole session.

    Every live server runs on a copy of the same seeded database with the same
    secret key, and cookies do not depend on the port, so a session cookie from
    one server is good on all of them; that saves a slow sign-in per test.
    """
    signed_in: dict[str, list[Cookie]] = {}

    def cookies(username: str, server: LiveServer) -> list[Cookie]:
        if username not in signed_in:
            context = browser.new_context()
            login(context.new_page(), server, username)
            signed_in[username] = context.cookies()
            context.close()
        return signed_in[username]

    return cookies


@pytest.fixture
def sign_in(
    context: BrowserContext, session_cookies: CookieJar, live_server: LiveServer
) -> Callable[[str], None]:
    """Sign this test's browser context in as a user (the main path signs in by hand)."""

    def sign_in(username: str) -> None:
        context.clear_cookies()
        cookies = session_cookies(username, live_server)
        context.add_cookies([cast("SetCookieParam", c) for c in cookies])

    return sign_in


@pytest.fixture
def page(context: BrowserContext, guard: PageGuard) -> Iterator[Page]:
    """A watched page; the test fails at teardown if the page misbehaved."""
    page = context.new_page()
    guard.watch(page)
    yield page
    guard.assert_clean()
