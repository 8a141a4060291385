"""A network's regions, organisations and action plan, edited by its coordinator or an admin.

Every function checks its input and raises `NetworkError` naming the field, so
nothing half-valid reaches the database; the caller commits.

Decisions where the call is silent:

- A region that trajectories are referred in is not removed: the report counts
  per region, and silently moving those trajectories to "(none)" would change
  figures already reported. Its commitment, if any, goes with the region.
- The organisation that holds the funds (the penhouder) is not removed: the plan
  would lose its fund holder without anyone choosing so. Choose another first.
- Per-region commitments must not add up to more than the plan's total. They may
  add up to less: the rest is committed for the network as a whole, not yet
  assigned to a region (a plan is often split over regions later).
- The approval date lies between 2024-01-01 (the call dates from 2024, so no
  plan was approved earlier) and today (it records a decision already taken).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ecogram.dates import add_months
from ecogram.models import ActionPlan, Network, Organisation, Region, RegionCommitment, Trajectory
from ecogram.text import is_line, is_text

DEFAULT_BUDGET = Decimal("90000.00")  #: one-off, for one year (docs/domain.md)
EARLIEST_APPROVAL = dt.date(2024, 1, 1)
MAX_COMMITTED = 10_000
MAX_BUDGET = Decimal("9999999999.99")  #: what Numeric(12, 2) holds
MAX_EXPERTISE_NEEDS = 5_000
REGION_NAME_MAX = 120
ORGANISATION_NAME_MAX = 200
CENT = Decimal("0.01")


class NetworkError(ValueError):
    """An edit of a network or its plan that is refused; `field` names what to fix.

    `code` and `params` let a user interface say the same in its own language;
    `problem` is the English sentence for the command line and logs.
    """

    def __init__(self, field: str, problem: str, code: str = "", **params: object) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem
        self.code = code
        self.params = params


# --- Regions and organisations -------------------------------------------------------


def _clean_name(name: str, taken: list[str], limit: int, what: str) -> str:
    # Refuse line breaks rather than fold them away: what is stored is what was typed.
    if not is_line(name):
        raise NetworkError("name", "must not contain control characters", "control")
    cleaned = name.strip()
    if not cleaned:
        raise NetworkError("name", "must not be empty", "empty")
    if len(cleaned) > limit:
        raise NetworkError("name", f"is longer than {limit} characters", "too_long", limit=limit)
    # Case-insensitive, so "Gent" and "gent" do not end up as two regions.
    if cleaned.casefold() in {other.casefold() for other in taken}:
        raise NetworkError(
            "name", f"the network already has {what} called {cleaned!r}", "taken", name=cleaned
        )
    return cleaned


def add_region(session: Session, network: Network, name: str) -> Region:
    taken = [r.name for r in network.regions]
    region = Region(name=_clean_name(name, taken, REGION_NAME_MAX, "a region"))
    network.regions.append(region)
    session.flush()
    return region


def rename_region(session: Session, region: Region, name: str) -> None:
    taken = [r.name for r in region.network.regions if r is not region]
    region.name = _clean_name(name, taken, REGION_NAME_MAX, "a region")
    session.flush()


def remove_region(session: Session, region: Region) -> None:
    used = session.scalar(
        select(func.count(Trajectory.id)).where(Trajectory.region_id == region.id)
    )
    if used:
        raise NetworkError(
            "region",
            f"{used} trajectories are referred in {region.name!r}; "
            "it stays so the report per region keeps its figures",
            "region_in_use",
            n=used,
            name=region.name,
        )
    network = region.network
    plan = network.action_plan
    if plan is not None:
        for commitment in [c for c in plan.region_commitments if c.region_id == region.id]:
            plan.region_commitments.remove(commitment)
    session.delete(region)
    session.flush()
    session.expire(network, ["regions"])


def add_organisation(session: Session, network: Network, name: str) -> Organisation:
    taken = [o.name for o in network.organisations]
    organisation = Organisation(
        name=_clean_name(name, taken, ORGANISATION_NAME_MAX, "an organisation")
    )
    network.organisations.append(organisation)
    session.flush()
    return organisation


def rename_organisation(session: Session, organisation: Organisation, name: str) -> None:
    taken = [o.name for o in organisation.network.organisations if o is not organisation]
    organisation.name = _clean_name(name, taken, ORGANISATION_NAME_MAX, "an organisation")
    session.flush()


def remove_organisation(session: Session, organisation: Organisation) -> None:
    network = organisation.network
    plan = network.action_plan
    if plan is not None and plan.fund_holder_id == organisation.id:
        raise NetworkError(
            "organisation",
            f"{organisation.name!r} holds the funds of the action plan; "
            "choose another fund holder first",
            "fund_holder_in_use",
            name=organisation.name,
        )
    session.delete(organisation)
    session.flush()
    session.expire(network, ["organisations"])


# --- The action plan ---------------------------------------------------------------------


@dataclass(frozen=True)
class PlanChange:
    """Everything the action plan form sets, as typed values."""

    approved: dt.date | None
    committed: int
    #: region id -> trajectories committed there; the network's other regions get none.
    region_commitments: Mapping[int, int]
    budget: Decimal
    expertise_needs: str
    fund_holder_id: int | None


def action_plan(session: Session, network: Network) -> ActionPlan:
    """The network's plan, created empty (budget EUR 90,000) the first time it is asked for."""
    if network.action_plan is None:
        network.action_plan = ActionPlan(
            approved=None, committed=0, budget=DEFAULT_BUDGET, expertise_needs=""
        )
        session.flush()
    return network.action_plan


