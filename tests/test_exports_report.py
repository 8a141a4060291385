"""The report as XLSX, CSV and PDF: the numbers read back equal the JSON, in words of the reader."""

from __future__ import annotations

import csv
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
from exports.charts import titles
from exports.report_csv import report_csv
from exports.report_pdf import report_html, report_pdf
from exports.report_xlsx import report_xlsx
from tests.test_report_suppression_examples import limburg_like

FUNNEL = ("referrals", "care_tables", "budget_deployments", "regular_starts", "started")


def example(**changes: Any) -> NetworkReport:
    figures = limburg_like(**{"stays/hospital": 3, "extended": 2}, **changes)
    figures["plan"] = {
        "committed": 12,
        "budget": 90000.0,
        "period": {"from": "2019-02-15", "to": "2020-02-14"},
        "status": "approved",
        "version": {"number": 1, "date": "2019-02-15"},
    }
    return NetworkReport.from_json(figures)


REPORTS = {"plain": example(), "suppressed": suppressed_report(example())}


def sheet_rows(book: Any, title: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in book[title].iter_rows(min_row=2, values_only=True)]


def by_key(book: Any, title: str) -> dict[Any, tuple[Any, ...]]:
    """A sheet's values by the key in its last column, whatever the language of its labels."""
    return {row[-1]: row[1:-1] for row in sheet_rows(book, title)}


def values_by_key(book: Any, title: str) -> dict[Any, Any]:
    return {key: values[0] for key, values in by_key(book, title).items()}


@pytest.mark.parametrize("kind", list(REPORTS))
def test_the_xlsx_numbers_read_back_equal_the_json(kind: str) -> None:
    book = load_workbook(io.BytesIO(report_xlsx(REPORTS[kind], "en")))
    figures = REPORTS[kind].as_json()

    summary = values_by_key(book, "Summary")
    for key in (*FUNNEL, "ongoing", "ended", "extended", "care_figures_found"):
        assert summary[key] == figures[key], key
    for key in ("non_parent_anchors", "budget_spent", "cost_per_trajectory"):
        assert summary[key] == figures[key], key
    assert values_by_key(book, "Funnel") == {key: figures[key] for key in FUNNEL}
    assert values_by_key(book, "Roles") == figures["roles"]
    assert values_by_key(book, "Outcomes") == figures["outcomes"]
    assert by_key(book, "Stays") == {
        k: (figures["stays"][k], figures["stay_days"][k]) for k in figures["stays"]
    }
    plan = values_by_key(book, "Plan")
    assert (plan["plan.committed"], plan["plan.budget"]) == (12, 90000.0)
    for title, key in (("By region", "by_region"), ("By quarter", "by_quarter")):
        rows = by_key(book, title)
        total = rows.pop(None)
        assert {name: dict(zip(FUNNEL, values, strict=True)) for name, values in rows.items()} == (
            figures[key]
        )
        assert total == tuple(figures[measure] for measure in FUNNEL)
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


def test_the_xlsx_for_a_dutch_reader_is_in_dutch_with_the_same_keys() -> None:
    book = load_workbook(io.BytesIO(report_xlsx(REPORTS["plain"], "nl")))
    assert book.sheetnames == [
        "Overzicht",
        "Plan",
        "Trechter",
        "Rollen",
        "Uitkomsten",
        "Verblijven",
        "Per regio",
        "Per kwartaal",
        "Per maand",
    ]
    assert [cell.value for cell in book["Overzicht"][1]] == ["Meting", "Waarde", "Sleutel"]
    summary = {row[2]: row[0] for row in sheet_rows(book, "Overzicht")}
    assert summary["referrals"] == "Aanmeldingen"
    assert summary["care_tables"] == "Zorgtafels"
    roles = {row[2]: row[0] for row in sheet_rows(book, "Rollen")}
    assert roles["respite"] == "respijtzorg"
    quarters = [row[0] for row in sheet_rows(book, "Per kwartaal")]
    assert quarters[0] == "K1 2019" and quarters[-1] == "Totaal"
    months = [row[0] for row in sheet_rows(book, "Per maand")]
    assert months[0] == "januari 2019"


