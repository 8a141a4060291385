"""Small-cell suppression: no count below k is shown and none can be recomputed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecogram.suppression import SuppressedTable, suppress_counts, suppress_table

# A line is a list of member entries plus its total entry; None = hidden.
Entry = int | None
Line = tuple[list[str], str]


def table_lines(table: SuppressedTable) -> tuple[dict[str, Entry], list[Line]]:
    """The published numbers by name and the equations sum(members) == total."""
    entries: dict[str, Entry] = {}
    for (row, column), value in table.cells.items():
        entries[f"cell:{row}:{column}"] = value
    for row, value in table.row_totals.items():
        entries[f"row:{row}"] = value
    for column, value in table.column_totals.items():
        entries[f"column:{column}"] = value
    entries["grand"] = table.grand_total
    lines: list[Line] = [
        ([f"cell:{row}:{column}" for column in table.columns], f"row:{row}") for row in table.rows
    ]
    lines += [
        ([f"cell:{row}:{column}" for row in table.rows], f"column:{column}")
        for column in table.columns
    ]
    lines.append(([f"row:{row}" for row in table.rows], "grand"))
    lines.append(([f"column:{column}" for column in table.columns], "grand"))
    return entries, lines


def attack(entries: dict[str, Entry], lines: list[Line]) -> dict[str, int]:
    """Recover hidden numbers by subtraction, repeatedly, until nothing new is learnt."""
    known = {name: value for name, value in entries.items() if value is not None}
    recovered: dict[str, int] = {}
    learnt = True
    while learnt:
        learnt = False
        for members, total in lines:
            unknown = [name for name in [*members, total] if name not in known]
            if len(unknown) != 1:
                continue
            (name,) = unknown
            others = sum(known[m] for m in members if m != name)
            value = others if name == total else known[total] - others
            known[name] = recovered[name] = value
            learnt = True
    return recovered


def counts_lines(shown: dict[str, Entry], total: Entry) -> tuple[dict[str, Entry], list[Line]]:
    entries: dict[str, Entry] = {f"count:{key}": value for key, value in shown.items()}
    entries["total"] = total
    return entries, [([f"count:{key}" for key in shown], "total")]


@st.composite
def tables(draw: st.DrawFn, high: int = 30) -> dict[tuple[str, str], int]:
    n_rows = draw(st.integers(2, 6))
    n_cols = draw(st.integers(2, 6))
    counts = st.integers(0, high)
    return {(f"r{i}", f"c{j}"): draw(counts) for i in range(n_rows) for j in range(n_cols)}


breakdowns = st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e", "f"]), st.integers(0, 30))
ks = st.integers(2, 10)


def original_values(cells: dict[tuple[str, str], int]) -> dict[str, int]:
    full = suppress_table(cells, k=1)  # k = 1 hides nothing: the true numbers
    entries, _ = table_lines(full)
    return {name: value for name, value in entries.items() if value is not None}


# --- tables -------------------------------------------------------------------------


@given(tables(), ks)
def test_no_shown_cell_or_total_is_between_zero_and_k(
    cells: dict[tuple[str, str], int], k: int
) -> None:
    entries, _ = table_lines(suppress_table(cells, k))
    assert not [v for v in entries.values() if v is not None and 0 < v < k]


@given(tables(), ks)
def test_every_row_and_column_has_no_hidden_number_or_at_least_two(
    cells: dict[tuple[str, str], int], k: int
) -> None:
    entries, lines = table_lines(suppress_table(cells, k))
    for members, total in lines:
        hidden = [name for name in [*members, total] if entries[name] is None]
        assert len(hidden) != 1, (members, total)


@given(tables(), ks)
def test_no_hidden_cell_or_total_can_be_recomputed_by_subtraction(
    cells: dict[tuple[str, str], int], k: int
) -> None:
    entries, lines = table_lines(suppress_table(cells, k))
    assert attack(entries, lines) == {}


@given(tables(), ks)
def test_shown_numbers_are_the_true_numbers(cells: dict[tuple[str, str], int], k: int) -> None:
    entries, _ = table_lines(suppress_table(cells, k))
    truth = original_values(cells)
    assert all(value == truth[name] for name, value in entries.items() if value is not None)


@given(tables(), ks)
def test_suppressing_again_keeping_the_hidden_numbers_changes_nothing(
    cells: dict[tuple[str, str], int], k: int
) -> None:
    first = suppress_table(cells, k)
    assert suppress_table(cells, k) == first
    assert suppress_table(cells, k, keep_hidden=first) == first


@given(tables(), ks)
def test_nothing_is_hidden_when_no_count_is_small(
    cells: dict[tuple[str, str], int], k: int
) -> None:
    large = {key: 0 if count < k else count for key, count in cells.items()}
    entries, _ = table_lines(suppress_table(large, k))
    assert None not in entries.values()


# --- one-way breakdowns -------------------------------------------------------------


@given(breakdowns, ks)
def test_no_shown_count_or_total_in_a_breakdown_is_between_zero_and_k(
    counts: dict[str, int], k: int
) -> None:
    shown, total = suppress_counts(counts, sum(counts.values()), k)
    assert not [v for v in [*shown.values(), total] if v is not None and 0 < v < k]


@given(breakdowns, ks)
def test_no_hidden_count_in_a_breakdown_can_be_recomputed_from_the_total(
    counts: dict[str, int], k: int
) -> None:
    shown, total = suppress_counts(counts, sum(counts.values()), k)
    entries, lines = counts_lines(shown, total)
    assert sum(value is None for value in entries.values()) != 1
    assert attack(entries, lines) == {}
    assert all(shown[key] in (None, counts[key]) for key in counts)


@given(breakdowns, ks)
def test_a_breakdown_is_suppressed_the_same_way_every_time(counts: dict[str, int], k: int) -> None:
    total = sum(counts.values())
    assert suppress_counts(counts, total, k) == suppress_counts(counts, total, k)


@given(breakdowns, ks)
def test_nothing_is_hidden_in_a_breakdown_without_small_counts(
    counts: dict[str, int], k: int
) -> None:
    large = {key: 0 if count < k else count for key, count in counts.items()}
    shown, total = suppress_counts(large, sum(large.values()), k)
    assert shown == large
    assert total == sum(large.values())


# --- worked examples, reasoned by hand ----------------------------------------------


def test_a_small_cell_gets_complements_in_its_row_and_columns() -> None:
    # N: 3 10 12 | 25    3 < 5 is hidden; row N then needs its next smallest (10);
    # S: 8  9 20 | 37    columns a and b each need one more: 8 and 9; row S has two.
    cells = {("N", "a"): 3, ("N", "b"): 10, ("N", "c"): 12}
    cells |= {("S", "a"): 8, ("S", "b"): 9, ("S", "c"): 20}
    table = suppress_table(cells)
    assert table.cells == {
        ("N", "a"): None,
        ("N", "b"): None,
        ("N", "c"): 12,
        ("S", "a"): None,
        ("S", "b"): None,
        ("S", "c"): 20,
    }
    assert table.row_totals == {"N": 25, "S": 37}
    assert table.column_totals == {"a": 11, "b": 19, "c": 32}
    assert table.grand_total == 62


def test_a_small_row_total_is_hidden_and_protected_in_the_column_of_totals() -> None:
    # Q1: 0 2 | 2     2 and its total 2 are small; zero stays shown.
    # Q2: 7 6 | 13    column y needs a second hidden cell (6); the row totals
    #     7 8 | 15    column needs a second hidden total (13).
    cells = {("Q1", "x"): 0, ("Q1", "y"): 2, ("Q2", "x"): 7, ("Q2", "y"): 6}
    table = suppress_table(cells)
    assert table.cells == {("Q1", "x"): 0, ("Q1", "y"): None, ("Q2", "x"): 7, ("Q2", "y"): None}
    assert table.row_totals == {"Q1": None, "Q2": None}
    assert table.column_totals == {"x": 7, "y": 8}
    assert table.grand_total == 15


def test_a_table_without_small_cells_is_shown_whole() -> None:
    cells = {("r", "a"): 5, ("r", "b"): 0, ("s", "a"): 6, ("s", "b"): 9}
    table = suppress_table(cells)
    assert table.hidden_cells == frozenset()
    assert (table.row_totals, table.column_totals, table.grand_total) == (
        {"r": 5, "s": 15},
        {"a": 11, "b": 9},
        20,
    )


def test_a_cell_hidden_in_an_earlier_release_stays_hidden_with_a_complement() -> None:
    # Earlier r/a was 3 and hidden with r/b; now r/a is 6, but showing it would let
    # the two releases be differenced. r/b (10) and s/a, s/b come along as before.
    earlier = suppress_table({("r", "a"): 3, ("r", "b"): 10, ("s", "a"): 8, ("s", "b"): 9})
    assert earlier.hidden_cells == {("r", "a"), ("r", "b"), ("s", "a"), ("s", "b")}
    now = suppress_table(
        {("r", "a"): 6, ("r", "b"): 10, ("s", "a"): 8, ("s", "b"): 9, ("t", "a"): 7},
        keep_hidden=earlier,
    )
    assert now.hidden_cells == {("r", "a"), ("r", "b"), ("s", "a"), ("s", "b")}
    assert now.row_totals == {"r": 16, "s": 17, "t": 7}


def test_an_absent_cell_counts_as_zero() -> None:
    table = suppress_table({("r", "a"): 6, ("s", "b"): 7})
    assert table.cells[("r", "b")] == 0
    assert table.grand_total == 13


def test_a_single_small_count_is_hidden_with_the_next_smallest() -> None:
    shown, total = suppress_counts({"anchor": 3, "buddy": 12, "host": 7}, 22)
    assert shown == {"anchor": None, "buddy": 12, "host": None}
    assert total == 22


def test_a_small_total_is_hidden_with_its_only_count() -> None:
    assert suppress_counts({"anchor": 2}, 2) == ({"anchor": None}, None)


def test_a_small_count_and_small_total_already_protect_each_other() -> None:
    assert suppress_counts({"a": 3, "b": 0}, 3) == ({"a": None, "b": 0}, None)


def test_the_attacker_recovers_a_cell_hidden_without_complements() -> None:
    # Guards the property tests: the attacker must find a lone hidden cell.
    leaky = SuppressedTable(
        rows=("r", "s"),
        columns=("a", "b"),
        cells={("r", "a"): None, ("r", "b"): 10, ("s", "a"): 8, ("s", "b"): 9},
        row_totals={"r": 13, "s": 17},
        column_totals={"a": 11, "b": 19},
        grand_total=30,
    )
    assert attack(*table_lines(leaky)) == {"cell:r:a": 3}


@pytest.mark.parametrize("k", [0, -1])
def test_it_refuses_a_k_below_one(k: int) -> None:
    with pytest.raises(ValueError, match="k must be at least 1"):
        suppress_table({("r", "a"): 1}, k)
    with pytest.raises(ValueError, match="k must be at least 1"):
        suppress_counts({"a": 1}, 1, k)


def test_it_refuses_negative_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress_table({("r", "a"): -1})
    with pytest.raises(ValueError, match="negative"):
        suppress_counts({"a": -1}, 0)
