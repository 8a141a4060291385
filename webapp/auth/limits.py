"""Every password check of the web app goes through here: rate-limited and logged.

Sign-in, re-authentication and the password change all count a wrong
password against the account and the client's address (`ecogram.ratelimit`,
in the database). Once either has too many failures, the next try is refused
with 429 and Retry-After before the password is even looked at, so the right
password does not get through either.

Failures are logged to "ecogram.auth" with the username and the address,
never the password. Usernames are account names of professionals, not names
from a case, and an administrator needs them to see which account is under
attack; the log's formatter encodes line breaks, so a typed username cannot
forge a log line.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from enum import Enum

from flask import Response, current_app, flash, render_template, request
from flask_babel import ngettext
from sqlalchemy.orm import Session

from ecogram import ratelimit
from ecogram.accounts import User
from ecogram.passwords import hash_password, password_matches
from ecogram.ratelimit import Limit, LoginLimits

log = logging.getLogger("ecogram.auth")


class Check(Enum):
    OK = "ok"
    WRONG = "wrong"


def login_limits() -> LoginLimits:
    config = current_app.config
    window = dt.timedelta(minutes=int(config["LOGIN_LIMIT_WINDOW_MINUTES"]))
    return LoginLimits(
        per_account=Limit(int(config["LOGIN_LIMIT_PER_ACCOUNT"]), window),
        per_address=Limit(int(config["LOGIN_LIMIT_PER_ADDRESS"]), window),
    )


def client_address() -> str:
    # Behind a reverse proxy, ECOGRAM_PROXY_FIX=1 makes this the client's address (settings.py).
    return request.remote_addr or "unknown"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@functools.cache
def _decoy_hash() -> str:
    return hash_password("no account has this password")


def refused_for(db: Session, username: str) -> int | None:
    """Seconds to wait before `username` may try again from this address, or None."""
    limits = login_limits()
    checks = [
        (ratelimit.account_key(username), limits.per_account),
        (ratelimit.address_key(client_address()), limits.per_address),
    ]
    return ratelimit.refused_for(db, checks, _utcnow())


def check_password(db: Session, username: str, user: User | None, password: str) -> Check | int:
    """OK, WRONG (counted and committed), or the seconds to wait (nothing checked)."""
    wait = refused_for(db, username)
    if wait is not None:
        log.warning(
            "password check refused, too many failures: username %s from %s",
            username,
            client_address(),
        )
        return wait
    if user is None or not user.active:
        # Hash anyway, so the answer takes as long as for an existing account.
        password_matches(_decoy_hash(), password)
        right = False
    else:
        right = user.check_password(password)
    if not right:
        count_failure(db, username, "password")
        return Check.WRONG
    ratelimit.clear(db, ratelimit.account_key(username))
    return Check.OK


def count_failure(db: Session, username: str, what: str) -> None:
    """A wrong password or second-factor code: counted against the account and the address."""
    keys = [ratelimit.account_key(username), ratelimit.address_key(client_address())]
    ratelimit.record_failure(db, keys, _utcnow(), login_limits().longest_window)
    db.commit()  # error responses roll back; the failure must count anyway
    log.warning("%s check failed: username %s from %s", what, username, client_address())


def refused(db: Session, username: str) -> int | None:
    """Seconds to wait before `username` may try anything again, logged when refused."""
    wait = refused_for(db, username)
    if wait is not None:
        log.warning(
            "check refused, too many failures: username %s from %s", username, client_address()
        )
    return wait


def too_many(wait: int, template: str, **context: object) -> Response:
    """The 429 page: `template` again, with a message in the user's language and Retry-After."""
    minutes = max(1, -(-wait // 60))
    flash(
        ngettext(
            "Too many failed attempts. Wait %(num)d minute and try again.",
            "Too many failed attempts. Wait %(num)d minutes and try again.",
            minutes,
        ),
        "error",
    )
    response = Response(render_template(template, **context), status=429)
    response.headers["Retry-After"] = str(wait)
    return response
