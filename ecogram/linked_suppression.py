"""Small-cell suppression over linked tables: many equations sharing their numbers.

Subtraction along the rows and columns of one table is the common attack. A
report is several tables tied together (the funnel's `care_tables =
budget_deployments + regular_starts` in every region and quarter, the regions and
the quarters both summing to the same totals), and an attacker may combine all of
those equations at once. So here the attacker is the whole of linear algebra:

- every published number is shown or hidden; an *implicit* number (such as the
  referrals without a care table, `referrals - care_tables`) is never published
  but is a count of children too, so it is protected like a hidden one when small;
- a number is *determined* when the equations, with the shown numbers filled in,
  leave it only one possible value. That is exactly when its unit vector lies in
  the row space of the equations restricted to the unknowns, which exact Gaussian
  elimination (fractions, no rounding) decides;
- one integer shortcut is closed too: a line whose hidden members must add up to
  no more than their number leaves each at most 1, and hidden cells are seldom 0.

Complements are added one at a time until no protected number is determined. It
stops: each step hides one more number, and with every non-zero number hidden the
equations are homogeneous, so no non-zero number is determined.

Still out of reach (see docs/report.md): bounds by linear programming (an
interval around a hidden cell, not its value) and differences between releases.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Line:
    """An equation `sum(members) == total` over named numbers."""

    members: tuple[str, ...]
    total: str

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.members, self.total)


def determined(unknowns: Iterable[str], lines: Sequence[Line]) -> set[str]:
    """The unknowns the lines pin down, whatever the known numbers are."""
    unknown = set(unknowns)
    # Reduced row echelon form, kept fully reduced: pivot name -> row with coefficient 1
    # at the pivot and no other pivot name in it.
    pivots: dict[str, dict[str, Fraction]] = {}
    for line in lines:
        row: dict[str, Fraction] = {}
        for name, sign in [(m, 1) for m in line.members] + [(line.total, -1)]:
            if name in unknown:
                row[name] = row.get(name, Fraction(0)) + sign
        row = {name: c for name, c in row.items() if c}
        for name in [n for n in row if n in pivots]:
            _add(row, pivots[name], -row[name])
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {name: c / scale for name, c in row.items()}
        for other in pivots.values():
            if pivot in other:
                _add(other, row, -other[pivot])
        pivots[pivot] = row
    return {name for name, row in pivots.items() if len(row) == 1}


def _add(row: dict[str, Fraction], other: Mapping[str, Fraction], factor: Fraction) -> None:
    for name, c in other.items():
        value = row.get(name, Fraction(0)) + factor * c
        if value:
            row[name] = value
        else:
            row.pop(name, None)


def exposed(
    values: Mapping[str, int],
    lines: Sequence[Line],
    hidden: Collection[str],
    implicit: Collection[str],
    k: int,
) -> list[str]:
    """Protected numbers an attacker can pin down, in the order of `values`.

    Protected: every hidden number and every small (0 < n < k) implicit one.
    """
    unknown = set(hidden) | set(implicit)
    protected = set(hidden) | {n for n in implicit if 0 < values[n] < k}
    found = determined(unknown, lines) & protected
    for line in lines:
        if line.total in unknown or any(m in implicit for m in line.members):
            continue
        secret = [m for m in line.members if m in unknown]
        # All hidden cells >= 1 with a sum of at most their number: each is 1.
        if secret and sum(values[m] for m in secret) <= len(secret):
            found.update(m for m in secret if m in protected)
    return [name for name in values if name in found]


def suppress_linked(
    values: Mapping[str, int],
    lines: Sequence[Line],
    k: int,
    *,
    implicit: Collection[str] = (),
    public: Collection[str] = (),
) -> frozenset[str]:
    """The published numbers to hide so no count below k shows or can be recomputed.

    `values` holds every number, true values, in a fixed order that settles ties.
    `implicit` numbers are never published; `public` ones are known to the attacker
    but never shown in the output, and never chosen as a complement.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if any(value < 0 for value in values.values()):
        raise ValueError("counts must not be negative")
    implicit, public = set(implicit), set(public)
    order = {name: i for i, name in enumerate(values)}
    hidden = {n for n, v in values.items() if 0 < v < k and n not in implicit and n not in public}
    given_up: set[str] = set()
    while True:
        leaks = [n for n in exposed(values, lines, hidden, implicit, k) if n not in given_up]
        if not leaks:
            return frozenset(hidden)
        pick = _complement(leaks[0], values, lines, hidden | implicit | public, order)
        if pick is None:
            given_up.add(leaks[0])  # nothing left to hide around it (not seen in practice)
        else:
            hidden.add(pick)


def _complement(
    leak: str,
    values: Mapping[str, int],
    lines: Sequence[Line],
    unavailable: set[str],
    order: Mapping[str, int],
) -> str | None:
    """The shown number to hide next to `leak`: nearest lines first, then members
    before totals, non-zero before zero, small before large, earlier before later."""
    reached, frontier = {leak}, {leak}
    while frontier:
        touching = [line for line in lines if frontier & set(line.names)]
        candidates: dict[str, tuple[bool, bool, int, int]] = {}
        for line in touching:
            for name in line.names:
                if name not in unavailable:
                    rank = (name == line.total, values[name] == 0, values[name], order[name])
                    candidates[name] = min(rank, candidates.get(name, rank))
        if candidates:
            return min(candidates, key=lambda name: candidates[name])
        frontier = {n for line in touching for n in line.names} - reached
        reached |= frontier
    return None
