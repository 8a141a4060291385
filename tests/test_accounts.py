"""Accounts: how they are made and how their passwords are kept."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ecogram.accounts import (
    AccountError,
    User,
    UserRole,
    add_user,
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
