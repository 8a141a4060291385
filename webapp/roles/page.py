"""Rendering the roles page: its findings today and upcoming, the puzzle, and its forms.

A refused or previewed form comes back in place of its empty twin (`given`), so the
message or the preview stands next to the fields the user filled in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask import render_template
from flask.typing import ResponseReturnValue

from ecogram.finding_codes import Page
from ecogram.models import Case, RoleAssignment
from ecogram.rules.anchor import active_anchors
from ecogram.rules.puzzle import weekly_puzzle
from webapp import clock
from webapp.findingrows import FindingRow, today_and_upcoming
from webapp.labels import lang
from webapp.roles import stale
from webapp.roles.forms import (
    ATTESTATION_NAMES,
    AddRoleForm,
    AnchorForm,
    NightsForm,
    TrustedForm,
    end_reason_choices,
)

DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Preview:
    """What a change would cause, shown inside the form that asked for it."""

    form: str  #: the form's id: add-role, set-anchor, set-trusted or nights-<role id>
    rows: list[FindingRow]
    token: str
    has_errors: bool
    #: Set when the user confirmed an earlier preview that no longer holds.
    changed_since: bool = False


@dataclass
class Forms:
    """The page's forms: empty ones, or the one the request refused or previewed."""

    add_form: AddRoleForm
    anchor_form: AnchorForm
    trusted_form: TrustedForm
    nights_form: NightsForm | None = None  #: only for the role in `nights_role`
    nights_role: int | None = None
    #: role id -> (the field in error, its message)
    end_errors: dict[int, tuple[str, str]] = field(default_factory=dict)


def last_day(assignment: RoleAssignment) -> dt.date | None:
    """The role's last day, as people say it; the stored `end` is the day after."""
    return None if assignment.end is None else assignment.end - DAY


def _anchor_form(case: Case, at: dt.date) -> AnchorForm:
    form = AnchorForm(case, formdata=None, from_=at)
    form.version.data = stale.anchor_version(case)
    return form


def _trusted_form(case: Case) -> TrustedForm:
    form = TrustedForm(case, formdata=None)
    form.person.data = case.trusted_person.id if case.trusted_person is not None else None
    form.version.data = case.version
    return form


def render(
    case: Case, status: int = 200, preview: Preview | None = None, **given: Any
) -> ResponseReturnValue:
    at = clock.today()
    forms = Forms(
        add_form=given.get("add_form") or AddRoleForm(case, formdata=None, start=at),
        anchor_form=given.get("anchor_form") or _anchor_form(case, at),
        trusted_form=given.get("trusted_form") or _trusted_form(case),
        nights_form=given.get("nights_form"),
        nights_role=given.get("nights_role"),
        end_errors=given.get("end_errors", {}),
    )
    assignments = sorted(
        ((p, r) for p in case.persons for r in p.roles), key=lambda pr: (pr[1].start, pr[1].id)
    )
    today, upcoming = today_and_upcoming(case, at, lang(), Page.ROLES)
    return render_template(
        "roles/index.html",
        case=case,
        tab="roles",
        today=at,
        assignments=assignments,
        forms=forms,
        preview=preview,
        last_day=last_day,
        end_reasons=end_reason_choices(),
        attestation_names=ATTESTATION_NAMES,
        anchors=active_anchors(case, at),
        history=sorted(case.anchors, key=lambda period: (period.start, period.id)),
        puzzle=weekly_puzzle(case, at),
        findings=today,
        upcoming=upcoming,
    ), status
