"""The network overview: the figures beside the ecogram, computed once in the read model."""

from __future__ import annotations

import datetime as dt

from ecogram.models import Case
from ecogram.readmodel import ViewKey, ecogram_view
from ecogram.vocabulary import CandidateStatus, PersonKind, Sector, TieQuality
from tests.factories import make_case, make_parent, make_person, make_tie
from tests.forty import forty_case

DAY = dt.date(2026, 2, 1)


def small_case() -> Case:
    """The child, Sara, two in the family, one friend, one neighbour without a tie."""
    case = make_case()
    child = case.persons[0]
    sara = make_parent(case)  # family, ring 1
    jet = make_person(
        case, name="Oma Jet", kind=PersonKind.GRANDPARENT, sector=Sector.FAMILY, ring=1,
        candidate=CandidateStatus.ASSESSING,
    )  # fmt: skip
    make_person(
        case, name="Nonkel Koen", kind=PersonKind.AUNT_UNCLE, sector=Sector.FAMILY, ring=3,
        candidate=CandidateStatus.TO_EXPLORE,
    )  # fmt: skip
    lotte = make_person(case, name="Lotte", kind=PersonKind.FRIEND, sector=Sector.FRIENDS, ring=2)
    make_person(
        case, name="Buurman Ali", kind=PersonKind.NEIGHBOUR, sector=Sector.NEIGHBOURHOOD, ring=3
    )
    make_tie(case, jet, sara, quality=TieQuality.STRONG)
    make_tie(case, sara, child, quality=TieQuality.STRONG)
    make_tie(case, lotte, sara, quality=TieQuality.STRESSFUL)
    return case


def figures(case: Case, lang: str = "nl"):  # type: ignore[no-untyped-def]
    return ecogram_view(case, ViewKey(None, None, DAY, lang)).overview


def test_it_counts_persons_per_sector_and_ring_without_the_child() -> None:
    overview = figures(small_case())

    rows = {row.key: row.rings for row in overview.sectors}
    assert rows == {
        "family": (2, 0, 1),
        "friends": (0, 1, 0),
        "neighbourhood": (0, 0, 1),
        "childcare_school": (0, 0, 0),
        "professional": (0, 0, 0),
    }
    assert overview.ring_totals == (2, 1, 2)
    assert overview.mapped == 5 and overview.target == 40


def test_it_counts_candidates_per_status_in_the_vocabularys_order() -> None:
    overview = figures(small_case())

    assert [(c.key, c.count) for c in overview.candidates] == [
        ("none", 3),
        ("to_explore", 1),
        ("in_conversation", 0),
        ("assessing", 1),
        ("suitable", 0),
        ("not_suitable", 0),
        ("declined", 0),
    ]


def test_it_counts_every_tie_per_quality() -> None:
    overview = figures(small_case())

    assert {c.key: c.count for c in overview.qualities} == {
        "strong": 2,
        "normal": 0,
        "tenuous": 0,
        "stressful": 1,
        "conflict": 0,
    }
    assert overview.ties == 3


def test_a_person_without_any_tie_is_isolated_and_the_child_never_is() -> None:
    case = small_case()

    overview = figures(case)

    assert [p.name for p in overview.isolated] == ["Nonkel Koen", "Buurman Ali"]
    assert "Baby Noor" not in [p.name for p in figures(make_case()).isolated]


def test_its_words_come_in_the_language_of_the_view() -> None:
    dutch, english = figures(small_case(), "nl"), figures(small_case(), "en")

    assert dutch.sectors[0].label == "familie" and english.sectors[0].label == "family"
    assert dutch.qualities[0].label == "sterk" and english.qualities[0].label == "strong"


def test_the_forty_person_case_reaches_family_findings_target() -> None:
    overview = figures(forty_case())

    assert overview.mapped == overview.target == 40
    assert sum(row.total for row in overview.sectors) == 40
    assert sum(c.count for c in overview.candidates) == 40
