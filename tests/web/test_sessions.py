"""Sessions: revocable on the server, an idle timeout, safe cookies, fresh sign-in for exports."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from flask import Flask, jsonify, request
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from ecogram.accounts import User
from ecogram.db import session_scope
from tests.web.conftest import PASSWORD, World, login
from webapp.auth import sessions
from webapp.auth.recent import recent_sign_in_required

NEW_PASSWORD = "a kettle of green herons"


def new_client(app: Flask) -> FlaskClient:
    """Another browser: its own cookie jar, speaking HTTPS like the `client` fixture."""
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


def signed_in(client: FlaskClient) -> bool:
    return client.get("/").status_code == 200


def set_clock(client: FlaskClient, **seconds_ago: int) -> None:
    """Pretend the session's LAST_SEEN / STARTED / CONFIRMED_AT happened this long ago."""
    keys = {"seen": sessions.LAST_SEEN, "started": sessions.STARTED, "typed": sessions.CONFIRMED_AT}
    with client.session_transaction(base_url="https://localhost") as session:
        for name, ago in seconds_ago.items():
            session[keys[name]] = int(time.time()) - ago


def generation(app: Flask, username: str) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as db:
        user = db.scalar(select(User).where(User.username == username))
        assert user is not None
        return user.session_generation


def change_password(client: FlaskClient, **fields: str) -> TestResponse:
    data = {"current": PASSWORD, "new": NEW_PASSWORD, "again": NEW_PASSWORD} | fields
    return client.post("/account/password", data=data)


# --- cookies -------------------------------------------------------------------------


def test_the_session_cookie_is_secure_httponly_and_samesite_lax(
    client: FlaskClient, world: World
) -> None:
    response = client.post("/login", data={"username": "worker", "password": PASSWORD})
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies, "signing in set no cookie"
    for cookie in cookies:
        flags = [part.strip() for part in cookie.split(";")]
        assert "Secure" in flags and "HttpOnly" in flags and "SameSite=Lax" in flags, cookie


# --- revocation ----------------------------------------------------------------------