def update_action_plan(
    session: Session, network: Network, change: PlanChange, today: dt.date
) -> ActionPlan:
    """Check every field of `change`, then apply it all; on an error nothing changes."""
    approved = _approval(change.approved, today)
    committed = _whole_number("committed", change.committed)
    budget = _budget(change.budget)
    needs = _expertise_needs(change.expertise_needs)
    fund_holder = _fund_holder(network, change.fund_holder_id)
    regions = {r.id: r for r in network.regions}
    commitments: dict[int, int] = {}
    for region_id, count in change.region_commitments.items():
        region = regions.get(region_id)
        if region is None:
            raise NetworkError("region_commitments", f"region {region_id} is not of this network")
        commitments[region_id] = _whole_number(f"region_commitments[{region.name}]", count)
    assigned = sum(commitments.values())
    if assigned > committed:
        raise NetworkError(
            "committed",
            f"the regions' commitments add up to {assigned}, more than the total of {committed}",
            "over_total",
            assigned=assigned,
            committed=committed,
        )

    plan = action_plan(session, network)
    plan.approved = approved
    plan.committed = committed
    plan.budget = budget
    plan.expertise_needs = needs
    plan.fund_holder = fund_holder
    _set_commitments(plan, regions, commitments)
    # The plan's version must move even when only a region's figure changed, so a
    # stale form for the same plan is refused as a whole.
    flag_modified(plan, "committed")
    session.flush()
    return plan


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


def _approval(day: dt.date | None, today: dt.date) -> dt.date | None:
    if day is None:
        return None
    if day < EARLIEST_APPROVAL:
        raise NetworkError(
            "approved",
            f"must be on or after {EARLIEST_APPROVAL.isoformat()}",
            "too_early",
            date=EARLIEST_APPROVAL.isoformat(),
        )
    if day > today:
        raise NetworkError("approved", "must not be in the future", "future")
    return day


def _whole_number(field: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise NetworkError(field, "must be a whole number")
    if not 0 <= value <= MAX_COMMITTED:
        raise NetworkError(field, f"must be between 0 and {MAX_COMMITTED}")
    return value


def _budget(value: Decimal) -> Decimal:
    try:
        amount = Decimal(value)
        finite = amount.is_finite()
    except (InvalidOperation, TypeError, ValueError):
        raise NetworkError("budget", "must be an amount in euro") from None
    if not finite:
        raise NetworkError("budget", "must be an amount in euro")
    if amount < 0:
        raise NetworkError("budget", "must not be negative")
    if amount > MAX_BUDGET:
        raise NetworkError("budget", f"must not be more than {MAX_BUDGET}")
    if amount != amount.quantize(CENT):
        raise NetworkError("budget", "has at most 2 decimals (cents)")
    return amount.quantize(CENT)


def _expertise_needs(text: str) -> str:
    cleaned = text.strip().replace("\r\n", "\n")
    if len(cleaned) > MAX_EXPERTISE_NEEDS:
        raise NetworkError("expertise_needs", f"is longer than {MAX_EXPERTISE_NEEDS} characters")
    if not is_text(cleaned):
        raise NetworkError("expertise_needs", "must not contain control characters")
    return cleaned


def _fund_holder(network: Network, organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    found = next((o for o in network.organisations if o.id == organisation_id), None)
    if found is None:
        raise NetworkError("fund_holder", "must be one of the network's organisations")
    return found


def plan_period(plan: ActionPlan) -> tuple[dt.date, dt.date]:
    """The plan year as its first and last day, both included (as `network_report` takes them).

    The year starts on the approval date; its last day is the day before the same
    date a year later (`add_months` clamps 29 February to the 28th). The report's
    `plan.period.to` is the day after `end`: there the year is written half-open.
    """
    if plan.approved is None:
        raise NetworkError("approved", "the action plan is not approved yet")
    return plan.approved, add_months(plan.approved, 12) - dt.timedelta(days=1)
