"""The second factor of sign-in: a TOTP app (RFC 6238) and one-time recovery codes.

- A secret is made for the user and shown once, as a QR code and as text; it is
  stored only after the user has typed a code their app made from it.
- A code is accepted for the current 30-second step or the one before or after it
  (clocks drift), and never twice: the last accepted step is kept per user, so a
  code seen over someone's shoulder is worthless once used.
- Ten recovery codes stand in for a lost phone, each once. Only a SHA-256 hash of
  each is stored: they are random 50-bit codes, not passwords, so a slow hash adds
  nothing a fast one lacks.
- An admin may reset a user's second factor (lost phone, no codes left); the reset
  is audited and the user sets up a new one at the next sign-in.

Wrong codes are counted by the web app's sign-in limiter like wrong passwords.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

import pyotp
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ecogram.accounts import RecoveryCode, User, record_audit

ISSUER = "Ecogram"
STEP_SECONDS = 30
#: Steps either side of now that still count: one, for a phone's clock that drifts.
DRIFT_STEPS = 1
RECOVERY_CODES = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
_RECOVERY_LENGTH = 10


def new_secret() -> str:
    """A fresh random TOTP secret (base32, 160 bits)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, username: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def has_second_factor(user: User) -> bool:
    return user.totp_secret is not None


def _normal(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _matching_step(secret: str, code: str, now: float, after: int | None) -> int | None:
    """The time step `code` belongs to, if it is near `now` and later than `after`."""
    code = _normal(code)
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    current = int(now // STEP_SECONDS)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if after is not None and step <= after:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def verify_code(user: User, code: str, now: float) -> bool:
    """Whether `code` is a fresh code of the user's app; a used code never is again."""
    if user.totp_secret is None:
        return False
    step = _matching_step(user.totp_secret, code, now, user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    return True


def enrol(session: Session, user: User, secret: str, code: str, now: float) -> list[str] | None:
    """Store `secret` as the user's second factor if `code` was made from it.

    Returns the new recovery codes, in plain text this once, or None for a wrong code.
    """
    step = _matching_step(secret, code, now, None)
    if step is None:
        return None
    user.totp_secret = secret
    user.totp_last_step = step
    return _new_recovery_codes(session, user)


def _hash(code: str) -> str:
    return hashlib.sha256(_normal(code).encode("utf-8")).hexdigest()


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash(c)) for c in codes)
    session.flush()
    return codes


def use_recovery_code(session: Session, user: User, code: str) -> bool:
    """Whether `code` is one of the user's unused recovery codes; it is used up if so."""
    wanted = _hash(code)
    for row in session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    ):
        if hmac.compare_digest(row.code_hash, wanted):
            row.used_at = dt.datetime.now(dt.UTC)
            session.flush()
            return True
    return False


def recovery_codes_left(session: Session, user: User) -> int:
    rows = session.scalars(
        select(RecoveryCode.id).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    )
    return len(list(rows))


def reset_second_factor(session: Session, user: User, *, by: User, request_id: str) -> None:
    """Remove the user's second factor and recovery codes; audited, committed by the caller.

    The user then sets up a new one at the next sign-in (where it is required).
    """
    user.totp_secret = None
    user.totp_last_step = None
    user.session_generation += 1  # whoever holds the lost phone is signed out too
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    record_audit(
        session,
        user=by,
        case_id=None,
        action=f"reset_second_factor:{user.id}",
        outcome="ok",
        request_id=request_id,
    )
