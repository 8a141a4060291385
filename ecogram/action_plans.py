"""A network's action plan: its content, and the history of its versions.

The status only moves draft -> submitted -> approved -> closed (an admin may send a
submitted plan back to draft); those steps are `ecogram.plan_decisions`. Every
function checks first and raises `NetworkError` naming the field, so nothing
half-valid reaches the database; the caller commits.

Decisions where the call is silent:

- A draft may be incomplete, but its budget lines never add up to more than the
  EUR 90,000 the call makes available. Submitting asks for the rest: the self-scan
  it builds on, at least one trajectory committed, a fund holder, a budget, and
  the expertise activities' costs within the budget's expertise lines.
- A submitted plan waits for the decision and cannot be changed.
- Opgroeien approves (an admin, `Capability.APPROVE_PLAN`) on a day between the
  submission and today; that day starts the plan year (`ecogram.plan_year`).
- After approval a change is an amendment with a stated reason. The plan as
  approved is version 1 and each amendment the next; `plan_revisions` keeps every
  version as it was, and the report states the version its figures use. The
  approval date, and so the plan year, never moves.
- Sessions held and the sustainability proposal are the year's record, not the
  plan's content: they change no version.
- A plan is closed once its year is over, never earlier.
- Per-region commitments add up to at most the plan's total. They may add up to
  less: the rest is committed for the network as a whole.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ecogram.models import ActionPlan, Network, Region, RegionCommitment
from ecogram.networks import NetworkError
from ecogram.plan_models import BudgetLine, ExpertiseActivity, PlanRevision, SelfScan
from ecogram.plan_vocabulary import ActivityKind, BudgetLineCategory, PlanStatus
from ecogram.text import is_line, is_text

AVAILABLE = Decimal("90000.00")  #: one-off, for one year (docs/domain.md)
EARLIEST_APPROVAL = dt.date(2024, 1, 1)  #: the call dates from 2024
MAX_COMMITTED = 10_000
MAX_AMOUNT = Decimal("9999999999.99")  #: what a Numeric(12, 2) column holds
MAX_SESSIONS = 1_000
MAX_TEXT = 5_000
LINE_MAX = 200
NEED_MAX = 300
CENT = Decimal("0.01")


@dataclass(frozen=True)
class ActivityRow:
    """One planned expertise activity; `id` is None for a new one."""

    need: str
    kind: ActivityKind
    planned: int
    cost: Decimal
    id: int | None = None


@dataclass(frozen=True)
class LineRow:
    category: BudgetLineCategory
    what: str
    amount: Decimal


@dataclass(frozen=True)
class PlanChange:
    """Everything the action plan form sets, as typed values."""

    committed: int
    #: region id -> trajectories committed there; the network's other regions get none.
    region_commitments: Mapping[int, int]
    fund_holder_id: int | None
    self_scan_id: int | None = None
    expertise_needs: str = ""
    activities: Sequence[ActivityRow] = field(default_factory=tuple)
    budget_lines: Sequence[LineRow] = field(default_factory=tuple)
    reason: str = ""  #: why an approved plan is amended


def action_plan(session: Session, network: Network) -> ActionPlan:
    """The network's plan, created as an empty draft the first time it is asked for."""
    if network.action_plan is None:
        network.action_plan = ActionPlan(
            status=PlanStatus.DRAFT, committed=0, budget=Decimal("0.00"), revision=0
        )
        session.flush()
    return network.action_plan


def update_action_plan(
    session: Session, network: Network, change: PlanChange, today: dt.date
) -> ActionPlan:
    """Check every field of `change`, then apply it all; on an error nothing changes."""
    plan = action_plan(session, network)
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.APPROVED):
        raise NetworkError("status", f"a {plan.status.value} plan cannot be changed", "locked")
    amending = plan.status is PlanStatus.APPROVED
    reason = clean_text("reason", change.reason, MAX_TEXT)
    if amending and not reason:
        raise NetworkError("reason", "say why the approved plan changes", "reason_needed")
    committed = whole("committed", change.committed, MAX_COMMITTED)
    commitments = _commitments(network, change.region_commitments, committed)
    fund_holder = _fund_holder(network, change.fund_holder_id)
    scan = _self_scan(session, network, change.self_scan_id)
    needs = clean_text("expertise_needs", change.expertise_needs, MAX_TEXT)
    lines = [_line(row) for row in change.budget_lines]
    activities = [_activity(plan, row) for row in change.activities]
    total = sum((amount for _c, _w, amount in lines), Decimal("0.00"))
    if total > AVAILABLE:
        raise NetworkError(
            "budget_lines",
            f"the budget lines add up to {total}, more than the {AVAILABLE} available",
            "over_available",
            total=total,
            available=AVAILABLE,
        )

    plan.committed = committed
    plan.fund_holder = fund_holder
    plan.self_scan = scan
    plan.expertise_needs = needs
    plan.budget = total
    _set_commitments(plan, {r.id: r for r in network.regions}, commitments)
    plan.budget_lines = [BudgetLine(category=c, what=w, amount=a) for c, w, a in lines]
    _set_activities(plan, activities)
    # The plan's version must move even when only a row changed, so a stale form for
    # the same plan is refused as a whole.
    flag_modified(plan, "committed")
    session.flush()
    if amending:
        record_revision(session, plan, today, reason)
    return plan


