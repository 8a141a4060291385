"""The child's context as a networkx graph: build it, lay it out, read the search analytics.

Pure: no I/O. Nodes are keyed by person ref. Attribute values are plain `str`,
`int` and `bool` (enum *values*, never enum members), except the lists `roles`
and `support`, which an exporter joins before writing GraphML or GEXF.

"As of a date": with `at`, a role or anchor period counts when it holds on that
day (half-open periods). Without `at`, what counts is what is current with no end
in sight: periods whose `end` is None. That keeps a date-less drawing free of
history, and a caller who means "today" passes today.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import networkx as nx

from ecogram.vocabulary import (
    FAMILY_KINDS,
    Bond,
    CandidateStatus,
    Flow,
    PersonKind,
    Role,
    Sector,
    Support,
    TieQuality,
)

if TYPE_CHECKING:
    from ecogram.models import Case

RINGS = (1, 2, 3)
DEFAULT_MIN_DISTANCE = 44.0
"""Centre-to-centre spacing in drawing units (CSS pixels at zoom 1) of two persons' marks.

Their labels are placed afterwards (`ecogram.labelling`), which spreads the whole
layout further when a label finds no free spot."""
MIN_SECTOR_DEGREES = 30.0
"""The slice an empty sector keeps, so that it stays visible as a place still to explore."""

# Two ties between the same two persons make one edge; the first in Hartman's
# order wins, so a strong tie is never hidden from the unexplored-tie check and
# the result does not depend on the order ties were entered.
_QUALITY_RANK = {quality: rank for rank, quality in enumerate(TieQuality)}
_ROLE_RANK = {role: role.rank for role in Role}


def _holds(start: dt.date, end: dt.date | None, at: dt.date | None) -> bool:
    if at is None:
        return end is None
    return start <= at and (end is None or at < end)


def build_graph(case: Case, at: dt.date | None = None) -> nx.Graph:
    """The case's persons as nodes and its ties as edges, with flags as of `at`.

    Edges are undirected for analysis; `source`/`target` keep the tie's
    `from`/`to` so the energy flow can still be drawn the right way round.
    """
    child = case.child
    child_ref = child.ref if child is not None else None
    trusted_ref = case.trusted_person.ref if case.trusted_person is not None else None
    anchor_refs = {p.person.ref for p in case.anchors if _holds(p.start, p.end, at)}
    graph = nx.Graph(case=case.ref)
    if at is not None:
        graph.graph["at"] = at.isoformat()
    # Enum members' `_value_` rather than `.value`: the property costs more than the rest
    # of a node's attributes together, and a drawing of 3,000 persons reads 20,000 of them.
    kinds: dict[str, PersonKind] = {}
    for person in case.persons:
        ref = person.ref
        roles = {Role(a.role) for a in person.roles if _holds(a.start, a.end, at)}
        kind = kinds[ref] = PersonKind(person.kind)
        graph.add_node(
            ref,
            name=person.name,
            kind=kind._value_,
            sector=Sector(person.sector)._value_,
            ring=int(person.ring),
            household=person.household or "",
            # A transient Person gets its column default only on INSERT.
            candidate=CandidateStatus(person.candidate or CandidateStatus.NONE)._value_,
            is_child=ref == child_ref,
            is_parent=kind is PersonKind.PARENT,
            is_anchor=ref in anchor_refs,
            is_trusted=ref == trusted_ref,
            roles=[role._value_ for role in sorted(roles, key=_ROLE_RANK.__getitem__)],
        )
    qualities = [(TieQuality(tie.quality), tie) for tie in case.ties]
    for quality, tie in sorted(qualities, key=lambda pair: _QUALITY_RANK[pair[0]]):
        source, target = tie.from_person.ref, tie.to_person.ref
        for ref in (source, target):
            if ref not in kinds:
                raise ValueError(f"tie refers to person {ref!r}, who is not in case {case.ref!r}")
        if graph.has_edge(source, target):
            continue
        family = kinds[source] in FAMILY_KINDS and kinds[target] in FAMILY_KINDS
        graph.add_edge(
            source,
            target,
            quality=quality._value_,
            flow=Flow(tie.flow or Flow.NONE)._value_,
            support=[Support(s)._value_ for s in tie.support or []],
            source=source,
            target=target,
            bond=(Bond.FAMILY if family else Bond.INFORMAL)._value_,
        )
    return graph


def _ties(graph: nx.Graph, bond: Bond) -> nx.Graph:
    edges = [(u, v) for u, v, b in graph.edges(data="bond") if b == bond.value]
    return graph.edge_subgraph(edges)


def family_ties(graph: nx.Graph) -> nx.Graph:
    """A read-only view of the ties between two relatives (and only the persons on them)."""
    return _ties(graph, Bond.FAMILY)


def informal_ties(graph: nx.Graph) -> nx.Graph:
    """A read-only view of every other tie (and only the persons on them)."""
    return _ties(graph, Bond.INFORMAL)


# --- Analytics for the network-search checks ---------------------------------------------


def persons_mapped(graph: nx.Graph) -> int:
    """Persons besides the child (Family Finding aims for at least 40)."""
    return sum(1 for _, is_child in graph.nodes(data="is_child") if not is_child)


def persons_per_sector(graph: nx.Graph) -> dict[Sector, int]:
    """Persons besides the child per sector; every sector is a key, in drawing order."""
    counts = dict.fromkeys(Sector, 0)
    for _, attrs in graph.nodes(data=True):
        if not attrs["is_child"]:
            counts[Sector(attrs["sector"])] += 1
    return counts


def empty_sectors(graph: nx.Graph) -> list[Sector]:
    return [sector for sector, count in persons_per_sector(graph).items() if count == 0]


_NOT_CANDIDATES = frozenset({PersonKind.PARENT.value, PersonKind.PROFESSIONAL.value})


def unexplored_strong_ties(graph: nx.Graph) -> list[str]:
    """Refs, in person order, of possible care figures close to the family whom nobody has
    considered yet: a strong tie to the child or a parent, and candidate status `none`."""
    nodes = graph.nodes
    found = []
    for ref, attrs in nodes(data=True):
        if (
            attrs["is_child"]
            or attrs["kind"] in _NOT_CANDIDATES
            or attrs["candidate"] != CandidateStatus.NONE.value
        ):
            continue
        if any(
            edge["quality"] == TieQuality.STRONG.value
            and (nodes[other]["is_child"] or nodes[other]["is_parent"])
            for other, edge in graph.adj[ref].items()
        ):
            found.append(ref)
    return found


# --- Layout ------------------------------------------------------------------------------

# Rounding to 0.1 moves two points by at most 0.15 towards each other.
_SLACK = 0.5
_CHILD_CLEARANCE = 1.6  # ring 1 starts this far out (in min_distances): 3 persons fit its first arc
RING_GAP = 0.25  # between two ring bands (in min_distances)
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class Layout:
    """Fixed positions for the ecogram, in screen coordinates (y grows downwards).

    `sector_angles` are (start, end) in degrees, clockwise from the top, in Sector
    order; `ring_radii` are each ring's (inner, outer) band radius. Any two persons
    are at least `min_distance` apart, and the child is at (0, 0).
    """

    positions: dict[str, tuple[float, float]]
    ring_radii: dict[int, tuple[float, float]]
    sector_angles: dict[Sector, tuple[float, float]]
    min_distance: float

    @property
    def radius(self) -> float:
        """The outer radius of the outermost ring, e.g. for a drawing's view box."""
        return self.ring_radii[RINGS[-1]][1]


