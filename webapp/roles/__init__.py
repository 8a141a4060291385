"""Roles, the anchor, the trusted person and the weekly puzzle.

Writes go guard (which audits the request) -> validate -> preview -> change ->
commit -> redirect. A role, an anchor, other nights or a trusted person is first
checked ahead (`preview`): what it would cause shows before it is saved, and a
change that causes an error is saved only with a reason. Bad input re-renders
the page with 400 and stores nothing; ending a role, designating the anchor,
changing nights or naming the trusted person from a stale page answers 409 with
both versions and overwrites nothing (`stale`). Anchor periods are never edited,
only closed: a new anchor starts a new period on the day the previous one ends
(half-open), so history stays.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from flask import Blueprint, abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import labels, plans
from ecogram.capabilities import Capability
from ecogram.findings import Dated
from ecogram.models import Case, Person, RoleAssignment
from ecogram.vocabulary import AttestationStatus, Role, RoleEndReason
from webapp import conflicts, database
from webapp.access import audit, case_person, guarded_case
from webapp.labels import format_date, lang
from webapp.roles import page, preview, stale
from webapp.roles.forms import NO_ATTESTATION, AddRoleForm, AnchorForm, EndRoleForm, TrustedForm

bp = Blueprint("roles", __name__)

DAY = dt.timedelta(days=1)


def find_role(case: Case, role_id: int) -> RoleAssignment:
    found = next((r for p in case.persons for r in p.roles if r.id == role_id), None)
    if found is None:
        abort(404)
    return found


def saved(case: Case, message: str, caused: list[Dated]) -> ResponseReturnValue:
    """Commit, then back to the page with what the change causes, if anything."""
    flash(message, "success")
    note = preview.caused_note(caused)
    if note is not None:
        flash(note, "warning")
    return redirect(url_for("roles.index", case_id=case.id))


def role_word(role: Role) -> str:
    return labels.label("role", role, lang())


@bp.route("/cases/<int:case_id>/roles")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_roles")
    return page.render(case)


@bp.route("/cases/<int:case_id>/roles", methods=["POST"])
def add(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "preview_role")
    form = AddRoleForm(case)
    if not preview.validated(form):
        return page.render(case, 400, add_form=form)
    person = case_person(case, form.person.data, allow_child=False)
    status = form.attestation_status.data
    last = form.last_day.data
    change = plans.NewRole(
        person=person.ref,
        role=Role(form.role.data),
        start=cast(dt.date, form.start.data),  # required, so never empty here
        end=None if last is None else last + DAY,
        nights_per_week=form.nights_per_week.data or 0,
        attestation_status=None if status == NO_ATTESTATION else AttestationStatus(status),
        attestation_date=form.attestation_date.data,
        # A role given with its last day already set ends as planned.
        end_reason=None if last is None else RoleEndReason.AS_PLANNED,
    )
    caused = preview.screen(case, change, form, "add-role", add_form=form)
    if not isinstance(caused, list):
        return caused
    change.apply(case)
    audit(case.id, "add_role")
    preview.keep_reasons(case, caused, form)
    database.session().commit()
    message = _(
        "%(name)s has the role %(role)s from %(date)s.",
        name=person.name,
        role=role_word(change.role),
        date=format_date(change.start),
    )
    return saved(case, message, caused)


@bp.route("/cases/<int:case_id>/roles/<int:role_id>/end", methods=["POST"])
def end(case_id: int, role_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "end_role")
    assignment = find_role(case, role_id)
    form = EndRoleForm()
    if not form.validate():
        field = next(f for f in form if f.errors)
        message = f"{field.label.text}: {field.errors[0]}"
        return page.render(case, 400, end_errors={assignment.id: (field.name, message)})
    # All are required, so validation leaves none empty.
    last, version = cast(dt.date, form.last_day.data), cast(int, form.version.data)
    reason = RoleEndReason(form.reason.data)
    if last < assignment.start:
        problem = _("The last day cannot be before the first day.")
        message = f"{form.last_day.label.text}: {problem}"
        return page.render(case, 400, end_errors={assignment.id: ("last_day", message)})
    if version != assignment.version:
        return stale.role_end(case, assignment, last, reason, version)
    # Stored half-open: `end` is the first day without the role.
    assignment.end, assignment.end_reason = last + DAY, reason
    lost = conflicts.commit_or_conflict(
        lambda: stale.role_end(case, assignment, last, reason, version)
    )
    if lost is not None:
        return lost
    return saved(case, _("The role's last day is %(date)s.", date=format_date(last)), [])


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
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "preview_anchor")
    form = AnchorForm(case)
    if not preview.validated(form):
        return page.render(case, 400, anchor_form=form)
    person = case_person(case, form.person.data, allow_child=False)
    start = cast(dt.date, form.from_.data)  # required, so never empty here
    sent = form.version.data or ""
    if sent != stale.anchor_version(case):
        return stale.anchor(case, person, start, sent)
    problem = _anchor_problem(case, person, start)
    if problem is not None:
        name, message = problem
        (form.person if name == "person" else form.from_).errors = [message]
        return page.render(case, 400, anchor_form=form)
    change = plans.NewAnchor(person.ref, start)
    caused = preview.screen(case, change, form, "set-anchor", anchor_form=form)
    if not isinstance(caused, list):
        return caused
    change.apply(case)
    audit(case.id, "set_anchor")
    preview.keep_reasons(case, caused, form)
    lost = conflicts.commit_or_conflict(lambda: stale.anchor(case, person, start, sent))
    if lost is not None:
        return lost
    message = _("%(name)s is the anchor from %(date)s.", name=person.name, date=format_date(start))
    return saved(case, message, caused)


@bp.route("/cases/<int:case_id>/trusted-person", methods=["POST"])
def set_trusted(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "preview_trusted")
    form = TrustedForm(case)
    if not preview.validated(form):
        return page.render(case, 400, trusted_form=form)
    chosen = form.person.data
    person = None if chosen is None else case_person(case, chosen, allow_child=False)
    sent = cast(int, form.version.data)  # required, so never empty here
    if sent != case.version:
        return stale.trusted(case, person, sent)
    change = plans.NewTrustedPerson(None if person is None else person.ref)
    caused = preview.screen(case, change, form, "set-trusted", trusted_form=form)
    if not isinstance(caused, list):
        return caused
    change.apply(case)
    audit(case.id, "set_trusted")
    preview.keep_reasons(case, caused, form)
    lost = conflicts.commit_or_conflict(lambda: stale.trusted(case, person, sent))
    if lost is not None:
        return lost
    if person is None:
        return saved(case, _("No trusted person is named now."), caused)
    return saved(case, _("%(name)s is the trusted person.", name=person.name), caused)


# The nights form lives in its own module; importing it registers its route.
from webapp.roles import nights  # noqa: E402

__all__ = ["bp", "nights"]
