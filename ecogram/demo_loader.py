"""Load the fictional demo data into a database, idempotently.

The data lives in `ecogram.demo`; this module only stores it. Running it twice
changes nothing the second time: existing cases, regions, organisations and
action plans are left as they are, so a demo someone has edited survives.

Besides the five showcase cases, each network gets a batch of small statistical
cases (`ecogram.demo.statistics`) so its dashboard has figures. Nobody is
assigned to them: only the case coordinator of the network sees them, as the
access rule gives a case coordinator every case of their network.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram import caseformat, checks, history, storage
from ecogram.accounts import User, UserRole, add_user, assign
from ecogram.demo import DEMO_NETWORKS, DemoNetwork, demo_cases
from ecogram.demo.networks import approval_date
from ecogram.demo.sessions import demo_sessions
from ecogram.demo.statistics import statistics_cases
from ecogram.demo.year import load_year
from ecogram.findings import Severity
from ecogram.migrate import seed_networks
from ecogram.models import (
    ActionPlan,
    Case,
    EcogramSession,
    Network,
    Organisation,
    Region,
)
from ecogram.vocabulary import NetworkSlug

# Fictional demo accounts. The password is printed by `make run`; it guards
# fictional data on a developer's machine and nothing else. The context worker and
# the assessor belong to Limburg, so Limburg's coordinator can put them on a team;
# they work on cases of other networks too, being on those teams.
DEMO_PASSWORD = "ecogram-demo-2026"  # noqa: S105
DEMO_USERS: list[tuple[str, str, UserRole, NetworkSlug | None, tuple[str, ...]]] = [
    (
        "contextwerker",
        "Lotte (contextbegeleider)",
        UserRole.CONTEXT_WORKER,
        NetworkSlug.LIMBURG,
        ("demo-1", "demo-2", "demo-3", "demo-4", "demo-5"),
    ),
    (
        "pleegzorg",
        "Hanne (pleegzorg)",
        UserRole.FOSTER_CARE_ASSESSOR,
        NetworkSlug.LIMBURG,
        ("demo-2", "demo-3", "demo-4"),
    ),
    (
        "coordinator",
        "Wout (casuscoördinator Limburg)",
        UserRole.CASE_COORDINATOR,
        NetworkSlug.LIMBURG,
        (),
    ),
    (
        "netwerk",
        "Ria (netwerkcoördinator Limburg)",
        UserRole.NETWORK_COORDINATOR,
        NetworkSlug.LIMBURG,
        (),
    ),
    ("beheer", "Beheerder", UserRole.ADMIN, None, ()),
]


def load_demo(session: Session, today: dt.date) -> list[str]:
    """Store the demo networks and cases; return one line per thing, for the terminal."""
    report = []
    networks = {n.slug: n for n in seed_networks(session)}
    for slug, data in DEMO_NETWORKS.items():
        report.append(_load_network(session, networks[slug], data, today))
    for document in demo_cases(today):
        ref = document["case"]["id"]
        if storage.load_case(session, ref) is not None:
            report.append(f"Case {ref}: already present, left as it is")
            continue
        case = storage.save_case(session, caseformat.parse_document(document))
        _add_sessions(session, case, document, today)
        found = checks.check_case(case, today)
        errors = sum(f.severity is Severity.ERROR for f in found)
        warnings = sum(f.severity is Severity.WARNING for f in found)
        report.append(
            f"Case {ref}: loaded, {len(case.persons)} persons, "
            f"{errors} errors and {warnings} warnings on {today.isoformat()}"
        )
    report.extend(_load_statistics(session, today))
    report.extend(_load_users(session, networks))
    return report


def _add_sessions(session: Session, case: Case, document: dict[str, Any], today: dt.date) -> None:
    """Replace the import's single session by the demo's three, so the history shows growth."""
    sessions = demo_sessions(document, today)
    first = history.latest_session(session, case.id)
    if first is None:  # save_case records the import as session 1; this cannot happen
        raise RuntimeError(f"case {case.ref} was stored without its first session")
    for number, planned in enumerate(sessions, start=1):
        # Parsing each earlier state checks it is a valid case before it is stored.
        snapshot = caseformat.dumps(caseformat.parse_document(planned.document))
        target = first if number == 1 else EcogramSession(case_id=case.id, number=number)
        target.date, target.present, target.snapshot = planned.date, planned.present, snapshot
        session.add(target)
    session.flush()


def _load_statistics(session: Session, today: dt.date) -> list[str]:
    """Store the statistical cases that are missing; one summary line per network."""
    documents = statistics_cases(today)
    refs = [document["case"]["id"] for document in documents]
    present = set(session.scalars(select(Case.ref).where(Case.ref.in_(refs))))
    loaded: dict[str, int] = {}
    for document in documents:
        network = document["trajectory"]["network"]
        loaded.setdefault(network, 0)
        if document["case"]["id"] not in present:
            storage.save_case(session, caseformat.parse_document(document))
            loaded[network] += 1
    return [
        f"Network {NetworkSlug(slug).value}: {count} statistical cases loaded"
        + ("" if count else " (already present, left as they are)")
        for slug, count in loaded.items()
    ]


def _load_users(session: Session, networks: dict[NetworkSlug, Network]) -> list[str]:
    lines = []
    for username, name, role, slug, case_refs in DEMO_USERS:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = add_user(
                session,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                display_name=name,
                network=None if slug is None else networks[slug],
            )
        for ref in case_refs:
            case = session.scalar(select(Case).where(Case.ref == ref))
            if case is not None:
                assign(session, user, case)
        lines.append(f"Login: {username:<14} password {DEMO_PASSWORD}  ({role.value})")
    return lines


def _load_network(session: Session, network: Network, data: DemoNetwork, today: dt.date) -> str:
    regions = {r.name: r for r in network.regions}
    for name in data["regions"]:
        if name not in regions:
            regions[name] = Region(name=name)
            network.regions.append(regions[name])
    organisations = {o.name: o for o in network.organisations}
    for name in data["organisations"]:
        if name not in organisations:
            organisations[name] = Organisation(name=name)
            network.organisations.append(organisations[name])
    existing_plan = session.scalar(select(ActionPlan).where(ActionPlan.network_id == network.id))
    if existing_plan is not None:
        return f"Network {network.name}: action plan already present, left as it is"
    session.flush()
    load_year(session, network, data["action_plan"], approval_date(data["action_plan"], today))
    plan = network.action_plan
    assert plan is not None  # noqa: S101  (load_year made it)
    return (
        f"Network {network.name}: {len(data['regions'])} regions, action plan for "
        f"{plan.committed} trajectories and EUR {plan.budget:,.0f}"
    )
