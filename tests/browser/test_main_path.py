"""The main path, in headless Chromium, against the stable UI contract.

A context worker opens Baby Noor's case, adds a grandmother and a tie in the side
panel (the ecogram updates without a reload), assesses her, gives her one respite
night a week, confirming what the preview says it causes, and sees the findings
change. Baby Noor is unborn and Oma Jet already
has a respite night in her own home: a second overnight home is one too many for
an unborn child (OVERNIGHT_HOMES_EXCEEDED), and that finding is the change the
path must cause. Because Oma Rita is assessed all-S first, her role brings no
ROLE_NOT_ASSESSED and no knock-out; the page must also agree with `check_case`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from playwright.sync_api import Page

from ecogram import storage
from ecogram.checks import check_case
from ecogram.db import session_scope
from ecogram.imh_checklist import Item
from tests.browser.live import LiveServer, login

GRANDMOTHER = "Oma Rita"


def findings_on_page(page: Page) -> Counter[str]:
    page.wait_for_selector("#findings")
    codes = page.eval_on_selector_all(
        "#findings li[data-code]", "els => els.map(e => e.dataset.code)"
    )
    return Counter(codes)


def findings_in_core(server: LiveServer, today: dt.date) -> Counter[str]:
    with session_scope(server.engine) as session:
        case = storage.load_case(session, "c1")
        assert case is not None
        return Counter(finding.code.value for finding in check_case(case, today))


def open_tab(page: Page, path_end: str) -> None:
    with page.expect_navigation():
        page.click(f'.case-tabs a[href$="{path_end}"]')


def node_labels(page: Page) -> list[str]:
    labels: list[str] = page.evaluate("() => window.ecogramPage.labelBoxes().map(l => l.text)")
    return labels


def test_a_worker_adds_assesses_and_assigns_a_grandmother_and_the_findings_change(
    page: Page, live_server: LiveServer
) -> None:
    today = dt.date.today()
    case_id = live_server.case_id("c1")
    case_url = f"{live_server.url}/cases/{case_id}"

    login(page, live_server, "worker")
    with page.expect_navigation():
        page.click("table.case-list a:text-is('Baby Noor')")
    assert page.url == f"{case_url}/"

    open_tab(page, "/findings")
    before = findings_on_page(page)
    assert before == findings_in_core(live_server, today), "findings page differs from the core"
    assert "OVERNIGHT_HOMES_EXCEEDED" not in before

    # --- the side panel, without a reload ---
    open_tab(page, f"/cases/{case_id}/")
    page.wait_for_function("() => window.ecogramNodes && window.ecogramNodes.length >= 3")
    assert not any(GRANDMOTHER in label for label in node_labels(page))
    page.evaluate("() => { window.__marker = 1; }")

    add_person = page.locator("#side-panel #add-person")
    add_person.locator("[name=name]").fill(GRANDMOTHER)
    add_person.locator("select[name=kind]").select_option("grandparent")
    add_person.locator("select[name=sector]").select_option("family")
    add_person.locator("select[name=ring]").select_option("1")
    add_person.locator("select[name=candidate]").select_option("none")
    add_person.locator("button[type=submit]").click()
    entry = page.locator("#person-list li[data-person-id]", has_text=GRANDMOTHER)
    entry.wait_for()
    person_id = entry.get_attribute("data-person-id")
    assert person_id is not None and person_id.isdigit()
    page.wait_for_function(
        "name => window.ecogramPage.labelBoxes().some(l => l.text.includes(name))",
        arg=GRANDMOTHER,
    )

    add_tie = page.locator("#side-panel #add-tie")
    add_tie.locator("select[name=from]").select_option(label=GRANDMOTHER)
    add_tie.locator("select[name=to]").select_option(label="Sara")
    add_tie.locator("select[name=quality]").select_option("strong")
    add_tie.locator("button[type=submit]").click()
    page.wait_for_function(
        "id => window.ecogramEdges.get().some(e => String(e.from) === id || String(e.to) === id)",
        arg=person_id,
    )
    # A strong tie to a parent while she is no candidate: "who else?" asks about her.
    page.locator(f"#who-else li[data-prompt=unexplored][data-person-id='{person_id}']").wait_for()
    assert page.evaluate("() => window.__marker") == 1, "the page reloaded or navigated"
    assert page.locator("#side-panel .form-error:visible").count() == 0

    # --- her details, and from there the assessment ---
    entry.locator("button").click()
    detail = page.locator("#person-detail")
    detail.wait_for(state="visible")
    assert GRANDMOTHER in detail.inner_text()
    assess_href = f"/cases/{case_id}/persons/{person_id}/assessment"
    with page.expect_navigation():
        detail.locator(f'a[href$="{assess_href}"]').click()
    assert page.url == f"{live_server.url}{assess_href}"

    form = page.locator("form#assessment")
    for item in Item:
        form.locator(f"select[name=rating-{item.value}]").select_option("S")
    form.locator("[name=date]").fill(today.isoformat())
    form.locator("[name=assessor]").fill("Assessor B")
    form.locator("[name=final]").check()
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    assert page.url == f"{live_server.url}{assess_href}"
    respite = page.locator("#role-verdicts li[data-role=respite]")
    assert "qualifies" in (respite.get_attribute("class") or "").split()

    # --- one respite night a week ---
    open_tab(page, "/roles")
    add_role = page.locator("form#add-role")
    add_role.locator("select[name=person]").select_option(person_id)
    add_role.locator("select[name=role]").select_option("respite")
    add_role.locator("[name=start]").fill(today.isoformat())
    add_role.locator("[name=nights_per_week]").fill("1")
    add_role.locator("select[name=attestation_status]").select_option("none")
    with page.expect_navigation():
        add_role.locator("[type=submit]").click()
    # Before it is saved, the page shows what the role would cause: the second home.
    caused = page.eval_on_selector_all(
        "#add-role-preview li[data-code]", "els => els.map(e => e.dataset.code)"
    )
    assert caused == ["OVERNIGHT_HOMES_EXCEEDED"]
    with page.expect_navigation():
        page.click("#add-role-confirm")
    assert GRANDMOTHER in page.locator("#weekly-puzzle").inner_text()

    # --- the findings changed, and because of these steps ---
    open_tab(page, "/findings")
    after = findings_on_page(page)
    assert after == findings_in_core(live_server, today), "findings page differs from the core"
    # Her respite night opens a second overnight home, one too many for an unborn child.
    # Nothing went away; assessed all-S (which also made her a candidate "assessing")
    # before the role, nothing about her assessment, fitness or exploration appeared.
    assert after - before == Counter({"OVERNIGHT_HOMES_EXCEEDED": 1})
    assert before - after == Counter()
