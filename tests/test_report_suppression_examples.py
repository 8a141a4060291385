"""Suppression of a whole report, worked by hand: which figures go, and why."""

from __future__ import annotations

from typing import Any

import pytest

from ecogram.linked_suppression import Line, feasible_range, suppress_linked
from ecogram.report_suppression import suppress_figures
from ecogram.vocabulary import Outcome, Role, StayKind
from tests.test_report_suppression import TABLES, exposed_by_attackers, subtraction_attack

# --- Worked examples ---------------------------------------------------------------------


def limburg_like(**changes: Any) -> dict[str, Any]:
    """Two regions and two quarters, every count at least 5 unless changed."""
    row = {"referrals": 30, "care_tables": 16, "budget_deployments": 8, "regular_starts": 8}
    row["started"] = 10
    figures: dict[str, Any] = {key: 2 * n for key, n in row.items()}
    figures |= {"network": "limburg", "from": "2019-01-01", "to": "2019-12-31", "plan": {}}
    # 20 started and 35 carried over: 15 ongoing, 40 ended (5 per outcome).
    figures |= {"carried_over": 35, "ongoing": 15, "ended": 40}
    figures |= {"extended": 10, "care_figures_found": 9}
    figures |= {"non_parent_anchors": 7, "roles": {role.value: 5 for role in Role}}
    figures["outcomes"] = {outcome.value: 5 for outcome in Outcome} | {"not_recorded": 5}
    figures["short_stays"] = {
        "with_care_figure": 30,
        "without_care_figure": 25,
        "days_with_care_figure": 300,
        "days_without_care_figure": 250,
        "instead_of_stay": 10,
        "shortened": 6,
    }
    figures["stays"] = {kind.value: 6 for kind in StayKind}
    figures["stay_days"] = {kind.value: 60 for kind in StayKind}
    figures |= {"budget_spent": 16000.0, "cost_per_trajectory": 800.0}
    figures["reference_cost_per_trajectory"] = 2167.0
    figures["by_region"] = {"Hasselt": dict(row), "Genk": dict(row)}
    figures["by_quarter"] = {"2019-Q1": dict(row), "2019-Q2": dict(row)}
    figures["by_month"] = {"2019-01": dict(row), "2019-04": dict(row)}
    for path, value in changes.items():
        *parents, leaf = path.split("/")
        node = figures
        for key in parents:
            node = node[key]
        node[leaf] = value
    return figures


def test_a_report_without_small_counts_is_shown_whole() -> None:
    shown = suppress_figures(limburg_like())
    assert shown["suppression"] == {
        "k": 5,
        "p": 3,
        "hidden": [],
        "primary": [],
        "complementary": [],
    }


def test_two_budget_deployments_in_a_region_are_hidden_with_complements_around_them() -> None:
    # Hasselt: 2 budget deployments + 14 regular starts = 16 care tables. Hiding the 2
    # alone would give it away (16 - 14), and so would Genk's row via the total.
    figures = limburg_like(**{"by_region/Hasselt/budget_deployments": 2})
    figures["by_region"]["Hasselt"]["regular_starts"] = 14
    figures["by_region"]["Genk"] |= {"budget_deployments": 14, "regular_starts": 2}
    shown = suppress_figures(figures)
    hidden = shown["suppression"]["hidden"]
    assert "by_region.Hasselt.budget_deployments" in hidden
    assert "by_region.Genk.regular_starts" in hidden
    assert exposed_by_attackers(figures, shown, 5) == set()
    assert shown["referrals"] == 60


def test_two_referrals_without_a_care_table_are_not_given_away_by_the_difference() -> None:
    # 60 referrals and 58 care tables would say: 2 children without a care table.
    # 40 started and 15 carried over: still the 55 that are ongoing or ended.
    figures = limburg_like(
        care_tables=58, budget_deployments=29, regular_starts=29, started=40, carried_over=15
    )
    for table in TABLES:
        for row in figures[table].values():
            row |= {
                "care_tables": 29,
                "budget_deployments": 15,
                "regular_starts": 14,
                "started": 20,
            }
    figures["by_region"]["Genk"] |= {"budget_deployments": 14, "regular_starts": 15}
    figures["by_quarter"]["2019-Q2"] |= {"budget_deployments": 14, "regular_starts": 15}
    figures["by_month"]["2019-04"] |= {"budget_deployments": 14, "regular_starts": 15}
    shown = suppress_figures(figures)
    assert shown["referrals"] is None or shown["care_tables"] is None
    assert exposed_by_attackers(figures, shown, 5) == set()


