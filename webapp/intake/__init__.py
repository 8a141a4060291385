"""Intake: a case coordinator opens a case from a referral, on one page.

The child, the referral and the trajectory's kind and region, and the parents,
go in together; the case is stored through the core's reader and storage
(`ecogram.intake`), and the coordinator lands on the new ecogram with the child
at its centre. Opening a case is the capability OPEN_CASE: a case coordinator,
in their own network; everyone else gets 404, and the refusal is audited.

A possible duplicate (a visible case of the network with a child of the same
first name and date) holds the case back once: the page names those cases and
asks to confirm. Cases the coordinator may not see are never counted, so the
hint reveals nothing; each case it names is audited as read.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from ecogram import capabilities, intake
from ecogram.accounts import User
from ecogram.capabilities import Capability
from ecogram.models import Network, Person
from ecogram.vocabulary import Referrer, TrajectoryKind
from webapp import clock, database
from webapp.access import audit, require
from webapp.intake.forms import IntakeForm

bp = Blueprint("intake", __name__)


def _user() -> User:
    user: User = current_user._get_current_object()
    return user


def _page(
    form: IntakeForm, status: int = 200, duplicates: list[Person] | None = None
) -> ResponseReturnValue:
    return render_template("intake/new.html", form=form, duplicates=duplicates or []), status


@bp.route("/cases/new", methods=["GET", "POST"])
def new() -> ResponseReturnValue:
    require(Capability.OPEN_CASE, action="open_case")
    db = database.session()
    networks = capabilities.networks_where(db, _user(), Capability.OPEN_CASE)
    today = clock.today()
    if request.method == "GET":
        audit(None, "view_intake")
        form = IntakeForm(
            networks,
            formdata=None,
            today=today,
            referred=today,
            kind=TrajectoryKind.CARE_FIGURE_SEARCH.value,
        )
        return _page(form)
    form = IntakeForm(networks, today=today)
    if not form.validate():
        return _page(form, 400)
    network = next(n for n in networks if n.id == form.network.data)
    referral = _referral(form, network)
    if not form.confirm_duplicate.data:
        visible = capabilities.visible_case_ids(db, _user())
        duplicates = intake.possible_duplicates(db, referral, visible)
        if duplicates:
            for child in duplicates:
                audit(child.case_id, "duplicate_hint")
            return _page(form, duplicates=duplicates)
    case = intake.open_case(db, referral, _user().id)
    audit(case.id, "open_case")
    db.commit()
    flash(_("The case is opened. Map the people around the child on the ecogram."), "success")
    return redirect(url_for("ecogram_page.show", case_id=case.id))


def _referral(form: IntakeForm, network: Network) -> intake.Referral:
    return intake.Referral(
        child_name=form.child_name.data or "",
        birth_date=form.birth_date.data,
        expected_date=form.expected_date.data,
        referred=form.referred.data,  # type: ignore[arg-type]  # required by the form
        referrer=Referrer(form.referrer.data),
        mandated_service=bool(form.mandated_service.data),
        network=network,
        region=next((r for r in network.regions if r.id == form.region.data), None),
        kind=TrajectoryKind(form.kind.data),
        parents=form.parents(),
    )
