"""The network's report: the figures `ecogram report` and the dashboard show.

The funnel is over the trajectories of one network referred within [start, end],
both days included. How the started trajectories stand at the period's end
(carried over, ended, ongoing, outcomes) and their impact on short stays are
`ecogram.year_figures`'s. Every figure is counted in SQL, in one statement over each
case's facts (`ecogram.report_facts`, refreshed first for the cases written since) and
the stays (`ecogram.report_query`, which says how it stays fast on both databases), so
the report's cost in round trips does not grow with the number of trajectories. Its
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
from ecogram.report_facts import ROLE_COLUMNS
from ecogram.report_model import (
    FUNNEL_KEYS,
    Funnel,
    NetworkReport,
    PlanFigures,
    PlanVersion,
    quarter_of,
)
from ecogram.report_query import FUNNEL_NUMBERS, report_parts
from ecogram.report_rows import FIRST_NUMBER
from ecogram.report_suppression import suppressed_report as suppressed_report
from ecogram.vocabulary import NetworkSlug, StayKind
from ecogram.year_figures import year_figures

# 12 trajectories for EUR 26,004 in one year (Oost-Vlaanderen; docs/domain.md).
REFERENCE_COST_PER_TRAJECTORY = round(26004 / 12, 2)
NO_REGION = "(none)"


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
    spent = round(totals["budget_cents"] / 100, 2)
    started = int(totals["started"])
    year = year_figures(parts["year"], parts["year_stays"])
    return NetworkReport(
        network=network_slug,
        start=start,
        end=end,
        plan=_plan(session, network_slug),
        totals=Funnel(*(int(totals[key]) for key in FUNNEL_KEYS)),
        carried_over=year.carried_over,
        ongoing=year.ongoing,
        ended=year.ended,
        extended=int(totals["extended"]),
        care_figures_found=int(totals["care_figures_found"]),
        roles={role.value: int(totals[ROLE_COLUMNS[role]]) for role in ROLES},
        non_parent_anchors=int(totals["non_parent_anchors"]),
        outcomes=year.outcomes,
        stays=stays,
        stay_days=stay_days,
        short_stays=year.short_stays,
        budget_spent=spent,
        cost_per_trajectory=round(spent / started, 2) if started else None,
        reference_cost_per_trajectory=REFERENCE_COST_PER_TRAJECTORY,
        by_region=funnel["by_region"],
        by_quarter=funnel["by_quarter"],
        by_month=funnel["by_month"],
    )


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
    """Totals, per region, per quarter and per month, from the funnel's rows.

    One row per month and region, holding `FUNNEL_NUMBERS` in order: the funnel's
    counts, and the figures the report gives only in total. Each row's five funnel
    counts are worked out once and added to its region and its month; the quarters are
    the sums of their months.
    """
    months = _months(start, end)
    by_region: dict[str, list[int]] = {name: [0] * len(FUNNEL_KEYS) for name in mine}
    by_month: dict[str, list[int]] = {month: [0] * len(FUNNEL_KEYS) for month in months}
    numbers = [row[FIRST_NUMBER : FIRST_NUMBER + len(FUNNEL_NUMBERS)] for row in rows]
    for row, (referrals, care_tables, deployments, started, *_) in zip(rows, numbers, strict=True):
        tables, budget = int(care_tables), int(deployments)
        counts = [int(referrals), tables, budget, tables - budget, int(started)]
        _add(by_region, NO_REGION if row.key is None else regions[row.key], counts)
        _add(by_month, row.month, counts)
    by_quarter = {quarter_of(month): [0] * len(FUNNEL_KEYS) for month in months}
    for month, counts in by_month.items():
        _add(by_quarter, quarter_of(month), counts)
    columns = zip(*numbers, strict=True) if numbers else ((),) * len(FUNNEL_NUMBERS)
    sums = [sum(float(value or 0) for value in column) for column in columns]
    totals = dict(zip(FUNNEL_NUMBERS, sums, strict=True))
    totals["regular_starts"] = totals["care_tables"] - totals["budget_deployments"]
    return {
        "totals": totals,
        "by_region": _named(by_region),
        "by_quarter": _named(by_quarter),
        "by_month": _named(by_month),
    }


def _add(table: dict[str, list[int]], key: str, counts: list[int]) -> None:
    bucket = table.setdefault(key, [0] * len(FUNNEL_KEYS))
    for i, count in enumerate(counts):
        bucket[i] += count


def _named(table: dict[str, list[int]]) -> dict[str, Funnel]:
    return {name: Funnel(*counts) for name, counts in sorted(table.items())}


def _months(start: dt.date, end: dt.date) -> list[str]:
    """Every month the period touches ('YYYY-MM'), so charts show empty ones as 0."""
    months: list[str] = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        months.append(f"{day.year:04d}-{day.month:02d}")
        day = add_months(day, 1)
    return months
