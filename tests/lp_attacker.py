"""An interval attacker on a published (suppressed) network report, for the tests.

Written apart from `ecogram.linked_suppression` on purpose: it reads only the
published JSON and the rules docs/report.md states, writes the report's
relations its own way (inequalities where the suppressor uses never-published
gap numbers) and solves with scipy's `milp` rather than the suppressor's HiGHS
calls. What it knows:

- every shown number;
- zeros are shown, so a hidden count is a whole number of at least 1;
- in the totals and in every region, quarter and month row:
  `care_tables = budget_deployments + regular_starts`, `care_tables <= referrals`,
  `started <= care_tables`;
- the regions, the quarters and the months each add up to the totals, and the
  months of a quarter to the quarter;
- the trajectories of the period as stock and flow (`ecogram.year_figures`):
  `started + carried_over = ongoing + ended`, and the same sum splits into
  `short_stays.with_care_figure + short_stays.without_care_figure`;
  `instead_of_stay` and `shortened` are each at most `with_care_figure`;
- the outcomes add up to the ended;
- `extended`, `non_parent_anchors` and each `stays.<kind>` are at most the referrals.

For each hidden count it asks the lowest and the highest value these allow.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

FUNNEL = ("referrals", "care_tables", "budget_deployments", "regular_starts", "started")
TABLES = ("by_region", "by_quarter", "by_month")
#: the counts of children among `short_stays` (the others are days)
IMPACT_COUNTS = ("with_care_figure", "without_care_figure", "instead_of_stay", "shortened")


def _quarter(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def counts(report: Mapping[str, Any]) -> dict[str, int | None]:
    """Every published count of children by dotted path (None when hidden)."""
    found: dict[str, int | None] = {key: report[key] for key in FUNNEL}
    for key in ("carried_over", "ongoing", "ended", "extended", "non_parent_anchors"):
        found[key] = report[key]
    found["care_figures_found"] = report["care_figures_found"]
    found |= {f"short_stays.{key}": report["short_stays"][key] for key in IMPACT_COUNTS}
    for breakdown in ("roles", "outcomes", "stays"):
        found |= {f"{breakdown}.{key}": n for key, n in report[breakdown].items()}
    for table in TABLES:
        for name, row in report[table].items():
            found |= {f"{table}.{name}.{key}": n for key, n in row.items()}
    return found


def relations(report: Mapping[str, Any]) -> list[tuple[dict[str, int], str]]:
    """(coefficients, "==" or "<=") meaning sum(c * x) == 0 or <= 0."""
    rows: list[tuple[dict[str, int], str]] = []
    prefixes = [""] + [f"{t}.{name}." for t in TABLES for name in report[t]]
    for p in prefixes:
        ct, ref = p + "care_tables", p + "referrals"
        rows.append(({p + "budget_deployments": 1, p + "regular_starts": 1, ct: -1}, "=="))
        rows.append(({ct: 1, ref: -1}, "<="))
        rows.append(({p + "started": 1, ct: -1}, "<="))
    for key in FUNNEL:
        for table in TABLES:
            row = {f"{table}.{name}.{key}": 1 for name in report[table]}
            rows.append((row | {key: -1}, "=="))
        for quarter in report["by_quarter"]:
            months = [m for m in report["by_month"] if _quarter(m) == quarter]
            row = {f"by_month.{m}.{key}": 1 for m in months}
            rows.append((row | {f"by_quarter.{quarter}.{key}": -1}, "=="))
    stock = {"ongoing": 1, "ended": 1}
    rows.append(({"started": 1, "carried_over": 1} | {key: -1 for key in stock}, "=="))
    with_figure = "short_stays.with_care_figure"
    groups = {with_figure: 1, "short_stays.without_care_figure": 1}
    rows.append((groups | {key: -1 for key in stock}, "=="))
    for part in ("instead_of_stay", "shortened"):
        rows.append(({f"short_stays.{part}": 1, with_figure: -1}, "<="))
    parts = ["extended", "non_parent_anchors", *(f"stays.{kind}" for kind in report["stays"])]
    for part in parts:
        rows.append(({part: 1, "referrals": -1}, "<="))
    outcomes = {f"outcomes.{key}": 1 for key in report["outcomes"]}
    rows.append((outcomes | {"ended": -1}, "=="))
    return rows


Matrices = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _matrices(report: Mapping[str, Any], column: dict[str, int], shown: dict[str, int]) -> Matrices:
    """(A_eq, b_eq, A_ub, b_ub) over the hidden counts, shown ones moved to the right."""
    equal: list[tuple[np.ndarray, float]] = []
    below: list[tuple[np.ndarray, float]] = []
    for coefficients, kind in relations(report):
        vector = np.zeros(len(column))
        constant = 0.0
        for name, c in coefficients.items():
            if name in column:
                vector[column[name]] += c
            else:
                constant += c * shown[name]
        if vector.any():
            (equal if kind == "==" else below).append((vector, -constant))
        else:
            assert constant == 0 if kind == "==" else constant <= 0, coefficients

    def stack(rows: list[tuple[np.ndarray, float]]) -> tuple[np.ndarray, np.ndarray]:
        if not rows:
            return np.zeros((0, len(column))), np.zeros(0)
        return np.array([v for v, _ in rows]), np.array([r for _, r in rows])

    return (*stack(equal), *stack(below))


def hidden_ranges(
    published: Mapping[str, Any], truth: Mapping[str, Any] | None = None
) -> dict[str, tuple[float, float]]:
    """(lowest, highest) of every hidden count; highest is inf when nothing bounds it.

    With `truth` (the report before suppression) it first checks that the true
    values satisfy every relation, so a wrong relation cannot pass as "unbounded".
    """
    published_counts = counts(published)
    hidden = [name for name, n in published_counts.items() if n is None]
    shown = {name: n for name, n in published_counts.items() if n is not None}
    column = {name: j for j, name in enumerate(hidden)}
    matrices = _matrices(published, column, shown)
    if truth is not None:
        true_counts = counts(truth)
        point = np.array([true_counts[name] for name in hidden], dtype=float)
        a_eq, b_eq, a_ub, b_ub = matrices
        assert np.allclose(a_eq @ point, b_eq) and np.all(a_ub @ point <= b_ub + 1e-9)
    ranges: dict[str, tuple[float, float]] = {}
    for name in hidden:
        cost = np.zeros(len(hidden))
        cost[column[name]] = 1.0
        ranges[name] = (_lowest(cost, matrices), -_lowest(-cost, matrices))
    return ranges


def _lowest(cost: np.ndarray, matrices: Matrices) -> float:
    """The integer minimum of cost @ x over x >= 1; -inf when there is none."""
    a_eq, b_eq, a_ub, b_ub = matrices
    relaxed = linprog(
        cost,
        A_ub=a_ub if len(b_ub) else None,
        b_ub=b_ub if len(b_ub) else None,
        A_eq=a_eq if len(b_eq) else None,
        b_eq=b_eq if len(b_eq) else None,
        bounds=(1, None),
        method="highs",
    )
    if relaxed.status == 3:
        return -math.inf
    assert relaxed.status == 0, relaxed.message
    if np.allclose(relaxed.x, np.round(relaxed.x), atol=1e-7):
        return float(round(relaxed.fun))  # whole numbers already: the integer optimum
    constraints = []
    if len(b_eq):
        constraints.append(LinearConstraint(a_eq, b_eq, b_eq))
    if len(b_ub):
        constraints.append(LinearConstraint(a_ub, -np.inf, b_ub))
    exact = milp(
        cost,
        constraints=constraints,
        integrality=np.ones(len(cost)),
        bounds=Bounds(np.ones(len(cost)), np.full(len(cost), np.inf)),
    )
    assert exact.status == 0, exact.message
    return float(round(exact.fun))


def narrowest(published: Mapping[str, Any], truth: Mapping[str, Any] | None = None) -> float:
    """The width of the narrowest hidden range (inf when nothing is hidden)."""
    ranges = hidden_ranges(published, truth)
    return min((high - low for low, high in ranges.values()), default=math.inf)
