"""Every route, for every persona, answers as the capability table predicts.

The routes come from the URL map, so a route added later fails the first test
here until it is named below with the capability its view needs. That list is
written out by hand, apart from the views; the table's own cells are checked
against hand-written expectations in tests/test_capabilities.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.routing import Rule

from ecogram import networks
from ecogram.accounts import AuditEvent, User, UserRole
from ecogram.capabilities import Capability, Where, holds
from ecogram.db import session_scope
from ecogram.models import Network
from ecogram.vocabulary import NetworkSlug
from tests.plans import approved_plan
from tests.web.conftest import World, login
from tests.web.urlmap import FORM, path, real_ids

V, MAP, ASSESS, ROLES = (
    Capability.VIEW,
    Capability.MAP_ECOGRAM,
    Capability.ASSESS,
    Capability.ASSIGN_ROLES,
)
RECORD, SPEND, EXTEND = Capability.RECORD_TRAJECTORY, Capability.SPEND_BUDGET, Capability.EXTEND
CLOSE, ERASE, EXPORT = Capability.CLOSE, Capability.ERASE, Capability.EXPORT
TEAM, ACCOUNTS = Capability.MANAGE_TEAM, Capability.MANAGE_ACCOUNTS

#: What each case-scoped route needs, by endpoint and method.
CASE_ROUTES: dict[tuple[str, str], Capability] = {
    ("ecogram_page.show", "GET"): V,
    ("ecogram_page.graph_data", "GET"): V,
    ("ecogram_page.person_detail", "GET"): V,
    ("ecogram_page.add_person", "POST"): MAP,
    ("ecogram_page.edit_person", "POST"): MAP,
    ("ecogram_page.mark_to_explore", "POST"): MAP,
    ("ecogram_page.add_tie", "POST"): MAP,
    ("ecogram_page.edit_tie", "POST"): MAP,
    ("ecogram_page.delete_person", "POST"): MAP,
    ("ecogram_page.delete_tie", "POST"): MAP,
    ("ecogram_page.undo", "POST"): MAP,
    ("ecogram_page.redo", "POST"): MAP,
    ("assessment.index", "GET"): V,
    ("assessment.edit", "GET"): V,
    ("assessment.edit", "POST"): ASSESS,
    ("roles.index", "GET"): V,
    ("roles.add", "POST"): ROLES,
    ("roles.end", "POST"): ROLES,
    ("roles.change_nights", "POST"): ROLES,
    ("roles.set_anchor", "POST"): ROLES,
    ("roles.set_trusted", "POST"): ROLES,
    ("trajectory.index", "GET"): V,
    ("trajectory.create", "POST"): RECORD,
    ("trajectory.edit_referral", "POST"): RECORD,
    ("trajectory.add_care_table", "POST"): RECORD,
    ("trajectory.add_action", "POST"): RECORD,
    ("trajectory.complete_action", "POST"): RECORD,
    ("trajectory.add_evaluation", "POST"): RECORD,
    ("trajectory.add_stay", "POST"): RECORD,
    ("trajectory.end_stay", "POST"): RECORD,
    ("trajectory.add_budget_item", "POST"): SPEND,
    ("trajectory.edit_care_table", "POST"): RECORD,
    ("trajectory.delete_care_table", "POST"): RECORD,
    ("trajectory.edit_action", "POST"): RECORD,
    ("trajectory.delete_action", "POST"): RECORD,
    ("trajectory.edit_evaluation", "POST"): RECORD,
    ("trajectory.delete_evaluation", "POST"): RECORD,
    ("trajectory.edit_stay", "POST"): RECORD,
    ("trajectory.delete_stay", "POST"): RECORD,
    ("trajectory.edit_budget_item", "POST"): SPEND,
    ("trajectory.delete_budget_item", "POST"): SPEND,
    ("trajectory.withdraw_extension", "POST"): EXTEND,
    ("trajectory.extend", "POST"): EXTEND,
    ("trajectory.end", "POST"): EXTEND,
    ("history.index", "GET"): V,
    ("history.show", "GET"): V,
    ("history.session_graph", "GET"): V,
    ("history.counts", "GET"): V,
    ("history.diff", "GET"): V,
    ("history.start", "POST"): MAP,
    ("history.edit_present", "POST"): MAP,
    ("history.put_back", "POST"): MAP,
    ("findings.index", "GET"): V,
    ("downloads.index", "GET"): EXPORT,
    ("downloads.export", "POST"): EXPORT,
    ("audit.index", "GET"): Capability.VIEW_AUDIT,
    ("erasure.index", "GET"): ERASE,
    ("erasure.confirm", "GET"): ERASE,
    ("erasure.erase", "POST"): ERASE,
    ("closing.index", "GET"): CLOSE,
    ("closing.close", "POST"): CLOSE,
    ("closing.reopen", "POST"): CLOSE,
    ("team.index", "GET"): V,
    ("team.add", "POST"): TEAM,
    ("team.remove", "POST"): TEAM,
}

#: Pages outside a case: the capability they need, and for which network. "url" is the
#: network in the URL, "own" the user's own network, "any" any network at all. None:
#: every signed-in user, who sees only their own cases there.
OTHER_ROUTES: dict[str, tuple[Capability | None, str]] = {
    "cases.index": (None, ""),
    "deadlines.index": (None, ""),
    "dashboard.index": (Capability.MONITOR, "own"),
    "dashboard.data": (Capability.MONITOR, "own"),
    "dashboard.export_csv": (Capability.MONITOR, "own"),
    "dashboard.export_pdf": (Capability.MONITOR, "own"),
    "dashboard.export_xlsx": (Capability.MONITOR, "own"),
    "networks.index": (Capability.MANAGE_PLAN, "any"),
    "auth.reset": (Capability.MANAGE_ACCOUNTS, "any"),
    "networks.show": (Capability.MANAGE_PLAN, "url"),
    "networks.add_region": (Capability.MANAGE_PLAN, "url"),
    "networks.rename_region": (Capability.MANAGE_PLAN, "url"),
    "networks.remove_region": (Capability.MANAGE_PLAN, "url"),
    "networks.add_organisation": (Capability.MANAGE_PLAN, "url"),
    "networks.rename_organisation": (Capability.MANAGE_PLAN, "url"),
    "networks.remove_organisation": (Capability.MANAGE_PLAN, "url"),
    "self_scan.index": (Capability.MANAGE_PLAN, "url"),
    "self_scan.save": (Capability.MANAGE_PLAN, "url"),
    "self_scan.download": (Capability.MANAGE_PLAN, "url"),
    "plan.index": (Capability.MANAGE_PLAN, "url"),
    "plan.save": (Capability.MANAGE_PLAN, "url"),
    "plan.submit": (Capability.MANAGE_PLAN, "url"),
    "plan.record_sessions": (Capability.MANAGE_PLAN, "url"),
    "plan.version": (Capability.MANAGE_PLAN, "url"),
    "plan.send_back": (Capability.APPROVE_PLAN, "url"),
    "plan.approve": (Capability.APPROVE_PLAN, "url"),
    "plan.close": (Capability.APPROVE_PLAN, "url"),
    "year_report.index": (Capability.MANAGE_PLAN, "url"),
    "year_report.proposal": (Capability.MANAGE_PLAN, "url"),
    "year_report.download_pdf": (Capability.MANAGE_PLAN, "url"),
    "year_report.download_docx": (Capability.MANAGE_PLAN, "url"),
    "intake.new": (Capability.OPEN_CASE, "own"),
    "accounts.index": (ACCOUNTS, "any"),
    "accounts.create": (ACCOUNTS, "any"),
    "accounts.show": (ACCOUNTS, "any"),
    "accounts.edit": (ACCOUNTS, "any"),
    "accounts.deactivate": (ACCOUNTS, "any"),
    "accounts.reactivate": (ACCOUNTS, "any"),
    "accounts.new_password": (ACCOUNTS, "any"),
}

#: Pages outside a case that write no audit row of their own, and why. Every other one
#: audits each read and write, and each refusal, without a case.
UNAUDITED_OUTSIDE_A_CASE = {
    "cases.index": "audits each case it lists, on that case",
    "deadlines.index": "audits each case it lists, on that case",
    "dashboard": "aggregates only, never a person's data",
    "networks": "a network's regions and plan: no person's data (its writes are audited)",
}

#: Not a matter of capabilities: signing in and out, one's own password, the language,
#: and the health check, which answers before anyone signs in and says nothing of a case.
NOT_GUARDED = {
    "static",
    "health.healthz",
    "auth.login",
    "auth.logout",
    "auth.change_password",
    "auth.reauthenticate",
    "auth.second_factor",
    "auth.enrol",
    "i18n.choose",
}


@dataclass(frozen=True)
class Persona:
    role: UserRole
    network: NetworkSlug | None
    on_team: bool  #: assigned to the world's case, which belongs to Limburg


PERSONAS = {
    "worker": Persona(UserRole.CONTEXT_WORKER, None, on_team=True),
    "colleague": Persona(UserRole.FOSTER_CARE_ASSESSOR, None, on_team=True),
    "coordinator": Persona(UserRole.CASE_COORDINATOR, NetworkSlug.LIMBURG, on_team=False),
    "other_coordinator": Persona(UserRole.CASE_COORDINATOR, NetworkSlug.ANTWERPEN, on_team=False),
    "network_coordinator": Persona(
        UserRole.NETWORK_COORDINATOR, NetworkSlug.LIMBURG, on_team=False
    ),
    "admin": Persona(UserRole.ADMIN, None, on_team=False),
    "outsider": Persona(UserRole.CONTEXT_WORKER, None, on_team=False),
}


def network_ids(app: Flask) -> dict[NetworkSlug, int]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return {n.slug: n.id for n in session.scalars(select(Network))}


def as_user(persona: Persona, ids: dict[NetworkSlug, int]) -> User:
    network_id = None if persona.network is None else ids[persona.network]
    return User(username="", role=persona.role, network_id=network_id, active=True)


def case_refusal(persona: Persona, capability: Capability, limburg: int) -> int | None:
    """What the table predicts on the world's case: 404, 403, or None to let it through."""
    user = as_user(persona, {NetworkSlug.LIMBURG: limburg, NetworkSlug.ANTWERPEN: -1})
    where = Where(on_team=persona.on_team, network_id=limburg)
    if not holds(user, Capability.VIEW, where):
        return 404
    return None if holds(user, capability, where) else 403


