"""What the dashboard shows, as one JSON-ready dict: the page's tables and the charts' data.

Everything here is an aggregate of `network_report` (the monthly line comes from
its `by_month`), plus the plan's commitments per region. No query here
reads a person, a case reference or a child: there is no name to leak.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from ecogram import labels, monitoring
from ecogram.dashboard import started_series
from ecogram.models import Network
from ecogram.report import network_report
from ecogram.vocabulary import Role
from webapp import clock
from webapp.labels import lang
from webapp.trajectory.words import OUTCOMES, STAYS

FUNNEL_LABELS: dict[str, Any] = {
    "referrals": _l("Referrals"),
    "care_tables": _l("Care tables"),
    "budget_deployments": _l("Budget deployments"),
    "regular_starts": _l("Regular starts"),
    "started": _l("Trajectories started"),
}


def heading(text: object) -> str:
    words = str(text)
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  #: included
    plan_year: bool  #: the default: the action plan's year


def dashboard_data(session: Session, network: Network, period: Period) -> dict[str, Any]:
    """The report, the monthly starts and every label the charts print, in the user's language."""
    report = network_report(session, network.slug, period.start, period.end)
    series = started_series(report.by_month, report.plan.committed, clock.today())
    plan = network.action_plan
    commitments = (
        {} if plan is None else {c.region.name: c.committed for c in plan.region_commitments}
    )
    language = lang()
    endings = monitoring.role_endings(session, network.id, period.start, period.end)
    return {
        "network": network.name,
        "period": {
            "from": period.start.isoformat(),
            "to": period.end.isoformat(),
            "plan_year": period.plan_year,
        },
        "report": report.as_json(),
        "months": [asdict(point) for point in series],
        "region_commitments": commitments,
        "plan_version": None if plan is None else plan.revision,
        "expertise": monitoring.as_json(monitoring.expertise(plan)),
        "starts_by_region_and_quarter": monitoring.starts_by_region_and_quarter(
            session, network.id, period.start, period.end
        ),
        "role_endings": monitoring.as_json(endings),
        "unplanned": {role.value: endings.unplanned(role.value) for role in Role},
        "labels": {
            # Lists of [key, label], not objects: JSON objects come back sorted by key,
            # and these are in their meaningful order (the funnel, the role continuum).
            "funnel": [[key, str(text)] for key, text in FUNNEL_LABELS.items()],
            "roles": [[role.value, labels.label("role", role, language)] for role in Role],
            # The trajectory tab's words, as headings: one vocabulary for both pages.
            "outcomes": [[str(key), heading(text)] for key, text in OUTCOMES.items()],
            "stays": [[str(key), heading(text)] for key, text in STAYS.items()],
            "end_reasons": [
                [key, heading(labels.label("end_reason", key, language))]
                for key in monitoring.REASON_KEYS
            ],
            "activities": [
                [kind, heading(text)] for kind, text in labels.labels("activity", language).items()
            ],
            "no_region": str(_l("No region")),
            "started": str(_l("Started (cumulative)")),
            "committed": str(_l("Committed")),
            "pace": str(_l("Even pace towards the commitment")),
            "care_figures_found": str(_l("Care figures found")),
            "roles_activated": str(_l("Roles activated")),
            "trajectories": str(_l("Trajectories")),
            "days": str(_l("Days")),
            "euro": str(_l("Euro")),
            "budget_spent": str(_l("Budget spent")),
            "budget": str(_l("Budget of the plan")),
            "cost_per_trajectory": str(_l("Cost per trajectory")),
            "reference_cost": str(_l("Reference cost per trajectory")),
        },
    }
