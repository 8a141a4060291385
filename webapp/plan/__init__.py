"""The network's action plan: its content, its way from draft to closed, and its versions.

Who manages the network's plan writes and submits it (`Capability.MANAGE_PLAN`);
an admin decides on it as Opgroeien does (`Capability.APPROVE_PLAN`): approve it on
a date, which starts the plan year, send it back, or close it after its year.
Every read and write is audited without a case. A save from a stale page (its
version is not the stored one) gets the shared 409 conflict page and stores
nothing; a refused change re-renders the page with 400 and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from ecogram import action_plans as core
from ecogram import plan_decisions as decisions
from ecogram import self_scans
from ecogram.capabilities import Capability
from ecogram.models import ActionPlan, Network
from ecogram.networks import NetworkError
from ecogram.plan_vocabulary import PlanStatus
from ecogram.plan_year import plan_year
from webapp import clock, conflicts, database
from webapp.access import guarded_network
from webapp.labels import format_date
from webapp.plan.forms import (
    ApproveForm,
    PlanForm,
    SessionsForm,
    StatusForm,
    approval_day,
    plan_form,
)
from webapp.plan.words import problem_text

bp = Blueprint("plan", __name__)


def _plan(network: Network) -> ActionPlan:
    return core.action_plan(database.session(), network)


def _page(network: Network, status: int = 200, **state: Any) -> ResponseReturnValue:
    plan = _plan(network)
    scans = self_scans.versions(database.session(), network)
    form: PlanForm = state.get("form") or plan_form(network, plan, scans)
    approve: ApproveForm = state.get("approve_form") or ApproveForm(
        formdata=None, version=plan.version, approved=clock.today()
    )
    return render_template(
        "plan/index.html",
        network=network,
        plan=plan,
        year=None if plan.approved is None else plan_year(plan.approved),
        form=form,
        editable=plan.status in (PlanStatus.DRAFT, PlanStatus.APPROVED),
        status_form=StatusForm(formdata=None, version=plan.version),
        approve_form=approve,
        sessions=state.get("sessions") or {},
        refusal=state.get("refusal"),
        assigned=sum(c.committed for c in plan.region_commitments),
    ), status


def _done(network: Network, message: str) -> ResponseReturnValue:
    database.session().commit()
    flash(message, "success")
    return redirect(url_for("plan.index", network_id=network.id))


def _conflict(network: Network, sent: object) -> ResponseReturnValue:
    db = database.session()
    db.rollback()
    plan = _plan(network)
    return conflicts.page_outside_case(
        conflicts.Conflict(
            what=_("action plan"),
            fields=[
                conflicts.Difference("status", _("Status"), "", plan.status.value),
            ],
            sent_version=str(sent),
            stored_version=str(plan.version),
            back=url_for("plan.index", network_id=network.id),
        )
    )


@bp.route("/networks/<int:network_id>/plan")
def index(network_id: int) -> ResponseReturnValue:
    return _page(guarded_network(network_id, Capability.MANAGE_PLAN, "view_action_plan"))


@bp.route("/networks/<int:network_id>/plan", methods=["POST"])
def save(network_id: int) -> ResponseReturnValue:
    network = guarded_network(network_id, Capability.MANAGE_PLAN, "edit_action_plan")
    db = database.session()
    plan = _plan(network)
    form = plan_form(network, plan, self_scans.versions(db, network), formdata=request.form)
    if not form.validate():
        db.rollback()
        return _page(network, 400, form=form)
    if form.version.data != plan.version:
        return _conflict(network, form.version.data)
    change = core.PlanChange(
        committed=form.committed.data or 0,
        region_commitments={rid: field.data or 0 for rid, field in form.region_fields()},
        fund_holder_id=form.fund_holder.data,
        self_scan_id=form.self_scan.data,
        expertise_needs=form.expertise_needs.data or "",
        activities=form.activity_rows(),
        budget_lines=form.line_rows(),
        reason=form.reason.data or "",
    )
    try:
        core.update_action_plan(db, network, change, clock.today())
        db.flush()
    except NetworkError as error:
        db.rollback()
        target = {"budget_lines": form.lines, "region_commitments": form.committed}.get(
            error.field
        ) or getattr(form, error.field, None)
        if target is None or not hasattr(target, "errors") or isinstance(target.errors, dict):
            return _page(_reload(network_id), 400, form=form, refusal=problem_text(error))
        target.errors = [problem_text(error)]
        return _page(_reload(network_id), 400, form=form, refusal=problem_text(error))
    except StaleDataError:
        return _conflict(network, form.version.data)
    amended = plan.status is PlanStatus.APPROVED
    return _done(
        network,
        _("The amendment is saved as version %(number)s.", number=plan.revision)
        if amended
        else _("The action plan is saved."),
    )


def _reload(network_id: int) -> Network:
    found = database.session().get(Network, network_id)
    if found is None:
        abort(404)
    return found


def _status_change(
    network_id: int,
    action: str,
    capability: Capability,
    apply: Callable[[Network, StatusForm], str],
) -> ResponseReturnValue:
    network = guarded_network(network_id, capability, action)
    form = ApproveForm() if action == "approve_action_plan" else StatusForm()
    if not form.validate():
        database.session().rollback()
        state = {"approve_form": form} if isinstance(form, ApproveForm) else {}
        reason = _("The page was incomplete. Reload it and try again.")
        return _page(_reload(network_id), 400, refusal=reason, **state)
    if form.version.data != _plan(network).version:
        return _conflict(network, form.version.data)
    try:
        message = apply(network, form)
    except NetworkError as error:
        database.session().rollback()
        if isinstance(form, ApproveForm) and error.field == "approved":
            form.approved.errors = [problem_text(error)]
            return _page(_reload(network_id), 400, approve_form=form)
        return _page(_reload(network_id), 400, refusal=problem_text(error))
    return _done(network, message)


@bp.route("/networks/<int:network_id>/plan/submit", methods=["POST"])
def submit(network_id: int) -> ResponseReturnValue:
    def apply(network: Network, _form: StatusForm) -> str:
        decisions.submit_plan(database.session(), network, clock.today())
        return _("The action plan is submitted to Opgroeien for approval.")

    return _status_change(network_id, "submit_action_plan", Capability.MANAGE_PLAN, apply)


@bp.route("/networks/<int:network_id>/plan/send-back", methods=["POST"])
def send_back(network_id: int) -> ResponseReturnValue:
    def apply(network: Network, _form: StatusForm) -> str:
        decisions.return_plan(database.session(), network)
        return _("The action plan is sent back to the network as a draft.")

    return _status_change(network_id, "send_back_action_plan", Capability.APPROVE_PLAN, apply)


@bp.route("/networks/<int:network_id>/plan/approve", methods=["POST"])
def approve(network_id: int) -> ResponseReturnValue:
    def apply(network: Network, form: StatusForm) -> str:
        day = approval_day(form)
        decisions.approve_plan(database.session(), network, day, clock.today())
        year = plan_year(day)
        return _(
            "The action plan is approved. Its year runs from %(start)s up to and including "
            "%(end)s.",
            start=format_date(year.start),
            end=format_date(year.end),
        )

    return _status_change(network_id, "approve_action_plan", Capability.APPROVE_PLAN, apply)


@bp.route("/networks/<int:network_id>/plan/close", methods=["POST"])
def close(network_id: int) -> ResponseReturnValue:
    def apply(network: Network, _form: StatusForm) -> str:
        decisions.close_plan(database.session(), network, clock.today())
        return _("The action plan is closed.")

    return _status_change(network_id, "close_action_plan", Capability.APPROVE_PLAN, apply)


@bp.route("/networks/<int:network_id>/plan/activities/<int:activity_id>/sessions", methods=["POST"])
def record_sessions(network_id: int, activity_id: int) -> ResponseReturnValue:
    network = guarded_network(network_id, Capability.MANAGE_PLAN, "record_sessions")
    plan = _plan(network)
    activity = next((a for a in plan.activities if a.id == activity_id), None)
    if activity is None:
        abort(404)
    form = SessionsForm()
    if not form.validate():
        database.session().rollback()
        return _page(_reload(network_id), 400, sessions={activity_id: form})
    if form.version.data != activity.version:
        return _conflict(network, form.version.data)
    try:
        decisions.record_sessions(database.session(), plan, activity_id, form.done.data or 0)
    except NetworkError as error:
        database.session().rollback()
        return _page(_reload(network_id), 400, refusal=problem_text(error))
    return _done(network, _("The sessions held are saved."))


@bp.route("/networks/<int:network_id>/plan/versions/<int:number>")
def version(network_id: int, number: int) -> ResponseReturnValue:
    network = guarded_network(network_id, Capability.MANAGE_PLAN, f"view_plan_version_{number}")
    kept = next((r for r in _plan(network).revisions if r.number == number), None)
    if kept is None:
        abort(404)
    return render_template(
        "plan/version.html",
        network=network,
        revision=kept,
        document=core.revision_document(kept),
    )
