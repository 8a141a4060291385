"""The end-of-year report: the network coordinator's proposal, and the report as PDF and DOCX.

Who manages the network's plan writes the proposal to make the work permanent and
downloads the report (`Capability.MANAGE_PLAN`). The report leaves the network, so
its figures are always suppressed with the default k (`ecogram.year_report`); every
read, write and download is audited without a case.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from wtforms import IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange
from wtforms.widgets import HiddenInput

from ecogram import action_plans
from ecogram import plan_decisions as decisions
from ecogram.capabilities import Capability
from ecogram.models import Network
from ecogram.networks import NetworkError
from ecogram.year_report import YearReport, year_report
from exports.report_formats import YEAR_REPORT_FORMATS
from webapp import clock, conflicts, database
from webapp.access import guarded_network
from webapp.errors import error_response
from webapp.labels import lang
from webapp.validators import no_control_characters_in_text, strip

bp = Blueprint("year_report", __name__)


class ProposalForm(FlaskForm):
    version = IntegerField(
        _l("Version"), widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=1)]
    )
    sustainability = TextAreaField(
        _l("Proposal to make the work permanent"),
        filters=[strip],
        validators=[Length(max=action_plans.MAX_TEXT), no_control_characters_in_text],
    )


def _report(network: Network) -> YearReport | None:
    try:
        return year_report(database.session(), network, clock.today())
    except NetworkError:
        return None


def _page(network: Network, status: int = 200, **state: Any) -> ResponseReturnValue:
    plan = action_plans.action_plan(database.session(), network)
    form = state.get("form") or ProposalForm(
        formdata=None, version=plan.version, sustainability=plan.sustainability
    )
    return render_template(
        "year_report/index.html",
        network=network,
        plan=plan,
        report=_report(network),
        form=form,
        formats=YEAR_REPORT_FORMATS,
    ), status


@bp.route("/networks/<int:network_id>/year-report")
def index(network_id: int) -> ResponseReturnValue:
    return _page(guarded_network(network_id, Capability.MANAGE_PLAN, "view_year_report"))


@bp.route("/networks/<int:network_id>/year-report/proposal", methods=["POST"])
def proposal(network_id: int) -> ResponseReturnValue:
    network = guarded_network(network_id, Capability.MANAGE_PLAN, "edit_sustainability")
    db = database.session()
    plan = action_plans.action_plan(db, network)
    form = ProposalForm()
    if not form.validate():
        db.rollback()
        return _page(network, 400, form=form)
    if form.version.data != plan.version:
        return _conflict(network, form)
    try:
        decisions.save_sustainability(db, plan, form.sustainability.data or "")
        db.commit()
    except NetworkError:
        db.rollback()
        form.sustainability.errors = [_("The plan is not approved yet; write the proposal then.")]
        return _page(network, 400, form=form)
    except StaleDataError:
        return _conflict(network, form)
    flash(_("The proposal is saved."), "success")
    return redirect(url_for("year_report.index", network_id=network.id))


def _conflict(network: Network, form: ProposalForm) -> ResponseReturnValue:
    database.session().rollback()
    plan = action_plans.action_plan(database.session(), network)
    return conflicts.page_outside_case(
        conflicts.Conflict(
            what=_("proposal"),
            fields=[
                conflicts.Difference(
                    "sustainability",
                    _("Proposal to make the work permanent"),
                    form.sustainability.data or "",
                    plan.sustainability,
                )
            ],
            sent_version=str(form.version.data),
            stored_version=str(plan.version),
            back=url_for("year_report.index", network_id=network.id),
        )
    )


def download(network_id: int, kind: str) -> ResponseReturnValue:
    network = guarded_network(network_id, Capability.MANAGE_PLAN, f"export_year_report_{kind}")
    report = _report(network)
    if report is None:
        database.session().rollback()
        message = _("The plan is not approved yet, so there is no plan year to report on.")
        return error_response(400, message)
    chosen = YEAR_REPORT_FORMATS[kind]
    stem = f"jaarrapport-{network.slug.value}-{report.period.start.isoformat()}"
    return Response(
        chosen.write(report, lang()),
        mimetype=chosen.mimetype,
        headers={"Content-Disposition": f'attachment; filename="{chosen.filename(stem)}"'},
    )


# One fixed URL per format (no converter), so every route can be built by enumeration.
for _kind in YEAR_REPORT_FORMATS:
    bp.add_url_rule(
        f"/networks/<int:network_id>/year-report.{_kind}",
        f"download_{_kind}",
        download,
        defaults={"kind": _kind},
    )
