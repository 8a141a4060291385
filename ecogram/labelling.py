"""Where every text of the ecogram goes, so that no two overlap: the persons' labels,
the sector names and the ring numbers.

The layout (`ecogram.graph.layout`) keeps the persons' marks apart; a label with
a name and roles is wider than that spacing. Each label therefore tries a fixed
list of spots around its person (below, above, outwards, inwards, then the four
diagonals) and takes the first that touches no mark, no sector name, no ring
number and no label placed before it. Persons are labelled from the child
outwards, where the drawing is most crowded. When some label finds no free
spot, the whole layout is spread wider (a larger spacing between marks, the
labels staying the same size) and labelled again. Nothing here depends on
anything but the case's persons, their marks and the language, so the same
case gives the same drawing every time, on the page and on paper.

Sizes are in drawing units, CSS pixels at zoom 1. The page zooms so that
`LABEL_SIZE` is drawn at 12 CSS pixels or more on a 1024x768 screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from ecogram.boxes import (
    GAP,
    Box,
    Index,
    Offset,
    centred,
    overlap,
    pushed_out,
    rounded,
    spot_offsets,
    spots,
    sticking_out,
)
from ecogram.graph import DEFAULT_MIN_DISTANCE, Layout, spreading
from ecogram.labels import labels
from ecogram.labeltext import LINE_HEIGHT, PAD, SECTOR_CHARS, person_lines, text_size, wrapped
from ecogram.vocabulary import Sector

LABEL_SIZE = 14.0
SECTOR_SIZE = 16.0
RING_NUMBER_SIZE = 14.0
NODE_RADIUS = 14.0
CHILD_RADIUS = 24.0
GROWTH = 1.04  #: how much wider the layout is spread when a label found no free spot
ATTEMPTS = 32


@dataclass(frozen=True, slots=True)
class Label:
    """A text block and its box, centred in the box line by line."""

    lines: tuple[str, ...]
    box: Box
    size: float
    bold: bool = False


@dataclass(frozen=True)
class Drawing:
    """The layout with every text placed: labels by person ref, sector names, ring numbers."""

    layout: Layout
    labels: dict[str, Label]
    sector_names: dict[Sector, Label]
    ring_numbers: dict[int, Label]
    marks: dict[str, Box]  #: each person's mark (disc or square), for the overlap checks
    clashes: int  #: labels that found no free spot even at the widest spread (normally 0)

    @property
    def extent(self) -> Box:
        """Everything drawn, so that a view can zoom to fit it."""
        r = self.layout.radius
        boxes = [(-r, -r, r, r), *(label.box for label in self.texts())]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )

    def texts(self) -> Iterable[Label]:
        yield from self.labels.values()
        yield from self.sector_names.values()
        yield from self.ring_numbers.values()


def _sector_name(
    lines: tuple[str, ...], outer: float, start: float, end: float, taken: list[Box]
) -> Label:
    """The sector's name just outside the circle, beside its slice.

    Outside the circle the room lies in the corners of the square around it, as
    on a sheet of paper; a name beside the circle's left or right side would make
    the whole drawing wider, and so smaller on a screen. So the name takes the spot
    along its slice that sticks out of that square the least, nearest the slice's
    middle, and never on another sector's name.
    """
    size = text_size(lines, SECTOR_SIZE, bold=True)
    middle = (start + end) / 2
    limit = outer + GAP
    degrees = range(math.ceil(start + 3), math.floor(end - 3) + 1, 2)
    if not degrees:  # a slice narrower than 6 degrees: only in a test's made-up layout
        return Label(lines, rounded(pushed_out(size, outer, middle)), SECTOR_SIZE, bold=True)
    # The best is the least (clash, outside, off the middle, degrees); tried nearest the
    # middle first, the first spot with neither clash nor outside is the best, and the
    # spots further along need not be pushed out at all.
    best = None
    for angle in sorted(degrees, key=lambda d: (abs(d - middle), d)):
        box = pushed_out(size, outer, angle)
        outside = sticking_out(box, limit)
        clash = sum(overlap(box, other) for other in taken)
        score = (clash, outside, abs(angle - middle), angle, box)
        if best is None or score < best:
            best = score
        if not clash and not outside:
            break
    assert best is not None  # noqa: S101  (there was an angle to try)
    return Label(lines, rounded(best[4]), SECTOR_SIZE, bold=True)


@dataclass(frozen=True, slots=True)
class _Person:
    ref: str
    lines: tuple[str, ...]
    reach: float
    bold: bool
    size: tuple[float, float]
    #: where its spots' centres are from its own, by the side it is on (x >= 0), once made
    offsets: dict[bool, tuple[Offset, ...]]


def _persons(graph: nx.Graph, role_words: Mapping[str, str]) -> list[_Person]:
    persons = []
    for ref, node in graph.nodes(data=True):
        child = bool(node["is_child"])
        lines = person_lines(
            node["name"],
            anchor=bool(node["is_anchor"]),
            trusted=bool(node["is_trusted"]),
            roles=[role_words[role] for role in node["roles"]],
        )
        # The anchor's thick border reaches a little further than the mark itself.
        reach = (CHILD_RADIUS if child else NODE_RADIUS) + (3.0 if node["is_anchor"] else 1.0)
        size = text_size(lines, LABEL_SIZE, bold=child)
        persons.append(_Person(ref, lines, reach, child, size, {}))
    return persons


#: a layout and its texts: the persons' label boxes by ref, the sector names, the ring
#: numbers and the count of clashes, as `Drawing` holds them
_Placed = tuple[Layout, dict[str, Box], dict[Sector, Label], dict[int, Label], int]


def _far(persons: list[_Person]) -> float:
    """More than any spot of a person reaches (`spot_offsets`: no box edge further than
    reach + GAP + 1.5 w across and reach + GAP + 2 h along) plus any mark's own reach."""
    marks = max(p.reach for p in persons)
    return 1.0 + max(
        math.hypot(p.reach + GAP + 1.5 * p.size[0] + marks, p.reach + GAP + 2 * p.size[1] + marks)
        for p in persons
    )


