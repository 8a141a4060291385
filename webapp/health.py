"""`/healthz` for load balancers and monitoring: may this instance take requests?

200 when the database answers and its schema is at the newest migration this
code knows; 503 otherwise (the database is down, or `ecogram init` has not run
after an upgrade). No sign-in is needed, and the answer says nothing else: no
version, no error text, no timing, so it tells an outsider nothing about the
installation. Why it failed goes to the log, as the kind of error only.

It never touches the session or the user table (`auth` lets it through before
looking at the session cookie), so it answers the same with or without one.
"""

from __future__ import annotations

import functools
import logging

from flask import Blueprint, Response
from sqlalchemy.exc import SQLAlchemyError

from ecogram.migrate import current_revision, head_revision
from webapp import database

bp = Blueprint("health", __name__)
log = logging.getLogger("ecogram.health")

ENDPOINT = "health.healthz"


@functools.cache
def _head() -> str | None:
    # The migration scripts ship with the code: read them once per process.
    return head_revision()


def _answer(healthy: bool) -> Response:
    if healthy:
        return Response("ok\n", status=200, mimetype="text/plain")
    return Response("unavailable\n", status=503, mimetype="text/plain")


@bp.route("/healthz")
def healthz() -> Response:
    try:
        revision = current_revision(database.engine())
    except SQLAlchemyError as error:
        log.warning("health check failed: the database does not answer (%s)", type(error).__name__)
        return _answer(False)
    if revision != _head():
        log.warning("health check failed: the database schema is not at the newest migration")
        return _answer(False)
    return _answer(True)
