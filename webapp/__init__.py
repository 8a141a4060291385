"""The Ecogram web app: `create_app()` builds it, one blueprint per user task."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter

from ecogram import clock as core_clock
from ecogram import db as core_db
from webapp import settings

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
        REQUIRE_SECOND_FACTOR=settings.second_factor_required(),
        BABEL_DEFAULT_LOCALE="nl",
        LANGUAGES=("nl", "en"),
        # Production mode and the reverse proxy (webapp/settings.py explains both).
        PRODUCTION=settings.production(),
        PROXY_HOPS=settings.proxy_hops(),
    )
    if test_config is not None:
        app.config.from_mapping(test_config)
    core_clock.today()  # a malformed ECOGRAM_TODAY stops the start, not the first page
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.secret_key(app)
    settings.trust_proxy(app)

    from webapp import (
        access,
        accounts,
        assessment,
        audit,
        auth,
        case_tabs,
        cases,
        closing,
        dashboard,
        database,
        deadlines,
        downloads,
        ecogram_page,
        erasure,
        errors,
        findings,
        graphdata,
        health,
        history,
        i18n,
        intake,
        labels,
        logs,
        networks,
        plan,
        roles,
        security,
        self_scan,
        static_files,
        team,
        trajectory,
        year_report,
    )

    logs.init_app(app)
    database.init_app(app)
    graphdata.init_app(app)
    security.init_app(app)
    static_files.init_app(app)
    i18n.init_app(app)
    labels.init_app(app)
    auth.init_app(app)
    access.init_app(app)
    case_tabs.init_app(app)
    errors.init_app(app)
    app.register_blueprint(health.bp)
    for module in (
        cases,
        intake,
        deadlines,
        ecogram_page,
        assessment,
        roles,
        trajectory,
        history,
        findings,
        downloads,
        audit,
        team,
        closing,
        erasure,
        networks,
        self_scan,
        plan,
        year_report,
        dashboard,
        accounts,
    ):
        app.register_blueprint(module.bp)
    history.init_app(app)  # every change to the ecogram lands in a session
    return app
