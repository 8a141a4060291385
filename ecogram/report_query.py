"""The network report's statements: refresh the stale facts, then count in one statement.

Their number does not grow with the number of trajectories, and their work is one visit
per trajectory in scope and per stay, plus one per case written since the last report:

- First `ecogram.report_facts.refresh_facts` recomputes the facts of the cases written
  since their facts were (a pass over the cases' revisions lists them, one statement
  writes them; none when nothing was written).
- Then one statement counts, as tagged rows of one `UNION ALL` (`ecogram.report_rows`),
  so that every figure comes from one snapshot of the database:
  - the funnel, and every figure counted over the trajectories referred within the
    period (roles, care figures found, anchors, money, extensions), per month and region
    from the facts alone;
  - the year's stock and flow (`ecogram.year_figures`), per outcome from the facts alone;
  - what depends on the period's days (stay days, stays shortened by a care figure, no
    stay at all), from the stays that began by the period's end, each joined once to its
    trajectory's facts (`stays_in_scope`, a `MATERIALIZED` CTE that both stay parts read).
- The facts' indexes hold every column each part reads, in the order it groups them, so
  SQLite reads one index in order, without a sort; PostgreSQL hashes.
- PostgreSQL runs it without JIT compilation, which cost more than the statement.
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
    and_,
    case,
    func,
    literal,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from ecogram.models import Region, Stay
from ecogram.report_facts import ROLE_COLUMNS, case_report_facts, facts, refresh_facts
from ecogram.report_rows import flag, tagged
from ecogram.vocabulary import TrajectoryKind
from ecogram.year_figures import searches, year_parts

#: The funnel's numbers in the order its rows hold them.
FUNNEL_NUMBERS = (
    "referrals",
    "care_tables",
    "budget_deployments",
    "started",
    "extended",
    "care_figures_found",
    "non_parent_anchors",
    "budget_cents",
    *ROLE_COLUMNS.values(),
)


def report_parts(
    session: Session, network_id: ColumnElement[Any], start: dt.date, end: dt.date
) -> dict[str, list[Any]]:
    """The rows of `one_pass`, by part, after the stale facts are refreshed."""
    if session.get_bind().dialect.name == "postgresql":
        # The statement's estimated cost passes PostgreSQL's JIT threshold, and compiling it
        # took longer than running it; the setting ends with the transaction.
        session.execute(text("SET LOCAL jit = off"))
    refresh_facts(session)
    parts: dict[str, list[Any]] = defaultdict(list)
    for row in session.execute(one_pass(session, network_id, start, end)):
        parts[row.part].append(row)
    return parts


def one_pass(
    session: Session, network_id: ColumnElement[Any], start: dt.date, end: dt.date
) -> Select[Any]:
    """Every count of the report, as tagged rows of one statement."""
    in_network = facts.network_id == network_id
    care_table = facts.care_table
    numbers = [
        func.count(),
        func.sum(care_table),
        func.sum(care_table * facts.budget_item),
        func.count().filter(and_(facts.kind == TrajectoryKind.CARE_FIGURE_SEARCH, care_table == 1)),
        func.sum(facts.extended),
        func.sum(facts.care_figures_found),
        func.sum(facts.non_parent_anchor),
        func.sum(facts.budget_cents),
        *(func.sum(facts[name]) for name in ROLE_COLUMNS.values()),
    ]
    funnel = (
        select(*tagged("funnel", facts.region_id, facts.month, numbers=numbers))
        .where(in_network, _referred_within(facts, start, end))
        .group_by(facts.month, facts.region_id)
    )
    regions = select(
        *tagged("region", Region.id, Region.name, (flag(Region.network_id == network_id), None))
    )
    stays = _stays(session, network_id, start, end)
    until = case(
        (or_(stays.c.end.is_(None), stays.c.end > end), literal(end, Date)), else_=stays.c.end
    )
    days = _days_between(session, stays.c.start, until)
    per_kind = (
        select(
            *tagged(
                "stays",
                stays.c.kind,
                numbers=[func.count(func.distinct(stays.c.trajectory_id)), func.sum(days + 1)],
            )
        )
        .where(stays.c.referred == 1)
        .group_by(stays.c.kind)
    )
    year = year_parts(session, in_network, stays, start, end)
    return union_all(funnel, regions, per_kind, *year)  # type: ignore[return-value]


def _stays(session: Session, network_id: ColumnElement[Any], start: dt.date, end: dt.date) -> Any:
    """The stays that began by the period's end, each with its trajectory's facts: of the
    trajectories referred within the period (`referred`) or of the year's (`searched`).

    Joined once for both parts that read stays, starting from the stays: few trajectories
    have one.
    """
    in_network = facts.network_id == network_id
    if session.get_bind().dialect.name == "sqlite":
        # Written so that no index serves it, or SQLite would start from the network's
        # facts and look for the stays of each. PostgreSQL hashes either way.
        in_network = facts.network_id + 0 == network_id
    referred = facts.referred.between(start, end)
    searched = searches(facts, start, end)
    return (
        select(
            Stay.kind,
            Stay.trajectory_id,
            Stay.start,
            Stay.end,
            facts.case_id,
            facts.first_figure_start,
            facts.first_night_start,
            facts.last_night_start,
            flag(referred).label("referred"),
            flag(searched).label("searched"),
        )
        .join(case_report_facts, facts.trajectory_id == Stay.trajectory_id)
        .where(Stay.start <= end, in_network, or_(referred, searched))
        .cte("stays_in_scope")
        .prefix_with("MATERIALIZED")
    )


def _referred_within(found: Any, start: dt.date, end: dt.date) -> ColumnElement[bool]:
    # The month first: the funnel's index is ordered by it, and reads only those months.
    return and_(
        found.month.between(_month(start), _month(end)),
        found.referred.between(start, end),
    )


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"  # as `referral_month` writes it


def _days_between(
    session: Session, first: SQLColumnExpression[Any], last: SQLColumnExpression[Any]
) -> ColumnElement[Any]:
    if session.get_bind().dialect.name == "sqlite":
        # SQLite keeps dates as ISO text: julianday() turns them into day numbers.
        return func.julianday(last) - func.julianday(first)
    return last - first  # PostgreSQL: date - date is a number of days
