"""A network's regions and organisations, edited by its coordinator or an admin.

The action plan they serve is `ecogram.action_plans`.

Every function checks its input and raises `NetworkError` naming the field, so
nothing half-valid reaches the database; the caller commits.

Decisions where the call is silent:

- A region that trajectories are referred in is not removed: the report counts
  per region, and silently moving those trajectories to "(none)" would change
  figures already reported. Its commitment, if any, goes with the region.
- The organisation that holds the funds (the penhouder) is not removed: the plan
  would lose its fund holder without anyone choosing so. Choose another first.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ecogram.models import Network, Organisation, Region, Trajectory
from ecogram.text import is_line

REGION_NAME_MAX = 120
ORGANISATION_NAME_MAX = 200


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
