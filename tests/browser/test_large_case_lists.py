"""A large case's page leaves its lists as text to its script, which writes them after the
first drawing: every person and every tie is in them all the same, named as drawn. And
that first drawing, the one `make bench` times, is of every person and every tie."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ecogram import storage
from ecogram.db import session_scope
from tests.browser.live import LiveServer, login, wait_for_ecogram
from webapp import ecogram_page


def test_a_large_case_s_lists_hold_everyone_once_its_script_has_written_them(
    page: Page, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Any case above the limit is large; the demo case is, with a limit of 0.
    monkeypatch.setattr(ecogram_page, "LISTS_IN_PAGE", 0)
    live_server.app.extensions["ecogram.views"].__init__()  # no page made with the old limit
    with session_scope(live_server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        names = sorted(person.name for person in case.persons)
        tie_count = len(case.ties)
    login(page, live_server, "worker")
    response = page.goto(f"{live_server.url}/cases/{live_server.case_id('c1')}/")
    assert response is not None
    html = response.text()
    assert '<ul id="person-list" class="person-list" data-from-script>' in html
    assert "data-person-id" not in html.split('id="person-list"')[1].split("</ul>")[0]
    wait_for_ecogram(page)
    page.wait_for_function(
        "n => document.querySelectorAll('#person-list li').length === n", arg=len(names)
    )
    listed = page.eval_on_selector_all(
        "#person-list li .person-button", "buttons => buttons.map(b => b.textContent)"
    )
    assert sorted(listed) == names
    assert page.eval_on_selector_all("#tie-list li", "items => items.length") == tie_count
    assert page.text_content("#tie-count") == str(tie_count)


def test_the_first_drawing_of_the_ecogram_holds_every_person_and_every_tie(
    page: Page, live_server: LiveServer
) -> None:
    # The page's mark of its first drawing, which `make bench` times: vis-network used to
    # draw the persons before it had the ties, and that drawing was the one timed.
    with session_scope(live_server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        persons, ties = len(case.persons), len(case.ties)
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/cases/{live_server.case_id('c1')}/")
    wait_for_ecogram(page)
    drawn = page.evaluate(
        "() => performance.getEntriesByName('ecogram-drawn').map(mark => mark.detail)"
    )
    assert drawn == [{"marks": persons, "ties": ties}]
