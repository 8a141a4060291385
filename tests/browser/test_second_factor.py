"""A second factor in a real browser, with it required as a deployment has it.

The "phone" is pyotp, given the key printed under the QR code, as a user who
cannot scan would type it. Codes come from the real clock: a code is valid for
its 30-second step and the steps either side, so the test asks the phone for
the next step's code where it needs a fresh one.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Page

from tests.browser.guard import PageGuard
from tests.browser.live import PASSWORDS, LiveServer, start_live_server


@pytest.fixture(scope="module")
def live_server(
    seeded_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """This module's own server, with the second factor required."""
    path = tmp_path_factory.mktemp("browser-mfa") / "ecogram.sqlite3"
    shutil.copyfile(seeded_database, path)
    server = start_live_server(path, second_factor=True)
    yield server
    server.stop()


def password_step(page: Page, server: LiveServer, username: str) -> None:
    page.goto(f"{server.url}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORDS[username])
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def type_code(page: Page, code: str) -> None:
    page.fill("#code", code)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.click("form[action='/logout'] button")


def a_code_no_step_accepts(phone: pyotp.TOTP) -> str:
    now = time.time()
    valid = {phone.at(now + 30 * step) for step in range(-3, 4)}
    return next(code for code in ("000000", "111111", "222222") if code not in valid)


def test_enrol_by_the_key_under_the_qr_code_then_sign_in_with_codes_and_a_recovery_code(
    page: Page, guard: PageGuard, live_server: LiveServer, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    password_step(page, live_server, "worker")
    assert page.url == f"{live_server.url}/login/enrol"
    assert (
        page.locator("img.qr").get_attribute("src", timeout=2000).startswith("data:image/svg+xml")
    )
    page.screenshot(path=str(tmp_path / "enrol.png"))  # looked at by hand at 1024x768
    phone = pyotp.TOTP(page.inner_text("#totp-secret").replace(" ", ""))
    type_code(page, phone.now())
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    with page.expect_navigation():
        page.click("main a.button")
    assert page.url == f"{live_server.url}/"
    sign_out(page)

    # A wrong code, then a fresh one from the phone.
    password_step(page, live_server, "worker")
    assert page.url == f"{live_server.url}/login/code"
    type_code(page, a_code_no_step_accepts(phone))
    assert page.locator("#code-error").is_visible()
    guard.expect_status(401, "/login/code")
    fresh = phone.at(time.time() + 30)
    type_code(page, fresh)
    assert page.url == f"{live_server.url}/"
    sign_out(page)

    # The same code again is refused; a recovery code works, once.
    password_step(page, live_server, "worker")
    type_code(page, fresh)
    assert page.url == f"{live_server.url}/login/code"
    guard.expect_status(401, "/login/code")
    type_code(page, codes[0])
    assert page.url == f"{live_server.url}/"
    sign_out(page)
    password_step(page, live_server, "worker")
    type_code(page, codes[0])
    assert page.locator("#code-error").is_visible()
    guard.expect_status(401, "/login/code")
