"""Spreadsheet-bound report cells never run as formulas: read the written files back."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from ecogram.report_model import NetworkReport
from exports.report_csv import report_csv
from exports.report_xlsx import report_xlsx
from exports.spreadsheet import neutralised
from tests.test_exports_report import example

#: Region names as a user could type them, each a formula or the start of one.
HOSTILE = [
    '=HYPERLINK("http://example.invalid","Genk")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def with_regions(names: list[str]) -> NetworkReport:
    report = example()
    row = report.by_region["Genk"]
    return replace(report, by_region={name: row for name in names})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 11 22 33", "'+31 11 22 33"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Genk", "Genk"),
        ("St.-Truiden", "St.-Truiden"),  # a hyphen inside is harmless
        (-3, -3),  # numbers stay numbers
        (None, None),
    ],
)
def test_only_text_that_a_spreadsheet_could_run_is_marked_as_text(
    value: object, expected: object
) -> None:
    assert neutralised(value) == expected


def test_region_names_in_the_xlsx_are_stored_as_text_not_formulas() -> None:
    book = load_workbook(io.BytesIO(report_xlsx(with_regions(HOSTILE), "en")))

    rows = list(book["By region"].iter_rows(min_row=2))[:-1]  # not "total"
    for cells in ([row[0] for row in rows], [row[-1] for row in rows]):  # label and key
        assert [cell.data_type for cell in cells] == ["s"] * len(HOSTILE)
        assert [cell.value for cell in cells] == ["'" + name for name in HOSTILE]


def test_every_csv_cell_reads_back_without_a_formula_start() -> None:
    rows = list(csv.reader(io.StringIO(report_csv(with_regions(HOSTILE), "en"), newline="")))

    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    # The names come back whole, inside their measure names: a carriage return in one
    # is quoted, so it never starts a row of its own.
    measures = [row[2] for row in rows]
    assert all(f"by_region.{name}.referrals" in measures for name in HOSTILE)
    assert len([m for m in measures if m.startswith("by_region.")]) == 5 * len(HOSTILE)
