"""Hartman's ecomap lines as SVG: one shape per tie quality, and arrows for the energy flow.

Each quality gets a shape of its own, not only a colour, so the drawing reads
in black and white and for colour-blind readers:

- strong: a thick solid line;
- normal: a plain solid line;
- tenuous: a dashed line;
- stressful: a zigzag path (class `zigzag`);
- conflict: a line crossed by short slanted marks (class `cross-marks`).

The colours are the web page's (webapp/graphdata.py), so the paper
and the screen look alike. Arrowheads are explicit triangles (class `arrow`)
rather than SVG markers: a marker takes its direction from the last segment of
the path, which on a zigzag points sideways, while these always follow the tie.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ecogram.vocabulary import Flow, TieQuality

Point = tuple[float, float]


@dataclass(frozen=True)
class LineStyle:
    width: float
    colour: str
    dashes: str | None = None


STYLES: dict[TieQuality, LineStyle] = {
    TieQuality.STRONG: LineStyle(5.0, "#1f2933"),
    TieQuality.NORMAL: LineStyle(1.8, "#3e4c59"),
    TieQuality.TENUOUS: LineStyle(1.8, "#7b8794", "7 5"),
    TieQuality.STRESSFUL: LineStyle(1.8, "#d9730d"),
    TieQuality.CONFLICT: LineStyle(2.0, "#c81e1e"),
}

_ZIG_STEP = 5.0  # half a zigzag wave along the tie
_ZIG_AMPLITUDE = 4.0
_MARK_SPACING = 14.0  # between the crossing marks of a conflict
_MARK_HALF = 6.5  # half the length of one crossing mark


def fmt(value: float) -> str:
    """One decimal is finer than a printer's dot and keeps the output deterministic."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _points(points: list[Point]) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def _along(p: Point, u: Point, distance: float) -> Point:
    return (p[0] + u[0] * distance, p[1] + u[1] * distance)


def arrow_size(quality: TieQuality) -> tuple[float, float]:
    """Length and half-width of the arrowhead: thicker lines get bigger heads."""
    width = STYLES[quality].width
    return 9.0 + 1.2 * width, 4.5 + 0.6 * width


def _arrow(tip: Point, u: Point, quality: TieQuality) -> ET.Element:
    """A triangle with its tip at `tip`, pointing along `u`."""
    length, half = arrow_size(quality)
    base = _along(tip, u, -length)
    n = (-u[1], u[0])
    corners = [tip, _along(base, n, half), _along(base, n, -half)]
    return ET.Element(
        "polygon",
        {"class": "arrow", "points": _points(corners), "fill": STYLES[quality].colour},
    )


def _stroke(element: ET.Element, style: LineStyle) -> ET.Element:
    element.set("fill", "none")
    element.set("stroke", style.colour)
    element.set("stroke-width", fmt(style.width))
    element.set("stroke-linejoin", "round")
    if style.dashes is not None:
        element.set("stroke-dasharray", style.dashes)
    return element


def _zigzag(p: Point, q: Point, u: Point) -> str:
    length = math.dist(p, q)
    n = (-u[1], u[0])
    lead = min(4.0, length / 4)  # a straight start and end, so the tie meets its persons cleanly
    steps = max(2, int((length - 2 * lead) / _ZIG_STEP))
    step = (length - 2 * lead) / steps
    points = [p, _along(p, u, lead)]
    for i in range(1, steps):
        side = _ZIG_AMPLITUDE if i % 2 else -_ZIG_AMPLITUDE
        points.append(_along(_along(p, u, lead + i * step), n, side))
    points += [_along(q, u, -lead), q]
    return "M " + " L ".join(f"{fmt(x)} {fmt(y)}" for x, y in points)


def _cross_marks(p: Point, q: Point, u: Point) -> str:
    length = math.dist(p, q)
    count = max(1, int(length / _MARK_SPACING) - 1)
    gap = length / (count + 1)
    # Slanted 60 degrees to the tie, like a hand-drawn "-/-/-".
    slant = (-u[1] * 0.866 + u[0] * 0.5, u[0] * 0.866 + u[1] * 0.5)
    parts = []
    for i in range(1, count + 1):
        centre = _along(p, u, i * gap)
        a, b = _along(centre, slant, -_MARK_HALF), _along(centre, slant, _MARK_HALF)
        parts.append(f"M {fmt(a[0])} {fmt(a[1])} L {fmt(b[0])} {fmt(b[1])}")
    return " ".join(parts)


def tie_element(
    start: Point,
    end: Point,
    quality: TieQuality,
    flow: Flow,
    *,
    trim_start: float = 0.0,
    trim_end: float = 0.0,
) -> ET.Element:
    """One tie from `start` to `end` (centres), cut back by each person's radius.

    `flow` is relative to `start` (the tie's `from`): forward points at `end`,
    back at `start`, both at each.
    """
    style = STYLES[quality]
    group = ET.Element("g", {"class": f"tie tie-{quality.value} flow-{flow.value}"})
    length = math.dist(start, end)
    if length <= trim_start + trim_end + 1.0:
        return group  # the two persons touch: there is no room for a line
    u = ((end[0] - start[0]) / length, (end[1] - start[1]) / length)
    p, q = _along(start, u, trim_start), _along(end, u, -trim_end)
    heads: list[ET.Element] = []
    head_length = arrow_size(quality)[0]
    # The line stops inside the arrowhead, so a thick line's square end never shows past its tip.
    line_p, line_q = p, q
    if flow in (Flow.FORWARD, Flow.BOTH):
        heads.append(_arrow(q, u, quality))
        line_q = _along(q, u, -head_length * 0.7)
    if flow in (Flow.BACK, Flow.BOTH):
        heads.append(_arrow(p, (-u[0], -u[1]), quality))
        line_p = _along(p, u, head_length * 0.7)
    if quality is TieQuality.STRESSFUL:
        line = ET.Element("path", {"class": "line zigzag", "d": _zigzag(line_p, line_q, u)})
    else:
        line = ET.Element(
            "line",
            {
                "class": "line",
                "x1": fmt(line_p[0]),
                "y1": fmt(line_p[1]),
                "x2": fmt(line_q[0]),
                "y2": fmt(line_q[1]),
            },
        )
    group.append(_stroke(line, style))
    if quality is TieQuality.CONFLICT:
        marks = ET.Element("path", {"class": "cross-marks", "d": _cross_marks(line_p, line_q, u)})
        group.append(_stroke(marks, style))
    group.extend(heads)
    return group
