"""Saving and loading whole cases.

A parsed case is a tree of transient model instances; its network and region
arrive as unsaved stand-ins carrying only a slug or a name. Saving swaps them for
the stored rows. Loading fetches every collection of a case in a fixed number of
queries, whatever the size of the child's network (docs/architecture.md, "Performance").
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from ecogram import history
from ecogram.models import Assessment, Case, Network, Person, Region, Trajectory
from ecogram.vocabulary import NetworkSlug


class StorageError(ValueError):
    """A case cannot be stored as given. The message starts with the field's path."""


def save_case(session: Session, case: Case) -> Case:
    """Add a transient case tree and flush it, so constraint errors surface here.

    The stored case starts its history: session 1, the case as the file gave it.
    """
    if session.scalar(select(Case.id).where(Case.ref == case.ref)) is not None:
        raise StorageError(f"case.id: a case with id {case.ref} already exists")
    trajectory = case.trajectory
    if trajectory is not None:
        # Resolve the region first: it is looked up within the given network.
        network = _stored_network(session, trajectory.network)
        trajectory.region = _stored_region(session, network, trajectory.region)
        trajectory.network = network
    session.add(case)
    session.flush()
    history.record_import(session, case)
    session.flush()
    return case


def _stored_network(session: Session, given: Network | None) -> Network | None:
    if given is None:
        return None
    try:
        slug = NetworkSlug(given.slug)
    except ValueError:
        raise StorageError(f"trajectory.network: unknown network {given.slug!r}") from None
    stored = session.scalar(select(Network).where(Network.slug == slug))
    if stored is None:
        raise StorageError(f"trajectory.network: unknown network {slug.value!r}")
    return stored


def _stored_region(
    session: Session, network: Network | None, given: Region | None
) -> Region | None:
    if given is None:
        return None
    if network is None:
        raise StorageError("trajectory.region: a region needs a network")
    stored = session.scalar(
        select(Region).where(Region.network_id == network.id, Region.name == given.name)
    )
    if stored is None:
        stored = Region(name=given.name, network=network)
        session.add(stored)
    return stored


# One SELECT per collection level; many-to-one links (tie ends, anchor and
# trusted persons) then resolve from the identity map without SQL. Selectin
# loading puts up to 500 parents in one query, so only past 500 persons does a
# level cost one more query per 500.
CASE_TREE = (
    selectinload(Case.persons).options(
        selectinload(Person.assessments).selectinload(Assessment.entries),
        selectinload(Person.roles),
    ),
    selectinload(Case.ties),
    selectinload(Case.anchors),
    selectinload(Case.trajectory).options(
        joinedload(Trajectory.network),
        joinedload(Trajectory.region),
        selectinload(Trajectory.care_tables),
        selectinload(Trajectory.evaluations),
        selectinload(Trajectory.budget_items),
        selectinload(Trajectory.stays),
        selectinload(Trajectory.actions),
    ),
)


def load_case(session: Session, ref: str) -> Case | None:
    """The case with every collection loaded, or None when no case has this ref."""
    statement = select(Case).where(Case.ref == ref).options(*CASE_TREE)
    return session.scalars(statement).one_or_none()


def list_case_refs(session: Session) -> list[str]:
    return list(session.scalars(select(Case.ref).order_by(Case.ref)))


def delete_case(session: Session, ref: str, expected_version: int | None = None) -> bool:
    """Delete a case and, through the database's cascades, everything in it.

    Returns False when no case has this ref. With `expected_version`, a case
    changed since the caller read it is not deleted: StaleDataError, as for updates.
    """
    statement = delete(Case).where(Case.ref == ref)
    if expected_version is not None:
        statement = statement.where(Case.version == expected_version)
    deleted = cast(
        "CursorResult[Any]",
        session.execute(statement.execution_options(synchronize_session="fetch")),
    )
    if deleted.rowcount == 1:
        return True
    if expected_version is not None and session.scalar(select(Case.id).where(Case.ref == ref)):
        raise StaleDataError(f"case {ref} was changed by someone else")
    return False
