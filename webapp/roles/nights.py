"""Other nights a week for a role, from a chosen day on.

The weeks before that day keep their nights: from a later day than the role's
first, the role ends there and the same role goes on with the new nights
(`ecogram.plans.NewNights`). Like a new role, the change is previewed first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from ecogram import plans
from ecogram.capabilities import Capability
from webapp import conflicts
from webapp.access import audit, guarded_case
from webapp.labels import format_date
from webapp.roles import bp, find_role, page, preview, saved, stale
from webapp.roles.forms import NightsForm


@bp.route("/cases/<int:case_id>/roles/<int:role_id>/nights", methods=["POST"])
def change_nights(case_id: int, role_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.ASSIGN_ROLES, "preview_nights")
    assignment = find_role(case, role_id)
    form = NightsForm()
    given: dict[str, Any] = {"nights_form": form, "nights_role": assignment.id}
    if not preview.validated(form):
        return page.render(case, 400, **given)
    start = cast(dt.date, form.from_.data)  # required, so never empty here
    nights, sent = cast(int, form.nights_per_week.data), cast(int, form.version.data)
    if sent != assignment.version:
        return stale.nights(case, assignment, start, nights, sent)
    problem = _problem(assignment.start, assignment.end, start)
    if problem is not None:
        form.from_.errors = [problem]
        return page.render(case, 400, **given)
    if nights == assignment.nights_per_week:
        form.nights_per_week.errors = [_("The role has this many nights a week already.")]
        return page.render(case, 400, **given)
    person = assignment.person
    change = plans.NewNights(person.ref, person.roles.index(assignment), start, nights)
    caused = preview.screen(case, change, form, f"nights-{assignment.id}", **given)
    if not isinstance(caused, list):
        return caused
    change.apply(case)
    audit(case.id, "change_nights")
    preview.keep_reasons(case, caused, form)
    lost = conflicts.commit_or_conflict(lambda: stale.nights(case, assignment, start, nights, sent))
    if lost is not None:
        return lost
    message = _(
        "From %(date)s the child sleeps %(num)d nights a week with %(name)s.",
        date=format_date(start),
        num=nights,
        name=person.name,
    )
    return saved(case, message, caused)


def _problem(first: dt.date, end: dt.date | None, start: dt.date) -> str | None:
    """Why the new nights cannot start on `start`: outside the role's own period."""
    if start < first:
        return _("Choose a day from the role's first day, %(date)s, on.", date=format_date(first))
    if end is not None and start >= end:
        last = end - dt.timedelta(days=1)
        return _("Choose a day up to the role's last day, %(date)s.", date=format_date(last))
    return None
