"""The app on a live server and Chromium to look at it: shared by the browser
tests (conftest) and the screenshot script.

The server runs the real app (CSRF on, Secure session cookies) on a seeded
SQLite file at http://127.0.0.1:<free port>; Chromium counts 127.0.0.1 as a
secure context, so the Secure cookies are kept over plain http.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask
from playwright.sync_api import Browser, Page, Playwright
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from werkzeug.serving import BaseWSGIServer, make_server

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

from ecogram import caseformat, storage
from ecogram.accounts import User, UserRole, add_user, assign
from ecogram.db import make_engine, session_scope
from ecogram.demo_loader import DEMO_PASSWORD, load_demo
from ecogram.migrate import init_database
from ecogram.models import Case
from webapp import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHROMIUM_MISSING = f"""\
Chromium is not installed at {CHROMIUM}; the browser tests need it and do NOT skip.
Install Debian's Chromium (playwright install cannot download browsers here):
    apt-get install -y chromium"""

EXAMPLE = Path(__file__).parent.parent / "data" / "design_example.json"
PASSWORD = "correct horse battery"
#: username -> password. `worker` and `colleague` are on case "c1" (the design
#: example, network Limburg); the others are the demo accounts (ecogram.demo_loader).
PASSWORDS = {
    "worker": PASSWORD,
    "colleague": PASSWORD,
    "contextwerker": DEMO_PASSWORD,
    "pleegzorg": DEMO_PASSWORD,
    "coordinator": DEMO_PASSWORD,
    "netwerk": DEMO_PASSWORD,
    "beheer": DEMO_PASSWORD,
}
#: Where signing in lands, when not on My cases: the admin manages the networks' plans,
#: the network coordinator reads the dashboard.
LANDINGS = {"beheer": "/networks", "netwerk": "/dashboard"}


def seed(session: Session, today: dt.date) -> None:
    """The demo cases and accounts, plus the design example as case "c1"."""
    load_demo(session, today)
    case = storage.save_case(
        session, caseformat.parse_document(json.loads(EXAMPLE.read_text("utf-8")))
    )
    for username, role in [
        ("worker", UserRole.CONTEXT_WORKER),
        ("colleague", UserRole.FOSTER_CARE_ASSESSOR),
    ]:
        assign(session, add_user(session, username=username, password=PASSWORD, role=role), case)
    coordinator = session.scalar(select(User).where(User.username == "coordinator"))
    assert coordinator is not None and coordinator.role is UserRole.CASE_COORDINATOR


def make_seeded_database(path: Path, today: dt.date) -> None:
    engine = make_engine(f"sqlite:///{path}")
    try:
        init_database(engine)
        with session_scope(engine) as session:
            seed(session, today)
    finally:
        engine.dispose()  # the last close checkpoints the WAL into the main file


def make_empty_database(path: Path, admin_password: str) -> None:
    """What `ecogram init` and `ecogram user add beheer --role admin` leave behind."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        init_database(engine)
        with session_scope(engine) as session:
            add_user(
                session,
                username="beheer",
                password=admin_password,
                role=UserRole.ADMIN,
                display_name="Beheerder",
            )
    finally:
        engine.dispose()


@dataclass
class LiveServer:
    url: str  #: http://127.0.0.1:<port>, no trailing slash
    engine: Engine  #: the app's own engine, for setting up or reading back data
    app: Flask  #: the app itself, e.g. to move its frozen day on (`FROZEN_TODAY`)
    _server: BaseWSGIServer = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def case_id(self, ref: str) -> int:
        with session_scope(self.engine) as session:
            found = session.scalar(select(Case.id).where(Case.ref == ref))
        assert found is not None, f"no case {ref!r} in the browser-test database"
        return found

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self.engine.dispose()


def start_live_server(
    database: Path, today: dt.date | None = None, *, second_factor: bool = False
) -> LiveServer:
    """Serve the app on `database` at 127.0.0.1 and a free port, in a daemon thread.

    With `today`, the app's day is frozen there (and may be moved on through `app`).
    Test users sign in with a password alone unless `second_factor` requires it, as a
    deployment does (tests/browser/test_second_factor.py).
    """
    config: dict[str, object] = {
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "browser-only",
        "TESTING": True,
        "REQUIRE_SECOND_FACTOR": second_factor,
    }
    if today is not None:
        config["FROZEN_TODAY"] = today
    app = create_app(config)
    server = make_server("127.0.0.1", 0, _read_whole(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return LiveServer(
        url=f"http://127.0.0.1:{server.server_port}",
        engine=app.extensions["ecogram.engine"],
        app=app,
        _server=server,
        _thread=thread,
    )


class _Answer(list[bytes]):
    """An answer read whole, closed once sent (as a WSGI server closes it) or else once dropped.

    Static files now come with their fingerprint, so the browser asks for the favicon
    afresh rather than being told it has not changed, and it drops that request when
    the next navigation starts. werkzeug's development server then never closes the
    answer, which left the file open: a ResourceWarning, which the run treats as an
    error. gunicorn, in production, closes what it was answering in any case. Closing
    only after sending matters too: the app does work of its own when its answer is
    closed (`webapp.collector`), which must not delay the answer.
    """

    def __init__(self, body: bytes, answer: Iterable[bytes]) -> None:
        super().__init__([body])
        self._answer: Iterable[bytes] | None = answer

    def close(self) -> None:
        answer, self._answer = self._answer, None
        close = getattr(answer, "close", None)
        if close is not None:
            close()

    def __del__(self) -> None:
        self.close()


def _read_whole(app: WSGIApplication) -> WSGIApplication:
    def read_whole(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        answer = app(environ, start_response)
        return _Answer(b"".join(answer), answer)

    return read_whole


def launch_chromium(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise RuntimeError(CHROMIUM_MISSING)
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


def login(page: Page, server: LiveServer, username: str) -> None:
    page.goto(f"{server.url}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORDS[username])
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    landing = LANDINGS.get(username, "/")
    assert page.url == f"{server.url}{landing}", f"login as {username} did not land on {landing}"


def wait_for_ecogram(page: Page) -> None:
    """Until the network holds its nodes and has drawn them at least once more."""
    page.wait_for_function("() => window.ecogramNodes && window.ecogramNodes.length > 0")
    page.evaluate(
        """() => new Promise(done => {
            window.ecogramNetwork.once('afterDrawing', () => done(true));
            window.ecogramNetwork.redraw();
        })"""
    )
