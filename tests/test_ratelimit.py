"""The sign-in limiter's core, on SQLite and PostgreSQL, without Flask."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ecogram import ratelimit
from ecogram.accounts import LoginAttempt
from ecogram.db import session_factory
from ecogram.ratelimit import Limit, LoginLimits

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
FIVE_PER_15 = Limit(5, dt.timedelta(minutes=15))
KEEP = dt.timedelta(minutes=15)


def fail(session: Session, key: str, at: dt.datetime, times: int = 1) -> None:
    for _ in range(times):
        ratelimit.record_failure(session, [key], at, KEEP)
    session.commit()


def rows(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(LoginAttempt)) or 0


def test_a_key_may_try_while_it_has_fewer_failures_than_the_limit(session: Session) -> None:
    fail(session, "user:worker", T0, times=4)
    assert ratelimit.retry_after(session, "user:worker", FIVE_PER_15, T0) is None


def test_the_failure_that_reaches_the_limit_refuses_the_next_try(session: Session) -> None:
    fail(session, "user:worker", T0, times=5)
    assert ratelimit.retry_after(session, "user:worker", FIVE_PER_15, T0) == 15 * 60


def test_the_wait_counts_down_from_the_oldest_failure_in_the_window(session: Session) -> None:
    for minute in range(5):
        fail(session, "user:worker", T0 + dt.timedelta(minutes=minute))
    later = T0 + dt.timedelta(minutes=10)
    assert ratelimit.retry_after(session, "user:worker", FIVE_PER_15, later) == 5 * 60


def test_a_failure_exactly_one_window_old_no_longer_counts(session: Session) -> None:
    fail(session, "user:worker", T0, times=5)
    just_before = T0 + dt.timedelta(minutes=15) - dt.timedelta(seconds=1)
    assert ratelimit.retry_after(session, "user:worker", FIVE_PER_15, just_before) == 1
    assert ratelimit.retry_after(session, "user:worker", FIVE_PER_15, T0 + KEEP) is None


def test_with_more_failures_than_the_limit_it_waits_until_enough_have_left(
    session: Session,
) -> None:
    for minute in (0, 1, 2, 3, 4, 5, 6):
        fail(session, "ip:192.0.2.1", T0 + dt.timedelta(minutes=minute))
    now = T0 + dt.timedelta(minutes=7)
    # 7 failures, limit 5: the third oldest (minute 2) must leave, at minute 17.
    assert ratelimit.retry_after(session, "ip:192.0.2.1", FIVE_PER_15, now) == 10 * 60


def test_keys_are_counted_apart(session: Session) -> None:
    fail(session, "user:worker", T0, times=5)
    assert ratelimit.retry_after(session, "user:colleague", FIVE_PER_15, T0) is None
    assert ratelimit.retry_after(session, "ip:192.0.2.1", FIVE_PER_15, T0) is None


def test_refused_for_takes_the_longest_wait_of_account_and_address(session: Session) -> None:
    limits = LoginLimits(per_account=FIVE_PER_15, per_address=Limit(2, dt.timedelta(hours=1)))
    fail(session, "user:worker", T0, times=5)
    fail(session, "ip:192.0.2.1", T0, times=2)
    checks = [("user:worker", limits.per_account), ("ip:192.0.2.1", limits.per_address)]
    assert ratelimit.refused_for(session, checks, T0) == 60 * 60
    assert ratelimit.refused_for(session, [("user:colleague", FIVE_PER_15)], T0) is None


def test_clearing_forgets_one_key_only(session: Session) -> None:
    fail(session, "user:worker", T0, times=5)
    fail(session, "ip:192.0.2.1", T0, times=5)
    ratelimit.clear(session, "user:worker")
    session.commit()
    assert ratelimit.retry_after(session, "user:worker", FIVE_PER_15, T0) is None
    assert ratelimit.retry_after(session, "ip:192.0.2.1", FIVE_PER_15, T0) is not None


def test_recording_a_failure_prunes_failures_older_than_the_longest_window(
    session: Session,
) -> None:
    fail(session, "user:worker", T0, times=3)
    fail(session, "user:colleague", T0 + KEEP + dt.timedelta(seconds=1))
    assert rows(session) == 1


def test_naive_times_are_read_as_utc(session: Session) -> None:
    fail(session, "user:worker", T0, times=5)
    naive = T0.replace(tzinfo=None) + dt.timedelta(minutes=5)
    assert ratelimit.retry_after(session, "user:worker", FIVE_PER_15, naive) == 10 * 60


def test_two_sessions_on_one_database_share_the_count(engine: Engine) -> None:
    # Two app instances are two connection pools on one database: model that with two sessions.
    factory = session_factory(engine)
    with factory() as first, factory() as second:
        fail(first, "user:worker", T0, times=3)
        fail(second, "user:worker", T0, times=2)
        assert ratelimit.retry_after(first, "user:worker", FIVE_PER_15, T0) is not None
        assert ratelimit.retry_after(second, "user:worker", FIVE_PER_15, T0) is not None


def test_keys_are_cut_to_the_column_length() -> None:
    assert len(ratelimit.account_key("x" * 500)) == 200
    assert ratelimit.address_key("2001:db8::1") == "ip:2001:db8::1"


@pytest.mark.parametrize(("attempts", "minutes"), [(0, 15), (5, 0), (-1, 1)])
def test_a_limit_needs_an_attempt_and_a_window(attempts: int, minutes: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        Limit(attempts, dt.timedelta(minutes=minutes))
