"""The network report's one statement: every count, as tagged rows of one `UNION ALL`.

Its cost in round trips does not grow with the number of trajectories, and its
cost in work stays one visit per trajectory and per counted row:

- The scope (a `MATERIALIZED` CTE) holds the network's trajectories that the funnel
  or the year needs (`ecogram.year_figures.in_year`, a superset of "referred within
  the period"), each with its two flags (has a care table, has a budget item)
  tested once. Both the funnel and the year read it; inlined, each reader would
  test the flags again (SQLite tested them twice per trajectory in the funnel alone).
- The funnel groups the scope's trajectories referred within the period by region,
  month and the two flags; the year groups the care-figure searches with a care
  table by "has a care figure" and outcome (`ecogram.year_figures.year_parts`).
- The roles are joined to their persons once (`held`, a `MATERIALIZED` CTE): the
  roles per role, the holders, the care figures, the night roles and the shortened
  stays all read it, where each used to join the roles to all persons again
  (PostgreSQL scanned the 300,000 persons for each).
- Figures about persons, roles, stays and budget items start from those rows and
  ask whether their trajectory is in scope (`EXISTS`), rather than visiting every
  person of every trajectory: most persons hold no role and are no care figure.
- Covering indexes (migrations 0010 and 0011) let SQLite answer the scope from an
  index, without reading the trajectories' rows.
- PostgreSQL runs it without JIT compilation, which cost seconds for this statement.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    SQLColumnExpression,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from ecogram.models import (
    AnchorPeriod,
    BudgetItem,
    CareTable,
    Person,
    Region,
    Stay,
    Trajectory,
)
from ecogram.report_rows import count, flag, tagged
from ecogram.vocabulary import CandidateStatus, PersonKind, TrajectoryKind
from ecogram.year_figures import held_roles, in_year, year_parts


def report_parts(
    session: Session, network_id: ColumnElement[Any], start: dt.date, end: dt.date
) -> dict[str, list[Any]]:
    """The rows of `one_pass`, by part."""
    if session.get_bind().dialect.name == "postgresql":
        # The statement's estimated cost passes PostgreSQL's JIT threshold, and compiling it
        # took seconds against a run of a fraction of one; the setting ends with the transaction.
        session.execute(text("SET LOCAL jit = off"))
    parts: dict[str, list[Any]] = defaultdict(list)
    for row in session.execute(one_pass(session, network_id, start, end)):
        parts[row.part].append(row)
    return parts


def one_pass(
    session: Session, network_id: ColumnElement[Any], start: dt.date, end: dt.date
) -> Select[Any]:
    """Every count of the report, as tagged rows of one statement."""

    def scoped(link: Any) -> ColumnElement[bool]:
        """Whether the row's trajectory (`link(trajectory)` says which) is in scope."""
        other = aliased(Trajectory)
        return exists().where(
            link(other), other.network_id == network_id, other.referred.between(start, end)
        )

    scope = (
        select(
            Trajectory.id,
            Trajectory.case_id,
            Trajectory.region_id,
            Trajectory.kind,
            Trajectory.referred,
            Trajectory.extended,
            Trajectory.ended,
            Trajectory.outcome,
            flag(Trajectory.id.in_(select(CareTable.trajectory_id))).label("has_table"),
            flag(Trajectory.id.in_(select(BudgetItem.trajectory_id))).label("has_budget"),
        )
        .where(Trajectory.network_id == network_id, in_year(Trajectory, start, end))
        .cte("scope")
        .prefix_with("MATERIALIZED")
    )
    t = scope.c
    month = _referral_month(session, t.referred)
    funnel = (
        select(
            *tagged(
                "funnel",
                t.region_id,
                month,
                (t.has_table, t.has_budget),
                [
                    func.count(),
                    count(t.kind == TrajectoryKind.CARE_FIGURE_SEARCH),
                    count(t.extended.is_(True)),
                ],
            )
        )
        .where(t.referred >= start)
        .group_by(t.region_id, month, t.has_table, t.has_budget)
    )
    regions = select(
        *tagged("region", Region.id, Region.name, (flag(Region.network_id == network_id), None))
    )
    # Uncorrelated, so that PostgreSQL hashes the cases once and SQLite lists them once.
    funnel_cases = select(Trajectory.case_id).where(
        Trajectory.network_id == network_id, Trajectory.referred.between(start, end)
    )
    held = held_roles(Person.case_id.in_(funnel_cases)).cte("held").prefix_with("MATERIALIZED")
    h = held.c
    roles = (
        select(*tagged("roles", h.role, numbers=[func.count()]))
        .where(h.in_scope == 1)
        .group_by(h.role)
    )
    # A care figure is found when suitable or holding a role: the two counts are disjoint.
    suitable = select(*tagged("found", numbers=[func.count()])).where(
        Person.candidate == CandidateStatus.SUITABLE,
        scoped(lambda other: other.case_id == Person.case_id),
    )
    holders = select(*tagged("found", numbers=[func.count(func.distinct(h.person_id))])).where(
        h.candidate != CandidateStatus.SUITABLE, h.in_scope == 1
    )
    anchors = (
        select(*tagged("anchors", numbers=[func.count(func.distinct(AnchorPeriod.case_id))]))
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
            *tagged(
                "stays",
                Stay.kind,
                numbers=[func.count(func.distinct(Stay.trajectory_id)), func.sum(days + 1)],
            )
        )
        .where(Stay.start <= end, scoped(lambda other: other.id == Stay.trajectory_id))
        .group_by(Stay.kind)
    )
    budget = select(*tagged("budget", numbers=[func.sum(BudgetItem.amount)])).where(
        scoped(lambda other: other.id == BudgetItem.trajectory_id)
    )
    year = year_parts(session, scope, held, start, end)
    parts = [funnel, regions, roles, suitable, holders, anchors, stays, budget, *year]
    return union_all(*parts)  # type: ignore[return-value]


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
