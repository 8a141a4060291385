"""Suppression of a whole report: no small count shows and none can be recomputed.

The attacker here is written independently of ecogram.linked_suppression: it knows
every shown number and every true linear relation of a report, and uses both
subtraction (line by line, repeatedly) and full linear algebra (numpy).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ecogram.report_suppression import suppress_figures
from ecogram.vocabulary import Outcome, Role, StayKind

TABLES = ("by_region", "by_quarter", "by_month")
FUNNEL = ("referrals", "care_tables", "budget_deployments", "regular_starts", "started")
# Trajectory types within one region and quarter: (care table, budget item, search).
TYPES = [(False, False, True), (True, True, True), (True, True, False)]
TYPES += [(True, False, True), (True, False, False)]


IMPACT_COUNTS = ("with_care_figure", "without_care_figure", "instead_of_stay", "shortened")
# Care tables that are not a started search tell the kind of service, not what happened
# to a child (docs/report.md, rule 5): the attacker may learn them, nothing protects them.
NOT_PROTECTED = "gap:not started"


def funnel_of(counts: list[int]) -> dict[str, int]:
    row = dict.fromkeys(FUNNEL, 0)
    for (table, budget, search), n in zip(TYPES, counts, strict=True):
        row["referrals"] += n
        row["care_tables"] += n if table else 0
        row["budget_deployments"] += n if table and budget else 0
        row["regular_starts"] += n if table and not budget else 0
        row["started"] += n if table and search else 0
    return row


@st.composite
def reports(draw: st.DrawFn) -> dict[str, Any]:
    """A consistent report, built up from trajectories per region and quarter."""
    regions = [f"Regio {i}" for i in range(draw(st.integers(1, 3)))] + ["(none)"]
    months = [f"2019-{m:02d}" for m in range(1, draw(st.integers(2, 7)) + 1)]
    quarters = sorted({quarter_of(month) for month in months})
    small = st.integers(0, 4)
    cells = {(r, m): [draw(small) for _ in TYPES] for r in regions for m in months}

    def total(keys: list[tuple[str, str]]) -> dict[str, int]:
        return funnel_of([sum(cells[key][i] for key in keys) for i in range(len(TYPES))])

    figures: dict[str, Any] = {"network": "limburg", "from": "2019-01-01", "to": "2019-12-31"}
    figures["plan"] = {"committed": 12, "budget": 90000.0, "period": None}
    figures |= total(list(cells))
    referrals = figures["referrals"]
    figures["carried_over"] = draw(st.integers(0, 6))
    in_year = figures["started"] + figures["carried_over"]
    figures["ongoing"] = draw(st.integers(0, in_year))
    figures["ended"] = in_year - figures["ongoing"]
    with_figure = draw(st.integers(0, in_year))
    figures["short_stays"] = {
        "with_care_figure": with_figure,
        "without_care_figure": in_year - with_figure,
        "days_with_care_figure": with_figure * draw(st.integers(0, 30)),
        "days_without_care_figure": (in_year - with_figure) * draw(st.integers(0, 30)),
        "instead_of_stay": draw(st.integers(0, with_figure)),
        "shortened": draw(st.integers(0, with_figure)),
    }
    figures["extended"] = draw(st.integers(0, referrals))
    figures["care_figures_found"] = draw(st.integers(0, 12))
    figures["roles"] = {role.value: draw(st.integers(0, 6)) for role in Role}
    figures["non_parent_anchors"] = draw(st.integers(0, referrals))
    left, outcomes = figures["ended"], {}
    for outcome in Outcome:
        outcomes[outcome.value] = draw(st.integers(0, min(left, 6)))
        left -= outcomes[outcome.value]
    figures["outcomes"] = outcomes | {"not_recorded": left}  # they add up to the ended
    figures["stays"] = {kind.value: draw(st.integers(0, min(referrals, 9))) for kind in StayKind}
    figures["stay_days"] = {
        kind: n * draw(st.integers(1, 30)) for kind, n in figures["stays"].items()
    }
    deployments = figures["budget_deployments"]
    figures["budget_spent"] = float(deployments * draw(st.integers(1, 3000)))
    started = figures["started"]
    figures["cost_per_trajectory"] = (
        round(figures["budget_spent"] / started, 2) if started else None
    )
    figures["reference_cost_per_trajectory"] = 2167.0
    figures["by_region"] = {r: total([(r, m) for m in months]) for r in regions}
    figures["by_quarter"] = {
        q: total([(r, m) for r in regions for m in months if quarter_of(m) == q]) for q in quarters
    }
    figures["by_month"] = {m: total([(r, m) for r in regions]) for m in months}
    return figures


def quarter_of(month: str) -> str:
    return f"2019-Q{(int(month[5:]) - 1) // 3 + 1}"


def counts_of(figures: dict[str, Any]) -> dict[str, Any]:
    """Every published count of children, by dotted path."""
    counts = {key: figures[key] for key in (*FUNNEL, "carried_over", "ongoing", "ended")}
    counts["extended"] = figures["extended"]
    impact = figures["short_stays"]
    counts |= {f"short_stays.{key}": impact[key] for key in IMPACT_COUNTS}
    counts |= {key: figures[key] for key in ("care_figures_found", "non_parent_anchors")}
    for breakdown in ("roles", "outcomes", "stays"):
        counts |= {f"{breakdown}.{key}": n for key, n in figures[breakdown].items()}
    for table in TABLES:
        for name, row in figures[table].items():
            counts |= {f"{table}.{name}.{key}": n for key, n in row.items()}
    return counts


def relations(figures: dict[str, Any]) -> tuple[list[tuple[list[str], str]], set[str]]:
    """Every true equation `sum(members) == total` of a report, and the never-published
    numbers in them (what a figure leaves out, e.g. referrals without a care table)."""
    lines: list[tuple[list[str], str]] = []
    secret: set[str] = set()
    prefixes = [""]
    for table in TABLES:
        prefixes += [f"{table}.{name}." for name in figures[table]]
    for p in prefixes:
        lines.append(([p + "care_tables", p + "gap:no table"], p + "referrals"))
        lines.append(([p + "budget_deployments", p + "regular_starts"], p + "care_tables"))
        lines.append(([p + "started", p + "gap:not started"], p + "care_tables"))
        secret |= {p + "gap:no table", p + "gap:not started"}
    for key in (*FUNNEL, "gap:no table", "gap:not started"):
        for table in TABLES:
            lines.append(([f"{table}.{name}.{key}" for name in figures[table]], key))
        for quarter in figures["by_quarter"]:
            months = [m for m in figures["by_month"] if quarter_of(m) == quarter]
            lines.append(([f"by_month.{m}.{key}" for m in months], f"by_quarter.{quarter}.{key}"))
    # The started trajectories and those carried over, as stock and flow.
    lines.append((["started", "carried_over"], "gap:in year"))
    lines.append((["ongoing", "ended"], "gap:in year"))
    groups = ["short_stays.with_care_figure", "short_stays.without_care_figure"]
    lines.append((groups, "gap:in year"))
    for key in ("instead_of_stay", "shortened"):
        lines.append(([f"short_stays.{key}", f"gap:not {key}"], groups[0]))
        secret.add(f"gap:not {key}")
    secret.add("gap:in year")
    for key in ("extended", "non_parent_anchors", *(f"stays.{s}" for s in figures["stays"])):
        lines.append(([key, f"gap:not {key}"], "referrals"))
        secret.add(f"gap:not {key}")
    lines.append(([f"outcomes.{key}" for key in figures["outcomes"]], "ended"))
    return lines, secret


def truth(figures: dict[str, Any]) -> dict[str, int]:
    values = dict(counts_of(figures))
    values["gap:in year"] = figures["started"] + figures["carried_over"]
    lines, secret = relations(figures)
    for members, total in lines:  # the gaps are each the only unknown of their first line
        missing = [m for m in members if m not in values]
        if len(missing) == 1 and total in values:
            values[missing[0]] = values[total] - sum(values[m] for m in members if m in values)
    assert secret <= set(values)
    return values


def subtraction_attack(known: dict[str, int], lines: list[tuple[list[str], str]]) -> set[str]:
    known, learnt = dict(known), set()
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            unknown = [name for name in [*members, total] if name not in known]
            if len(unknown) != 1:
                continue
            (name,) = unknown
            others = sum(known[m] for m in members if m != name)
            known[name] = others if name == total else known[total] - others
            learnt.add(name)
            changed = True
    return learnt


def algebra_attack(unknown: list[str], lines: list[tuple[list[str], str]]) -> set[str]:
    """Unknowns whose unit vector lies in the row space of the equations (numpy SVD)."""
    if not unknown:
        return set()
    column = {name: j for j, name in enumerate(unknown)}
    matrix = np.zeros((len(lines), len(unknown)))
    for i, (members, total) in enumerate(lines):
        for name, sign in [(m, 1.0) for m in members] + [(total, -1.0)]:
            if name in column:
                matrix[i, column[name]] += sign
    _, singular, vt = np.linalg.svd(matrix)
    basis = vt[: int((singular > 1e-9).sum())]
    projection = (basis**2).sum(axis=0)
    return {name for name, j in column.items() if projection[j] > 1 - 1e-6}


def exposed_by_attackers(figures: dict[str, Any], shown: dict[str, Any], k: int) -> set[str]:
    values = truth(figures)
    lines, secret = relations(figures)
    known = {name: value for name, value in counts_of(shown).items() if value is not None}
    protected = {name for name, value in counts_of(shown).items() if value is None}
    protected |= {
        name for name in secret if 0 < values[name] < k and not name.endswith(NOT_PROTECTED)
    }
    unknown = [name for name in values if name not in known]
    learnt = subtraction_attack(known, lines) | algebra_attack(unknown, lines)
    return learnt & protected


ks = st.integers(2, 6)


@settings(max_examples=15, deadline=None)
@given(reports(), ks)
def test_no_shown_count_in_a_whole_report_is_between_zero_and_k(
    figures: dict[str, Any], k: int
) -> None:
    shown = suppress_figures(figures, k)
    assert not {path: n for path, n in counts_of(shown).items() if n is not None and 0 < n < k}


@settings(max_examples=15, deadline=None)
@given(reports(), ks)
def test_no_hidden_count_of_a_whole_report_can_be_recomputed_from_the_rest(
    figures: dict[str, Any], k: int
) -> None:
    assert exposed_by_attackers(figures, suppress_figures(figures, k), k) == set()


@settings(max_examples=15, deadline=None)
@given(reports(), ks)
def test_shown_numbers_are_true_and_the_hidden_list_names_every_null(
    figures: dict[str, Any], k: int
) -> None:
    shown = suppress_figures(figures, k)
    hidden = set(shown["suppression"]["hidden"])
    assert shown["suppression"]["k"] == k
    for path, value in counts_of(shown).items():
        assert value == (None if path in hidden else counts_of(figures)[path])
    assert {key: shown[key] for key in ("plan", "reference_cost_per_trajectory")} == {
        key: figures[key] for key in ("plan", "reference_cost_per_trajectory")
    }


@settings(max_examples=15, deadline=None)
@given(reports(), ks)
def test_days_and_money_show_only_beside_k_or_more_shown_trajectories(
    figures: dict[str, Any], k: int
) -> None:
    shown = suppress_figures(figures, k)
    for kind, days in shown["stay_days"].items():
        if days:
            assert (shown["stays"][kind] or 0) >= k
    if shown["budget_spent"]:
        assert (shown["budget_deployments"] or 0) >= k
    if shown["cost_per_trajectory"] is not None:
        assert shown["budget_spent"] is not None
        assert shown["started"] is not None


@settings(max_examples=10, deadline=None)
@given(reports())
def test_nothing_is_hidden_with_k_one(figures: dict[str, Any]) -> None:
    shown = suppress_figures(figures, 1)
    assert shown["suppression"]["hidden"] == []
    assert {key: value for key, value in shown.items() if key != "suppression"} == figures
