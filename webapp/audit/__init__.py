"""Who viewed or changed this case: the audit trail, for the network's case coordinators.

Reading the trail is a capability of the case coordinators of the case's own
network (`ecogram.capabilities`): an outsider gets the guard's 404 as on any
case page, anyone else who works on the case a 403. Every look at the trail,
refused or not, is itself a row in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_datetime
from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from sqlalchemy import func, select

from ecogram.accounts import AuditEvent, User
from ecogram.capabilities import Capability
from webapp import database
from webapp.access import guarded_case
from webapp.audit.words import ACTIONS, OUTCOMES, USER_ROLES, word

bp = Blueprint("audit", __name__)

PER_PAGE = 100
MAX_PAGE_DIGITS = 9  # a page number longer than this is not a page, it is noise


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime  #: UTC
    shown: str  #: `at` in UTC, written the way the user's language writes times
    user: str
    username: str
    role: str
    action: str
    action_code: str
    outcome: str
    outcome_code: str
    request_id: str


def page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or len(raw) > MAX_PAGE_DIGITS or int(raw) < 1:
        abort(400)
    return int(raw)


def _utc(at: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were written in UTC.
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


def trail(case_id: int, page: int) -> tuple[list[AuditRow], int]:
    """One page of the trail, newest first, and the number of pages."""
    db = database.session()
    total = db.scalar(select(func.count()).where(AuditEvent.case_id == case_id)) or 0
    pages = max(1, -(-total // PER_PAGE))
    query = (
        select(AuditEvent, User.display_name)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.case_id == case_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(PER_PAGE)
        .offset((min(page, pages) - 1) * PER_PAGE)
    )
    locale = get_locale() or "nl"
    rows = [
        AuditRow(
            at=_utc(event.at),
            # In UTC whatever the app's time zone, as the column heading says.
            shown=format_datetime(_utc(event.at), "medium", tzinfo=dt.UTC, locale=locale),
            user=display_name or event.username,
            username=event.username,
            role=word(USER_ROLES, event.user_role),
            action=word(ACTIONS, event.action),
            action_code=event.action,
            outcome=word(OUTCOMES, event.outcome),
            outcome_code=event.outcome,
            request_id=event.request_id,
        )
        for event, display_name in db.execute(query)
    ]
    return rows, pages


@bp.route("/cases/<int:case_id>/audit")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW_AUDIT, "view_audit")
    page = page_number()
    rows, pages = trail(case_id, page)
    return render_template(
        "audit/index.html",
        case=case,
        tab="audit",
        rows=rows,
        page=min(page, pages),
        pages=pages,
    )
