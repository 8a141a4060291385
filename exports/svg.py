"""The static ecogram as SVG: the master drawing that PNG, PDF and the summary are made from.

The layout is the web page's (`ecogram.labelling.labelled_layout`: the same
positions, spread as far as the page's labels need), magnified by `SPREAD`
so the printed names have room: the child in the centre, the sectors as
tinted slices clockwise from the top, rings 1-3 as bands by closeness. Ties
follow Hartman (see `exports.hartman`), persons carry the marks of
`exports.symbols`, and a legend, the child's name and the date complete it.

Every text is set through ElementTree, which escapes it: names are typed by
people and may hold `<`, `&`, quotes or `</text>`. Nothing refers outside the
document (no fonts, images or stylesheets to fetch).

**The family version** (`family=True`) is the drawing parents take home. It
keeps what the family itself brings to the table: every person and tie, the
anchor, the trusted person, and the active roles as "who helps when" (role and
nights per week). It leaves out what professionals decide about people: the
candidate status (no status colours, no status classes, no candidate legend).
The drawing never shows ratings, role verdicts, findings, attestations or
notes in either version; the professional version's summary PDF does.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from collections import Counter

from ecogram import labels
from ecogram.graph import Layout, build_graph
from ecogram.i18n import normalize_lang, words
from ecogram.labelling import labelled_layout
from ecogram.models import Case
from ecogram.rules.anchor import active_anchors
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, Role, TieQuality
from exports import symbols
from exports.hartman import fmt, tie_element
from exports.placing import Mark, label_group
from exports.svgtext import FONT_FAMILY, child_name, wrap

SVG_NS = "http://www.w3.org/2000/svg"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

SPREAD = 1.0  # printed names need more room than the screen's zoomable canvas
SECTOR_SIZE = 16.0
SECTOR_GAP = 26.0
SECTOR_CHARS = 12
SIDE_ROOM = 140.0  # beside the circle, for the sector labels
MARGIN = 24.0
HEADER = 64.0
LEGEND_GAP = 36.0
PARALLEL_GAP = 7.0  # between two ties that join the same two persons
_MIDDLE = {"text-anchor": "middle"}
SECTOR_TINTS = ("#eef4fa", "#f6f1fa", "#f1f8ef", "#fdf6e9", "#f3f4f6")


def _point(radius: float, degrees: float) -> tuple[float, float]:
    angle = math.radians(degrees)
    return radius * math.sin(angle), -radius * math.cos(angle)


def _marks(case: Case, at: dt.date, placed: Layout) -> dict[str, Mark]:
    anchors = {id(period.person) for period in active_anchors(case, at)}
    trusted = case.trusted_person
    marks = {}
    for person in case.persons:
        x, y = placed.positions[person.ref]
        kind = PersonKind(person.kind)
        active = sorted(
            (a for a in person.roles if a.active_on(at)), key=lambda a: Role(a.role).rank
        )
        marks[person.ref] = Mark(
            person=person,
            x=x * SPREAD,
            y=y * SPREAD,
            radius=symbols.CHILD_RADIUS if kind is PersonKind.CHILD else symbols.PERSON_RADIUS,
            kind=kind,
            anchor=id(person) in anchors,
            trusted=trusted is person,
            roles=tuple((Role(a.role), int(a.nights_per_week or 0)) for a in active),
        )
    return marks


def _background(placed: Layout, lang: str) -> ET.Element:
    group = ET.Element("g", {"id": "sectors"})
    outer = placed.radius * SPREAD
    inner = placed.ring_radii[1][0] * SPREAD
    for i, (sector, (start, end)) in enumerate(placed.sector_angles.items()):
        a, b = _point(outer, start), _point(outer, end)
        large = 1 if end - start > 180 else 0
        path = f"M 0 0 L {fmt(a[0])} {fmt(a[1])} A {fmt(outer)} {fmt(outer)} 0 {large} 1 "
        path += f"{fmt(b[0])} {fmt(b[1])} Z"
        tint = SECTOR_TINTS[i % len(SECTOR_TINTS)]
        group.append(
            ET.Element("path", {"class": f"sector sector-{sector.value}", "d": path, "fill": tint})
        )
    for radius in (inner, *(band[1] * SPREAD for band in placed.ring_radii.values())):
        group.append(
            ET.Element(
                "circle",
                {
                    "class": "ring",
                    "cx": "0",
                    "cy": "0",
                    "r": fmt(radius),
                    "fill": "none",
                    "stroke": "#b8c2cc",
                    "stroke-width": "1.5",
                },
            )
        )
    for start, _end in placed.sector_angles.values():
        (x1, y1), (x2, y2) = _point(inner, start), _point(outer, start)
        attrs = {"x1": fmt(x1), "y1": fmt(y1), "x2": fmt(x2), "y2": fmt(y2)}
        group.append(
            ET.Element(
                "line", {"class": "divider", **attrs, "stroke": "#8796a5", "stroke-width": "2"}
            )
        )
    for sector, (start, end) in placed.sector_angles.items():
        group.append(_sector_label(labels.label("sector", sector, lang), outer, (start + end) / 2))
    return group


def _ring_numbers(placed: Layout) -> ET.Element:
    """Each ring's number on the top border, over the ties so that none can hide it."""
    group = ET.Element("g", {"id": "ring-numbers"})
    for ring, (_inner, outer) in sorted(placed.ring_radii.items()):
        y = -outer * SPREAD + 16
        group.append(
            ET.Element(
                "rect",
                {"x": "4", "y": fmt(y - 12), "width": "14", "height": "16", "rx": "3"}
                | {"fill": "#ffffff", "fill-opacity": "0.85"},
            )
        )
        group.append(
            symbols.text(
                11, y, str(ring), 13, fill="#52606d", **_MIDDLE, **{"class": "ring-number"}
            )
        )
    return group


