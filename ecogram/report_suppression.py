"""The network report with small-cell suppression, ready to leave the network.

`suppressed_report(report, k)` returns a copy of a `NetworkReport` in which every
count a reader could use to single out fewer than k children is `None`, with the
k and the hidden figures' dotted JSON paths in its `suppression`. The rules work on
the report's published JSON shape (`suppress_figures`), since the hidden paths are
named in it; docs/report.md has them with examples:

- Counts of children (trajectories, persons, role assignments) below k are hidden;
  zeros are shown, since "nobody" identifies no one.
- The whole report is one set of equations (`linked_suppression`): in the totals,
  every region, quarter and month `care_tables = budget_deployments +
  regular_starts`; the regions, the quarters and the months each add up to the
  totals, and the months of a quarter to the quarter; `started + carried_over =
  ongoing + ended`, and the same sum splits into trajectories with and without a
  care figure (`_year_equations`). What a figure leaves out is a count of children
  as well (referrals without a care table, care tables that are not a started
  search, referrals not extended, ...): never published, but protected when small.
- `outcomes` add up to the ended (`not_recorded` included).
  `roles` count role assignments, tied to nothing else; they are protected as if
  their total were published, so their breakdown never has one lone hidden count.
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

from ecogram.linked_suppression import Line, suppress_linked
from ecogram.report_model import FUNNEL_KEYS, TABLE_KEYS, NetworkReport, quarter_of

#: The k of every report that leaves the network, unless an operator chooses another.
DEFAULT_K = 5
# What a funnel row leaves out, as `(name, whole, published part)`.
_FUNNEL_GAPS = (
    ("~no_care_table", "referrals", "care_tables"),
    ("~not_started", "care_tables", "started"),
)
_TABLES = TABLE_KEYS
_SUBSETS = ("extended", "non_parent_anchors")  # each a part of the referrals
_BREAKDOWNS = ("roles",)
_IMPACT_PARTS = ("instead_of_stay", "shortened")  # parts of the trajectories with a care figure
#: stay days of a group of trajectories: shown only beside at least k shown trajectories
_IMPACT_DAYS = {
    "days_with_care_figure": "short_stays.with_care_figure",
    "days_without_care_figure": "short_stays.without_care_figure",
}  # tied to no other figure: protected as if their total were public


def suppressed_report(report: NetworkReport, k: int = DEFAULT_K) -> NetworkReport:
    """A copy of `report` with small counts and their complements hidden (None)."""
    return NetworkReport.from_json(suppress_figures(report.as_json(), k))


def suppress_figures(figures: Mapping[str, Any], k: int = DEFAULT_K) -> dict[str, Any]:
    """A deep copy of the report's JSON with small counts and their complements set to None."""
    values, lines, implicit, public = _equations(figures)
    hidden = suppress_linked(values, lines, k, implicit=implicit, public=public)
    result: dict[str, Any] = copy.deepcopy(dict(figures))
    for path in hidden:
        _set(result, path, None)
    hidden_paths = [path for path in values if path in hidden]
    hidden_paths += _hide_amounts(figures, result, k)
    result["suppression"] = {"k": k, "hidden": hidden_paths}
    return result


def _equations(
    figures: Mapping[str, Any],
) -> tuple[dict[str, int], list[Line], set[str], set[str]]:
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
    public: set[str] = set()
    for breakdown in _BREAKDOWNS:
        members = tuple(f"{breakdown}.{key}" for key in figures[breakdown])
        values |= {f"{breakdown}.{key}": int(n) for key, n in figures[breakdown].items()}
        values[f"~{breakdown}_total"] = sum(int(n) for n in figures[breakdown].values())
        public.add(f"~{breakdown}_total")
        lines.append(Line(members, f"~{breakdown}_total"))
    values["care_figures_found"] = int(figures["care_figures_found"])
    return values, lines, implicit, public


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


def _hide_amounts(figures: Mapping[str, Any], result: dict[str, Any], k: int) -> list[str]:
    """Days and money: hidden unless a shown count of at least k stands behind them."""
    hidden: list[str] = []
    for kind, days in figures["stay_days"].items():
        if days and not _shown_at_least(result, f"stays.{kind}", k):
            hidden.append(f"stay_days.{kind}")
    for key, group in _IMPACT_DAYS.items():
        if figures["short_stays"][key] and not _shown_at_least(result, group, k):
            hidden.append(f"short_stays.{key}")
    if figures["budget_spent"] and not _shown_at_least(result, "budget_deployments", k):
        hidden.append("budget_spent")
    cost = figures["cost_per_trajectory"]
    if cost is not None and ("budget_spent" in hidden or result["started"] is None):
        hidden.append("cost_per_trajectory")
    for path in hidden:
        _set(result, path, None)
    return hidden


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
