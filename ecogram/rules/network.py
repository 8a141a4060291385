"""Rules on the network search (Family Finding): progress, empty sectors, unexplored ties.

They read the analytics of `ecogram.graph`, so the checks and the ecogram
page agree on who counts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import networkx as nx

from ecogram.findings import Code, Finding
from ecogram.graph import build_graph, empty_sectors, persons_mapped, unexplored_strong_ties

if TYPE_CHECKING:
    from ecogram.checks import CheckConfig
    from ecogram.models import Case


def few_persons(graph: nx.Graph, config: CheckConfig) -> list[Finding]:
    """FEW_PERSONS_MAPPED: fewer persons besides the child than Family Finding aims for."""
    count = persons_mapped(graph)
    if count >= config.family_finding_target:
        return []
    return [Finding.of(Code.FEW_PERSONS_MAPPED, count=count, target=config.family_finding_target)]


def empty_sector_findings(graph: nx.Graph) -> list[Finding]:
    """EMPTY_SECTOR, once per sector, in drawing order."""
    return [Finding.of(Code.EMPTY_SECTOR, sector=sector.value) for sector in empty_sectors(graph)]


def unexplored_tie_findings(graph: nx.Graph) -> list[Finding]:
    """UNEXPLORED_STRONG_TIE, once per person nobody has considered yet."""
    return [
        Finding.of(Code.UNEXPLORED_STRONG_TIE, person=ref, name=str(graph.nodes[ref]["name"]))
        for ref in unexplored_strong_ties(graph)
    ]


def search_findings(graph: nx.Graph, config: CheckConfig) -> list[Finding]:
    """All three search findings from one graph, the one `build_graph(case, at)` gives."""
    return (
        few_persons(graph, config) + empty_sector_findings(graph) + unexplored_tie_findings(graph)
    )


def network_search(case: Case, at: dt.date, config: CheckConfig) -> list[Finding]:
    """The search findings of `case` on `at`, for a caller without a graph at hand."""
    return search_findings(build_graph(case, at), config)