def test_signing_out_in_one_browser_ends_the_session_in_the_other(app: Flask, world: World) -> None:
    tablet, laptop = new_client(app), new_client(app)
    login(tablet, "worker")
    login(laptop, "worker")
    assert signed_in(tablet) and signed_in(laptop)
    assert tablet.post("/logout").status_code == 302
    response = laptop.get(f"/cases/{world.case_id}/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    # The notice was made in the account's language (Dutch) when the session ended.
    notice = laptop.get("/login", headers=EN).get_data(as_text=True)
    assert "Je sessie is beëindigd" in notice
    assert not signed_in(tablet)


EN = {"Accept-Language": "en"}


def test_signing_out_raises_the_generation_in_the_database(app: Flask, world: World) -> None:
    client = new_client(app)
    login(client, "worker")
    before = generation(app, "worker")
    client.post("/logout")
    assert generation(app, "worker") == before + 1


def test_a_cookie_kept_from_before_sign_out_is_refused(app: Flask, world: World) -> None:
    client = new_client(app)
    login(client, "worker")
    kept = client.get_cookie("session", domain="localhost")
    assert kept is not None
    client.post("/logout")
    thief = new_client(app)
    thief.set_cookie("session", kept.value, domain="localhost", secure=True)
    assert thief.get("/").status_code == 302


def test_signing_out_ends_only_that_users_sessions(app: Flask, world: World) -> None:
    worker, colleague = new_client(app), new_client(app)
    login(worker, "worker")
    login(colleague, "colleague")
    worker.post("/logout")
    assert signed_in(colleague)


def test_a_password_change_ends_every_other_session_but_keeps_this_one(
    app: Flask, world: World
) -> None:
    here, elsewhere, third = new_client(app), new_client(app), new_client(app)
    for client in (here, elsewhere, third):
        login(client, "worker")
    response = change_password(here)
    assert response.status_code == 302
    assert signed_in(here)
    assert not signed_in(elsewhere) and not signed_in(third)


def test_after_a_password_change_only_the_new_password_signs_in(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    change_password(client)
    other = new_client(app)
    assert (
        other.post("/login", data={"username": "worker", "password": PASSWORD}).status_code == 401
    )
    login(other, "worker", NEW_PASSWORD)


# --- idle timeout and maximum age ----------------------------------------------------


def test_a_session_idle_for_longer_than_30_minutes_ends_with_a_message(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, seen=30 * 60 + 5)
    response = client.get(f"/cases/{world.case_id}/", headers=EN)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next=/cases/{world.case_id}/"
    page = client.get(response.headers["Location"], headers=EN).get_data(as_text=True)
    assert "inactive for a while" in page
    assert not signed_in(client)  # the session is cleared, not merely refused once


def test_a_session_idle_for_just_under_30_minutes_lives_on(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, seen=29 * 60)
    assert signed_in(client)


def test_every_request_counts_as_activity(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    set_clock(client, seen=29 * 60)
    assert signed_in(client)
    with client.session_transaction(base_url="https://localhost") as session:
        assert int(time.time()) - session[sessions.LAST_SEEN] < 60


def test_the_idle_timeout_is_configurable(app: Flask, client: FlaskClient, world: World) -> None:
    app.config["IDLE_TIMEOUT_MINUTES"] = 5
    login(client, "worker")
    set_clock(client, seen=6 * 60)
    assert not signed_in(client)


def test_a_script_whose_session_ended_gets_401_json(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    set_clock(client, seen=31 * 60)
    response = client.get(
        f"/cases/{world.case_id}/graph.json", headers={"Accept": "application/json"}
    )
    assert response.status_code == 401
    body = response.get_json()
    assert body["status"] == 401 and body["login"] == "/login" and body["message"]


def test_a_session_older_than_the_maximum_age_ends_even_when_active(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, started=12 * 3600 + 5)
    assert not signed_in(client)


def test_a_session_without_its_times_is_not_accepted(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    with client.session_transaction(base_url="https://localhost") as session:
        del session[sessions.LAST_SEEN]
    assert not signed_in(client)


# --- after sign-in -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("worker", "/"),
        ("coordinator", "/"),
        ("network_coordinator", "/dashboard"),
        ("admin", "/networks"),
    ],
)
def test_sign_in_lands_each_role_on_its_start_page(
    client: FlaskClient, world: World, persona: str, landing: str
) -> None:
    response = client.post("/login", data={"username": persona, "password": PASSWORD})
    assert response.headers["Location"].rstrip("/") == landing.rstrip("/")


def test_sign_in_returns_to_the_page_asked_for(client: FlaskClient, world: World) -> None:
    response = client.post(
        f"/login?next=/cases/{world.case_id}/roles",
        data={"username": "worker", "password": PASSWORD},
    )
    assert response.headers["Location"] == f"/cases/{world.case_id}/roles"


ELSEWHERE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "javascript:alert(1)",
    "http:/evil.example",
    "evil.example",
]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_sign_in_never_redirects_to_another_site(
    client: FlaskClient, world: World, target: str
) -> None:
    response = client.post(
        "/login", query_string={"next": target}, data={"username": "worker", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


# --- password change -----------------------------------------------------------------


def test_the_password_page_has_the_three_fields(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    page = client.get("/account/password").get_data(as_text=True)
    assert all(f'name="{name}"' in page for name in ("current", "new", "again"))


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"new": "elf letters", "again": "elf letters"}, "new"),  # 11 characters
        ({"again": "something else entirely"}, "again"),
        ({"new": PASSWORD, "again": PASSWORD}, "new"),  # the current one
        ({"new": "x" * 201, "again": "x" * 201}, "new"),
        ({"current": "not my password"}, "current"),
        ({"current": ""}, "current"),
    ],
)
def test_a_refused_password_change_names_the_field_and_changes_nothing(
    app: Flask, client: FlaskClient, world: World, fields: dict[str, str], named: str
) -> None:
    login(client, "worker")
    before = generation(app, "worker")
    response = change_password(client, **fields)
    assert response.status_code == 400
    assert f'id="{named}-error"' in response.get_data(as_text=True)
    assert generation(app, "worker") == before
    assert signed_in(client)


def test_a_new_password_of_exactly_12_characters_is_accepted(
    client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    assert change_password(client, new="twelve chars", again="twelve chars").status_code == 302


def test_the_new_password_may_not_be_the_username(
    app: Flask, client: FlaskClient, world: World, password_hash: str
) -> None:
    with session_scope(app.extensions["ecogram.engine"]) as db:
        user = db.scalar(select(User).where(User.username == "worker"))
        assert user is not None
        user.username = "worker.limburg.1"  # long enough to pass the length rule
    login(client, "worker.limburg.1")
    response = change_password(client, new="Worker.Limburg.1", again="Worker.Limburg.1")
    assert response.status_code == 400
    assert 'id="new-error"' in response.get_data(as_text=True)


# --- fresh sign-in for exporting and erasing -----------------------------------------


@pytest.fixture
def export_app(app: Flask) -> Iterator[Flask]:
    """Two stand-ins for an export (GET) and an erasure (POST), wrapped in the decorator."""
    done: list[str] = []

    @recent_sign_in_required
    def export() -> object:
        done.append("export")
        return jsonify(done=list(done))

    @recent_sign_in_required
    def erase() -> object:
        done.append(request.form.get("what", ""))
        return "erased"

    app.add_url_rule("/test/export", "test_export", export)
    app.add_url_rule("/test/erase", "test_erase", erase, methods=["POST"])
    app.config["DONE"] = done
    yield app


def test_exporting_right_after_sign_in_needs_no_password_again(
    export_app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    assert client.get("/test/export").status_code == 200


def test_exporting_after_ten_minutes_asks_for_the_password_and_comes_back(
    export_app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, typed=10 * 60 + 5)
    response = client.get("/test/export?format=csv")
    assert response.status_code == 302
    assert response.headers["Location"] == "/reauthenticate?next=/test/export?format%3Dcsv"
    assert export_app.config["DONE"] == []
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'action="/reauthenticate?next=/test/export?format%3Dcsv"' in page
    back = client.post(response.headers["Location"], data={"password": PASSWORD})
    assert back.headers["Location"] == "/test/export?format=csv"
    assert client.get(back.headers["Location"]).status_code == 200
    assert export_app.config["DONE"] == ["export"]


def test_nine_minutes_after_sign_in_is_still_recent(
    export_app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, typed=9 * 60)
    assert client.get("/test/export").status_code == 200


def test_the_recent_sign_in_window_is_configurable(
    export_app: Flask, client: FlaskClient, world: World
) -> None:
    export_app.config["RECENT_SIGN_IN_MINUTES"] = 2
    login(client, "worker")
    set_clock(client, typed=3 * 60)
    assert client.get("/test/export").status_code == 302


def test_a_wrong_password_on_re_authentication_keeps_the_export_closed(
    export_app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, typed=11 * 60)
    response = client.post("/reauthenticate?next=/test/export", data={"password": "wrong guess"})
    assert response.status_code == 401
    assert 'id="password-error"' in response.get_data(as_text=True)
    assert client.get("/test/export").status_code == 302


def test_an_erasure_post_goes_back_to_its_page_after_re_authentication_without_resending(
    export_app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, typed=11 * 60)
    page = f"https://localhost/cases/{world.case_id}/roles"
    response = client.post("/test/erase", data={"what": "p3"}, headers={"Referer": page})
    assert response.status_code == 302
    target = response.headers["Location"]
    assert target == f"/reauthenticate?next=/cases/{world.case_id}/roles"
    back = client.post(target, data={"password": PASSWORD})
    assert back.headers["Location"] == f"/cases/{world.case_id}/roles"
    assert export_app.config["DONE"] == []  # the form is sent again by the user, not replayed
    assert client.post("/test/erase", data={"what": "p3"}).get_data(as_text=True) == "erased"


def test_an_erasure_from_a_page_of_another_site_returns_to_the_start_page(
    export_app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, typed=11 * 60)
    response = client.post("/test/erase", headers={"Referer": "https://evil.example/cases/1/"})
    assert response.headers["Location"] == "/reauthenticate"


def test_a_script_that_needs_a_fresh_sign_in_gets_401_with_the_way_to_it(
    export_app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "worker")
    set_clock(client, typed=11 * 60)
    response = client.get("/test/export", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.get_json()["reauthenticate"] == "/reauthenticate?next=/test/export"


@pytest.mark.parametrize("target", ELSEWHERE)
def test_re_authentication_never_redirects_to_another_site(
    client: FlaskClient, world: World, target: str
) -> None:
    login(client, "worker")
    response = client.post(
        "/reauthenticate", query_string={"next": target}, data={"password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_re_authentication_needs_a_signed_in_user(client: FlaskClient, world: World) -> None:
    response = client.post("/reauthenticate", data={"password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_opening_the_bare_address_lands_each_role_on_its_own_start_page(
    client: FlaskClient, world: World
) -> None:
    assert client.get("/").headers["Location"] == "/login"
    response = client.post("/login", data={"username": "network_coordinator", "password": PASSWORD})
    assert response.headers["Location"] == "/dashboard"
