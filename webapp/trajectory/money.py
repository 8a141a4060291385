"""Case-bound budget and the stays the trajectory tries to avoid or shorten."""

from __future__ import annotations

import datetime as dt
from typing import cast

from flask import abort
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ecogram.capabilities import Capability
from ecogram.models import BudgetItem, Case, Stay
from ecogram.vocabulary import BudgetCategory, StayKind
from webapp import database
from webapp.access import guarded_case
from webapp.labels import format_date
from webapp.trajectory import bp
from webapp.trajectory.forms import BudgetForm, EndStayForm, StayForm
from webapp.trajectory.page import conflict, done, open_trajectory, render
from webapp.trajectory.words import STAYS


@bp.route("/cases/<int:case_id>/trajectory/budget", methods=["POST"])
def add_budget_item(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.SPEND_BUDGET, "add_budget_item")
    trajectory = open_trajectory(case)
    form = BudgetForm(referred=trajectory.referred)
    if not form.validate():
        return render(case, 400, budget_form=form)
    trajectory.budget_items.append(
        BudgetItem(
            date=form.date.data,
            category=BudgetCategory(form.category.data),
            amount=form.amount.data,
            what=form.what.data or "",
        )
    )
    database.session().commit()
    return done(case, _("The budget item is recorded."))


@bp.route("/cases/<int:case_id>/trajectory/stays", methods=["POST"])
def add_stay(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.RECORD_TRAJECTORY, "add_stay")
    trajectory = open_trajectory(case)
    form = StayForm(referred=trajectory.referred)
    if not form.validate():
        return render(case, 400, stay_form=form)
    trajectory.stays.append(
        Stay(kind=StayKind(form.kind.data), start=form.start.data, end=form.end.data)
    )
    database.session().commit()
    return done(case, _("The stay is recorded."))


@bp.route("/cases/<int:case_id>/trajectory/stays/<int:stay_id>/end", methods=["POST"])
def end_stay(case_id: int, stay_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.RECORD_TRAJECTORY, "end_stay")
    trajectory = open_trajectory(case)
    stay = next((s for s in trajectory.stays if s.id == stay_id), None)
    if stay is None:
        abort(404)
    form = EndStayForm()
    if not form.validate():
        return render(case, 400, errors={f"stay-{stay.id}": _first_error(form)})
    sent, last_day = cast(int, form.version.data), cast(dt.date, form.end.data)
    if sent != stay.version:
        return _stay_conflict(case, stay, last_day, sent)
    if last_day < stay.start:
        message = _("The last day cannot be before the first day.")
        return render(case, 400, errors={f"stay-{stay.id}": f"{form.end.label.text}: {message}"})
    stay.end = last_day
    try:
        database.session().commit()
    except StaleDataError:
        database.session().rollback()
        return _stay_conflict(case, stay, last_day, sent)
    return done(case, _("The stay ends on %(date)s.", date=format_date(last_day)))


def _first_error(form: EndStayForm) -> str:
    field = next(f for f in form if f.errors)
    return f"{field.label.text}: {field.errors[0]}"


def _stay_conflict(case: Case, stay: Stay, sent_end: dt.date, sent: int) -> ResponseReturnValue:
    return conflict(
        case,
        _("stay period"),
        [
            (_("Where"), STAYS[stay.kind], STAYS[stay.kind]),
            (_("First day"), format_date(stay.start), format_date(stay.start)),
            (_("Last day"), format_date(sent_end), format_date(stay.end) or _("ongoing")),
        ],
        sent,
        stay.version,
    )
