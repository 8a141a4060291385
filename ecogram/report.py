"""The network's report: the figures `ecogram report` and the dashboard show (issue 4).

Every figure is over the trajectories of one network referred within [start, end],
both days included. The counting happens in SQL with a fixed number of queries,
whatever the number of trajectories (the target is 100,000 in under a second).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, extract, func, or_, select
from sqlalchemy.orm import Session

from ecogram.dates import add_months
from ecogram.models import (
    ActionPlan,
    AnchorPeriod,
    BudgetItem,
    CareTable,
    Network,
    Person,
    Region,
    RoleAssignment,
    Stay,
    Trajectory,
)
from ecogram.vocabulary import (
    CandidateStatus,
    NetworkSlug,
    Outcome,
    PersonKind,
    Role,
    StayKind,
    TrajectoryKind,
)

# 12 trajectories for EUR 26,004 in one year (DOMAIN, Oost-Vlaanderen).
REFERENCE_COST_PER_TRAJECTORY = round(26004 / 12, 2)
NO_REGION = "(none)"
FUNNEL_KEYS = ("referrals", "care_tables", "budget_deployments", "regular_starts", "started")


def network_report(
    session: Session, network_slug: NetworkSlug, start: dt.date, end: dt.date
) -> dict[str, Any]:
    """The report as a JSON-ready dict (dates ISO, money as floats with 2 decimals)."""
    network_id = select(Network.id).where(Network.slug == network_slug).scalar_subquery()
    in_scope = and_(Trajectory.network_id == network_id, Trajectory.referred.between(start, end))
    report: dict[str, Any] = {
        "network": network_slug.value,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "plan": _plan(session, network_slug),
    }
    funnel = _funnel(session, network_id, in_scope, start, end)
    report.update(funnel.pop("totals"))
    report["care_figures_found"] = _care_figures_found(session, in_scope)
    report["roles"] = _roles(session, in_scope)
    report["non_parent_anchors"] = _non_parent_anchors(session, in_scope)
    report["outcomes"] = _outcomes(session, in_scope)
    report["stay_days"] = _stay_days(session, in_scope, end)
    spent = _budget_spent(session, in_scope)
    started = report["started"]
    report["budget_spent"] = spent
    report["cost_per_trajectory"] = round(spent / started, 2) if started else None
    report["reference_cost_per_trajectory"] = REFERENCE_COST_PER_TRAJECTORY
    report["by_region"] = funnel["by_region"]
    report["by_quarter"] = funnel["by_quarter"]
    return report


def _plan(session: Session, network_slug: NetworkSlug) -> dict[str, Any]:
    row = session.execute(
        select(ActionPlan.approved, ActionPlan.committed, ActionPlan.budget)
        .join(Network, ActionPlan.network_id == Network.id)
        .where(Network.slug == network_slug)
    ).one_or_none()
    if row is None:
        return {"committed": None, "budget": None, "period": None}
    approved, committed, budget = row
    # The year is half-open like every other period: `to` is the first day after it.
    period = (
        None
        if approved is None
        else {"from": approved.isoformat(), "to": add_months(approved, 12).isoformat()}
    )
    return {
        "committed": committed,
        "budget": None if budget is None else round(float(budget), 2),
        "period": period,
    }


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def _funnel(
    session: Session,
    network_id: Any,
    in_scope: ColumnElement[bool],
    start: dt.date,
    end: dt.date,
) -> dict[str, Any]:
    """Totals, per region and per quarter, from one query grouped by region and month.

    At most (regions x months) rows come back, so folding them in Python stays
    independent of the number of trajectories.
    """
    has_table = exists().where(CareTable.trajectory_id == Trajectory.id)
    has_budget = exists().where(BudgetItem.trajectory_id == Trajectory.id)
    year = extract("year", Trajectory.referred)
    month = extract("month", Trajectory.referred)
    rows = session.execute(
        select(
            Region.name,
            year,
            month,
            func.count(Trajectory.id),
            _count(has_table),
            _count(and_(has_table, has_budget)),
            _count(and_(has_table, ~has_budget)),
            _count(and_(has_table, Trajectory.kind == TrajectoryKind.CARE_FIGURE_SEARCH)),
            _count(or_(Trajectory.ended.is_(None), Trajectory.ended > end)),
            _count(Trajectory.ended <= end),
            _count(Trajectory.extended.is_(True)),
        )
        .outerjoin(Region, Trajectory.region_id == Region.id)
        .where(in_scope)
        .group_by(Region.name, year, month)
    ).all()
    regions = session.scalars(select(Region.name).where(Region.network_id == network_id))
    by_region = {name: _zero_funnel() for name in sorted(regions)}
    by_quarter = {key: _zero_funnel() for key in _quarters(start, end)}
    totals = {key: 0 for key in (*FUNNEL_KEYS, "ongoing", "ended", "extended")}
    for region, row_year, row_month, *counts in rows:
        values = [int(count) for count in counts]
        for key, value in zip(totals, values, strict=True):
            totals[key] += value
        quarter = _quarter_key(int(row_year), int(row_month))
        for bucket in (
            by_region.setdefault(region or NO_REGION, _zero_funnel()),
            by_quarter.setdefault(quarter, _zero_funnel()),
        ):
            for key, value in zip(FUNNEL_KEYS, values, strict=False):
                bucket[key] += value
    return {
        "totals": totals,
        "by_region": dict(sorted(by_region.items())),
        "by_quarter": dict(sorted(by_quarter.items())),
    }


def _zero_funnel() -> dict[str, int]:
    return {key: 0 for key in FUNNEL_KEYS}


def _quarter_key(year: int, month: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


def _quarters(start: dt.date, end: dt.date) -> list[str]:
    """Every quarter the period touches, so charts show empty quarters as 0."""
    keys: list[str] = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        key = _quarter_key(day.year, day.month)
        if key not in keys:
            keys.append(key)
        day = add_months(day, 1)
    return keys


def _case_of_scope() -> ColumnElement[bool]:
    return Trajectory.case_id == Person.case_id


def _care_figures_found(session: Session, in_scope: ColumnElement[bool]) -> int:
    has_role = exists().where(RoleAssignment.person_id == Person.id)
    found = session.scalar(
        select(func.count(func.distinct(Person.id)))
        .join(Trajectory, _case_of_scope())
        .where(in_scope, or_(Person.candidate == CandidateStatus.SUITABLE, has_role))
    )
    return int(found or 0)


def _roles(session: Session, in_scope: ColumnElement[bool]) -> dict[str, int]:
    rows = session.execute(
        select(RoleAssignment.role, func.count(RoleAssignment.id))
        .join(Person, RoleAssignment.person_id == Person.id)
        .join(Trajectory, _case_of_scope())
        .where(in_scope)
        .group_by(RoleAssignment.role)
    ).all()
    counts = {Role(role).value: int(n) for role, n in rows}
    return {role.value: counts.get(role.value, 0) for role in Role}


def _non_parent_anchors(session: Session, in_scope: ColumnElement[bool]) -> int:
    cases = session.scalar(
        select(func.count(func.distinct(AnchorPeriod.case_id)))
        .join(Person, AnchorPeriod.person_id == Person.id)
        .join(Trajectory, Trajectory.case_id == AnchorPeriod.case_id)
        .where(in_scope, Person.kind != PersonKind.PARENT)
    )
    return int(cases or 0)


def _outcomes(session: Session, in_scope: ColumnElement[bool]) -> dict[str, int]:
    rows = session.execute(
        select(Trajectory.outcome, func.count(Trajectory.id))
        .where(in_scope, Trajectory.outcome.is_not(None))
        .group_by(Trajectory.outcome)
    ).all()
    counts = {Outcome(outcome).value: int(n) for outcome, n in rows if outcome is not None}
    return {outcome.value: counts.get(outcome.value, 0) for outcome in Outcome}


def _stay_days(session: Session, in_scope: ColumnElement[bool], end: dt.date) -> dict[str, int]:
    """Days per stay kind, both ends included; nothing after the report's `end` counts.

    Date arithmetic differs between SQLite (julianday) and PostgreSQL (date - date),
    so the stays come back in ONE query and the days are summed here. That is one
    row per stay, not one query per trajectory.
    """
    rows = session.execute(
        select(Stay.kind, Stay.start, Stay.end)
        .join(Trajectory, Stay.trajectory_id == Trajectory.id)
        .where(in_scope, Stay.start <= end)
    ).all()
    days = {kind.value: 0 for kind in StayKind}
    for kind, first, last in rows:
        until = end if last is None or last > end else last
        days[StayKind(kind).value] += (until - first).days + 1
    return days


def _budget_spent(session: Session, in_scope: ColumnElement[bool]) -> float:
    total = session.scalar(
        select(func.sum(BudgetItem.amount))
        .join(Trajectory, BudgetItem.trajectory_id == Trajectory.id)
        .where(in_scope)
    )
    return round(float(total or 0), 2)
