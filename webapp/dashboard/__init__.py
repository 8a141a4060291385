"""The network dashboard: aggregates only, never a name.

Who sees it: whoever monitors their own network (`ecogram.capabilities`): its
network coordinators. Everyone else gets 404, admins included: an admin
manages accounts and network settings, while a network's monitoring figures
are its coordinator's; an admin who needs them runs `ecogram report` on the
server.

Suppression: on screen (the page and its data.json) the network's own
coordinator sees the aggregates as they are, since they stay inside the network
and name nobody. The export is meant "for use outside the network", so it
ALWAYS applies small-cell suppression with the default k (docs/report.md); every
export is recorded in the audit trail.

The period is the plan year by default (`ecogram.plan_year`, written as the
exports write it; or the last 12 months while the plan is not approved);
`?from=YYYY-MM-DD&to=YYYY-MM-DD` chooses another. A bad date answers 400 with a
message naming the parameter.
"""

from __future__ import annotations

import datetime as dt
import re

from flask import Blueprint, Response, abort, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import format_currency
from flask_babel import gettext as _
from flask_login import current_user

from ecogram.capabilities import Capability
from ecogram.dates import add_months
from ecogram.models import Network
from ecogram.plan_year import plan_year
from ecogram.report import network_report
from ecogram.report_suppression import DEFAULT_K, suppressed_report
from exports.report_formats import REPORT_FORMATS
from webapp import clock, database
from webapp.access import audit, require
from webapp.dashboard.figures import Period, dashboard_data
from webapp.errors import error_response
from webapp.labels import lang

bp = Blueprint("dashboard", __name__)

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_YEARS = 10  #: a longer period is a typo, and would only make endless charts


class PeriodError(ValueError):
    pass


def coordinated_network() -> Network:
    """The signed-in user's own network, if they monitor it; 404 for everyone else."""
    network: Network | None = current_user.network
    if network is None:
        abort(404)
    require(Capability.MONITOR, network)
    return network


def default_period(network: Network, today: dt.date) -> Period:
    plan = network.action_plan
    if plan is not None and plan.approved is not None:
        year = plan_year(plan.approved)
        return Period(year.start, year.end, plan_year=True)
    return Period(add_months(today, -12) + dt.timedelta(days=1), today, plan_year=False)


def _day(name: str, label: str, fallback: dt.date) -> dt.date:
    text = request.args.get(name)
    if text is None or text == "":
        return fallback
    if not ISO_DAY.fullmatch(text):
        raise PeriodError(_("%(field)s: enter a date as YYYY-MM-DD.", field=label))
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(_("%(field)s: this date does not exist.", field=label)) from None
    if not 2000 <= day.year <= 2100:
        raise PeriodError(_("%(field)s: enter a date between 2000 and 2100.", field=label))
    return day


def chosen_period(network: Network) -> Period:
    default = default_period(network, clock.today())
    if not request.args.get("from") and not request.args.get("to"):
        return default
    start = _day("from", _("From"), default.start)
    end = _day("to", _("To"), default.end)
    if end < start:
        raise PeriodError(_("%(field)s: the end must not be before the start.", field=_("To")))
    if end > add_months(start, 12 * MAX_YEARS):
        raise PeriodError(
            _("%(field)s: choose a period of at most %(n)s years.", field=_("To"), n=MAX_YEARS)
        )
    return Period(start, end, plan_year=(start, end) == (default.start, default.end))


def _period_or_400(network: Network) -> Period | Response:
    try:
        return chosen_period(network)
    except PeriodError as error:
        return error_response(400, str(error))


@bp.route("/dashboard")
def index() -> ResponseReturnValue:
    network = coordinated_network()
    period = _period_or_400(network)
    if isinstance(period, Response):
        return period
    data = dashboard_data(database.session(), network, period)
    version = data["report"]["plan"]["version"]
    return render_template(
        "dashboard/index.html",
        network=network,
        data=data,
        version_day=None if version is None else dt.date.fromisoformat(version["date"]),
        period=period,
        query={"from": period.start.isoformat(), "to": period.end.isoformat()},
        euro=_euro,
        k=DEFAULT_K,
    )


def _euro(value: float | None) -> str:
    return "—" if value is None else format_currency(value, "EUR")


@bp.route("/dashboard/data.json")
def data() -> ResponseReturnValue:
    network = coordinated_network()
    period = _period_or_400(network)
    if isinstance(period, Response):
        return period
    return jsonify(dashboard_data(database.session(), network, period))


#: The files a coordinator can take out of the network; JSON stays with `ecogram report`.
EXPORTS = ("csv", "xlsx", "pdf")


def export(kind: str) -> ResponseReturnValue:
    """The report for use outside the network: always suppressed with the default k, audited."""
    network = coordinated_network()
    period = _period_or_400(network)
    if isinstance(period, Response):
        return period
    report = network_report(database.session(), network.slug, period.start, period.end)
    published = suppressed_report(report, k=DEFAULT_K)
    audit(None, f"export_network_report_{kind}:{network.slug.value}")
    chosen = REPORT_FORMATS[kind]
    stem = f"ecogram-{network.slug.value}-{period.start.isoformat()}-{period.end.isoformat()}"
    return Response(
        chosen.write(published, lang()),
        mimetype=chosen.mimetype,
        headers={"Content-Disposition": f'attachment; filename="{chosen.filename(stem)}"'},
    )


# One fixed URL per format (no converter), so every route can be built by enumeration.
for _kind in EXPORTS:
    bp.add_url_rule(
        f"/dashboard/export.{_kind}", f"export_{_kind}", export, defaults={"kind": _kind}
    )
