"""Screenshots for the README: the ecogram page at tablet (1024x768) and desktop
(1440x900) size, and the front door (intake, team and accounts) at tablet size.

`python -m tests.browser.screenshots` writes docs/ecogram-tablet.png and
docs/ecogram-desktop.png from demo case demo-2 (Baby Mila, a rich network) as the
demo context worker sees it, docs/ecogram-40.png (tablet size) from the 40-person
case of tests/forty.py, scrolled to the drawing, docs/intake.png, docs/team.png and
docs/accounts.png as the demo coordinator and admin see them, docs/self-scan.png,
docs/plan.png and docs/year-report.png as Limburg's network coordinator sees them, and
docs/ecogram-session.png (demo-2 filled up to 40 persons, in session mode at tablet
size), on a throwaway database. tests/browser/test_screenshots.py runs the same code
into a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import select

from ecogram import storage
from ecogram.accounts import User, assign
from ecogram.db import session_scope
from ecogram.demo_loader import DEMO_PASSWORD
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug
from tests.browser.journey import add_to_team, click_and_wait, sign_in
from tests.browser.live import (
    LiveServer,
    launch_chromium,
    login,
    make_seeded_database,
    start_live_server,
    wait_for_ecogram,
)
from tests.browser.map import enter_session_mode, fill_case
from tests.forty import forty_case

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
CASE = "demo-2"
SIZES = {"tablet": (1024, 768), "desktop": (1440, 900)}


def take_screenshots(browser: Browser, server: LiveServer, out_dir: Path) -> list[Path]:
    """One PNG per size of what the user sees on first opening the page (no scrolling)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    case_id = server.case_id(CASE)
    context = browser.new_context()
    login(context.new_page(), server, "contextwerker")
    signed_in = context.storage_state()
    context.close()
    for name, (width, height) in SIZES.items():
        context = browser.new_context(
            viewport={"width": width, "height": height}, storage_state=signed_in
        )
        try:
            page = context.new_page()
            page.goto(f"{server.url}/cases/{case_id}/")
            page.wait_for_load_state("networkidle")
            wait_for_ecogram(page)
            path = out_dir / f"ecogram-{name}.png"
            page.screenshot(path=str(path))
            written.append(path)
        finally:
            context.close()
    return written


#: The README shows the tablet; `take_forty_screenshots` makes any size asked.
FORTY = {"ecogram-40": SIZES["tablet"]}


def store_forty(server: LiveServer, username: str) -> int:
    """The 40-person case (tests/forty.py), on `username`'s team; its id."""
    with session_scope(server.engine) as session:
        case = storage.save_case(session, forty_case())
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        assign(session, user, case)
        session.flush()
        return case.id


def take_forty_screenshots(
    browser: Browser, server: LiveServer, out_dir: Path, sizes: dict[str, tuple[int, int]] = FORTY
) -> list[Path]:
    """The ecogram of 40 persons with its overview, scrolled to the drawing, per size."""
    out_dir.mkdir(parents=True, exist_ok=True)
    case_id = store_forty(server, "contextwerker")
    context = browser.new_context()
    login(context.new_page(), server, "contextwerker")
    signed_in = context.storage_state()
    context.close()
    written = []
    for name, (width, height) in sizes.items():
        context = browser.new_context(
            viewport={"width": width, "height": height}, storage_state=signed_in
        )
        try:
            page = context.new_page()
            page.goto(f"{server.url}/cases/{case_id}/")
            page.wait_for_load_state("networkidle")
            page.locator("#ecogram").evaluate(
                "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8)"
            )
            wait_for_ecogram(page)
            path = out_dir / f"{name}.png"
            page.screenshot(path=str(path))
            written.append(path)
        finally:
            context.close()
    return written


#: A statistical Limburg case: nobody on its team yet, so the panel offers both colleagues.
TEAM_CASE = "demo-101"
FRONT_DOOR = ("intake", "team", "accounts")