def case_rules(app: Flask) -> list[tuple[Rule, str]]:
    return [
        (rule, method)
        for rule in app.url_map.iter_rules()
        if "case_id" in rule.arguments
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    ]


def test_every_route_is_named_with_the_capability_it_needs(app: Flask) -> None:
    assert {(rule.endpoint, method) for rule, method in case_rules(app)} == set(CASE_ROUTES)
    others = {rule.endpoint for rule in app.url_map.iter_rules() if "case_id" not in rule.arguments}
    assert others == set(OTHER_ROUTES) | NOT_GUARDED


def last_audit_id(app: Flask) -> int:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        return session.scalar(select(func.max(AuditEvent.id))) or 0


def audited_since(app: Flask, after: int) -> list[tuple[str, int | None, str]]:
    with session_scope(app.extensions["ecogram.engine"]) as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.id > after))
        return [(e.username, e.case_id, e.outcome) for e in events]


@pytest.mark.parametrize("name", list(PERSONAS))
def test_every_case_route_answers_each_persona_as_the_table_predicts(
    app: Flask, client: FlaskClient, world: World, name: str
) -> None:
    persona = PERSONAS[name]
    limburg = network_ids(app)[NetworkSlug.LIMBURG]
    ids = real_ids(app, world) | {"stay_id": 1, "number": 1}
    login(client, name)
    outcomes: set[int | None] = set()
    for rule, method in case_rules(app):
        url = path(rule, ids).replace("/downloads/1", "/downloads/json")
        before = last_audit_id(app)
        response = client.open(url, method=method, data=FORM if method == "POST" else None)
        rows = audited_since(app, before)
        refusal = case_refusal(persona, CASE_ROUTES[rule.endpoint, method], limburg)
        outcomes.add(refusal)
        where = (name, method, url, response.status_code)
        if refusal is not None:
            assert response.status_code == refusal, where
            assert rows == [(name, world.case_id, "denied")], where
        else:
            assert response.status_code not in (403, 500), where
            # Refused input rolls its change back; the page it showed is still audited.
            status = response.status_code
            outcome = "ok" if status < 400 else "conflict" if status == 409 else "not_saved"
            assert rows == [(name, world.case_id, outcome)], where
    assert outcomes, "no case route was tried"


