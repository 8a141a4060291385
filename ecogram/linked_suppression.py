"""Small-cell suppression over linked tables that holds against an interval attacker.

A report is several tables tied together by equations (the funnel's
`care_tables = budget_deployments + regular_starts` in every region and
quarter, the regions and the quarters both summing to the same totals), and the
published rules add inequalities: zeros are shown, so a hidden count is at
least 1, and no count is negative. The attacker modelled here knows all of
that and every shown number, and asks an integer linear program (HiGHS) for
the lowest and the highest value each hidden number can take. That interval
is the number's *feasible range*; a range of width 0 pins it.

- every published number is shown or hidden; an *implicit* number (such as the
  referrals without a care table, `referrals - care_tables`) is never published
  but is a count of children too, so it is protected like a hidden one when small;
- a *slack* number is never published either but is no count to protect: the
  equations need it, as the care tables that are not a started search;
- a *public* number is known to the attacker but never printed (nor hidden);
- a protected number is safe when its range is at least `p` wide.

Primary suppressions are the counts with `0 < n < k`. Complements are then added
one at a time, next to the narrowest unsafe number, until every protected
range is at least `p` wide; zeros are never chosen, since "zeros are shown" is
a rule the attacker knows. It stops: each step hides one more number, and once
every non-zero number is hidden no shown number bounds a sum from above.
Finally every complement is tried shown again, largest first, and stays shown
when every range still holds, so a figure that protects nothing is never hidden.
"""

from __future__ import annotations

import math
import os
import sys
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

#: How wide every hidden number's feasible range must stay, unless told otherwise.
DEFAULT_P = 3
# Far above any count of children: a range that reaches it has no upper end. A finite
# bound keeps every program bounded, so the solver never has to prove unboundedness.
_CEILING = 10.0**7
_first_solver = threading.Lock()
# highspy's constructor carries no annotations; everything else about it is typed.
_HIGHS: Any = highspy.Highs
_started: list[bool] = []

#: A feasible assignment of some unknowns; an unknown it leaves out has its true value.
Solution = dict[str, int]


@dataclass(frozen=True)
class Line:
    """An equation `sum(members) == total` over named numbers."""

    members: tuple[str, ...]
    total: str

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.members, self.total)


@dataclass(frozen=True)
class Suppressed:
    """What to hide: the small counts themselves, and the numbers hidden to protect them."""

    primary: frozenset[str]
    complementary: frozenset[str]

    @property
    def hidden(self) -> frozenset[str]:
        return self.primary | self.complementary


def _solver() -> highspy.Highs:
    """A silent HiGHS instance.

    HiGHS prints a banner on standard output when the first instance of a process is
    made, before any option can be set, and `ecogram report` writes its JSON there.
    So the first one is made with file descriptor 1 on the null device.
    """
    with _first_solver:
        if not _started:
            sys.stdout.flush()
            saved, null = os.dup(1), os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, 1)
                _HIGHS()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(null)
            _started.append(True)
    highs: highspy.Highs = _HIGHS()
    highs.setOptionValue("output_flag", False)
    return highs


class _Program:
    """The attacker's integer program for one pattern of hidden numbers."""

    def __init__(
        self,
        values: Mapping[str, int],
        lines: Sequence[Line],
        hidden: Collection[str],
        implicit: Collection[str],
    ) -> None:
        unknown = set(hidden) | set(implicit)
        self.names = [name for name in values if name in unknown]
        self.column = {name: j for j, name in enumerate(self.names)}
        count = len(self.names)
        self.highs = _solver()
        lower = np.array([1.0 if name in hidden else 0.0 for name in self.names])
        self.highs.addVars(count, lower, np.full(count, _CEILING))
        for line in lines:
            coefficients: dict[int, float] = {}
            constant = 0.0
            for name, sign in [(m, 1.0) for m in line.members] + [(line.total, -1.0)]:
                if name in unknown:
                    j = self.column[name]
                    coefficients[j] = coefficients.get(j, 0.0) + sign
                else:
                    constant -= sign * values[name]
            coefficients = {j: c for j, c in coefficients.items() if c}
            if coefficients:
                index = np.array(list(coefficients), dtype=np.int32)
                weights = np.array(list(coefficients.values()))
                self.highs.addRow(constant, constant, len(index), index, weights)

    def extreme(self, name: str, *, highest: bool) -> Solution:
        """A solution in which `name` is as high (or as low) as the equations allow."""
        count = len(self.names)
        cost = np.zeros(count)
        cost[self.column[name]] = 1.0
        self.highs.changeColsCost(count, np.arange(count, dtype=np.int32), cost)
        sense = highspy.ObjSense.kMaximize if highest else highspy.ObjSense.kMinimize
        self.highs.changeObjectiveSense(sense)
        found = self._run()
        if not np.allclose(found, np.round(found), rtol=0, atol=1e-6):
            # The linear relaxation is fast and usually lands on whole numbers, which
            # are then the integer optimum too; otherwise solve the integer program.
            self._integrality(highspy.HighsVarType.kInteger)
            found = self._run()
            self._integrality(highspy.HighsVarType.kContinuous)
        return {n: round(found[j]) for n, j in self.column.items()}

    def _run(self) -> np.ndarray:
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise ArithmeticError("the report's equations could not be solved")
        return np.array(self.highs.getSolution().col_value)

    def _integrality(self, kind: highspy.HighsVarType) -> None:
        count = len(self.names)
        columns = np.arange(count, dtype=np.int32)
        self.highs.changeColsIntegrality(count, columns, np.array([kind] * count))