def _label(
    placed: Layout,
    persons: list[_Person],
    sector_words: Mapping[str, str],
    *,
    probe: bool = False,
    far: float = math.inf,
) -> _Placed | None:
    """Every text placed on `placed`; with `probe`, None as soon as one label finds no
    free spot (all a search needs to know of a spread that is too narrow). The persons'
    labels are made (`_drawing`) only for the spread that is kept.

    No spot of a person's reaches a mark `far` or more further from the centre than the
    person: a probe files each mark only when a spot might reach it, so a spread that
    is too narrow is given up without filing the marks of the persons further out.
    """
    index = Index()
    positions = placed.positions
    if not probe:  # every mark first, in the order `Index.covered` has always summed them
        for person in persons:
            x, y = positions[person.ref]
            index.add((x - person.reach, y - person.reach, x + person.reach, y + person.reach))
    outer = placed.radius
    sector_names: dict[Sector, Label] = {}
    for sector, (start, end) in placed.sector_angles.items():
        lines = tuple(wrapped(sector_words[sector.value], SECTOR_CHARS, 2))
        taken = [name.box for name in sector_names.values()]
        sector_names[sector] = _sector_name(lines, outer, start, end, taken)
    ring_numbers = {}
    for ring, (_inner, ring_outer) in placed.ring_radii.items():
        number = (str(ring),)
        size = text_size(number, RING_NUMBER_SIZE)
        box = centred(4 + size[0] / 2, -ring_outer + 4 + size[1] / 2, size)
        ring_numbers[ring] = Label(number, rounded(box), RING_NUMBER_SIZE)
    for text in (*sector_names.values(), *ring_numbers.values()):
        index.add(text.box)
    # From the centre out; the persons' numbers settle ties as a stable sort would.
    keyed = sorted(
        (math.hypot(*positions[p.ref]), positions[p.ref], n) for n, p in enumerate(persons)
    )
    order = [persons[n] for _d, _at, n in keyed]
    distances = [d for d, _at, _n in keyed]
    filed = 0 if probe else len(order)
    found: dict[str, Box] = {}
    clashes = 0
    limit = outer + GAP
    hits, add = index.hits, index.add
    for nth, person in enumerate(order):
        while filed < len(order) and distances[filed] < distances[nth] + far:
            other = order[filed]
            mx, my = positions[other.ref]
            add((mx - other.reach, my - other.reach, mx + other.reach, my + other.reach))
            filed += 1
        x, y = positions[person.ref]
        size = person.size
        half_w, half_h = size[0] / 2, size[1] / 2
        # A free spot inside the square around the circle first: one outside it makes
        # the drawing wider, and so smaller on the screen. Most persons are well inside,
        # so the spots are ranked only for those whose first free spot is not. The boxes
        # are those of `spots`, made one by one: most persons take their first or second.
        free = None
        right = x >= 0
        offsets = person.offsets.get(right)
        if offsets is None:
            offsets = person.offsets[right] = spot_offsets(
                person.reach, size, 1.0 if right else -1.0
            )
        for dx, dy, dy2 in offsets:
            cx, cy = x + dx, y + dy + dy2
            box = (cx - half_w, cy - half_h, cx + half_w, cy + half_h)
            if sticking_out(box, limit) == 0 and not hits(box):
                free = box
                break
        if free is None:
            tried = spots(x, y, person.reach, size)
            ranked = sorted((sticking_out(b, limit), rank, b) for rank, b in enumerate(tried))
            free = next((box for _o, _rank, box in ranked if not hits(box)), None)
        if free is None:
            if probe:
                return None
            clashes += 1
            free = min((index.covered(box), rank, box) for rank, box in enumerate(tried))[2]
        box = found[person.ref] = rounded(free)
        add(box)
    return placed, found, sector_names, ring_numbers, clashes


