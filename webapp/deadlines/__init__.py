"""The deadlines of every case the user may see, most urgent first.

All cases are loaded together, one query per relationship level (storage's
CASE_TREE with an IN list), never case by case. Each case that shows up in
the list gets its own audit row: the page shows the child's name and what is
due, which is a read of that case. The cases are those the user may view
(`ecogram.capabilities`): a network coordinator, who sees aggregates only,
gets no list even when assigned; an admin gets the cases they are assigned to.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from ecogram import storage
from ecogram.accounts import User
from ecogram.capabilities import Capability, visible_case_ids
from ecogram.deadlines import CaseDeadline, deadlines_across
from ecogram.models import Case
from webapp import clock, database
from webapp.access import audit, may

bp = Blueprint("deadlines", __name__)


def visible_cases(user: User) -> list[Case]:
    db = database.session()
    ids = visible_case_ids(db, user)
    if not ids:
        return []
    statement = select(Case).where(Case.id.in_(ids)).options(*storage.CASE_TREE)
    return list(db.scalars(statement))


@bp.route("/deadlines")
def index() -> ResponseReturnValue:
    user: User = current_user._get_current_object()
    today = clock.today()
    rows: list[CaseDeadline] = deadlines_across(visible_cases(user), today)
    shown: dict[int, None] = dict.fromkeys(row.case.id for row in rows)
    for case_id in shown:
        audit(case_id, "view_deadlines")
    return render_template(
        "deadlines/index.html",
        rows=rows,
        today=today,
        no_cases=not may(Capability.VIEW),
    )
