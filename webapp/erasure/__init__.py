"""Retention and erasure for the network's case coordinators.

Closing a case starts its retention period (`ecogram purge` deletes it when the
period has ended). Erasing a person removes them from every table, from every
history snapshot and from the other free text of the case; only the audit row
"erase_person" remains, without a name.

Closing and erasing are capabilities of the case coordinators of the case's
network (`ecogram.capabilities`): an outsider gets the guard's 404, anyone else
who works on the case a 403, and both a refusal in the audit trail. Erasing
needs a fresh sign-in.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import retention
from ecogram.capabilities import Capability
from ecogram.models import Case, Person
from webapp import clock, database
from webapp.access import case_person, guarded_case
from webapp.auth.recent import recent_sign_in_required
from webapp.erasure.forms import CloseForm, EraseForm, ReopenForm
from webapp.labels import format_date

bp = Blueprint("erasure", __name__)


def _page(
    case: Case, status: int = 200, close_form: CloseForm | None = None
) -> ResponseReturnValue:
    policy = retention.RetentionPolicy.from_environment()
    return render_template(
        "erasure/index.html",
        case=case,
        tab="erasure",
        persons=[p for p in case.persons if p is not case.child],
        close_form=close_form or CloseForm(formdata=None, on=clock.today()),
        reopen_form=ReopenForm(formdata=None),
        kept_until=policy.kept_until(case),
    ), status


@bp.route("/cases/<int:case_id>/erasure")
def index(case_id: int) -> ResponseReturnValue:
    return _page(guarded_case(case_id, Capability.ERASE, "view_erasure"))


@bp.route("/cases/<int:case_id>/close", methods=["POST"])
def close(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.CLOSE, "close_case")
    form = CloseForm()
    if form.validate():
        on: dt.date = form.on.data  # type: ignore[assignment]  # required above
        if on > clock.today():
            form.on.errors = [_("A case cannot be closed on a day still to come.")]
        elif on < case.opened:
            form.on.errors = [
                _(
                    "The case was opened on %(date)s; choose that day or later.",
                    date=format_date(case.opened),
                )
            ]
        else:
            retention.close_case(database.session(), case, on)
            database.session().commit()
            flash(_("The case is closed on %(date)s.", date=format_date(on)), "success")
            return redirect(url_for("erasure.index", case_id=case.id))
    return _page(case, 400, close_form=form)


@bp.route("/cases/<int:case_id>/reopen", methods=["POST"])
def reopen(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.CLOSE, "reopen_case")
    if not ReopenForm().validate():
        abort(400)
    retention.close_case(database.session(), case, None)
    database.session().commit()
    flash(_("The case is open again."), "success")
    return redirect(url_for("erasure.index", case_id=case.id))


def _confirm_page(
    case: Case, person: Person, form: EraseForm, status: int = 200
) -> ResponseReturnValue:
    return render_template(
        "erasure/confirm.html", case=case, tab="erasure", person=person, form=form
    ), status


def _erasable(case: Case, person_id: int) -> Person:
    # The child is erased only with the whole case (purge), never on its own.
    return case_person(case, person_id, allow_child=False)


@bp.route("/cases/<int:case_id>/persons/<int:person_id>/erase")
@recent_sign_in_required
def confirm(case_id: int, person_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ERASE, "view_erasure")
    person = _erasable(case, person_id)
    return _confirm_page(case, person, EraseForm(formdata=None))


@bp.route("/cases/<int:case_id>/persons/<int:person_id>/erase", methods=["POST"])
@recent_sign_in_required
def erase(case_id: int, person_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ERASE, "erase_person")
    person = _erasable(case, person_id)
    form = EraseForm()
    if not form.validate():
        return _confirm_page(case, person, form, 400)
    retention.erase_person(database.session(), case, person.ref)
    database.session().commit()
    flash(_("The person was erased from the case, its history and its exports."), "success")
    return redirect(url_for("erasure.index", case_id=case.id))