def test_money_and_days_are_hidden_next_to_few_trajectories() -> None:
    figures = limburg_like(**{"stays/hospital": 3, "stay_days/hospital": 40})
    figures |= {"budget_deployments": 4, "regular_starts": 28}
    for table in TABLES:
        for row in figures[table].values():
            row |= {"budget_deployments": 2, "regular_starts": 14}
    shown = suppress_figures(figures)
    assert shown["stays"]["hospital"] is None
    assert shown["stay_days"] == {
        "residential_group": 60,
        "crisis_foster_family": 60,
        "hospital": None,
    }
    assert (shown["budget_spent"], shown["cost_per_trajectory"]) == (None, None)
    assert {"stay_days.hospital", "budget_spent", "cost_per_trajectory"} <= set(
        shown["suppression"]["hidden"]
    )


def test_the_input_is_left_as_it_was() -> None:
    figures = limburg_like(extended=3)
    suppress_figures(figures)
    assert figures["extended"] == 3 and "suppression" not in figures


def test_a_region_name_with_a_dot_is_found_again() -> None:
    changes = {"by_quarter/2019-Q2/started": 9, "by_month/2019-04/started": 9}
    figures = limburg_like(started=19, carried_over=36, **changes)  # 55 in the period still
    hasselt = figures["by_region"].pop("Hasselt")
    figures["by_region"] = {
        "St. Truiden": hasselt | {"started": 3},
        "Genk": hasselt | {"started": 16},
    }
    shown = suppress_figures(figures)
    assert shown["by_region"]["St. Truiden"]["started"] is None
    assert "by_region.St. Truiden.started" in shown["suppression"]["hidden"]
    assert exposed_by_attackers(figures, shown, 5) == set()


# --- The linear-algebra engine -----------------------------------------------------------


def test_combining_two_tables_pins_a_cell_no_single_line_gives_away() -> None:
    # a + b = 5 and a + c = 6 and b + c = 7: no single line has one unknown, yet
    # 2a = 5 + 6 - 7, so a = 2.
    lines = [Line(("a", "b"), "T1"), Line(("a", "c"), "T2"), Line(("b", "c"), "T3")]
    values = {"a": 2, "b": 3, "c": 4, "T1": 5, "T2": 6, "T3": 7}
    assert feasible_range(values, lines, {"a", "b", "c"}, (), "a") == (2.0, 2.0)
    assert (
        subtraction_attack(
            {"T1": 5, "T2": 6, "T3": 7}, [(list(line.members), line.total) for line in lines]
        )
        == set()
    )


def test_a_hidden_cell_of_at_least_one_is_narrowed_by_the_rule_that_zeros_show() -> None:
    # 1 + 2 + 10 = 13 with the 1 and the 2 hidden: they add up to 3, each at least 1,
    # so each lies in 1..2, too narrow for p = 3, though neither is pinned.
    values = {"a": 1, "b": 2, "c": 10, "T": 13}
    lines = [Line(("a", "b", "c"), "T")]
    assert feasible_range(values, lines, {"a", "b"}, (), "a") == (1.0, 2.0)
    chosen = suppress_linked(values, lines, 5, 3)
    assert chosen.primary == {"a", "b"}
    assert chosen.complementary == {"c"}
    assert feasible_range(values, lines, {"a", "b", "c"}, (), "a") == (1.0, 11.0)


def test_a_complement_that_protects_nothing_is_shown_again() -> None:
    # a is hidden (2); the first complement next to it is b, the smallest; c, hidden
    # too by an unlucky order, would protect nothing more and must stay visible.
    values = {"a": 2, "b": 6, "c": 40, "T": 48}
    chosen = suppress_linked(values, [Line(("a", "b", "c"), "T")], 5, 3)
    assert chosen.complementary == {"b"}


def test_a_zero_is_never_hidden_as_a_complement() -> None:
    values = {"a": 1, "z": 0, "c": 9, "T": 10}
    chosen = suppress_linked(values, [Line(("a", "z", "c"), "T")], 5, 3)
    assert "z" not in chosen.hidden
    assert chosen.complementary == {"c"}


def test_a_line_of_hidden_ones_is_given_another_complement() -> None:
    # 1 + 1 + 10 = 12: the two 1s are hidden, but two hidden cells of at least 1 that add
    # up to 2 are both 1; the 10 has to go too.
    values = {"a": 1, "b": 1, "c": 10, "T": 12}
    assert suppress_linked(values, [Line(("a", "b", "c"), "T")], 5).hidden == {"a", "b", "c"}


@pytest.mark.parametrize("k", [0, -3])
def test_suppression_refuses_a_k_below_one(k: int) -> None:
    with pytest.raises(ValueError, match="k must be at least 1"):
        suppress_figures(limburg_like(), k)


def test_suppression_refuses_negative_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress_linked({"a": -1, "T": 0}, [Line(("a",), "T")], 5)
