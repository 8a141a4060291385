"""Each session's changes as a stack: undo and redo today's, put back an earlier removal.

Every saved change of the ecogram is kept as a `SessionChange` holding its patch
(`ecogram.history.steps`). Within today's session:

- undo takes back the newest change that is not undone yet; redo makes the
  oldest undone one again; a new change drops the undone ones, as in any editor;
- the request names the change it means, with its version, so a page that
  shows an older stack gets a conflict instead of undoing something else;
- a change is taken back only while the ecogram still shows what it left
  (`Patch.applies_to`), so nothing made since is overwritten.

Undo and redo write the session's snapshot themselves: they are not new
changes, so the tracking that records changes finds nothing to add.

A removal of an earlier session is not undone but put back (`put_back`): the
persons and ties it removed return as a new change, which can be undone in turn.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecogram import caseformat
from ecogram.history import replay, steps
from ecogram.models import Case, EcogramSession, SessionChange


class StackError(Exception):
    """An undo, redo or put-back that cannot be done as asked.

    `reason` is a stable word a user interface can translate: `nothing` (no
    such change to take back or make again), `stale` (the change asked for is
    not the one at hand, or its version moved on) or `changed_since` (the
    ecogram no longer shows what the change left).
    """

    def __init__(self, reason: str, change: SessionChange | None = None) -> None:
        super().__init__(reason)
        self.reason, self.change = reason, change


def today_session(db: Session, case_id: int, today: dt.date) -> EcogramSession | None:
    """The session today's changes go to, when it is open already: the latest, if dated today.

    Session dates never go back, so the latest session by number is the latest by date.
    """
    statement = (
        select(EcogramSession)
        .where(EcogramSession.case_id == case_id)
        .order_by(EcogramSession.number.desc())
        .limit(1)
    )
    latest = db.scalars(statement).first()
    return latest if latest is not None and latest.date >= today else None


def record(
    db: Session, session: EcogramSession, case_id: int, patch: steps.Patch, user_id: int | None
) -> SessionChange:
    """Add a change on top of the session's stack, dropping the changes undone before it."""
    # Through the ORM, one by one: each DELETE checks the version, so a redo of one of
    # these at the same moment loses its race instead of passing unseen.
    undone = select(SessionChange).where(
        SessionChange.session_id == session.id, SessionChange.undone.is_(True)
    )
    for dropped in db.scalars(undone).all():
        db.delete(dropped)
    db.flush()
    number = db.scalar(
        select(func.max(SessionChange.number)).where(SessionChange.session_id == session.id)
    )
    change = SessionChange(
        session_id=session.id,
        case_id=case_id,
        number=(number or 0) + 1,
        user_id=user_id,
        patch=patch.dumps(),
        removed=" ".join(patch.removed_refs),
        undone=False,
    )
    db.add(change)
    return change


def to_undo(db: Session, session: EcogramSession | None) -> SessionChange | None:
    """The newest change of the session that is not undone."""
    if session is None:
        return None
    statement = (
        select(SessionChange)
        .where(SessionChange.session_id == session.id, SessionChange.undone.is_(False))
        .order_by(SessionChange.number.desc())
        .limit(1)
    )
    return db.scalars(statement).first()


def to_redo(db: Session, session: EcogramSession | None) -> SessionChange | None:
    """The oldest undone change of the session."""
    if session is None:
        return None
    statement = (
        select(SessionChange)
        .where(SessionChange.session_id == session.id, SessionChange.undone.is_(True))
        .order_by(SessionChange.number)
        .limit(1)
    )
    return db.scalars(statement).first()


def _apply(db: Session, case: Case, session: EcogramSession, patch: steps.Patch) -> None:
    if not patch.applies_to(caseformat.dump_case(case)):
        raise StackError("changed_since")
    replay.write(case, patch)
    db.flush()
    session.snapshot = caseformat.dumps(case)


def _checked(found: SessionChange | None, change_id: int, version: int) -> SessionChange:
    if found is None:
        raise StackError("nothing")
    if found.id != change_id or found.version != version:
        raise StackError("stale", found)
    return found


def undo(db: Session, case: Case, today: dt.date, change_id: int, version: int) -> SessionChange:
    """Take back the newest change of today's session; it must be `change_id` at `version`."""
    session = today_session(db, case.id, today)
    change = _checked(to_undo(db, session), change_id, version)
    assert session is not None  # noqa: S101  (a change to undo has its session)
    _apply(db, case, session, steps.Patch.loads(change.patch).reversed())
    change.undone = True
    return change


def redo(db: Session, case: Case, today: dt.date, change_id: int, version: int) -> SessionChange:
    """Make the oldest undone change of today's session again."""
    session = today_session(db, case.id, today)
    change = _checked(to_redo(db, session), change_id, version)
    assert session is not None  # noqa: S101  (a change to redo has its session)
    _apply(db, case, session, steps.Patch.loads(change.patch))
    change.undone = False
    return change


def change_of(db: Session, case_id: int, change_id: int) -> SessionChange | None:
    """A change of this case, or None: the ids of other cases never resolve."""
    found = db.get(SessionChange, change_id)
    return found if found is not None and found.case_id == case_id else None


def put_back(db: Session, case: Case, change: SessionChange, version: int) -> steps.Patch:
    """Bring back what `change` removed, as far as it fits the ecogram now; returns that part.

    An undone removal is no removal, and a removal already put back has nothing left
    to bring: both are StackError("nothing"). The tracking records the return as a change.
    """
    if change.version != version:
        raise StackError("stale", change)
    removal = steps.Patch.loads(change.patch)
    if change.undone or removal.removals().empty:
        raise StackError("nothing", change)
    back = steps.put_back(removal, caseformat.dump_case(case))
    if back.empty:
        raise StackError("nothing", change)
    replay.write(case, back)
    db.flush()
    return back


def removals(db: Session, case_id: int) -> list[SessionChange]:
    """Every change of the case that removed a person or a tie and is not undone, newest first."""
    statement = (
        select(SessionChange)
        .where(SessionChange.case_id == case_id, SessionChange.undone.is_(False))
        .order_by(SessionChange.session_id.desc(), SessionChange.number.desc())
    )
    return [c for c in db.scalars(statement) if not steps.Patch.loads(c.patch).removals().empty]


def removed_refs(db: Session, case_id: int) -> set[str]:
    """The refs of every person ever removed from the case, so none is given out again."""
    statement = select(SessionChange.removed).where(
        SessionChange.case_id == case_id, SessionChange.removed != ""
    )
    return {ref for refs in db.scalars(statement) for ref in refs.split()}


def changes_of(db: Session, session_id: int) -> list[SessionChange]:
    statement = (
        select(SessionChange)
        .where(SessionChange.session_id == session_id)
        .order_by(SessionChange.number)
    )
    return list(db.scalars(statement))


def scrub_person(db: Session, case_id: int, ref: str) -> None:
    """Every change of the case loses the person; a change left empty goes altogether."""
    statement = select(SessionChange).where(SessionChange.case_id == case_id)
    for change in db.scalars(statement):
        patch = steps.Patch.loads(change.patch)
        scrubbed = patch.without_person(ref)
        if scrubbed.empty:
            db.delete(change)
        elif scrubbed != patch:
            change.patch = scrubbed.dumps()


__all__ = [
    "StackError",
    "change_of",
    "changes_of",
    "put_back",
    "record",
    "redo",
    "removals",
    "removed_refs",
    "scrub_person",
    "to_redo",
    "to_undo",
    "today_session",
    "undo",
]
