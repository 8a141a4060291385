"""Steps of a network's journey through the app, as a person takes them in the browser.

Each step only reads what a page shows, fills its fields and presses its buttons: no
direct POSTs, no database. Tests string the steps together; the full journey (with the
corrections) reuses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from tests.browser.live import LiveServer

#: The password of the first admin, made on an empty database (`ecogram user add beheer`).
ADMIN_PASSWORD = "eerste sleutel van het netwerk"


@dataclass(frozen=True)
class Referral:
    child: str
    referrer: str  #: the referrer's value, e.g. "hospital"
    parents: tuple[str, ...] = ()
    birth_date: str = ""
    expected_date: str = ""
    referred: str = ""  #: empty: the prefilled date (today)
    region: str = ""  #: a region's name; empty: none
    mandated_service: bool = False


def click_and_wait(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def sign_in(page: Page, server: LiveServer, username: str, password: str) -> None:
    page.goto(f"{server.url}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    click_and_wait(page, "main form button[type=submit]")


def sign_out(page: Page) -> None:
    click_and_wait(page, ".topbar-tools form[action='/logout'] button")


def go_to_menu(page: Page, href: str) -> None:
    """Follow a link of the main menu, as shown to the signed-in user."""
    click_and_wait(page, f'.topbar nav a[href="{href}"]')


def create_account(page: Page, name: str, username: str, role: str, network: str = "") -> str:
    """As the admin, from any page: make an account; the one-time password it shows."""
    go_to_menu(page, "/accounts")
    click_and_wait(page, "#new-account")
    page.fill("#account-display_name", name)
    page.fill("#account-username", username)
    page.select_option("#account-role", role)
    if network:
        page.select_option("#account-network", label=network)
    click_and_wait(page, "#account-form button[type=submit]")
    expect(page.locator("#one-time-username")).to_have_text(username)
    return page.locator("#one-time-password").inner_text()


def add_region(page: Page, network: str, region: str) -> None:
    """As who manages the network's plan: add a 1G1P region."""
    go_to_menu(page, "/networks")
    click_and_wait(page, f"#network-list a:text-is('{network}')")
    page.fill("#add-region-name", region)
    click_and_wait(page, "#add-region button[type=submit]")


def choose_own_password(page: Page, one_time: str, new: str) -> None:
    """At the first sign-in: the app asks for a password of one's own first."""
    expect(page.locator("#first-password")).to_be_visible()
    page.fill("#current", one_time)
    page.fill("#new", new)
    page.fill("#again", new)
    click_and_wait(page, "#change-password button[type=submit]")


def open_case(page: Page, referral: Referral) -> int:
    """As a case coordinator: open a case from the referral; the new case's id."""
    go_to_menu(page, "/cases/new")
    page.fill("#intake-child_name", referral.child)
    if referral.birth_date:
        page.fill("#intake-birth_date", referral.birth_date)
    if referral.expected_date:
        page.fill("#intake-expected_date", referral.expected_date)
    if referral.referred:
        page.fill("#intake-referred", referral.referred)
    page.select_option("#intake-referrer", referral.referrer)
    if referral.region:
        page.select_option("#intake-region", label=referral.region)
    if referral.mandated_service:
        page.check("#intake-mandated_service")
    for number, parent in enumerate(referral.parents, start=1):
        page.fill(f"#intake-parent_{number}", parent)
    click_and_wait(page, "#open-case")
    found = re.search(r"/cases/(\d+)/$", page.url)
    assert found is not None, f"the intake did not land on the new ecogram: {page.url}"
    return int(found.group(1))


def open_tab(page: Page, server: LiveServer, case_id: int, tab: str) -> None:
    """Open one of the case's tabs ("team", "trajectory", "closing", …) from the case."""
    page.goto(f"{server.url}/cases/{case_id}/")
    click_and_wait(page, f'.case-tabs a[href="/cases/{case_id}/{tab}"]')


def add_to_team(page: Page, server: LiveServer, case_id: int, colleague: str) -> None:
    """As the case coordinator: put a colleague on the case's team."""
    open_tab(page, server, case_id, "team")
    option = page.locator("#team-member option", has_text=colleague).first
    page.select_option("#team-member", option.get_attribute("value"))
    click_and_wait(page, "#add-member-form button[type=submit]")
    expect(page.locator("#team-members")).to_contain_text(colleague)


def my_cases_row(page: Page, server: LiveServer, child: str) -> str:
    """The text of the child's row in My cases."""
    page.goto(f"{server.url}/")
    row = page.locator("table.case-list tr", has=page.get_by_role("link", name=child))
    return row.inner_text()


def open_from_my_cases(page: Page, child: str) -> None:
    """Follow the child's link in My cases to the case's ecogram."""
    go_to_menu(page, "/")
    click_and_wait(page, f"table.case-list a:text-is('{child}')")


