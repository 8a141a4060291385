"""Who works on a case: its team, and who its coordinator may put on it.

A team is the set of users assigned to the case (`CaseAssignment`). The
capability table reads it on every request, so a change holds from the next
request on, without anyone signing in again.

Decisions:
- The coordinator puts context workers and foster-care assessors on a team;
  case coordinators see their network's cases without being on a team, and a
  network coordinator or an admin sees no case through a team of the network.
- Only active accounts of the case's own network are offered: the network says
  whose staff they are, and an account without a network is asked to get one
  from the admin first. Whoever is on the team already stays listed (and can be
  taken off), whatever has changed about their account since.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ecogram.accounts import CaseAssignment, User, UserRole
from ecogram.models import Case

TEAM_ROLES = (UserRole.CONTEXT_WORKER, UserRole.FOSTER_CARE_ASSESSOR)


def team_of(session: Session, case_ids: list[int]) -> dict[int, list[User]]:
    """Who is on each case's team, in one query for all the cases, by name."""
    teams: dict[int, list[User]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return teams
    rows = session.execute(
        select(CaseAssignment.case_id, User)
        .join(User, User.id == CaseAssignment.user_id)
        .where(CaseAssignment.case_id.in_(case_ids))
        .order_by(User.display_name, User.id)
    )
    for case_id, user in rows:
        teams[case_id].append(user)
    return teams


def candidates(session: Session, case: Case) -> list[User]:
    """Whom the coordinator may add to the case's team, by name; nobody without a network."""
    network_id = None if case.trajectory is None else case.trajectory.network_id
    if network_id is None:
        return []
    on_team = select(CaseAssignment.user_id).where(CaseAssignment.case_id == case.id)
    query = (
        select(User)
        .where(
            User.active.is_(True),
            User.role.in_(TEAM_ROLES),
            User.network_id == network_id,
            User.id.not_in(on_team),
        )
        .order_by(User.display_name, User.id)
    )
    return list(session.scalars(query))


def unassign(session: Session, user_id: int, case_id: int) -> bool:
    """Take a user off a case's team; False when they were not on it."""
    removed = session.execute(
        delete(CaseAssignment).where(
            CaseAssignment.user_id == user_id, CaseAssignment.case_id == case_id
        )
    )
    return bool(getattr(removed, "rowcount", 0))