def plan_document(plan: ActionPlan) -> dict[str, Any]:
    """The plan's content as one JSON-ready document: what a version keeps."""
    return {
        "self_scan": None if plan.self_scan is None else plan.self_scan.number,
        "committed": plan.committed,
        "region_commitments": {c.region.name: c.committed for c in plan.region_commitments},
        "fund_holder": None if plan.fund_holder is None else plan.fund_holder.name,
        "budget": float(plan.budget),
        "budget_lines": [
            {"category": line.category.value, "what": line.what, "amount": float(line.amount)}
            for line in plan.budget_lines
        ],
        "expertise_needs": plan.expertise_needs,
        "activities": [
            {"need": a.need, "kind": a.kind.value, "planned": a.planned, "cost": float(a.cost)}
            for a in plan.activities
        ],
    }


def revision_document(revision: PlanRevision) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(revision.document)
    return document


# --- checks -----------------------------------------------------------------------------


def record_revision(session: Session, plan: ActionPlan, day: dt.date, reason: str) -> None:
    plan.revision += 1
    plan.revisions.append(
        PlanRevision(
            number=plan.revision,
            recorded_on=day,
            reason=reason,
            document=json.dumps(plan_document(plan), sort_keys=True, ensure_ascii=False),
        )
    )
    session.flush()


def whole(name: str, value: int, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise NetworkError(name, "must be a whole number", "whole")
    if not 0 <= value <= most:
        raise NetworkError(name, f"must be between 0 and {most}", "range", low=0, high=most)
    return value


def clean_text(name: str, text: str, most: int, *, line: bool = False) -> str:
    cleaned = text.strip().replace("\r\n", "\n")
    if len(cleaned) > most:
        raise NetworkError(name, f"is longer than {most} characters", "too_long", limit=most)
    if not (is_line(cleaned) if line else is_text(cleaned)):
        raise NetworkError(name, "must not contain control characters", "control")
    return cleaned


def _amount(name: str, value: Decimal) -> Decimal:
    try:
        amount = Decimal(value)
        finite = amount.is_finite()
    except (InvalidOperation, TypeError, ValueError):
        raise NetworkError(name, "must be an amount in euro", "amount") from None
    if not finite or amount < 0 or amount > AVAILABLE:
        raise NetworkError(name, f"must be between 0 and {AVAILABLE}", "amount_range")
    if amount != amount.quantize(CENT):
        raise NetworkError(name, "has at most 2 decimals (cents)", "cents")
    return amount.quantize(CENT)


def _line(row: LineRow) -> tuple[BudgetLineCategory, str, Decimal]:
    category = BudgetLineCategory(row.category)
    return (
        category,
        clean_text("budget_lines", row.what, LINE_MAX, line=True),
        _amount("budget_lines", row.amount),
    )


def _activity(plan: ActionPlan, row: ActivityRow) -> tuple[ExpertiseActivity | None, ActivityRow]:
    need = clean_text("activities", row.need, NEED_MAX, line=True)
    if not need:
        raise NetworkError("activities", "name the need each activity meets", "no_need")
    if row.planned < 1:
        raise NetworkError("activities", "plan at least one session", "no_sessions")
    planned = whole("activities", row.planned, MAX_SESSIONS)
    existing = None
    if row.id is not None:
        existing = next((a for a in plan.activities if a.id == row.id), None)
        if existing is None:
            raise NetworkError("activities", f"activity {row.id} is not of this plan", "unknown")
    cleaned = ActivityRow(need, ActivityKind(row.kind), planned, _amount("activities", row.cost))
    return existing, cleaned


def _set_activities(
    plan: ActionPlan, rows: list[tuple[ExpertiseActivity | None, ActivityRow]]
) -> None:
    # An activity keeps its row, so the sessions already held stay with it.
    kept: list[ExpertiseActivity] = []
    for existing, row in rows:
        activity = existing or ExpertiseActivity(done=0)
        activity.need, activity.kind = row.need, row.kind
        activity.planned, activity.cost = row.planned, row.cost
        kept.append(activity)
    plan.activities = kept


def _commitments(network: Network, wanted: Mapping[int, int], committed: int) -> dict[int, int]:
    regions = {r.id: r for r in network.regions}
    commitments: dict[int, int] = {}
    for region_id, count in wanted.items():
        region = regions.get(region_id)
        if region is None:
            raise NetworkError("region_commitments", f"region {region_id} is not of this network")
        commitments[region_id] = whole(f"region_commitments[{region.name}]", count, MAX_COMMITTED)
    assigned = sum(commitments.values())
    if assigned > committed:
        raise NetworkError(
            "committed",
            f"the regions' commitments add up to {assigned}, more than the total of {committed}",
            "over_total",
            assigned=assigned,
            committed=committed,
        )
    return commitments


def _set_commitments(
    plan: ActionPlan, regions: dict[int, Region], commitments: dict[int, int]
) -> None:
    existing = {c.region_id: c for c in plan.region_commitments}
    for region_id, commitment in existing.items():
        if region_id not in commitments:
            plan.region_commitments.remove(commitment)
    for region_id, count in commitments.items():
        if region_id in existing:
            if existing[region_id].committed != count:
                existing[region_id].committed = count
        else:
            plan.region_commitments.append(
                RegionCommitment(region=regions[region_id], committed=count)
            )


def _fund_holder(network: Network, organisation_id: int | None) -> Any:
    if organisation_id is None:
        return None
    found = next((o for o in network.organisations if o.id == organisation_id), None)
    if found is None:
        raise NetworkError("fund_holder", "must be one of the network's organisations", "foreign")
    return found


def _self_scan(session: Session, network: Network, scan_id: int | None) -> SelfScan | None:
    if scan_id is None:
        return None
    scan = session.get(SelfScan, scan_id)
    if scan is None or scan.network_id != network.id:
        raise NetworkError("self_scan", "must be a version of this network's self-scan", "foreign")
    return scan