def _sector_label(words: str, outer: float, degrees: float) -> ET.Element:
    x, y = _point(outer + SECTOR_GAP, degrees)
    anchor = "start" if x > 20 else "end" if x < -20 else "middle"
    lines = wrap(words, SECTOR_CHARS, max_lines=2, longest_word=20)
    line_height = SECTOR_SIZE * 1.2
    # Labels above the centre grow upwards and those below downwards, away from the rings.
    first = (
        y - (len(lines) - 1) * line_height if y < -20 else y + SECTOR_SIZE * 0.8 if y > 20 else y
    )
    element = ET.Element(
        "text",
        {
            "class": "sector-label",
            "font-size": fmt(SECTOR_SIZE),
            "font-weight": "bold",
            "fill": "#3e4c59",
            "text-anchor": anchor,
        },
    )
    for i, line in enumerate(lines):
        span = ET.SubElement(element, "tspan", {"x": fmt(x), "y": fmt(first + i * line_height)})
        span.text = line
    return element


def _ties(case: Case, marks: dict[str, Mark]) -> ET.Element:
    group = ET.Element("g", {"id": "ties"})
    pairs = Counter(frozenset((t.from_person.ref, t.to_person.ref)) for t in case.ties)
    seen: Counter[frozenset[str]] = Counter()
    for tie in case.ties:
        a, b = marks[tie.from_person.ref], marks[tie.to_person.ref]
        pair = frozenset((a.person.ref, b.person.ref))
        # Two ties between the same two persons are drawn side by side, not on top of each other.
        offset = (seen[pair] - (pairs[pair] - 1) / 2) * PARALLEL_GAP
        seen[pair] += 1
        length = math.dist((a.x, a.y), (b.x, b.y)) or 1.0
        nx, ny = -(b.y - a.y) / length * offset, (b.x - a.x) / length * offset
        group.append(
            tie_element(
                (a.x + nx, a.y + ny),
                (b.x + nx, b.y + ny),
                TieQuality(tie.quality),
                Flow(tie.flow or Flow.NONE),
                trim_start=_reach(a),
                trim_end=_reach(b),
            )
        )
    return group


def _reach(mark: Mark) -> float:
    """How far from the centre a tie stops: just outside the person's border."""
    return mark.radius + (symbols.ANCHOR_BORDER_WIDTH / 2 if mark.anchor else 1.0) + 1.5


