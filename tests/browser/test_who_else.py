"""The "Who else?" prompts as the page's script redraws them after a change: still ten at
most, with the others counted under them."""

from __future__ import annotations

from playwright.sync_api import Page

from ecogram import storage
from ecogram.db import session_scope
from ecogram.vocabulary import CandidateStatus, PersonKind, TieQuality
from tests.browser.live import LiveServer, login, wait_for_ecogram
from tests.factories import make_person, make_tie


def test_marking_a_prompt_to_explore_brings_the_next_one_up_and_counts_one_fewer(
    page: Page, live_server: LiveServer
) -> None:
    with session_scope(live_server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        sara = next(p for p in case.persons if p.name == "Sara")
        for n in range(12):
            person = make_person(
                case,
                name=f"Buur {n:02d}",
                kind=PersonKind.NEIGHBOUR,
                candidate=CandidateStatus.NONE,
            )
            make_tie(case, person, sara, quality=TieQuality.STRONG)
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
