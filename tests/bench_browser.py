"""`make bench`'s browser row: the 3,000-person ecogram in headless Chromium, until it is drawn.

Each run opens the page after a write to the case, so the server builds the read model
afresh as it does for the first view after any change; the time is the page's own
`ecogram-drawn` mark (ecogram.js sets it on the network's first `afterDrawing`, which
draws every mark, tie and label: the network gets its data in one go), counted from
the start of the navigation. The mark carries how many marks and ties were drawn, and
a run that drew fewer than the case holds fails. The detail splits the time: the
server's time to the first byte, the HTML's size, and the time from the last byte to
the drawing. Between runs the
browser leaves the drawn page for a blank one, as nobody reloads a 3,000-person ecogram
the moment it is drawn: otherwise the painting that follows the mark overlapped the next
run's server time.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from sqlalchemy import text

from ecogram import storage
from ecogram.accounts import UserRole, add_user, assign
from ecogram.db import make_engine, session_scope
from ecogram.migrate import init_database
from tests.benchrows import Row, summary
from tests.browser.live import PASSWORD, launch_chromium, login, start_live_server
from tests.factories import make_network_case

PERSONS = 3000
RUNS = 5
DRAWN = """() => new Promise(done => {
  const found = () => performance.getEntriesByName('ecogram-drawn');
  const wait = () => found().length ? done([found()[0].startTime, found()[0].detail])
    : setTimeout(wait, 20);
  wait();
})"""
NAVIGATION = """() => {
  const n = performance.getEntriesByType('navigation')[0];
  return [n.responseStart, n.responseEnd, n.transferSize];
}"""


def bench_browser() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "browser.sqlite3"
        engine = make_engine(f"sqlite:///{path}")
        init_database(engine)
        with session_scope(engine) as session:
            case = storage.save_case(session, make_network_case(PERSONS, ref="big"))
            user = add_user(
                session, username="worker", password=PASSWORD, role=UserRole.CONTEXT_WORKER
            )
            assign(session, user, case)
            case_id, ties = case.id, len(case.ties)
        engine.dispose()
        server = start_live_server(path)
        times, first_bytes, afters, sizes = [], [], [], []
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                login(page, server, "worker")
                for _ in range(RUNS + 1):
                    with server.engine.begin() as connection:  # a write: a new revision
                        connection.execute(
                            text('UPDATE "case" SET opened = :day WHERE id = :id'),
                            {"day": dt.date(2026, 1, 5), "id": case_id},
                        )
                    page.goto(f"{server.url}/cases/{case_id}/", wait_until="commit")
                    drawn, counted = page.evaluate(DRAWN)
                    if counted != {"marks": PERSONS, "ties": ties}:
                        raise AssertionError(f"the timed drawing was not whole: {counted}")
                    times.append(float(drawn))
                    first_byte, last_byte, size = page.evaluate(NAVIGATION)
                    first_bytes.append(float(first_byte))
                    afters.append(times[-1] - float(last_byte))
                    sizes.append(int(size))
                    # The drawn page keeps painting for a while (raster, vis-network's later
                    # redraws); left open, that work would land in the next run's server time.
                    page.goto("about:blank")
                browser.close()
        finally:
            server.stop()
    # The first run also warms Chromium's caches of the scripts; it is left out.
    detail = (
        f"server to first byte ms {summary(first_bytes[1:])}; last byte to drawn ms "
        f"{summary(afters[1:])}; HTML {max(sizes) / 1e6:.2f} MB"
    )
    return [
        Row(f"{PERSONS:,}-person ecogram in Chromium, drawn after (ms)", times[1:], 1000.0, detail)
    ]
