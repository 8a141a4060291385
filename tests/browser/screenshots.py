"""Screenshots of the ecogram page for the README: tablet (1024x768) and desktop (1440x900).

`python -m tests.browser.screenshots` writes docs/ecogram-tablet.png and
docs/ecogram-desktop.png from demo case demo-2 (Baby Mila, a rich network) as the
demo context worker sees it, on a throwaway database. tests/browser/
test_screenshots.py runs the same code into a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from tests.browser.live import (
    LiveServer,
    launch_chromium,
    login,
    make_seeded_database,
    start_live_server,
    wait_for_ecogram,
)

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
        finally:
            browser.close()
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
