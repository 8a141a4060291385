"""Users, their assignments to cases, and the append-only audit trail.

Who may do what with these is decided in `ecogram.capabilities`.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    false,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ecogram import password_policy
from ecogram.models import Base, Case, Network, Versioned
from ecogram.passwords import hash_password, password_matches

# Defined with the other vocabularies; imported from here as well.
from ecogram.vocabulary import UserRole as UserRole


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
    # Set when an admin chose the password (a new account, a reset): until its user
    # picks one of their own, every page leads to the password page.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
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
    """An account cannot be made or changed as asked.

    The message names the field as the command line calls it; `field` names it
    as a form does, and `code` is a stable word a user interface can translate.
    """

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field, self.code = field, code


MIN_PASSWORD_LENGTH = 12
# Usernames appear in the audit trail and logs, so they stay plain.
USERNAME = re.compile(r"[A-Za-z0-9._-]{1,80}")
#: Roles that belong to a network: their capabilities hold in it.
NETWORK_ROLES = frozenset({UserRole.CASE_COORDINATOR, UserRole.NETWORK_COORDINATOR})
# No 0/O, 1/l/I: a password read aloud or from a screen is typed right the first time.
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _check_network(role: UserRole, network: Network | None) -> None:
    if role in NETWORK_ROLES and network is None:
        raise AccountError(
            "network", "network_needed", f"--network: a {role.value} belongs to a network"
        )


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
        raise AccountError(
            "username",
            "invalid",
            "USERNAME: use 1 to 80 letters, digits, dots, dashes or underscores",
        )
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError("username", "taken", f"USERNAME: the user {username!r} already exists")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(
            "password", "short", f"password: use at least {MIN_PASSWORD_LENGTH} characters"
        )
    found = password_policy.problem(password, username=username, name=display_name or "")
    if found is password_policy.Problem.COMMON:
        raise AccountError(
            "password",
            "common",
            "password: this is one of the most common passwords; choose another",
        )
    if found is password_policy.Problem.OWN_NAME:
        raise AccountError(
            "password", "own_name", "password: do not use the username or name in the password"
        )
    _check_network(role, network)
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


# --- What an admin does with accounts ----------------------------------------------------


def one_time_password() -> str:
    """A password for an admin to hand over once: 16 random characters in four groups."""
    groups = ("".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def create_account(
    session: Session,
    *,
    username: str,
    role: UserRole,
    display_name: str,
    network: Network | None,
) -> tuple[User, str]:
    """A new account with a one-time password, which its user must replace at first sign-in."""
    password = one_time_password()
    user = add_user(
        session,
        username=username,
        password=password,
        role=role,
        display_name=display_name,
        network=network,
    )
    user.must_change_password = True
    session.flush()
    return user, password


def _not_oneself(user: User, acting: User, field: str, message: str) -> None:
    # Nobody locks themselves out: the acting admin stays an active admin.
    if user.id == acting.id:
        raise AccountError(field, "oneself", message)


def change_account(
    session: Session,
    user: User,
    *,
    acting: User,
    role: UserRole,
    network: Network | None,
    display_name: str,
) -> None:
    """Change an account's role, network and name; its capabilities change with the next request."""
    if role is not user.role:
        _not_oneself(user, acting, "role", "role: you cannot change your own role")
    _check_network(role, network)
    user.role, user.network, user.display_name = role, network, display_name
    session.flush()


def set_active(session: Session, user: User, active: bool, *, acting: User) -> None:
    """Deactivate an account (its sessions end at once) or reactivate it."""
    if not active:
        _not_oneself(user, acting, "active", "active: you cannot deactivate your own account")
        user.session_generation += 1
    user.active = active
    session.flush()


def reset_password(session: Session, user: User, *, acting: User) -> str:
    """A new one-time password: every session of the account ends, and a new choice is due."""
    _not_oneself(user, acting, "password", "password: change your own password on its own page")
    password = one_time_password()
    user.set_password(password)
    user.must_change_password = True
    user.session_generation += 1
    session.flush()
    return password


# --- Teams -------------------------------------------------------------------------------


def assign(session: Session, user: User, case: Case) -> None:
    exists = session.scalar(
        select(CaseAssignment.id).where(
            CaseAssignment.user_id == user.id, CaseAssignment.case_id == case.id
        )
    )
    if exists is None:
        session.add(CaseAssignment(user_id=user.id, case_id=case.id))
        session.flush()
