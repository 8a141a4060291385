"""Each demo network's year: its self-scan, the plan's activities and budget, where it stands.

All of it fictional. Limburg and Antwerpen are in their plan year, Oost-Vlaanderen's
year is over (its plan can be closed), Vlaams-Brabant en Brussel waits for approval
and West-Vlaanderen is still writing its plan, so every step shows somewhere.
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
from ecogram.dates import add_months
from ecogram.demo.networks import DemoActionPlan
from ecogram.models import Network
from ecogram.plan_decisions import (
    approve_plan,
    save_sustainability,
    submit_plan,
)
from ecogram.plan_vocabulary import ActivityKind, BudgetLineCategory, PlanStatus, SelfScanTheme
from ecogram.self_scans import ScanChange, ThemeAnswer, save_version
from ecogram.vocabulary import NetworkSlug

STATUS = {
    NetworkSlug.ANTWERPEN: PlanStatus.APPROVED,
    NetworkSlug.LIMBURG: PlanStatus.APPROVED,
    NetworkSlug.OOST_VLAANDEREN: PlanStatus.APPROVED,
    NetworkSlug.VLAAMS_BRABANT_BRUSSEL: PlanStatus.SUBMITTED,
    NetworkSlug.WEST_VLAANDEREN: PlanStatus.DRAFT,
}

ANSWERS = {
    SelfScanTheme.FINDING_CARE_FIGURES: ThemeAnswer(
        "Zorgtafels binnen 48 uur lopen goed.",
        "Netwerkonderzoek gebeurt nog niet systematisch.",
        "We starten in elke regio met Family Finding bij elke aanmelding.",
    ),
    SelfScanTheme.METHODS_AND_EXPERTISE: ThemeAnswer(
        "Signs of Safety is gekend bij alle partners.",
        "Weinig ervaring met IMH-screening van kandidaten.",
        "Vorming IMH-screening en maandelijkse intervisie.",
    ),
    SelfScanTheme.CARE_PLAN_QUALITY: ThemeAnswer(
        "Elke zorgtafel noteert het perspectief van het kind.",
        "Geen gedeeld kader om een zorgplan te toetsen.",
        "De IMH-checklist wordt de toets voor elk zorgplan.",
    ),
    SelfScanTheme.CANDIDATES_AND_PARENTS: ThemeAnswer(
        "Ouders zitten mee aan tafel.",
        "Kandidaten worden laat gescreend.",
        "Screening start zodra een kandidaat in gesprek is.",
    ),
    SelfScanTheme.ENGAGEMENT_AND_TRUST: ThemeAnswer(
        "Pleegzorg en de CKG's engageren zich.",
        "De volwassenenhulp is nog weinig betrokken.",
        "Een trekker per regio; kwartaaloverleg met alle partners.",
    ),
    SelfScanTheme.GOALS: ThemeAnswer(
        "Duidelijk einddoel: minder kortverblijf.",
        "Tussendoelen nog niet meetbaar.",
        "Per kwartaal: trajecten gestart, rollen opgenomen, verblijfsdagen.",
    ),
    SelfScanTheme.GOVERNANCE: ThemeAnswer(
        "Het netwerk heeft een vaste agenda.",
        "Mandaten van de trekkers zijn niet op papier gezet.",
        "Mandaten en regie vastleggen in het plan van aanpak.",
    ),
}


def load_year(session: Session, network: Network, data: DemoActionPlan, approved: dt.date) -> None:
    """The self-scan and the plan of `network`, as far as its status goes."""
    status = STATUS[network.slug]
    held = add_months(approved, -5)
    scan = save_version(
        session,
        network,
        ScanChange(
            facilitator="Procesbegeleider Els (fictief)",
            held_on=held,
            summary="Sterk in zorgtafels en samenwerking; te versterken: netwerkonderzoek en "
            "IMH-screening van kandidaat-zorgfiguren.",
            answers=ANSWERS,
        ),
        0,
        add_months(approved, -4),
    )
    regions = {r.name: r.id for r in network.regions}
    holder = next(o for o in network.organisations if o.name == data["fund_holder"])
    change = PlanChange(
        committed=data["committed"],
        region_commitments={regions[name]: n for name, n in data["region_commitments"].items()},
        fund_holder_id=holder.id,
        self_scan_id=scan.id,
        expertise_needs=data["expertise_needs"],
        activities=[
            ActivityRow("IMH-screening van kandidaten", ActivityKind.TRAINING, 3, Decimal("7500")),
            ActivityRow(
                "IMH-screening van kandidaten", ActivityKind.INTERVISION, 10, Decimal("4000")
            ),
            ActivityRow("Family Finding", ActivityKind.SUPERVISION, 6, Decimal("4500")),
        ],
        budget_lines=[
            LineRow(
                BudgetLineCategory.EXPERTISE, "Vorming, supervisie en intervisie", Decimal("16000")
            ),
            LineRow(
                BudgetLineCategory.TRAJECTORIES, "Trajecten zoeken en versterken", Decimal("62000")
            ),
            LineRow(BudgetLineCategory.COORDINATION, "Penhouder en coördinatie", Decimal("12000")),
        ],
    )
    update_action_plan(session, network, change, approved)
    if status is PlanStatus.DRAFT:
        return
    submit_plan(session, network, approved)
    if status is PlanStatus.SUBMITTED:
        return
    approved_plan = approve_plan(session, network, approved, approved)
    for activity, held_sessions in zip(approved_plan.activities, (2, 6, 3), strict=True):
        activity.done = held_sessions
    save_sustainability(
        session,
        approved_plan,
        "Het zoeken van zorgfiguren wordt een vaste opdracht van de contextbegeleiding.\n"
        "We stellen een reconversie voor van twee voltijdse plaatsen kortverblijf naar "
        "contextbegeleiding met netwerkonderzoek.",
    )
