"""The ecogram's node and edge data for vis-network, built by pyvis from a whitelist.

Both the live ecogram page and the history tab's past sessions draw from here,
so a past network looks exactly like today's.

pyvis only collects the dictionaries here: its HTML template pulls CDNs and
renders with autoescaping off, so it is never used. Every field is chosen
below; no person text goes anywhere but `label` (vis draws labels on the
canvas, as text) and the plain-text lists the page puts in the DOM with
`textContent`. There is no `title`: vis inserts a string title as HTML.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pyvis.network import Network

from ecogram import graph as core_graph
from ecogram import labels
from ecogram.checks import DEFAULT_CONFIG, check_case
from ecogram.findings import Severity, counted
from ecogram.models import Case, Person, Tie
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Role, Sector, TieQuality
from exports.symbols import (
    ANCHOR_BORDER,
    ANCHOR_SIGN,
    BORDER,
    CANDIDATE_COLOURS,
    CHILD_BORDER,
    CHILD_FILL,
    STAR,
)

FAMILY_FINDING_TARGET = DEFAULT_CONFIG.family_finding_target

NODE_KEYS = frozenset(
    {"id", "label", "x", "y", "fixed", "shape", "color", "size", "borderWidth", "font"}
)
EDGE_KEYS = frozenset({"id", "from", "to", "width", "dashes", "color", "arrows"})

# The drawings' colours and marks, so the page and the paper speak one visual language.
CANDIDATE_COLORS = CANDIDATE_COLOURS

# Hartman's line styles. vis-network cannot draw a zigzag, so "stressful" is a
# short dotted orange line and "conflict" a red dash-dot; the legend says so.
QUALITY_STYLES: dict[TieQuality, dict[str, Any]] = {
    TieQuality.STRONG: {"width": 6, "dashes": False, "color": "#1f2933"},
    TieQuality.NORMAL: {"width": 2, "dashes": False, "color": "#3e4c59"},
    TieQuality.TENUOUS: {"width": 2, "dashes": [8, 8], "color": "#7b8794"},
    TieQuality.STRESSFUL: {"width": 3, "dashes": [2, 4], "color": "#d9730d"},
    TieQuality.CONFLICT: {"width": 3, "dashes": [10, 4, 2, 4], "color": "#c81e1e"},
}
FLOW_ARROWS = {Flow.NONE: "", Flow.FORWARD: "to", Flow.BACK: "from", Flow.BOTH: "to;from"}


def _holds(start: dt.date, end: dt.date | None, at: dt.date) -> bool:
    return start <= at and (end is None or at < end)


def anchor_ids(case: Case, at: dt.date) -> set[int]:
    return {period.person.id for period in case.anchors if _holds(period.start, period.end, at)}


def active_roles(person: Person, at: dt.date) -> list[Role]:
    roles = {Role(a.role) for a in person.roles if a.active_on(at)}
    return sorted(roles, key=lambda role: role.rank)


def node_label(person: Person, *, anchor: bool, trusted: bool, roles: list[Role], lang: str) -> str:
    text = person.name
    if anchor:
        text = f"{ANCHOR_SIGN} {text}"
    if trusted:
        text = f"{text} {STAR}"
    if roles:
        text += " · " + ", ".join(labels.label("role", role, lang) for role in roles)
    return text


def _node_style(person: Person, anchor: bool) -> dict[str, Any]:
    kind = PersonKind(person.kind)
    if kind is PersonKind.CHILD:
        return {
            "shape": "dot",
            "size": 30,
            "color": {"background": CHILD_FILL, "border": CHILD_BORDER},
            "borderWidth": 3,
        }
    fill = CANDIDATE_COLORS[CandidateStatus(person.candidate or CandidateStatus.NONE)]
    return {
        "shape": "square" if kind is PersonKind.PROFESSIONAL else "dot",
        "size": 20,
        "color": {"background": fill, "border": ANCHOR_BORDER if anchor else BORDER},
        "borderWidth": 6 if anchor else 2,
    }


def build(case: Case, at: dt.date, lang: str) -> dict[str, Any]:
    """Everything the page's script needs to draw and edit the ecogram."""
    placed = core_graph.layout(case)
    counts = finding_counts(case, at)
    anchors = anchor_ids(case, at)
    trusted = case.trusted_person.id if case.trusted_person is not None else None
    # directed=True only stops pyvis from silently dropping a second tie between
    # the same two persons; the arrows are set per tie below.
    net = Network(directed=True, cdn_resources="local")
    for person in case.persons:
        x, y = placed.positions[person.ref]
        is_anchor = person.id in anchors
        net.add_node(
            person.id,
            label=node_label(
                person,
                anchor=is_anchor,
                trusted=person.id == trusted,
                roles=active_roles(person, at),
                lang=lang,
            ),
            x=x,
            y=y,
            fixed=True,
            # No `group`: pyvis then drops the node's own colour for the group's.
            font={"size": 22, "color": "#1f2933", "strokeWidth": 4, "strokeColor": "#ffffff"},
            **_node_style(person, is_anchor),
        )
    for tie in case.ties:
        style = QUALITY_STYLES[TieQuality(tie.quality)]
        net.add_edge(
            tie.from_person.id,
            tie.to_person.id,
            id=tie.id,
            width=style["width"],
            dashes=style["dashes"],
            color={"color": style["color"]},
            arrows=FLOW_ARROWS[Flow(tie.flow or Flow.NONE)],
        )
    return {
        "nodes": [{key: node[key] for key in NODE_KEYS if key in node} for node in net.nodes],
        "edges": [{key: edge[key] for key in EDGE_KEYS if key in edge} for edge in net.edges],
        "rings": [
            {"ring": ring, "inner": inner, "outer": outer}
            for ring, (inner, outer) in sorted(placed.ring_radii.items())
        ],
        "sectors": [
            {
                "key": sector.value,
                "label": labels.label("sector", sector, lang),
                "start": a,
                "end": b,
            }
            for sector, (a, b) in placed.sector_angles.items()
        ],
        "radius": placed.radius,
        "persons": [person_row(person, lang) for person in case.persons],
        "ties": [tie_row(tie) for tie in case.ties],
        "who_else": who_else(case, at, lang),
        "findings": counts,
        "findings_text": finding_texts(counts, lang),
    }


