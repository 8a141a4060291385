"""Rules on the trajectory's deadlines and budget (docs/domain.md, "The trajectory")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from ecogram.dates import add_months
from ecogram.findings import Code, Finding, ParamValue
from ecogram.vocabulary import BudgetCategory, CareTableParty, StayKind

if TYPE_CHECKING:
    from ecogram.checks import CheckConfig
    from ecogram.models import CareTable, Case, Trajectory


def is_open(trajectory: Trajectory, at: dt.date) -> bool:
    """Open on `at`: not ended yet (the end day itself no longer counts)."""
    return trajectory.ended is None or trajectory.ended > at


def care_table_late(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """CARE_TABLE_LATE: no care table within 48 hours of the referral.

    Hours are counted as whole days, since only dates are recorded: a care
    table two days after the referral is in time, three days is late.
    """
    trajectory = case.trajectory
    if trajectory is None:
        return []
    allowed = config.care_table_hours // 24
    referred = trajectory.referred
    held = [table.date for table in trajectory.care_tables if table.date <= at]
    hours = config.care_table_hours
    if held:
        first = min(held)
        days = (first - referred).days
        if days <= allowed:
            return []
        return [
            Finding.of(
                Code.CARE_TABLE_LATE,
                detail="care_table_held_late",
                referred=referred,
                hours=hours,
                first=first,
                days=days,
            )
        ]
    days = (at - referred).days
    if days <= allowed:
        return []
    return [
        Finding.of(
            Code.CARE_TABLE_LATE,
            detail="care_table_none",
            referred=referred,
            hours=hours,
            days=days,
        )
    ]


def last_evaluated(trajectory: Trajectory, at: dt.date) -> dt.date | None:
    """The last care table or evaluation on or before `at`, if any."""
    moments = [t.date for t in trajectory.care_tables] + [e.date for e in trajectory.evaluations]
    return max((day for day in moments if day <= at), default=None)


def evaluation_overdue(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """EVALUATION_OVERDUE: the open trajectory has gone too long without an evaluation.

    The six-weekly rhythm starts at the referral: while there is no care table or
    evaluation yet, the days count from the referral.
    """
    trajectory = case.trajectory
    if trajectory is None or not is_open(trajectory, at) or at < trajectory.referred:
        return []
    held = last_evaluated(trajectory, at)
    last = trajectory.referred if held is None else held
    days = (at - last).days
    if days <= config.evaluation_days:
        return []
    detail = "evaluation_none" if held is None else "evaluation_last"
    return [
        Finding.of(
            Code.EVALUATION_OVERDUE,
            detail=detail,
            last=last,
            days=days,
            limit=config.evaluation_days,
        )
    ]


def term_exceeded(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """TERM_EXCEEDED: past 3 months (6 when extended) and not ended."""
    trajectory = case.trajectory
    if trajectory is None or not is_open(trajectory, at):
        return []
    months = config.term_months + (config.extension_months if trajectory.extended else 0)
    deadline = add_months(trajectory.referred, months)
    if at <= deadline:
        return []
    return [
        Finding.of(
            Code.TERM_EXCEEDED,
            detail="term_extended" if trajectory.extended else "term_can_extend",
            referred=trajectory.referred,
            months=months,
            deadline=deadline,
            extension=config.extension_months,
        )
    ]


def residence_budget(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """RESIDENCE_BUDGET_OVER_HALF: at most half of the case-bound budget goes to residence."""
    trajectory = case.trajectory
    if trajectory is None:
        return []
    spent = [item for item in trajectory.budget_items if item.date <= at]
    total = sum((Decimal(item.amount) for item in spent), Decimal(0))
    residence = sum(
        (Decimal(item.amount) for item in spent if item.category is BudgetCategory.RESIDENCE),
        Decimal(0),
    )
    if residence * 2 <= total:
        return []
    return [Finding.of(Code.RESIDENCE_BUDGET_OVER_HALF, residence=residence, total=total)]


def held_tables(trajectory: Trajectory, at: dt.date) -> list[CareTable]:
    """The care tables held on or before `at`, oldest first."""
    return sorted((t for t in trajectory.care_tables if t.date <= at), key=lambda t: t.date)


def mandated_service_absent(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """MANDATED_SERVICE_ABSENT: a mandated service attends every care table of its trajectory."""
    trajectory = case.trajectory
    if trajectory is None or not trajectory.mandated_service:
        return []
    return [
        Finding.of(Code.MANDATED_SERVICE_ABSENT, held=table.date)
        for table in held_tables(trajectory, at)
        if CareTableParty.MANDATED_SERVICE.value not in (table.present or [])
    ]


#: The short stays a trajectory means to end: a hospital stay is care, not a placement.
PLACEMENTS = (StayKind.RESIDENTIAL_GROUP, StayKind.CRISIS_FOSTER_FAMILY)


def stay_open_after_end(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """STAY_OPEN_AFTER_END: the trajectory ended with an outcome, a placement did not.

    A stay whose last day is the trajectory's last day ended with it (a stay's
    `end` is its last day; the trajectory is over from its `ended` day on).
    """
    trajectory = case.trajectory
    ended = None if trajectory is None else trajectory.ended
    if trajectory is None or ended is None or ended > at or trajectory.outcome is None:
        return []
    findings = []
    for stay in trajectory.stays:
        if stay.kind not in PLACEMENTS or (stay.end is not None and stay.end <= ended):
            continue
        facts: dict[str, ParamValue] = {
            "ended": ended,
            "outcome": trajectory.outcome.value,
            "stay": stay.kind.value,
            "since": stay.start,
        }
        if stay.end is None:
            facts["detail"] = "stay_no_end"
        else:
            facts |= {"detail": "stay_ends_later", "until": stay.end}
        code = Code.STAY_OPEN_AFTER_END  # about no person, role or item: only facts
        findings.append(Finding(code, code.severity, params=tuple(sorted(facts.items()))))
    return findings


def child_perspective_missing(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """CHILD_PERSPECTIVE_MISSING: every care table records the child's perspective."""
    trajectory = case.trajectory
    if trajectory is None:
        return []
    return [
        Finding.of(Code.CHILD_PERSPECTIVE_MISSING, held=table.date)
        for table in held_tables(trajectory, at)
        if not (table.child_perspective or "").strip()
    ]
