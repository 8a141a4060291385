"""Suppression holds against an interval attacker: no hidden count narrower than p.

The attacker (tests/lp_attacker.py) is written apart from the suppressor: it
reads the published JSON only, knows the report's relations and the rule that
zeros are shown, and asks scipy's linear and integer programs for the lowest
and highest value of each hidden count.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from ecogram.db import make_engine, session_scope
from ecogram.demo_loader import load_demo
from ecogram.report import network_report
from ecogram.report_model import NetworkReport
from ecogram.report_suppression import DEFAULT_K, DEFAULT_P, suppress_figures
from ecogram.vocabulary import NetworkSlug
from exports.report_csv import report_csv
from exports.report_pdf import report_html
from exports.report_xlsx import report_xlsx
from tests.lp_attacker import hidden_ranges
from tests.test_report_suppression import reports

TODAY = dt.date(2026, 11, 23)
#: The calendar year of the demo's plan years, and the half year before "today".
PERIODS = [
    (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    (dt.date(2026, 5, 24), dt.date(2026, 11, 23)),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Session]:
    path = tmp_path_factory.mktemp("demo") / "ecogram.sqlite3"
    path.write_bytes(sqlite_template.read_bytes())
    engine = make_engine(f"sqlite:///{path}")
    with session_scope(engine) as session:
        load_demo(session, TODAY)
    with session_scope(engine) as session:
        yield session
    engine.dispose()


def narrow_cells(published: dict[str, Any], truth: dict[str, Any], p: int) -> dict[str, Any]:
    ranges = hidden_ranges(published, truth)
    return {name: r for name, r in ranges.items() if r[1] - r[0] < p}


def test_p_is_3_by_default_next_to_a_k_of_5() -> None:
    assert (DEFAULT_K, DEFAULT_P) == (5, 3)


@pytest.mark.parametrize("slug", list(NetworkSlug))
def test_the_attacker_narrows_no_hidden_demo_count_below_p_in_either_period(
    demo: Session, slug: NetworkSlug
) -> None:
    for start, end in PERIODS:
        truth = network_report(demo, slug, start, end).as_json()
        published = suppress_figures(truth)

        assert narrow_cells(published, truth, DEFAULT_P) == {}, (slug, start)


def test_without_complements_the_same_attacker_pins_hidden_demo_counts(demo: Session) -> None:
    # The attack has teeth: hiding only the small counts (p = 0 asks for no complement)
    # lets it work the network's one regular start of the year out exactly, in every
    # table, and narrow most other hidden counts below p, as the zero rule allows.
    start, end = PERIODS[0]
    truth = network_report(demo, NetworkSlug.OOST_VLAANDEREN, start, end).as_json()
    ranges = hidden_ranges(suppress_figures(truth, DEFAULT_K, 0), truth)

    pinned = {name: low for name, (low, high) in ranges.items() if low == high}
    assert pinned == {
        "regular_starts": 1,
        "by_region.Meetjesland.regular_starts": 1,
        "by_quarter.2026-Q3.regular_starts": 1,
        "by_month.2026-07.regular_starts": 1,
    }
    narrow = [name for name, (low, high) in ranges.items() if high - low < DEFAULT_P]
    assert len(narrow) >= 40


def test_a_figure_of_k_or_more_that_protects_nothing_stays_visible(demo: Session) -> None:
    # Limburg's plan year: 21 care tables of which 19 started searches. Hiding the 19
    # would only cover the 2 care tables of other trajectory kinds, no count of children.
    start, end = PERIODS[0]
    truth = network_report(demo, NetworkSlug.LIMBURG, start, end).as_json()
    published = suppress_figures(truth)

    assert (truth["care_tables"], truth["started"]) == (21, 19)
    assert published["started"] == 19
    for path in published["suppression"]["complementary"]:
        trial = _shown_again(published, truth, path)
        assert narrow_cells(trial, truth, DEFAULT_P), f"{path} protects nothing"


def _shown_again(published: dict[str, Any], truth: dict[str, Any], path: str) -> dict[str, Any]:
    """The published report with one hidden figure shown at its true value."""
    head, _, rest = path.partition(".")
    if head in ("by_region", "by_quarter", "by_month"):
        name, _, measure = rest.rpartition(".")
        keys = [head, name, measure]
    else:
        keys = [head, rest] if rest else [head]
    copy: dict[str, Any] = {
        key: (dict(value) if isinstance(value, dict) else value) for key, value in published.items()
    }
    node, true = copy, truth
    for key in keys[:-1]:
        node[key] = {k: (dict(v) if isinstance(v, dict) else v) for k, v in node[key].items()}
        node, true = node[key], true[key]
    node[keys[-1]] = true[keys[-1]]
    return copy


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(reports(), st.sampled_from([3, 5]))
def test_on_random_networks_no_hidden_count_is_narrower_than_p(
    figures: dict[str, Any], k: int
) -> None:
    published = suppress_figures(figures, k)

    assert narrow_cells(published, figures, DEFAULT_P) == {}


def test_every_hidden_figure_is_marked_primary_or_complementary_in_every_format(
    demo: Session,
) -> None:
    start, end = PERIODS[0]
    truth = network_report(demo, NetworkSlug.LIMBURG, start, end)
    published = NetworkReport.from_json(suppress_figures(truth.as_json()))
    suppression = published.as_json()["suppression"]
    primary, complementary = suppression["primary"], suppression["complementary"]
    assert primary and complementary
    assert sorted(primary + complementary) == sorted(suppression["hidden"])
    assert "stays.residential_group" in primary
    region, measure = complementary[0].removeprefix("by_region.").rsplit(".", 1)
    assert (truth.by_region[region].get(measure) or 0) >= DEFAULT_K  # hidden only to protect

    # Each CSV row is (label in words, value, key); the key does not depend on the language.
    lines = csv.reader(io.StringIO(report_csv(published, "en"), newline=""))
    rows = {key: value for _, value, key in lines}
    assert rows["suppression.primary"].split(";") == primary
    assert rows["suppression.complementary"].split(";") == complementary

    # A sheet's first column names the row in words, its last holds the row's key.
    book = load_workbook(io.BytesIO(report_xlsx(published, "en")))
    region_row = [row for row in book["By region"].iter_rows(min_row=2) if row[-1].value == region]
    column = 1 + [
        "referrals",
        "care_tables",
        "budget_deployments",
        "regular_starts",
        "started",
    ].index(measure)
    assert "(complementary)" in region_row[0][column].comment.text
    stays = {row[-1].value: row for row in book["Stays"].iter_rows(min_row=2)}
    assert "(primary)" in stays["residential_group"][1].comment.text

    html = report_html(published, "en")
    assert "hidden (P)" in html and "hidden (C)" in html


def test_an_unbounded_hidden_count_has_an_infinite_range() -> None:
    # Only zeros around a lone care-figures-found count: nothing bounds it from above.
    figures = suppress_figures(_tiny_report(care_figures_found=2))
    assert hidden_ranges(figures)["care_figures_found"] == (1.0, math.inf)


def _tiny_report(**changes: int) -> dict[str, Any]:
    from tests.test_report_suppression_examples import limburg_like

    return limburg_like(**changes)
