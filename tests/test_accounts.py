"""Accounts: how they are made and how their passwords are kept."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ecogram.accounts import (
    MIN_PASSWORD_LENGTH,
    AccountError,
    User,
    UserRole,
    add_user,
    change_account,
    create_account,
    reset_password,
    set_active,
)

PASSWORD = "a long fictional passphrase"


def test_a_password_is_stored_as_an_scrypt_hash_only(session: Session) -> None:
    user = add_user(session, username="lotte", password=PASSWORD, role=UserRole.CONTEXT_WORKER)
    # werkzeug's default cost: only the test personas use a cheaper one (tests/web/conftest.py).
    assert user.password_hash.startswith("scrypt:32768:8:1$")
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD)
    assert not user.check_password(PASSWORD + "x")


@pytest.mark.parametrize(
    ("username", "password", "role", "problem"),
    [
        ("", PASSWORD, UserRole.ADMIN, "USERNAME:"),
        ("lotte janssens", PASSWORD, UserRole.ADMIN, "USERNAME:"),
        ("x" * 81, PASSWORD, UserRole.ADMIN, "USERNAME:"),
        ("lotte", "short", UserRole.ADMIN, "password: use at least 12 characters"),
        ("wout", PASSWORD, UserRole.CASE_COORDINATOR, "--network: a case_coordinator belongs"),
        ("ria", PASSWORD, UserRole.NETWORK_COORDINATOR, "--network: a network_coordinator"),
    ],
)
def test_it_refuses_an_account_it_cannot_make_naming_the_field(
    session: Session, username: str, password: str, role: UserRole, problem: str
) -> None:
    with pytest.raises(AccountError) as caught:
        add_user(session, username=username, password=password, role=role)
    assert str(caught.value).startswith(problem)
    assert session.scalar(select(func.count()).select_from(User)) == 0


def test_it_refuses_a_second_account_with_the_same_username(session: Session) -> None:
    add_user(session, username="lotte", password=PASSWORD, role=UserRole.CONTEXT_WORKER)
    with pytest.raises(AccountError, match="USERNAME: the user 'lotte' already exists"):
        add_user(session, username="lotte", password=PASSWORD, role=UserRole.ADMIN)


def run_user_add(url: str, *args: str, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "user", "add", *args],
        input=password + "\n",
        capture_output=True,
        text=True,
        env={**os.environ, "ECOGRAM_DATABASE_URL": url},
        timeout=120,
        check=False,
    )


def test_user_add_reads_the_password_from_stdin_and_refuses_bad_input(
    engine: Engine, db_url: str
) -> None:
    made = run_user_add(
        db_url, "wout", "--role", "case_coordinator", "--network", "limburg", password=PASSWORD
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout == "Added user wout (case_coordinator)\n"
    again = run_user_add(db_url, "wout", "--role", "admin", password=PASSWORD)
    assert again.returncode == 2
    assert again.stderr == "ecogram: USERNAME: the user 'wout' already exists\n"
    weak = run_user_add(db_url, "hanne", "--role", "admin", password="kort")
    assert weak.returncode == 2
    assert weak.stderr == "ecogram: password: use at least 12 characters\n"
    with Session(engine) as session:
        users = session.scalars(select(User)).all()
        assert [(u.username, u.role, u.network is not None) for u in users] == [
            ("wout", UserRole.CASE_COORDINATOR, True)
        ]


# --- What an admin does with accounts ----------------------------------------------------

ONE_TIME = re.compile(r"[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}")


def admin(session: Session) -> User:
    return add_user(session, username="beheer", password=PASSWORD, role=UserRole.ADMIN)


def test_a_new_account_gets_a_one_time_password_it_must_replace(session: Session) -> None:
    user, password = create_account(
        session, username="lies", role=UserRole.CONTEXT_WORKER, display_name="Lies", network=None
    )
    assert ONE_TIME.fullmatch(password) and len(password) >= MIN_PASSWORD_LENGTH
    assert user.check_password(password) and user.must_change_password
    _other, second = create_account(
        session, username="jo", role=UserRole.CONTEXT_WORKER, display_name="Jo", network=None
    )
    assert second != password


def test_an_admin_neither_deactivates_nor_demotes_nor_resets_themselves(
    session: Session,
) -> None:
    me = admin(session)
    for attempt, field in [
        (lambda: set_active(session, me, False, acting=me), "active"),
        (
            lambda: change_account(
                session,
                me,
                acting=me,
                role=UserRole.CONTEXT_WORKER,
                network=None,
                display_name="Ik",
            ),
            "role",
        ),
        (lambda: reset_password(session, me, acting=me), "password"),
    ]:
        with pytest.raises(AccountError) as caught:
            attempt()
        assert (caught.value.field, caught.value.code) == (field, "oneself")
    assert me.active and me.role is UserRole.ADMIN


def test_deactivating_and_a_new_password_end_every_session_of_the_account(
    session: Session,
) -> None:
    me = admin(session)
    lies = add_user(session, username="lies", password=PASSWORD, role=UserRole.CONTEXT_WORKER)
    set_active(session, lies, False, acting=me)
    assert (lies.active, lies.session_generation) == (False, 1)
    set_active(session, lies, True, acting=me)
    password = reset_password(session, lies, acting=me)
    assert (lies.active, lies.session_generation, lies.must_change_password) == (True, 2, True)
    assert lies.check_password(password) and not lies.check_password(PASSWORD)


def test_a_coordinator_role_needs_a_network(session: Session) -> None:
    me = admin(session)
    lies = add_user(session, username="lies", password=PASSWORD, role=UserRole.CONTEXT_WORKER)
    with pytest.raises(AccountError) as caught:
        change_account(
            session,
            lies,
            acting=me,
            role=UserRole.CASE_COORDINATOR,
            network=None,
            display_name="Lies",
        )
    assert caught.value.field == "network"
    assert lies.role is UserRole.CONTEXT_WORKER
