"""The network report with small-cell suppression, ready to leave the network.

`suppressed_report(report, k, p)` returns a copy of a `NetworkReport` in which every
count below k children is `None` (primary), and so is every number that would let
a reader narrow a hidden count to fewer than p possible values (complementary).
`suppression` names each hidden figure's dotted JSON path and whether it is primary
or complementary. The rules work on the report's published JSON shape
(`suppress_figures`), since the hidden paths are named in it; docs/report.md has
them with examples:

- Counts of children (trajectories, persons, role assignments) below k are hidden;
  zeros are shown, since "nobody" identifies no one. So a hidden count is at
  least 1, and the attacker knows it.
- The whole report is one set of equations (`linked_suppression`): in the totals,
  every region, quarter and month `care_tables = budget_deployments +
  regular_starts`; the regions, the quarters and the months each add up to the
  totals, and the months of a quarter to the quarter; `started + carried_over =
  ongoing + ended`, and the same sum splits into trajectories with and without a
  care figure (`_year_equations`). What a figure leaves out is a count of children
  as well (referrals without a care table, referrals not extended, ...): never
  published, but protected when small. Care tables that are not a started search
  are the exception (`_SLACK`): in the equations, but not protected.
- With all of that and every shown number, each protected number's feasible range
  (lowest to highest value, by integer linear programming) stays at least p wide.
- `outcomes` add up to the ended (`not_recorded` included).
  `roles` count role assignments and are tied to no other figure.
- Days and money are not counts. `stay_days` of a kind shows only next to a shown
  count of at least k trajectories with such a stay; `budget_spent` only next to
  at least k shown budget deployments (each contributes, so at least k do); and
  `cost_per_trajectory` only when `budget_spent` and `started` both show, since
  it is one divided by the other.
- The action plan and the reference cost are about the network, never hidden.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ecogram.linked_suppression import DEFAULT_P, Line, suppress_linked
from ecogram.report_model import FUNNEL_KEYS, TABLE_KEYS, NetworkReport, quarter_of

#: The k of every report that leaves the network, unless an operator chooses another.
DEFAULT_K = 5
__all__ = ["DEFAULT_K", "DEFAULT_P", "suppress_figures", "suppressed_report"]
# What a funnel row leaves out, as `(name, whole, published part)`.
_FUNNEL_GAPS = (
    ("~no_care_table", "referrals", "care_tables"),
    ("~not_started", "care_tables", "started"),
)
_TABLES = TABLE_KEYS
_SUBSETS = ("extended", "non_parent_anchors")  # each a part of the referrals
# Care tables of trajectories that are not a care-figure search: the kind of service,
# not something that happened to a child. The equations need it; it is not protected,
# so "started", the figure the action plan is judged by, is not hidden to cover it.
_SLACK = "~not_started"
_IMPACT_PARTS = ("instead_of_stay", "shortened")  # parts of the trajectories with a care figure
#: stay days of a group of trajectories: shown only beside at least k shown trajectories
_IMPACT_DAYS = {
    "days_with_care_figure": "short_stays.with_care_figure",
    "days_without_care_figure": "short_stays.without_care_figure",
}


def suppressed_report(
    report: NetworkReport, k: int = DEFAULT_K, p: int = DEFAULT_P
) -> NetworkReport:
    """A copy of `report` with small counts and their complements hidden (None)."""
    return NetworkReport.from_json(suppress_figures(report.as_json(), k, p))


def suppress_figures(
    figures: Mapping[str, Any], k: int = DEFAULT_K, p: int = DEFAULT_P
) -> dict[str, Any]:
    """A deep copy of the report's JSON with small counts and their complements set to None."""
    values, lines, implicit = _equations(figures)
    slack = {name for name in implicit if name.endswith(_SLACK)}
    chosen = suppress_linked(values, lines, k, p, implicit=implicit - slack, slack=slack)
    result: dict[str, Any] = copy.deepcopy(dict(figures))
    for path in chosen.hidden:
        _set(result, path, None)
    primary = [path for path in values if path in chosen.primary]
    complementary = [path for path in values if path in chosen.complementary]
    hidden = [path for path in values if path in chosen.hidden]
    more_primary, more_complementary = _hide_amounts(figures, result, k, set(primary))
    primary += more_primary
    complementary += more_complementary
    result["suppression"] = {
        "k": k,
        "p": p,
        "hidden": [*hidden, *more_primary, *more_complementary],
        "primary": primary,
        "complementary": complementary,
    }
    return result


