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

import pytest
from flask import Flask
from sqlalchemy import select

from ecogram import caseformat, storage
from ecogram.accounts import User, assign
from ecogram.db import make_engine, session_scope
from ecogram.demo_loader import DEMO_PASSWORD, DEMO_USERS, load_demo
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
}


@pytest.fixture(scope="module")
def demo_database(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, plus a case imported from a file without a trajectory (as `ecogram
    import` may store one), on the demo context worker's team: its page offers to
    start the trajectory, which no demo case does."""
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
    finally:
        engine.dispose()
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
    assert set(SCRIPT_ONLY) <= posted
    assert reached & set(SCRIPT_ONLY) == set()
    assert posted - reached - set(SCRIPT_ONLY) == set()