def _drawing(found: _Placed, persons: list[_Person]) -> Drawing:
    placed, boxes, sector_names, ring_numbers, clashes = found
    marks = {}
    for p in persons:
        x, y = placed.positions[p.ref]
        marks[p.ref] = (x - p.reach, y - p.reach, x + p.reach, y + p.reach)
    labels_in_order = {
        p.ref: Label(p.lines, boxes[p.ref], LABEL_SIZE, bold=p.bold) for p in persons
    }
    return Drawing(placed, labels_in_order, sector_names, ring_numbers, marks, clashes)


def labelled_layout(
    graph: nx.Graph, lang: str, min_distance: float = DEFAULT_MIN_DISTANCE
) -> Drawing:
    """The layout of `graph` (from `build_graph`) with every text placed, in `lang`.

    The spread is the narrowest of `min_distance * GROWTH**k` (k < `ATTEMPTS`) at
    which every label has a free spot: found by doubling k, then halving the gap,
    so a large case is labelled a handful of times rather than `ATTEMPTS` times.
    If even the widest has a clash, the widest is kept, with its `clashes` counted.
    """
    persons = _persons(graph, labels("role", lang))
    sector_words = labels("sector", lang)
    spread = spreading(graph)
    far = _far(persons)
    tried: dict[int, _Placed | None] = {}

    def fits(k: int) -> bool:
        if k not in tried:
            placed = spread(min_distance * GROWTH**k)
            tried[k] = _label(placed, persons, sector_words, probe=True, far=far)
        return tried[k] is not None

    low, high = -1, 0  # low is too narrow (-1: none tried yet); high is to be tried
    while not fits(high) and high < ATTEMPTS - 1:
        low, high = high, min(2 * high + 1, ATTEMPTS - 1)
    if not fits(high):
        widest = _label(spread(min_distance * GROWTH**high), persons, sector_words)
        assert widest is not None  # noqa: S101  (only a probe gives up)
        return _drawing(widest, persons)
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle
    found = tried[high]
    assert found is not None  # noqa: S101  (it fits)
    return _drawing(found, persons)


__all__ = [
    "LABEL_SIZE",
    "LINE_HEIGHT",
    "PAD",
    "Drawing",
    "Label",
    "labelled_layout",
    "person_lines",
    "text_size",
]
