"""Sign in and My cases, in a real browser over plain http://127.0.0.1."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

from tests.browser.guard import PageGuard
from tests.browser.live import LiveServer, login


def test_a_worker_signs_in_with_secure_cookies_and_sees_their_case(
    page: Page, context: BrowserContext, live_server: LiveServer
) -> None:
    login(page, live_server, "worker")
    cookies = context.cookies()
    # Chromium counts http://127.0.0.1 as a secure context, so Secure cookies stick.
    assert cookies, "no session cookie was kept"
    assert all(cookie["secure"] and cookie["httpOnly"] for cookie in cookies), cookies
    links = page.locator("table.case-list tbody th a")
    assert links.all_inner_texts() == ["Baby Noor"]
    case_id = live_server.case_id("c1")
    assert links.first.get_attribute("href") == f"/cases/{case_id}/"


def test_a_wrong_password_keeps_the_user_on_the_sign_in_page(
    page: Page, guard: PageGuard, live_server: LiveServer
) -> None:
    page.goto(f"{live_server.url}/login")
    page.fill("#username", "worker")
    page.fill("#password", "not the password")
    page.click("main form button[type=submit]")
    page.wait_for_selector(".flash-error")
    assert page.url == f"{live_server.url}/login"
    guard.expect_status(401, "/login")


def test_an_anonymous_visitor_is_sent_to_sign_in(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/cases/{live_server.case_id('c1')}/")
    assert page.url.startswith(f"{live_server.url}/login")
    assert page.locator("#username").is_visible()
