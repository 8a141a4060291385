"""The network report as typed values, and its one JSON shape.

`network_report` fills a `NetworkReport`; every writer in `exports/` (JSON, CSV,
XLSX, PDF) and the dashboard read it. A count is `None` only when small-cell
suppression hid it. `as_json` gives the published JSON document (docs/report.md
names every key); `from_json` reads it back, so a stored or suppressed report is
the same type again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ecogram.vocabulary import NetworkSlug

#: A count of children, trajectories or assignments; None when suppression hid it.
Count = int | None
#: An amount in euro with two decimals; None when hidden or undefined.
Money = float | None

#: The funnel from referral to start, in its order: every breakdown row has these five.
FUNNEL_KEYS = ("referrals", "care_tables", "budget_deployments", "regular_starts", "started")
#: How the started trajectories stand (`ecogram.year_figures`), and the referrals extended.
STATUS_KEYS = ("carried_over", "ongoing", "ended", "extended")
#: The tables per region, quarter and month.
TABLE_KEYS = ("by_region", "by_quarter", "by_month")


def quarter_of(month: str) -> str:
    """'2019-05' -> '2019-Q2'."""
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


@dataclass(frozen=True)
class Funnel:
    """The five funnel counts of one breakdown row, or of the whole period."""

    referrals: Count
    care_tables: Count
    budget_deployments: Count
    regular_starts: Count
    started: Count

    def get(self, key: str) -> Count:
        value: Count = getattr(self, key)
        return value

    def as_json(self) -> dict[str, Count]:
        return {key: self.get(key) for key in FUNNEL_KEYS}

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> Funnel:
        return cls(*(row[key] for key in FUNNEL_KEYS))


@dataclass(frozen=True)
class PlanYear:
    """The action plan's year (`ecogram.plan_year`): from its approval, both days included."""

    start: dt.date
    end: dt.date  #: its last day, included


@dataclass(frozen=True)
class PlanVersion:
    """Which version of the approved plan the figures use: 1 as approved, then amendments."""

    number: int
    recorded: dt.date  #: the day it was approved or amended


@dataclass(frozen=True)
class PlanFigures:
    """What the network's action plan says; all None while there is no plan."""

    committed: int | None = None
    budget: Money = None
    period: PlanYear | None = None
    status: str | None = None  #: `PlanStatus` value
    version: PlanVersion | None = None  #: None until approved


@dataclass(frozen=True)
class Suppression:
    """Which k and p were applied and the dotted JSON paths of every hidden figure.

    A hidden figure is *primary* (a count below k, or days or money behind one) or
    *complementary* (hidden so that no primary one can be recomputed or narrowed).
    """

    k: int
    hidden: tuple[str, ...]
    complementary: tuple[str, ...] = ()
    p: int | None = None

    def reason(self, path: str) -> str | None:
        """ "primary", "complementary", or None for a shown figure."""
        if path not in self.hidden:
            return None
        return "complementary" if path in self.complementary else "primary"

    def as_json(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "p": self.p,
            "hidden": list(self.hidden),
            "primary": [path for path in self.hidden if path not in self.complementary],
            "complementary": list(self.complementary),
        }

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> Suppression:
        p = document.get("p")
        return cls(
            int(document["k"]),
            tuple(document["hidden"]),
            tuple(document.get("complementary", ())),
            None if p is None else int(p),
        )


@dataclass(frozen=True)
class NetworkReport:
    """The figures over one network's trajectories referred within [start, end]."""

    network: NetworkSlug
    start: dt.date
    end: dt.date  #: included
    plan: PlanFigures
    totals: Funnel
    carried_over: Count
    ongoing: Count
    ended: Count
    extended: Count
    care_figures_found: Count
    #: role assignments per role (every `Role` value)
    roles: Mapping[str, Count]
    non_parent_anchors: Count
    #: trajectories per outcome (every `Outcome` value)
    outcomes: Mapping[str, Count]
    #: per stay kind (every `StayKind` value): trajectories with such a stay, and its days
    stays: Mapping[str, Count]
    stay_days: Mapping[str, Count]
    #: impact on short stays (`ecogram.year_figures.IMPACT_KEYS`)
    short_stays: Mapping[str, Count]
    budget_spent: Money
    cost_per_trajectory: Money
    reference_cost_per_trajectory: float
    by_region: Mapping[str, Funnel]
    by_quarter: Mapping[str, Funnel]
    by_month: Mapping[str, Funnel]
    suppression: Suppression | None = field(default=None)

    def status(self, key: str) -> Count:
        """`carried_over`, `ongoing`, `ended` or `extended` by name."""
        value: Count = getattr(self, key)
        return value

    def table(self, key: str) -> Mapping[str, Funnel]:
        """`by_region`, `by_quarter` or `by_month` by name."""
        value: Mapping[str, Funnel] = getattr(self, key)
        return value

    def as_json(self) -> dict[str, Any]:
        """The published document: dates ISO, money as floats, keys in a fixed order."""
        plan = self.plan
        document: dict[str, Any] = {
            "network": self.network.value,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "plan": {
                "committed": plan.committed,
                "budget": plan.budget,
                "period": None
                if plan.period is None
                else {"from": plan.period.start.isoformat(), "to": plan.period.end.isoformat()},
                "status": plan.status,
                "version": None
                if plan.version is None
                else {"number": plan.version.number, "date": plan.version.recorded.isoformat()},
            },
        }
        document |= self.totals.as_json()
        document |= {key: self.status(key) for key in STATUS_KEYS}
        document |= {
            "care_figures_found": self.care_figures_found,
            "roles": dict(self.roles),
            "non_parent_anchors": self.non_parent_anchors,
            "outcomes": dict(self.outcomes),
            "stays": dict(self.stays),
            "stay_days": dict(self.stay_days),
            "short_stays": dict(self.short_stays),
            "budget_spent": self.budget_spent,
            "cost_per_trajectory": self.cost_per_trajectory,
            "reference_cost_per_trajectory": self.reference_cost_per_trajectory,
        }
        for key in TABLE_KEYS:
            document[key] = {name: row.as_json() for name, row in self.table(key).items()}
        if self.suppression is not None:
            document["suppression"] = self.suppression.as_json()
        return document

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> NetworkReport:
        """The report `as_json` wrote (a plan may be `{}`: no plan)."""
        plan = document.get("plan") or {}
        period = plan.get("period")
        version = plan.get("version")
        suppression = document.get("suppression")
        values: dict[str, Any] = {
            "network": NetworkSlug(document["network"]),
            "start": dt.date.fromisoformat(document["from"]),
            "end": dt.date.fromisoformat(document["to"]),
            "plan": PlanFigures(
                committed=plan.get("committed"),
                budget=plan.get("budget"),
                period=None
                if period is None
                else PlanYear(
                    dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"])
                ),
                status=plan.get("status"),
                version=None
                if version is None
                else PlanVersion(int(version["number"]), dt.date.fromisoformat(version["date"])),
            ),
            "totals": Funnel.from_json(document),
            "suppression": None if suppression is None else Suppression.from_json(suppression),
        }
        for key in TABLE_KEYS:
            values[key] = {name: Funnel.from_json(row) for name, row in document[key].items()}
        for name in (f.name for f in fields(cls)):
            if name not in values:
                value = document[name]
                values[name] = dict(value) if isinstance(value, Mapping) else value
        return cls(**values)
