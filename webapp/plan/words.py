"""The core's refusals of a plan change (`NetworkError.code`), in the user's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import lazy_gettext as _l

from ecogram.networks import NetworkError
from webapp.labels import format_date

PROBLEMS: dict[str, Any] = {
    "locked": _l("A submitted or closed plan cannot be changed."),
    "reason_needed": _l("Say why the approved plan changes: the change is an amendment."),
    "over_available": _l(
        "The budget lines add up to %(total)s euro, more than the %(available)s euro available."
    ),
    "over_total": _l(
        "Together the regions commit %(assigned)s trajectories, more than the total of "
        "%(committed)s."
    ),
    "no_self_scan": _l("Choose the self-scan the plan builds on before submitting it."),
    "nothing_committed": _l("Commit to at least one trajectory before submitting the plan."),
    "no_fund_holder": _l("Choose the fund holder before submitting the plan."),
    "no_budget": _l("Add the budget's lines before submitting the plan."),
    "activities_over_budget": _l(
        "The activities cost %(costs)s euro, more than the %(expertise)s euro budgeted for "
        "expertise building."
    ),
    "no_need": _l("Name the expertise need each activity meets."),
    "no_sessions": _l("Plan at least one session for each activity."),
    "not_draft": _l("Only a draft can be submitted."),
    "not_submitted": _l("Only a submitted plan can be approved or sent back."),
    "not_approved": _l("Only an approved plan can be closed, or have its sessions recorded."),
    "too_early": _l("Choose a date on or after %(date)s: the plan was submitted then."),
    "future": _l("The approval date cannot be in the future."),
    "year_not_over": _l("The plan year runs until %(date)s; close the plan after that day."),
    "foreign": _l("Choose one of this network's own."),
}


def problem_text(error: NetworkError) -> str:
    """The refusal in the user's language; the core's English when it has no translation."""
    template = PROBLEMS.get(error.code)
    if template is None:
        return error.problem
    params = {key: _shown(value) for key, value in error.params.items()}
    return str(template) % params if params else str(template)


def _shown(value: object) -> str:
    return format_date(value) if isinstance(value, dt.date) else str(value)
