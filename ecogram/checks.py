"""`check_case`: every finding of docs/findings.md for one case on one date.

The thresholds live in `CheckConfig` because several of them are contested
or local practice (the overnight caps above all); the defaults are those of docs/domain.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from ecogram.findings import Finding, sort_key
from ecogram.graph import build_graph
from ecogram.rules import GRAPH_RULES, RULES

if TYPE_CHECKING:
    from ecogram.models import Case


@dataclass(frozen=True)
class CheckConfig:
    #: homes besides the anchor's where the child may sleep: unborn or under 12 months
    overnight_cap_under_12_months: int = 1
    #: ... and from 12 to 36 months
    overnight_cap_12_to_36_months: int = 2
    #: an active role needs a final assessment at most this many days old
    reassessment_days: int = 183
    #: anchor changes are counted over this many days up to the check date
    anchor_change_window_days: int = 183
    #: this many changes within the window is a warning
    anchor_changes_warn: int = 2
    #: more nights a week than this away from the anchor is a warning
    max_nights_away: int = 3
    #: Family Finding's aim for persons mapped besides the child
    family_finding_target: int = 40
    #: the first care table is due within this many hours of the referral
    care_table_hours: int = 48
    #: the longest gap between care tables or evaluations while the trajectory is open
    evaluation_days: int = 42
    #: the trajectory's term, and its one extension, in months
    term_months: int = 3
    extension_months: int = 3


DEFAULT_CONFIG = CheckConfig()


def check_case(
    case: Case,
    at: dt.date,
    config: CheckConfig = DEFAULT_CONFIG,
    *,
    graph: nx.Graph | None = None,
) -> list[Finding]:
    """All findings for `case` on `at`: errors first, then in contract order.

    `graph` is `build_graph(case, at)` when the caller has already built it (the
    ecogram's read model draws from the same graph), so it is built once per view.
    """
    if graph is None:
        graph = build_graph(case, at)
    findings = [finding for rule in RULES for finding in rule(case, at, config)]
    findings += [finding for rule in GRAPH_RULES for finding in rule(graph, config)]
    return sorted(findings, key=sort_key)
