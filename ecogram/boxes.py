"""Boxes on the ecogram: how two overlap, where they are filed, and the spots to try.

The geometry under `ecogram.labelling`: a box is (left, top, right, bottom) in
drawing units, y growing downwards as on a screen.
"""

from __future__ import annotations

import math
from collections import defaultdict

Box = tuple[float, float, float, float]  #: left, top, right, bottom
Size = tuple[float, float]  #: width, height
GAP = 2.0  #: between a label and its person's mark, or the circle and a sector name
_CELL = 128.0  #: the side of the index's squares: a label spans two or three, a mark one
_SUMMED = 64.0  #: the squares `Index.covered` walks, as the index's were until they grew


def centred(cx: float, cy: float, size: Size) -> Box:
    w, h = size
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _squares(box: Box) -> tuple[int, int, int, int]:
    return (
        math.floor(box[0] / _SUMMED),
        math.floor(box[1] / _SUMMED),
        math.floor(box[2] / _SUMMED),
        math.floor(box[3] / _SUMMED),
    )


class Index:
    """Boxes filed by the squares of a grid they cover: a lookup sees only its neighbours.

    Labelling asks it thousands of times per layout tried, so the loops are written out
    rather than built from `overlap` and generators. A box is filed in every square it
    covers, so one lookup may meet a neighbour twice; `compared` counts every meeting,
    for the tests that check a lookup stays local however large the drawing is.
    """

    def __init__(self) -> None:
        self.cells: defaultdict[tuple[int, int], list[Box]] = defaultdict(list)
        self.boxes: list[Box] = []
        self._numbers: dict[int, int] = {}  #: box ids to places in `boxes`, made when asked
        self.compared = 0

    def add(self, box: Box) -> None:
        self.boxes.append(box)
        cells = self.cells
        # x // _CELL is exactly floor(x / _CELL): the side is a power of two.
        left, top = int(box[0] // _CELL), int(box[1] // _CELL)
        right, bottom = int(box[2] // _CELL), int(box[3] // _CELL)
        if left == right and top == bottom:  # a mark mostly: the loops cost more than it
            cells[(left, top)].append(box)
            return
        for i in range(left, right + 1):
            for j in range(top, bottom + 1):
                cells[(i, j)].append(box)

    def _near(self, box: Box) -> list[Box]:
        seen: list[Box] = []
        cells = self.cells
        for i in range(int(box[0] // _CELL), int(box[2] // _CELL) + 1):
            for j in range(int(box[1] // _CELL), int(box[3] // _CELL) + 1):
                seen += cells.get((i, j), ())
        self.compared += len(seen)
        return seen

    def covered(self, box: Box) -> float:
        """The area of `box` that its neighbours cover, each neighbour counted once."""
        # The neighbours' numbers go into a set in the order they did when the index had
        # squares of 64 and filed numbers: the same set, in the same order, gives the same
        # sum to the last bit, and so the same drawing when a label must cover another.
        numbers = self._numbers
        for n in range(len(numbers), len(self.boxes)):
            numbers[id(self.boxes[n])] = n
        near = sorted({numbers[id(other)] for other in self._near(box)})
        squares = {n: _squares(self.boxes[n]) for n in near}
        x0, y0, x1, y1 = _squares(box)
        seen = {
            n
            for i in range(x0, x1 + 1)
            for j in range(y0, y1 + 1)
            for n in near
            if squares[n][0] <= i <= squares[n][2] and squares[n][1] <= j <= squares[n][3]
        }
        return sum(overlap(box, self.boxes[n]) for n in seen)

    def hits(self, box: Box) -> bool:
        left, top, right, bottom = box
        cells = self.cells
        for i in range(int(left // _CELL), int(right // _CELL) + 1):
            for j in range(int(top // _CELL), int(bottom // _CELL) + 1):
                found = cells.get((i, j))
                if found is None:
                    continue
                self.compared += len(found)
                # `overlap(box, other) > 0` for boxes of some width and height, as all are.
                for o_left, o_top, o_right, o_bottom in found:
                    if o_left < right and left < o_right and o_top < bottom and top < o_bottom:
                        return True
        return False


Offset = tuple[float, float, float]  #: a spot's centre from its person's: x, y, and y again


def spot_offsets(reach: float, size: Size, side: float) -> tuple[Offset, ...]:
    """Where `spots` puts each spot's centre, from the person's, on the `side` (1.0 right
    of the centre line, -1.0 left): made once per person rather than once per layout tried.

    The centre is (x + dx, (y + dy) + dy2): added in the order `spots` always added them,
    so that every box comes out the same to the last bit.
    """
    w, h = size
    across, down = reach + GAP + w / 2, reach + GAP + h / 2
    slant_x, slant_y = reach * 0.7 + GAP + w / 2, reach * 0.7 + GAP + h / 2
    out, inward, slid = side * across, -side * across, side * w / 2
    return (
        # Below, above, outwards, inwards, then the diagonals, the outward ones first.
        (0.0, down, 0.0),
        (0.0, -down, 0.0),
        (out, 0.0, 0.0),
        (inward, 0.0, 0.0),
        (side * slant_x, slant_y, 0.0),
        (-side * slant_x, slant_y, 0.0),
        (side * slant_x, -slant_y, 0.0),
        (-side * slant_x, -slant_y, 0.0),
        # Then the same directions, slid along by half a label: still clearly this person's.
        (slid, down, 0.0),
        (-slid, down, 0.0),
        (slid, -down, 0.0),
        (-slid, -down, 0.0),
        (out, h / 2, 0.0),
        (out, -h / 2, 0.0),
        (inward, h / 2, 0.0),
        (inward, -h / 2, 0.0),
        # Last, a little further out, where a crowded spot still leaves room.
        (0.0, down, h),
        (0.0, -down, -h),
        (side * (across + w / 2), 0.0, 0.0),
        (-side * (across + w / 2), 0.0, 0.0),
    )


def spots(x: float, y: float, reach: float, size: Size) -> list[Box]:
    """Free spots around a mark, most preferred first: below, above, outwards, inwards,
    then the diagonals, the outward ones first."""
    offsets = spot_offsets(reach, size, 1.0 if x >= 0 else -1.0)
    return [centred(x + dx, y + dy + dy2, size) for dx, dy, dy2 in offsets]


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

    # Each sector name tries some 90 angles per layout tried, and each halving step built
    # a box: too slow. The box's nearest point to the centre moves out steadily with the
    # distance, so where it reaches the clearance is solved for once; a step is decided
    # by comparing with that, and only a step within a hair of it builds its box, so the
    # halving ends exactly where it always did.
    edge = _clearing(abs(dx), abs(dy), size, outer + 2 * GAP)
    hair = 1e-9 * (1.0 + edge)
    low, high = outer, outer + 2 * GAP + size[0] + size[1]
    while high - low > 0.1:
        middle = (low + high) / 2
        if middle > edge + hair:
            high = middle
        elif middle < edge - hair:
            low = middle
        else:
            low, high = (low, middle) if clear(box(middle)) else (middle, high)
    return box(high)


def _clearing(a: float, b: float, size: Size, clearance: float) -> float:
    """The distance along a ray (|sin|, |cos|) = (a, b) at which the box of `pushed_out`
    comes `clearance` from the centre: its nearest point is (a*t - p, b*t - q), each
    part no less than 0, with p and q how far the box reaches back across the ray."""
    p, q = (1 - a) * size[0] / 2, (1 - b) * size[1] / 2
    # Both parts above 0 where it clears: (a*t - p)**2 + (b*t - q)**2 = clearance**2.
    mid = a * p + b * q
    both = mid + math.sqrt(max(0.0, mid * mid - p * p - q * q + clearance * clearance))
    if a * both >= p and b * both >= q:
        return both
    # Otherwise only one part is above 0 there.
    across = (clearance + p) / a if a > 0 else math.inf
    along = (clearance + q) / b if b > 0 else math.inf
    return min(across, along)


def sticking_out(box: Box, limit: float) -> int:
    """How far a box sticks out of the square of half-side `limit`, in whole units."""
    if -limit <= box[0] and -limit <= box[1] and box[2] <= limit and box[3] <= limit:
        return 0  # as almost every box is: no need to add up four zeros
    return round(sum(max(0.0, abs(edge) - limit) for edge in box))


def rounded(box: Box) -> Box:
    return (round(box[0], 1), round(box[1], 1), round(box[2], 1), round(box[3], 1))
