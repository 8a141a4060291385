"""Sessions the server can end: generation, idle timeout, maximum age, fresh sign-in.

Flask keeps the session in a signed cookie, so the server cannot delete it.
Instead each session carries the user's `session_generation` from the moment
of sign-in, and every request compares it with the database (the user row is
loaded anyway). Signing out or changing the password raises the generation,
which ends every session of that user at once, on every device.

The times kept in the session are whole seconds since the epoch (UTC):
- LAST_SEEN: the last request; more than IDLE_TIMEOUT_MINUTES ago ends it;
- STARTED: the sign-in; more than SESSION_MAX_HOURS ago ends it, active or not;
- CONFIRMED_AT: the last time the password was typed (sign-in or
  re-authentication); exporting and erasing need it within RECENT_SIGN_IN_MINUTES.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from flask import current_app, session
from flask_login import login_user
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ecogram.accounts import User

GENERATION = "_generation"
LAST_SEEN = "_last_seen"
STARTED = "_started"
CONFIRMED_AT = "_confirmed_at"

#: How often a write of the user row may lose a race before we give up.
_RETRIES = 5


class SessionUser:
    """Flask-Login's view of a `User`; the model stays free of web concerns."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.is_authenticated = True
        self.is_active = user.active
        self.is_anonymous = False

    def get_id(self) -> str:
        return str(self.user.id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.user, name)

    def _get_current_object(self) -> User:
        return self.user


class Ended(StrEnum):
    """Why a session no longer counts."""

    REVOKED = "revoked"  #: signed out elsewhere, or the password changed
    IDLE = "idle"  #: no request for longer than the idle timeout
    TOO_OLD = "too_old"  #: signed in longer ago than the maximum age


def now() -> int:
    return int(time.time())


def _minutes(key: str) -> int:
    return int(current_app.config[key]) * 60


def start(user: User) -> None:
    """A fresh session for `user`, who has just typed the right password.

    Everything from before is dropped, so nothing an attacker planted in the
    session before sign-in survives it.
    """
    session.clear()
    session.permanent = True
    login_user(SessionUser(user))
    moment = now()
    session[GENERATION] = user.session_generation
    session[STARTED] = moment
    session[LAST_SEEN] = moment
    session[CONFIRMED_AT] = moment


def ended(user: User) -> Ended | None:
    """Why this request's session no longer counts for `user`, or None when it does."""
    if session.get(GENERATION) != user.session_generation:
        return Ended.REVOKED
    moment = now()
    last_seen, started = session.get(LAST_SEEN), session.get(STARTED)
    if not isinstance(last_seen, int) or moment - last_seen > _minutes("IDLE_TIMEOUT_MINUTES"):
        return Ended.IDLE
    max_age = int(current_app.config["SESSION_MAX_HOURS"]) * 3600
    if not isinstance(started, int) or moment - started > max_age:
        return Ended.TOO_OLD
    return None


def touch() -> None:
    session[LAST_SEEN] = now()


def password_confirmed() -> None:
    session[CONFIRMED_AT] = now()


def signed_in_recently() -> bool:
    typed = session.get(CONFIRMED_AT)
    return isinstance(typed, int) and now() - typed <= _minutes("RECENT_SIGN_IN_MINUTES")


def revoke_all(db: Session, user: User, change: Callable[[User], None] | None = None) -> None:
    """Raise the generation (after `change`, in the same commit): every session of `user` ends.

    The user row is versioned, so a concurrent write (another sign-out, a
    language choice) makes the commit fail; then the row is read again and the
    whole change made anew, because a sign-out that did not raise the
    generation would leave sessions alive.
    """
    for attempt in range(_RETRIES):
        if change is not None:
            change(user)
        user.session_generation += 1
        try:
            db.commit()
            return
        except StaleDataError:
            db.rollback()
            if attempt == _RETRIES - 1:
                raise


def clear() -> None:
    session.clear()
