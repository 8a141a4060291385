"""Care tables, the care plan's actions, and evaluations."""

from __future__ import annotations

from typing import cast

from flask import abort
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ecogram.capabilities import Capability
from ecogram.models import CarePlanAction, CareTable, Case, Evaluation
from ecogram.vocabulary import CareTableParty
from webapp import database
from webapp.access import guarded_case
from webapp.labels import format_date
from webapp.trajectory import bp
from webapp.trajectory.forms import ActionForm, CareTableForm, EvaluationForm, VersionForm
from webapp.trajectory.page import conflict, done, open_trajectory, render


@bp.route("/cases/<int:case_id>/trajectory/care-tables", methods=["POST"])
def add_care_table(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.RECORD_TRAJECTORY, "add_care_table")
    trajectory = open_trajectory(case)
    form = CareTableForm(referred=trajectory.referred)
    if not form.validate():
        return render(case, 400, care_table_form=form)
    chosen = set(form.present.data or [])
    # Stored in the vocabulary's order, whatever order the browser sent (and once each).
    present = [party.value for party in CareTableParty if party.value in chosen]
    table = CareTable(
        date=form.date.data, present=present, child_perspective=form.child_perspective.data or ""
    )
    trajectory.care_tables.append(table)
    database.session().commit()
    return done(case, _("The care table is recorded."))


@bp.route("/cases/<int:case_id>/trajectory/actions", methods=["POST"])
def add_action(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.RECORD_TRAJECTORY, "add_care_plan_action")
    trajectory = open_trajectory(case)
    form = ActionForm(referred=trajectory.referred, tables=trajectory.care_tables)
    if not form.validate():
        return render(case, 400, action_form=form)
    decided = next((t for t in trajectory.care_tables if t.id == form.care_table.data), None)
    trajectory.actions.append(
        CarePlanAction(
            what=form.what.data,
            who=form.who.data or "",
            due=form.due.data,
            done=form.done.data,
            care_table=decided,
        )
    )
    database.session().commit()
    return done(case, _("The action is added to the care plan."))


@bp.route("/cases/<int:case_id>/trajectory/actions/<int:action_id>/done", methods=["POST"])
def complete_action(case_id: int, action_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.RECORD_TRAJECTORY, "complete_care_plan_action")
    trajectory = open_trajectory(case)
    action = next((a for a in trajectory.actions if a.id == action_id), None)
    if action is None:
        abort(404)
    form = VersionForm()
    if not form.validate():
        return render(case, 400, errors={"care_plan": _("Reload the page and try again.")})
    sent = cast(int, form.version.data)
    if sent != action.version:
        return _action_conflict(case, action, sent)
    action.done = True
    try:
        database.session().commit()
    except StaleDataError:
        database.session().rollback()
        return _action_conflict(case, action, sent)
    return done(case, _("The action is done."))


def _action_conflict(case: Case, action: CarePlanAction, sent: int) -> ResponseReturnValue:
    def state(is_done: bool) -> str:
        return _("done") if is_done else _("open")

    return conflict(
        case,
        _("care-plan action"),
        [
            (_("What"), action.what, action.what),
            (_("Who"), action.who, action.who),
            (_("By when"), format_date(action.due), format_date(action.due)),
            (_("State"), state(True), state(action.done)),
        ],
        sent,
        action.version,
    )


@bp.route("/cases/<int:case_id>/trajectory/evaluations", methods=["POST"])
def add_evaluation(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.RECORD_TRAJECTORY, "add_evaluation")
    trajectory = open_trajectory(case)
    form = EvaluationForm(referred=trajectory.referred)
    if not form.validate():
        return render(case, 400, evaluation_form=form)
    trajectory.evaluations.append(Evaluation(date=form.date.data))
    database.session().commit()
    return done(case, _("The evaluation is recorded."))
