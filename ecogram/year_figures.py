"""The trajectories of a period as stock and flow, and their impact on short stays.

One definition per figure, over one network's care-figure searches that had a care
table (the trajectories the action plan commits to), for a period [start, end]
with both days included (the plan year, or any other):

- started: referred within the period (`network_report`'s `started`);
- carried over: referred before the period and not ended before its first day;
- ended: of those two, ended on or before the period's last day;
- ongoing: of those two, not ended by the period's last day;
- outcomes: the ended ones per outcome, `not_recorded` for an end without one.

So `carried_over + started = ended + ongoing`, `ended <= started + carried_over`, and
the outcomes add up to the ended, by construction and whatever the data.

Impact on short stays, over the same trajectories (`started + carried_over`), counting
stays in a residential group or a crisis foster family only (not hospital):

- with / without a care figure: a person other than a parent held a role in the
  case that began on or before the period's last day;
- stay days of each group: the days of those stays within the period, both ends
  counted (an open stay runs to the period's last day);
- instead of a stay: a care figure held a night role (respite or heavier) and the
  child had no such stay during the period;
- shortened: such a stay ended within the period, and a care figure's night role
  began during it or at most 7 days after its last day: the child went from the
  stay to a care figure.

Neither says what would have happened otherwise: "instead" and "shortened" are
what the data shows beside a care figure, not proof that the care figure caused it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from ecogram.labels import NOT_RECORDED
from ecogram.models import Person, RoleAssignment, Stay, Trajectory
from ecogram.report_rows import day_number, flag, tagged
from ecogram.vocabulary import Outcome, PersonKind, Role, StayKind, TrajectoryKind

OUTCOME_KEYS = (*(o.value for o in Outcome), NOT_RECORDED)
SHORT_STAYS = (StayKind.RESIDENTIAL_GROUP, StayKind.CRISIS_FOSTER_FAMILY)
NIGHT_ROLES = tuple(role for role in Role if role.rank >= Role.RESPITE.rank)
#: at most this many days from a stay's last day to a care figure's first night
SHORTENED_WITHIN = 7
IMPACT_KEYS = (
    "with_care_figure",
    "without_care_figure",
    "days_with_care_figure",
    "days_without_care_figure",
    "instead_of_stay",
    "shortened",
)


@dataclass(frozen=True)
class YearFigures:
    carried_over: int
    ended: int
    ongoing: int
    outcomes: dict[str, int]
    short_stays: dict[str, int]


def in_year(trajectory: Any, start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """Referred by the period's end, and not ended before its first day.

    A superset of the funnel's trajectories (referred within the period), so that one
    scope of trajectories serves both.
    """
    return and_(
        trajectory.referred <= end,
        or_(trajectory.referred >= start, trajectory.ended.is_(None), trajectory.ended >= start),
    )


def year_parts(
    session: Session, scope: Any, held: Any, start: dt.date, end: dt.date
) -> list[Select[Any]]:
    """The figures above as one part of the report's one statement.

    `scope` holds the network's trajectories `in_year`, each with `has_table`; `held`
    every role with its person's case, kind and candidate status (`held_roles`). The
    part groups the care-figure searches with a care table by "has a care figure"
    (flag `table`) and by outcome when ended (flag `budget`: ended). Each trajectory
    sums the days of its own short stays, found by their index: a trajectory with
    no such stay has no days (NULL), which is also what "instead of a stay" asks.
    """
    t = scope.c
    ended = and_(t.ended.is_not(None), t.ended <= end)
    night = t.case_id.in_(_figure_cases(held, end, night_only=True))
    days = _stay_days(session, t.id, start, end)
    # Each trajectory's facts first, grouped after: PostgreSQL groups only by columns
    # when the expressions carry parameters of their own.
    facts = (
        select(
            flag(t.case_id.in_(_figure_cases(held, end, night_only=False))).label("figure"),
            flag(ended).label("ended"),
            case((ended, t.outcome)).label("outcome"),
            flag(t.referred < start).label("carried"),
            flag(and_(night, days.is_(None))).label("instead"),
            flag(t.id.in_(_shortened(session, held, start, end))).label("shortened"),
            days.label("days"),
        )
        .where(t.kind == TrajectoryKind.CARE_FIGURE_SEARCH, t.has_table == 1)
        .subquery("year_facts")
    )
    f = facts.c
    sums = [func.sum(f.carried), func.sum(f.instead), func.sum(f.shortened), func.sum(f.days)]
    year = select(
        *tagged("year", f.outcome, flags=(f.figure, f.ended), numbers=[func.count(), *sums])
    ).group_by(f.figure, f.ended, f.outcome)
    return [year]


def year_figures(rows: list[Any]) -> YearFigures:
    """The figures from the rows of `year_parts`."""
    totals = {"carried_over": 0, "ended": 0, "ongoing": 0, "instead": 0, "shortened": 0}
    outcomes = {key: 0 for key in OUTCOME_KEYS}
    groups = {0: 0, 1: 0}
    days = {0: 0.0, 1: 0.0}
    for row in rows:
        trajectories = int(row.n0 or 0)
        groups[int(row.table)] += trajectories
        totals["carried_over"] += int(row.n1 or 0)
        totals["instead"] += int(row.n2 or 0)
        totals["shortened"] += int(row.n3 or 0)
        days[int(row.table)] += float(row.n4 or 0)
        if row.budget:
            totals["ended"] += trajectories
            outcomes[NOT_RECORDED if row.key is None else Outcome(row.key).value] += trajectories
        else:
            totals["ongoing"] += trajectories
    return YearFigures(
        carried_over=totals["carried_over"],
        ended=totals["ended"],
        ongoing=totals["ongoing"],
        outcomes=outcomes,
        short_stays={
            "with_care_figure": groups[1],
            "without_care_figure": groups[0],
            "days_with_care_figure": round(days[1]),
            "days_without_care_figure": round(days[0]),
            "instead_of_stay": totals["instead"],
            "shortened": totals["shortened"],
        },
    )


def held_roles(in_scope: ColumnElement[bool]) -> Any:
    """Every role with its person's case, kind and candidate status, for a `MATERIALIZED` CTE.

    The report asks five questions of the roles (per role, holders, care figures,
    night roles, shortened stays); joined to the persons once, their answers cost one
    visit of the roles, not five. `in_scope` (of `Person`) is tested once per role too,
    for the two that count only the funnel's trajectories.
    """
    return select(
        Person.case_id,
        Person.id.label("person_id"),
        Person.kind,
        Person.candidate,
        RoleAssignment.role,
        RoleAssignment.start,
        flag(in_scope).label("in_scope"),
    ).join(Person, RoleAssignment.person_id == Person.id)


def _figure_cases(held: Any, end: dt.date, *, night_only: bool) -> Any:
    h = held.c
    query = select(h.case_id).where(h.kind != PersonKind.PARENT, h.start <= end)
    if night_only:
        query = query.where(h.role.in_(NIGHT_ROLES))
    return query


def _shortened(session: Session, held: Any, start: dt.date, end: dt.date) -> Any:
    h = held.c
    gap = day_number(session, h.start) - day_number(session, Stay.end)
    return (
        select(Stay.trajectory_id)
        .join(Trajectory, Stay.trajectory_id == Trajectory.id)
        .join(held, h.case_id == Trajectory.case_id)
        .where(
            Stay.kind.in_(SHORT_STAYS),
            Stay.end.between(start, end),
            h.kind != PersonKind.PARENT,
            h.role.in_(NIGHT_ROLES),
            h.start >= Stay.start,
            gap <= SHORTENED_WITHIN,
        )
    )


def _stay_days(session: Session, trajectory_id: Any, start: dt.date, end: dt.date) -> Any:
    """The days of the trajectory's short stays within [start, end]; NULL when it had none."""
    first = case((Stay.start < start, literal(start, Date)), else_=Stay.start)
    last = case((or_(Stay.end.is_(None), Stay.end > end), literal(end, Date)), else_=Stay.end)
    days = day_number(session, last) - day_number(session, first) + 1
    return (
        select(func.sum(days))
        .where(
            Stay.trajectory_id == trajectory_id,
            Stay.kind.in_(SHORT_STAYS),
            Stay.start <= end,
            or_(Stay.end.is_(None), Stay.end >= start),
        )
        .scalar_subquery()
    )
