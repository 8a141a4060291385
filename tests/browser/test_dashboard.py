"""The network dashboard in real Chromium: charts drawn under the strict CSP, and no name."""

from __future__ import annotations

import json
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from sqlalchemy import select

from ecogram.db import session_scope
from ecogram.demo_loader import DEMO_PASSWORD
from ecogram.models import Case, Person
from tests.browser.live import LiveServer
from tests.browser.test_accessibility import assert_accessible

CHARTS = ["started", "funnel", "roles", "outcomes", "stays", "budget", "cost", "region", "quarter"]


def sign_in_as_network_coordinator(page: Page, server: LiveServer) -> None:
    """The demo's network coordinator of Limburg ("netwerk"), signing in by hand."""
    page.goto(f"{server.url}/login")
    page.fill("#username", "netwerk")
    page.fill("#password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert not page.url.endswith("/login"), "the network coordinator could not sign in"


def names_and_refs(server: LiveServer) -> tuple[set[str], set[str]]:
    with session_scope(server.engine) as session:
        names = set(session.scalars(select(Person.name)))
        refs = set(session.scalars(select(Case.ref)))
    return names, refs


def test_a_network_coordinator_sees_the_charts_and_no_name_anywhere(
    page: Page, live_server: LiveServer
) -> None:
    sign_in_as_network_coordinator(page, live_server)
    page.wait_for_load_state("networkidle")  # the landing page may be the dashboard itself
    with page.expect_response(lambda r: "/dashboard/data.json?" in r.url) as fetched:
        page.goto(f"{live_server.url}/dashboard")
    data = fetched.value.json()
    page.wait_for_function(
        f"() => window.dashboardCharts && window.dashboardCharts.length === {len(CHARTS)}"
    )
    drawn = page.evaluate(
        """() => Array.from(document.querySelectorAll('canvas[data-chart]')).map(c => ({
            name: c.dataset.chart,
            chart: Chart.getChart(c) !== undefined,
            width: c.width,
            height: c.height,
        }))"""
    )
    assert [c["name"] for c in drawn] == CHARTS
    assert all(c["chart"] and c["width"] > 0 and c["height"] > 0 for c in drawn), drawn
    # The demo's Limburg trajectories reach the charts.
    assert data["report"]["referrals"] >= 30
    counted = [m["cumulative"] for m in data["months"] if m["cumulative"] is not None]
    assert counted[-1] == data["report"]["started"] > 0

    names, refs = names_and_refs(live_server)
    assert len(names) > 50  # the demo's many named people are in the database...
    texts = {
        # A random CSRF token could spell a short name by chance: it is not page content.
        "html": re.sub(r'name="csrf_token" value="[^"]*"', "", page.content()),
        "text": page.inner_text("body"),
        "json": json.dumps(data, ensure_ascii=False),
    }
    for where, text in texts.items():
        for name in names:
            # ...but not one of them is on the page or in the data behind the charts.
            assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text), (where, name)
        for ref in refs:
            assert not re.search(rf"(?<![\w-]){re.escape(ref)}(?![\w-])", text), (where, ref)


def test_every_chart_has_a_text_alternative_and_a_table(
    page: Page, live_server: LiveServer
) -> None:
    sign_in_as_network_coordinator(page, live_server)
    page.goto(f"{live_server.url}/dashboard")
    page.wait_for_function("() => window.dashboardCharts && window.dashboardCharts.length > 0")
    for name in CHARTS:
        canvas = page.locator(f"canvas[data-chart={name}]")
        assert canvas.get_attribute("role") == "img"
        assert (canvas.get_attribute("aria-label") or "").strip()
        section = page.locator("section", has=canvas)
        assert section.locator("table tbody tr").count() > 0, name


def test_the_dashboard_and_the_network_page_have_no_serious_accessibility_violations(
    page: Page, live_server: LiveServer
) -> None:
    sign_in_as_network_coordinator(page, live_server)
    page.goto(f"{live_server.url}/dashboard")
    page.wait_for_function(f"() => window.dashboardCharts?.length === {len(CHARTS)}")
    axe = Axe()
    assert_accessible(axe, page)
    page.goto(f"{live_server.url}/networks")
    page.click("#network-list a")
    assert_accessible(axe, page)
    page.click("#link-plan")
    page.wait_for_selector("#plan-form")
    assert_accessible(axe, page)
