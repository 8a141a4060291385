"""The context graph: building it as of a date, its analytics, and the ecogram layout."""

from __future__ import annotations

import math
import random
from itertools import pairwise

import pytest

from ecogram.graph import (
    Layout,
    build_graph,
    empty_sectors,
    family_ties,
    informal_ties,
    layout,
    persons_mapped,
    persons_per_sector,
    unexplored_strong_ties,
)
from ecogram.models import Case
from ecogram.vocabulary import (
    CandidateStatus,
    Flow,
    PersonKind,
    Role,
    Sector,
    Support,
    TieQuality,
)
from tests.factories import d, make_anchor, make_case, make_parent, make_person, make_role, make_tie

# --- build_graph -------------------------------------------------------------------------


def test_it_makes_one_node_per_person_keyed_by_ref_with_plain_values() -> None:
    case = make_case()
    sara = make_parent(case)
    jet = make_person(
        case,
        name="Oma Jet",
        kind=PersonKind.GRANDPARENT,
        sector=Sector.FAMILY,
        ring=1,
        candidate=CandidateStatus.ASSESSING,
    )
    case.trusted_person = jet

    graph = build_graph(case)

    assert list(graph.nodes) == ["child", sara.ref, jet.ref]
    assert graph.graph["case"] == "c1"
    assert graph.nodes[jet.ref] == {
        "name": "Oma Jet",
        "kind": "grandparent",
        "sector": "family",
        "ring": 1,
        "household": "",
        "candidate": "assessing",
        "is_child": False,
        "is_parent": False,
        "is_anchor": False,
        "is_trusted": True,
        "roles": [],
    }
    assert graph.nodes[sara.ref]["household"] == "home"
    assert graph.nodes[sara.ref]["is_parent"] is True
    assert graph.nodes["child"]["is_child"] is True
    assert graph.nodes["child"]["is_trusted"] is False


def test_it_does_not_count_the_partner_of_a_parent_as_a_parent() -> None:
    case = make_case()
    partner = make_person(case, kind=PersonKind.PARTNER_OF_PARENT, sector=Sector.FAMILY)

    assert build_graph(case).nodes[partner.ref]["is_parent"] is False


def test_it_keeps_the_direction_quality_flow_and_support_of_a_tie() -> None:
    case = make_case()
    sara = make_parent(case)
    jet = make_person(case, kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY)
    make_tie(
        case,
        jet,
        sara,
        quality=TieQuality.STRONG,
        flow=Flow.FORWARD,
        support=[Support.CHILDCARE.value, Support.EMOTIONAL.value],
    )

    graph = build_graph(case)

    assert graph.edges[sara.ref, jet.ref] == {
        "quality": "strong",
        "flow": "forward",
        "support": ["childcare", "emotional"],
        "source": jet.ref,
        "target": sara.ref,
        "bond": "family",
    }


def test_it_keeps_family_ties_apart_from_informal_ties() -> None:
    case = make_case()
    sara = make_parent(case)
    jet = make_person(case, kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY)
    lies = make_person(case, kind=PersonKind.FRIEND)
    ann = make_person(case, kind=PersonKind.NEIGHBOUR, sector=Sector.NEIGHBOURHOOD)
    make_tie(case, sara, case.persons[0])
    make_tie(case, jet, sara)
    make_tie(case, lies, sara)
    make_tie(case, ann, lies)

    graph = build_graph(case)

    assert {frozenset(e) for e in family_ties(graph).edges} == {
        frozenset({"child", sara.ref}),
        frozenset({jet.ref, sara.ref}),
    }
    assert {frozenset(e) for e in informal_ties(graph).edges} == {
        frozenset({lies.ref, sara.ref}),
        frozenset({ann.ref, lies.ref}),
    }
    assert graph.edges[lies.ref, sara.ref]["bond"] == "informal"


def test_it_keeps_the_strongest_of_two_ties_between_the_same_persons() -> None:
    case = make_case()
    sara = make_parent(case)
    lies = make_person(case)
    make_tie(case, sara, lies, quality=TieQuality.CONFLICT)
    make_tie(case, lies, sara, quality=TieQuality.STRONG, flow=Flow.BACK)

    graph = build_graph(case)

    assert graph.number_of_edges() == 1
    edge = graph.edges[sara.ref, lies.ref]
    assert (edge["quality"], edge["source"], edge["flow"]) == ("strong", lies.ref, "back")