def test_the_personas_meet_every_kind_of_answer(app: Flask, world: World) -> None:
    """So the sweep above proves 404, 403 and letting through, not only one of them."""
    limburg = network_ids(app)[NetworkSlug.LIMBURG]
    seen = {
        case_refusal(persona, capability, limburg)
        for persona in PERSONAS.values()
        for capability in set(CASE_ROUTES.values())
    }
    assert seen == {None, 403, 404}


def network_parts(app: Flask, slug: NetworkSlug) -> dict[str, int]:
    """Real ids in the URLs of one network's pages: the network, a region, an organisation,
    and an approved plan's first version and activity (with self-scan version 1)."""
    with session_scope(app.extensions["ecogram.engine"]) as session:
        network = session.scalar(select(Network).where(Network.slug == slug))
        assert network is not None
        region = networks.add_region(session, network, "Testregio")
        organisation = networks.add_organisation(session, network, "Testorganisatie")
        plan = approved_plan(session, network, dt.date.today() - dt.timedelta(days=30))
        session.flush()
        return {
            "network_id": network.id,
            "part_id": region.id,
            "organisation": organisation.id,
            "number": 1,
            "activity_id": plan.activities[0].id,
        }


def other_refusal(
    persona: Persona, endpoint: str, url_network: int, ids: dict[NetworkSlug, int]
) -> bool:
    capability, where = OTHER_ROUTES[endpoint]
    if capability is None:
        return False
    user = as_user(persona, ids)
    if where == "any":
        return not holds(user, capability)
    network_id = url_network if where == "url" else user.network_id
    return network_id is None or not holds(user, capability, Where(network_id=network_id))