def take_front_door_screenshots(browser: Browser, server: LiveServer, out_dir: Path) -> list[Path]:
    """The intake form being filled in, a team panel and the account list, at tablet size."""
    out_dir.mkdir(parents=True, exist_ok=True)
    width, height = SIZES["tablet"]
    written = []
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-BE")
    try:
        page = context.new_page()
        sign_in(page, server, "coordinator", DEMO_PASSWORD)
        page.goto(f"{server.url}/cases/new")
        page.fill("#intake-child_name", "Baby Lina")
        page.fill("#intake-expected_date", "2027-02-14")
        page.select_option("#intake-referrer", "midwife")
        page.fill("#intake-parent_1", "Yasmina")
        page.fill("#intake-parent_2", "Tom")
        written.append(_shot(page, out_dir / "intake.png"))
        add_to_team(page, server, server.case_id(TEAM_CASE), "Lotte")
        written.append(_shot(page, out_dir / "team.png"))
        click_and_wait(page, ".topbar-tools form[action='/logout'] button")
        sign_in(page, server, "beheer", DEMO_PASSWORD)
        page.goto(f"{server.url}/accounts")
        written.append(_shot(page, out_dir / "accounts.png"))
    finally:
        context.close()
    return written


#: The network's year, as Limburg's demo network coordinator sees it.
YEAR = ("self-scan", "plan", "year-report")


def take_year_screenshots(browser: Browser, server: LiveServer, out_dir: Path) -> list[Path]:
    """The self-scan, the action plan and the end-of-year report pages, at tablet size."""
    out_dir.mkdir(parents=True, exist_ok=True)
    width, height = SIZES["tablet"]
    with session_scope(server.engine) as session:
        limburg = session.scalar(select(Network.id).where(Network.slug == NetworkSlug.LIMBURG))
    written = []
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-BE")
    try:
        page = context.new_page()
        sign_in(page, server, "netwerk", DEMO_PASSWORD)
        for name in YEAR:
            page.goto(f"{server.url}/networks/{limburg}/{name}")
            written.append(_shot(page, out_dir / f"{name}.png"))
    finally:
        context.close()
    return written


def _shot(page: Page, path: Path) -> Path:
    """What the user sees at the top of the page, with nothing focused."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    page.screenshot(path=str(path))
    return path


#: Family Finding's aim: the session screenshot shows a network of that size.
SESSION_PERSONS = 40


def take_session_screenshot(browser: Browser, server: LiveServer, out_dir: Path) -> Path:
    """demo-2 with 40 persons in session mode at tablet size, as at the kitchen table.

    Fills the server's copy of demo-2 first, so give it a server of its own.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    fill_case(server, CASE, SESSION_PERSONS)
    width, height = SIZES["tablet"]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-BE")
    try:
        page = context.new_page()
        login(page, server, "contextwerker")
        page.goto(f"{server.url}/cases/{server.case_id(CASE)}/")
        wait_for_ecogram(page)
        enter_session_mode(page)
        wait_for_ecogram(page)
        page.evaluate("() => document.activeElement?.blur()")
        path = out_dir / "ecogram-session.png"
        page.screenshot(path=str(path))
        return path
    finally:
        context.close()


def main() -> int:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        database = Path(tmp) / "ecogram.sqlite3"
        make_seeded_database(database, dt.date.today())
        server = start_live_server(database)
        browser = launch_chromium(playwright)
        try:
            for path in take_screenshots(browser, server, DOCS):
                print(f"wrote {path}")
            for path in take_front_door_screenshots(browser, server, DOCS):
                print(f"wrote {path}")
            for path in take_year_screenshots(browser, server, DOCS):
                print(f"wrote {path}")
            for path in take_forty_screenshots(browser, server, DOCS):
                print(f"wrote {path}")
            print(f"wrote {take_session_screenshot(browser, server, DOCS)}")
        finally:
            browser.close()
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