def test_it_refuses_a_tie_to_a_person_outside_the_case() -> None:
    case = make_case()
    stranger = make_person(make_case(ref="c2"), ref="x9")
    make_tie(case, case.persons[0], stranger)

    with pytest.raises(ValueError, match="x9"):
        build_graph(case)


# --- As of a date ------------------------------------------------------------------------


def _roles_on(case: Case, ref: str, day: str | None) -> list[str]:
    roles: list[str] = build_graph(case, None if day is None else d(day)).nodes[ref]["roles"]
    return roles


def test_a_role_is_active_from_its_start_day_until_the_day_before_its_end() -> None:
    case = make_case()
    jet = make_person(case, kind=PersonKind.GRANDPARENT)
    make_role(jet, Role.RESPITE, start=d("2026-02-01"), end=d("2026-03-01"))

    assert _roles_on(case, jet.ref, "2026-01-31") == []
    assert _roles_on(case, jet.ref, "2026-02-01") == ["respite"]
    assert _roles_on(case, jet.ref, "2026-02-28") == ["respite"]
    assert _roles_on(case, jet.ref, "2026-03-01") == []


def test_roles_are_listed_once_each_along_the_continuum() -> None:
    case = make_case()
    jet = make_person(case, kind=PersonKind.GRANDPARENT)
    make_role(jet, Role.PART_TIME_STAY)
    make_role(jet, Role.BUDDY)
    make_role(jet, Role.BUDDY, start=d("2026-01-10"))

    assert _roles_on(case, jet.ref, "2026-02-01") == ["buddy", "part_time_stay"]


def test_without_a_date_only_open_ended_roles_count() -> None:
    case = make_case()
    jet = make_person(case, kind=PersonKind.GRANDPARENT)
    make_role(jet, Role.BUDDY, end=d("2026-02-01"))
    make_role(jet, Role.RESPITE, start=d("2026-02-01"))

    assert _roles_on(case, jet.ref, None) == ["respite"]


def test_the_anchor_changes_on_the_hand_over_day_and_never_doubles() -> None:
    case = make_case()
    sara = make_parent(case)
    jet = make_person(case, kind=PersonKind.GRANDPARENT)
    make_anchor(case, sara, start=d("2026-01-05"), end=d("2026-03-01"))
    make_anchor(case, jet, start=d("2026-03-01"))

    def anchors(day: str | None) -> list[str]:
        graph = build_graph(case, None if day is None else d(day))
        return [ref for ref, is_anchor in graph.nodes(data="is_anchor") if is_anchor]

    assert anchors("2026-01-04") == []
    assert anchors("2026-01-05") == [sara.ref]
    assert anchors("2026-02-28") == [sara.ref]
    assert anchors("2026-03-01") == [jet.ref]
    assert anchors(None) == [jet.ref]


def test_it_records_the_date_the_graph_stands_at() -> None:
    assert build_graph(make_case(), d("2026-02-01")).graph["at"] == "2026-02-01"
    assert "at" not in build_graph(make_case()).graph


# --- Analytics ---------------------------------------------------------------------------


def test_it_counts_persons_per_sector_without_the_child() -> None:
    case = make_case()
    make_parent(case)
    make_person(case, sector=Sector.FRIENDS)
    make_person(case, sector=Sector.FRIENDS)
    graph = build_graph(case)

    assert persons_per_sector(graph) == {
        Sector.FAMILY: 1,
        Sector.FRIENDS: 2,
        Sector.NEIGHBOURHOOD: 0,
        Sector.CHILDCARE_SCHOOL: 0,
        Sector.PROFESSIONAL: 0,
    }
    assert persons_mapped(graph) == 3
    assert empty_sectors(graph) == [
        Sector.NEIGHBOURHOOD,
        Sector.CHILDCARE_SCHOOL,
        Sector.PROFESSIONAL,
    ]


def test_a_case_with_only_the_child_maps_nobody_and_has_every_sector_empty() -> None:
    graph = build_graph(make_case())

    assert persons_mapped(graph) == 0
    assert empty_sectors(graph) == list(Sector)


