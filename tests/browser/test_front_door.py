"""The front door, in headless Chromium from an empty database, through rendered pages only.

The admin (made with `ecogram user add`, as the README says) adds a region and makes a
case coordinator and a context worker; the coordinator opens a case from a referral
with two parents and puts the worker on its team; the worker signs in with the shown
password, chooses their own and finds the case, with its team, in My cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ecogram.accounts import UserRole, add_user
from ecogram.db import make_engine, session_scope
from ecogram.migrate import init_database
from tests.browser.guard import PageGuard
from tests.browser.journey import (
    ADMIN_PASSWORD,
    Referral,
    add_region,
    add_to_team,
    choose_own_password,
    create_account,
    my_cases_row,
    open_case,
    sign_in,
    sign_out,
)
from tests.browser.live import LiveServer, start_live_server

WORKER_PASSWORD = "een eigen lange zin voor Lies"


def empty_database(path: Path) -> None:
    """What `ecogram init` and `ecogram user add beheer --role admin` leave behind."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        init_database(engine)
        with session_scope(engine) as session:
            add_user(
                session,
                username="beheer",
                password=ADMIN_PASSWORD,
                role=UserRole.ADMIN,
                display_name="Beheerder",
            )
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("front-door") / "ecogram.sqlite3"
    empty_database(path)
    server = start_live_server(path)
    yield server
    server.stop()


@pytest.fixture
def watched(browser: Browser, empty_server: LiveServer) -> Iterator[tuple[Page, PageGuard]]:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    context.set_default_timeout(5_000)
    page = context.new_page()
    guard = PageGuard(origin=empty_server.url)
    guard.watch(page)
    yield page, guard
    guard.assert_clean()
    context.close()


def test_from_an_empty_database_a_network_opens_and_staffs_its_first_case(
    watched: tuple[Page, PageGuard], empty_server: LiveServer
) -> None:
    page, _guard = watched
    server = empty_server
    sign_in(page, server, "beheer", ADMIN_PASSWORD)
    add_region(page, "Limburg", "Hasselt")
    coordinator = create_account(page, "Wout", "wout", "case_coordinator", "Limburg")
    worker = create_account(page, "Lies", "lies", "context_worker", "Limburg")
    sign_out(page)

    sign_in(page, server, "wout", coordinator)
    choose_own_password(page, coordinator, "de eigen zin van Wout")
    referral = Referral(
        child="Baby Lina",
        referrer="midwife",
        parents=("Yasmina", "Tom"),
        expected_date=(dt.date.today() + dt.timedelta(days=60)).isoformat(),
        region="Hasselt",
        mandated_service=True,
    )
    case_id = open_case(page, referral)
    expect(page.locator("h1")).to_have_text("Baby Lina")
    page.wait_for_function("() => window.ecogramNodes && window.ecogramNodes.length === 3")
    add_to_team(page, server, case_id, "Lies")
    sign_out(page)

    sign_in(page, server, "lies", worker)
    choose_own_password(page, worker, WORKER_PASSWORD)
    row = my_cases_row(page, server, "Baby Lina")
    assert "Lies" in row
    sign_out(page)
    sign_in(page, server, "lies", WORKER_PASSWORD)  # the new password is the one that works
    expect(page.get_by_role("link", name="Baby Lina")).to_be_visible()
