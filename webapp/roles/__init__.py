"""Roles, the anchor, the trusted person and the weekly puzzle.

Writes go guard (which adds the audit row) -> validate -> change -> commit ->
redirect. Bad input re-renders the page with 400 and stores nothing; ending
a role, designating the anchor or naming the trusted person from a stale page
answers 409 with both versions and overwrites nothing (`stale`). Anchor
periods are never edited, only closed: a new anchor starts a new period on the
day the previous one ends (half-open), so history stays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import findings as core_findings
from ecogram import labels
from ecogram.capabilities import Capability
from ecogram.checks import check_case
from ecogram.finding_codes import Page
from ecogram.imh_checklist import Item, anchor_shortfalls
from ecogram.models import AnchorPeriod, Case, Person, RoleAssignment
from ecogram.rules.anchor import active_anchors
from ecogram.rules.puzzle import weekly_puzzle
from ecogram.rules.roles import latest_final_assessment
from ecogram.vocabulary import AttestationStatus, PersonKind, Role, RoleEndReason
from webapp import clock, conflicts, database
from webapp.access import case_person, guarded_case
from webapp.labels import format_date, lang
from webapp.roles import stale
from webapp.roles.forms import (
    ATTESTATION_NAMES,
    NO_ATTESTATION,
    AddRoleForm,
    AnchorForm,
    EndRoleForm,
    TrustedForm,
    end_reason_choices,
)

bp = Blueprint("roles", __name__)


def find_role(case: Case, role_id: int) -> RoleAssignment:
    found = next((r for p in case.persons for r in p.roles if r.id == role_id), None)
    if found is None:
        abort(404)
    return found


def role_findings(case: Case, at: dt.date) -> list[dict[str, str]]:
    language = lang()
    return [
        {
            "code": finding.code.value,
            "severity": finding.severity.value,
            "message": core_findings.render(finding, language),
        }
        for finding in check_case(case, at)
        if finding.code.fixed_on is Page.ROLES
    ]


def _page(case: Case, status: int = 200, **forms: Any) -> ResponseReturnValue:
    at = clock.today()
    assignments = sorted(
        ((p, r) for p in case.persons for r in p.roles), key=lambda pr: (pr[1].start, pr[1].id)
    )
    anchors = active_anchors(case, at)
    return render_template(
        "roles/index.html",
        case=case,
        tab="roles",
        today=at,
        assignments=assignments,
        add_form=forms.get("add_form") or AddRoleForm(case, formdata=None, start=at),
        anchor_form=forms.get("anchor_form") or _anchor_form(case, at),
        trusted_form=forms.get("trusted_form") or _trusted_form(case),
        end_errors=forms.get("end_errors", {}),
        end_reasons=end_reason_choices(),
        attestation_names=ATTESTATION_NAMES,
        anchors=anchors,
        history=sorted(case.anchors, key=lambda period: (period.start, period.id)),
        puzzle=weekly_puzzle(case, at),
        findings=role_findings(case, at),
    ), status


def _anchor_form(case: Case, at: dt.date) -> AnchorForm:
    form = AnchorForm(case, formdata=None, from_=at)
    form.version.data = stale.anchor_version(case)
    return form


def _trusted_form(case: Case) -> TrustedForm:
    form = TrustedForm(case, formdata=None)
    form.person.data = case.trusted_person.id if case.trusted_person is not None else None
    form.version.data = case.version
    return form


def _done(case: Case, message: str, category: str = "success") -> ResponseReturnValue:
    flash(message, category)
    return redirect(url_for("roles.index", case_id=case.id))


@bp.route("/cases/<int:case_id>/roles")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_roles")
    return _page(case)


@bp.route("/cases/<int:case_id>/roles", methods=["POST"])
def add(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "add_role")
    form = AddRoleForm(case)
    if not form.validate():
        return _page(case, 400, add_form=form)
    person = case_person(case, form.person.data, allow_child=False)
    status = form.attestation_status.data
    assignment = RoleAssignment(
        role=Role(form.role.data),
        start=form.start.data,
        end=form.end.data,
        nights_per_week=form.nights_per_week.data,
        attestation_status=None if status == NO_ATTESTATION else AttestationStatus(status),
        attestation_date=form.attestation_date.data,
        # A role given with its end already set ends as planned.
        end_reason=None if form.end.data is None else RoleEndReason.AS_PLANNED,
    )
    person.roles.append(assignment)
    database.session().commit()
    role = assignment.role
    flash(
        _("%(name)s now has the role %(role)s.", name=person.name, role=_role_word(role)), "success"
    )
    if role is Role.KINSHIP_FOSTER_CARE and assignment.attestation_status is not (
        AttestationStatus.GRANTED
    ):
        flash(
            _("Kinship foster care needs a granted attestation; until then it is an error."),
            "warning",
        )
    return redirect(url_for("roles.index", case_id=case.id))


def _role_word(role: Role) -> str:
    return labels.label("role", role, lang())


@bp.route("/cases/<int:case_id>/roles/<int:role_id>/end", methods=["POST"])
def end(case_id: int, role_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "end_role")
    assignment = find_role(case, role_id)
    form = EndRoleForm()
    if not form.validate():
        field = next(f for f in form if f.errors)
        message = f"{field.label.text}: {field.errors[0]}"
        return _page(case, 400, end_errors={assignment.id: (field.name, message)})
    # All are required, so validation leaves none empty.
    end_day, version = cast(dt.date, form.end.data), cast(int, form.version.data)
    reason = RoleEndReason(form.reason.data)
    if end_day <= assignment.start:
        message = f"{form.end.label.text}: {_('The end must be after the start.')}"
        return _page(case, 400, end_errors={assignment.id: ("end", message)})
    if version != assignment.version:
        return stale.role_end(case, assignment, end_day, reason, version)
    assignment.end, assignment.end_reason = end_day, reason
    lost = conflicts.commit_or_conflict(
        lambda: stale.role_end(case, assignment, end_day, reason, version)
    )
    if lost is not None:
        return lost
    return _done(case, _("The role ends on %(date)s.", date=format_date(end_day)))


def _anchor_problem(case: Case, person: Person, start: dt.date) -> tuple[str, str] | None:
    """The field and reason why a new anchor period from `start` cannot follow the history."""
    for period in case.anchors:
        if period.end is None and start <= period.start:
            return "from", _(
                "Choose a date after %(date)s, when the current anchor period began.",
                date=format_date(period.start),
            )
        if period.end is not None and start < period.end:
            return "from", _(
                "Choose a date on or after %(date)s: the history is kept, not rewritten.",
                date=format_date(period.end),
            )
    current = [p for p in case.anchors if p.end is None]
    if len(current) == 1 and current[0].person.id == person.id:
        return "person", _("%(name)s is already the anchor.", name=person.name)
    return None


@bp.route("/cases/<int:case_id>/anchor", methods=["POST"])
def set_anchor(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "set_anchor")
    form = AnchorForm(case)
    if not form.validate():
        return _page(case, 400, anchor_form=form)
    person = case_person(case, form.person.data, allow_child=False)
    start = cast(dt.date, form.from_.data)  # required, so never empty here
    sent = form.version.data or ""
    if sent != stale.anchor_version(case):
        return stale.anchor(case, person, start, sent)
    problem = _anchor_problem(case, person, start)
    if problem is not None:
        name, message = problem
        (form.person if name == "person" else form.from_).errors = [message]
        return _page(case, 400, anchor_form=form)
    for period in case.anchors:
        if period.end is None:
            period.end = start  # half-open: the new anchor holds from this day on
    case.anchors.append(AnchorPeriod(person=person, start=start, end=None))
    lost = conflicts.commit_or_conflict(lambda: stale.anchor(case, person, start, sent))
    if lost is not None:
        return lost
    flash(
        _("%(name)s is the anchor from %(date)s.", name=person.name, date=format_date(start)),
        "success",
    )
    shortfalls = _shortfalls(person, start)
    if shortfalls is not None:
        flash(shortfalls, "warning")
    return redirect(url_for("roles.index", case_id=case.id))


def _shortfalls(person: Person, at: dt.date) -> str | None:
    """A warning when a non-parent anchor lacks the assessment the anchor rule asks for."""
    if person.kind is PersonKind.PARENT:
        return None
    assessment = latest_final_assessment(person, at)
    if assessment is None:
        return _(
            "%(name)s has no final assessment yet; a non-parent anchor needs one.", name=person.name
        )
    items: tuple[Item, ...] = anchor_shortfalls(assessment.ratings)
    if not items:
        return None
    words = ", ".join(labels.label("item", item, lang()) for item in items)
    return _("%(name)s falls short as anchor on: %(items)s.", name=person.name, items=words)


@bp.route("/cases/<int:case_id>/trusted-person", methods=["POST"])
def set_trusted(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "set_trusted")
    form = TrustedForm(case)
    if not form.validate():
        return _page(case, 400, trusted_form=form)
    chosen = form.person.data
    person = None if chosen is None else case_person(case, chosen, allow_child=False)
    sent = cast(int, form.version.data)  # required, so never empty here
    if sent != case.version:
        return stale.trusted(case, person, sent)
    case.trusted_person = person
    lost = conflicts.commit_or_conflict(lambda: stale.trusted(case, person, sent))
    if lost is not None:
        return lost
    if person is None:
        return _done(case, _("No trusted person is named now."))
    return _done(case, _("%(name)s is the trusted person.", name=person.name))
