"""The ecogram as vis-network data: nodes, edges, the backdrop and the page's plain lists.

Made from the read model (`ecogram.readmodel`), so the ecogram page, its history
tab and the interactive HTML export draw one picture with one set of marks, in
the paper drawings' visual language (`exports.symbols`).

Every field is chosen here. vis-network draws the marks and the ties; the page's
own script (labels.js) draws the labels, as canvas text, in the boxes the core
placed (`ecogram.labelling`), so that no two overlap. No person text goes
anywhere but those labels and the plain lists that the page puts in the DOM with
`textContent`. There is no `title`: vis inserts a string title as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ecogram import labelling
from ecogram.labelling import Label
from ecogram.overview import Overview
from ecogram.readmodel import EcogramView, PersonView, TieView
from ecogram.textwidth import FONT_FAMILY
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, TieQuality
from exports.symbols import (
    ANCHOR_BORDER,
    BORDER,
    CANDIDATE_COLOURS,
    CANDIDATE_MARKS,
    CHILD_BORDER,
    CHILD_FILL,
)

#: The keys of a node on the ecogram page (`page_node`).
NODE_KEYS = frozenset({"id", "x", "y", "fixed", "style"})
EDGE_KEYS = frozenset({"id", "from", "to", "width", "dashes", "color", "arrows"})

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
#: How labels.js draws the labels: the sizes the core placed them with.
FONT = {
    "family": FONT_FAMILY,
    "size": labelling.LABEL_SIZE,
    "sector": labelling.SECTOR_SIZE,
    "ring": labelling.RING_NUMBER_SIZE,
    "line": labelling.LINE_HEIGHT,
    "pad": labelling.PAD,
}

#: The vis-network options of the page and of the HTML export: fixed positions, no physics.
OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "physics": False,
    "layout": {"improvedLayout": False},
    "nodes": {"fixed": True, "labelHighlightBold": True},
    "edges": {
        "smooth": False,
        "arrows": {"to": {"scaleFactor": 0.8}, "from": {"scaleFactor": 0.8}},
    },
    "interaction": {
        "dragNodes": False,
        "hover": True,
        # A press must not focus the drawing (and scroll it into view) before the click
        # is read: the page focuses it without scrolling.
        "keyboard": {"enabled": True, "bindToWindow": False, "autoFocus": False},
        "navigationButtons": False,
        "tooltipDelay": 100000,
    },
}


def style_of(person: PersonView) -> str:
    """The name of a person's mark in `STYLES`: the child, or shape, status and anchor."""
    if person.kind is PersonKind.CHILD:
        return "child"
    shape = "square" if person.kind is PersonKind.PROFESSIONAL else "dot"
    return f"{shape}-{person.candidate.value}" + ("-anchor" if person.is_anchor else "")


def _mark(shape: str, candidate: CandidateStatus, anchor: bool) -> dict[str, Any]:
    return {
        "shape": shape,
        "size": labelling.NODE_RADIUS,
        "color": {
            "background": CANDIDATE_COLOURS[candidate],
            "border": ANCHOR_BORDER if anchor else BORDER,
        },
        "borderWidth": 5 if anchor else 2,
    }


#: Every mark a person can have, by `style_of`. The page's nodes name their mark, and its
#: script puts the mark's fields on each node (3,000 copies of a colour are 0.3 MB of
#: JSON). Not vis-network's groups: those would also give a selected mark vis's own
#: highlight colours, which a node's own colour leaves out.
STYLES: dict[str, dict[str, Any]] = {
    "child": {
        "shape": "dot",
        "size": labelling.CHILD_RADIUS,
        "color": {"background": CHILD_FILL, "border": CHILD_BORDER},
        "borderWidth": 3,
    }
} | {
    f"{shape}-{candidate.value}" + ("-anchor" if anchor else ""): _mark(shape, candidate, anchor)
    for shape in ("dot", "square")
    for candidate in CandidateStatus
    for anchor in (False, True)
}


def node(person: PersonView, position: tuple[float, float]) -> dict[str, Any]:
    """A person's mark, whole: for a drawing without `STYLES` (the history, the export)."""
    x, y = position
    return {"id": person.id, "x": x, "y": y, "fixed": True} | STYLES[style_of(person)]


def page_node(person: PersonView, position: tuple[float, float]) -> dict[str, Any]:
    """A person's mark on the ecogram page, which sends `STYLES` along."""
    x, y = position
    return {"id": person.id, "x": x, "y": y, "fixed": True, "style": style_of(person)}


