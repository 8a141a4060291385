"""The network's report: the figures `ecogram report` and the dashboard show.

The funnel is over the trajectories of one network referred within [start, end],
both days included. How the started trajectories stand at the period's end
(carried over, ended, ongoing, outcomes) and their impact on short stays are
`ecogram.year_figures`'s. Every figure is counted in SQL, in one statement
(`ecogram.report_query`, which says how it stays fast on both databases), so the
report's cost in round trips does not grow with the number of trajectories. Its
parts are tagged rows of one shape (`ecogram.report_rows`), put back together here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from ecogram.dates import add_months
from ecogram.models import ActionPlan, Network, RoleAssignment
from ecogram.plan_models import PlanRevision
from ecogram.plan_vocabulary import PlanStatus
from ecogram.plan_year import plan_year
from ecogram.report_model import (
    FUNNEL_KEYS,
    Funnel,
    NetworkReport,
    PlanFigures,
    PlanVersion,
    quarter_of,
)
from ecogram.report_query import report_parts
from ecogram.report_suppression import suppressed_report as suppressed_report
from ecogram.vocabulary import NetworkSlug, StayKind
from ecogram.year_figures import year_figures

# 12 trajectories for EUR 26,004 in one year (Oost-Vlaanderen; docs/domain.md).
REFERENCE_COST_PER_TRAJECTORY = round(26004 / 12, 2)
NO_REGION = "(none)"
#: The counts the funnel sums per (region, month, care table?, budget item?), in order.
SUM_KEYS = (
    "referrals",
    "searches",
    "extended",
)


def network_report(
    session: Session, network_slug: NetworkSlug, start: dt.date, end: dt.date
) -> NetworkReport:
    """The report over [start, end]; money rounded to cents."""
    network_id = select(Network.id).where(Network.slug == network_slug).scalar_subquery()
    parts = report_parts(session, network_id, start, end)
    regions = {row.key: row.month for row in parts["region"]}  # id -> name, every network
    mine = sorted(row.month for row in parts["region"] if row.table)
    funnel = _funnel(parts["funnel"], regions, mine, start, end)
    totals = funnel["totals"]
    stays = {kind.value: 0 for kind in StayKind}
    stay_days = dict(stays)
    for row in parts["stays"]:
        stays[StayKind(row.key).value] = int(row.n0)
        stay_days[StayKind(row.key).value] = round(float(row.n1 or 0))
    (spent_row,) = parts["budget"]
    spent = round(float(spent_row.n0 or 0), 2)
    roles = {role.key: int(role.n0) for role in parts["roles"]}
    started = totals.get("started", 0)
    year = year_figures(parts["year"])
    return NetworkReport(
        network=network_slug,
        start=start,
        end=end,
        plan=_plan(session, network_slug),
        totals=Funnel(*(totals.get(key, 0) for key in FUNNEL_KEYS)),
        carried_over=year.carried_over,
        ongoing=year.ongoing,
        ended=year.ended,
        extended=totals.get("extended", 0),
        care_figures_found=sum(int(row.n0 or 0) for row in parts["found"]),
        roles={role.value: roles.get(role.value, 0) for role in ROLES},
        non_parent_anchors=sum(int(row.n0 or 0) for row in parts["anchors"]),
        outcomes=year.outcomes,
        stays=stays,
        stay_days=stay_days,
        short_stays=year.short_stays,
        budget_spent=spent,
        cost_per_trajectory=round(spent / started, 2) if started else None,
        reference_cost_per_trajectory=REFERENCE_COST_PER_TRAJECTORY,
        by_region=_rows(funnel["by_region"]),
        by_quarter=_rows(funnel["by_quarter"]),
        by_month=_rows(funnel["by_month"]),
    )


def _rows(table: dict[str, dict[str, int]]) -> dict[str, Funnel]:
    return {name: Funnel.from_json(row) for name, row in table.items()}


#: The roles in the order the report lists them.
ROLES = tuple(RoleAssignment.role.type.enum_class or ())


def _plan(session: Session, network_slug: NetworkSlug) -> PlanFigures:
    row = session.execute(
        select(
            ActionPlan.approved,
            ActionPlan.committed,
            ActionPlan.budget,
            ActionPlan.status,
            ActionPlan.revision,
            PlanRevision.recorded_on,
        )
        .join(Network, ActionPlan.network_id == Network.id)
        .outerjoin(
            PlanRevision,
            and_(
                PlanRevision.plan_id == ActionPlan.id,
                PlanRevision.number == ActionPlan.revision,
            ),
        )
        .where(Network.slug == network_slug)
    ).one_or_none()
    if row is None:
        return PlanFigures()
    approved, committed, budget, status, revision, revised = row
    return PlanFigures(
        committed=committed,
        budget=None if budget is None else round(float(budget), 2),
        period=None if approved is None else plan_year(approved),
        status=PlanStatus(status).value,
        version=PlanVersion(revision, revised) if revision and revised else None,
    )


# --- Putting the parts back together ------------------------------------------------------


def _funnel(
    rows: list[Any], regions: dict[str | None, str], mine: list[str], start: dt.date, end: dt.date
) -> dict[str, Any]:
    """Totals, per region, per quarter and per month, from the funnel's grouped rows.

    Grouping on "has a care table" and "has a budget item" rather than summing them
    tests each once per trajectory; at most regions x months x 4 rows come back.
    """
    by_region = {name: _zero_funnel() for name in mine}
    months = _months(start, end)
    by_quarter = {quarter_of(month): _zero_funnel() for month in months}
    by_month = {month: _zero_funnel() for month in months}
    totals: dict[str, int] = {}
    for found in rows:
        sums = (getattr(found, f"n{i}") for i in range(len(SUM_KEYS)))
        row = {key: int(value or 0) for key, value in zip(SUM_KEYS, sums, strict=True)}
        row["care_tables"] = row["referrals"] if found.table else 0
        row["budget_deployments"] = row["care_tables"] if found.budget else 0
        row["regular_starts"] = 0 if found.budget else row["care_tables"]
        row["started"] = row["searches"] if found.table else 0
        for key, value in row.items():
            totals[key] = totals.get(key, 0) + value
        region = NO_REGION if found.key is None else regions[found.key]
        for bucket in (
            by_region.setdefault(region, _zero_funnel()),
            by_quarter.setdefault(quarter_of(found.month), _zero_funnel()),
            by_month.setdefault(found.month, _zero_funnel()),
        ):
            for key in FUNNEL_KEYS:
                bucket[key] += row[key]
    return {
        "totals": totals,
        "by_region": dict(sorted(by_region.items())),
        "by_quarter": dict(sorted(by_quarter.items())),
        "by_month": dict(sorted(by_month.items())),
    }


def _zero_funnel() -> dict[str, int]:
    return {key: 0 for key in FUNNEL_KEYS}


def _months(start: dt.date, end: dt.date) -> list[str]:
    """Every month the period touches ('YYYY-MM'), so charts show empty ones as 0."""
    months: list[str] = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        months.append(f"{day.year:04d}-{day.month:02d}")
        day = add_months(day, 1)
    return months
