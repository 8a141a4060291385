"""Every form as rendered, for every demo persona: accepted, or refused saying why.

The crawler (tests/web/crawler.py) signs in through the sign-in page, follows every
link it can reach and submits every form exactly as the page renders it, with CSRF on.
The POST routes come from the URL map: one that no rendered form reaches fails here,
unless it is named below as script-only, with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from flask import Flask
from sqlalchemy import select

from ecogram import caseformat, storage
from ecogram.accounts import User, UserRole, add_user, assign
from ecogram.capabilities import visible_case_ids
from ecogram.db import make_engine, session_scope
from ecogram.demo_loader import DEMO_PASSWORD, DEMO_USERS, load_demo
from ecogram.models import Case
from ecogram.persons import removal
from ecogram.vocabulary import PersonKind
from tests.web.conftest import EXAMPLE, HttpsClient
from tests.web.crawler import ORIGIN, Crawl, Crawler
from tests.web.rendered import parse, path_of
from tests.web.urlmap import routes
from webapp import create_app

TODAY = dt.date(2026, 11, 23)
PERSONAS = [username for username, *_rest in DEMO_USERS]

#: POST routes that only the pages' scripts call, and why no form reaches them.
SCRIPT_ONLY = {
    "ecogram_page.edit_person": "the side panel's script fills in the clicked person's URL",
    "ecogram_page.edit_tie": "the side panel's script fills in the clicked tie's URL",
    "ecogram_page.delete_person": "the side panel's script asks in its dialog, then posts",
    "ecogram_page.delete_tie": "the side panel's script asks in its dialog, then posts",
    "ecogram_page.undo": "the side panel's undo button and Ctrl+Z call it from script",
    "ecogram_page.redo": "the side panel's redo button and Ctrl+Y call it from script",
}

#: POST routes of the second sign-in step, which these crawls (signed in with a password
#: alone, as `make run` serves the demo) never meet; tests/web/test_second_factor.py and
#: tests/browser/test_second_factor.py post their forms as rendered.
SECOND_STEP_ONLY = {
    "auth.second_factor": "the code page after the password, when a second factor is set up",
    "auth.enrol": "setting up an authenticator app, when a second factor is required",
}


def remove_someone_today(path: Path) -> None:
    """The demo context worker removes one person from each of their cases through the side
    panel's API, so every history offers to put someone back, as after a real removal
    (the crawler reads a few pages per endpoint, whichever case it reaches first)."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{path}",
            "FROZEN_TODAY": TODAY,
            "REQUIRE_SECOND_FACTOR": False,
        }
    )
    app.config["WTF_CSRF_ENABLED"] = False  # set-up only: the crawl itself keeps CSRF on
    client = app.test_client()
    signed_in = {"username": "contextwerker", "password": DEMO_PASSWORD}
    assert client.post("/login", data=signed_in).status_code == 302
    removals = []
    with session_scope(app.extensions["ecogram.engine"]) as session:
        worker = session.scalar(select(User).where(User.username == "contextwerker"))
        assert worker is not None
        for case_id in visible_case_ids(session, worker):
            ref = session.scalar(select(Case.ref).where(Case.id == case_id))
            case = storage.load_case(session, ref or "")
            assert case is not None
            # A professional: never one of the "Who else?" prompts the crawl must also reach.
            gone = next(
                (
                    p
                    for p in case.persons
                    if p.kind is PersonKind.PROFESSIONAL and removal(case, p, TODAY).allowed
                ),
                None,
            )
            if gone is not None:
                removals.append(f"/cases/{case_id}/persons/{gone.id}/delete?v={gone.version}")
    assert removals
    for url in removals:
        path_only, version = url.split("?v=")
        answer = client.post(path_only, data={"version": version})
        assert answer.status_code == 200, answer.get_data(as_text=True)
    app.extensions["ecogram.engine"].dispose()