@pytest.mark.parametrize("name", list(PERSONAS))
@pytest.mark.parametrize("slug", [NetworkSlug.LIMBURG, NetworkSlug.ANTWERPEN])
def test_every_page_outside_a_case_answers_each_persona_as_the_table_predicts(
    app: Flask, client: FlaskClient, world: World, name: str, slug: NetworkSlug
) -> None:
    persona = PERSONAS[name]
    ids = network_ids(app)
    parts = network_parts(app, slug)
    login(client, name)
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_GUARDED or "case_id" in rule.arguments:
            continue
        url_ids = (
            parts | {"part_id": parts["organisation"]} if "organisation" in rule.rule else parts
        )
        url = path(rule, url_ids)
        refused = other_refusal(persona, rule.endpoint, parts["network_id"], ids)
        audited = not unaudited(rule.endpoint)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            before = last_audit_id(app)
            response = client.open(url, method=method, data=FORM if method == "POST" else None)
            rows = audited_since(app, before)
            where = (name, method, url, response.status_code, rows)
            if refused:
                assert response.status_code == 404, where
                assert rows == ([(name, None, "denied")] if audited else []), where
            else:
                assert response.status_code not in (403, 404, 500), where
                if audited and response.status_code < 400:
                    assert (name, None, "ok") in rows, where


def unaudited(endpoint: str) -> bool:
    """Whether the endpoint, or its blueprint, is named in UNAUDITED_OUTSIDE_A_CASE."""
    return (
        endpoint in UNAUDITED_OUTSIDE_A_CASE or endpoint.split(".")[0] in UNAUDITED_OUTSIDE_A_CASE
    )


@pytest.mark.parametrize(
    ("name", "menu"),
    [
        ("worker", {"/", "/deadlines"}),
        ("colleague", {"/", "/deadlines"}),
        ("coordinator", {"/", "/deadlines", "/cases/new"}),
        ("network_coordinator", {"/dashboard", "/networks"}),
        ("admin", {"/", "/deadlines", "/networks", "/accounts"}),
    ],
)
def test_the_menu_offers_the_pages_the_table_allows(
    client: FlaskClient, world: World, name: str, menu: set[str]
) -> None:
    login(client, name)
    page = client.get("/account/password").get_data(as_text=True)
    nav = page.split('<nav aria-label="', 1)[1].split("</nav>", 1)[0]
    offered = {
        href
        for href in ("/", "/deadlines", "/dashboard", "/networks", "/cases/new", "/accounts")
        if f'href="{href}"' in nav
    }
    assert offered == menu


@pytest.mark.parametrize(("name", "linked"), [("network_coordinator", True), ("admin", False)])
def test_a_network_page_links_to_the_dashboard_only_for_who_monitors_it(
    app: Flask, client: FlaskClient, world: World, name: str, linked: bool
) -> None:
    login(client, name)
    page = client.get(f"/networks/{network_ids(app)[NetworkSlug.LIMBURG]}").get_data(as_text=True)
    assert ('href="/dashboard"' in page.split("</nav>", 1)[1]) is linked
