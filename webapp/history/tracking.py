"""Attach every change of the ecogram to a session, without the views asking for it.

The ecogram page, the assessment and the roles pages each commit their own
writes. Rather than every view remembering to record history, the web app's
session factory gets two listeners: after each flush we note which cases had
persons, ties, assessments, roles, anchor periods or the trusted person
created, changed or deleted; just before the commit we reload those cases'
trees from the database (so deletions, including those the database cascades,
are seen exactly as stored) and write them into today's session.

Reads flush only audit rows, so a page view costs no extra query here.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.unitofwork import UOWTransaction

from ecogram import history
from ecogram.models import (
    AnchorPeriod,
    Assessment,
    AssessmentEntry,
    Case,
    Person,
    RoleAssignment,
    Tie,
)
from ecogram.storage import CASE_TREE
from webapp import clock

TOUCHED = "ecogram.history.touched"
BUSY = "ecogram.history.busy"


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _note_changes)
    event.listen(factory, "before_commit", _record)
    event.listen(factory, "after_soft_rollback", _forget)


def _note_changes(db: Session, _flush: UOWTransaction) -> None:
    # After a flush the session still lists what it flushed, with foreign keys filled in.
    if db.info.get(BUSY):
        return
    dirty = (obj for obj in db.dirty if db.is_modified(obj, include_collections=False))
    touched = set(_case_ids(db, chain(db.new, db.deleted)))
    touched.update(_case_ids(db, dirty))
    # A case stored in this very flush starts with its own first session (storage.save_case).
    touched.difference_update(obj.id for obj in db.new if isinstance(obj, Case))
    if touched:
        db.info.setdefault(TOUCHED, set()).update(touched)


def _case_ids(db: Session, objects: Iterable[object]) -> Iterable[int]:
    for obj in objects:
        case_id = _case_of(db, obj)
        if case_id is not None:
            yield case_id


def _case_of(db: Session, obj: object) -> int | None:
    if isinstance(obj, Person | Tie | AnchorPeriod):
        return obj.case_id
    if isinstance(obj, AssessmentEntry):
        assessment = obj.__dict__.get("assessment") or db.get(Assessment, obj.assessment_id)
        return None if assessment is None else _case_of(db, assessment)
    if isinstance(obj, RoleAssignment | Assessment):
        person = obj.__dict__.get("person") or db.get(Person, obj.person_id)
        return None if person is None else person.case_id
    if isinstance(obj, Case):
        trusted = inspect(obj).attrs
        changed = trusted.trusted_person.history.has_changes()
        return obj.id if changed or trusted.trusted_person_id.history.has_changes() else None
    return None


def _record(db: Session) -> None:
    if db.info.get(BUSY):
        return
    db.flush()  # whatever the view left pending is noted by _note_changes
    touched = db.info.pop(TOUCHED, None)
    if not touched:
        return
    db.info[BUSY] = True
    try:
        # Overwrite the view's objects with the stored rows: a deleted person's ties,
        # removed by the database's cascade, must not linger in the snapshot.
        fresh = (
            select(Case)
            .where(Case.id.in_(sorted(touched)))
            .options(*CASE_TREE)
            .execution_options(populate_existing=True)
        )
        for case in db.scalars(fresh):
            history.record_change(db, case, clock.today(), _user_id())
        db.flush()
    finally:
        db.info.pop(BUSY, None)


def _forget(db: Session, _transaction: object) -> None:
    db.info.pop(TOUCHED, None)


def _user_id() -> int | None:
    if has_request_context() and current_user.is_authenticated:
        return int(current_user.get_id())
    return None
