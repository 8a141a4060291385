"""Sign-in is rate-limited per account and per address, in the database; failures are logged."""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, func, select, text
from werkzeug.test import TestResponse

from ecogram.accounts import LoginAttempt, User, UserRole
from ecogram.db import session_scope
from tests.web.conftest import PASSWORD, World, login
from webapp import create_app
from webapp.auth.limits import login_limits
from webapp.logs import FORMAT, OneLineFormatter

EN = {"Accept-Language": "en"}
WRONG_GUESS = "wrong guess"


def attempt(
    client: FlaskClient, username: str, password: str = WRONG_GUESS, address: str = "192.0.2.1"
) -> TestResponse:
    return client.post(
        "/login",
        data={"username": username, "password": password},
        headers=EN,
        environ_base={"REMOTE_ADDR": address},
    )


def https_client(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


def attempts_stored(app: Flask) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as db:
        return db.scalar(select(func.count()).select_from(LoginAttempt)) or 0


def test_the_sixth_attempt_on_an_account_gets_429_even_with_the_right_password(
    client: FlaskClient, world: World
) -> None:
    for _ in range(5):
        assert attempt(client, "worker").status_code == 401
    refused = attempt(client, "worker", PASSWORD)
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    page = refused.get_data(as_text=True)
    assert "Too many failed attempts. Wait 15 minutes and try again." in page
    assert 'role="alert"' in page
    assert client.get("/").status_code == 302  # not signed in


def test_the_fifth_attempt_is_still_checked(client: FlaskClient, world: World) -> None:
    for _ in range(4):
        attempt(client, "worker")
    assert attempt(client, "worker", PASSWORD).status_code == 302


def test_a_refused_attempt_is_not_counted(app: Flask, client: FlaskClient, world: World) -> None:
    for _ in range(5):
        attempt(client, "worker")
    stored = attempts_stored(app)
    assert attempt(client, "worker").status_code == 429
    assert attempts_stored(app) == stored


def test_the_account_limit_holds_from_another_address(client: FlaskClient, world: World) -> None:
    for _ in range(5):
        attempt(client, "worker", address="192.0.2.1")
    assert attempt(client, "worker", PASSWORD, address="198.51.100.7").status_code == 429


def test_the_default_limits_are_5_per_account_and_20_per_address_in_15_minutes(
    app: Flask,
) -> None:
    with app.app_context():
        limits = login_limits()
    assert (limits.per_account.attempts, limits.per_address.attempts) == (5, 20)
    assert limits.per_account.window == limits.per_address.window == dt.timedelta(minutes=15)


def test_the_address_limit_stops_guessing_across_many_accounts(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = 4  # 20 by default; fewer scrypt hashes to wait for
    for n in range(4):
        assert attempt(client, f"guess{n}").status_code == 401
    assert attempt(client, "worker", PASSWORD).status_code == 429
    # Another address may still sign in to the same account.
    assert attempt(client, "worker", PASSWORD, address="198.51.100.7").status_code == 302


def test_the_limits_come_from_the_configuration(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = 2
    attempt(client, "worker")
    attempt(client, "worker")
    assert attempt(client, "worker", PASSWORD).status_code == 429


def test_a_successful_sign_in_clears_the_accounts_count(client: FlaskClient, world: World) -> None:
    for _ in range(4):
        attempt(client, "worker")
    assert attempt(client, "worker", PASSWORD).status_code == 302
    client.post("/logout")
    for _ in range(4):
        attempt(client, "worker")
    # Without the clearing, this would be failure number nine in the window.
    assert attempt(client, "worker", PASSWORD).status_code == 302


def test_a_successful_sign_in_does_not_clear_the_addresss_count(
    app: Flask, client: FlaskClient, world: World
) -> None:
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = 3
    for n in range(2):
        attempt(client, f"guess{n}")
    assert attempt(client, "worker", PASSWORD).status_code == 302
    client.post("/logout")
    attempt(client, "guess2")
    assert attempt(client, "worker", PASSWORD).status_code == 429


def test_sign_in_works_again_once_the_failures_have_left_the_window(
    app: Flask, client: FlaskClient, world: World
) -> None:
    for _ in range(5):
        attempt(client, "worker")
    with app.extensions["ecogram.engine"].begin() as connection:
        rows = connection.execute(text("SELECT id, at FROM login_attempt")).all()
        for row_id, _at in rows:
            # Sixteen minutes ago, written the way each database stores it.
            connection.execute(
                text("UPDATE login_attempt SET at = :at WHERE id = :id"),
                {"at": _minutes_ago(16), "id": row_id},
            )
    assert attempt(client, "worker", PASSWORD).status_code == 302


def _minutes_ago(minutes: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=minutes)


def test_wrong_current_passwords_on_the_password_page_count_too(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    data = {"new": "a kettle of green herons", "again": "a kettle of green herons"}
    for _ in range(5):
        wrong = client.post("/account/password", data=data | {"current": "guess"})
        assert wrong.status_code == 400
    refused = client.post("/account/password", data=data | {"current": PASSWORD})
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers


# --- two app instances on one database, SQLite and PostgreSQL ------------------------


@pytest.fixture
def twin_apps(engine: Engine, db_url: str, password_hash: str) -> Iterator[tuple[Flask, Flask]]:
    """Two app instances (two processes in production) sharing one database of each kind."""
    with session_scope(engine) as db:
        db.add(
            User(
                username="worker",
                display_name="worker",
                password_hash=password_hash,
                role=UserRole.CONTEXT_WORKER,
                language="nl",
                active=True,
            )
        )
    config = {
        "TESTING": True,
        "DATABASE_URL": db_url,
        "SECRET_KEY": "test-only-secret",
        "REQUIRE_SECOND_FACTOR": False,
    }
    apps = (
        create_app(config | {"WTF_CSRF_ENABLED": False}),
        create_app(config | {"WTF_CSRF_ENABLED": False}),
    )
    yield apps
    for app in apps:
        app.extensions["ecogram.engine"].dispose()


def test_two_app_instances_on_one_database_share_the_limit(
    twin_apps: tuple[Flask, Flask],
) -> None:
    first, second = (https_client(app) for app in twin_apps)
    for _ in range(3):
        assert attempt(first, "worker").status_code == 401
    for _ in range(2):
        assert attempt(second, "worker").status_code == 401
    assert attempt(first, "worker", PASSWORD).status_code == 429
    assert attempt(second, "worker", PASSWORD).status_code == 429


# --- logging -------------------------------------------------------------------------


def test_a_failed_sign_in_is_logged_with_the_username_but_never_the_password(
    client: FlaskClient, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="ecogram.auth"):
        attempt(client, "worker", "hunter2 secret")
    failures = [r for r in caplog.records if r.name == "ecogram.auth" and r.levelname == "WARNING"]
    assert len(failures) == 1
    assert "worker" in failures[0].getMessage() and "192.0.2.1" in failures[0].getMessage()
    assert "hunter2" not in caplog.text


def test_a_refused_sign_in_is_logged_too(
    client: FlaskClient, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(5):
        attempt(client, "worker")
    with caplog.at_level(logging.WARNING, logger="ecogram.auth"):
        attempt(client, "worker", PASSWORD)
    assert "too many failures" in caplog.text
    assert PASSWORD not in caplog.text


def test_a_username_with_a_line_break_makes_one_encoded_log_line(
    client: FlaskClient, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter(FORMAT))
    auth_log = logging.getLogger("ecogram.auth")
    auth_log.addHandler(handler)
    try:
        with caplog.at_level(logging.INFO, logger="ecogram.auth"):
            attempt(client, "x\r\nFAKE ENTRY")
    finally:
        auth_log.removeHandler(handler)
    written = stream.getvalue().splitlines()
    assert len(written) == 1
    assert "username x\\r\\nFAKE ENTRY from" in written[0]
    # Whatever handler the records go to (here pytest's own), the line break stays encoded.
    assert not any(line.startswith("FAKE ENTRY") for line in caplog.text.splitlines())
    assert "x\\r\\nFAKE ENTRY" in caplog.text
