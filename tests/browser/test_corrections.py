"""Corrections without loss, in headless Chromium through the rendered pages.

A context worker maps five persons on Baby Noor's ecogram, removes one after
the confirmation and takes the removal back with Undo, all without a reload;
a case coordinator corrects a care table's date and removes a wrong budget
line. The database is read only afterwards, to check what the pages did.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import select

from ecogram import storage
from ecogram.db import session_scope
from ecogram.models import BudgetItem
from tests.browser import corrections
from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer, login

FIVE = corrections.FIVE_PERSONS


def persons_in_core(server: LiveServer) -> dict[str, tuple[str, str]]:
    with session_scope(server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        return {p.name: (p.ref, p.sector.value) for p in case.persons}


def test_a_worker_maps_five_persons_removes_one_and_undoes_the_removal(
    page: Page, live_server: LiveServer
) -> None:
    case_id = live_server.case_id("c1")
    login(page, live_server, "worker")
    corrections.open_ecogram(page, live_server, case_id)
    page.evaluate("() => { window.__marker = 1; }")
    for name, kind, _sector in FIVE:
        corrections.add_person(page, name, kind)
    mapped = persons_in_core(live_server)
    assert {name: mapped[name][1] for name, _k, _s in FIVE} == {n: s for n, _k, s in FIVE}
    ref = mapped["Tante Mia"][0]

    corrections.cancel_removal(page, "Tante Mia")
    corrections.remove_person(page, "Tante Mia")
    assert "Tante Mia" not in persons_in_core(live_server)

    corrections.undo(page, "Tante Mia")
    expect(corrections.person_entry(page, "Tante Mia")).to_have_count(1)
    page.wait_for_function(
        "() => window.ecogramPage.labelBoxes().some(l => l.text.includes('Tante Mia'))"
    )
    assert page.evaluate("() => window.__marker") == 1, "the page reloaded"
    assert persons_in_core(live_server)["Tante Mia"] == (ref, "family")
    expect(page.locator("#redo")).to_be_enabled()


def test_a_name_already_on_the_ecogram_is_added_only_after_the_user_confirms(
    page: Page, live_server: LiveServer, guard: PageGuard
) -> None:
    case_id = live_server.case_id("c1")
    login(page, live_server, "worker")
    corrections.open_ecogram(page, live_server, case_id)
    form = page.locator("#add-person")
    form.locator("[name=name]").fill("Oma Jet")
    form.locator("select[name=kind]").select_option("grandparent")
    form.locator("button[type=submit]").click()
    warning = form.locator(".form-warning[data-warning=name]")
    expect(warning).to_contain_text("Oma Jet")
    expect(form.locator("[name=name]")).to_have_attribute("aria-invalid", "true")
    guard.expect_status(422, f"/cases/{case_id}/persons")
    assert list(persons_in_core(live_server)).count("Oma Jet") == 1
    warning.get_by_role("button").click()
    expect(corrections.person_entry(page, "Oma Jet")).to_have_count(2)


def test_the_coordinator_corrects_a_care_tables_date_and_removes_a_budget_line(
    page: Page, live_server: LiveServer
) -> None:
    case_id = live_server.case_id("c1")
    with session_scope(live_server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None and case.trajectory is not None
        item_id = str(case.trajectory.budget_items[0].id)
    login(page, live_server, "coordinator")
    corrections.open_trajectory(page, live_server, case_id)
    corrections.correct_care_table_date(page, "2026-01-06", "2026-01-07")
    corrections.remove_budget_item(page, item_id)
    with session_scope(live_server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None and case.trajectory is not None
        assert [t.date.isoformat() for t in case.trajectory.care_tables] == ["2026-01-07"]
        assert session.scalar(select(BudgetItem).where(BudgetItem.id == int(item_id))) is None
