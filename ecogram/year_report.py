"""The end-of-year report: what a network tells Opgroeien about its plan year.

It holds the plan (the version in force and its content), the self-scan's summary,
the trajectories realised against committed, the expertise built, the impact on
short stays, the costs and the network's proposal to make the work permanent. It
leaves the network, so every figure about children is the suppressed report's
(`suppressed_report`, the one way figures are suppressed), and each hidden figure
carries the reason it is hidden. Expertise activities and the plan describe the
network, not children: they are shown as they are.

The period is the plan year, always, written as `ecogram.plan_year` writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ecogram.action_plans import plan_document
from ecogram.models import Network
from ecogram.networks import NetworkError
from ecogram.plan_models import SelfScan
from ecogram.plan_vocabulary import ActivityKind, PlanStatus, SelfScanTheme
from ecogram.plan_year import plan_year
from ecogram.report import network_report
from ecogram.report_model import NetworkReport, PlanYear
from ecogram.report_suppression import DEFAULT_K, suppressed_report
from ecogram.self_scans import answer

#: Why a figure is hidden: too few children; hidden so a small count cannot be worked
#: out from the others; or days and money with too few children behind them.
SMALL, COMPLEMENT, AMOUNT = "small", "complement", "amount"
AMOUNTS = ("stay_days.", "short_stays.days_", "budget_spent", "cost_per_trajectory")


@dataclass(frozen=True)
class ThemeSummary:
    theme: SelfScanTheme
    strengths: str
    weaknesses: str


@dataclass(frozen=True)
class ScanSummary:
    number: int
    facilitator: str
    held_on: dt.date
    summary: str
    themes: tuple[ThemeSummary, ...]


@dataclass(frozen=True)
class Activity:
    need: str
    kind: ActivityKind
    planned: int
    done: int
    cost: float


@dataclass(frozen=True)
class YearReport:
    network: Network
    period: PlanYear
    made_on: dt.date
    status: PlanStatus
    plan: dict[str, Any]  #: `plan_document` of the plan in force
    self_scan: ScanSummary | None
    activities: tuple[Activity, ...]
    figures: NetworkReport  #: suppressed
    hidden: dict[str, str]  #: dotted path -> SMALL, COMPLEMENT or AMOUNT
    sustainability: str

    def reason(self, path: str) -> str | None:
        return self.hidden.get(path)

    @property
    def committed(self) -> int:
        return int(self.plan["committed"])


def year_report(
    session: Session, network: Network, today: dt.date, k: int = DEFAULT_K
) -> YearReport:
    """The report over the plan year of the network's approved (or closed) plan."""
    plan = network.action_plan
    if (
        plan is None
        or plan.approved is None
        or plan.status
        not in (
            PlanStatus.APPROVED,
            PlanStatus.CLOSED,
        )
    ):
        raise NetworkError("status", "the plan is not approved, so its year has not started")
    period = plan_year(plan.approved)
    figures = network_report(session, network.slug, period.start, period.end)
    published = suppressed_report(figures, k)
    return YearReport(
        network=network,
        period=period,
        made_on=today,
        status=plan.status,
        plan=plan_document(plan),
        self_scan=None if plan.self_scan is None else _summary(plan.self_scan),
        activities=tuple(
            Activity(a.need, a.kind, a.planned, a.done, float(a.cost)) for a in plan.activities
        ),
        figures=published,
        hidden=hidden_reasons(figures, published, k),
        sustainability=plan.sustainability,
    )


def hidden_reasons(figures: NetworkReport, published: NetworkReport, k: int) -> dict[str, str]:
    """Why each hidden figure of `published` is hidden, from the figures before suppression."""
    if published.suppression is None:
        return {}
    document = figures.as_json()
    reasons = {}
    for path in published.suppression.hidden:
        value = _value(document, path)
        if path.startswith(AMOUNTS):
            reasons[path] = AMOUNT
        elif isinstance(value, int) and 0 < value < k:
            reasons[path] = SMALL
        else:
            reasons[path] = COMPLEMENT
    return reasons


def _value(document: dict[str, Any], path: str) -> Any:
    head, _, rest = path.partition(".")
    if head in ("by_region", "by_quarter", "by_month"):
        name, _, measure = rest.rpartition(".")
        return document[head][name][measure]
    node = document[head]
    return node[rest] if rest else node


def _summary(scan: SelfScan) -> ScanSummary:
    return ScanSummary(
        number=scan.number,
        facilitator=scan.facilitator,
        held_on=scan.held_on,
        summary=scan.summary,
        themes=tuple(
            ThemeSummary(theme, answer(scan, theme).strengths, answer(scan, theme).weaknesses)
            for theme in SelfScanTheme
        ),
    )
