"""The one access guard every case-scoped view goes through.

Like flaskr's `get_post` and healthchecks' `_get_check_for_user`: a view asks
for the case by id and gets it, or the request ends in 404. A case the user may
not see is indistinguishable from one that does not exist, and the attempt is
audited either way.
"""

from __future__ import annotations

from flask import abort, g
from flask_login import current_user
from sqlalchemy import select

from ecogram import storage
from ecogram.accounts import User, may_see_case, record_audit
from ecogram.models import Case, Person
from ecogram.vocabulary import PersonKind
from webapp import database
from webapp.security import request_id


def audit(case_id: int | None, action: str, outcome: str = "ok") -> None:
    """Add an audit row to this request's transaction."""
    user: User | None = current_user if current_user.is_authenticated else None
    record_audit(
        database.session(),
        user=user,
        case_id=case_id,
        action=action,
        outcome=outcome,
        request_id=request_id(),
    )


def guarded_case(case_id: int, action: str) -> Case:
    """The case with its whole tree, or 404; records `action` in the audit trail."""
    db = database.session()
    user: User = current_user._get_current_object()
    if not may_see_case(db, user, case_id):
        audit(case_id, action, outcome="denied")
        # The refusal is kept even though the response is an error.
        g.commit_despite_error = True
        abort(404)
    ref = db.scalar(select(Case.ref).where(Case.id == case_id))
    case = storage.load_case(db, ref) if ref is not None else None
    if case is None:
        abort(404)
    audit(case_id, action)
    return case


def case_person(case: Case, person_id: int, *, allow_child: bool = True) -> Person:
    """A person of the guarded case, or 404: ids of other cases never resolve."""
    found = next((p for p in case.persons if p.id == person_id), None)
    if found is None or (not allow_child and found.kind is PersonKind.CHILD):
        abort(404)
    return found
