"""Users, their assignments to cases, and the append-only audit trail.

Who may do what with these is decided in `ecogram.capabilities`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ecogram import password_policy
from ecogram.models import Base, Case, Network, Versioned
from ecogram.passwords import hash_password, password_matches


class UserRole(StrEnum):
    CONTEXT_WORKER = "context_worker"
    FOSTER_CARE_ASSESSOR = "foster_care_assessor"
    CASE_COORDINATOR = "case_coordinator"  #: sees every case of their network
    NETWORK_COORDINATOR = "network_coordinator"  #: aggregates only, never names
    ADMIN = "admin"  #: manages accounts; sees no case unless assigned


def _enum(cls: type) -> Enum:
    return Enum(cls, values_callable=lambda e: [m.value for m in e], native_enum=False, length=32)


class User(Versioned, Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[UserRole] = mapped_column(_enum(UserRole))
    network_id: Mapped[int | None] = mapped_column(ForeignKey("network.id", ondelete="SET NULL"))
    language: Mapped[str] = mapped_column(String(5), default="nl")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Raised on sign-out and password change: every session cookie carrying an
    # older generation is refused, which revokes sessions on the server.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The second factor (ecogram/second_factor.py): the TOTP secret, and the last
    # time step a code was accepted for, so no code is ever accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    network: Mapped[Network | None] = relationship()

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return password_matches(self.password_hash, password)


class CaseAssignment(Base):
    """A user working on a case. Rows are added and removed, never edited."""

    __tablename__ = "case_assignment"
    __table_args__ = (UniqueConstraint("user_id", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)


class AuditEvent(Base):
    """One read, write, export or print of case data, or a refused attempt.

    Append-only: database triggers refuse UPDATE and DELETE. `case_id` has no
    foreign key on purpose, so the trail outlives an erased case.
    """

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(80))
    user_role: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str] = mapped_column(String(64))


class RecoveryCode(Base):
    """A one-time code that stands in for the second factor; only its hash is kept."""

    __tablename__ = "recovery_code"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class LoginAttempt(Base):
    """A failed sign-in, kept in the database so every worker process shares the limit.

    `key` is "user:<username>" or "ip:<address>"; rows older than the window
    are deleted by the limiter itself.
    """

    __tablename__ = "login_attempt"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


def record_audit(
    session: Session,
    *,
    user: User | None,
    case_id: int | None,
    action: str,
    outcome: str,
    request_id: str,
) -> AuditEvent:
    """Add an audit row to the caller's transaction; it commits with the work it records."""
    event = AuditEvent(
        at=dt.datetime.now(dt.UTC),
        user_id=None if user is None else user.id,
        username="" if user is None else user.username,
        user_role="" if user is None else user.role.value,
        case_id=case_id,
        action=action,
        outcome=outcome,
        request_id=request_id,
    )
    session.add(event)
    return event


class AccountError(ValueError):
    """A user cannot be created as asked; the message names the field."""


MIN_PASSWORD_LENGTH = 12
# Usernames appear in the audit trail and logs, so they stay plain.
USERNAME = re.compile(r"[A-Za-z0-9._-]{1,80}")


def add_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: UserRole,
    display_name: str | None = None,
    network: Network | None = None,
) -> User:
    if not USERNAME.fullmatch(username):
        raise AccountError("USERNAME: use 1 to 80 letters, digits, dots, dashes or underscores")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"USERNAME: the user {username!r} already exists")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: use at least {MIN_PASSWORD_LENGTH} characters")
    found = password_policy.problem(password, username=username, name=display_name or "")
    if found is password_policy.Problem.COMMON:
        raise AccountError("password: this is one of the most common passwords; choose another")
    if found is password_policy.Problem.OWN_NAME:
        raise AccountError("password: do not use the username or name in the password")
    if role in (UserRole.CASE_COORDINATOR, UserRole.NETWORK_COORDINATOR) and network is None:
        raise AccountError(f"--network: a {role.value} belongs to a network")
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        network=network,
        language="nl",
        active=True,
    )
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def assign(session: Session, user: User, case: Case) -> None:
    exists = session.scalar(
        select(CaseAssignment.id).where(
            CaseAssignment.user_id == user.id, CaseAssignment.case_id == case.id
        )
    )
    if exists is None:
        session.add(CaseAssignment(user_id=user.id, case_id=case.id))
        session.flush()
