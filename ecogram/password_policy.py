"""Which new passwords are refused besides the length rule (ASVS 5.0 V6.2).

A new password may not be one of the most common passwords (the shipped list
`ecogram/data/common-passwords.txt`, which says where it comes from), nor hold
the user's own username or name: those are the first guesses of anyone who
tries. Case is ignored in both checks.
"""

from __future__ import annotations

import functools
from enum import StrEnum
from importlib import resources


class Problem(StrEnum):
    COMMON = "common"  #: on the list of the most common passwords
    OWN_NAME = "own_name"  #: holds the username or the user's name


#: Parts of a name shorter than this are too common to refuse ("an", "jo").
MIN_NAME_PART = 3


@functools.cache
def common_passwords() -> frozenset[str]:
    text = resources.files("ecogram").joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def problem(password: str, *, username: str, name: str = "") -> Problem | None:
    """Why `password` may not be chosen by this user, or None when it may."""
    folded = password.casefold()
    if folded.strip() in common_passwords():
        return Problem.COMMON
    parts = [username, name, *name.split()]
    if any(len(p) >= MIN_NAME_PART and p.casefold() in folded for p in parts):
        return Problem.OWN_NAME
    return None