def _natural_key(ref: str) -> tuple[tuple[str | int, ...], str]:
    # Split text always starts with a text chunk, so ints only meet ints: "p2" < "p10".
    parts = _DIGITS.split(ref)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), ref


def _place_cell(
    refs: list[str],
    sector: tuple[float, float],
    first_radius: float,
    step: float,
    positions: dict[str, tuple[float, float]],
) -> int:
    """Spread one (sector, ring) cell over arcs `step` apart; return how many arcs it used.

    Each person on an arc of radius r gets an equal share of the sector's angle and
    sits in its middle. A share of at least 2*asin(step/2r) keeps neighbours `step`
    apart and, being half a share from the border, everyone step/2 from it: so
    persons on either side of a sector border are `step` apart as well.
    """
    width = sector[1] - sector[0]
    placed = arcs = 0
    # Written out, not a function per person: labelling lays 3,000 persons out a dozen times.
    sin, cos, radians = math.sin, math.cos, math.radians
    while placed < len(refs):
        radius = first_radius + arcs * step
        share = 2 * math.degrees(math.asin(min(1.0, step / (2 * radius))))
        take = min(int(width / share + 1e-9), len(refs) - placed)
        for k in range(take):
            angle = radians(sector[0] + (k + 0.5) * width / take)
            # "+ 0.0" turns -0.0 into 0.0 so equal layouts compare and serialise equal.
            positions[refs[placed + k]] = (
                round(radius * sin(angle), 1) + 0.0,
                round(-radius * cos(angle), 1) + 0.0,
            )
        placed += take
        arcs += 1
    return arcs


