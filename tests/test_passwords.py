"""Password hashes: the core's scrypt reads and writes werkzeug's format both ways."""

from __future__ import annotations

import re

import pytest
from werkzeug.security import check_password_hash, generate_password_hash

from ecogram.passwords import hash_password, password_matches

PASSWORD = "correct horse battery staple ∞"


@pytest.mark.parametrize("method", ["scrypt", "scrypt:1024:8:1", "pbkdf2:sha256:1000"])
def test_a_hash_werkzeug_stored_still_verifies(method: str) -> None:
    stored = generate_password_hash(PASSWORD, method=method)

    assert password_matches(stored, PASSWORD)
    assert not password_matches(stored, PASSWORD + " ")


def test_a_new_hash_is_scrypt_at_werkzeugs_default_cost_and_werkzeug_verifies_it() -> None:
    stored = hash_password(PASSWORD)

    assert re.fullmatch(r"scrypt:32768:8:1\$[A-Za-z0-9]{16}\$[0-9a-f]{128}", stored)
    assert check_password_hash(stored, PASSWORD)
    assert not check_password_hash(stored, "wrong")


def test_two_hashes_of_one_password_differ_by_their_salt() -> None:
    assert hash_password(PASSWORD, n=1024) != hash_password(PASSWORD, n=1024)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "scrypt:1024:8:1",
        "scrypt:1024:8$salt$00",
        "scrypt:x:8:1$salt$00",
        "md5$salt$00",
        "pbkdf2:md5:1000$salt$00",
        "plain$$secret",
        "scrypt:1073741824:8:1$salt$00",  # a damaged row asking for gigabytes
    ],
)
def test_a_malformed_or_unknown_hash_matches_nothing(stored: str) -> None:
    assert password_matches(stored, PASSWORD) is False
