"""What the dashboard monitors besides the report: expertise, starts per region and quarter,
and how roles ended.

All of it stays inside the network (the dashboard is its coordinator's); none of it
names a person. Definitions, over one network and a period [start, end] with both
days included:

- expertise: per activity kind, the sessions held against the sessions planned, as
  the plan in force records them;
- starts per region and quarter: the report's `started` (care-figure searches with a
  care table, by referral date), split by region and calendar quarter;
- role endings: role assignments in the network's cases that ended within the
  period (a role's `end` is its first day no longer held). Each counts under its
  reason; a role ended before reasons were recorded counts as "not recorded", apart
  from the others. Unplanned endings are those with a reason other than "as planned".
  How long a role lasted is from its start to its end, in days.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram.labels import NOT_RECORDED
from ecogram.models import ActionPlan, CareTable, Person, Region, RoleAssignment, Trajectory
from ecogram.plan_vocabulary import ActivityKind
from ecogram.report import NO_REGION
from ecogram.report_model import quarter_of
from ecogram.vocabulary import Role, RoleEndReason, TrajectoryKind

REASON_KEYS = (*(r.value for r in RoleEndReason), NOT_RECORDED)


@dataclass(frozen=True)
class Expertise:
    planned: dict[str, int]  #: activity kind -> sessions planned
    done: dict[str, int]  #: activity kind -> sessions held
    cost: float


@dataclass(frozen=True)
class RoleEndings:
    #: role -> reason (or "not_recorded") -> roles ended in the period
    by_role: dict[str, dict[str, int]]
    #: quarter ("2026-Q2") -> role -> unplanned endings
    unplanned_by_quarter: dict[str, dict[str, int]]
    #: role -> median days the ended roles lasted (None: none ended)
    median_days: dict[str, float | None]
    ongoing: dict[str, int] = field(default_factory=dict)  #: role -> still held at the end

    def unplanned(self, role: str) -> int:
        reasons = self.by_role[role]
        return sum(n for key, n in reasons.items() if key not in ("as_planned", NOT_RECORDED))


def expertise(plan: ActionPlan | None) -> Expertise:
    planned = {kind.value: 0 for kind in ActivityKind}
    done = dict(planned)
    cost = 0.0
    for activity in [] if plan is None else plan.activities:
        planned[activity.kind.value] += activity.planned
        done[activity.kind.value] += activity.done
        cost += float(activity.cost)
    return Expertise(planned, done, round(cost, 2))


def starts_by_region_and_quarter(
    session: Session, network_id: int, start: dt.date, end: dt.date
) -> dict[str, dict[str, int]]:
    """region -> quarter -> trajectories started, over every region and quarter of the period."""
    rows = session.execute(
        select(Region.name, Trajectory.referred)
        .outerjoin(Region, Trajectory.region_id == Region.id)
        .where(
            Trajectory.network_id == network_id,
            Trajectory.kind == TrajectoryKind.CARE_FIGURE_SEARCH,
            Trajectory.id.in_(select(CareTable.trajectory_id)),
            Trajectory.referred.between(start, end),
        )
    ).all()
    regions = sorted(session.scalars(select(Region.name).where(Region.network_id == network_id)))
    quarters = _quarters(start, end)
    table = {region: dict.fromkeys(quarters, 0) for region in regions}
    for region, referred in rows:
        row = table.setdefault(region or NO_REGION, dict.fromkeys(quarters, 0))
        row[quarter_of(f"{referred.year:04d}-{referred.month:02d}")] += 1
    return table


def role_endings(session: Session, network_id: int, start: dt.date, end: dt.date) -> RoleEndings:
    rows = session.execute(
        select(
            RoleAssignment.role, RoleAssignment.start, RoleAssignment.end, RoleAssignment.end_reason
        )
        .join(Person, RoleAssignment.person_id == Person.id)
        .join(Trajectory, Trajectory.case_id == Person.case_id)
        .where(Trajectory.network_id == network_id, RoleAssignment.start <= end)
    ).all()
    by_role = {role.value: dict.fromkeys(REASON_KEYS, 0) for role in Role}
    quarters: dict[str, dict[str, int]] = {
        q: {role.value: 0 for role in Role} for q in _quarters(start, end)
    }
    lasted: dict[str, list[int]] = {role.value: [] for role in Role}
    ongoing = {role.value: 0 for role in Role}
    for role, began, ended, reason in rows:
        key = Role(role).value
        if ended is None or ended > end:
            ongoing[key] += 1
            continue
        if ended < start:
            continue
        why = NOT_RECORDED if reason is None else RoleEndReason(reason).value
        by_role[key][why] += 1
        lasted[key].append((ended - began).days)
        if why not in ("as_planned", NOT_RECORDED):
            quarters[quarter_of(f"{ended.year:04d}-{ended.month:02d}")][key] += 1
    medians = {key: (statistics.median(days) if days else None) for key, days in lasted.items()}
    return RoleEndings(by_role, quarters, medians, ongoing)


def _quarters(start: dt.date, end: dt.date) -> list[str]:
    found: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        quarter = quarter_of(f"{year:04d}-{month:02d}")
        if quarter not in found:
            found.append(quarter)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def as_json(value: Any) -> Mapping[str, Any]:
    """A dataclass of this module as the dashboard's JSON."""
    from dataclasses import asdict

    found: Mapping[str, Any] = asdict(value)
    return found
