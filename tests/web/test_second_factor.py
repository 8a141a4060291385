"""Signing in with a second factor: set-up by QR code or key, codes once only, recovery codes.

These tests run with the second factor required, as every deployment has it by default.
The clock of the sign-in (`webapp.auth.sessions.now`) is frozen, so a code's
30-second step is known; the codes themselves come from pyotp, as a phone makes them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from ecogram.accounts import AccountError, AuditEvent, RecoveryCode, User, UserRole, add_user
from ecogram.db import session_scope
from tests.web.conftest import PASSWORD, World
from webapp import create_app
from webapp.auth import sessions
from webapp.settings import SettingError

NOW = 1_796_000_000  # a fixed moment: the start of a 30-second step
SECRET_ON_PAGE = re.compile(r'<code id="totp-secret">([A-Z2-7 ]+)</code>')
CODES_ON_PAGE = re.compile(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>")


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    moment = [NOW]
    monkeypatch.setattr(sessions, "now", lambda: moment[0])
    yield moment


@pytest.fixture
def required(app: Flask, world: World, clock: list[int]) -> Flask:
    app.config["REQUIRE_SECOND_FACTOR"] = True
    return app


def password_step(client: FlaskClient, username: str = "worker") -> str:
    answer = client.post("/login", data={"username": username, "password": PASSWORD})
    assert answer.status_code == 302
    return answer.location


def enrol(client: FlaskClient) -> tuple[pyotp.TOTP, list[str]]:
    """Set up the app as a user would: read the key under the QR code, type a code."""
    assert password_step(client) == "/login/enrol"
    page = client.get("/login/enrol").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page  # the QR code, allowed by the CSP's img-src
    found = SECRET_ON_PAGE.search(page)
    assert found is not None
    phone = pyotp.TOTP(found.group(1).replace(" ", ""))
    answer = client.post("/login/enrol", data={"code": phone.at(NOW)})
    assert answer.status_code == 200
    codes = CODES_ON_PAGE.findall(answer.get_data(as_text=True))
    return phone, codes


def sign_out(client: FlaskClient) -> None:
    client.post("/logout")


def test_by_default_every_account_needs_a_second_factor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ECOGRAM_REQUIRE_SECOND_FACTOR", raising=False)
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
    assert app.config["REQUIRE_SECOND_FACTOR"] is True


def test_the_demo_setting_turns_it_off_and_a_typo_stops_the_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = {"TESTING": True, "DATABASE_URL": "sqlite://", "SECRET_KEY": "x"}
    monkeypatch.setenv("ECOGRAM_REQUIRE_SECOND_FACTOR", "0")
    assert create_app(config).config["REQUIRE_SECOND_FACTOR"] is False
    monkeypatch.setenv("ECOGRAM_REQUIRE_SECOND_FACTOR", "maybe")
    with pytest.raises(SettingError, match="ECOGRAM_REQUIRE_SECOND_FACTOR: 'maybe'"):
        create_app(config)


def test_the_password_alone_opens_no_page_until_a_second_factor_is_set_up(
    required: Flask, client: FlaskClient, world: World
) -> None:
    assert password_step(client) == "/login/enrol"

    answer = client.get(f"/cases/{world.case_id}/")

    assert answer.status_code == 302 and answer.location.startswith("/login")


def test_setting_up_with_the_key_on_the_page_signs_in_and_shows_ten_recovery_codes(
    required: Flask, client: FlaskClient, world: World
) -> None:
    _phone, codes = enrol(client)

    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get(f"/cases/{world.case_id}/").status_code == 200
    with session_scope(required.extensions["ecogram.engine"]) as db:
        stored = db.scalars(select(RecoveryCode.code_hash)).all()
    assert len(stored) == 10 and not set(codes) & set(stored)  # only hashes are kept


def test_a_wrong_code_at_set_up_is_refused_and_nothing_is_stored(
    required: Flask, client: FlaskClient
) -> None:
    password_step(client)
    client.get("/login/enrol")

    answer = client.post("/login/enrol", data={"code": "123456"})

    assert answer.status_code == 400
    assert 'aria-invalid="true"' in answer.get_data(as_text=True)
    with session_scope(required.extensions["ecogram.engine"]) as db:
        worker = db.scalars(select(User).where(User.username == "worker")).one()
        assert worker.totp_secret is None


def test_a_code_from_the_app_signs_in_but_a_wrong_or_reused_code_is_refused(
    required: Flask, client: FlaskClient, world: World, clock: list[int]
) -> None:
    phone, _codes = enrol(client)
    sign_out(client)
    assert password_step(client) == "/login/code"

    used_at_set_up = phone.at(NOW)
    assert client.post("/login/code", data={"code": used_at_set_up}).status_code == 401
    assert client.post("/login/code", data={"code": "000000"}).status_code == 401
    clock[0] = NOW + 30  # the next step: the app shows a new code
    fresh = phone.at(NOW + 30)
    assert client.post("/login/code", data={"code": fresh}).status_code == 302
    assert client.get(f"/cases/{world.case_id}/").status_code == 200

    sign_out(client)
    password_step(client)
    assert client.post("/login/code", data={"code": fresh}).status_code == 401


def test_a_recovery_code_signs_in_once(required: Flask, client: FlaskClient, world: World) -> None:
    _phone, codes = enrol(client)
    sign_out(client)
    password_step(client)

    assert client.post("/login/code", data={"code": codes[3].upper()}).status_code == 302
    sign_out(client)
    password_step(client)
    assert client.post("/login/code", data={"code": codes[3]}).status_code == 401


def test_guessing_codes_is_stopped_after_five_wrong_ones_even_with_the_right_code(
    required: Flask, client: FlaskClient, clock: list[int]
) -> None:
    phone, _codes = enrol(client)
    sign_out(client)
    password_step(client)
    for guess in ("111111", "222222", "333333", "444444", "555555"):
        assert client.post("/login/code", data={"code": guess}).status_code == 401
    clock[0] = NOW + 30

    answer = client.post("/login/code", data={"code": phone.at(NOW + 30)})

    assert answer.status_code == 429 and "Retry-After" in answer.headers


def test_an_admin_removes_a_second_factor_audited_and_the_user_sets_up_a_new_one(
    required: Flask, client: FlaskClient, world: World, app: Flask
) -> None:
    enrol(client)
    required.config["REQUIRE_SECOND_FACTOR"] = False  # the admin signs in with a password
    admin = app.test_client()
    admin.environ_base["wsgi.url_scheme"] = "https"
    assert admin.post("/login", data={"username": "admin", "password": PASSWORD}).status_code == 302
    url = f"/admin/users/{world.users['worker']}/second-factor"
    assert admin.get(url).status_code == 200

    assert admin.post(url).status_code == 302

    with session_scope(required.extensions["ecogram.engine"]) as db:
        worker = db.scalars(select(User).where(User.username == "worker")).one()
        assert worker.totp_secret is None
        assert db.scalars(select(RecoveryCode)).all() == []
        actions = db.scalars(select(AuditEvent.action).where(AuditEvent.username == "admin"))
        assert f"reset_second_factor:{worker.id}" in list(actions)
    required.config["REQUIRE_SECOND_FACTOR"] = True
    assert client.get(f"/cases/{world.case_id}/").status_code == 302  # signed out
    assert password_step(client) == "/login/enrol"


def test_only_an_admin_may_remove_a_second_factor(
    app: Flask, client: FlaskClient, world: World
) -> None:
    client.post("/login", data={"username": "coordinator", "password": PASSWORD})
    url = f"/admin/users/{world.users['worker']}/second-factor"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("password1234", "meest gebruikte wachtwoorden"),
        ("Wachtwoord123", "meest gebruikte wachtwoorden"),
        ("worker-is-my-name", "gebruikersnaam of je naam"),
    ],
)
def test_a_common_password_or_one_holding_the_username_is_refused(
    app: Flask, client: FlaskClient, world: World, new: str, message: str
) -> None:
    client.post("/login", data={"username": "worker", "password": PASSWORD})
    form = {"current": PASSWORD, "new": new, "again": new}

    answer = client.post("/account/password", data=form)

    assert answer.status_code == 400
    assert message in answer.get_data(as_text=True)


def test_a_new_account_with_a_common_password_or_its_name_in_it_is_refused(
    app: Flask, world: World
) -> None:
    with session_scope(app.extensions["ecogram.engine"]) as db:
        for password, problem in [("qwerty123456", "most common"), ("an-peeters-2026", "name")]:
            with pytest.raises(AccountError, match=problem):
                add_user(
                    db,
                    username="an.peeters",
                    display_name="An Peeters",
                    password=password,
                    role=UserRole.CONTEXT_WORKER,
                )
