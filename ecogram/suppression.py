"""Small-cell suppression for reports that leave the network (DESIGN "Reports").

Pure functions, no I/O. Two shapes are covered:

- ``suppress_table``: a two-way table (rows such as regions or quarters x columns of
  counts) whose row totals, column totals and grand total are published too;
- ``suppress_counts``: a one-way breakdown (per role, per outcome) with its total.

Rules
-----
1. Primary suppression: every published number ``n`` with ``0 < n < k`` is hidden,
   cells and totals alike (a small total is as disclosive as a small cell).
2. Zeros are shown. A zero says "nobody", which identifies no one, and hiding zeros
   would blank out most sparse tables for no protection against subtraction.
3. Complementary suppression: a table is seen as lines, each an equation
   ``sum(members) == total`` (every row with its row total, every column with its
   column total, the row of column totals and the column of row totals, both with
   the grand total). A line with exactly one hidden number gives it away by
   subtraction, so such a line gets a second hidden number: the smallest shown
   non-zero member, else the smallest shown zero member, else its total. This is
   repeated until no line has exactly one hidden number (it always stops: each
   step hides one more number, and a fully hidden table satisfies the rule).
   Ties go to the earlier row/column, so the result is deterministic.

Known limit, plainly: this defends against recovery by subtraction within one
row or column, applied repeatedly (the common attack). It does NOT solve the full
problem: an attacker who combines several rows and columns at once (linear algebra,
e.g. a hidden cell that bridges two otherwise separate groups of hidden cells) or
who computes lower/upper bounds by linear programming (the interval attack) can
still pin down or narrow some hidden cells. Protecting against that needs an
optimisation-based suppression (e.g. tau-ARGUS style), which is out of scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DEFAULT_K = 5

Cell = tuple[str, str]


@dataclass(frozen=True)
class SuppressedTable:
    """A table as published: ``None`` marks a hidden number."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[Cell, int | None]
    row_totals: dict[str, int | None]
    column_totals: dict[str, int | None]
    grand_total: int | None

    @property
    def hidden_cells(self) -> frozenset[Cell]:
        return frozenset(key for key, value in self.cells.items() if value is None)


# A line is (member positions, total position) over a flat list of values.
_Line = tuple[list[int], int]


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")


def _is_small(value: int, k: int) -> bool:
    return 0 < value < k


def _complement(values: list[int], members: list[int], hidden: set[int]) -> int | None:
    shown = [m for m in members if m not in hidden]
    pool = [m for m in shown if values[m] > 0] or shown
    if not pool:
        return None
    return min(pool, key=lambda m: (values[m], m))


def _complete(values: list[int], lines: list[_Line], hidden: set[int]) -> None:
    """Add complementary hidden positions until no line has exactly one."""
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            count = sum(1 for m in members if m in hidden) + (total in hidden)
            if count != 1:
                continue
            pick = _complement(values, members, hidden)
            hidden.add(total if pick is None else pick)
            changed = True


def _order(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


def _earlier_hidden(
    earlier: SuppressedTable, rows: tuple[str, ...], columns: tuple[str, ...]
) -> set[int]:
    """Flat positions of what ``earlier`` hid; names no longer in the table drop out."""
    row_at = {row: i for i, row in enumerate(rows)}
    col_at = {column: j for j, column in enumerate(columns)}
    n_rows, n_cols = len(rows), len(columns)
    width = n_cols + 1
    hidden = {
        row_at[row] * width + col_at[column]
        for (row, column), value in earlier.cells.items()
        if value is None and row in row_at and column in col_at
    }
    hidden |= {
        row_at[row] * width + n_cols
        for row, value in earlier.row_totals.items()
        if value is None and row in row_at
    }
    hidden |= {
        n_rows * width + col_at[column]
        for column, value in earlier.column_totals.items()
        if value is None and column in col_at
    }
    if earlier.grand_total is None:
        hidden.add(n_rows * width + n_cols)
    return hidden


def suppress_table(
    cells: Mapping[Cell, int],
    k: int = DEFAULT_K,
    *,
    keep_hidden: SuppressedTable | None = None,
) -> SuppressedTable:
    """Suppress a rows x columns table of counts and its published totals.

    Rows and columns are taken from the keys in order of first appearance; a
    (row, column) pair that is absent counts as 0. ``keep_hidden`` is an earlier
    publication: whatever it hid (cells and totals, matched by name) stays hidden, so
    a new release cannot be differenced against it; suppressing again with the
    result as ``keep_hidden`` returns the same table.
    """
    _check_k(k)
    if any(count < 0 for count in cells.values()):
        raise ValueError("counts must not be negative")
    rows = _order(row for row, _ in cells)
    columns = _order(column for _, column in cells)
    n_rows, n_cols = len(rows), len(columns)
    width = n_cols + 1

    # Flat grid of (n_rows + 1) x (n_cols + 1): the last column holds row totals,
    # the last row column totals, the corner the grand total.
    values = [0] * ((n_rows + 1) * width)
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            count = cells.get((row, column), 0)
            values[i * width + j] = count
            values[i * width + n_cols] += count
            values[n_rows * width + j] += count
            values[n_rows * width + n_cols] += count

    hidden = {pos for pos, value in enumerate(values) if _is_small(value, k)}
    if keep_hidden is not None:
        hidden |= _earlier_hidden(keep_hidden, rows, columns)
    lines: list[_Line] = [
        ([i * width + j for j in range(n_cols)], i * width + n_cols) for i in range(n_rows + 1)
    ] + [([i * width + j for i in range(n_rows)], n_rows * width + j) for j in range(n_cols + 1)]
    _complete(values, lines, hidden)

    def shown(pos: int) -> int | None:
        return None if pos in hidden else values[pos]

    return SuppressedTable(
        rows=rows,
        columns=columns,
        cells={
            (row, column): shown(i * width + j)
            for i, row in enumerate(rows)
            for j, column in enumerate(columns)
        },
        row_totals={row: shown(i * width + n_cols) for i, row in enumerate(rows)},
        column_totals={column: shown(n_rows * width + j) for j, column in enumerate(columns)},
        grand_total=shown(n_rows * width + n_cols),
    )


def suppress_counts(
    counts: Mapping[str, int], total: int, k: int = DEFAULT_K
) -> tuple[dict[str, int | None], int | None]:
    """Suppress a one-way breakdown and its published total.

    The guarantee assumes ``total == sum(counts)``, the case where subtraction
    works; when the breakdown overlaps (a person with two roles) the same rules
    still apply, which only errs on the safe side.
    """
    _check_k(k)
    if total < 0 or any(count < 0 for count in counts.values()):
        raise ValueError("counts must not be negative")
    keys = list(counts)
    values = [counts[key] for key in keys] + [total]
    hidden = {pos for pos, value in enumerate(values) if _is_small(value, k)}
    _complete(values, [(list(range(len(keys))), len(keys))], hidden)
    shown = {key: None if pos in hidden else values[pos] for pos, key in enumerate(keys)}
    return shown, None if len(keys) in hidden else total