def feasible_range(
    values: Mapping[str, int],
    lines: Sequence[Line],
    hidden: Collection[str],
    implicit: Collection[str],
    name: str,
) -> tuple[float, float]:
    """(lowest, highest) value of one unknown given every other number; no end is `inf`."""
    program = _Program(values, lines, hidden, implicit)
    low = program.extreme(name, highest=False)[name]
    high = program.extreme(name, highest=True)[name]
    return float(low), math.inf if high > _CEILING / 2 else float(high)


class _Attack:
    """The interval attack on successive patterns, remembering what it has proved.

    A protected number is safe when two feasible solutions set it `p` apart; the
    true values are always one of them. Such solutions stay feasible when more
    numbers are hidden, and when a number is shown again at the value they give
    it, so most proofs carry over from one pattern to the next without a solve.
    """

    def __init__(
        self,
        values: Mapping[str, int],
        lines: Sequence[Line],
        implicit: set[str],
        slack: set[str],
        k: int,
        p: int,
    ) -> None:
        self.values, self.lines, self.k, self.p = values, lines, k, p
        self.implicit = implicit | slack
        self.guarded = {n for n in implicit - slack if 0 < values[n] < k}
        self.proofs: dict[str, tuple[Solution, Solution]] = {}
        self.order = {name: i for i, name in enumerate(values)}

    def _value(self, solution: Solution, name: str) -> int:
        return solution.get(name, self.values[name])

    def _holds(self, proof: tuple[Solution, Solution], hidden: set[str]) -> bool:
        unknown = hidden | self.implicit
        return all(
            value == self.values[name]
            for solution in proof
            for name, value in solution.items()
            if name not in unknown
        )

    def narrow(self, hidden: set[str]) -> list[str]:
        """Protected numbers whose feasible range is narrower than p, narrowest first.

        Protected: every hidden number and every small (0 < n < k) implicit one.
        """
        protected = hidden | self.guarded
        waiting = [
            name
            for name in sorted(protected, key=self.order.__getitem__)
            if name not in self.proofs or not self._holds(self.proofs[name], hidden)
        ]
        widths: dict[str, int] = {}
        program: _Program | None = None
        truth: Solution = {}
        while waiting:
            name = waiting.pop(0)
            if program is None:
                program = _Program(self.values, self.lines, hidden, self.implicit)
            high = program.extreme(name, highest=True)
            low = truth
            if self._value(high, name) - self.values[name] < self.p:
                low = program.extreme(name, highest=False)
            width = self._value(high, name) - self._value(low, name)
            if width < self.p:
                widths[name] = width
            else:
                self.proofs[name] = (low, high)
            for other in list(waiting):  # one solution often proves several numbers safe
                for a, b in ((truth, high), (truth, low), (low, high)):
                    if abs(self._value(a, other) - self._value(b, other)) >= self.p:
                        self.proofs[other] = (a, b)
                        waiting.remove(other)
                        break
        return sorted(widths, key=lambda name: (widths[name], self.order[name]))


def suppress_linked(
    values: Mapping[str, int],
    lines: Sequence[Line],
    k: int,
    p: int = DEFAULT_P,
    *,
    implicit: Collection[str] = (),
    slack: Collection[str] = (),
    public: Collection[str] = (),
) -> Suppressed:
    """The published numbers to hide so no count below k shows or can be narrowed below p.

    `values` holds every number, true values, in a fixed order that settles ties.
    `implicit` and `slack` numbers are never published (only the implicit ones are
    protected); `public` ones are known to the attacker but never shown in the output,
    and never chosen as a complement.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if p < 0:
        raise ValueError(f"p must not be negative, got {p}")
    if any(value < 0 for value in values.values()):
        raise ValueError("counts must not be negative")
    implicit, public = set(implicit) | set(slack), set(public)
    attack = _Attack(values, lines, implicit, set(slack), k, p)
    primary = {n for n, v in values.items() if 0 < v < k and n not in implicit | public}
    hidden = set(primary)
    added: list[str] = []
    given_up: set[str] = set()
    while True:
        leaks = [n for n in attack.narrow(hidden) if n not in given_up]
        if not leaks:
            break
        pick = _complement(leaks[0], values, lines, hidden | implicit | public, attack.order)
        if pick is None:
            given_up.add(leaks[0])  # nothing non-zero left to hide around it
        else:
            hidden.add(pick)
            added.append(pick)
    # Hidden one at a time, some complements may have become unnecessary: show them again.
    for name in sorted(added, key=lambda n: (-values[n], -attack.order[n])):
        trial = hidden - {name}
        if not [n for n in attack.narrow(trial) if n not in given_up]:
            hidden = trial
    return Suppressed(frozenset(primary), frozenset(hidden - primary))


def _complement(
    leak: str,
    values: Mapping[str, int],
    lines: Sequence[Line],
    unavailable: set[str],
    order: Mapping[str, int],
) -> str | None:
    """The shown non-zero number to hide next to `leak`: nearest lines first, then members
    before totals, small before large, earlier before later."""
    reached, frontier = {leak}, {leak}
    while frontier:
        touching = [line for line in lines if frontier & set(line.names)]
        candidates: dict[str, tuple[bool, int, int]] = {}
        for line in touching:
            for name in line.names:
                if name not in unavailable and values[name] > 0:
                    rank = (name == line.total, values[name], order[name])
                    candidates[name] = min(rank, candidates.get(name, rank))
        if candidates:
            return min(candidates, key=lambda name: candidates[name])
        frontier = {n for line in touching for n in line.names} - reached
        reached |= frontier
    return None
