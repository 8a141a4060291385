"""An action plan the way a network gets one: a self-scan, a complete draft, submitted, approved.

Shared by the tests that need a plan year; every step goes through the core, so a
test's plan is one the app itself could have made.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from ecogram.action_plans import (
    ActivityRow,
    LineRow,
    PlanChange,
    update_action_plan,
)
from ecogram.models import ActionPlan, Network
from ecogram.networks import add_organisation
from ecogram.plan_decisions import (
    approve_plan,
    submit_plan,
)
from ecogram.plan_models import SelfScan
from ecogram.plan_vocabulary import ActivityKind, BudgetLineCategory, PlanStatus, SelfScanTheme
from ecogram.report_model import PlanYear
from ecogram.report_suppression import DEFAULT_K, suppressed_report
from ecogram.self_scans import ScanChange, ThemeAnswer, latest, save_version
from ecogram.vocabulary import NetworkSlug
from ecogram.year_report import Activity, YearReport, _summary, hidden_reasons
from tests.test_exports_report import example as report_example


def approved_plan(
    session: Session,
    network: Network,
    approved: dt.date,
    committed: int = 12,
    region_commitments: dict[int, int] | None = None,
) -> ActionPlan:
    scan = latest(session, network)
    if scan is None:
        change = ScanChange(
            facilitator="Procesbegeleider An (fictief)",
            held_on=approved - dt.timedelta(days=60),
            summary="Sterk in zorgtafels; netwerkonderzoek kan beter.",
            answers={SelfScanTheme.GOALS: ThemeAnswer("Samen", "Tijd", "Twaalf trajecten")},
        )
        scan = save_version(session, network, change, 0, approved)
    holder = network.organisations[0] if network.organisations else None
    if holder is None:
        holder = add_organisation(session, network, "Pleegzorg Maasland (fictief)")
    plan = update_action_plan(
        session,
        network,
        PlanChange(
            committed=committed,
            region_commitments=region_commitments or {},
            fund_holder_id=holder.id,
            self_scan_id=scan.id,
            expertise_needs="IMH-screening van kandidaat-zorgfiguren",
            activities=[ActivityRow("IMH-screening", ActivityKind.TRAINING, 4, Decimal("6000"))],
            budget_lines=[
                LineRow(BudgetLineCategory.EXPERTISE, "Vorming", Decimal("6000")),
                LineRow(BudgetLineCategory.TRAJECTORIES, "Trajecten", Decimal("84000")),
            ],
        ),
        approved,
    )
    submit_plan(session, network, approved)
    approve_plan(session, network, approved, approved)
    return plan


def year_report_example(sustainability: str = "Via reconversie.") -> YearReport:
    """An end-of-year report over the exports' example figures, without a database."""
    figures = report_example()
    published = suppressed_report(figures, DEFAULT_K)
    scan = SelfScan(
        number=1,
        facilitator="Procesbegeleider An (fictief)",
        held_on=dt.date(2019, 1, 10),
        recorded_on=dt.date(2019, 1, 12),
        summary="Sterk in zorgtafels.",
        answers=[],
    )
    return YearReport(
        network=Network(slug=NetworkSlug.LIMBURG, name="Limburg"),
        period=PlanYear(dt.date(2019, 2, 15), dt.date(2020, 2, 14)),
        made_on=dt.date(2020, 2, 20),
        status=PlanStatus.APPROVED,
        plan={
            "committed": 12,
            "fund_holder": "Pleegzorg Maasland (fictief)",
            "budget": 90000.0,
            "budget_lines": [{"category": "expertise", "what": "Vorming", "amount": 90000.0}],
            "region_commitments": {"Hasselt": 7},
        },
        self_scan=_summary(scan),
        activities=(Activity("IMH-screening", ActivityKind.TRAINING, 4, 3, 6000.0),),
        figures=published,
        hidden=hidden_reasons(figures, published, DEFAULT_K),
        sustainability=sustainability,
    )
