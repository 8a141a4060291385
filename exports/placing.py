"""Where each person's name goes: the spot beside them that hides the fewest others.

The layout keeps persons a fixed spacing apart, but a name with its roles is
wider than that spacing. Persons of one arc are side by side, and with one
person per cell the persons of every ring line up along the sector's middle,
so no single direction (always below, always outwards) stays clear. Each label
therefore tries a few spots around its person, in a fixed order of preference,
and takes the one that overlaps the fewest persons and earlier labels. The
order is fixed, so the drawing stays deterministic.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ecogram import labels
from ecogram.models import Person
from ecogram.vocabulary import PersonKind, Role
from exports import symbols
from exports.hartman import fmt
from exports.svgtext import nights_text, text_width, wrap

LABEL_SIZE = 12.0
LABEL_CHARS = 15
ROLE_SIZE = 11.0
LINE = 1.2  # line height in ems

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Mark:
    """One person as drawn: where, how big, and which marks."""

    person: Person
    x: float
    y: float
    radius: float
    kind: PersonKind
    anchor: bool
    trusted: bool
    roles: tuple[tuple[Role, int], ...]  #: active roles and their nights per week

    @property
    def box(self) -> Box:
        # Wide enough for the anchor and star badges on the shoulders.
        reach = self.radius + (8.0 if self.anchor or self.trusted else 2.0)
        return (self.x - reach, self.y - reach, self.x + reach, self.y + reach)


def _lines(mark: Mark, lang: str) -> list[tuple[str, float, str]]:
    size = LABEL_SIZE + (2 if mark.kind is PersonKind.CHILD else 0)
    lines = [(line, size, "name") for line in wrap(mark.person.name, LABEL_CHARS)]
    for role, nights in mark.roles:
        lines.append((labels.label("role", role, lang), ROLE_SIZE, "role"))
        if nights:
            lines.append((nights_text(nights, lang), ROLE_SIZE, "role"))
    return lines


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _spots(mark: Mark, width: float, height: float) -> list[tuple[float, float]]:
    """Candidate centres, most preferred first: below, above, right, left, then diagonals."""
    gap = mark.box[3] - mark.y + 2
    half_w, half_h = width / 2, height / 2
    x, y = mark.x, mark.y
    side = gap + half_w
    return [
        (x, y + gap + half_h),
        (x, y - gap - half_h),
        (x + side, y),
        (x - side, y),
        (x + side * 0.8, y + gap * 0.7 + half_h),
        (x - side * 0.8, y + gap * 0.7 + half_h),
        (x + side * 0.8, y - gap * 0.7 - half_h),
        (x - side * 0.8, y - gap * 0.7 - half_h),
    ]


def _render(lines: list[tuple[str, float, str]], box: Box, bold: bool) -> ET.Element:
    group = ET.Element("g", {"class": "label"})
    left, top, right, bottom = box
    halo = {"x": fmt(left), "y": fmt(top), "width": fmt(right - left)}
    halo |= {"height": fmt(bottom - top), "rx": "3", "fill": "#ffffff", "fill-opacity": "0.85"}
    group.append(ET.Element("rect", {"class": "halo", **halo}))
    centre, y = (left + right) / 2, top + 2
    for line, size, kind in lines:
        y += size * LINE
        attrs = {"class": kind, "text-anchor": "middle"}
        if kind == "role":
            attrs |= {"font-style": "italic", "fill": symbols.MUTED}
        else:
            attrs["fill"] = symbols.TEXT
            if bold:
                attrs["font-weight"] = "bold"
        group.append(symbols.text(centre, y - size * 0.25, line, size, **attrs))
    return group


def label_group(marks: list[Mark], lang: str) -> ET.Element:
    """Every person's label (name, then roles in italics) on a white halo, placed."""
    group = ET.Element("g", {"id": "labels"})
    taken: list[Box] = [mark.box for mark in marks]
    for index, mark in enumerate(marks):
        bold = mark.kind is PersonKind.CHILD
        lines = _lines(mark, lang)
        width = max(text_width(line, size, bold=bold) for line, size, _kind in lines) + 6
        height = sum(size * LINE for _line, size, _kind in lines) + 4
        scored = []
        for rank, (cx, cy) in enumerate(_spots(mark, width, height)):
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            hidden = sum(_overlap(box, other) for i, other in enumerate(taken) if i != index)
            # A slight preference for the earlier spots settles ties the same way every time.
            scored.append((hidden + rank, rank, box))
        best = min(scored)
        taken.append(best[2])
        group.append(_render(lines, best[2], bold))
    return group
