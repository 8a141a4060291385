"""Boxes on the ecogram: how two overlap, where they are filed, and the spots to try.

The geometry under `ecogram.labelling`: a box is (left, top, right, bottom) in
drawing units, y growing downwards as on a screen.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

Box = tuple[float, float, float, float]  #: left, top, right, bottom
Size = tuple[float, float]  #: width, height
GAP = 2.0  #: between a label and its person's mark, or the circle and a sector name
_CELL = 64.0  #: the side of the index's squares


def centred(cx: float, cy: float, size: Size) -> Box:
    w, h = size
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


class Index:
    """Boxes filed by the squares of a grid they cover: a lookup sees only its neighbours."""

    def __init__(self) -> None:
        self.boxes: list[Box] = []
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def _squares(self, box: Box) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(box[0] / _CELL), math.floor(box[2] / _CELL) + 1):
            for j in range(math.floor(box[1] / _CELL), math.floor(box[3] / _CELL) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        self.boxes.append(box)
        for square in self._squares(box):
            self.cells[square].append(len(self.boxes) - 1)

    def covered(self, box: Box) -> float:
        seen = {n for square in self._squares(box) for n in self.cells.get(square, ())}
        return sum(overlap(box, self.boxes[n]) for n in seen)

    def hits(self, box: Box) -> bool:
        boxes = self.boxes
        return any(
            overlap(box, boxes[n]) > 0
            for square in self._squares(box)
            for n in self.cells.get(square, ())
        )


def spots(x: float, y: float, reach: float, size: Size) -> list[Box]:
    """Free spots around a mark, most preferred first: below, above, outwards, inwards,
    then the diagonals, the outward ones first."""
    w, h = size
    side = 1.0 if x >= 0 else -1.0
    across, down = reach + GAP + w / 2, reach + GAP + h / 2
    slant_x, slant_y = reach * 0.7 + GAP + w / 2, reach * 0.7 + GAP + h / 2
    centres = [
        (x, y + down),
        (x, y - down),
        (x + side * across, y),
        (x - side * across, y),
        (x + side * slant_x, y + slant_y),
        (x - side * slant_x, y + slant_y),
        (x + side * slant_x, y - slant_y),
        (x - side * slant_x, y - slant_y),
    ]
    # Then the same directions, slid along by half a label: still clearly this person's.
    centres += [
        (x + side * w / 2, y + down),
        (x - side * w / 2, y + down),
        (x + side * w / 2, y - down),
        (x - side * w / 2, y - down),
        (x + side * across, y + h / 2),
        (x + side * across, y - h / 2),
        (x - side * across, y + h / 2),
        (x - side * across, y - h / 2),
    ]
    # Last, a little further out, where a crowded spot still leaves room.
    centres += [(x, y + down + h), (x, y - down - h)]
    centres += [(x + side * (across + w / 2), y), (x - side * (across + w / 2), y)]
    return [centred(cx, cy, size) for cx, cy in centres]


def pushed_out(size: Size, outer: float, degrees: float) -> Box:
    """A box beside the circle at `degrees`, moved out along that ray just far enough
    that no corner dips into the circle (found by halving, to a tenth of a unit)."""
    angle = math.radians(degrees)
    dx, dy = math.sin(angle), -math.cos(angle)

    def box(distance: float) -> Box:
        return centred(distance * dx + dx * size[0] / 2, distance * dy + dy * size[1] / 2, size)

    def clear(candidate: Box) -> bool:
        nearest_x = min(max(0.0, candidate[0]), candidate[2])
        nearest_y = min(max(0.0, candidate[1]), candidate[3])
        return math.hypot(nearest_x, nearest_y) >= outer + 2 * GAP

    low, high = outer, outer + 2 * GAP + size[0] + size[1]
    while high - low > 0.1:
        middle = (low + high) / 2
        low, high = (low, middle) if clear(box(middle)) else (middle, high)
    return box(high)


def rounded(box: Box) -> Box:
    return (round(box[0], 1), round(box[1], 1), round(box[2], 1), round(box[3], 1))
