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

from sqlalchemy import ColumnElement, Date, Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from ecogram.labels import NOT_RECORDED
from ecogram.models import Person, RoleAssignment
from ecogram.report_facts import NIGHT_ROLES, facts
from ecogram.report_rows import day_number, flag, tagged
from ecogram.vocabulary import Outcome, PersonKind, StayKind, TrajectoryKind

OUTCOME_KEYS = (*(o.value for o in Outcome), NOT_RECORDED)
SHORT_STAYS = (StayKind.RESIDENTIAL_GROUP, StayKind.CRISIS_FOSTER_FAMILY)
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

    A superset of the funnel's trajectories (referred within the period).
    """
    return and_(
        trajectory.referred <= end,
        or_(trajectory.referred >= start, trajectory.ended.is_(None), trajectory.ended >= start),
    )


def searches(found: Any, start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """The trajectories these figures are over, by their facts: the care-figure searches
    with a care table `in_year`."""
    return and_(
        found.kind == TrajectoryKind.CARE_FIGURE_SEARCH,
        found.care_table == 1,
        in_year(found, start, end),
    )


def year_parts(
    session: Session, in_network: ColumnElement[bool], stays: Any, start: dt.date, end: dt.date
) -> list[Select[Any]]:
    """The figures above as two parts of the report's one statement.

    Both are over the network's `searches` (`in_network` says which network):

    - `year`, from their facts alone (`ecogram.report_facts`), one row per outcome: the
      trajectories, those with a care figure by the period's last day, those carried
      over, those with a night role by then, and the ended ones (those of no outcome are
      `not_recorded`);
    - `year_stays`, one row from their short stays within the period (of `stays`, each
      with its trajectory's facts), grouped first per trajectory: the stay days of those
      with and of those without a care figure, those with a night role (which had a stay,
      so none of them is "instead"), and those whose stay a care figure shortened. A
      trajectory without such a stay has no row here.
    """
    # Grouped by outcome in the order of the year's index, so SQLite needs no sort; counts
    # with FILTER cost SQLite a fraction of sums of CASE expressions.
    year = (
        select(
            *tagged(
                "year",
                facts.outcome,
                numbers=[
                    func.count(),
                    func.count().filter(facts.first_figure_start <= end),
                    func.count().filter(facts.referred < start),
                    func.count().filter(facts.first_night_start <= end),
                    func.count().filter(facts.ended <= end),
                ],
            )
        )
        .where(in_network, searches(facts, start, end))
        .group_by(facts.outcome)
    )
    s = stays.c
    first = case((s.start < start, literal(start, Date)), else_=s.start)
    last = case((or_(s.end.is_(None), s.end > end), literal(end, Date)), else_=s.end)
    per_trajectory = (
        select(
            func.max(flag(s.first_figure_start <= end)).label("figure"),
            func.max(flag(s.first_night_start <= end)).label("night"),
            func.sum(day_number(session, last) - day_number(session, first) + 1).label("days"),
            func.max(flag(_shortened(session, s, start, end))).label("shortened"),
        )
        .where(
            s.searched == 1,
            s.kind.in_(SHORT_STAYS),
            or_(s.end.is_(None), s.end >= start),
        )
        .group_by(s.trajectory_id)
        .subquery("short_stays")
    )
    t = per_trajectory.c
    impact = select(
        *tagged(
            "year_stays",
            numbers=[
                func.sum(case((t.figure == 1, t.days))),
                func.sum(case((t.figure == 0, t.days))),
                func.sum(t.night),
                func.sum(t.shortened),
            ],
        )
    )
    return [year, impact]


def year_figures(year: list[Any], stays: list[Any]) -> YearFigures:
    """The figures from the rows of `year_parts`: one per outcome, one of the stays."""
    outcomes = {key: 0 for key in OUTCOME_KEYS}
    totals = [0] * 5
    for row in year:
        counts = [int(getattr(row, f"n{i}") or 0) for i in range(5)]
        totals = [total + count for total, count in zip(totals, counts, strict=True)]
        outcomes[NOT_RECORDED if row.key is None else Outcome(row.key).value] += counts[4]
    trajectories, figure, carried, night, ended = totals
    (row,) = stays
    days_with, days_without, night_with_stay, shortened = (
        float(getattr(row, f"n{i}") or 0) for i in range(4)
    )
    return YearFigures(
        carried_over=carried,
        ended=ended,
        ongoing=trajectories - ended,
        outcomes=outcomes,
        short_stays={
            "with_care_figure": figure,
            "without_care_figure": trajectories - figure,
            "days_with_care_figure": round(days_with),
            "days_without_care_figure": round(days_without),
            "instead_of_stay": int(night - night_with_stay),
            "shortened": int(shortened),
        },
    )


def _shortened(session: Session, stay: Any, start: dt.date, end: dt.date) -> ColumnElement[bool]:
    """The stay ended within the period and a care figure's night role began during it or
    at most `SHORTENED_WITHIN` days after its last day."""
    gap = day_number(session, RoleAssignment.start) - day_number(session, stay.end)
    return and_(
        stay.end.between(start, end),
        # Only a night role begun from the stay's first day to a week after its last can
        # shorten it. The facts know the first and the last night role to begin, so most
        # stays need no look at the roles. NULL first: NULL AND ... evaluates the rest.
        stay.first_night_start.is_not(None),
        stay.last_night_start >= stay.start,
        day_number(session, stay.first_night_start) - day_number(session, stay.end)
        <= SHORTENED_WITHIN,
        exists().where(
            Person.case_id == stay.case_id,
            Person.kind != PersonKind.PARENT,
            RoleAssignment.person_id == Person.id,
            RoleAssignment.role.in_(NIGHT_ROLES),
            RoleAssignment.start >= stay.start,
            gap <= SHORTENED_WITHIN,
        ),
    )
