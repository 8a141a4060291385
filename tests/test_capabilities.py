"""The capability table and its scope rule, checked against expectations written out by hand.

The expected cells below are the policy in words, not read from the table, so a
changed cell fails here until someone changes the policy on purpose.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram import caseformat, storage
from ecogram.accounts import User, UserRole, add_user, assign
from ecogram.capabilities import (
    Capability,
    Where,
    case_ids_where,
    case_where,
    holds,
    networks_where,
    visible_case_ids,
)
from ecogram.models import Case, Network
from ecogram.vocabulary import NetworkSlug
from tests.test_caseformat import example

PASSWORD = "a long fictional passphrase"
OWN, OTHER = 1, 2  #: network ids: the user's own network and another one

ON_A_CASE = {c.value for c in Capability if c.on_case}
TEAM_MEMBER = {"view", "map_ecogram", "assess", "assign_roles", "record_trajectory"}
TEAM_MEMBER |= {"extend", "export"}
NETWORKS_OWN = {"spend_budget", "close", "erase", "view_audit", "manage_team"}

#: On a case of the user's team, in another network than the user's own.
ON_THE_TEAM: dict[UserRole, set[str]] = {
    UserRole.CONTEXT_WORKER: TEAM_MEMBER,
    UserRole.FOSTER_CARE_ASSESSOR: {"view", "assess", "record_trajectory", "export"},
    UserRole.CASE_COORDINATOR: TEAM_MEMBER,
    UserRole.NETWORK_COORDINATOR: set(),
    UserRole.ADMIN: TEAM_MEMBER,
}
#: On a case of the user's own network that the user is not on the team of.
IN_OWN_NETWORK: dict[UserRole, set[str]] = {
    UserRole.CONTEXT_WORKER: set(),
    UserRole.FOSTER_CARE_ASSESSOR: set(),
    UserRole.CASE_COORDINATOR: TEAM_MEMBER | NETWORKS_OWN,
    UserRole.NETWORK_COORDINATOR: set(),
    UserRole.ADMIN: set(),
}
#: For the network itself: the user's own, and another one.
FOR_OWN_NETWORK: dict[UserRole, set[str]] = {
    UserRole.CONTEXT_WORKER: set(),
    UserRole.FOSTER_CARE_ASSESSOR: set(),
    UserRole.CASE_COORDINATOR: {"open_case"},
    UserRole.NETWORK_COORDINATOR: {"monitor", "manage_plan"},
    UserRole.ADMIN: {"manage_plan", "approve_plan", "manage_accounts"},
}
FOR_OTHER_NETWORK: dict[UserRole, set[str]] = {
    UserRole.CONTEXT_WORKER: set(),
    UserRole.FOSTER_CARE_ASSESSOR: set(),
    UserRole.CASE_COORDINATOR: set(),
    UserRole.NETWORK_COORDINATOR: set(),
    UserRole.ADMIN: {"manage_plan", "approve_plan", "manage_accounts"},
}


def user(role: UserRole, network_id: int | None = OWN, active: bool = True) -> User:
    return User(username=role.value, role=role, network_id=network_id, active=active)


def held(person: User, where: Where, capabilities: set[str] | None = None) -> set[str]:
    asked = capabilities if capabilities is not None else {c.value for c in Capability}
    return {name for name in asked if holds(person, Capability(name), where)}


@pytest.mark.parametrize("role", list(UserRole))
def test_on_a_case_of_the_team_each_role_holds_what_the_policy_says(role: UserRole) -> None:
    where = Where(on_team=True, network_id=OTHER)
    assert held(user(role), where, ON_A_CASE) == ON_THE_TEAM[role]


@pytest.mark.parametrize("role", list(UserRole))
def test_on_a_case_of_the_own_network_each_role_holds_what_the_policy_says(
    role: UserRole,
) -> None:
    where = Where(on_team=False, network_id=OWN)
    assert held(user(role), where, ON_A_CASE) == IN_OWN_NETWORK[role]


@pytest.mark.parametrize("role", list(UserRole))
def test_on_the_team_of_a_case_of_the_own_network_the_two_add_up(role: UserRole) -> None:
    where = Where(on_team=True, network_id=OWN)
    assert held(user(role), where, ON_A_CASE) == ON_THE_TEAM[role] | IN_OWN_NETWORK[role]


@pytest.mark.parametrize("role", list(UserRole))
def test_nobody_holds_anything_on_a_case_of_another_network_they_are_not_on(
    role: UserRole,
) -> None:
    assert held(user(role), Where(on_team=False, network_id=OTHER), ON_A_CASE) == set()


@pytest.mark.parametrize("role", list(UserRole))
def test_for_a_network_each_role_holds_what_the_policy_says(role: UserRole) -> None:
    others = {c.value for c in Capability} - ON_A_CASE
    assert held(user(role), Where(network_id=OWN), others) == FOR_OWN_NETWORK[role]
    assert held(user(role), Where(network_id=OTHER), others) == FOR_OTHER_NETWORK[role]


def test_the_assessor_assesses_but_decides_neither_roles_nor_term_nor_sessions() -> None:
    assessor = user(UserRole.FOSTER_CARE_ASSESSOR)
    on_team = Where(on_team=True, network_id=OWN)
    assert holds(assessor, Capability.ASSESS, on_team)
    assert not holds(assessor, Capability.ASSIGN_ROLES, on_team)
    assert not holds(assessor, Capability.EXTEND, on_team)
    assert not holds(assessor, Capability.MAP_ECOGRAM, on_team)


def test_a_case_coordinator_on_another_networks_team_may_not_spend_close_or_erase() -> None:
    coordinator = user(UserRole.CASE_COORDINATOR)
    elsewhere = Where(on_team=True, network_id=OTHER)
    assert holds(coordinator, Capability.VIEW, elsewhere)
    for capability in (Capability.SPEND_BUDGET, Capability.CLOSE, Capability.ERASE):
        assert not holds(coordinator, capability, elsewhere), capability


def test_a_case_without_a_trajectory_belongs_to_no_network_yet() -> None:
    coordinator = user(UserRole.CASE_COORDINATOR)
    assert not holds(coordinator, Capability.VIEW, Where(on_team=False, network_id=None))
    assert not holds(user(UserRole.CASE_COORDINATOR, network_id=None), Capability.VIEW, Where())


def test_an_inactive_user_holds_nothing() -> None:
    admin = user(UserRole.ADMIN, active=False)
    assert not holds(admin, Capability.MANAGE_ACCOUNTS, Where())
    assert not holds(admin, Capability.VIEW, Where(on_team=True))
    assert not holds(admin, Capability.MANAGE_ACCOUNTS)


@pytest.mark.parametrize(
    ("role", "network_id", "expected"),
    [
        (UserRole.CONTEXT_WORKER, None, {"view"}),
        (UserRole.FOSTER_CARE_ASSESSOR, None, {"view"}),
        (UserRole.CASE_COORDINATOR, OWN, {"view"}),
        (UserRole.NETWORK_COORDINATOR, OWN, {"monitor", "manage_plan"}),
        (UserRole.NETWORK_COORDINATOR, None, set()),
        (UserRole.ADMIN, None, {"view", "manage_plan"}),
    ],
)
def test_anywhere_tells_which_menus_a_user_gets(
    role: UserRole, network_id: int | None, expected: set[str]
) -> None:
    menus = {"view", "monitor", "manage_plan"}
    person = user(role, network_id)
    assert {m for m in menus if holds(person, Capability(m))} == expected


# --- The rule against stored cases and networks ------------------------------------------


def network(session: Session, slug: NetworkSlug) -> Network:
    found = session.scalar(select(Network).where(Network.slug == slug))
    assert found is not None
    return found


def stored_case(session: Session, ref: str, slug: str = "limburg") -> Case:
    doc = example()
    doc["case"]["id"] = ref
    doc["trajectory"]["network"] = slug
    return storage.save_case(session, caseformat.parse_document(doc))


def account(session: Session, name: str, role: UserRole, net: Network | None = None) -> User:
    return add_user(session, username=name, password=PASSWORD, role=role, network=net)


def test_only_the_team_and_the_networks_case_coordinators_see_a_case(session: Session) -> None:
    case = stored_case(session, "c1", "limburg")
    other = stored_case(session, "c2", "antwerpen")
    limburg = network(session, NetworkSlug.LIMBURG)

    def make(name: str, role: UserRole, net: Network | None = None) -> User:
        return account(session, name, role, net)

    worker = make("worker", UserRole.CONTEXT_WORKER)
    outsider = make("outsider", UserRole.CONTEXT_WORKER)
    coordinator = make("coordinator", UserRole.CASE_COORDINATOR, limburg)
    aggregates = make("aggregates", UserRole.NETWORK_COORDINATOR, limburg)
    admin = make("admin", UserRole.ADMIN)
    assigned_admin = make("assigned_admin", UserRole.ADMIN)
    assign(session, worker, case)
    assign(session, worker, case)  # assigning twice is harmless
    assign(session, aggregates, case)  # even when assigned, aggregates only
    assign(session, assigned_admin, other)

    assert case_where(session, worker, case.id) == Where(on_team=True, network_id=limburg.id)
    assert case_where(session, outsider, case.id) == Where(on_team=False, network_id=limburg.id)
    assert visible_case_ids(session, worker) == [case.id]
    assert visible_case_ids(session, outsider) == []
    assert visible_case_ids(session, coordinator) == [case.id]
    assert visible_case_ids(session, aggregates) == []
    assert visible_case_ids(session, admin) == []
    assert visible_case_ids(session, assigned_admin) == [other.id]
    assert case_ids_where(session, coordinator, Capability.ERASE) == [case.id]
    assert case_ids_where(session, worker, Capability.ERASE) == []

    worker.active = False
    assert visible_case_ids(session, worker) == []


def test_a_case_coordinator_on_another_networks_team_sees_that_case_too(
    session: Session,
) -> None:
    case = stored_case(session, "c1", "limburg")
    other = stored_case(session, "c2", "antwerpen")
    limburg = network(session, NetworkSlug.LIMBURG)
    coordinator = account(session, "coordinator", UserRole.CASE_COORDINATOR, limburg)
    assign(session, coordinator, other)
    assert visible_case_ids(session, coordinator) == [case.id, other.id]
    assert case_ids_where(session, coordinator, Capability.SPEND_BUDGET) == [case.id]


def test_an_admin_manages_every_networks_plan_and_a_network_coordinator_their_own(
    session: Session,
) -> None:
    limburg = network(session, NetworkSlug.LIMBURG)
    admin = account(session, "admin", UserRole.ADMIN)
    ria = account(session, "ria", UserRole.NETWORK_COORDINATOR, limburg)
    worker = account(session, "lotte", UserRole.CONTEXT_WORKER)
    every = networks_where(session, admin, Capability.MANAGE_PLAN)
    assert {n.slug for n in every} == set(NetworkSlug)
    assert networks_where(session, ria, Capability.MANAGE_PLAN) == [limburg]
    assert networks_where(session, ria, Capability.MONITOR) == [limburg]
    assert networks_where(session, admin, Capability.MONITOR) == []
    assert networks_where(session, worker, Capability.MANAGE_PLAN) == []
