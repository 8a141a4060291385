"""The findings of the case: the same list as `ecogram check --ahead`, in the user's language.

Today's findings come first, then the upcoming ones ("Komend"): those that start
within the horizon on a day the plan changes, each with that day. The rows and
their links are `webapp.findingrows`, shared with the roles page.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from ecogram.ahead import HORIZON_DAYS
from ecogram.capabilities import Capability
from ecogram.findings import Severity, counted
from webapp import clock
from webapp.access import guarded_case
from webapp.findingrows import FindingRow, today_and_upcoming
from webapp.labels import lang

bp = Blueprint("findings", __name__)

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def counts(found: list[FindingRow]) -> dict[str, int]:
    tally = {severity.value: 0 for severity in SEVERITIES}
    for row in found:
        tally[row.severity] += 1
    return tally


@bp.route("/cases/<int:case_id>/findings")
def index(case_id: int) -> ResponseReturnValue:
    case = guarded_case(case_id, Capability.VIEW, "view_findings")
    at = clock.today()
    language = lang()
    today, upcoming = today_and_upcoming(case, at, language)
    tally = counts(today)
    return render_template(
        "findings/index.html",
        case=case,
        tab="findings",
        at=at,
        findings=today,
        upcoming=upcoming,
        horizon=HORIZON_DAYS,
        counts=tally,
        counted={s: counted(s, n, language) for s, n in tally.items()},
        severities=[s.value for s in SEVERITIES],
    )
