"""Sessions and history: the ecogram as it stood at each session, and what changed.

Every change to persons, ties, assessments, roles, anchors and the trusted
person belongs to a session (a meeting with the family, or a desk session).
A session keeps the whole case as it stood at its end, as canonical
`ecogram-case/1` JSON, so an earlier state is read back exactly through the same
reader as an imported file, instead of being replayed from a change log that
could drift from the rules.

Decisions where the issue is silent:
- Sessions are numbered 1, 2, ... per case; their dates never go back and never
  lie in the future, so "the last session on or before a day" is well defined.
- Changes attach to the latest session when it is dated today (or later, when
  clocks disagree); otherwise a session is opened for today with nobody recorded
  as present yet, and the page invites the worker to fill that in.
- Importing a case opens session 1, dated the day the case was opened.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecogram import caseformat
from ecogram.history import stack, steps
from ecogram.history.changes import (
    PersonChange,
    SessionDiff,
    TieChange,
    diff,
    diff_documents,
)
from ecogram.models import Case, EcogramSession

IMPORT_PRESENT = "import"


class HistoryError(ValueError):
    """A session cannot be opened or changed as asked. The message starts with the field.

    `reason` is a stable word a user interface can translate; `previous` is the
    previous session's date when the reason is `before_previous`.
    """

    def __init__(
        self, field: str, reason: str, message: str, previous: dt.date | None = None
    ) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.reason, self.previous = field, reason, previous


class NoSuchSession(LookupError):
    """The case has no session with that number."""


# --- Sessions ----------------------------------------------------------------------------


def latest_session(db: Session, case_id: int) -> EcogramSession | None:
    statement = (
        select(EcogramSession)
        .where(EcogramSession.case_id == case_id)
        .order_by(EcogramSession.number.desc())
        .limit(1)
    )
    return db.scalars(statement).first()


def open_session(
    db: Session,
    case: Case,
    *,
    date: dt.date,
    present: str,
    user_id: int | None,
    today: dt.date | None = None,
) -> EcogramSession:
    """Open the case's next session; it starts with the case as it stands now.

    `today`, when given, forbids a date in the future. The date may not come
    before the previous session's date nor before the case was opened.
    """
    if today is not None and date > today:
        raise HistoryError("date", "future", "a session cannot take place in the future")
    if date < case.opened:
        raise HistoryError("date", "before_opened", "a session cannot come before the case opened")
    last = latest_session(db, case.id)
    if last is not None and date < last.date:
        raise HistoryError(
            "date",
            "before_previous",
            f"choose {last.date.isoformat()} or later, the date of the previous session",
            previous=last.date,
        )
    session = EcogramSession(
        case_id=case.id,
        number=1 if last is None else last.number + 1,
        date=date,
        present=present.strip(),
        user_id=user_id,
        snapshot=caseformat.dumps(case),
    )
    db.add(session)
    return session


def record_import(db: Session, case: Case) -> EcogramSession:
    """Session 1 of a case just stored from a file: the case as the file gave it."""
    return open_session(db, case, date=case.opened, present=IMPORT_PRESENT, user_id=None)


def current_session(db: Session, case: Case, today: dt.date, user_id: int | None) -> EcogramSession:
    """The session today's changes belong to, opened for today when there is none yet."""
    last = latest_session(db, case.id)
    if last is not None and last.date >= today:
        return last
    # A case entered ahead of its opening day gets its first session on that day.
    return open_session(db, case, date=max(today, case.opened), present="", user_id=user_id)


def record_snapshot(
    db: Session, case: Case, session: EcogramSession | None = None
) -> EcogramSession:
    """Write the case as it stands now into `session` (default: the case's latest session).

    The case's tree must show the stored state: callers flush first and drop
    anything they deleted, as the web app does by reloading the tree.
    """
    target = session if session is not None else latest_session(db, case.id)
    if target is None:
        raise HistoryError("session", "none", "the case has no session yet")
    text = caseformat.dumps(case)
    if target.snapshot != text:
        target.snapshot = text
    return target


def record_change(db: Session, case: Case, today: dt.date, user_id: int | None) -> EcogramSession:
    """Attach a change of the case to today's session and keep that session's snapshot.

    The change itself goes on the session's stack (`stack.record`), so it can be
    undone today: what differs between the last snapshot and the case now.
    """
    last = latest_session(db, case.id)
    before = last.snapshot if last is not None else ""
    session = current_session(db, case, today, user_id)
    after = caseformat.dumps(case)
    if before and before != after:
        patch = steps.between(json.loads(before), json.loads(after))
        if not patch.empty:
            db.flush()  # a session opened just now needs its id
            stack.record(db, session, case.id, patch, user_id)
    return record_snapshot(db, case, session)


