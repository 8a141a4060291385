"""A plan checked before it happens, in headless Chromium.

Demo case 2: Buurvrouw Maria is a buddy, and her own final assessment rules out play
family (safe haven and home are knock-outs she does not meet). A context worker plans
play family for her from next week. The roles page shows that as an error before
anything is saved; it is saved only with a reason ("Toch bewaren"); and from then on the
findings page lists it under "Komend" with its date and that reason.
"""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import Page

from ecogram import storage
from ecogram.db import session_scope
from ecogram.i18n import words
from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer, login

REASON = "Afgesproken op de zorgtafel: Maria volgt eerst de veiligheidsplanning."


def maria_roles(server: LiveServer) -> list[tuple[str, dt.date]]:
    with session_scope(server.engine) as session:
        case = storage.load_case(session, "demo-2")
        assert case is not None
        maria = next(p for p in case.persons if p.name == "Buurvrouw Maria")
        return [(r.role.value, r.start) for r in maria.roles]


def test_a_knockout_planned_for_next_week_is_previewed_saved_with_a_reason_and_upcoming(
    page: Page, live_server: LiveServer, guard: PageGuard
) -> None:
    next_week = dt.date.today() + dt.timedelta(days=7)
    said = words("nl").date(next_week)
    case_path = f"/cases/{live_server.case_id('demo-2')}"
    case_url = f"{live_server.url}{case_path}"
    login(page, live_server, "contextwerker")
    page.goto(f"{case_url}/roles")

    form = page.locator("form#add-role")
    form.locator("select[name=person]").select_option(label="Buurvrouw Maria")
    form.locator("select[name=role]").select_option("play_family")
    form.locator("[name=start]").fill(next_week.isoformat())
    form.locator("[name=nights_per_week]").fill("0")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    # --- the preview: an error from next week, and nothing saved yet ---
    preview = page.locator("#add-role-preview")
    knockouts = preview.locator("li[data-code=ROLE_KNOCKOUT]")
    count = knockouts.count()
    assert count >= 1
    assert {knockouts.nth(i).get_attribute("data-severity") for i in range(count)} == {"error"}
    assert knockouts.first.get_attribute("data-on") == next_week.isoformat()
    assert f"vanaf {said}" in knockouts.first.inner_text()
    assert [role for role, _start in maria_roles(live_server)] == ["buddy"]

    # --- "Toch bewaren" without a reason is refused, naming the reason ---
    with page.expect_navigation():
        page.click("#add-role-save-anyway")
    reason = page.locator("#add-role-reason")
    assert reason.get_attribute("aria-invalid") == "true"
    assert page.locator("#add-role-reason-error").is_visible()
    guard.expect_status(400, f"{case_path}/roles")
    assert [role for role, _start in maria_roles(live_server)] == ["buddy"]

    # --- with a reason it is saved ---
    reason.fill(REASON)
    with page.expect_navigation():
        page.click("#add-role-save-anyway")
    assert page.url == f"{case_url}/roles"
    assert ("play_family", next_week) in maria_roles(live_server)

    # --- and from then on it is an upcoming finding, with its date and the reason ---
    page.goto(f"{case_url}/findings")
    upcoming = page.locator(
        f"#findings-upcoming li[data-code=ROLE_KNOCKOUT][data-on='{next_week.isoformat()}']"
    )
    assert upcoming.count() == count
    first = upcoming.first.inner_text()
    assert f"vanaf {said}" in first and "Buurvrouw Maria" in first and REASON in first
    assert page.locator("#findings li[data-code=ROLE_KNOCKOUT]").count() == 0
