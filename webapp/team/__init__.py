"""The case's team: who works on it, and the coordinator's panel to change that.

Everyone who may view the case sees its team. The case coordinators of the
case's network (capability MANAGE_TEAM) put context workers and foster-care
assessors of that network on it, and take anyone off it (`ecogram.teams`).
Access is computed anew on every request, so a change holds from the next
page the colleague opens. Each read and change is audited on the case.

Team rows are added and removed, never edited, so there is no version to
compare: adding someone twice, or removing someone already gone, changes
nothing and says so.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select

from ecogram import teams
from ecogram.accounts import User, assign
from ecogram.capabilities import Capability
from ecogram.models import Case
from webapp import database
from webapp.access import guarded_case
from webapp.team.forms import MemberForm

bp = Blueprint("team", __name__)


def _page(case: Case, form: MemberForm | None = None, status: int = 200) -> ResponseReturnValue:
    db = database.session()
    candidates = teams.candidates(db, case)
    if form is None:
        form = MemberForm(candidates, formdata=None)
    return render_template(
        "team/index.html",
        case=case,
        tab="team",
        members=teams.team_of(db, [case.id])[case.id],
        form=form,
        has_candidates=bool(candidates),
        remove_form=FlaskForm(formdata=None),
    ), status


@bp.route("/cases/<int:case_id>/team")
def index(case_id: int) -> ResponseReturnValue:
    return _page(guarded_case(case_id, Capability.VIEW, "view_team"))


@bp.route("/cases/<int:case_id>/team", methods=["POST"])
def add(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MANAGE_TEAM, "assign_team")
    db = database.session()
    form = MemberForm(teams.candidates(db, case))
    if not form.validate():
        return _page(case, form, 400)
    user = db.get(User, form.member.data)
    assert user is not None  # noqa: S101  (the form offers existing accounts only)
    assign(db, user, case)
    db.commit()
    flash(_("%(name)s is on the team now.", name=user.display_name), "success")
    return redirect(url_for("team.index", case_id=case.id))


@bp.route("/cases/<int:case_id>/team/<int:user_id>/remove", methods=["POST"])
def remove(case_id: int, user_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.MANAGE_TEAM, "unassign_team")
    db = database.session()
    if not FlaskForm().validate():
        return _page(case, status=400)
    name = db.scalar(select(User.display_name).where(User.id == user_id))
    if teams.unassign(db, user_id, case.id):
        db.commit()
        flash(_("%(name)s is off the team now.", name=name), "success")
    else:
        db.rollback()
        flash(_("This person was not on the team (any more)."), "info")
    return redirect(url_for("team.index", case_id=case.id))
