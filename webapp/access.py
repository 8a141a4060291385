"""The one access guard: every view and every template asks the capability table here.

A case-scoped view asks `guarded_case(case_id, capability, action)` and gets
the case, or the request ends, as in flaskr's `get_post` and healthchecks'
`_get_check_for_user`:
- 404 when the user may not view the case. A case they may not see is then
  indistinguishable from one that does not exist.
- 403 when they may view the case but lack the capability. They know the case
  exists, so "not allowed" tells them nothing new and says what happened
  (healthchecks answers a read-only member's write the same way).

The decision comes first, then exactly one audit row: "ok", or "denied" for a
refusal, which is kept even though the response is an error.

Views that show the ecogram's cached read model (`webapp.graphdata`) ask
`guarded_revision` instead: the same decision and audit row, and the case's
revision rather than its tree. Both read the revision before anything else of
the case, so a view cached under it never holds older content.

Pages outside a case call `require(capability, network, action)`, or for a
network in the URL `guarded_network(network_id, capability, action)`, and answer
404 to whoever lacks it; templates ask `may(capability, case)`.
"""

from __future__ import annotations

from typing import NoReturn, Protocol

from flask import Flask, abort, g
from flask_login import current_user
from sqlalchemy import select

from ecogram import capabilities, storage
from ecogram.accounts import User, record_audit
from ecogram.capabilities import Capability, Where
from ecogram.models import Case, Network, Person
from ecogram.vocabulary import PersonKind
from webapp import database
from webapp.security import request_id


class HasId(Protocol):
    """A case, or what a page shows of one (`webapp.graphdata.CaseHead`)."""

    @property
    def id(self) -> int: ...


def init_app(app: Flask) -> None:
    app.add_template_global(may)


def audit(case_id: int | None, action: str, outcome: str = "ok") -> None:
    """Add an audit row to this request's transaction."""
    user: User | None = current_user if current_user.is_authenticated else None
    row = record_audit(
        database.session(),
        user=user,
        case_id=case_id,
        action=action,
        outcome=outcome,
        request_id=request_id(),
    )
    database.keep_audit_row(row)


def _user() -> User:
    user: User = current_user._get_current_object()
    return user


def _case_where(case_id: int) -> Where:
    """Where the case stands for the signed-in user, asked once per request."""
    known: dict[int, Where] = g.setdefault("case_where", {})
    if case_id not in known:
        known[case_id] = capabilities.case_where(database.session(), _user(), case_id)
    return known[case_id]


def _refuse(case_id: int, action: str, status: int) -> NoReturn:
    audit(case_id, action, outcome="denied")
    g.commit_despite_error = True
    abort(status)


def _admit(case_id: int, capability: Capability, action: str) -> None:
    """End the request unless the user holds `capability` on the case (refusals audited)."""
    user = _user()
    where = _case_where(case_id)
    if not capabilities.holds(user, Capability.VIEW, where):
        _refuse(case_id, action, 404)
    if not capabilities.holds(user, capability, where):
        _refuse(case_id, action, 403)


def guarded_case(case_id: int, capability: Capability, action: str) -> Case:
    """The case with its whole tree, if the user holds `capability` on it; `action` is audited."""
    _admit(case_id, capability, action)
    db = database.session()
    found = db.execute(select(Case.ref, Case.revision).where(Case.id == case_id)).one_or_none()
    case = storage.load_case(db, found.ref) if found is not None else None
    if found is None or case is None:
        abort(404)
    g.setdefault("case_revisions", {})[case_id] = found.revision
    audit(case_id, action)
    return case


def guarded_revision(case_id: int, capability: Capability, action: str) -> int:
    """The case's revision, if the user holds `capability` on it; `action` is audited."""
    _admit(case_id, capability, action)
    found = _case_where(case_id).revision
    if found is None:
        abort(404)
    g.setdefault("case_revisions", {})[case_id] = found
    audit(case_id, action)
    return found


def revision_read(case_id: int) -> int:
    """The revision the guard read for the case in this request, before its content."""
    found: int = g.case_revisions[case_id]
    return found


def may(
    capability: Capability | str, case: HasId | None = None, network: Network | None = None
) -> bool:
    """Whether the signed-in user holds `capability` on `case`, for `network`, or anywhere.

    Templates call it with the capability's name: `may('erase', case)`.
    """
    if not current_user.is_authenticated:
        return False
    wanted = Capability(capability)
    where = None
    if case is not None:
        where = _case_where(case.id)
    elif network is not None:
        where = Where(network_id=network.id)
    return capabilities.holds(_user(), wanted, where)


def require(
    capability: Capability, network: Network | None = None, action: str | None = None
) -> None:
    """404 unless the user holds `capability` for `network` (without one: anywhere).

    With `action`, a refusal is audited (without a case), as the case guard does.
    """
    if not may(capability, network=network):
        if action is not None:
            audit(None, action, outcome="denied")
            g.commit_despite_error = True
        abort(404)


def guarded_network(network_id: int, capability: Capability, action: str) -> Network:
    """The network, if the user holds `capability` for it; `action` is audited without a case.

    A network the user may not manage answers 404 like one that does not exist, and
    the refusal is audited; otherwise one "ok" row for `action` on the network.
    """
    network = database.session().get(Network, network_id)
    if network is None or not may(capability, network=network):
        audit(None, f"{action}:{network_id}", outcome="denied")
        g.commit_despite_error = True
        abort(404)
    audit(None, f"{action}:{network.slug.value}")
    return network


def networks_with(capability: Capability) -> list[Network]:
    """The networks for which the user holds `capability`; 404 when there is none."""
    found = capabilities.networks_where(database.session(), _user(), capability)
    if not found:
        abort(404)
    return found


def case_person(case: Case, person_id: int, *, allow_child: bool = True) -> Person:
    """A person of the guarded case, or 404: ids of other cases never resolve."""
    found = next((p for p in case.persons if p.id == person_id), None)
    if found is None or (not allow_child and found.kind is PersonKind.CHILD):
        abort(404)
    return found
