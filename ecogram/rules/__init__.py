"""The rules behind `ecogram check`, split by theme.

Each rule is a pure function `(case, at, config) -> list[Finding]`: it reads a
case as it stood on date `at` and never touches files, the database or the web.
`RULES` lists them in the order of the codes (docs/findings.md). The rules in
`GRAPH_RULES` read the case's graph as of `at` instead (`ecogram.graph.build_graph`),
which the caller builds once and shares with the drawing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import networkx as nx

from ecogram.findings import Finding
from ecogram.rules import anchor, child, network, roles, trajectory

if TYPE_CHECKING:
    from ecogram.checks import CheckConfig
    from ecogram.models import Case

Rule = Callable[["Case", dt.date, "CheckConfig"], list[Finding]]
GraphRule = Callable[[nx.Graph, "CheckConfig"], list[Finding]]

RULES: tuple[Rule, ...] = (
    anchor.anchor_count,
    anchor.anchor_suitability,
    anchor.anchor_nights,
    anchor.anchor_stability,
    roles.role_fitness,
    roles.attestation,
    roles.reassessment,
    roles.overnight_homes,
    roles.nights_overbooked,
    child.trusted_person,
    child.child_age,
    trajectory.care_table_late,
    trajectory.evaluation_overdue,
    trajectory.term_exceeded,
    trajectory.residence_budget,
    trajectory.mandated_service_absent,
    trajectory.stay_open_after_end,
    trajectory.child_perspective_missing,
)

GRAPH_RULES: tuple[GraphRule, ...] = (network.search_findings,)

__all__ = ["GRAPH_RULES", "RULES", "GraphRule", "Rule"]
