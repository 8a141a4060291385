"""My cases: every case the user may see, with what needs attention first, and its team."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from ecogram import storage, teams
from ecogram.capabilities import Capability, holds, visible_case_ids
from ecogram.checks import check_case
from ecogram.dates import age_in_months, expected_date, is_unborn
from ecogram.deadlines import Deadline, Phase, next_deadline, phase
from ecogram.findings import Severity
from ecogram.models import Case
from webapp import clock, database
from webapp.access import audit
from webapp.auth import landing

bp = Blueprint("cases", __name__)


@dataclass(frozen=True)
class CaseRow:
    id: int
    child_name: str
    age_months: int | None  #: None while unborn
    weeks_to_birth: int | None
    phase: Phase | None
    deadline: Deadline | None
    errors: int
    warnings: int
    team: tuple[str, ...] = ()  #: the display names of who is on the case's team


def case_row(case: Case, today: dt.date, team: tuple[str, ...] = ()) -> CaseRow:
    found = check_case(case, today)
    child = case.child
    unborn = is_unborn(case, today)
    expected = expected_date(case)
    birth = case.birth_date
    return CaseRow(
        id=case.id,
        child_name=child.name if child is not None else "",
        age_months=None if unborn or birth is None else age_in_months(birth, today),
        weeks_to_birth=(
            max(0, (expected - today).days // 7) if unborn and expected is not None else None
        ),
        phase=None if case.trajectory is None else phase(case.trajectory, today),
        deadline=None if case.trajectory is None else next_deadline(case.trajectory, today),
        errors=sum(f.severity is Severity.ERROR for f in found),
        warnings=sum(f.severity is Severity.WARNING for f in found),
        team=team,
    )


@bp.route("/")
def index() -> ResponseReturnValue:
    user = current_user._get_current_object()
    start = landing(user)
    if not holds(user, Capability.VIEW) and start != url_for("cases.index"):
        # The brand, the error pages and the language switch lead here. A network
        # coordinator never sees a case, so "no cases yet" would be untrue: their start.
        return redirect(start)
    db = database.session()
    ids = visible_case_ids(db, user)
    # One query per relationship level for all cases together, not per case.
    cases = db.scalars(select(Case).where(Case.id.in_(ids)).options(*storage.CASE_TREE)).all()
    today = clock.today()
    team = teams.team_of(db, [case.id for case in cases])
    rows = [case_row(case, today, tuple(u.display_name for u in team[case.id])) for case in cases]
    rows.sort(key=lambda r: (r.deadline is None, r.deadline.due if r.deadline else None, r.id))
    for case in cases:
        audit(case.id, "list")
    return render_template("cases/index.html", rows=rows, today=today)
