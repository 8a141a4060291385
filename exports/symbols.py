"""The marks for persons on the drawing, and the legend that explains every mark.

Same visual language as the web page (webapp/graphdata.py): the
child a large dark-blue disc; everyone else a disc (a square for professionals)
filled with the colour of their candidate status; the anchor a thick gold
border with an anchor sign; the trusted person a star. The family version
fills everyone with one neutral colour and its legend has no candidate list.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ecogram import labels
from ecogram.i18n import words
from ecogram.vocabulary import CandidateStatus, Flow, PersonKind, TieQuality
from exports.hartman import fmt, tie_element
from exports.svgtext import text_width

CANDIDATE_COLOURS = {
    CandidateStatus.NONE: "#d9dee3",
    CandidateStatus.TO_EXPLORE: "#9fd3f7",
    CandidateStatus.IN_CONVERSATION: "#58a6e0",
    CandidateStatus.ASSESSING: "#b69ae6",
    CandidateStatus.SUITABLE: "#63b56a",
    CandidateStatus.NOT_SUITABLE: "#8c959f",
    CandidateStatus.DECLINED: "#f2f4f6",
}
# Candidate status is never told by colour alone: each status but "none" has a mark
# drawn inside the person's shape, on the page and on paper, and in both legends.
CANDIDATE_MARKS = {
    CandidateStatus.NONE: "",
    CandidateStatus.TO_EXPLORE: "?",
    CandidateStatus.IN_CONVERSATION: "\u2194",
    CandidateStatus.ASSESSING: "\u25d0",
    CandidateStatus.SUITABLE: "\u2713",
    CandidateStatus.NOT_SUITABLE: "\u2717",
    CandidateStatus.DECLINED: "\u2212",
}
FAMILY_FILL = "#e4e7eb"  # one colour for all: the family version shows no candidate status
CHILD_FILL, CHILD_BORDER = "#1d5c8c", "#0f3553"
BORDER = "#52606d"
ANCHOR_BORDER = "#c98a00"
TEXT = "#1f2933"
MUTED = "#52606d"
ANCHOR_SIGN = "\u2693"
STAR = "\u2605"

PERSON_RADIUS = 15.0
CHILD_RADIUS = 24.0
ANCHOR_BORDER_WIDTH = 5.0


def text(x: float, y: float, content: str, size: float, **attrs: str) -> ET.Element:
    """A text element; ElementTree escapes `content`, whatever a user typed."""
    element = ET.Element("text", {"x": fmt(x), "y": fmt(y), "font-size": fmt(size), **attrs})
    element.text = content
    return element


def person_shape(
    x: float, y: float, *, kind: PersonKind, fill: str, anchor: bool, radius: float
) -> ET.Element:
    if kind is PersonKind.CHILD:
        fill, stroke, width = CHILD_FILL, CHILD_BORDER, 3.0
    else:
        stroke, width = BORDER, 1.5
    if anchor:
        stroke, width = ANCHOR_BORDER, ANCHOR_BORDER_WIDTH
    style = {"fill": fill, "stroke": stroke, "stroke-width": fmt(width)}
    if kind is PersonKind.PROFESSIONAL:
        side = radius * 1.75
        return ET.Element(
            "rect",
            {
                "class": "shape",
                "x": fmt(x - side / 2),
                "y": fmt(y - side / 2),
                "width": fmt(side),
                "height": fmt(side),
                **style,
            },
        )
    return ET.Element(
        "circle", {"class": "shape", "cx": fmt(x), "cy": fmt(y), "r": fmt(radius), **style}
    )


def candidate_mark(x: float, y: float, status: CandidateStatus, size: float) -> ET.Element | None:
    """The status's mark, centred in a person's shape; None for "none"."""
    sign = CANDIDATE_MARKS[status]
    if not sign:
        return None
    mark = text(x, y + size * 0.36, sign, size, fill=TEXT, **{"text-anchor": "middle"})
    mark.set("font-weight", "bold")
    mark.set("class", "candidate-mark")
    return mark


def badge(x: float, y: float, sign: str, colour: str, css_class: str) -> ET.Element:
    """A small white disc holding a sign, pinned to a person's shoulder."""
    group = ET.Element("g", {"class": css_class})
    group.append(
        ET.Element(
            "circle",
            {
                "cx": fmt(x),
                "cy": fmt(y),
                "r": "8.5",
                "fill": "#ffffff",
                "stroke": colour,
                "stroke-width": "1.5",
            },
        )
    )
    group.append(text(x, y + 4.2, sign, 12, fill=colour, **{"text-anchor": "middle"}))
    return group


