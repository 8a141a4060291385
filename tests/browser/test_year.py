"""A network's year in headless Chromium, through rendered pages only.

West-Vlaanderen's network coordinator writes the self-scan and the action plan and
submits it; the admin approves it, which starts the plan year; the case coordinator
opens five trajectories during the year, each with a care table; after the year the
coordinator writes the proposal to make the work permanent and downloads the
end-of-year report. pdftotext finds the committed and realised counts in the PDF,
python-docx reads them back from the DOCX. The app's day is frozen and moved on
between the steps, as the calendar would.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Browser, Page, expect

from ecogram.accounts import UserRole, add_user
from ecogram.db import make_engine, session_scope
from ecogram.migrate import init_database, seed_networks
from ecogram.networks import add_organisation, add_region
from ecogram.vocabulary import NetworkSlug
from tests.browser.guard import PageGuard
from tests.browser.journey import (
    Referral,
    approve_plan,
    click_and_wait,
    network_page,
    open_case,
    record_care_table,
    sign_in,
    sign_out,
    write_plan,
    write_self_scan,
)
from tests.browser.live import LiveServer, start_live_server

PASSWORD = "een lange zin voor het netwerk"
NETWORK = "West-Vlaanderen"
FUND_HOLDER = "CKG De Zeester (fictief)"
REGION = "Westhoek"
#: The days the app sees, step by step.
SCAN_DAY, DECISION_DAY = dt.date(2026, 1, 20), dt.date(2026, 2, 2)
DURING_THE_YEAR, AFTER_THE_YEAR = dt.date(2026, 3, 10), dt.date(2027, 2, 3)


def year_database(path: Path) -> None:
    """The admin, West-Vlaanderen's network and case coordinators, a region and a fund holder."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        init_database(engine)
        with session_scope(engine) as session:
            networks = {n.slug: n for n in seed_networks(session)}
            west = networks[NetworkSlug.WEST_VLAANDEREN]
            add_region(session, west, REGION)
            add_organisation(session, west, FUND_HOLDER)
            for username, role, network in [
                ("beheer", UserRole.ADMIN, None),
                ("ria", UserRole.NETWORK_COORDINATOR, west),
                ("wout", UserRole.CASE_COORDINATOR, west),
            ]:
                add_user(session, username=username, password=PASSWORD, role=role, network=network)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def year_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("year") / "ecogram.sqlite3"
    year_database(path)
    server = start_live_server(path, today=SCAN_DAY)
    yield server
    server.stop()


@pytest.fixture
def watched(browser: Browser, year_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1024, "height": 768}, locale="nl-BE", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    guard = PageGuard(origin=year_server.url)
    guard.watch(page)
    yield page
    guard.assert_clean()
    context.close()


def download(page: Page, selector: str) -> bytes:
    with page.expect_download() as waiting:
        page.click(selector)
    path = waiting.value.path()
    assert path is not None
    return Path(path).read_bytes()


def test_a_network_runs_through_its_year_and_reports_what_it_realised(
    watched: Page, year_server: LiveServer
) -> None:
    page, server = watched, year_server

    sign_in(page, server, "ria", PASSWORD)
    write_self_scan(page, NETWORK, "Procesbegeleider Els (fictief)", "2026-01-12")
    expect(page.locator("#self-scan-versions tr[data-version='1']")).to_be_visible()
    write_plan(page, NETWORK, committed=12, fund_holder=FUND_HOLDER)
    expect(page.locator("#state-title")).to_contain_text("ingediend")
    sign_out(page)

    server.app.config["FROZEN_TODAY"] = DECISION_DAY
    sign_in(page, server, "beheer", PASSWORD)
    approve_plan(page, NETWORK, DECISION_DAY.isoformat())
    expect(page.locator("#plan-year")).to_contain_text(
        "van 2 februari 2026 tot en met 1 februari 2027"
    )
    sign_out(page)

    server.app.config["FROZEN_TODAY"] = DURING_THE_YEAR
    sign_in(page, server, "wout", PASSWORD)
    for n in range(5):
        referred = DURING_THE_YEAR - dt.timedelta(days=5 - n)
        child = f"Baby {['Amir', 'Bo', 'Cas', 'Dina', 'Eli'][n]}"
        referral = Referral(
            child, "hospital", ("Mama",), birth_date="2025-12-01",
            referred=referred.isoformat(), region=REGION,
        )  # fmt: skip
        case_id = open_case(page, referral)
        record_care_table(page, server, case_id, (referred + dt.timedelta(days=1)).isoformat())
    sign_out(page)

    server.app.config["FROZEN_TODAY"] = AFTER_THE_YEAR
    sign_in(page, server, "ria", PASSWORD)
    network_page(page, NETWORK)
    click_and_wait(page, "#link-year-report")
    expect(page.locator("#report-figures [data-figure='started'] dd")).to_have_text("5")
    page.fill("#proposal-sustainability", "Reconversie van kortverblijf naar contextbegeleiding.")
    click_and_wait(page, "#proposal-form button[type=submit]")

    pdf = download(page, "#download-pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert "Toegezegd in het plan van aanpak 12" in lines
    assert "Gestart 5" in lines
    assert f"{REGION} 0 5" in lines  # the region committed nothing apart, and started 5
    assert "Reconversie van kortverblijf naar contextbegeleiding." in lines

    document = docx.Document(io.BytesIO(download(page, "#download-docx")))
    rows = {
        row.cells[0].text: [cell.text for cell in row.cells[1:]]
        for table in document.tables
        for row in table.rows
    }
    assert rows["Toegezegd in het plan van aanpak"] == ["12"]
    assert rows["Gestart"] == ["5"]
    assert "1 februari 2027" in document.core_properties.title
