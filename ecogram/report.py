"""The network's report: the figures `ecogram report` and the dashboard show.

The funnel is over the trajectories of one network referred within [start, end],
both days included. How the started trajectories stand at the period's end
(carried over, ended, ongoing, outcomes) and their impact on short stays are
`ecogram.year_figures`'s. The counting happens in SQL with a fixed number of
queries, whatever the number of trajectories (the target is 100,000 in under a
second).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, case, func, literal, or_, select
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
from ecogram.report_suppression import suppressed_report as suppressed_report
from ecogram.vocabulary import (
    CandidateStatus,
    NetworkSlug,
    PersonKind,
    Role,
    StayKind,
    TrajectoryKind,
)
from ecogram.year_figures import year_figures

# 12 trajectories for EUR 26,004 in one year (Oost-Vlaanderen; docs/domain.md).
REFERENCE_COST_PER_TRAJECTORY = round(26004 / 12, 2)
NO_REGION = "(none)"


def network_report(
    session: Session, network_slug: NetworkSlug, start: dt.date, end: dt.date
) -> NetworkReport:
    """The report over [start, end]; money rounded to cents."""
    network_id = select(Network.id).where(Network.slug == network_slug).scalar_subquery()
    in_scope = and_(Trajectory.network_id == network_id, Trajectory.referred.between(start, end))
    funnel = _funnel(session, network_id, in_scope, start, end)
    totals = funnel["totals"]
    stays, stay_days = _stays(session, in_scope, end)
    spent = _budget_spent(session, in_scope)
    started = totals.get("started", 0)
    year = year_figures(session, network_id, start, end)
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
        care_figures_found=_care_figures_found(session, in_scope),
        roles=_roles(session, in_scope),
        non_parent_anchors=totals.get("non_parent_anchors", 0),
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


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def _trajectory_sums(end: dt.date) -> list[tuple[str, ColumnElement[Any]]]:
    """The counts each trajectory adds to once, as (dotted key, SQL sum)."""
    non_parent_anchor = Trajectory.case_id.in_(
        select(AnchorPeriod.case_id)
        .join(Person, AnchorPeriod.person_id == Person.id)
        .where(Person.kind != PersonKind.PARENT)
    )
    sums: list[tuple[str, ColumnElement[Any]]] = [
        ("referrals", func.count(Trajectory.id)),
        ("searches", _count(Trajectory.kind == TrajectoryKind.CARE_FIGURE_SEARCH)),
        ("extended", _count(Trajectory.extended.is_(True))),
        ("non_parent_anchors", _count(non_parent_anchor)),
    ]
    return sums


def _funnel(
    session: Session,
    network_id: Any,
    in_scope: ColumnElement[bool],
    start: dt.date,
    end: dt.date,
) -> dict[str, Any]:
    """Totals, per region, per quarter and per month, from one query.

    "Has a care table" and "has a budget item" are needed by several figures, so
    they are grouped on rather than summed: each is then tested once per trajectory.
    They are `IN (subquery)` tests, whose set both databases build once, not
    correlated EXISTS probes. Rows are grouped by region and month, so at most
    regions x months x 4 rows come back, whatever the number of trajectories.
    """
    sums = _trajectory_sums(end)
    month = _referral_month(session)
    has_table = _flag(Trajectory.id.in_(select(CareTable.trajectory_id)))
    has_budget = _flag(Trajectory.id.in_(select(BudgetItem.trajectory_id)))
    rows = session.execute(
        select(Region.name, month, has_table, has_budget, *(column for _, column in sums))
        .outerjoin(Region, Trajectory.region_id == Region.id)
        .where(in_scope)
        .group_by(Region.name, month, has_table, has_budget)
    ).all()
    regions = session.scalars(select(Region.name).where(Region.network_id == network_id))
    by_region = {name: _zero_funnel() for name in sorted(regions)}
    months = _months(start, end)
    by_quarter = {quarter_of(month): _zero_funnel() for month in months}
    by_month = {month: _zero_funnel() for month in months}
    totals: dict[str, int] = {}
    for region, row_month, table, budget, *values in rows:
        row = {key: int(value or 0) for (key, _), value in zip(sums, values, strict=True)}
        row["care_tables"] = row["referrals"] if table else 0
        row["budget_deployments"] = row["care_tables"] if budget else 0
        row["regular_starts"] = 0 if budget else row["care_tables"]
        row["started"] = row["searches"] if table else 0
        for key, value in row.items():
            totals[key] = totals.get(key, 0) + value
        for bucket in (
            by_region.setdefault(region or NO_REGION, _zero_funnel()),
            by_quarter.setdefault(quarter_of(row_month), _zero_funnel()),
            by_month.setdefault(row_month, _zero_funnel()),
        ):
            for key in FUNNEL_KEYS:
                bucket[key] += row[key]
    return {
        "totals": totals,
        "by_region": dict(sorted(by_region.items())),
        "by_quarter": dict(sorted(by_quarter.items())),
        "by_month": dict(sorted(by_month.items())),
    }


def _referral_month(session: Session) -> ColumnElement[str]:
    """'YYYY-MM' of the referral; strftime/extract cost SQLite more than the counting."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(Trajectory.referred, 1, 7)  # SQLite stores dates as ISO text
    return func.to_char(Trajectory.referred, "YYYY-MM")


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


def _case_of_scope() -> ColumnElement[bool]:
    return Trajectory.case_id == Person.case_id


def _care_figures_found(session: Session, in_scope: ColumnElement[bool]) -> int:
    has_role = Person.id.in_(select(RoleAssignment.person_id))
    # A case has one trajectory, so the join gives each person once: no DISTINCT needed.
    found = session.scalar(
        select(func.count(Person.id))
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


def _stays(
    session: Session, in_scope: ColumnElement[bool], end: dt.date
) -> tuple[dict[str, int], dict[str, int]]:
    """Per stay kind: the trajectories with such a stay, and its days.

    Days count both ends; nothing after the report's `end` counts, so an open stay
    runs up to `end`. The trajectories are there so suppression can tell how many
    children a number of days is about.
    """
    until = case((or_(Stay.end.is_(None), Stay.end > end), literal(end, Date)), else_=Stay.end)
    if session.get_bind().dialect.name == "sqlite":
        # SQLite keeps dates as ISO text: julianday() turns them into day numbers.
        days: ColumnElement[Any] = func.julianday(until) - func.julianday(Stay.start)
    else:
        days = until - Stay.start  # PostgreSQL: date - date is a number of days
    rows = session.execute(
        select(Stay.kind, func.count(func.distinct(Stay.trajectory_id)), func.sum(days + 1))
        .join(Trajectory, Stay.trajectory_id == Trajectory.id)
        .where(in_scope, Stay.start <= end)
        .group_by(Stay.kind)
    ).all()
    stays = {kind.value: 0 for kind in StayKind}
    stay_days = dict(stays)
    for kind, trajectories, total in rows:
        stays[StayKind(kind).value] = int(trajectories)
        stay_days[StayKind(kind).value] = round(float(total or 0))
    return stays, stay_days


def _budget_spent(session: Session, in_scope: ColumnElement[bool]) -> float:
    total = session.scalar(
        select(func.sum(BudgetItem.amount))
        .join(Trajectory, BudgetItem.trajectory_id == Trajectory.id)
        .where(in_scope)
    )
    return round(float(total or 0), 2)
