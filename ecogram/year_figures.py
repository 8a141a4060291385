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

from sqlalchemy import ColumnElement, Date, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from ecogram.labels import NOT_RECORDED
from ecogram.models import CareTable, Person, RoleAssignment, Stay, Trajectory
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


def year_figures(session: Session, network_id: Any, start: dt.date, end: dt.date) -> YearFigures:
    """The figures above in two queries, whatever the number of trajectories."""
    in_year = _in_year(network_id, start, end)
    figure = Trajectory.case_id.in_(_figure_cases(end, night_only=False))
    night = Trajectory.case_id.in_(_figure_cases(end, night_only=True))
    stayed = Trajectory.id.in_(
        select(Stay.trajectory_id).where(
            Stay.kind.in_(SHORT_STAYS),
            Stay.start <= end,
            or_(Stay.end.is_(None), Stay.end >= start),
        )
    )
    ended = and_(Trajectory.ended.is_not(None), Trajectory.ended <= end)
    columns: list[tuple[str, ColumnElement[Any]]] = [
        ("carried_over", _count(Trajectory.referred < start)),
        ("ended", _count(ended)),
        ("ongoing", _count(or_(Trajectory.ended.is_(None), Trajectory.ended > end))),
        ("instead_of_stay", _count(and_(night, ~stayed))),
        ("shortened", _count(Trajectory.id.in_(_shortened(session, start, end)))),
    ]
    columns += [
        (f"outcome.{o.value}", _count(and_(ended, Trajectory.outcome == o))) for o in Outcome
    ]
    columns.append((f"outcome.{NOT_RECORDED}", _count(and_(ended, Trajectory.outcome.is_(None)))))
    has_figure = case((figure, 1), else_=0)
    rows = session.execute(
        select(has_figure, func.count(Trajectory.id), *(c for _, c in columns))
        .where(in_year)
        .group_by(has_figure)
    ).all()
    totals = {key: 0 for key, _ in columns}
    groups = {0: 0, 1: 0}
    for flag, count, *values in rows:
        groups[int(flag)] = int(count)
        for (key, _), value in zip(columns, values, strict=True):
            totals[key] += int(value or 0)
    days = _stay_days(session, in_year, figure, start, end)
    return YearFigures(
        carried_over=totals["carried_over"],
        ended=totals["ended"],
        ongoing=totals["ongoing"],
        outcomes={key: totals[f"outcome.{key}"] for key in OUTCOME_KEYS},
        short_stays={
            "with_care_figure": groups[1],
            "without_care_figure": groups[0],
            "days_with_care_figure": days[1],
            "days_without_care_figure": days[0],
            "instead_of_stay": totals["instead_of_stay"],
            "shortened": totals["shortened"],
        },
    )


def _in_year(network_id: Any, start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """Started within the period, or carried over into it."""
    return and_(
        Trajectory.network_id == network_id,
        Trajectory.kind == TrajectoryKind.CARE_FIGURE_SEARCH,
        Trajectory.id.in_(select(CareTable.trajectory_id)),
        Trajectory.referred <= end,
        or_(
            Trajectory.referred >= start,
            Trajectory.ended.is_(None),
            Trajectory.ended >= start,
        ),
    )


def _count(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.sum(case((condition, 1), else_=0))


def _figure_cases(end: dt.date, *, night_only: bool) -> Any:
    query = (
        select(Person.case_id)
        .join(RoleAssignment, RoleAssignment.person_id == Person.id)
        .where(Person.kind != PersonKind.PARENT, RoleAssignment.start <= end)
    )
    if night_only:
        query = query.where(RoleAssignment.role.in_(NIGHT_ROLES))
    return query


def _day_number(session: Session, day: Any) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(day)  # SQLite keeps dates as ISO text
    return func.cast(day, Date) - literal(dt.date(2000, 1, 1), Date)  # PostgreSQL: whole days


def _shortened(session: Session, start: dt.date, end: dt.date) -> Any:
    gap = _day_number(session, RoleAssignment.start) - _day_number(session, Stay.end)
    return (
        select(Stay.trajectory_id)
        .join(Trajectory, Stay.trajectory_id == Trajectory.id)
        .join(Person, Person.case_id == Trajectory.case_id)
        .join(RoleAssignment, RoleAssignment.person_id == Person.id)
        .where(
            Stay.kind.in_(SHORT_STAYS),
            Stay.end.between(start, end),
            Person.kind != PersonKind.PARENT,
            RoleAssignment.role.in_(NIGHT_ROLES),
            RoleAssignment.start >= Stay.start,
            gap <= SHORTENED_WITHIN,
        )
    )


def _stay_days(
    session: Session,
    in_year: ColumnElement[bool],
    figure: ColumnElement[bool],
    start: dt.date,
    end: dt.date,
) -> dict[int, int]:
    """Days of short stays within [start, end], per group (1: with a care figure)."""
    first = case((Stay.start < start, literal(start, Date)), else_=Stay.start)
    last = case((or_(Stay.end.is_(None), Stay.end > end), literal(end, Date)), else_=Stay.end)
    days = _day_number(session, last) - _day_number(session, first) + 1
    has_figure = case((figure, 1), else_=0)
    rows = session.execute(
        select(has_figure, func.sum(days))
        .join(Trajectory, Stay.trajectory_id == Trajectory.id)
        .where(
            in_year,
            Stay.kind.in_(SHORT_STAYS),
            Stay.start <= end,
            or_(Stay.end.is_(None), Stay.end >= start),
        )
        .group_by(has_figure)
    ).all()
    found = {0: 0, 1: 0}
    for flag, total in rows:
        found[int(flag)] = round(float(total or 0))
    return found