def test_it_finds_unexplored_strong_ties_to_the_child_or_a_parent_in_person_order() -> None:
    case = make_case()
    child = case.persons[0]
    sara = make_parent(case)
    lies = make_person(case, kind=PersonKind.FRIEND)
    jet = make_person(case, kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY)
    partner = make_person(case, kind=PersonKind.PARTNER_OF_PARENT, sector=Sector.FAMILY)
    make_tie(case, jet, child, quality=TieQuality.STRONG)
    make_tie(case, sara, lies, quality=TieQuality.STRONG)  # the direction does not matter
    make_tie(case, partner, sara, quality=TieQuality.STRONG)

    assert unexplored_strong_ties(build_graph(case)) == [lies.ref, jet.ref, partner.ref]


def test_it_leaves_out_parents_professionals_candidates_and_weaker_ties() -> None:
    case = make_case()
    child = case.persons[0]
    sara = make_parent(case)
    tom = make_parent(case, name="Tom")
    nurse = make_person(case, kind=PersonKind.PROFESSIONAL, sector=Sector.PROFESSIONAL)
    explored = make_person(case, candidate=CandidateStatus.TO_EXPLORE)
    declined = make_person(case, candidate=CandidateStatus.DECLINED)
    normal = make_person(case)
    for person in (sara, nurse, explored, declined):
        make_tie(case, person, child, quality=TieQuality.STRONG)
    make_tie(case, tom, sara, quality=TieQuality.STRONG)
    make_tie(case, normal, sara, quality=TieQuality.NORMAL)
    make_tie(case, normal, child, quality=TieQuality.CONFLICT)

    assert unexplored_strong_ties(build_graph(case)) == []


def test_a_strong_tie_between_two_non_parents_does_not_count() -> None:
    case = make_case()
    jet = make_person(case, kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY)
    partner = make_person(case, kind=PersonKind.PARTNER_OF_PARENT, sector=Sector.FAMILY)
    lies = make_person(case)
    make_tie(case, jet, lies, quality=TieQuality.STRONG)
    make_tie(case, lies, partner, quality=TieQuality.STRONG)

    assert unexplored_strong_ties(build_graph(case)) == []


# --- Layout ------------------------------------------------------------------------------

Spec = tuple[str, Sector, int]


def _case_of(specs: list[Spec]) -> Case:
    case = make_case()
    for ref, sector, ring in specs:
        make_person(case, ref=ref, sector=sector, ring=ring)
    return case


def _one_cell(n: int) -> list[Spec]:
    return [(f"p{i}", Sector.FRIENDS, 2) for i in range(1, n + 1)]


def _spread(n: int, seed: int) -> list[Spec]:
    # Seeded, not secret: the same "random" network on every run.
    rnd = random.Random(seed)  # noqa: S311
    return [(f"p{i}", rnd.choice(list(Sector)), rnd.randint(1, 3)) for i in range(1, n + 1)]


def _every_cell_crowded(per_cell: int) -> list[Spec]:
    return [
        (f"{sector.value}-{ring}-{i}", sector, ring)
        for sector in Sector
        for ring in (1, 2, 3)
        for i in range(per_cell)
    ]


DISTRIBUTIONS = {
    "300 in one cell": _one_cell(300),
    "300 spread at random": _spread(300, seed=7),
    "300 spread at random, another seed": _spread(300, seed=2026),
    "600 crowding every cell": _every_cell_crowded(40),
    "3000 in one cell": _one_cell(3000),
    "3000 spread at random": _spread(3000, seed=11),
}


def _closest_pair(points: list[tuple[float, float]], limit: float) -> float:
    """The smallest distance below `limit` (or `limit`), by a sweep along x."""
    ordered = sorted(points)
    best = limit
    for i, (x, y) in enumerate(ordered):
        for x2, y2 in ordered[i + 1 :]:
            if x2 - x >= best:
                break
            best = min(best, math.hypot(x2 - x, y2 - y))
    return best


def _clockwise_from_top(x: float, y: float) -> float:
    return math.degrees(math.atan2(x, -y)) % 360


