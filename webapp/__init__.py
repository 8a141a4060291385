"""The Ecogram web app: `create_app()` builds it, one blueprint per user task."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

from ecogram import clock as core_clock
from ecogram import db as core_db

#: The largest id a database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: a number no row can have answers 404, not a
    database OverflowError (SQLite and psycopg refuse integers past 64 bits)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(*args, **kwargs)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(core_db.default_instance_path()))
    app.url_map.converters["int"] = IdConverter
    app.config.from_mapping(
        DATABASE_URL=core_db.database_url(),
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=True,
        REMEMBER_COOKIE_HTTPONLY=True,
        PERMANENT_SESSION_LIFETIME=30 * 60,
        WTF_CSRF_TIME_LIMIT=None,
        # Sessions and sign-in (webapp/auth explains each).
        IDLE_TIMEOUT_MINUTES=30,
        SESSION_MAX_HOURS=12,
        RECENT_SIGN_IN_MINUTES=10,
        LOGIN_LIMIT_PER_ACCOUNT=5,
        LOGIN_LIMIT_PER_ADDRESS=20,
        LOGIN_LIMIT_WINDOW_MINUTES=15,
        # A second factor for every account unless the deployment relaxes it (the demo).
        REQUIRE_SECOND_FACTOR=_flag("ECOGRAM_REQUIRE_SECOND_FACTOR", default=True),
        BABEL_DEFAULT_LOCALE="nl",
        LANGUAGES=("nl", "en"),
    )
    if test_config is not None:
        app.config.from_mapping(test_config)
    core_clock.today()  # a malformed ECOGRAM_TODAY stops the start, not the first page
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ.get("ECOGRAM_SECRET_KEY") or _instance_secret(app)

    from webapp import (
        access,
        assessment,
        audit,
        auth,
        cases,
        dashboard,
        database,
        deadlines,
        downloads,
        ecogram_page,
        erasure,
        errors,
        findings,
        history,
        i18n,
        labels,
        logs,
        networks,
        roles,
        security,
        trajectory,
    )

    logs.init_app(app)
    database.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    labels.init_app(app)
    auth.init_app(app)
    access.init_app(app)
    errors.init_app(app)
    for module in (
        cases,
        deadlines,
        ecogram_page,
        assessment,
        roles,
        trajectory,
        history,
        findings,
        downloads,
        audit,
        erasure,
        networks,
        dashboard,
    ):
        app.register_blueprint(module.bp)
    history.init_app(app)  # every change to the ecogram lands in a session
    return app


def _flag(name: str, *, default: bool) -> bool:
    """An on/off setting from the environment: 0, false, no or off turn it off."""
    value = os.environ.get(name, "").strip().casefold()
    if not value:
        return default
    if value in ("0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ValueError(f"{name}: use 1 or 0 (on or off), not {value!r}")


def _instance_secret(app: Flask) -> str:
    """A random key kept in the instance folder, so sessions survive a restart."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()
