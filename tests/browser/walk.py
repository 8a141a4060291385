"""Walk every page a persona reaches in Chromium, and measure each as a user meets it.

The walk starts where signing in lands and follows every link a page shows, as a person
does, plus the pages no link leads to (the error pages, re-authentication, setting up a
second factor). Which URL is which page comes from the app's URL map: a page kind
(endpoint) is visited at most `per_endpoint` times, because the demo repeats the same
case pages for every case. JSON, files and the health check are not pages; their
endpoints are named in NOT_PAGES with the reason, so that a page added later is walked
without anyone having to list it.

For each page it records the status, how wide the document is against the window, where
the "Sign out" button lies, and every axe-core violation, of any impact, with axe's
default rules (WCAG 2.0 to 2.2 A and AA, and its best practices). axe is injected through
the DevTools protocol, so the page's own CSP stays in force.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter, RequestRedirect

#: GET endpoints that are not pages a person reads, and why.
NOT_PAGES = {
    "static": "the app's own scripts, styles and images",
    "health.healthz": "a JSON health check for monitoring",
    "ecogram_page.graph_data": "the ecogram page's drawing data (JSON)",
    "ecogram_page.person_detail": "the side panel's person details (JSON)",
    "history.session_graph": "a past session's drawing data (JSON)",
    "history.counts": "the growth chart's data (JSON)",
    "dashboard.data": "the dashboard's chart data (JSON)",
    "dashboard.export_csv": "a download",
    "dashboard.export_pdf": "a download",
    "dashboard.export_xlsx": "a download",
    "self_scan.download": "a download (a self-scan version as PDF)",
    "year_report.download_pdf": "a download (the end-of-year report as PDF)",
    "year_report.download_docx": "a download (the end-of-year report as DOCX)",
}
#: Pages no link leads to, visited by every walk: the answers to a wrong address and to a
#: wrong method, typing the password again, and setting up an authenticator app.
UNLINKED = {
    "/cases/2147483647/": 404,
    "/logout": 405,
    "/reauthenticate": 200,
    "/login/enrol": 200,
}
SIGN_OUT = "header form[action$='/logout'] button"


@dataclass
class Visit:
    path: str
    endpoint: str
    status: int
    width: int  #: the document's width
    window: int  #: the window's width
    sign_out: tuple[float, float] | None  #: left and right edge of the Sign out button
    violations: list[str] = field(default_factory=list)

    @property
    def sign_out_in_reach(self) -> bool:
        return self.sign_out is not None and 0 <= self.sign_out[0] < self.sign_out[1] <= self.window


def axe_violations(axe: Axe, page: Page) -> list[str]:
    """Every violation on the page as one line: rule, impact, what, where."""
    results = axe.run(page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:6])
        for v in results.response["violations"]
    ]


def measure(page: Page, path: str, endpoint: str, status: int, axe: Axe | None) -> Visit:
    width, window = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    button = page.locator(SIGN_OUT)
    box = button.bounding_box() if button.count() == 1 and button.is_visible() else None
    sign_out = None if box is None else (box["x"], box["x"] + box["width"])
    violations = axe_violations(axe, page) if axe is not None else []
    return Visit(path, endpoint, status, width, window, sign_out, violations)


def endpoint_of(adapter: MapAdapter, path: str) -> str | None:
    try:
        endpoint, _args = adapter.match(path, method="GET")
    except (HTTPException, RequestRedirect):
        return None
    return str(endpoint)


def walk(
    page: Page, origin: str, adapter: MapAdapter, *, per_endpoint: int, axe: Axe | None
) -> list[Visit]:
    """Visit the page the browser is on, everything it links to, and the UNLINKED pages."""
    start = page.url.removeprefix(origin)
    queue = deque([start, *UNLINKED])
    seen: set[str] = set()
    count: dict[str, int] = {}
    visits = []
    while queue:
        path = queue.popleft().split("#", 1)[0]
        endpoint = endpoint_of(adapter, urlsplit(path).path)
        if endpoint is None and path in UNLINKED:
            endpoint = f"(answer {UNLINKED[path]})"
        if path in seen or endpoint is None or endpoint in NOT_PAGES:
            continue
        if count.get(endpoint, 0) >= per_endpoint and path not in UNLINKED:
            continue
        seen.add(path)
        count[endpoint] = count.get(endpoint, 0) + 1
        response = page.goto(origin + path)
        assert response is not None
        page.wait_for_load_state("networkidle")
        visits.append(measure(page, path, endpoint, response.status, axe))
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        queue.extend(link.removeprefix(origin) for link in links if link.startswith(origin + "/"))
    return visits