def anchor_badge(x: float, y: float) -> ET.Element:
    return badge(x, y, ANCHOR_SIGN, ANCHOR_BORDER, "anchor-mark")


def trusted_badge(x: float, y: float) -> ET.Element:
    return badge(x, y, STAR, "#1d5c8c", "trusted-mark")


# --- The legend ----------------------------------------------------------------------------

_ROW = 26.0
_SAMPLE = 56.0  # the length of a sample line
_GAP = 14.0  # between a sample and its words
_HEAD = 14.0
_BODY = 13.0


class _Column:
    """Rows stacked top to bottom; remembers how wide and tall they came out."""

    def __init__(self) -> None:
        self.group = ET.Element("g", {"id": "legend"})
        self.y = 0.0
        self.width = 0.0

    def heading(self, words: str, size: float = _HEAD) -> None:
        self.y += size + 8
        self.group.append(text(0, self.y, words, size, fill=TEXT, **{"font-weight": "bold"}))
        self.width = max(self.width, text_width(words, size, bold=True))
        self.y += 4

    def row(self, sample: list[ET.Element], words: str) -> None:
        middle = self.y + _ROW / 2
        holder = ET.SubElement(self.group, "g", {"transform": f"translate(0,{fmt(middle)})"})
        holder.extend(sample)
        holder.append(text(_SAMPLE + _GAP, _BODY * 0.35, words, _BODY, fill=TEXT))
        self.width = max(self.width, _SAMPLE + _GAP + text_width(words, _BODY))
        self.y += _ROW


def _dot(fill: str, *, kind: PersonKind = PersonKind.FRIEND, anchor: bool = False) -> ET.Element:
    return person_shape(_SAMPLE / 2, 0, kind=kind, fill=fill, anchor=anchor, radius=9)


def legend(lang: str, *, family: bool) -> tuple[ET.Element, float, float]:
    """The legend as a group drawn from (0, 0), with its width and height."""
    said = words(lang)
    column = _Column()
    column.heading(said.gettext("Legend"), 16)
    column.heading(said.gettext("Ties"))
    for quality in TieQuality:
        sample = tie_element((0, 0), (_SAMPLE, 0), quality, Flow.NONE)
        column.row([sample], labels.label("quality", quality, lang))
    column.heading(said.gettext("Energy"))
    column.row(
        [tie_element((0, 0), (_SAMPLE, 0), TieQuality.NORMAL, Flow.FORWARD)],
        said.gettext("flows towards the arrow"),
    )
    column.row(
        [tie_element((0, 0), (_SAMPLE, 0), TieQuality.NORMAL, Flow.BOTH)],
        said.gettext("flows both ways"),
    )
    column.heading(said.gettext("Symbols"))
    child = person_shape(_SAMPLE / 2, 0, kind=PersonKind.CHILD, fill="", anchor=False, radius=10)
    column.row([child], said.gettext("the child, in the centre"))
    anchored = _dot(FAMILY_FILL, anchor=True)
    column.row([anchored, anchor_badge(_SAMPLE / 2 + 14, -2)], said.gettext("anchor (safe haven)"))
    column.row(
        [_dot(FAMILY_FILL), trusted_badge(_SAMPLE / 2 + 14, -2)], said.gettext("trusted person")
    )
    square = _dot(FAMILY_FILL, kind=PersonKind.PROFESSIONAL)
    column.row([square], labels.label("kind", PersonKind.PROFESSIONAL, lang))
    role_word = said.gettext("role")
    role = text(_SAMPLE / 2, 4, role_word, _BODY, fill=MUTED, **{"font-style": "italic"})
    role.set("text-anchor", "middle")
    column.row([role], said.gettext("under the name: who helps when"))
    if not family:
        column.heading(said.gettext("Candidate care figures"))
        for status, colour in CANDIDATE_COLOURS.items():
            dot: list[ET.Element] = [_dot(colour)]
            mark = candidate_mark(_SAMPLE / 2, 0, status, 11)
            if mark is not None:
                dot.append(mark)
            column.row(dot, labels.label("candidate", status, lang))
    column.heading(said.gettext("Rings"))
    for ring, meaning in (
        ("1", said.gettext("ring 1: closest to the child")),
        ("3", said.gettext("ring 3: furthest away")),
    ):
        number = text(_SAMPLE / 2, 4, ring, _BODY, fill=MUTED, **{"text-anchor": "middle"})
        column.row([number], meaning)
    return column.group, column.width, column.y
