"""A case's whole journey, in headless Chromium from an empty database, through rendered pages only.

The database starts as `ecogram init` and `ecogram user add beheer --role admin` leave it
(the README's "From an empty database"). Every step after that reads what a page shows,
fills its fields and presses its buttons: no direct POSTs, no database shortcuts. An
outsider types a case's address, as an outsider would. Only afterwards does the test read
the database, to check what the pages did and what the audit trail holds.

The live server signs users in with a password alone: the second factor a deployment
requires is proved on its own in tests/browser/test_second_factor.py. The app's day is
frozen, so every date below is a fact of the story rather than a count from the calendar.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from ecogram.accounts import AuditEvent, CaseAssignment, User
from ecogram.db import session_scope
from ecogram.models import ActionPlan, Case, Network
from ecogram.vocabulary import CareTableParty
from tests.browser import corrections, personas
from tests.browser import journey as step
from tests.browser.guard import PageGuard
from tests.browser.journey import ADMIN_PASSWORD, Referral
from tests.browser.live import LiveServer, make_empty_database, start_live_server

TODAY = dt.date(2026, 11, 16)  #: the app's day, a Monday
BORN = "2026-10-07"
REFERRED = "2026-11-06"  #: the case opens on the referral date
CARE_TABLE_TYPED = "2026-11-10"  #: the care table's date as first typed, by mistake
CARE_TABLE_HELD = "2026-11-07"  #: the day after the referral, as corrected
EVALUATED = "2026-11-14"
WRONG_LINE = "2026-11-11"
KEPT_UNTIL = "2061-10-06"  #: the day before her 35th birthday, later than ten years on

#: Each account's own password, chosen at the first sign-in (none holds its user's name).
OWN_PASSWORDS = {
    "wout": "zeven paarse olifanten dansen",
    "lies": "een eigen lange zin om te onthouden",
    "fatima": "groene thee op een regenachtige dag",
    "nora": "het plan van aanpak staat klaar",
    "bram": "fietsen langs de kanaaldijk in mei",
}
CHILD = "Baby Lina"
#: Everyone who should sit at a care table, the mandated service included.
EVERYONE_AT_THE_TABLE = [party.value for party in CareTableParty]
PARENTS = ("Yasmina", "Tom")
THE_PLAN = "Twee experten perinatale zorg voor de zorgtafels in Hasselt."

#: The case's tabs per persona, by address ("" is the ecogram), as the capability table
#: gives them: on the team, a worker and an assessor read and export; the network's case
#: coordinator also reads the audit trail, closes and erases.
TEAM_TABS = ["", "assessments", "roles", "trajectory", "history", "findings", "team", "downloads"]
COORDINATOR_TABS = [*TEAM_TABS, "audit", "closing", "erasure"]
#: The addresses an outsider types: the ecogram, the team panel and the trajectory.
CASE_PAGES = ["", "team", "trajectory"]
#: The audit actions of those refused reads, in the same order.
OUTSIDER_READS = ["view_ecogram", "view_team", "view_trajectory"]

#: The audit trail of the case's writes, in order: who did what.
CASE_WRITES = [
    ("wout", "open_case"),
    ("wout", "assign_team"),
    ("wout", "assign_team"),
    ("wout", "add_care_table"),
    ("wout", "edit_care_table"),
    *[("lies", "add_person")] * 5,
    ("lies", "add_tie"),
    ("lies", "delete_person"),
    ("lies", "undo_change"),
    ("fatima", "save_assessment"),
    ("fatima", "add_evaluation"),
    # The roles page's guard names every change a preview; what was saved follows it.
    ("lies", "preview_anchor"),
    ("lies", "set_anchor"),
    ("lies", "preview_role"),
    ("lies", "add_role"),
    ("lies", "preview_trusted"),
    ("lies", "set_trusted"),
    ("wout", "extend_trajectory"),
    ("wout", "add_budget_item"),
    ("wout", "delete_budget_item"),
    ("wout", "end_trajectory"),
    ("wout", "close_case"),
]
#: Reads of the case each persona on it made at least once.
CASE_READS = {
    ("wout", "view_team"),
    ("wout", "view_trajectory"),
    ("wout", "view_closing"),
    ("lies", "list"),
    ("lies", "view_ecogram"),
    ("lies", "view_person"),
    ("lies", "view_roles"),
    ("fatima", "view_assessments"),
    ("fatima", "view_assessment"),
    ("fatima", "view_trajectory"),
}
#: Writes outside any case: the admin's region and accounts, the network coordinator's plan.
OTHER_WRITES = [
    ("beheer", "add_region:limburg"),
    *[("beheer", f"create_account:{number}") for number in (2, 3, 4, 5, 6)],
    ("nora", "edit_action_plan:limburg"),
]


def is_read(action: str) -> bool:
    """An audited read: a page or the data of one, or the list of one's cases."""
    return action == "list" or action.startswith("view_")


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    path = tmp_path_factory.mktemp("journey") / "ecogram.sqlite3"
    make_empty_database(path, ADMIN_PASSWORD)
    server = start_live_server(path, today=TODAY)
    yield server
    server.stop()


