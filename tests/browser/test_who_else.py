"""The "Who else?" prompts as the page's script redraws them after a change: still ten at
most, with the others counted under them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ecogram import storage
from ecogram.db import session_scope
from tests.browser.live import LiveServer, login, wait_for_ecogram
from tests.factories import make_unexplored_neighbours


@pytest.fixture(scope="module")
def twelve_prompts(live_server: LiveServer) -> None:
    with session_scope(live_server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        make_unexplored_neighbours(case, 12)


@pytest.mark.usefixtures("twelve_prompts")
def test_marking_a_prompt_to_explore_brings_the_next_one_up_and_counts_one_fewer(
    page: Page, live_server: LiveServer
) -> None:
    login(page, live_server, "worker")
    page.goto(f"{live_server.url}/cases/{live_server.case_id('c1')}/")
    wait_for_ecogram(page)
    prompts = page.locator("#who-else li[data-prompt=unexplored]")
    more = page.locator("#who-else li[data-prompt=more]")
    assert prompts.count() == 10
    assert "En nog 2 personen" in more.inner_text()

    prompts.first.get_by_role("button", name="Te verkennen").click()
    page.wait_for_function(
        "() => document.querySelector('#who-else li[data-prompt=more]')"
        " && document.querySelector('#who-else li[data-prompt=more]')"
        ".textContent.includes('En nog 1 persoon ')"
    )
    names = prompts.locator("strong").all_text_contents()
    assert names == [f"Buur {n:02d}" for n in range(1, 11)]
    link = more.get_by_role("link", name="Bekijk ze bij de bevindingen")
    assert link.get_attribute("href") == f"/cases/{live_server.case_id('c1')}/findings"


@pytest.mark.usefixtures("twelve_prompts")
def test_an_assessor_reads_the_prompts_without_buttons_and_follows_the_count_to_the_findings(
    page: Page, live_server: LiveServer
) -> None:
    # Twelve prompts, or eleven once the test above marked one: ten shown either way.
    page.set_viewport_size({"width": 1024, "height": 768})
    login(page, live_server, "colleague")
    page.goto(f"{live_server.url}/cases/{live_server.case_id('c1')}/")
    wait_for_ecogram(page)
    who = page.locator("#who-else")
    assert who.locator("li[data-prompt=unexplored]").count() == 10
    assert who.get_by_role("button", name="Te verkennen").count() == 0
    more = who.locator("li[data-prompt=more]")
    more.scroll_into_view_if_needed()
    assert more.is_visible()
    with page.expect_navigation():
        more.get_by_role("link", name="Bekijk ze bij de bevindingen").click()
    assert "Buur 11" in page.locator("main").inner_text()