def person_row(person: Person, lang: str) -> dict[str, Any]:
    """What the person list and the edit form show: plain values, put in the DOM as text."""
    candidate = CandidateStatus(person.candidate or CandidateStatus.NONE)
    return {
        "id": person.id,
        "name": person.name,
        "kind": PersonKind(person.kind).value,
        "kind_label": labels.label("kind", person.kind, lang),
        "sector": Sector(person.sector).value,
        "ring": int(person.ring),
        "household": person.household or "",
        "candidate": candidate.value,
        "candidate_label": labels.label("candidate", candidate, lang),
        "version": person.version,
    }


def tie_row(tie: Tie) -> dict[str, Any]:
    return {
        "id": tie.id,
        "from": tie.from_person.id,
        "to": tie.to_person.id,
        "quality": TieQuality(tie.quality).value,
        "flow": Flow(tie.flow or Flow.NONE).value,
        "support": list(tie.support or []),
        "version": tie.version,
    }


def who_else(case: Case, at: dt.date, lang: str) -> dict[str, Any]:
    """Family Finding's prompts: empty sectors, unexplored strong ties, progress to 40."""
    analysed = core_graph.build_graph(case, at)
    by_ref = {person.ref: person for person in case.persons}
    return {
        "empty_sectors": [
            {"key": sector.value, "label": labels.label("sector", sector, lang)}
            for sector in core_graph.empty_sectors(analysed)
        ],
        "unexplored": [
            {"id": by_ref[ref].id, "name": by_ref[ref].name}
            for ref in core_graph.unexplored_strong_ties(analysed)
        ],
        "mapped": core_graph.persons_mapped(analysed),
        "target": FAMILY_FINDING_TARGET,
    }


def finding_texts(counts: dict[str, int], lang: str) -> dict[str, str]:
    """The summary badges, with the right plural in the user's language."""
    return {severity: counted(severity, count, lang) for severity, count in counts.items()}


def finding_counts(case: Case, at: dt.date) -> dict[str, int]:
    found = check_case(case, at)
    return {severity.value: sum(f.severity is severity for f in found) for severity in Severity}
