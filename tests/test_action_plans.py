"""The action plan: its content, its way from draft to closed, its versions; and the self-scan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecogram.action_plans import (
    ActivityRow,
    LineRow,
    PlanChange,
    action_plan,
    revision_document,
    update_action_plan,
)
from ecogram.models import Network
from ecogram.networks import NetworkError, add_organisation, add_region
from ecogram.plan_decisions import (
    approve_plan,
    close_plan,
    record_sessions,
    return_plan,
    save_sustainability,
    submit_plan,
)
from ecogram.plan_vocabulary import ActivityKind, BudgetLineCategory, PlanStatus, SelfScanTheme
from ecogram.plan_year import plan_year
from ecogram.report import network_report
from ecogram.report_model import PlanVersion, PlanYear
from ecogram.self_scans import ScanChange, StaleScan, ThemeAnswer, save_version, versions
from ecogram.vocabulary import NetworkSlug
from tests.factories import d

TODAY = d("2026-11-23")
EXPERTISE = BudgetLineCategory.EXPERTISE


def network(session: Session, slug: NetworkSlug = NetworkSlug.LIMBURG) -> Network:
    found = session.scalar(select(Network).where(Network.slug == slug))
    assert found is not None
    return found


def scan(session: Session, based_on: int = 0, facilitator: str = "Procesbegeleider An") -> int:
    change = ScanChange(
        facilitator=facilitator,
        held_on=d("2026-01-20"),
        summary="Sterk in zorgtafels, zwak in netwerkonderzoek.",
        answers={SelfScanTheme.GOALS: ThemeAnswer("Samenwerking", "Tijd", "Twaalf trajecten")},
    )
    return save_version(session, network(session), change, based_on, TODAY).id


def change(session: Session, **overrides: Any) -> PlanChange:
    limburg = network(session)
    holder = limburg.organisations[0] if limburg.organisations else None
    fields: dict[str, Any] = {
        "committed": 12,
        "region_commitments": {},
        "fund_holder_id": None if holder is None else holder.id,
        "expertise_needs": "IMH-screening van kandidaten",
        "activities": [
            ActivityRow("IMH-screening", ActivityKind.TRAINING, 2, Decimal("4000")),
            ActivityRow("IMH-screening", ActivityKind.INTERVISION, 6, Decimal("1500")),
        ],
        "budget_lines": [
            LineRow(EXPERTISE, "Vorming en intervisie", Decimal("6000")),
            LineRow(BudgetLineCategory.TRAJECTORIES, "12 trajecten", Decimal("26004")),
        ],
    }
    fields.update(overrides)
    return PlanChange(**fields)


def refuses(field: str, call: Any, *args: Any) -> NetworkError:
    with pytest.raises(NetworkError) as raised:
        call(*args)
    assert raised.value.field == field
    return raised.value


@pytest.fixture
def ready(session: Session) -> Network:
    """Limburg with a fund holder, a self-scan and a complete draft plan."""
    limburg = network(session)
    add_organisation(session, limburg, "Pleegzorg Maasland (fictief)")
    scan_id = scan(session)
    update_action_plan(session, limburg, change(session, self_scan_id=scan_id), TODAY)
    return limburg


def test_a_new_plan_is_an_empty_draft_without_a_year(session: Session) -> None:
    plan = action_plan(session, network(session))
    assert (plan.status, plan.budget, plan.approved, plan.revision) == (
        PlanStatus.DRAFT,
        Decimal("0.00"),
        None,
        0,
    )


def test_the_budget_is_the_sum_of_its_lines_and_activities_keep_their_need(ready: Network) -> None:
    plan = ready.action_plan
    assert plan is not None
    assert plan.budget == Decimal("32004.00")
    assert [(a.need, a.kind, a.planned, a.cost) for a in plan.activities] == [
        ("IMH-screening", ActivityKind.TRAINING, 2, Decimal("4000.00")),
        ("IMH-screening", ActivityKind.INTERVISION, 6, Decimal("1500.00")),
    ]


def test_budget_lines_adding_up_to_more_than_90000_are_refused(session: Session) -> None:
    limburg = network(session)
    lines = [LineRow(EXPERTISE, "", Decimal("45000")), LineRow(EXPERTISE, "", Decimal("45000.01"))]
    error = refuses(
        "budget_lines",
        update_action_plan,
        session,
        limburg,
        change(session, budget_lines=lines),
        TODAY,
    )
    assert "90000.01" in error.problem
    exactly = [LineRow(EXPERTISE, "", Decimal("45000")), LineRow(EXPERTISE, "", Decimal("45000"))]
    plan = update_action_plan(session, limburg, change(session, budget_lines=exactly), TODAY)
    assert plan.budget == Decimal("90000.00")


def test_submitting_asks_for_the_self_scan_fund_holder_and_a_budget(session: Session) -> None:
    limburg = network(session)
    update_action_plan(session, limburg, change(session), TODAY)
    refuses("self_scan", submit_plan, session, limburg, TODAY)
    update_action_plan(session, limburg, change(session, self_scan_id=scan(session)), TODAY)
    refuses("fund_holder", submit_plan, session, limburg, TODAY)
    holder = add_organisation(session, limburg, "CKG (fictief)")
    costly = [ActivityRow("IMH", ActivityKind.SUPERVISION, 1, Decimal("6000.01"))]
    update_action_plan(
        session,
        limburg,
        change(session, self_scan_id=1, fund_holder_id=holder.id, activities=costly),
        TODAY,
    )
    error = refuses("activities", submit_plan, session, limburg, TODAY)
    assert "6000.01" in error.problem and "6000.00" in error.problem


def test_the_plan_goes_from_draft_to_closed_and_the_year_starts_on_approval(
    session: Session, ready: Network
) -> None:
    plan = submit_plan(session, ready, d("2026-03-01"))
    assert (plan.status, plan.submitted) == (PlanStatus.SUBMITTED, d("2026-03-01"))
    refuses("status", update_action_plan, session, ready, change(session), TODAY)  # locked
    refuses("approved", approve_plan, session, ready, d("2026-02-28"), TODAY)
    refuses("approved", approve_plan, session, ready, TODAY + dt.timedelta(days=1), TODAY)
    approve_plan(session, ready, d("2026-03-23"), TODAY)
    assert (plan.status, plan.approved, plan.revision) == (PlanStatus.APPROVED, d("2026-03-23"), 1)
    assert plan_year(d("2026-03-23")) == PlanYear(d("2026-03-23"), d("2027-03-22"))
    refuses("closed", close_plan, session, ready, d("2027-03-22"))
    close_plan(session, ready, d("2027-03-23"))
    assert (plan.status, plan.closed) == (PlanStatus.CLOSED, d("2027-03-23"))


def test_a_submitted_plan_cannot_be_changed_but_can_be_sent_back(
    session: Session, ready: Network
) -> None:
    submit_plan(session, ready, TODAY)
    error = refuses("status", update_action_plan, session, ready, change(session), TODAY)
    assert error.code == "locked"
    plan = return_plan(session, ready)
    assert (plan.status, plan.submitted) == (PlanStatus.DRAFT, None)


def test_a_change_after_approval_is_an_amendment_and_every_version_is_kept(
    session: Session, ready: Network
) -> None:
    submit_plan(session, ready, d("2026-03-01"))
    approve_plan(session, ready, d("2026-03-23"), TODAY)
    refuses("reason", update_action_plan, session, ready, change(session, committed=15), TODAY)
    amended = change(session, committed=15, self_scan_id=1, reason="Extra regio")
    plan = update_action_plan(session, ready, amended, d("2026-06-01"))
    session.flush()

    assert (plan.revision, plan.approved, plan.committed) == (2, d("2026-03-23"), 15)
    kept = [(r.number, r.recorded_on, r.reason) for r in plan.revisions]
    assert kept == [(1, d("2026-03-23"), ""), (2, d("2026-06-01"), "Extra regio")]
    assert [revision_document(r)["committed"] for r in plan.revisions] == [12, 15]
    figures = network_report(session, NetworkSlug.LIMBURG, d("2026-03-23"), d("2027-03-22"))
    assert figures.plan.version == PlanVersion(2, d("2026-06-01"))
    assert figures.plan.committed == 15


def test_sessions_held_keep_their_activity_through_an_amendment_and_make_no_version(
    session: Session, ready: Network
) -> None:
    submit_plan(session, ready, d("2026-03-01"))
    plan = approve_plan(session, ready, d("2026-03-23"), TODAY)
    training = plan.activities[0]
    record_sessions(session, plan, training.id, 2)
    rows = [ActivityRow(a.need, a.kind, a.planned, a.cost, a.id) for a in plan.activities]
    amended = change(session, activities=rows[:1], self_scan_id=1, reason="Geen intervisie")
    update_action_plan(session, ready, amended, TODAY)
    assert [(a.id, a.done) for a in plan.activities] == [(training.id, 2)]
    assert plan.revision == 2
    refuses("done", record_sessions, session, plan, training.id, -1)


def test_the_sustainability_proposal_waits_for_approval(session: Session, ready: Network) -> None:
    plan = ready.action_plan
    assert plan is not None
    refuses("sustainability", save_sustainability, session, plan, "Via reconversie")
    submit_plan(session, ready, d("2026-03-01"))
    approve_plan(session, ready, d("2026-03-23"), TODAY)
    save_sustainability(session, plan, "  Via reconversie\r\nnaar contextbegeleiding ")
    assert plan.sustainability == "Via reconversie\nnaar contextbegeleiding"


def test_region_commitments_add_up_to_at_most_the_total(session: Session) -> None:
    limburg = network(session)
    genk = add_region(session, limburg, "Genk")
    too_many = change(session, committed=3, region_commitments={genk.id: 4})
    error = refuses("committed", update_action_plan, session, limburg, too_many, TODAY)
    assert "add up to 4, more than the total of 3" in error.problem


# --- the self-scan ----------------------------------------------------------------------


def test_each_save_of_the_self_scan_is_a_new_version_and_the_old_one_stays(
    session: Session,
) -> None:
    first = scan(session)
    scan(session, based_on=1, facilitator="Procesbegeleider Bram")
    found = versions(session, network(session))
    assert [(s.number, s.facilitator) for s in found] == [
        (2, "Procesbegeleider Bram"),
        (1, "Procesbegeleider An"),
    ]
    assert found[1].id == first
    assert len(found[0].answers) == len(SelfScanTheme)


def test_a_self_scan_saved_from_an_older_version_is_refused(session: Session) -> None:
    scan(session)
    with pytest.raises(StaleScan) as raised:
        scan(session, based_on=0)
    assert raised.value.newest == 1


def test_a_self_scan_needs_its_facilitator_and_a_plausible_date(session: Session) -> None:
    refuses("facilitator", scan, session, 0, "   ")
    late = ScanChange("An", TODAY + dt.timedelta(days=1), "", {})
    refuses("held_on", save_version, session, network(session), late, 0, TODAY)
