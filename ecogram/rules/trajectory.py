"""Rules on the trajectory's deadlines and budget (docs/domain.md, "The trajectory")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from ecogram.dates import add_months
from ecogram.findings import Code, Finding
from ecogram.models import Case, Trajectory
from ecogram.vocabulary import BudgetCategory

if TYPE_CHECKING:
    from ecogram.checks import CheckConfig


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


def evaluation_overdue(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """EVALUATION_OVERDUE: the open trajectory has gone too long without an evaluation."""
    trajectory = case.trajectory
    if trajectory is None or not is_open(trajectory, at):
        return []
    moments = [t.date for t in trajectory.care_tables] + [e.date for e in trajectory.evaluations]
    past = [day for day in moments if day <= at]
    if not past:
        return []  # before the first care table, CARE_TABLE_LATE is the one to speak
    last = max(past)
    days = (at - last).days
    if days <= config.evaluation_days:
        return []
    return [Finding.of(Code.EVALUATION_OVERDUE, last=last, days=days, limit=config.evaluation_days)]


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
