"""The ecogram page is kept whole per user and case revision: each viewer still gets their
own name, menus, tabs, token and messages, and a change to the user shows at once."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from ecogram.accounts import User, UserRole
from ecogram.db import session_scope
from tests.web.conftest import HttpsClient, World, login

TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
SIGN_OUT_TOKEN = re.compile(
    r'<form method="post" action="/logout">\s*'
    r'<input type="hidden" name="csrf_token" value="([^"]+)">'
)
TABS = re.compile(r'<ul class="case-tabs">(.*?)</ul>', re.S)
WHO = re.compile(r'<a class="who"[^>]*>([^<]*)</a>')


def page_of(app: Flask, username: str, case_id: int) -> str:
    client = app.test_client()
    login(client, username)
    response = client.get(f"/cases/{case_id}/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def tab_labels(page: str) -> list[str]:
    found = TABS.search(page)
    assert found is not None
    return re.findall(r">([^<]+)</a></li>", found.group(1))


def rename(app: Flask, username: str, **changes: object) -> None:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        for name, value in changes.items():
            setattr(user, name, value)


def test_two_viewers_of_one_revision_each_see_their_own_name_and_tabs(
    app: Flask, world: World
) -> None:
    app.test_client_class = HttpsClient
    rename(app, "worker", display_name="Wendy Werker")
    rename(app, "coordinator", display_name="Cor Coördinator")
    worker = page_of(app, "worker", world.case_id)
    coordinator = page_of(app, "coordinator", world.case_id)
    assert WHO.findall(worker) == ["Wendy Werker"]
    assert WHO.findall(coordinator) == ["Cor Coördinator"]
    # The coordinator closes and erases cases of the network; the worker on the team does not.
    assert "Afsluiten" in tab_labels(coordinator) and "Wissen" in tab_labels(coordinator)
    assert "Afsluiten" not in tab_labels(worker) and "Wissen" not in tab_labels(worker)
    # Kept now for both: each still sees their own.
    assert WHO.findall(page_of(app, "worker", world.case_id)) == ["Wendy Werker"]
    assert WHO.findall(page_of(app, "coordinator", world.case_id)) == ["Cor Coördinator"]


def test_a_new_name_or_role_shows_on_the_next_view_of_the_same_revision(
    app: Flask, world: World
) -> None:
    app.test_client_class = HttpsClient
    client = app.test_client()
    login(client, "worker")
    before = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert WHO.findall(before) == ["worker"]
    assert 'id="ecogram-stage" class="ecogram-stage" data-editable' in before
    rename(app, "worker", display_name="Nieuwe Naam")
    renamed = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert WHO.findall(renamed) == ["Nieuwe Naam"]
    # An assessor on the team reads the ecogram but does not map it.
    rename(app, "worker", role=UserRole.FOSTER_CARE_ASSESSOR)
    after = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert "data-editable" not in after
    rename(app, "worker", role=UserRole.CONTEXT_WORKER)
    again = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert 'id="ecogram-stage" class="ecogram-stage" data-editable' in again


def test_every_token_of_a_cached_page_is_the_sessions_own(app: Flask, world: World) -> None:
    app.test_client_class = HttpsClient
    first, second = (page_of(app, "worker", world.case_id) for _ in range(2))
    for page in (first, second):
        meta = TOKEN.search(page)
        assert meta is not None
        assert SIGN_OUT_TOKEN.findall(page) == [meta.group(1)]
        assert "csrf-token" not in page.replace('name="csrf-token"', "")
    assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)  # type: ignore[union-attr]


def test_a_flashed_message_shows_once_on_a_page_that_is_otherwise_cached(
    app: Flask, world: World
) -> None:
    app.test_client_class = HttpsClient
    client = app.test_client()
    login(client, "worker")
    client.get(f"/cases/{world.case_id}/")  # the page is now kept for this revision
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "Tante Mia is bewaard.")]
    shown = client.get(f"/cases/{world.case_id}/").get_data(as_text=True)
    assert '<p class="flash flash-success" role="status">Tante Mia is bewaard.</p>' in shown
    assert "Tante Mia is bewaard." not in client.get(f"/cases/{world.case_id}/").get_data(
        as_text=True
    )
