"""Production settings: an explicit shared secret, the one trusted proxy hop, and /healthz."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from tests.web.conftest import World, login
from webapp import auth, create_app, health
from webapp.settings import SettingError

KEY = "k" * 32


@pytest.fixture
def fresh_instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty instance folder and no production settings from the caller's environment."""
    folder = tmp_path / "instance"
    monkeypatch.setenv("ECOGRAM_INSTANCE_PATH", str(folder))
    monkeypatch.setenv("ECOGRAM_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    for name in ("ECOGRAM_ENV", "ECOGRAM_SECRET_KEY", "ECOGRAM_PROXY_FIX"):
        monkeypatch.delenv(name, raising=False)
    return folder


# --- The secret key --------------------------------------------------------------------


def test_production_refuses_to_start_without_an_explicit_secret_key(
    fresh_instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECOGRAM_ENV", "production")
    with pytest.raises(SettingError, match=r"^ECOGRAM_SECRET_KEY: production .* 32 characters"):
        create_app()
    assert not (fresh_instance / "secret_key").exists()


def test_production_refuses_a_short_secret_key(
    fresh_instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECOGRAM_ENV", "production")
    monkeypatch.setenv("ECOGRAM_SECRET_KEY", "k" * 31)
    with pytest.raises(SettingError, match="ECOGRAM_SECRET_KEY"):
        create_app()


def test_production_uses_the_explicit_key_so_every_instance_signs_alike(
    fresh_instance: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ECOGRAM_ENV", "production")
    monkeypatch.setenv("ECOGRAM_SECRET_KEY", KEY)
    first, second = create_app(), create_app()
    assert first.secret_key == second.secret_key == KEY
    assert first.config["PRODUCTION"] is True
    assert not (fresh_instance / "secret_key").exists()


def test_development_still_keeps_a_random_key_in_the_instance_folder(fresh_instance: Path) -> None:
    app = create_app()
    assert app.config["PRODUCTION"] is False
    assert app.secret_key == (fresh_instance / "secret_key").read_text().strip()
    assert len(str(app.secret_key)) == 64


@pytest.mark.parametrize(("name", "value"), [("ECOGRAM_ENV", "prod"), ("ECOGRAM_PROXY_FIX", "yes")])
def test_a_setting_that_is_not_understood_stops_the_app_naming_it(
    fresh_instance: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingError, match=f"^{name}: '{value}' is not"):
        create_app()


# --- The proxy --------------------------------------------------------------------------


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A page that shows what the app believes about the client."""
    monkeypatch.setattr(auth, "UNGUARDED_ENDPOINTS", auth.UNGUARDED_ENDPOINTS | {"probe"})
    yield


def proxied_app(app: Flask, monkeypatch: pytest.MonkeyPatch, hops: str) -> Flask:
    monkeypatch.setenv("ECOGRAM_PROXY_FIX", hops)
    # The test app's config, but for the setting that comes from the environment.
    proxied = create_app({k: v for k, v in app.config.items() if k != "PROXY_HOPS"})
    proxied.add_url_rule(
        "/probe", "probe", lambda: f"{request.remote_addr} {request.scheme}", methods=["GET"]
    )
    return proxied


def test_behind_the_proxy_the_client_is_the_address_the_proxy_added(
    app: Flask, probe: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = proxied_app(app, monkeypatch, "1").test_client()
    headers = {
        "X-Forwarded-For": "198.51.100.66, 203.0.113.7",  # a forged hop, then the proxy's
        "X-Forwarded-Proto": "https",
    }
    answer = client.get("/probe", headers=headers).get_data(as_text=True)
    assert answer == "203.0.113.7 https"


def test_without_the_setting_forwarded_headers_change_nothing(
    app: Flask, probe: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = proxied_app(app, monkeypatch, "0").test_client()
    headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    assert client.get("/probe", headers=headers).get_data(as_text=True) == "127.0.0.1 http"


def test_the_login_limit_counts_the_proxied_address_and_ignores_a_forged_one(
    app: Flask, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxied = proxied_app(app, monkeypatch, "1")
    proxied.config["LOGIN_LIMIT_PER_ADDRESS"] = 3
    client = proxied.test_client()

    def attempt(forged: str, real: str, username: str) -> int:
        headers = {"X-Forwarded-For": f"{forged}, {real}"}
        form = {"username": username, "password": "wrong"}
        return client.post("/login", data=form, headers=headers).status_code

    # Each try claims another address in front; the proxy's value is the same each time.
    assert [attempt(f"192.0.2.{n}", "203.0.113.7", f"user{n}") for n in range(3)] == [401] * 3
    assert attempt("192.0.2.99", "203.0.113.7", "worker") == 429
    assert attempt("203.0.113.7", "203.0.113.8", "worker") == 401  # another real client


# --- /healthz --------------------------------------------------------------------------


def test_healthz_answers_200_without_sign_in_and_says_nothing_else(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_answers_the_same_for_a_signed_in_user(client: FlaskClient, world: World) -> None:
    login(client, "worker")
    assert client.get("/healthz").get_data(as_text=True) == "ok\n"


def test_healthz_answers_503_when_the_database_does_not_answer(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    # Nothing listens on port 1: the connection is refused at once.
    down = create_app(
        dict(app.config) | {"DATABASE_URL": "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"}
    )
    response = down.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "unavailable\n"
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "ecogram.health")
    assert "OperationalError" in logged and "secret" not in logged and "127.0.0.1" not in logged


def test_healthz_answers_503_when_the_schema_is_not_at_the_newest_migration(
    app: Flask, tmp_path: Path
) -> None:
    empty = tmp_path / "never-initialised.sqlite3"
    behind = create_app(dict(app.config) | {"DATABASE_URL": f"sqlite:///{empty}"})
    response = behind.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "unavailable\n"


def test_healthz_knows_the_newest_migration_of_the_code(
    app: Flask, tmp_path: Path, sqlite_template: Path
) -> None:
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(sqlite_template, copy)
    assert health._head() is not None
    served = create_app(dict(app.config) | {"DATABASE_URL": f"sqlite:///{copy}"})
    assert served.test_client().get("/healthz").status_code == 200
