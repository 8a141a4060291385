"""The steps of an action plan's way: submitted, sent back, approved, closed; and the year's
record beside it (sessions held, the sustainability proposal).

The decisions behind each step are in `ecogram.action_plans`'s docstring. Every
function checks first and raises `NetworkError` naming the field; the caller commits.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ecogram.action_plans import (
    EARLIEST_APPROVAL,
    MAX_SESSIONS,
    MAX_TEXT,
    action_plan,
    clean_text,
    record_revision,
    whole,
)
from ecogram.models import ActionPlan, Network
from ecogram.networks import NetworkError
from ecogram.plan_vocabulary import BudgetLineCategory, PlanStatus
from ecogram.plan_year import plan_year


def submit_plan(session: Session, network: Network, today: dt.date) -> ActionPlan:
    """Draft -> submitted, once the plan says everything the call asks of it."""
    plan = _in_status(action_plan(session, network), PlanStatus.DRAFT, "submit")
    if plan.self_scan is None:
        raise NetworkError("self_scan", "link the self-scan the plan builds on", "no_self_scan")
    if plan.committed < 1:
        raise NetworkError("committed", "commit to at least one trajectory", "nothing_committed")
    if plan.fund_holder is None:
        raise NetworkError("fund_holder", "choose the fund holder", "no_fund_holder")
    if not plan.budget_lines:
        raise NetworkError("budget_lines", "add the budget's lines", "no_budget")
    expertise = sum(
        (
            line.amount
            for line in plan.budget_lines
            if line.category is BudgetLineCategory.EXPERTISE
        ),
        Decimal("0.00"),
    )
    costs = sum((a.cost for a in plan.activities), Decimal("0.00"))
    if costs > expertise:
        raise NetworkError(
            "activities",
            f"the activities cost {costs}, more than the {expertise} budgeted for expertise",
            "activities_over_budget",
            costs=costs,
            expertise=expertise,
        )
    plan.status = PlanStatus.SUBMITTED
    plan.submitted = today
    session.flush()
    return plan


def return_plan(session: Session, network: Network) -> ActionPlan:
    """Submitted -> draft: Opgroeien sends the plan back to be reworked."""
    plan = _in_status(action_plan(session, network), PlanStatus.SUBMITTED, "send back")
    plan.status = PlanStatus.DRAFT
    plan.submitted = None
    session.flush()
    return plan


def approve_plan(session: Session, network: Network, day: dt.date, today: dt.date) -> ActionPlan:
    """Submitted -> approved on `day`, which starts the plan year; the plan becomes version 1."""
    plan = _in_status(action_plan(session, network), PlanStatus.SUBMITTED, "approve")
    earliest = max(EARLIEST_APPROVAL, plan.submitted or EARLIEST_APPROVAL)
    if day < earliest:
        raise NetworkError(
            "approved", f"must be on or after {earliest.isoformat()}", "too_early", date=earliest
        )
    if day > today:
        raise NetworkError("approved", "must not be in the future", "future")
    plan.status = PlanStatus.APPROVED
    plan.approved = day
    session.flush()
    record_revision(session, plan, day, "")
    return plan


def close_plan(session: Session, network: Network, today: dt.date) -> ActionPlan:
    """Approved -> closed, once the plan year is over."""
    plan = _in_status(action_plan(session, network), PlanStatus.APPROVED, "close")
    last = plan_year(plan.approved or today).end  # an approved plan always has its date
    if today <= last:
        raise NetworkError("closed", "the plan year is not over yet", "year_not_over", date=last)
    plan.status = PlanStatus.CLOSED
    plan.closed = today
    session.flush()
    return plan


def record_sessions(session: Session, plan: ActionPlan, activity_id: int, done: int) -> None:
    """How many sessions of an activity were held so far, during the plan year."""
    _in_status(plan, PlanStatus.APPROVED, "record sessions of")
    activity = next((a for a in plan.activities if a.id == activity_id), None)
    if activity is None:
        raise NetworkError("activity", "is not an activity of this plan", "unknown")
    activity.done = whole("done", done, MAX_SESSIONS)
    session.flush()


def save_sustainability(session: Session, plan: ActionPlan, text: str) -> None:
    """The network's proposal to make the work permanent, for the year report."""
    if plan.status not in (PlanStatus.APPROVED, PlanStatus.CLOSED):
        raise NetworkError("sustainability", "the plan is not approved yet", "not_approved")
    plan.sustainability = clean_text("sustainability", text, MAX_TEXT)
    flag_modified(plan, "sustainability")
    session.flush()


def _in_status(plan: ActionPlan, wanted: PlanStatus, verb: str) -> ActionPlan:
    if plan.status is not wanted:
        raise NetworkError(
            "status",
            f"only a {wanted.value} plan can be {verb}ed; this one is {plan.status.value}",
            f"not_{wanted.value}",
        )
    return plan