@pytest.fixture(scope="module")
def demo_database(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, plus a case imported from a file without a trajectory (as `ecogram
    import` may store one), on the demo context worker's team: its page offers to
    start the trajectory, which no demo case does. In each of the worker's cases one
    person was removed today, so the history offers to put them back."""
    path = tmp_path_factory.mktemp("crawl") / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        with session_scope(engine) as session:
            load_demo(session, TODAY)
            document = json.loads(EXAMPLE.read_text("utf-8"))
            document["case"]["id"] = "import-1"
            document["trajectory"] = None
            case = storage.save_case(session, caseformat.parse_document(document))
            worker = session.scalar(select(User).where(User.username == "contextwerker"))
            assert worker is not None
            assign(session, worker, case)
            # Someone with a second factor, so the admin's page offers to remove it.
            phone_lost = add_user(
                session,
                username="gsm-kwijt",
                password="a fictional passphrase 2026",
                role=UserRole.CONTEXT_WORKER,
                network=worker.network,
            )
            phone_lost.totp_secret = pyotp.random_base32()
    finally:
        engine.dispose()
    remove_someone_today(path)
    return path


def crawl_as(username: str, database: Path, tmp_path: Path) -> tuple[Crawl, Flask]:
    copy = tmp_path / f"{username}.sqlite3"
    shutil.copyfile(database, copy)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{copy}",
            "SECRET_KEY": "crawl-only-secret",
            "FROZEN_TODAY": TODAY,
            # The demo personas sign in with a password alone, as `make run` serves them;
            # tests/web/test_second_factor.py proves the second step on its own.
            "REQUIRE_SECOND_FACTOR": False,
        }
    )
    app.test_client_class = HttpsClient
    client = app.test_client()
    crawler = Crawler(app, client, username)
    login = parse(f"{ORIGIN}/login", client.get("/login").get_data(as_text=True))
    form = login.forms[-1]
    typed = dict(form.data()) | {"username": username, "password": DEMO_PASSWORD}
    signed_in = client.post(path_of(form.action), data=typed, headers={"Referer": login.url})
    assert signed_in.status_code == 302, signed_in.get_data(as_text=True)
    crawler.crawl.reached.add("auth.login")
    crawl = crawler.run(signed_in.headers["Location"])
    crawler.after_sign_in_grows_old(recent_sign_in_endpoints(app))
    app.extensions["ecogram.engine"].dispose()
    return crawl, app


def recent_sign_in_endpoints(app: Flask) -> set[str]:
    """Endpoints whose view asks for a recent sign-in (webapp/auth/recent.py)."""
    return {
        endpoint
        for endpoint, view in app.view_functions.items()
        # functools.wraps copies the view's name onto the wrapper, but not its code.
        if view.__code__.co_qualname.startswith("recent_sign_in_required")
    }


@pytest.fixture(scope="module")
def crawls(
    demo_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, tuple[Crawl, Flask]]]:
    tmp = tmp_path_factory.mktemp("crawls")
    yield {username: crawl_as(username, demo_database, tmp) for username in PERSONAS}


@pytest.mark.parametrize("username", PERSONAS)
def test_every_rendered_form_is_accepted_or_refused_saying_why(
    crawls: dict[str, tuple[Crawl, Flask]], username: str
) -> None:
    crawl, _app = crawls[username]
    assert crawl.pages > 5 and crawl.submitted > 3, crawl
    assert not crawl.failures, "\n".join(crawl.failures)


def test_every_post_route_is_reached_by_a_rendered_form_or_named_as_script_only(
    crawls: dict[str, tuple[Crawl, Flask]],
) -> None:
    app = next(iter(crawls.values()))[1]
    posted = {rule.endpoint for rule in routes(app, "POST")}
    reached = set().union(*(crawl.reached for crawl, _app in crawls.values()))
    elsewhere = set(SCRIPT_ONLY) | set(SECOND_STEP_ONLY)
    assert elsewhere <= posted
    assert reached & elsewhere == set()
    assert posted - reached - elsewhere == set()