# --- Reading the past ---------------------------------------------------------------------


def _parsed(session: EcogramSession) -> Case:
    if not session.snapshot:
        raise HistoryError("session", "empty", f"session {session.number} recorded no state")
    return caseformat.loads(session.snapshot)


def case_as_of(db: Session, case_ref: str, day: dt.date) -> Case | None:
    """The case as it stood at the end of the last session dated on or before `day`.

    A transient tree, in no database session; None when no session took place by then.
    """
    statement = (
        select(EcogramSession)
        .join(Case, Case.id == EcogramSession.case_id)
        .where(Case.ref == case_ref, EcogramSession.date <= day)
        .order_by(EcogramSession.date.desc(), EcogramSession.number.desc())
        .limit(1)
    )
    found = db.scalars(statement).first()
    return None if found is None else _parsed(found)


def session_of(db: Session, case_id: int, number: int) -> EcogramSession:
    statement = select(EcogramSession).where(
        EcogramSession.case_id == case_id, EcogramSession.number == number
    )
    found = db.scalars(statement).first()
    if found is None:
        raise NoSuchSession(f"session {number}")
    return found


def case_at_session(db: Session, case_id: int, number: int) -> Case:
    """The case as it stood at the end of session `number` (a transient tree)."""
    return _parsed(session_of(db, case_id, number))


class SessionCount(NamedTuple):
    number: int
    date: dt.date
    persons: int  #: besides the child
    candidates: int  #: candidate status other than none


def session_counts(db: Session, case_id: int) -> list[SessionCount]:
    """Per session: persons besides the child and candidates, for the growth chart."""
    statement = (
        select(EcogramSession.number, EcogramSession.date, EcogramSession.snapshot)
        .where(EcogramSession.case_id == case_id)
        .order_by(EcogramSession.number)
    )
    counts = []
    for number, date, snapshot in db.execute(statement):
        # Counting needs no model objects: the canonical document has every key.
        persons = json.loads(snapshot)["persons"] if snapshot else []
        others = [p for p in persons if p["kind"] != "child"]
        candidates = sum(p["candidate"] != "none" for p in others)
        counts.append(SessionCount(number, date, len(others), candidates))
    return counts


def session_total(db: Session, case_id: int) -> int:
    statement = select(func.count(EcogramSession.id)).where(EcogramSession.case_id == case_id)
    return db.scalar(statement) or 0


# --- Erasure -----------------------------------------------------------------------------


def scrub_person(db: Session, case_id: int, person_ref: str) -> int:
    """Rewrite every snapshot of the case without the person; returns how many changed.

    Their ties, assessments, roles and anchor periods go with them, and so does
    the trusted-person link, so erasing a person reaches the history too; the
    sessions' recorded changes lose them as well.
    """
    stack.scrub_person(db, case_id, person_ref)
    changed = 0
    statement = select(EcogramSession).where(EcogramSession.case_id == case_id)
    for session in db.scalars(statement):
        if not session.snapshot:
            continue
        document = json.loads(session.snapshot)
        if document["case"]["child"] == person_ref:
            raise HistoryError("person", "child", "the child cannot be erased from the history")
        scrubbed = without_person(document, person_ref)
        if scrubbed != document:
            session.snapshot = json.dumps(scrubbed, ensure_ascii=False, indent=2) + "\n"
            changed += 1
    return changed


def without_person(document: dict[str, Any], ref: str) -> dict[str, Any]:
    """A copy of a canonical case document with the person and everything about them gone."""
    result = dict(document)
    result["persons"] = [p for p in document["persons"] if p["id"] != ref]
    result["ties"] = [t for t in document["ties"] if ref not in (t["from"], t["to"])]
    for key in ("assessments", "roles", "anchors"):
        result[key] = [entry for entry in document[key] if entry["person"] != ref]
    if document["trusted_person"] == ref:
        result["trusted_person"] = None
    return result


__all__ = [
    "IMPORT_PRESENT",
    "HistoryError",
    "NoSuchSession",
    "PersonChange",
    "SessionCount",
    "SessionDiff",
    "TieChange",
    "case_as_of",
    "case_at_session",
    "current_session",
    "diff",
    "diff_documents",
    "latest_session",
    "open_session",
    "record_change",
    "record_import",
    "record_snapshot",
    "scrub_person",
    "session_counts",
    "session_of",
    "session_total",
    "stack",
    "steps",
    "without_person",
]
