"""The geometry under the labelling: the index's lookups stay local, and the shortcut in
`pushed_out` ends where halving on boxes always ended.

Speed is never timed here (a loaded CI machine would make that flaky): what is counted
is how many boxes a lookup compares, which grows with the drawing only if a lookup
stops being local.
"""

from __future__ import annotations

import math
import random

from ecogram.boxes import GAP, Box, Index, centred, overlap, pushed_out


def grid(side: int) -> list[Box]:
    """side x side marks 30 units wide, 100 apart."""
    return [
        (100.0 * i, 100.0 * j, 100.0 * i + 30, 100.0 * j + 30)
        for i in range(side)
        for j in range(side)
    ]


def test_a_lookup_compares_only_the_boxes_near_it_however_many_are_filed() -> None:
    compared = []
    for side in (5, 50):  # 25 boxes, then 2,500
        index = Index()
        for box in grid(side):
            index.add(box)

        assert index.hits((110.0, 110.0, 125.0, 125.0))  # on the mark at (100, 100)
        assert not index.hits((40.0, 40.0, 90.0, 90.0))  # between four marks
        index.compared = 0
        index.hits((240.0, 240.0, 290.0, 290.0))
        compared.append(index.compared)

    # The squares under the lookup hold a few marks around it, never the other 2,000.
    assert compared[0] == compared[1] <= 16


def test_a_lookup_finds_what_comparing_with_every_box_finds() -> None:
    rnd = random.Random(7)  # noqa: S311  (seeded: the same queries every run)
    boxes = grid(12)
    index = Index()
    for box in boxes:
        index.add(box)
    for _ in range(2000):
        x, y = rnd.uniform(-100, 1300), rnd.uniform(-100, 1300)
        query = (x, y, x + rnd.uniform(1, 250), y + rnd.uniform(1, 90))

        assert index.hits(query) == any(overlap(query, box) > 0 for box in boxes)
        assert math.isclose(index.covered(query), sum(overlap(query, box) for box in boxes))


def halved(size: tuple[float, float], outer: float, degrees: float) -> Box:
    """`pushed_out` as it was: every halving step decided on its box."""
    dx, dy = math.sin(math.radians(degrees)), -math.cos(math.radians(degrees))

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


def test_a_sector_name_is_pushed_out_exactly_as_far_as_halving_on_boxes_pushed_it() -> None:
    rnd = random.Random(3)  # noqa: S311  (seeded: the same boxes every run)
    for _ in range(2000):
        size = (rnd.uniform(10, 200), rnd.choice([26.0, 46.0, rnd.uniform(5, 80)]))
        outer = rnd.choice([rnd.uniform(50, 5000), round(rnd.uniform(50, 3000), 1)])
        degrees = rnd.choice([rnd.randint(0, 360), rnd.uniform(0, 360)])

        assert pushed_out(size, outer, degrees) == halved(size, outer, degrees)
