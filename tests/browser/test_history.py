"""The history tab in Chromium: the growth chart and the ecogram as it stood at a session.

Demo case demo-2 grows over three sessions with the family. Each past drawing
must appear with exactly the persons of its session, on the same backdrop of
sectors and rings as the ecogram tab, without a console error or a CSP breach
(the guard fails the test on either).
"""

from __future__ import annotations

from playwright.sync_api import Page

from ecogram.db import session_scope
from ecogram.history import session_counts
from tests.browser.live import LiveServer, login


def drawn_persons(page: Page) -> int:
    page.wait_for_selector("#history-ecogram[data-ready=true]")
    count: int = page.evaluate("() => window.historyNetwork.body.data.nodes.length")
    return count


def test_each_earlier_session_is_drawn_with_the_persons_it_had(
    page: Page, live_server: LiveServer
) -> None:
    case_id = live_server.case_id("demo-2")
    with session_scope(live_server.engine) as session:
        counts = session_counts(session, case_id)
    assert len(counts) >= 3 and counts[0].persons < counts[-1].persons

    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/cases/{case_id}/history")
    page.wait_for_selector("#session-chart[data-ready=true]")
    for session in counts:
        page.goto(f"{live_server.url}/cases/{case_id}/history/{session.number}")
        # The child is drawn too; the counts leave the child out.
        assert drawn_persons(page) == session.persons + 1
    backdrop = page.evaluate("() => typeof window.ecogramBackdrop.draw")
    assert backdrop == "function"
