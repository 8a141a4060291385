"""The IMH checklist: the role matrix cell by cell, the reason per item, the anchor bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecogram.imh_checklist import (
    ROLE_COLUMNS,
    ROLE_MATRIX,
    Item,
    Rating,
    Requirement,
    Severity,
    Verdict,
    anchor_shortfalls,
    evaluate_all_roles,
    evaluate_role,
    requirement,
)
from ecogram.vocabulary import Role

S, A, C, U = Rating.STRENGTH, Rating.ADEQUATE, Rating.CONCERN, Rating.UNKNOWN

DOMAIN_DOC = Path(__file__).resolve().parents[1] / "docs" / "domain.md"


def domain_table() -> list[list[str]]:
    """The rows of docs/domain.md's "Minimum rating per role" table, item first."""
    text = DOMAIN_DOC.read_text("utf-8").split("### Minimum rating per role", 1)[1]
    rows = [line.strip().strip("|").split("|") for line in text.splitlines()]
    items = {item.value for item in Item}
    return [[cell.strip() for cell in row] for row in rows if row[0].strip() in items]


def _parse(cell: str) -> Requirement | None:
    words = cell.split()
    if words == ["–"]:
        return None
    return Requirement(Rating(words[0]), knockout=words[1:] == ["K"])


def _cells(
    *, knockout: bool | None = None, optional: bool = False
) -> list[tuple[Item, Role, Requirement | None]]:
    cells = [(item, role, requirement(item, role)) for item in Item for role in ROLE_COLUMNS]
    if optional:
        return [cell for cell in cells if cell[2] is None]
    return [cell for cell in cells if cell[2] is not None and cell[2].knockout is knockout]


def _judge(item: Item, role: Role, rating: Rating) -> Verdict:
    ratings = {other: S for other in Item} | {item: rating}
    return next(v for v in evaluate_role(ratings, role).items if v.item is item).verdict


def _id(cell: tuple[Item, Role, Requirement | None]) -> str:
    return f"{cell[0].value}-{cell[1].value}"


def test_the_role_matrix_is_the_table_of_the_domain_document() -> None:
    rows = domain_table()
    assert len(rows) == len(Item)
    table = {Item(row[0]): tuple(_parse(cell) for cell in row[1:]) for row in rows}
    assert table == ROLE_MATRIX
    assert list(ROLE_COLUMNS) == list(Role)


def test_the_roles_are_ordered_from_lightest_to_heaviest() -> None:
    assert [role.rank for role in Role] == list(range(6))
    assert Role.BUDDY.rank < Role.PLAY_FAMILY.rank < Role.KINSHIP_FOSTER_CARE.rank


@pytest.mark.parametrize("cell", _cells(knockout=True), ids=_id)
def test_a_knockout_item_rated_concern_or_unknown_is_an_error(
    cell: tuple[Item, Role, Requirement],
) -> None:
    item, role, _ = cell
    assert _judge(item, role, C) is Verdict.KNOCKOUT
    assert _judge(item, role, U) is Verdict.KNOCKOUT


@pytest.mark.parametrize("cell", _cells(knockout=True), ids=_id)
def test_a_knockout_item_rated_adequate_errors_only_where_strength_is_required(
    cell: tuple[Item, Role, Requirement],
) -> None:
    item, role, req = cell
    expected = Verdict.KNOCKOUT if req.minimum is S else Verdict.MET
    assert _judge(item, role, A) is expected
    assert _judge(item, role, S) is Verdict.MET


@pytest.mark.parametrize("cell", _cells(knockout=False), ids=_id)
def test_a_non_knockout_item_warns_below_its_minimum_and_when_unknown(
    cell: tuple[Item, Role, Requirement],
) -> None:
    item, role, req = cell
    assert req.minimum is A  # every non-knock-out cell asks for A, so only C falls below it
    assert _judge(item, role, C) is Verdict.BELOW_MINIMUM
    assert _judge(item, role, U) is Verdict.BELOW_MINIMUM
    assert _judge(item, role, A) is Verdict.MET
    assert _judge(item, role, S) is Verdict.MET


@pytest.mark.parametrize("cell", _cells(optional=True), ids=_id)
def test_an_optional_item_never_complains(cell: tuple[Item, Role, None]) -> None:
    item, role, _ = cell
    assert {_judge(item, role, rating) for rating in Rating} == {Verdict.OPTIONAL}


def test_evaluate_role_gives_a_reason_for_every_item_in_checklist_order() -> None:
    ratings = {Item.SENSITIVITY: C, Item.SECURE_BASE: U, Item.MENTALIZING: C}
    verdict = evaluate_role(ratings, Role.RESPITE)
    assert [v.item for v in verdict.items] == list(Item)
    by_item = {v.item: v for v in verdict.items}
    assert by_item[Item.SENSITIVITY].rating is C
    assert by_item[Item.SENSITIVITY].requirement == Requirement(A, knockout=True)
    assert by_item[Item.SENSITIVITY].verdict is Verdict.KNOCKOUT
    assert by_item[Item.SENSITIVITY].severity is Severity.ERROR
    assert by_item[Item.MENTALIZING].verdict is Verdict.BELOW_MINIMUM
    assert by_item[Item.MENTALIZING].severity is Severity.WARNING
    # An item missing from the ratings counts as unknown.
    assert by_item[Item.OWN_NETWORK].rating is U
    assert by_item[Item.OWN_NETWORK].verdict is Verdict.BELOW_MINIMUM


def test_a_person_strong_on_every_item_qualifies_for_every_role() -> None:
    verdicts = evaluate_all_roles({item: S for item in Item})
    assert [v.role for v in verdicts] == list(Role)
    assert all(v.qualifies and not v.below_minimum for v in verdicts)
    assert all(iv.severity is None for v in verdicts for iv in v.items)


def test_a_role_with_a_knockout_does_not_qualify_and_lists_it() -> None:
    verdict = evaluate_role({item: S for item in Item} | {Item.PROTECTION: C}, Role.BUDDY)
    assert not verdict.qualifies
    assert [v.item for v in verdict.knockouts] == [Item.PROTECTION]


def test_a_role_with_only_warnings_still_qualifies() -> None:
    verdict = evaluate_role({item: S for item in Item} | {Item.WITH_SERVICES: C}, Role.BUDDY)
    assert verdict.qualifies
    assert [v.item for v in verdict.below_minimum] == [Item.WITH_SERVICES]


def test_an_anchor_strong_everywhere_has_no_shortfalls() -> None:
    assert anchor_shortfalls({item: S for item in Item}) == ()


def test_an_anchor_needs_strength_on_the_four_bonding_items() -> None:
    ratings = {item: A for item in Item}
    assert anchor_shortfalls(ratings) == (
        Item.SENSITIVITY,
        Item.SAFE_HAVEN,
        Item.COMMITMENT,
        Item.AVAILABILITY,
    )


def test_an_anchor_may_have_no_concern_on_any_item() -> None:
    ratings = {item: S for item in Item} | {Item.OWN_NETWORK: C}
    assert anchor_shortfalls(ratings) == (Item.OWN_NETWORK,)


def test_an_anchor_may_have_no_unknown_on_a_full_time_stay_knockout_item() -> None:
    ratings = {item: S for item in Item if item is not Item.RECORD_CHECKS}
    assert anchor_shortfalls(ratings) == (Item.RECORD_CHECKS,)


def test_an_unassessed_anchor_falls_short_on_every_item() -> None:
    assert anchor_shortfalls({}) == tuple(Item)