def _person(mark: Mark, *, family: bool) -> ET.Element:
    classes = ["person", f"kind-{mark.kind.value}"]
    status = CandidateStatus(mark.person.candidate or CandidateStatus.NONE)
    if not family:
        classes.append(f"candidate-{status.value}")
    if mark.anchor:
        classes.append("anchor")
    if mark.trusted:
        classes.append("trusted")
    group = ET.Element("g", {"class": " ".join(classes)})
    fill = symbols.FAMILY_FILL if family else symbols.CANDIDATE_COLOURS[status]
    group.append(
        symbols.person_shape(
            mark.x, mark.y, kind=mark.kind, fill=fill, anchor=mark.anchor, radius=mark.radius
        )
    )
    if not family and mark.kind is not PersonKind.CHILD:
        sign = symbols.candidate_mark(mark.x, mark.y, status, mark.radius)
        if sign is not None:
            group.append(sign)
    shoulder = mark.radius * 0.85
    if mark.anchor:
        group.append(symbols.anchor_badge(mark.x - shoulder, mark.y - shoulder))
    if mark.trusted:
        group.append(symbols.trusted_badge(mark.x + shoulder, mark.y - shoulder))
    return group


def ecogram_svg(
    case: Case,
    at: dt.date,
    *,
    family: bool = False,
    lang: str = "nl",
    placed: Layout | None = None,
) -> str:
    """The case's ecogram as it stood on `at`, as an SVG document (no XML declaration).

    `placed` is the case's layout when the caller has it (the read model's).
    """
    lang = normalize_lang(lang)
    said = words(lang)
    # The page's layout, labels and all, so paper shows everyone where the screen does.
    placed = placed or labelled_layout(build_graph(case, at), lang).layout
    marks = _marks(case, at, placed)
    legend, legend_width, legend_height = symbols.legend(lang, family=family)

    outer = placed.radius * SPREAD
    half_width = outer + SIDE_ROOM
    top_room, bottom_room = (
        outer + SECTOR_GAP + 2 * SECTOR_SIZE,
        outer + SECTOR_GAP + 3 * SECTOR_SIZE,
    )
    centre = (MARGIN + half_width, MARGIN + HEADER + top_room)
    legend_x = MARGIN + 2 * half_width + LEGEND_GAP
    width = legend_x + legend_width + MARGIN
    height = max(centre[1] + bottom_room, MARGIN + HEADER + legend_height) + MARGIN

    name = child_name(case, lang)
    if family:
        title = said.gettext("The network around %(name)s", name=name)
    else:
        title = said.gettext("Ecogram of %(name)s", name=name)
    when = said.gettext("As it stood on %(date)s", date=said.date(at))
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "version": "1.1",
            "width": fmt(width),
            "height": fmt(height),
            "viewBox": f"0 0 {fmt(width)} {fmt(height)}",
            "font-family": FONT_FAMILY,
            "role": "img",
            "aria-labelledby": "title",
            "class": "ecogram family" if family else "ecogram",
            _XML_LANG: lang,
        },
    )
    ET.SubElement(root, "title", {"id": "title"}).text = f"{title} — {when}"
    ET.SubElement(root, "rect", {"width": fmt(width), "height": fmt(height), "fill": "#ffffff"})
    heading = symbols.text(MARGIN, MARGIN + 24, title, 24, fill=symbols.TEXT, id="heading")
    heading.set("font-weight", "bold")
    root.append(heading)
    root.append(symbols.text(MARGIN, MARGIN + 48, when, 14, fill=symbols.MUTED, id="date"))
    drawing = ET.SubElement(
        root, "g", {"id": "drawing", "transform": f"translate({fmt(centre[0])},{fmt(centre[1])})"}
    )
    drawing.append(_background(placed, lang))
    drawing.append(_ties(case, marks))
    drawing.append(_ring_numbers(placed))
    persons = ET.SubElement(drawing, "g", {"id": "persons"})
    persons.extend(_person(mark, family=family) for mark in marks.values())
    drawing.append(label_group(list(marks.values()), lang))
    legend.set("transform", f"translate({fmt(legend_x)},{fmt(MARGIN + HEADER)})")
    root.append(legend)
    return ET.tostring(root, encoding="unicode")