@pytest.fixture(params=list(DISTRIBUTIONS), scope="module")
def laid_out(request: pytest.FixtureRequest) -> tuple[Case, Layout]:
    case = _case_of(DISTRIBUTIONS[request.param])
    return case, layout(case)


def test_no_two_persons_are_closer_than_the_minimum_distance(
    laid_out: tuple[Case, Layout],
) -> None:
    case, result = laid_out
    points = list(result.positions.values())

    assert len(points) == len(case.persons)
    assert _closest_pair(points, result.min_distance) >= result.min_distance


def test_the_child_sits_at_the_origin(laid_out: tuple[Case, Layout]) -> None:
    _, result = laid_out

    assert result.positions["child"] == (0.0, 0.0)


def test_each_person_lies_in_their_sector_slice_and_ring_band(
    laid_out: tuple[Case, Layout],
) -> None:
    case, result = laid_out
    for person in case.persons[1:]:
        x, y = result.positions[person.ref]
        start, end = result.sector_angles[person.sector]
        inner, outer = result.ring_radii[person.ring]
        assert start <= _clockwise_from_top(x, y) <= end, person.ref
        assert inner <= math.hypot(x, y) <= outer, person.ref


def test_ring_bands_grow_outwards_without_overlapping(laid_out: tuple[Case, Layout]) -> None:
    _, result = laid_out
    bands = [result.ring_radii[ring] for ring in (1, 2, 3)]

    assert all(inner < outer for inner, outer in bands)
    assert all(a[1] < b[0] for a, b in pairwise(bands))
    assert result.radius == bands[-1][1]


def test_positions_are_rounded_to_a_tenth(laid_out: tuple[Case, Layout]) -> None:
    _, result = laid_out
    for x, y in result.positions.values():
        assert (round(x, 1), round(y, 1)) == (x, y)


def test_sectors_slice_the_circle_clockwise_from_the_top_in_sector_order() -> None:
    result = layout(make_case())

    assert list(result.sector_angles) == list(Sector)
    assert result.sector_angles[Sector.FAMILY] == (0.0, 72.0)
    assert result.sector_angles[Sector.PROFESSIONAL] == (288.0, 360.0)


def test_a_lone_person_sits_in_the_middle_of_their_sectors_slice() -> None:
    case = _case_of([("p1", Sector.FAMILY, 1), ("p2", Sector.NEIGHBOURHOOD, 1)])

    result = layout(case)

    # Two persons in two sectors: each of those gets 30 + 210 / 2 = 135 degrees, the
    # three empty sectors 30 each: family 0-135, friends 135-165, neighbourhood 165-300.
    assert _clockwise_from_top(*result.positions["p1"]) == pytest.approx(67.5, abs=0.1)
    assert _clockwise_from_top(*result.positions["p2"]) == pytest.approx(232.5, abs=0.1)


def test_an_empty_case_still_gets_three_ring_bands() -> None:
    result = layout(make_case())

    assert sorted(result.ring_radii) == [1, 2, 3]
    assert result.positions == {"child": (0.0, 0.0)}


def test_the_same_case_gives_the_same_positions_on_every_run() -> None:
    specs = _spread(300, seed=3)

    assert layout(_case_of(specs)) == layout(_case_of(specs))


def test_the_order_persons_were_entered_in_does_not_move_anyone() -> None:
    specs = _spread(300, seed=5)
    shuffled = specs.copy()
    random.Random(1).shuffle(shuffled)  # noqa: S311

    assert layout(_case_of(shuffled)).positions == layout(_case_of(specs)).positions


def test_a_cell_is_ordered_by_natural_sort_of_ref() -> None:
    result = layout(_case_of([("p10", Sector.FRIENDS, 1), ("p2", Sector.FRIENDS, 1)]))

    angle = {ref: _clockwise_from_top(*result.positions[ref]) for ref in ("p2", "p10")}
    assert angle["p2"] < angle["p10"]


def test_a_graph_and_its_case_lay_out_the_same() -> None:
    case = _case_of(_spread(100, seed=9))

    assert layout(build_graph(case, d("2026-02-01"))) == layout(case)


def test_it_refuses_a_minimum_distance_that_is_not_positive() -> None:
    with pytest.raises(ValueError, match="min_distance"):
        layout(make_case(), min_distance=0)
