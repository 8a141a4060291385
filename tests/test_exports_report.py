"""The report as XLSX and PDF: the numbers read back equal the JSON, the PDF has its charts."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from ecogram.report_model import NetworkReport
from ecogram.report_suppression import suppressed_report
from exports.charts import TITLES
from exports.report_pdf import report_html, report_pdf
from exports.report_xlsx import report_xlsx
from tests.test_report_suppression_examples import limburg_like

FUNNEL = ("referrals", "care_tables", "budget_deployments", "regular_starts", "started")


def example(**changes: Any) -> NetworkReport:
    figures = limburg_like(**{"stays/hospital": 3, "extended": 2}, **changes)
    figures["plan"] = {
        "committed": 12,
        "budget": 90000.0,
        "period": {"from": "2019-02-15", "to": "2020-02-15"},
    }
    return NetworkReport.from_json(figures)


REPORTS = {"plain": example(), "suppressed": suppressed_report(example())}


def sheet_rows(book: Any, title: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in book[title].iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("kind", list(REPORTS))
def test_the_xlsx_numbers_read_back_equal_the_json(kind: str) -> None:
    book = load_workbook(io.BytesIO(report_xlsx(REPORTS[kind])))
    figures = REPORTS[kind].as_json()

    summary = dict(sheet_rows(book, "Summary"))
    for key in (*FUNNEL, "ongoing", "ended", "extended", "care_figures_found"):
        assert summary[key] == figures[key], key
    for key in ("non_parent_anchors", "budget_spent", "cost_per_trajectory"):
        assert summary[key] == figures[key], key
    assert dict(sheet_rows(book, "Funnel")) == {key: figures[key] for key in FUNNEL}
    assert dict(sheet_rows(book, "Roles")) == figures["roles"]
    assert dict(sheet_rows(book, "Outcomes")) == figures["outcomes"]
    stays = {kind: (n, days) for kind, n, days in sheet_rows(book, "Stays")}
    assert stays == {k: (figures["stays"][k], figures["stay_days"][k]) for k in figures["stays"]}
    plan = dict(sheet_rows(book, "Plan"))
    assert (plan["committed"], plan["budget"]) == (12, 90000.0)
    for title, key in (("By region", "by_region"), ("By quarter", "by_quarter")):
        *rows, total = sheet_rows(book, title)
        assert {name: dict(zip(FUNNEL, values, strict=True)) for name, *values in rows} == (
            figures[key]
        )
        assert total == ("total", *(figures[measure] for measure in FUNNEL))
    assert book.sheetnames == [
        "Summary",
        "Plan",
        "Funnel",
        "Roles",
        "Outcomes",
        "Stays",
        "By region",
        "By quarter",
        "By month",
    ]


def test_a_hidden_xlsx_cell_is_empty_with_a_note_and_the_summary_names_k() -> None:
    figures = REPORTS["suppressed"]
    assert figures.stays["hospital"] is None
    book = load_workbook(io.BytesIO(report_xlsx(figures)))
    hospital = next(row for row in book["Stays"].iter_rows(min_row=2) if row[0].value == "hospital")
    assert hospital[1].value is None
    assert hospital[1].comment is not None
    assert "small-cell suppression" in hospital[1].comment.text
    group = next(row for row in book["Stays"].iter_rows(min_row=2) if row[0].value != "hospital")
    assert (group[1].value, group[1].comment) == (6, None)
    assert dict(sheet_rows(book, "Summary"))["suppression_k"] == 5


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_pdftotext_finds_the_key_figures_in_the_pdf(tmp_path: Path) -> None:
    figures = example()
    text = pdf_text(report_pdf(figures), tmp_path)

    for label, value in (
        ("Referrals", "60"),
        ("Care tables", "32"),
        ("Budget deployments", "16"),
        ("Regular starts", "16"),
        ("Started", "20"),
        ("Committed in the action plan", "12"),
        ("Budget of the action plan (EUR)", "90,000.00"),
        ("Budget spent (EUR)", "16,000.00"),
    ):
        assert re.search(rf"{re.escape(label)}.*\s{re.escape(value)}\b", text), label
    assert "Limburg" in text


def test_the_pdf_holds_every_chart_drawn_as_text_and_vectors(tmp_path: Path) -> None:
    figures = example()
    html = report_html(figures)
    text = pdf_text(report_pdf(figures), tmp_path)

    for title in TITLES.values():
        # The titles exist only inside the SVG charts (base64 in the HTML), so
        # finding them in the PDF's text proves each chart was drawn into it.
        assert title not in html
        assert title in text, title
    assert html.count('src="data:image/svg+xml;base64,') == len(TITLES)
    assert "committed (12)" in text  # the legend of the started-against-committed chart
    assert "reference 2,167.00" in text


def test_a_suppressed_pdf_says_hidden_and_names_k(tmp_path: Path) -> None:
    text = pdf_text(report_pdf(REPORTS["suppressed"]), tmp_path)
    assert "k = 5" in text
    assert "hidden" in text


def test_region_names_are_escaped_in_the_pdf_html() -> None:
    figures = example()
    regions = {"<b>Regio</b>": figures.by_region["Hasselt"], "Genk": figures.by_region["Genk"]}
    html = report_html(replace(figures, by_region=regions))
    assert "&lt;b&gt;Regio&lt;/b&gt;" in html
    assert "<b>Regio</b>" not in html