def sector_slices(counts: dict[Sector, int]) -> dict[Sector, tuple[float, float]]:
    """Each sector's (start, end), clockwise from the top: `MIN_SECTOR_DEGREES` each, and
    the rest of the circle shared in proportion to the persons each sector holds."""
    total = sum(counts.get(sector, 0) for sector in Sector)
    spare = 360.0 - MIN_SECTOR_DEGREES * len(Sector)
    angles: dict[Sector, tuple[float, float]] = {}
    start = 0.0
    for sector in Sector:
        share = counts.get(sector, 0) / total if total else 1 / len(Sector)
        end = start + MIN_SECTOR_DEGREES + spare * share
        angles[sector] = (round(start, 3), round(end, 3))
        start = end
    # Rounding must not leave a sliver at the top: the last sector closes the circle.
    last = list(Sector)[-1]
    angles[last] = (angles[last][0], 360.0)
    return angles


def _spreading(items: Iterable[tuple[str, Sector, int, bool]]) -> Callable[[float], Layout]:
    # Labelling lays a case out at a dozen spreads: what does not depend on the spread
    # (the cells, each sorted, and the slices) is worked out once.
    children: list[str] = []
    cells: dict[tuple[int, Sector], list[str]] = defaultdict(list)
    counts: dict[Sector, int] = defaultdict(int)
    for ref, sector, ring, is_child in items:
        if is_child:
            children.append(ref)
        else:
            # Out-of-range rings (only in invalid data) are drawn in the nearest band.
            cells[(min(max(ring, RINGS[0]), RINGS[-1]), sector)].append(ref)
            counts[sector] += 1
    sector_angles = sector_slices(counts)
    ordered = {cell: sorted(refs, key=_natural_key) for cell, refs in cells.items()}

    def spread(min_distance: float) -> Layout:
        if not min_distance > 0:
            raise ValueError("min_distance must be positive")
        positions: dict[str, tuple[float, float]] = dict.fromkeys(children, (0.0, 0.0))
        step = min_distance + _SLACK
        ring_radii: dict[int, tuple[float, float]] = {}
        inner = _CHILD_CLEARANCE * min_distance
        for ring in RINGS:
            first_arc = inner + step / 2
            arcs = 1  # an empty ring still gets a band, so the drawing shows all three
            for sector in Sector:
                refs = ordered.get((ring, sector), [])
                angles = sector_angles[sector]
                arcs = max(arcs, _place_cell(refs, angles, first_arc, step, positions))
            outer = first_arc + (arcs - 1) * step + step / 2
            ring_radii[ring] = (round(inner, 1), round(outer, 1))
            inner = outer + min_distance * RING_GAP
        return Layout(positions, ring_radii, dict(sector_angles), min_distance)

    return spread


def spreading(source: Case | nx.Graph) -> Callable[[float], Layout]:
    """`layout`'s work for `source` done once, for laying it out at many spreads:
    `spreading(source)(d)` is `layout(source, d)`."""
    if isinstance(source, nx.Graph):
        items = [
            (ref, Sector(a["sector"]), int(a["ring"]), bool(a["is_child"]))
            for ref, a in source.nodes(data=True)
        ]
    else:
        child = source.child
        child_ref = child.ref if child is not None else None
        items = [(p.ref, Sector(p.sector), int(p.ring), p.ref == child_ref) for p in source.persons]
    return _spreading(items)


def layout(source: Case | nx.Graph, min_distance: float = DEFAULT_MIN_DISTANCE) -> Layout:
    """The deterministic ecogram layout of a case or of a graph from `build_graph`.

    The child is at the origin; each sector gets a slice that grows with the persons
    it holds (`sector_slices`), clockwise from the top, and each ring a band, ring 1
    innermost. Persons of one cell are ordered by
    natural sort of their ref and spread over as many arcs as needed; later rings
    move outwards to make room, so nothing overlaps however many persons there are.
    Positions depend only on each person's ref, sector and ring, and on how many
    persons each sector holds.
    """
    return spreading(source)(min_distance)
