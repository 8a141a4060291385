"""Sign-in rate limits, counted in the database.

A failed sign-in adds one `LoginAttempt` row per key it counts against: the
account ("user:<username>") and the address ("ip:<address>"). Every worker
process and every app instance on the same database therefore sees the same
count; nothing is kept in process memory.

A key is refused once it has `attempts` failures inside the sliding `window`,
until enough of them have left the window. Refused attempts are not counted,
so the wait a refusal announces (Retry-After) is exact and an attacker cannot
keep an account locked past it without being refused again. The check and the
insert are separate statements: simultaneous requests can each pass the check,
so the limit can be overshot by at most the number of requests in flight.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ecogram.accounts import LoginAttempt

ACCOUNT_PREFIX = "user:"
ADDRESS_PREFIX = "ip:"
_KEY_MAX = 200  # LoginAttempt.key is String(200)


@dataclass(frozen=True)
class Limit:
    """At most `attempts` failures per key within `window`."""

    attempts: int
    window: dt.timedelta

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.window <= dt.timedelta(0):
            raise ValueError("a limit needs at least one attempt and a positive window")


@dataclass(frozen=True)
class LoginLimits:
    per_account: Limit = Limit(5, dt.timedelta(minutes=15))
    per_address: Limit = Limit(20, dt.timedelta(minutes=15))

    @property
    def longest_window(self) -> dt.timedelta:
        return max(self.per_account.window, self.per_address.window)


def account_key(username: str) -> str:
    # The username exactly as typed: sign-in matches it exactly too, so another
    # spelling is another (unknown) account with its own count.
    return (ACCOUNT_PREFIX + username)[:_KEY_MAX]


def address_key(address: str) -> str:
    return (ADDRESS_PREFIX + address)[:_KEY_MAX]


def _utc(moment: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; every moment stored here is UTC.
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def retry_after(session: Session, key: str, limit: Limit, now: dt.datetime) -> int | None:
    """Whole seconds until `key` may try again, or None when it may try now."""
    now = _utc(now)
    since = now - limit.window
    times = [
        _utc(at)
        for at in session.scalars(
            select(LoginAttempt.at)
            .where(LoginAttempt.key == key, LoginAttempt.at > since)
            .order_by(LoginAttempt.at)
        )
    ]
    if len(times) < limit.attempts:
        return None
    # The key may try again once the count inside the window drops below the
    # limit, i.e. when this many of the oldest failures have left the window.
    release = times[len(times) - limit.attempts] + limit.window
    return max(1, math.ceil((release - now).total_seconds()))


def refused_for(
    session: Session, checks: Sequence[tuple[str, Limit]], now: dt.datetime
) -> int | None:
    """The longest wait any of the (key, limit) pairs imposes, or None when all allow a try."""
    waits = [wait for key, limit in checks if (wait := retry_after(session, key, limit, now))]
    return max(waits, default=None)


def record_failure(
    session: Session, keys: Iterable[str], now: dt.datetime, keep: dt.timedelta
) -> None:
    """Count one failure against each key, and forget failures older than `keep`."""
    now = _utc(now)
    # Pruning here keeps the table small without a separate cleaning job.
    session.execute(delete(LoginAttempt).where(LoginAttempt.at <= now - keep))
    session.add_all(LoginAttempt(key=key, at=now) for key in keys)
    session.flush()


def clear(session: Session, key: str) -> None:
    """Forget the failures of `key` (a successful sign-in clears its account's count)."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == key))