def _equations(figures: Mapping[str, Any]) -> tuple[dict[str, int], list[Line], set[str]]:
    values: dict[str, int] = {}
    lines: list[Line] = []
    implicit: set[str] = set()
    slices = {"": figures}
    for table in _TABLES:
        slices |= {f"{table}.{name}.": row for name, row in figures[table].items()}
    for prefix, row in slices.items():
        values |= {prefix + key: int(row[key]) for key in FUNNEL_KEYS}
        for gap, whole, part in _FUNNEL_GAPS:
            values[prefix + gap] = int(row[whole]) - int(row[part])
            implicit.add(prefix + gap)
            lines.append(Line((prefix + part, prefix + gap), prefix + whole))
        lines.append(
            Line((prefix + "budget_deployments", prefix + "regular_starts"), prefix + "care_tables")
        )
    keys = (*FUNNEL_KEYS, *(gap for gap, _, _ in _FUNNEL_GAPS))
    for table in _TABLES:
        for key in keys:
            members = tuple(f"{table}.{name}.{key}" for name in figures[table])
            lines.append(Line(members, key))
    for quarter in figures["by_quarter"]:
        months = [m for m in figures["by_month"] if quarter_of(m) == quarter]
        for key in keys:
            members = tuple(f"by_month.{month}.{key}" for month in months)
            lines.append(Line(members, f"by_quarter.{quarter}.{key}"))
    referrals = int(figures["referrals"])
    values |= {key: int(figures[key]) for key in _SUBSETS}
    _year_equations(figures, values, lines, implicit)
    for key in _SUBSETS:
        _add_subset(values, lines, implicit, key, referrals)
    for kind, count in figures["stays"].items():
        values[f"stays.{kind}"] = int(count)
        _add_subset(values, lines, implicit, f"stays.{kind}", referrals)
    values |= {f"roles.{key}": int(n) for key, n in figures["roles"].items()}
    values["care_figures_found"] = int(figures["care_figures_found"])
    return values, lines, implicit


def _year_equations(
    figures: Mapping[str, Any], values: dict[str, int], lines: list[Line], implicit: set[str]
) -> None:
    """The started trajectories as stock and flow (`ecogram.year_figures`), and their impact.

    `started + carried_over = ongoing + ended` (their sum, never published, is a count
    of children too); the outcomes add up to the ended; the trajectories with and
    without a care figure add up to the same sum, and "instead of a stay" and
    "shortened" are each a part of those with a care figure.
    """
    values |= {key: int(figures[key]) for key in ("carried_over", "ongoing", "ended")}
    values["~in_year"] = int(figures["started"]) + values["carried_over"]
    implicit.add("~in_year")
    lines.append(Line(("started", "carried_over"), "~in_year"))
    lines.append(Line(("ongoing", "ended"), "~in_year"))
    outcomes = {f"outcomes.{key}": int(n) for key, n in figures["outcomes"].items()}
    values |= outcomes
    lines.append(Line(tuple(outcomes), "ended"))
    impact = figures["short_stays"]
    groups = ("short_stays.with_care_figure", "short_stays.without_care_figure")
    values |= {path: int(impact[path.partition(".")[2]]) for path in groups}
    lines.append(Line(groups, "~in_year"))
    for key in _IMPACT_PARTS:
        path, rest = f"short_stays.{key}", f"~not.short_stays.{key}"
        values[path] = int(impact[key])
        values[rest] = values[groups[0]] - values[path]
        implicit.add(rest)
        lines.append(Line((path, rest), groups[0]))


def _add_subset(
    values: dict[str, int], lines: list[Line], implicit: set[str], key: str, referrals: int
) -> None:
    """`key` counts some of the referrals; the rest is a count of children too."""
    rest = f"~not.{key}"
    values[rest] = referrals - values[key]
    implicit.add(rest)
    lines.append(Line((key, rest), "referrals"))


def _shown_at_least(result: dict[str, Any], path: str, k: int) -> bool:
    value = _get(result, path)
    return value is not None and value >= k


def _hide_amounts(
    figures: Mapping[str, Any], result: dict[str, Any], k: int, primary: set[str]
) -> tuple[list[str], list[str]]:
    """Days and money: hidden unless a shown count of at least k stands behind them.

    Each is primary when the count behind it is a primary one (fewer than k children),
    complementary when that count was hidden only to protect another.
    """
    behind: dict[str, list[str]] = {}
    for kind, days in figures["stay_days"].items():
        if days and not _shown_at_least(result, f"stays.{kind}", k):
            behind[f"stay_days.{kind}"] = [f"stays.{kind}"]
    for key, group in _IMPACT_DAYS.items():
        if figures["short_stays"][key] and not _shown_at_least(result, group, k):
            behind[f"short_stays.{key}"] = [group]
    if figures["budget_spent"] and not _shown_at_least(result, "budget_deployments", k):
        behind["budget_spent"] = ["budget_deployments"]
    cost = figures["cost_per_trajectory"]
    if cost is not None and ("budget_spent" in behind or result["started"] is None):
        behind["cost_per_trajectory"] = ["budget_spent", "started"]
    for path in behind:
        _set(result, path, None)
    first = [p for p, counts in behind.items() if any(c in primary for c in counts)]
    primary.update(first)
    return first, [path for path in behind if path not in first]


def _get(tree: dict[str, Any], path: str) -> Any:
    *parents, leaf = _split(tree, path)
    node = tree
    for key in parents:
        node = node[key]
    return node[leaf]


def _set(tree: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = _split(tree, path)
    node = tree
    for key in parents:
        node = node[key]
    node[leaf] = value


def _split(tree: dict[str, Any], path: str) -> list[str]:
    """A dotted path's keys; region names may hold dots, so the table's keys are matched."""
    head, _, rest = path.partition(".")
    if head in _TABLES:
        name, _, measure = rest.rpartition(".")
        return [head, name, measure]
    return [head, rest] if rest else [head]
