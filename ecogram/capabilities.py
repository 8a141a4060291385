"""Who may do what, and where: the capability table and its scope rule.

The table below is the rule. Each cell says where a role holds a capability:
on the cases of its team, in its own network, everywhere, or nowhere. Every
guard of the web app, every template and every list of cases asks this module,
so a change of policy is a change of one cell.

Where, the scope rule (`holds`):
- TEAM: cases the user is assigned to.
- NETWORK: the user's own network. For a case, that is the network of its
  trajectory (a case without a trajectory belongs to no network yet); for the
  network's pages, the network itself.
- EVERYWHERE: every network and every account.
An inactive user holds nothing.

The decisions behind the cells:
- Whoever is on a case's team views it, prints and exports it, and saves
  assessments of its candidates; the network coordinator is the exception.
- A context worker maps the ecogram with the family (persons, ties, the
  sessions), and keeps roles, the anchor and the trajectory up to date.
- A foster-care assessor on the team assesses candidates and records what
  happened in the trajectory (care tables, care-plan actions, evaluations,
  stays), but decides nothing: roles and the anchor, the term (extending or
  ending the trajectory) and the ecogram (its persons, ties and sessions with
  the family) stay with the context worker and the case coordinator.
- A case coordinator holds the team's capabilities on every case of their
  network, and on a case of another network when on its team. The capabilities
  that answer to the network itself hold in their own network only: spending
  the case-bound budget (accounted for to the network's fund holder), closing
  and erasing (the network keeps the records), reading the audit trail and
  managing the team. Opening a case from a referral is theirs too, in their own
  network only: the new case's trajectory belongs to it.
- A network coordinator sees no case, not even when assigned: their network's
  figures (aggregates, never names) and its action plan are theirs.
- An admin manages accounts and every network's plan, and decides on a submitted
  plan as Opgroeien does (approving it starts the plan year; closing it ends the
  year's accounting): a network never approves its own plan. An admin sees a case
  only when assigned to it, and then works on it as a context worker does; the
  network's figures are its coordinator's (an admin runs `ecogram report`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Flag, StrEnum, auto

from sqlalchemy import BindParameter, bindparam, exists, or_, select
from sqlalchemy.orm import Session

from ecogram.accounts import CaseAssignment, User, UserRole
from ecogram.models import Case, Network, Trajectory


class Capability(StrEnum):
    """What a user may do. All but the last five concern one case."""

    VIEW = "view"  #: read the case: its ecogram, assessments, roles, trajectory, history
    MAP_ECOGRAM = "map_ecogram"  #: add and edit persons and ties; hold sessions with the family
    ASSESS = "assess"  #: save a candidate's IMH assessment
    ASSIGN_ROLES = "assign_roles"  #: give and end roles; name the anchor and the trusted person
    RECORD_TRAJECTORY = "record_trajectory"  #: referral, care tables, care plan, evaluations, stays
    SPEND_BUDGET = "spend_budget"  #: record case-bound budget
    EXTEND = "extend"  #: decide the term: extend it once, or end the trajectory with its outcome
    CLOSE = "close"  #: close the case, which starts its retention period, or reopen it
    ERASE = "erase"  #: erase a person from the case, its history and its exports
    EXPORT = "export"  #: print and download the case
    VIEW_AUDIT = "view_audit"  #: read who viewed or changed the case
    MANAGE_TEAM = "manage_team"  #: choose who works on the case
    OPEN_CASE = "open_case"  #: open a case from a referral, with its trajectory in the network
    MONITOR = "monitor"  #: the network's dashboard and report: aggregates, never names
    MANAGE_PLAN = "manage_plan"  #: regions, organisations, self-scan, action plan, year report
    APPROVE_PLAN = "approve_plan"  #: decide on a submitted action plan, and close it after its year
    MANAGE_ACCOUNTS = "manage_accounts"  #: create, change and deactivate users

    @property
    def on_case(self) -> bool:
        return self not in NOT_ON_A_CASE


NOT_ON_A_CASE = frozenset(
    {
        Capability.OPEN_CASE,
        Capability.MONITOR,
        Capability.MANAGE_PLAN,
        Capability.APPROVE_PLAN,
        Capability.MANAGE_ACCOUNTS,
    }
)


class Scope(Flag):
    """Where a capability holds; a cell may combine TEAM and NETWORK."""

    NOWHERE = 0
    TEAM = auto()
    NETWORK = auto()
    EVERYWHERE = auto()


NO = Scope.NOWHERE
TEAM = Scope.TEAM
NET = Scope.NETWORK
TEAM_NET = Scope.TEAM | Scope.NETWORK
ALL = Scope.EVERYWHERE

ROLE_COLUMNS = (
    UserRole.CONTEXT_WORKER,
    UserRole.FOSTER_CARE_ASSESSOR,
    UserRole.CASE_COORDINATOR,
    UserRole.NETWORK_COORDINATOR,
    UserRole.ADMIN,
)

# fmt: off
CAPABILITY_TABLE: dict[Capability, tuple[Scope, ...]] = {
    #                              worker  assessor case_coord network_coord admin
    Capability.VIEW:              (TEAM,   TEAM,    TEAM_NET,  NO,           TEAM),
    Capability.MAP_ECOGRAM:       (TEAM,   NO,      TEAM_NET,  NO,           TEAM),
    Capability.ASSESS:            (TEAM,   TEAM,    TEAM_NET,  NO,           TEAM),
    Capability.ASSIGN_ROLES:      (TEAM,   NO,      TEAM_NET,  NO,           TEAM),
    Capability.RECORD_TRAJECTORY: (TEAM,   TEAM,    TEAM_NET,  NO,           TEAM),
    Capability.SPEND_BUDGET:      (NO,     NO,      NET,       NO,           NO),
    Capability.EXTEND:            (TEAM,   NO,      TEAM_NET,  NO,           TEAM),
    Capability.CLOSE:             (NO,     NO,      NET,       NO,           NO),
    Capability.ERASE:             (NO,     NO,      NET,       NO,           NO),
    Capability.EXPORT:            (TEAM,   TEAM,    TEAM_NET,  NO,           TEAM),
    Capability.VIEW_AUDIT:        (NO,     NO,      NET,       NO,           NO),
    Capability.MANAGE_TEAM:       (NO,     NO,      NET,       NO,           NO),
    Capability.OPEN_CASE:         (NO,     NO,      NET,       NO,           NO),
    Capability.MONITOR:           (NO,     NO,      NO,        NET,          NO),
    Capability.MANAGE_PLAN:       (NO,     NO,      NO,        NET,          ALL),
    Capability.APPROVE_PLAN:      (NO,     NO,      NO,        NO,           ALL),
    Capability.MANAGE_ACCOUNTS:   (NO,     NO,      NO,        NO,           ALL),
}
# fmt: on


def scope(role: UserRole, capability: Capability) -> Scope:
    return CAPABILITY_TABLE[capability][ROLE_COLUMNS.index(role)]


@dataclass(frozen=True)
class Where:
    """What the scope rule needs to know about the case or network asked about."""

    on_team: bool = False  #: the user is assigned to the case
    network_id: int | None = None  #: the case's network (through its trajectory), or the network
    #: the case's revision as read with the rest (None: there is no such case); a page's
    #: read model is keyed by it, so reading it here saves every case page a query
    revision: int | None = field(default=None, compare=False)


def holds(user: User, capability: Capability, where: Where | None = None) -> bool:
    """Whether `user` holds `capability` at `where`; without `where`, anywhere at all.

    "Anywhere" answers what a menu needs to know: whether the user has any page
    of that kind to go to.
    """
    if not user.active:
        return False
    held = scope(user.role, capability)
    if where is None:
        return bool(held) and (held != NET or user.network_id is not None)
    own_network = user.network_id is not None and where.network_id == user.network_id
    return ALL in held or (TEAM in held and where.on_team) or (NET in held and own_network)


def case_where(session: Session, user: User, case_id: int) -> Where:
    """Where the case with `case_id` stands for `user`: on their team or not, its network
    and its revision.

    One query, built once: every case page asks it first, so it is part of each page's price.
    """
    on_team, network_id, revision = session.execute(
        _CASE_WHERE, {"user_id": user.id, "case_id": case_id}
    ).one()
    return Where(on_team=bool(on_team), network_id=network_id, revision=revision)


_CASE: BindParameter[int] = bindparam("case_id")
_CASE_WHERE = select(
    exists().where(CaseAssignment.user_id == bindparam("user_id"), CaseAssignment.case_id == _CASE),
    select(Trajectory.network_id).where(Trajectory.case_id == _CASE).scalar_subquery(),
    select(Case.revision).where(Case.id == _CASE).scalar_subquery(),
)


def case_ids_where(session: Session, user: User, capability: Capability) -> list[int]:
    """The ids of every case on which `user` holds `capability`, in case order."""
    held = scope(user.role, capability) if user.active else NO
    query = select(Case.id).order_by(Case.id)
    if ALL in held:
        return list(session.scalars(query))
    reached = []
    if TEAM in held:
        reached.append(
            Case.id.in_(select(CaseAssignment.case_id).where(CaseAssignment.user_id == user.id))
        )
    if NET in held and user.network_id is not None:
        reached.append(
            Case.id.in_(select(Trajectory.case_id).where(Trajectory.network_id == user.network_id))
        )
    if not reached:
        return []
    return list(session.scalars(query.where(or_(*reached))))


def visible_case_ids(session: Session, user: User) -> list[int]:
    """The ids of every case `user` may view, in case order."""
    return case_ids_where(session, user, Capability.VIEW)


def networks_where(session: Session, user: User, capability: Capability) -> list[Network]:
    """Every network for which `user` holds `capability`, in id order."""
    held = scope(user.role, capability) if user.active else NO
    query = select(Network).order_by(Network.id)
    if ALL in held:
        return list(session.scalars(query))
    if NET in held and user.network_id is not None:
        return list(session.scalars(query.where(Network.id == user.network_id)))
    return []