def assess_candidate(page: Page, server: LiveServer, case_id: int, name: str, rating: str) -> None:
    """As an assessor: rate every item of the IMH checklist for a candidate, as final."""
    open_tab(page, server, case_id, "assessments")
    with page.expect_navigation():
        page.locator("#candidates tr[data-person-id]").filter(has_text=name).locator("a").click()
    form = page.locator("form#assessment")
    ratings = form.locator("select[name^=rating-]")
    expect(ratings).to_have_count(13)
    for number in range(13):
        ratings.nth(number).select_option(rating)
    form.locator("[name=final]").check()
    click_and_wait(page, "form#assessment button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text(name)


def close_case(page: Page, server: LiveServer, case_id: int) -> None:
    """As the case coordinator: close the case today, the prefilled day."""
    open_tab(page, server, case_id, "closing")
    click_and_wait(page, "#close-case button[type=submit]")
    expect(page.locator("#kept-until")).to_be_visible()


def save_action_plan(page: Page, network: str, committed: int, needs: str) -> None:
    """As who manages the network's plan: change the plan's commitment and needs, and save."""
    go_to_menu(page, "/networks")
    click_and_wait(page, f"#network-list a:text-is('{network}')")
    page.fill("#plan-committed", str(committed))
    page.fill("#plan-expertise_needs", needs)
    click_and_wait(page, "#plan-form button[type=submit]")
    expect(page.locator("#plan-committed")).to_have_value(str(committed))


# --- The ecogram, roles and the anchor ----------------------------------------------------


def add_tie(page: Page, first: str, second: str, quality: str, support: list[str]) -> None:
    """In the side panel: a tie between two persons named on the ecogram."""
    drawn = page.evaluate("() => window.ecogramEdges.length")
    form = page.locator("#add-tie")
    form.locator("select[name=from]").select_option(label=first)
    form.locator("select[name=to]").select_option(label=second)
    form.locator("select[name=quality]").select_option(quality)
    for kind in support:
        form.locator(f"input[name=support][value={kind}]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_function("n => window.ecogramEdges.length === n + 1", arg=drawn)


def designate_anchor(page: Page, name: str, from_day: str) -> list[str]:
    """On the roles page: `name` is the anchor from `from_day` (ISO).

    Returns the finding codes the preview showed before the change was confirmed; none
    when the change caused nothing and was saved at once.
    """
    form = page.locator("form#set-anchor")
    form.locator("select[name=person]").select_option(label=name)
    form.locator("input[name=from]").fill(from_day)
    click_and_wait(page, "form#set-anchor button[type=submit]")
    return _confirm_preview(page, "set-anchor")


def assign_role(page: Page, name: str, role: str, start: str, nights: int) -> list[str]:
    """On the roles page: a role for `name` from `start` (ISO); the codes its preview showed."""
    form = page.locator("form#add-role")
    form.locator("select[name=person]").select_option(label=name)
    form.locator("select[name=role]").select_option(role)
    form.locator("input[name=start]").fill(start)
    form.locator("input[name=nights_per_week]").fill(str(nights))
    click_and_wait(page, "form#add-role button[type=submit]")
    return _confirm_preview(page, "add-role")


def name_trusted_person(page: Page, name: str) -> list[str]:
    """On the roles page: `name` is the child's trusted person; the codes its preview showed."""
    page.locator("form#set-trusted select[name=person]").select_option(label=name)
    click_and_wait(page, "form#set-trusted button[type=submit]")
    return _confirm_preview(page, "set-trusted")


def _confirm_preview(page: Page, form_id: str) -> list[str]:
    preview = page.locator(f"#{form_id}-preview")
    if preview.count() == 0:
        return []
    codes: list[str] = preview.locator("li[data-code]").evaluate_all(
        "items => items.map(item => item.dataset.code)"
    )
    click_and_wait(page, f"#{form_id}-confirm")
    return codes


# --- The trajectory -----------------------------------------------------------------------


def record_evaluation(page: Page, day: str) -> None:
    """On the trajectory page: an evaluation held on `day` (ISO)."""
    page.locator("#add-evaluation input[name=date]").fill(day)
    click_and_wait(page, "#add-evaluation button[type=submit]")
    page.locator(f'#evaluation-list li[data-date="{day}"]').wait_for()


def extend_term(page: Page) -> None:
    """On the trajectory page: extend the term once, by three months."""
    click_and_wait(page, "#extend button[type=submit]")
    expect(page.locator("#term-state")).to_have_attribute("data-extended", "true")


def end_trajectory(page: Page, day: str, outcome: str) -> None:
    """On the trajectory page: the trajectory ended on `day` (ISO) with `outcome`."""
    form = page.locator("#end-trajectory")
    form.locator("input[name=ended]").fill(day)
    form.locator("select[name=outcome]").select_option(outcome)
    click_and_wait(page, "#end-trajectory button[type=submit]")
    expect(page.locator("#ended")).to_have_attribute("data-ended", day)