def test_a_hidden_xlsx_cell_is_empty_with_a_note_and_the_summary_names_k() -> None:
    figures = REPORTS["suppressed"]
    assert figures.stays["hospital"] is None
    book = load_workbook(io.BytesIO(report_xlsx(figures, "en")))
    rows = {row[-1].value: row for row in book["Stays"].iter_rows(min_row=2)}
    hospital = rows.pop("hospital")
    assert hospital[0].value == "hospital"
    assert hospital[1].value is None
    assert hospital[1].comment is not None
    assert "small-cell suppression" in hospital[1].comment.text
    group = next(iter(rows.values()))
    assert (group[1].value, group[1].comment) == (6, None)
    assert values_by_key(book, "Summary")["suppression.k"] == 5


def test_the_csv_names_each_figure_in_the_readers_language_beside_its_key() -> None:
    dutch = list(csv.reader(io.StringIO(report_csv(REPORTS["plain"], "nl"))))
    english = list(csv.reader(io.StringIO(report_csv(REPORTS["plain"], "en"))))
    assert dutch[0] == ["Meting", "Waarde", "Sleutel"]
    assert english[0] == ["Measure", "Value", "Key"]
    in_dutch = {key: (label, value) for label, value, key in dutch[1:]}
    in_english = {key: (label, value) for label, value, key in english[1:]}
    assert in_dutch["referrals"] == ("Aanmeldingen", "60")
    assert in_english["referrals"] == ("Referrals", "60")
    assert in_dutch["by_region.Hasselt.care_tables"][0] == "Per regio – Hasselt – Zorgtafels"
    assert in_english["roles.respite"][0] == "Roles – respite"
    assert {key: value for key, (_, value) in in_dutch.items()} == {
        key: value for key, (_, value) in in_english.items()
    }


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
    text = pdf_text(report_pdf(figures, "en"), tmp_path)

    for label, value in (
        ("Referrals", "60"),
        ("Care tables", "32"),
        ("Budget deployments", "16"),
        ("Regular starts", "16"),
        ("Started", "20"),
        ("Committed in the action plan", "12"),
        ("Budget of the action plan", "€90,000.00"),
        ("Budget spent", "€16,000.00"),
    ):
        assert re.search(rf"{re.escape(label)}.*\s{re.escape(value)}", text), label
    assert "Limburg" in text
    assert "15 February 2019 up to and including 14 February 2020" in text


def test_the_pdf_for_a_dutch_reader_is_in_dutch(tmp_path: Path) -> None:
    text = pdf_text(report_pdf(example(), "nl"), tmp_path)
    for label, value in (
        ("Aanmeldingen", "60"),
        ("Zorgtafels", "32"),
        ("Toegezegd in het plan van aanpak", "12"),
        ("Budget van het plan van aanpak", "€ 90.000,00"),
    ):
        assert re.search(rf"{re.escape(label)}.*\s{re.escape(value)}", text), label
    assert "Kerncijfers" in text
    assert "15 februari 2019 tot en met 14 februari 2020" in text
    assert "Key figures" not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_holds_every_chart_drawn_as_text_and_vectors(lang: str, tmp_path: Path) -> None:
    figures = example()
    html = report_html(figures, lang)
    text = pdf_text(report_pdf(figures, lang), tmp_path)

    for title in titles(lang).values():
        # Each title is drawn inside its SVG chart (base64 in the HTML) and is only the
        # img's alt text otherwise, so finding it in the PDF's text proves the chart is there.
        assert title in text, title
    assert html.count('src="data:image/svg+xml;base64,') == len(titles(lang))
    legend = {
        "en": ("committed (12)", "reference €2,167.00"),
        "nl": ("toegezegd (12)", "€ 2.167,00"),
    }
    for words in legend[lang]:
        assert words in text


def test_a_suppressed_pdf_says_hidden_and_names_k(tmp_path: Path) -> None:
    text = pdf_text(report_pdf(REPORTS["suppressed"], "en"), tmp_path)
    assert "k = 5" in text
    assert "hidden" in text
    assert "verborgen" in pdf_text(report_pdf(REPORTS["suppressed"], "nl"), tmp_path)


def test_region_names_are_escaped_in_the_pdf_html() -> None:
    figures = example()
    regions = {"<b>Regio</b>": figures.by_region["Hasselt"], "Genk": figures.by_region["Genk"]}
    html = report_html(replace(figures, by_region=regions), "nl")
    assert "&lt;b&gt;Regio&lt;/b&gt;" in html
    assert "<b>Regio</b>" not in html