def _text(label: Label) -> dict[str, Any]:
    return {"lines": list(label.lines), "box": list(label.box), "bold": label.bold}


def label(person: PersonView, view: EcogramView) -> dict[str, Any]:
    """A person's label as placed, and the mark of their candidate status."""
    x, y = view.position(person)
    mark = "" if person.is_child else CANDIDATE_MARKS[person.candidate]
    return {"id": person.id, "x": x, "y": y, "mark": mark} | _text(view.drawing.labels[person.ref])


def edge(tie: TieView) -> dict[str, Any]:
    style = QUALITY_STYLES[tie.quality]
    return {
        "id": tie.id,
        "from": tie.from_id,
        "to": tie.to_id,
        "width": style["width"],
        "dashes": style["dashes"],
        "color": {"color": style["color"]},
        "arrows": FLOW_ARROWS[tie.flow],
    }


def person_row(person: PersonView) -> dict[str, Any]:
    """What the person list and the edit form show: plain values, put in the DOM as text."""
    return {
        "id": person.id,
        "name": person.name,
        "kind": person.kind.value,
        "kind_label": person.kind_label,
        "sector": person.sector.value,
        "ring": person.ring,
        "household": person.household,
        "candidate": person.candidate.value,
        "candidate_label": person.candidate_label,
        "version": person.version,
    }


def tie_row(tie: TieView) -> dict[str, Any]:
    return {
        "id": tie.id,
        "from": tie.from_id,
        "to": tie.to_id,
        "quality": tie.quality.value,
        "quality_label": tie.quality_label,
        "flow": tie.flow.value,
        "support": list(tie.support),
        "support_labels": list(tie.support_labels),
        "version": tie.version,
    }


def overview(figures: Overview) -> dict[str, Any]:
    """The network overview's figures, worded; the page shows them as text."""
    return {
        "sectors": [
            {"key": row.key, "label": row.label, "rings": list(row.rings), "total": row.total}
            for row in figures.sectors
        ],
        "ring_totals": list(figures.ring_totals),
        "mapped": figures.mapped,
        "target": figures.target,
        "candidates": [
            {"key": c.key, "label": c.label, "count": c.count} for c in figures.candidates
        ],
        "qualities": [
            {"key": c.key, "label": c.label, "count": c.count} for c in figures.qualities
        ],
        "ties": figures.ties,
        "isolated": [{"id": p.id, "name": p.name} for p in figures.isolated],
    }


def backdrop(view: EcogramView, mark: Callable[..., dict[str, Any]] = node) -> dict[str, Any]:
    """What a read-only drawing needs: nodes, edges, labels, rings and sectors."""
    drawn = view.drawing
    placed = drawn.layout
    return {
        "nodes": [mark(person, view.position(person)) for person in view.persons],
        "edges": [edge(tie) for tie in view.ties],
        "labels": [label(person, view) for person in view.persons],
        "rings": [
            {"ring": ring, "inner": inner, "outer": outer} | _text(drawn.ring_numbers[ring])
            for ring, (inner, outer) in sorted(placed.ring_radii.items())
        ],
        "sectors": [
            {"key": s.key.value, "label": s.label, "start": s.start, "end": s.end}
            | _text(drawn.sector_names[s.key])
            for s in view.sectors
        ],
        "radius": placed.radius,
        "extent": list(drawn.extent),
        "font": FONT,
    }


def drawing(view: EcogramView) -> dict[str, Any]:
    """Everything the ecogram page's script needs to draw and edit the ecogram."""
    who = view.who_else
    return backdrop(view, page_node) | {
        "persons": [person_row(person) for person in view.persons],
        "ties": [tie_row(tie) for tie in view.ties],
        "who_else": {
            "empty_sectors": [{"key": s.key.value, "label": s.label} for s in who.empty_sectors],
            "unexplored": [{"id": p.id, "name": p.name} for p in who.shown],
            "more_text": who.more_text,
            "mapped": who.mapped,
            "target": who.target,
        },
        "overview": overview(view.overview),
        "findings": dict(view.finding_counts),
        "findings_text": dict(view.finding_texts),
        "styles": STYLES,
        "options": OPTIONS,
    }


__all__ = [
    "CANDIDATE_COLOURS",
    "EDGE_KEYS",
    "NODE_KEYS",
    "OPTIONS",
    "QUALITY_STYLES",
    "STYLES",
    "backdrop",
    "drawing",
    "label",
]
