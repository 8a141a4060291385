"""The network's report: the figures `ecogram report` and the dashboard show.

The funnel is over the trajectories of one network referred within [start, end],
both days included. How the started trajectories stand at the period's end
(carried over, ended, ongoing, outcomes) and their impact on short stays are
`ecogram.year_figures`'s. The funnel and the figures about persons, roles, stays
and money are counted in SQL, in one statement over a CTE of the trajectories in
scope, so their cost in round trips does not grow with the number of trajectories.

How the statement stays fast on both databases:
- The funnel reads the CTE once and groups it by region, month and two flags
  (has a care table, has a budget item); the flags are `IN (subquery)` tests,
  whose set PostgreSQL hashes once and SQLite answers from the child table's index.
- Figures about persons, roles, stays and budget items start from those rows and
  ask whether their trajectory is in scope (`EXISTS`), rather than visiting every
  person of every trajectory: most persons hold no role and are no care figure.
- Covering indexes (migration 0010) let SQLite answer each part from an index.
Its parts are tagged rows of one shape, put back together here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Numeric,
    Select,
    SQLColumnExpression,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

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
    StayKind,
    TrajectoryKind,
)
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
    parts: dict[str, list[Any]] = defaultdict(list)
    for row in session.execute(_one_pass(session, network_id, start, end)):
        parts[row.part].append(row)
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
        care_figures_found=sum(int(row.n0 or 0) for row in parts["found"]),
        roles={role.value: roles.get(role.value, 0) for role in _ROLES},
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


# --- The one statement -------------------------------------------------------------------

_ROLES = tuple(RoleAssignment.role.type.enum_class or ())
#: Each part's rows: a tag, two keys, two flags and up to twelve numbers.
_WIDTH = len(SUM_KEYS)


def _row(
    part: str,
    key: SQLColumnExpression[Any] | None = None,
    month: SQLColumnExpression[Any] | None = None,
    flags: Sequence[SQLColumnExpression[Any] | None] = (None, None),
    numbers: Sequence[ColumnElement[Any]] = (),
) -> list[ColumnElement[Any]]:
    """One part's columns in the shape every part shares; what a part lacks is NULL."""

    def text(value: SQLColumnExpression[Any] | None) -> ColumnElement[Any]:
        return cast(null() if value is None else value, String)

    def whole(value: SQLColumnExpression[Any] | None) -> SQLColumnExpression[Any]:
        return cast(null(), Integer) if value is None else value

    padded = list(numbers) + [null()] * (_WIDTH - len(numbers))
    return [
        literal(part, String).label("part"),
        text(key).label("key"),
        text(month).label("month"),
        whole(flags[0]).label("table"),
        whole(flags[1]).label("budget"),
        *(cast(n, Numeric).label(f"n{i}") for i, n in enumerate(padded)),
    ]


def _one_pass(
    session: Session, network_id: ColumnElement[Any], start: dt.date, end: dt.date
) -> Select[Any]:
    """Every count of the report, as tagged rows of one statement."""
    in_scope = and_(Trajectory.network_id == network_id, Trajectory.referred.between(start, end))

    def scoped(link: Any) -> ColumnElement[bool]:
        """Whether the row's trajectory (`link(trajectory)` says which) is in scope."""
        other = aliased(Trajectory)
        return exists().where(
            link(other), other.network_id == network_id, other.referred.between(start, end)
        )

    scope = (
        select(
            Trajectory.id,
            Trajectory.region_id,
            Trajectory.kind,
            Trajectory.referred,
            Trajectory.extended,
            _flag(Trajectory.id.in_(select(CareTable.trajectory_id))).label("has_table"),
            _flag(Trajectory.id.in_(select(BudgetItem.trajectory_id))).label("has_budget"),
        )
        .where(in_scope)
        .cte("scope")
    )
    t = scope.c
    month = _referral_month(session, t.referred)
    funnel = select(
        *_row(
            "funnel",
            t.region_id,
            month,
            (t.has_table, t.has_budget),
            [
                func.count(),
                _count(t.kind == TrajectoryKind.CARE_FIGURE_SEARCH),
                _count(t.extended.is_(True)),
            ],
        )
    ).group_by(t.region_id, month, t.has_table, t.has_budget)
    regions = select(
        *_row("region", Region.id, Region.name, (_flag(Region.network_id == network_id), None))
    )
    by_person = RoleAssignment.person_id == Person.id
    roles = (
        select(*_row("roles", RoleAssignment.role, numbers=[func.count()]))
        .join(Person, by_person)
        .where(scoped(lambda other: other.case_id == Person.case_id))
        .group_by(RoleAssignment.role)
    )
    # A care figure is found when suitable or holding a role: the two counts are disjoint.
    suitable = select(*_row("found", numbers=[func.count()])).where(
        Person.candidate == CandidateStatus.SUITABLE,
        scoped(lambda other: other.case_id == Person.case_id),
    )
    holders = (
        select(*_row("found", numbers=[func.count(func.distinct(Person.id))]))
        .select_from(RoleAssignment)
        .join(Person, by_person)
        .where(
            Person.candidate != CandidateStatus.SUITABLE,
            scoped(lambda other: other.case_id == Person.case_id),
        )
    )
    anchors = (
        select(*_row("anchors", numbers=[func.count(func.distinct(AnchorPeriod.case_id))]))
        .join(Person, AnchorPeriod.person_id == Person.id)
        .where(
            Person.kind != PersonKind.PARENT,
            scoped(lambda other: other.case_id == Person.case_id),
        )
    )
    until = case((or_(Stay.end.is_(None), Stay.end > end), literal(end, Date)), else_=Stay.end)
    days = _days_between(session, Stay.start, until)
    stays = (
        select(
            *_row(
                "stays",
                Stay.kind,
                numbers=[func.count(func.distinct(Stay.trajectory_id)), func.sum(days + 1)],
            )
        )
        .where(Stay.start <= end, scoped(lambda other: other.id == Stay.trajectory_id))
        .group_by(Stay.kind)
    )
    budget = select(*_row("budget", numbers=[func.sum(BudgetItem.amount)])).where(
        scoped(lambda other: other.id == BudgetItem.trajectory_id)
    )
    return union_all(funnel, regions, roles, suitable, holders, anchors, stays, budget)  # type: ignore[return-value]


def _referral_month(session: Session, referred: ColumnElement[Any]) -> ColumnElement[str]:
    """'YYYY-MM' of the referral; strftime/extract cost SQLite more than the counting."""
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(referred, 1, 7)  # SQLite stores dates as ISO text
    return func.to_char(referred, "YYYY-MM")


def _days_between(
    session: Session, first: SQLColumnExpression[Any], last: SQLColumnExpression[Any]
) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        # SQLite keeps dates as ISO text: julianday() turns them into day numbers.
        return func.julianday(last) - func.julianday(first)
    return last - first  # PostgreSQL: date - date is a number of days


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
        sums = (getattr(found, f"n{i}") for i in range(_WIDTH))
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
