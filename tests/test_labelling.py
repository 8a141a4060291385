"""The readable drawing: sector slices by size, labels that never overlap, one layout.

The layout gives each sector a slice that grows with its persons; the labelling
places every label, sector name and ring number so that none lies on another,
the same way every time; and the SVG draws everyone where the page does.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from itertools import combinations
from typing import ClassVar

import pytest

from ecogram import labelling
from ecogram.boxes import Index
from ecogram.graph import MIN_SECTOR_DEGREES, build_graph, layout, sector_slices
from ecogram.labelling import Drawing, labelled_layout, person_lines, text_size
from ecogram.models import Case
from ecogram.readmodel import ViewKey, ecogram_view
from ecogram.textwidth import text_width
from ecogram.vocabulary import Sector
from exports.svg import SPREAD, ecogram_svg
from tests.factories import make_case, make_network_case, make_person
from tests.forty import forty_case

DAY = dt.date(2026, 2, 1)
Box = tuple[float, float, float, float]


def overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0 and min(a[3], b[3]) - max(a[1], b[1]) > 0


def drawn(case: Case, lang: str = "nl") -> Drawing:
    return labelled_layout(build_graph(case, DAY), lang)


# --- Sector slices ------------------------------------------------------------------------


def test_each_sector_keeps_30_degrees_and_shares_the_rest_by_its_persons() -> None:
    slices = sector_slices({Sector.FAMILY: 6, Sector.FRIENDS: 3})

    # 360 - 5 * 30 = 210 degrees to share: 6/9 of it to family, 3/9 to friends.
    assert slices == {
        Sector.FAMILY: (0.0, 170.0),
        Sector.FRIENDS: (170.0, 270.0),
        Sector.NEIGHBOURHOOD: (270.0, 300.0),
        Sector.CHILDCARE_SCHOOL: (300.0, 330.0),
        Sector.PROFESSIONAL: (330.0, 360.0),
    }


def test_an_empty_sector_keeps_its_minimum_slice_however_full_the_others_are() -> None:
    slices = sector_slices({Sector.FAMILY: 300})

    widths = {sector: end - start for sector, (start, end) in slices.items()}
    assert widths[Sector.FRIENDS] == MIN_SECTOR_DEGREES == 30.0
    assert widths[Sector.FAMILY] == 240.0


def test_a_layout_slices_its_sectors_by_the_persons_besides_the_child() -> None:
    case = make_case()  # the child, in the family sector, does not count
    for n in range(3):
        make_person(case, ref=f"f{n}", sector=Sector.FRIENDS, ring=2)
    make_person(case, ref="n1", sector=Sector.NEIGHBOURHOOD, ring=3)

    angles = layout(case).sector_angles

    assert angles[Sector.FAMILY] == (0.0, 30.0)
    assert angles[Sector.FRIENDS] == (30.0, 217.5)  # 30 + 210 * 3/4
    assert angles[Sector.NEIGHBOURHOOD] == (217.5, 300.0)  # 30 + 210 * 1/4


# --- Labels -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [forty_case(), make_network_case(12), make_network_case(60), make_network_case(120)],
    ids=["forty", "12", "60", "120"],
)
def test_no_label_overlaps_another_label_a_mark_a_sector_name_or_a_ring_number(
    case: Case,
) -> None:
    drawing = drawn(case)

    assert drawing.clashes == 0
    labels = list(drawing.labels.items())
    fixed = [
        label.box for label in (*drawing.sector_names.values(), *drawing.ring_numbers.values())
    ]
    assert [(a, b) for (a, x), (b, y) in combinations(labels, 2) if overlap(x.box, y.box)] == []
    assert [ref for ref, label in labels for box in fixed if overlap(label.box, box)] == []
    assert [
        (ref, other)
        for ref, label in labels
        for other, mark in drawing.marks.items()
        if overlap(label.box, mark)
    ] == []
    assert [pair for pair in combinations(fixed, 2) if overlap(*pair)] == []


def test_a_label_is_as_large_as_its_lines_set_in_the_drawing_font() -> None:
    drawing = drawn(forty_case())

    label = next(label for label in drawing.labels.values() if label.lines == ("Tante Lieve",))
    width, height = label.box[2] - label.box[0], label.box[3] - label.box[1]
    # 14-unit DejaVu Sans, 3 units of halo each side, one line 1.25 em high.
    assert width == pytest.approx(text_width("Tante Lieve", 14) + 6, abs=0.2)
    assert height == pytest.approx(14 * 1.25 + 6, abs=0.2)


def test_a_label_sits_right_beside_its_person() -> None:
    drawing = drawn(forty_case())

    for ref, label in drawing.labels.items():
        mark = drawing.marks[ref]
        gap_x = max(label.box[0] - mark[2], mark[0] - label.box[2], 0.0)
        gap_y = max(label.box[1] - mark[3], mark[1] - label.box[3], 0.0)
        # Never further than one more label's height or half its width: still theirs.
        height = label.box[3] - label.box[1]
        width = label.box[2] - label.box[0]
        assert gap_x <= width / 2 + 3 and gap_y <= height + 3, ref


def test_the_same_case_gives_the_same_drawing_whatever_the_order_persons_were_entered() -> None:
    first = drawn(forty_case())
    reordered = forty_case()
    reordered.persons.reverse()

    second = drawn(reordered)

    assert second.layout.positions == first.layout.positions
    assert second.labels == first.labels
    assert second.sector_names == first.sector_names


def test_a_crowded_case_is_spread_until_every_label_has_room() -> None:
    sparse = drawn(make_network_case(12))
    crowded = drawn(make_network_case(120))

    assert sparse.layout.min_distance == 44.0  # no spreading needed
    assert crowded.layout.min_distance > 44.0
    assert crowded.clashes == 0


def test_a_label_names_the_anchor_and_the_trusted_person_and_then_the_roles() -> None:
    lines = person_lines("Oma Jet", anchor=True, trusted=True, roles=["respijtzorg", "speelgezin"])

    assert lines == ("\u2693 Oma Jet \u2605", "respijtzorg, speelgezin")


def test_a_long_name_wraps_at_its_spaces_and_a_long_word_stays_whole() -> None:
    assert person_lines("Verpleegkundige Kind en Gezin") == ("Verpleegkundige", "Kind en Gezin")
    assert person_lines("Pleegzorgbegeleider Eva") == ("Pleegzorgbegeleider", "Eva")


def test_a_character_missing_from_the_font_table_counts_more_than_an_em() -> None:
    # A Chinese character is one em wide, a colour emoji a little more: 1.3 holds both.
    assert text_width("\u4e00\U0001f495", 10) == pytest.approx(26.0)
    assert text_width("iii", 10) < text_width("MMM", 10)
    assert text_size(["ab", "abcd"], 10) == (pytest.approx(text_width("abcd", 10) + 6), 31.0)


def test_a_case_with_only_the_child_is_labelled_too() -> None:
    drawing = drawn(make_case())

    assert list(drawing.labels) == ["child"] and drawing.clashes == 0
    assert len(drawing.sector_names) == 5 and len(drawing.ring_numbers) == 3


# --- What labelling costs, counted rather than timed ---------------------------------------


class CountingIndex(Index):
    """An index that also counts its lookups, and keeps itself for the test to read."""

    made: ClassVar[list[CountingIndex]] = []

    def __init__(self) -> None:
        super().__init__()
        self.lookups = 0
        CountingIndex.made.append(self)

    def hits(self, box: Box) -> bool:
        self.lookups += 1
        return super().hits(box)


@pytest.mark.parametrize("persons", [60, 480])
def test_a_spot_tried_is_compared_with_a_few_boxes_however_many_persons(
    persons: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(labelling, "Index", CountingIndex)
    CountingIndex.made = []

    drawn(make_network_case(persons))

    lookups = sum(index.lookups for index in CountingIndex.made)
    compared = sum(index.compared for index in CountingIndex.made)
    # 4 to 7 at every size; comparing with every label and mark would be hundreds.
    assert lookups >= persons
    assert compared / lookups < 12


# --- One layout for the page and for paper ------------------------------------------------


def test_the_svg_draws_every_person_where_the_page_draws_them() -> None:
    case = forty_case()
    view = ecogram_view(case, ViewKey(None, None, DAY, "nl"))
    root = ET.fromstring(ecogram_svg(case, DAY, lang="nl"))  # noqa: S314 - our own output
    ns = {"s": "http://www.w3.org/2000/svg"}

    drawn_at = {}
    for group in root.findall(".//s:g[@id='persons']/s:g", ns):
        shape = group[0]
        if shape.tag.endswith("circle"):
            x, y = float(shape.get("cx", "")), float(shape.get("cy", ""))
        else:
            x = float(shape.get("x", "")) + float(shape.get("width", "")) / 2
            y = float(shape.get("y", "")) + float(shape.get("height", "")) / 2
        drawn_at[len(drawn_at)] = (x, y)

    page = [view.position(person) for person in view.persons]
    assert len(drawn_at) == len(page) == 41
    for (x, y), (px, py) in zip(drawn_at.values(), page, strict=True):
        assert (x, y) == (
            pytest.approx(px * SPREAD, abs=0.06),
            pytest.approx(py * SPREAD, abs=0.06),
        )
