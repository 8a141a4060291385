"""Erasure for the network's case coordinators (closing a case is in webapp/closing).

Erasing a person removes them from every table, from every history snapshot and
from the other free text of the case; only the audit row "erase_person"
remains, without a name.

Erasing is a capability of the case coordinators of the case's network
(`ecogram.capabilities`): an outsider gets the guard's 404, anyone else who
works on the case a 403, and both a refusal in the audit trail. Erasing needs a
fresh sign-in.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import retention
from ecogram.capabilities import Capability
from ecogram.models import Case, Person
from webapp import database
from webapp.access import case_person, guarded_case
from webapp.auth.recent import recent_sign_in_required
from webapp.erasure.forms import EraseForm

bp = Blueprint("erasure", __name__)


def _page(case: Case) -> ResponseReturnValue:
    return render_template(
        "erasure/index.html",
        case=case,
        tab="erasure",
        persons=[p for p in case.persons if p is not case.child],
    )


@bp.route("/cases/<int:case_id>/erasure")
def index(case_id: int) -> ResponseReturnValue:
    return _page(guarded_case(case_id, Capability.ERASE, "view_erasure"))


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