@pytest.fixture
def watched(browser: Browser, empty_server: LiveServer) -> Iterator[tuple[Page, PageGuard]]:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    context.set_default_timeout(5_000)
    page = context.new_page()
    guard = PageGuard(origin=empty_server.url)
    guard.watch(page)
    yield page, guard
    guard.assert_clean()
    context.close()


def first_sign_in(page: Page, server: LiveServer, username: str, one_time: str) -> None:
    step.sign_in(page, server, username, one_time)
    step.choose_own_password(page, one_time, OWN_PASSWORDS[username])


def test_from_an_empty_database_a_network_takes_a_case_from_referral_to_closing_and_saves_its_plan(
    watched: tuple[Page, PageGuard], empty_server: LiveServer
) -> None:
    page, guard = watched
    server = empty_server

    # --- the admin: a region, and the accounts of the network ---
    step.sign_in(page, server, "beheer", ADMIN_PASSWORD)
    # An admin works on a case only when on its team, but may be put on one: My cases stays.
    assert personas.menu(page) == ["/", "/deadlines", "/networks", "/accounts"]
    step.add_region(page, "Limburg", "Hasselt")
    one_time = {
        "wout": step.create_account(page, "Wout", "wout", "case_coordinator", "Limburg"),
        "lies": step.create_account(page, "Lies", "lies", "context_worker", "Limburg"),
        "fatima": step.create_account(page, "Fatima", "fatima", "foster_care_assessor", "Limburg"),
        "nora": step.create_account(page, "Nora", "nora", "network_coordinator", "Limburg"),
        "bram": step.create_account(page, "Bram", "bram", "context_worker", "Limburg"),
    }
    step.sign_out(page)

    # --- the case coordinator: the case from a referral, its team, the first care table ---
    first_sign_in(page, server, "wout", one_time["wout"])
    assert personas.menu(page) == ["/", "/deadlines", "/cases/new"]
    referral = Referral(
        child=CHILD,
        referrer="midwife",
        parents=PARENTS,
        birth_date=BORN,
        referred=REFERRED,
        region="Hasselt",
        mandated_service=True,
    )
    case_id = step.open_case(page, referral)
    expect(page.locator("h1")).to_have_text(CHILD)
    page.wait_for_function("() => window.ecogramNodes && window.ecogramNodes.length === 3")
    assert personas.case_tabs(page, case_id) == COORDINATOR_TABS
    step.add_to_team(page, server, case_id, "Lies")
    step.add_to_team(page, server, case_id, "Fatima")
    step.open_tab(page, server, case_id, "trajectory")
    corrections.record_care_table(
        page, CARE_TABLE_TYPED, EVERYONE_AT_THE_TABLE, "Lina lacht naar oma."
    )
    corrections.correct_care_table_date(page, CARE_TABLE_TYPED, CARE_TABLE_HELD)
    step.sign_out(page)

    # --- the context worker: five persons and a tie; one removed by mistake and taken back ---
    first_sign_in(page, server, "lies", one_time["lies"])
    assert personas.menu(page) == ["/", "/deadlines"]
    row = step.my_cases_row(page, server, CHILD)
    assert "Lies" in row and "Fatima" in row, row
    step.open_from_my_cases(page, CHILD)
    corrections.until_drawn(page)
    assert personas.case_tabs(page, case_id) == TEAM_TABS
    for name, kind, _sector in corrections.FIVE_PERSONS:
        corrections.add_person(
            page, name, kind, candidate="to_explore" if name == "Oma Rita" else ""
        )
    step.add_tie(page, CHILD, "Oma Rita", "strong", ["childcare", "emotional"])
    corrections.remove_person(page, "Tante Mia")
    corrections.undo(page, "Tante Mia")
    expect(corrections.person_entry(page, "Tante Mia")).to_have_count(1)
    step.sign_out(page)

    # --- the foster-care assessor: the IMH checklist for the candidate, and an evaluation ---
    first_sign_in(page, server, "fatima", one_time["fatima"])
    step.open_from_my_cases(page, CHILD)
    corrections.until_drawn(page)
    assert personas.case_tabs(page, case_id) == TEAM_TABS
    expect(page.locator("#add-person")).to_be_hidden()  # the ecogram is the worker's
    step.assess_candidate(page, server, case_id, "Oma Rita", "S")
    step.open_tab(page, server, case_id, "roles")
    expect(page.locator("form#add-role, form#set-anchor")).to_have_count(0)
    step.open_tab(page, server, case_id, "trajectory")
    expect(page.locator("#extend, #add-budget-item")).to_have_count(0)
    step.record_evaluation(page, EVALUATED)
    step.sign_out(page)

    # --- the context worker again: the anchor and a role for the assessed candidate ---
    step.sign_in(page, server, "lies", OWN_PASSWORDS["lies"])
    step.open_tab(page, server, case_id, "roles")
    assert step.designate_anchor(page, PARENTS[0], REFERRED) == []
    expect(page.locator("#current-anchor")).to_contain_text(PARENTS[0])
    assert step.assign_role(page, "Oma Rita", "respite", TODAY.isoformat(), 1) == []
    expect(page.locator("#weekly-summary")).to_contain_text("Oma Rita")
    assert step.name_trusted_person(page, "Juf Els") == []
    expect(page.locator("#current-trusted")).to_contain_text("Juf Els")
    step.sign_out(page)

    # --- the case coordinator: the term, the budget, the end of the trajectory, closing ---
    step.sign_in(page, server, "wout", OWN_PASSWORDS["wout"])
    step.open_tab(page, server, case_id, "trajectory")
    step.extend_term(page)
    wrong = corrections.record_budget_item(page, WRONG_LINE, "residence", "1200", "Verkeerd")
    corrections.remove_budget_item(page, wrong)
    step.end_trajectory(page, TODAY.isoformat(), "care_figure")
    step.open_tab(page, server, case_id, "findings")
    # The plan the pages made holds: what is left is Family Finding's search for more people.
    assert personas.finding_codes(page, "error") == []
    assert personas.finding_codes(page, "warning") == []
    step.close_case(page, server, case_id)
    expect(page.locator("#kept-until")).to_have_attribute("data-kept-until", KEPT_UNTIL)
    step.sign_out(page)

    # --- the network coordinator: the action plan, and no case ---
    first_sign_in(page, server, "nora", one_time["nora"])
    assert personas.menu(page) == ["/dashboard", "/networks"]
    personas.case_is_not_found(page, guard, server, case_id, CASE_PAGES, CHILD)
    assert page.url == f"{server.url}/dashboard"  # her start page, not an empty My cases
    step.save_action_plan(page, "Limburg", 12, THE_PLAN)
    step.sign_out(page)

    # --- outsiders: a worker of the network not on the team, and the admin ---
    first_sign_in(page, server, "bram", one_time["bram"])
    expect(page.locator("#no-cases")).to_be_visible()
    personas.case_is_not_found(page, guard, server, case_id, CASE_PAGES, CHILD)
    step.sign_out(page)
    step.sign_in(page, server, "beheer", ADMIN_PASSWORD)
    personas.case_is_not_found(page, guard, server, case_id, CASE_PAGES, CHILD)
    step.sign_out(page)

    # --- afterwards, read-only: what the pages did ---
    with session_scope(server.engine) as session:
        case = session.get(Case, case_id)
        assert case is not None and case.trajectory is not None
        assert case.closed == TODAY
        team = session.scalars(
            select(User.username)
            .join(CaseAssignment, CaseAssignment.user_id == User.id)
            .where(CaseAssignment.case_id == case_id)
        )
        assert sorted(team) == ["fatima", "lies"]
        names = {p.name for p in case.persons}
        assert names == {CHILD, *PARENTS, *(n for n, _k, _s in corrections.FIVE_PERSONS)}
        rita = next(p for p in case.persons if p.name == "Oma Rita")
        [tie] = case.ties
        assert {tie.from_person.name, tie.to_person.name} == {CHILD, "Oma Rita"}
        [assessment] = rita.assessments
        assert assessment.final and assessment.assessor == "Fatima"
        assert Counter(e.rating.value for e in assessment.entries) == Counter({"S": 13})
        [role] = rita.roles
        assert (role.role.value, role.start, role.nights_per_week) == ("respite", TODAY, 1)
        [anchor] = case.anchors
        assert case.trusted_person is not None and case.trusted_person.name == "Juf Els"
        assert (anchor.person.name, anchor.start.isoformat()) == (PARENTS[0], REFERRED)
        trajectory = case.trajectory
        assert [t.date.isoformat() for t in trajectory.care_tables] == [CARE_TABLE_HELD]
        assert [e.date.isoformat() for e in trajectory.evaluations] == [EVALUATED]
        assert trajectory.extended and trajectory.budget_items == []
        assert (trajectory.ended, trajectory.outcome) == (TODAY, "care_figure")
        limburg = session.scalar(select(Network).where(Network.name == "Limburg"))
        plan = session.scalar(select(ActionPlan).where(ActionPlan.network == limburg))
        assert plan is not None
        assert (plan.committed, plan.expertise_needs) == (12, THE_PLAN)
        assert plan.version > 1  # made at 1 when its page was first shown; saved since
        audited = session.execute(
            select(
                AuditEvent.username, AuditEvent.action, AuditEvent.case_id, AuditEvent.outcome
            ).order_by(AuditEvent.id)
        ).all()
    denied = [(user, action) for user, action, _case, outcome in audited if outcome != "ok"]
    assert denied == [
        (user, action) for user in ("nora", "bram", "beheer") for action in OUTSIDER_READS
    ]
    done = [(user, action, case) for user, action, case, outcome in audited if outcome == "ok"]
    on_case = [(user, action) for user, action, case in done if case == case_id]
    assert [pair for pair in on_case if not is_read(pair[1])] == CASE_WRITES
    assert {pair for pair in on_case if is_read(pair[1])} >= CASE_READS
    elsewhere = [(user, action) for user, action, case in done if case is None]
    assert [pair for pair in elsewhere if not is_read(pair[1])] == OTHER_WRITES
