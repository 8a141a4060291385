"""The network overview beside the ecogram: the figures easyNWK's statistics panel shows,
for Family Finding.

- persons per sector and ring (the child, in the centre, is in neither);
- candidates per status;
- ties per quality, every tie as entered;
- isolated persons: besides the child, those with no tie to anyone on the ecogram,
  often the first to ask about ("who knows her?");
- progress towards the persons Family Finding aims to map.

Pure: the read model (`ecogram.readmodel`) computes it once per case version, and
the page and the side panel's answers both show that one computation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import networkx as nx

from ecogram.graph import RINGS
from ecogram.labels import labels
from ecogram.vocabulary import CandidateStatus, Sector, TieQuality


class _Person(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def ref(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def sector(self) -> Sector: ...
    @property
    def ring(self) -> int: ...
    @property
    def candidate(self) -> CandidateStatus: ...
    @property
    def is_child(self) -> bool: ...


class _Tie(Protocol):
    @property
    def quality(self) -> TieQuality: ...


@dataclass(frozen=True, slots=True)
class Count:
    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class SectorRow:
    key: str
    label: str
    rings: tuple[int, ...]  #: persons in ring 1, 2 and 3
    total: int


@dataclass(frozen=True, slots=True)
class Isolated:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Overview:
    sectors: tuple[SectorRow, ...]
    ring_totals: tuple[int, ...]
    mapped: int  #: persons besides the child
    target: int
    candidates: tuple[Count, ...]
    qualities: tuple[Count, ...]
    ties: int
    isolated: tuple[Isolated, ...]


def isolated_persons(graph: nx.Graph) -> list[str]:
    """Refs, in person order, of those besides the child who have no tie to anyone."""
    return [ref for ref, child in graph.nodes(data="is_child") if not child and not graph.adj[ref]]


def _ring(ring: int) -> int:
    # Out-of-range rings (only in invalid data) count in the nearest band, as drawn.
    return min(max(ring, RINGS[0]), RINGS[-1])


def overview(
    persons: Iterable[_Person],
    ties: Iterable[_Tie],
    isolated: Iterable[str],
    *,
    lang: str,
    target: int,
) -> Overview:
    """The figures of one case's ecogram, worded in `lang`, in the vocabulary's order.

    `isolated` are the refs of the persons without a tie (`isolated_persons`).
    """
    mapped = [person for person in persons if not person.is_child]
    listed = list(ties)
    alone = set(isolated)
    sector_words = labels("sector", lang)
    rows = []
    for sector in Sector:
        rings = tuple(
            sum(1 for p in mapped if p.sector is sector and _ring(p.ring) == ring) for ring in RINGS
        )
        rows.append(SectorRow(sector.value, sector_words[sector.value], rings, sum(rings)))
    candidate_words = labels("candidate", lang)
    quality_words = labels("quality", lang)
    return Overview(
        sectors=tuple(rows),
        ring_totals=tuple(sum(row.rings[i] for row in rows) for i in range(len(RINGS))),
        mapped=len(mapped),
        target=target,
        candidates=tuple(
            Count(
                status.value,
                candidate_words[status.value],
                sum(1 for p in mapped if p.candidate is status),
            )
            for status in CandidateStatus
        ),
        qualities=tuple(
            Count(
                quality.value,
                quality_words[quality.value],
                sum(1 for t in listed if t.quality is quality),
            )
            for quality in TieQuality
        ),
        ties=len(listed),
        isolated=tuple(Isolated(p.id, p.name) for p in mapped if p.ref in alone),
    )
